import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkBotsRelease } from '../../../test/support/bots-release.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import type { Plan } from '../src/plan.js';
import { cli, tempDir } from './helpers.js';

/**
 * Blind s132/10 (MeetingRooms): an `@slack/client` 2.3 `RtmClient` kept in a module variable declared with no
 * value (`var rtm;`) and made by an assignment in the function that connects (`rtm = new RtmClient(…)`). The bot
 * never reads what `rtm.start` answered (it fetches its own lists later): every use of the variable is in this
 * file, so the helper module's start is asked for no list and the start-up asks `rtm.connect` alone, not 30
 * calls. The same client assigned to a name nobody declared (an implicit global, s132/03) may be read by any
 * script: it keeps the whole data.
 */
const BOT = `var RtmClient = require('@slack/client').RtmClient;
var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;

var rtm;

function connect(token) {
  rtm = new RtmClient(token, { logLevel: 'error', slackAPIUrl: process.env.SLACK_API_URL });
  rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
    console.log('connected');
    process.exit(0);
  });
  rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
    console.error('unable to start: ' + (error && error.message));
    process.exit(1);
  });
  rtm.start();
}

function listen(handler) {
  rtm.on('message', (message) => handler(message.text));
}

connect(process.env.SLACK_BOT_TOKEN);
listen(console.log);
`;

async function bot(source: string): Promise<string> {
  const dir = await tempDir('module-variable-client-');
  await writeFile(join(dir, 'bot.js'), source);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'rooms', version: '1.0.0', dependencies: { '@slack/client': '^2.3.0' } }));
  await linkBotsRelease(dir, 'slack-client-2-3', join('@slack', 'client'));
  return dir;
}

/** The plan's sites, with the API calls each start-up makes (at the default workspace size). */
async function planned(dir: string): Promise<Plan['sites']> {
  const scanned = await cli(['scan', '.', '--json'], dir);
  expect(scanned.code).toBe(0);
  return (JSON.parse(scanned.stdout) as Plan).sites;
}

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 132, users: 12, channels: 5, mode: 'legacy' });
});
afterAll(async () => {
  await fake.close();
});

describe('a 2.x RtmClient made by an assignment to a module variable', () => {
  it('declared with no value and used only in this file: started asking rtm.connect alone, and connects as before', { timeout: 180_000 }, async () => {
    const dir = await bot(BOT);
    const run = (): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });
    fake.setMode('legacy');
    const before = await run();
    expect([before.code, before.stderr, before.stdout]).toEqual([0, '', 'connected\n']);
    fake.setMode('connect_required');
    expect((await run()).code).toBe(1);

    const [site] = await planned(dir);
    expect([site?.id, site?.rewrite, site?.calls]).toEqual(['bot.js:16:3', 'helper-module', 1]);
    expect((await cli(['apply', '.', '--allow-dirty'], dir)).code).toBe(0);

    fake.resetCalls();
    const after = await run();
    expect([after.code, after.stderr, after.stdout]).toEqual([0, '', before.stdout]);
    expect(fake.calls.map((c) => c.method)).toEqual(['rtm.connect']);
  });

  it('an implicit global (no declaration) may be read by any script: the whole data, as rtm.start gave', { timeout: 180_000 }, async () => {
    const dir = await bot(BOT.replace('var rtm;\n', ''));
    const [site] = await planned(dir);
    expect(site?.rewrite).toBe('helper-module');
    expect(site?.calls).toBeGreaterThan(1);
    expect((await cli(['apply', '.', '--allow-dirty'], dir)).code).toBe(0);

    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });
    expect([after.code, after.stdout]).toEqual([0, 'connected\n']);
    expect(fake.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['users.list', 'conversations.list', 'rtm.connect']));
  });
});
