import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, knowsEveryUser, expectCachedChannelMembers, expectSameWithoutRtmStart, expectSecondRunChangesNothing, outcomes, scanFiles, writeBotFiles } from './helpers.js';

/**
 * A legacy client the app hands to a class of its own inside an object (blind corpus s37/07,
 * bocoup/chatter: `createSlackBot({ getSlack() { return { rtmClient: new RtmClient(…) } } })`, then
 * `this.slack = this.getSlack()` and `this.slack.rtmClient.start()` in the class), which the scan passed
 * over while reporting the class's `dataStore` look-ups as TODOs. The class reads that client's
 * `dataStore` with the legacy store's own look-ups, so the start is a client handed in: it starts through
 * the helper module's run-time check, which fills the store, and the look-ups need no change.
 */
const V3 = JSON.stringify({ name: 'bot', private: true, dependencies: { '@slack/client': '^3.15.0' } });

const SLACK_BOT = `'use strict';
// A bot the app hands its Slack clients to, as an object or a function making one.
class SlackBot {
  constructor(options) {
    this.slack = options.slack;
    this.getSlack = options.getSlack;
  }

  login(onOpen) {
    if (!this.slack) {
      this.slack = this.getSlack();
    }
    this.slack.rtmClient.on('open', onOpen);
    this.slack.rtmClient.start();
    return this;
  }

  userName(id) {
    return this.slack.rtmClient.dataStore.getUserById(id).name;
  }

  channel(name) {
    return this.slack.rtmClient.dataStore.getChannelByName(name);
  }
}

module.exports = SlackBot;
`;

/** The app: makes the clients, hands them over, and prints what the bot's store knows of the users and channels it is told of. */
const APP = `'use strict';
var Slack = require('@slack/client');
var SlackBot = require('./slack-bot');
var known = require('./known.json');

var bot = new SlackBot({
  getSlack: function () {
    return { rtmClient: new Slack.RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, logLevel: 'error', autoReconnect: false, dataStore: new Slack.MemoryDataStore() }) };
  },
});
bot.login(function print() {
  known.users.forEach(function (id) { console.log('user ' + id + ' ' + bot.userName(id)); });
  known.channels.forEach(function (name) {
    var cached = bot.channel(name);
    console.log('cached #' + name + ' ' + cached.id + ' members=' + cached.members.length);
  });
  process.stdout.write('', function () { process.exit(0); });
});
bot.slack.rtmClient.on('unable_to_rtm_start', function (error) { console.error('unable to start: ' + (error && error.message)); process.exit(1); });
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 37, users: 12, channels: 5, mode: 'legacy' });
});
afterAll(async () => {
  await fake.close();
});

describe("a legacy client handed to the app's class inside an object (chatter's shape)", () => {
  it('before: the bot knows the workspace; against connect_required it fails; migrated, it knows the same again with no rtm.start, and a second run changes nothing', { timeout: 180_000 }, async () => {
    const known = { users: fake.workspace.users.map((u) => u.id), channels: fake.workspace.byType.public_channel.filter((c) => c.isMember).map((c) => c.name) };
    const dir = await writeBotFiles('field-handed-', { 'package.json': V3, 'slack-bot.js': SLACK_BOT, 'index.js': APP, 'known.json': JSON.stringify(known) });
    const run = (): Promise<RunResult> => runNodeBot(join(dir, 'index.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });
    const before = await knowsEveryUser(fake, run);
    expectCachedChannelMembers(fake, before.stdout);

    const migrated = await breaksThenMigrates(fake, dir, run);
    expect(migrated).toMatch(/^done +slack-bot\.js:14:5 +unfollowed-client → helper-module$/m);
    const rewritten = await readFile(join(dir, 'slack-bot.js'), 'utf8');
    expect(rewritten).toContain('    startRtmClientMadeElsewhere(this.slack.rtmClient);\n');
    expect(rewritten).toContain('return this.slack.rtmClient.dataStore.getUserById(id).name;');

    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await run());
    await expectSecondRunChangesNothing(dir);
  });

  it.each([
    { form: 'a start with no legacy mark on the client', login: 'this.slack.server.start();', store: 'this.slack.server.users.get(id)' },
    { form: "a store read on another of the object's members", login: 'this.slack.server.start();', store: 'this.slack.rtmClient.dataStore.getUserById(id)' },
  ])('$form: no site for the start', async ({ login, store }) => {
    const source = `class Bot {\n  constructor(options) {\n    this.slack = options.slack;\n  }\n\n  login() {\n    ${login}\n  }\n\n  user(id) {\n    return ${store};\n  }\n}\n\nmodule.exports = Bot;\n`;
    const report = await scanFiles(V3, { 'bot.js': source });
    expect(outcomes(report)['bot.js:7:5']).toBeUndefined();
  });

  it('a class that makes the client itself is followed to its new, not handed in', async () => {
    const source = `const { RtmClient } = require('@slack/client');\n\nclass Bot {\n  constructor(token) {\n    this.slack = { rtmClient: new RtmClient(token) };\n  }\n\n  login() {\n    this.slack.rtmClient.start();\n  }\n\n  user(id) {\n    return this.slack.rtmClient.dataStore.getUserById(id);\n  }\n}\n\nmodule.exports = Bot;\n`;
    const report = await scanFiles(V3, { 'bot.js': source });
    const start = report.sites.find((s) => s.id === 'bot.js:9:5');
    expect(start?.rewrite).toBe('helper-module');
    expect(start?.message).toContain('now starts with `rtm.connect` (`useRtmConnect: true`)');
  });
});
