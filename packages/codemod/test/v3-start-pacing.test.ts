import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type Fault } from '@rtm-migrate/fake-slack';
import { describe, expect, it } from 'vitest';
import { copyV3Bot } from '../../../test/support/v3-bot.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli } from './helpers.js';

/**
 * How often a v3 RtmClient started by startRtmClient() starts again when a list the helper fetches
 * keeps failing. The client reconnects at once after a failed start (it has no backoff of its own);
 * its rtm.start was paced by Slack (429 + Retry-After, which its request queue waits out), the lists
 * are not: the helper makes each start after a failed one wait longer. Real @slack/client 3.16.0 with
 * its default retry policy, fake Slack on 127.0.0.1 with rate limits (a minute lasts 3 s).
 */

/** How long each bot runs, in ms. */
const RUN_MS = 15_000;

/** Prints its start events; exits after RUN_MS, or once open when `exitOnOpen`. */
const bot = (exitOnOpen: boolean): string => `var RtmClient = require('@slack/client').RtmClient;
var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;

var rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, dataStore: false, logLevel: 'error' });

rtm.on(CLIENT_EVENTS.RTM.CONNECTING, function () { console.log('connecting'); });
rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) { console.log('unable to start: ' + (error instanceof Error ? 'Error ' + error.message : String(error))); });
rtm.on(CLIENT_EVENTS.RTM.DISCONNECT, function (reason) { console.log('disconnect: ' + reason); });
rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) { console.log('authenticated: ' + data.users.length + ' users, ' + data.channels.length + ' channels'); });
rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () { console.log('opened');${exitOnOpen ? ' process.exit(0);' : ''} });
setTimeout(function () { process.exit(0); }, ${RUN_MS});

rtm.start();
`;

/** A token that may read users and the team, not conversations: rtm.start never needed more. */
const NO_CONVERSATIONS = { 'xoxb-no-conversations': { scopes: ['users:read', 'team:read'] } };

interface Measured {
  readonly run: RunResult;
  /** Start attempts (CONNECTING) and requests to fake Slack by method, each a second. */
  readonly perSecond: { starts: number; calls: Record<string, number> };
}

/** The bot before migration (rtm.start, legacy fake Slack) and after it (connect_required), each against a fresh fake with rate limits on. */
async function beforeAndAfter(token: string, exitOnOpen: boolean, before: Record<string, Fault> = {}, after: Record<string, Fault> = {}): Promise<{ before: Measured; after: Measured }> {
  const dir = await copyV3Bot('v3-start-pacing-');
  await writeFile(join(dir, 'src', 'bot.js'), bot(exitOnOpen));
  const once = async (mode: 'legacy' | 'connect_required', faults: Record<string, Fault>): Promise<Measured> => {
    const fake = await startFakeSlack({ seed: 5, users: 12, channels: 4, mode, rateLimits: { timeScale: 0.05 }, tokens: NO_CONVERSATIONS, faults });
    try {
      const started = Date.now();
      const run = await runNodeBot(join(dir, 'src', 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, token, timeoutMs: RUN_MS + 15_000 });
      const seconds = (Date.now() - started) / 1000;
      const rate = (n: number): number => Math.round((n / seconds) * 100) / 100;
      const calls: Record<string, number> = {};
      for (const [method, s] of Object.entries(fake.stats().byMethod)) calls[method] = rate(s.calls);
      return { run, perSecond: { starts: rate(run.stdout.split('\n').filter((l) => l === 'connecting').length), calls } };
    } finally {
      await fake.close();
    }
  };
  const first = await once('legacy', before);
  const migrated = await cli(['apply', '.'], dir);
  expect(migrated.stderr).toBe('');
  expect(migrated.code).toBe(0);
  const figures = { before: first, after: await once('connect_required', after) };
  console.log(`${token} per second: before ${JSON.stringify(figures.before.perSecond)}, after ${JSON.stringify(figures.after.perSecond)}`);
  return figures;
}

describe('a v3 RtmClient started by startRtmClient() whose lists fail', () => {
  it('missing_scope on conversations.list every start: the client reconnects as it does, each start after a failed one later, no tight loop', { timeout: 120_000 }, async () => {
    const { before, after } = await beforeAndAfter('xoxb-no-conversations', false);
    // rtm.start needed no read scope: it started once.
    expect(before.run.stdout).toMatch(/^connecting\nauthenticated: \d+ users, \d+ channels\nopened\n$/);
    // Each failed start is the client's own: UNABLE_TO_RTM_START with its Error, then a reconnect.
    expect(after.run.stdout).toMatch(/^(connecting\nunable to start: Error missing_scope\n)+(connecting\n)?$/);
    // Waits of 1, 2, 4, 8 s (plus users.list's Tier 2 pace): at most 5 starts in 15 s; without them about 2 a second.
    expect(after.perSecond.starts).toBeLessThanOrEqual(5 / (RUN_MS / 1000));
    expect(after.perSecond.calls['conversations.list']).toBeLessThanOrEqual(5 / (RUN_MS / 1000));
    // No rtm.connect: the start fails before it.
    expect(after.perSecond.calls['rtm.connect']).toBeUndefined();
  });

  it('HTTP 429 on conversations.list: the client\'s request queue waits out Retry-After and the start goes on, as it did for rtm.start', { timeout: 120_000 }, async () => {
    const { before, after } = await beforeAndAfter('xoxb-test', true, { 'rtm.start': { burst429: 2 } }, { 'conversations.list': { burst429: 2 } });
    expect(before.run.stdout).toMatch(/^connecting\nauthenticated: \d+ users, \d+ channels\nopened\n$/);
    expect(after.run).toEqual(before.run);
  });
});
