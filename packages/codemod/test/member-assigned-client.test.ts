import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../../test/support/corpus.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, expectSameWithoutRtmStart, knowsEveryUser, scanFiles, writeBotFiles } from './helpers.js';

/**
 * An RTM client kept in a member assigned once onto an object literal held in a `const`
 * (`const state = {}` then `state.rtm = new RTMClient(token)`, blind s42/06 vacuumlabs/officebot): the
 * member is that client. A modern `RTMClient`'s `start()` calls `rtm.connect` itself, so its start is
 * no site (the negative got a TODO that it may be the client kept in a member named `rtm`); a v3
 * `RtmClient`'s is migrated as one kept in a variable is. A second write of the member keeps the TODO.
 */
const modern = (module: string, holder: string): string =>
  `const { RTMClient } = require('${module}');\n${holder}\nstate.rtm = new RTMClient(process.env.SLACK_BOT_TOKEN);\nstate.rtm.on('message', (m) => console.log(m.text));\nstate.rtm.start();\n`;

describe('a modern RTMClient assigned once onto a literal held in a const', () => {
  it.each([
    ['@slack/client', '4.4.0'],
    ['@slack/rtm-api', '5.0.5'],
  ])('of %s %s: its start() is no site', async (module, version) => {
    const manifest = JSON.stringify({ dependencies: { [module]: version } });
    const report = await scanFiles(manifest, { 'bot.js': modern(module, 'const state = {};') });
    expect(report.sites).toEqual([]);
    // The lint, on the same analysis, reports nothing either.
    const eslint = new ESLint({ cwd: tmpdir(), overrideConfigFile: true, overrideConfig: config(false) });
    const [result] = await eslint.lintText(modern(module, 'const state = {};'), { filePath: join(tmpdir(), 'bot.js') });
    expect(result?.messages).toEqual([]);
  });

  it('written again elsewhere (it may then be another client): not taken for that one, its start told at run time', async () => {
    const manifest = JSON.stringify({ dependencies: { '@slack/client': '4.4.0' } });
    const source = modern('@slack/client', 'const state = {};').replace('state.rtm.start();', 'state.rtm.start();\nexports.reset = (other) => { state.rtm = other; };');
    const report = await scanFiles(manifest, { 'bot.js': source });
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['bot.js:5:1', 'helper-module']]);
    expect(report.sites[0]?.message).toContain('now starts through `startRtmClientMadeElsewhere()`');
  });
});

/** A v3 bot keeping its client that way: it prints every user and each member channel's members. */
const V3_BOT = `var RtmClient = require('@slack/client').RtmClient;
var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;
var MemoryDataStore = require('@slack/client').MemoryDataStore;

var bot = {};
bot.rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, dataStore: new MemoryDataStore(), logLevel: 'error' });
bot.rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) {
  data.users.forEach(function (u) { console.log('user ' + u.id + ' ' + u.name); });
});
bot.rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
  var general = bot.rtm.dataStore.getChannelByName('general');
  console.log('#general members=' + general.members.length);
  // Not from within the event itself, where v3 keeps its socket open.
  setTimeout(function () { bot.rtm.disconnect(); }, 10);
});
bot.rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
  console.error('unable to start: ' + (error && error.message ? error.message : error));
  process.exitCode = 1;
  bot.rtm.disconnect();
});
bot.rtm.start();
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 42, users: 18, channels: 5, mode: 'legacy' });
});
afterAll(async () => {
  await fake.close();
});

describe('a v3 RtmClient assigned once onto a literal held in a var (real @slack/client 3.16)', () => {
  it('is started through startRtmClient(bot.rtm), made with useRtmConnect: true, and knows the same users and members against connect_required', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('member-assigned-client-', { 'bot.js': V3_BOT });
    const run = (): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });
    const before = await knowsEveryUser(fake, run);
    await breaksThenMigrates(fake, dir, run);
    const source = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(source).toContain("logLevel: 'error', useRtmConnect: true });");
    expect(source).toMatch(/^startRtmClient\(bot\.rtm[,)]/m);
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await run());
  });
});

/**
 * A client made in a chained assignment (`const slack = this.slack = new Slack(token)`, blind s43/01
 * makerbot/slackbot, a slack-client 1.x bot in a class constructor): the variable holds what the
 * assignment holds, so the start is the client's (it was MISSED: no site, no report).
 */
describe('a client made in a chained assignment', () => {
  it('slack-client 1.x in a class constructor: its login() is a site, wrapped', async () => {
    const manifest = JSON.stringify({ dependencies: { 'slack-client': '^1.4.1' } });
    const source = "const Slack = require('slack-client');\n\nclass Bot {\n  constructor(token) {\n    const slack = this.slack = new Slack(token, true, true);\n    slack.on('open', () => console.log(slack.self.name));\n    slack.login();\n  }\n}\n\nmodule.exports = Bot;\n";
    const report = await scanFiles(manifest, { 'bot.js': source });
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['bot.js:7:5', 'helper-module']]);
    expect(report.sites[0]?.message).toContain('`login()` of this `slack-client` 1.x client now goes through `withSlackClientRtmStart()`');
  });

  it('a v3 RtmClient (real @slack/client 3.16): started through startRtmClient(rtm), the same users and members against connect_required', { timeout: 120_000 }, async () => {
    const chained = V3_BOT.replace('var bot = {};\nbot.rtm = new RtmClient(', 'var bot = {};\nvar rtm = bot.rtm = new RtmClient(').replace('bot.rtm.start();', 'rtm.start();');
    expect(chained).toContain('var rtm = bot.rtm = new RtmClient(');
    const dir = await writeBotFiles('member-chained-client-', { 'bot.js': chained });
    const run = (): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });
    const before = await knowsEveryUser(fake, run);
    await breaksThenMigrates(fake, dir, run);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toMatch(/^startRtmClient\(rtm[,)]/m);
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await run());
  });
});
