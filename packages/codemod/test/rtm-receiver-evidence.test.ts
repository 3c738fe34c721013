import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../../test/support/corpus.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * A v3 `RtmClient` (the real @slack/client 3.16 of fixtures/bots) that another module of the app makes
 * and hands over as `rtm` of an object, started in the bot's file with `chat.rtm.start()`, which reads
 * like a Web API client's `rtm.start`. The bot's file listens on it (`chat.rtm.on(RTM_EVENTS…)`), which
 * no Web API `rtm` can. The module makes the client in a way its text does not show as
 * `rtm: new RtmClient(` (a local first), so only those uses tell.
 */
const CHAT = `// Makes the app's two Slack clients once: the RTM client for events, the Web API client for calls.
'use strict';

var slack = require('@slack/client');

function make(token) {
  var client = new slack.RtmClient(token, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, dataStore: false, logLevel: 'error' });
  var web = new slack.WebClient(token, { slackAPIUrl: process.env.SLACK_API_URL, retryConfig: { retries: 0 } });
  return { rtm: client, web: web };
}

module.exports = make(process.env.SLACK_BOT_TOKEN);
`;

const START = 'chat.rtm.start();';

const BOT = `// Says who it is once signed in and how many people it can greet, then stops.
'use strict';

var slackClient = require('@slack/client');
var RTM_EVENTS = slackClient.RTM_EVENTS;
var CLIENT_EVENTS = slackClient.CLIENT_EVENTS;
var chat = require('./chat');

function run() {
  chat.rtm.on(RTM_EVENTS.MESSAGE, function (message) {
    console.log('heard ' + message.text);
  });
  chat.rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) {
    console.log('signed in as ' + data.self.name + ', ' + data.users.length + ' people');
  });
  chat.rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
    console.log('connected');
    process.stdout.write('', function () { process.exit(0); });
  });
  ${START}
}

run();
`;

function runBot(dir: string, apiUrl: string): Promise<RunResult> {
  return runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl, timeoutMs: 30_000 });
}

/** Comments dropped: what the program does. */
const code = (source: string): string => source.replace(/^\s*\/\/.*\n/gm, '');

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 53, users: 12, channels: 4, mode: 'legacy' });
});
afterAll(async () => {
  await fake.close();
});

describe('x.rtm.start() of a receiver the file listens on like an RTM client (`chat.rtm.on(RTM_EVENTS.MESSAGE, …)`)', () => {
  it('`rtm.connect` there breaks the v3 client and the lint offers no fix; the codemod starts it through startRtmClientMadeElsewhere(chat.rtm): the same output against connect_required', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-receiver-evidence-', { 'chat.js': CHAT, 'bot.js': BOT });
    fake.setMode('legacy');
    const before = await runBot(dir, fake.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^signed in as \S+, 12 people\nconnected\n$/);

    // What the `connect-only` rewrite made of it: the v3 client's `connect(url)` with no URL opens no session.
    const rewritten = await writeBotFiles('rtm-receiver-connect-', { 'chat.js': CHAT, 'bot.js': BOT.replace(START, 'chat.rtm.connect();') });
    fake.setMode('connect_required');
    fake.resetCalls();
    const wrong = await runBot(rewritten, fake.apiUrl);
    expect(wrong.stdout).not.toContain('signed in as');
    expect(wrong.stdout).not.toContain('connected');
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('The "url" argument must be of type string. Received undefined');
    expect(fake.calls.map((c) => c.method)).not.toContain('rtm.connect');

    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(false), ignore: false });
    const [result] = await eslint.lintFiles(['bot.js']);
    const messages = result?.messages ?? [];
    expect(messages.map((m) => `${String(m.line)} ${m.ruleId ?? '(fatal)'} ${m.messageId ?? ''}`)).toEqual(['20 @rtm-migrate/no-rtm-start rtmStart']);
    expect(messages.filter((m) => m.fix !== undefined || (m.suggestions ?? []).length > 0)).toEqual([]);

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/^done +bot\.js:\d+:\d+ +method-call → helper-module$/m);
    expect(migrated.stdout).toContain('TODOs left: 0');
    const source = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(source).not.toContain(START);
    expect(source).not.toContain('rtm.connect(');
    // The client's own start, through the generated module's check of what the client is when it starts.
    expect(code(source)).toBe(code(BOT.replace(START, 'startRtmClientMadeElsewhere(chat.rtm);').replace("var slackClient = require('@slack/client');\n", "var slackClient = require('@slack/client');\nconst { startRtmClientMadeElsewhere } = require('./rtm-start-data');\n")));
    expect(await readFile(join(dir, 'chat.js'), 'utf8')).toBe(CHAT);
    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await runBot(dir, fake.apiUrl);
    expectSameWithoutRtmStart(fake, before, after);

  });
});
