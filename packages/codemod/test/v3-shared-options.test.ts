import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * A v3 `RtmClient` whose options sit in a variable the bot's `WebClient` is made with too (blind
 * s112/11, supinbot: `var clientConfig = { dataStore, logLevel, logger }`): a TODO before. The
 * literal takes `useRtmConnect: true`, which the WebClient does not read, and the WebClient still sees
 * what the RtmClient writes into that object (`maxRequestConcurrency: 1`), as before. Run with the real
 * @slack/client 3.16 against `rtm.start` before and against a Slack that retired it after: the same output.
 */
const BOT = `'use strict';
var SlackClient = require('@slack/client');

var store = new SlackClient.MemoryDataStore();
var clientConfig = {
  dataStore: store,
  slackAPIUrl: process.env.SLACK_API_URL,
  logLevel: 'error'
};

var rtm = new SlackClient.RtmClient(process.env.SLACK_BOT_TOKEN, clientConfig);
var web = new SlackClient.WebClient(process.env.SLACK_BOT_TOKEN, clientConfig);
rtm.autoReconnect = false;

rtm.on(SlackClient.CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
  var general = store.getChannelByName('general');
  console.log('users ' + Object.keys(store.users).length + ', #general ' + general.members.length + ' members, web concurrency ' + web.requestQueue.concurrency);
  web.chat.postMessage(general.id, 'back online', function (err) {
    console.log(err ? 'post failed: ' + err.message : 'posted to #general');
    process.stdout.write('', function () { process.exit(0); });
  });
});

rtm.on(SlackClient.CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
  console.error('unable to start: ' + (error && error.message ? error.message : error));
  process.exit(1);
});

rtm.start();
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 13, users: 30, channels: 6, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const run = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 90_000 });

describe('a v3 RtmClient made with options its WebClient shares', () => {
  it('gets useRtmConnect: true in their literal, and the bot knows and sends the same against connect_required', { timeout: 240_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-shared-options-', { 'bot.js': BOT });
    fake.setMode('legacy');
    const before = await run(dir);
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
    expect(before.stdout).toMatch(/\nusers \d+, #general \d+ members, web concurrency 1\nposted to #general\n$/);
    await breaksThenMigrates(fake, dir, () => run(dir));
    const source = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(source).toContain("  logLevel: 'error',\n  useRtmConnect: true\n};");
    expect(source).toContain('new SlackClient.RtmClient(process.env.SLACK_BOT_TOKEN, clientConfig);');
    expect(source).toContain("startRtmClient(rtm, {}, { optional: ['team.prefs'] });");
    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await run(dir);
    expectSameWithoutRtmStart(fake, before, after);
  });
});
