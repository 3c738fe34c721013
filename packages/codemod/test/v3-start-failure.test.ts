import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type Fault } from '@rtm-migrate/fake-slack';
import { describe, expect, it } from 'vitest';
import { copyV3Bot, installV3Release } from '../../../test/support/v3-bot.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli } from './helpers.js';

/**
 * A v3 RtmClient whose first start fails, before (rtm.start, legacy fake Slack) and after migration
 * (startRtmClient(): the lists, then rtm.connect, against connect_required). The client's own start
 * handling decides what follows, in both: an unrecoverable error (invalid_auth) emits
 * UNABLE_TO_RTM_START and DISCONNECT and the process stays up; a transient one (an HTTP 500, retries
 * off) emits UNABLE_TO_RTM_START and reconnects. Real @slack/client 3.16.0, and 3.9.0 and 3.0.0, which
 * have no `useRtmConnect` (their rtm.start request is sent as rtm.connect); fake Slack on 127.0.0.1.
 */

/** Prints the client's start events in order; stays up a moment after a disconnect, to show it did not die. */
const BOT = `var RtmClient = require('@slack/client').RtmClient;
var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;
var MemoryDataStore = require('@slack/client').MemoryDataStore;

var rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, dataStore: new MemoryDataStore(), retryConfig: { retries: 0 }, logLevel: 'error' });

rtm.on(CLIENT_EVENTS.RTM.CONNECTING, function () { console.log('connecting'); });
rtm.on(CLIENT_EVENTS.RTM.ATTEMPTING_RECONNECT, function () { console.log('attempting reconnect'); });
rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
  console.log('unable to start: ' + (error instanceof Error ? 'Error ' + error.message : String(error)));
});
rtm.on(CLIENT_EVENTS.RTM.DISCONNECT, function (reason, error) {
  console.log('disconnect: ' + reason + ' / ' + (error instanceof Error ? 'Error ' + error.message : String(error)));
  setTimeout(function () { console.log('still up'); process.exit(0); }, 300);
});
rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) {
  console.log('authenticated: ' + data.users.length + ' users, ' + data.channels.length + ' channels');
});
rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
  console.log('opened');
  rtm.autoReconnect = false;
  rtm.disconnect();
});

rtm.start();
`;

/** The bot's output before migration against legacy fake Slack, and after it against connect_required, each start failing once with `fault`. */
async function beforeAndAfter(release: string | undefined, token: string, before: Record<string, Fault>, after: Record<string, Fault>, bot = BOT): Promise<{ before: RunResult; after: RunResult; source: string }> {
  const fake = await startFakeSlack({ seed: 5, users: 12, channels: 4, mode: 'legacy', faults: before });
  try {
    const dir = await copyV3Bot('v3-start-failure-');
    if (release !== undefined) await installV3Release(dir, release);
    await writeFile(join(dir, 'src', 'bot.js'), bot);
    const run = (): Promise<RunResult> => runNodeBot(join(dir, 'src', 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, token, timeoutMs: 30_000 });
    const first = await run();
    const migrated = await cli(['apply', '.'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    fake.setMode('connect_required');
    fake.clearFaults();
    for (const [method, fault] of Object.entries(after)) fake.injectFault(method, fault);
    return { before: first, after: await run(), source: await readFile(join(dir, 'src', 'bot.js'), 'utf8') };
  } finally {
    await fake.close();
  }
}

describe.each([{ release: undefined }, { release: '3.9.0' }, { release: '3.0.0' }])('a v3 RtmClient ($release; none: 3.16.0) whose first start fails, started by startRtmClient()', ({ release }) => {
  it('invalid_auth: the same UNABLE_TO_RTM_START and DISCONNECT, no reconnect, and the process stays up', { timeout: 120_000 }, async () => {
    const { before, after, source } = await beforeAndAfter(release, 'xoxb-revoked', {}, {});
    expect(source).toContain('startRtmClient(rtm');
    expect(before.code).toBe(0);
    // After the MemoryDataStore's deprecation warning, from 3.10 on.
    // Each release words its error and disconnect its own way (3.0: the bare error code).
    expect(before.stdout).toMatch(/(^|\n)connecting\nunable to start: (Error )?invalid_auth\ndisconnect: [^\n]+ \/ (Error )?invalid_auth\nstill up\n$/);
    expect(after).toEqual(before);
  });

  it('an HTTP 500 on the first request: the same UNABLE_TO_RTM_START, then the reconnect the client makes, which starts', { timeout: 120_000 }, async () => {
    const { before, after } = await beforeAndAfter(release, 'xoxb-test', { 'rtm.start': { status500: 1 } }, { 'users.list': { status500: 1 } });
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(
      /(^|\n)connecting\nunable to start: Error Unable to process request, received (status|bad) 500( error)?\nattempting reconnect\nconnecting\nauthenticated: \d+ users, \d+ channels\nopened\ndisconnect: /,
    );
    expect(after).toEqual(before);
  });

  it('a handler that throws on UNABLE_TO_RTM_START: logged by the client, the process not ended by it', { timeout: 120_000 }, async () => {
    const throwing = BOT.replace('rtm.start();', "rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function () { throw new Error('handler failed'); });\n\nrtm.start();");
    const { before, after } = await beforeAndAfter(release, 'xoxb-revoked', {}, {}, throwing);
    // The client's request queue logs a throw from a request's callback: the start ends there, undisconnected.
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/(^|\n)connecting\nunable to start: (Error )?invalid_auth\n$/);
    expect(before.stderr).toContain('handler failed');
    // The thrown error's stack goes through other frames; what the bot does and prints is the same.
    const firstLines = (run: RunResult): unknown => ({ code: run.code, stdout: run.stdout, stderr: run.stderr.split('\n').filter((l) => !/^\s+at /.test(l)) });
    expect(firstLines(after)).toEqual(firstLines(before));
  });
});
