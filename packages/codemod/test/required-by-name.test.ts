import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, V3_BOT_END, writeBotFiles, type DryReport } from './helpers.js';

/**
 * Blind s137/05 (Slack-Stream): the SDK required through a name the file binds once to its string and never
 * writes again (`let slack_sdk_path = '@slack/client'; let slack = require(slack_sdk_path)`). Its v3 client's
 * start was no site, `--check` passed, and the bot failed with `rtm_connect_required`. Run with the
 * @slack/client 3.16 fixtures/bots installs.
 */
const BOT = `let slack_sdk_path = '@slack/client';
let slack = require(slack_sdk_path);
let RtmClient = slack.RtmClient;
let CLIENT_EVENTS = slack.CLIENT_EVENTS;

let rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' });

rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (start) {
  console.log('signed in as ' + start.self.name + ' of ' + start.team.name);
  for (const u of start.users.map((user) => user.id + ' ' + user.name).sort()) console.log('user ' + u);
});

${V3_BOT_END}`;

const MANIFEST = JSON.stringify({ name: 'stream', version: '1.0.0', dependencies: { '@slack/client': '3.16.0' } });

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 137, users: 11, channels: 4, mode: 'legacy' });
});
afterAll(async () => {
  await fake.close();
});

describe('the SDK required through a name bound to its string', () => {
  it('the client is found, its start migrated, and the bot knows the same workspace against connect_required', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('required-by-name-', { 'bot.js': BOT, 'package.json': MANIFEST });
    const run = (): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
    fake.setMode('legacy');
    const before = await run();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout.match(/^user U\w+ \S+$/gm)).toHaveLength(11);

    const ran = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(ran.code).toBe(0);
    expect((JSON.parse(ran.stdout) as DryReport).sites.map((s) => [s.id, s.rewrite])).toEqual([['bot.js:22:1', 'helper-module']]);

    fake.setMode('connect_required');
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await run());
    expect((await cli(['apply', '.', '--check'], dir)).code).toBe(0);
  });

  it('a name written again later may hold another module: no site is made of it', { timeout: 120_000 }, async () => {
    const rebound = BOT.replace("let slack = require(slack_sdk_path);", "if (process.env.SDK) slack_sdk_path = process.env.SDK;\nlet slack = require(slack_sdk_path);");
    const dir = await writeBotFiles('required-by-name-rebound-', { 'bot.js': rebound, 'package.json': MANIFEST });
    const ran = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(ran.code).toBe(0);
    expect((JSON.parse(ran.stdout) as DryReport).sites.map((s) => s.rewrite)).not.toContain('helper-module');
  });
});
