import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, writeBotFiles, type DryReport } from './helpers.js';

/**
 * Blind s109/01 (node-red-contrib-chatbot 0.6.11): an ES5 constructor puts a v3 `RtmClient` in `this.rtm` and starts
 * it in the next statement; another constructor of the file sets its own `node.rtm` to that client, taken from a
 * registry. Another write of a field of that name kept it a TODO, and the bot never connected. On the real
 * @slack/client 3.16 of fixtures/bots against fake Slack.
 */
const BOT = `var RtmClient = require('@slack/client').RtmClient;
var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;
var registry = {};

function ConfigNode(token) {
  registry.config = this;
  this.rtm = new RtmClient(token, { slackAPIUrl: process.env.SLACK_API_URL, logLevel: 'error', autoReconnect: false });
  this.rtm.start();
}

function InNode() {
  var node = this;
  node.rtm = registry.config.rtm;
  node.rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
    var store = node.rtm.dataStore;
    console.log(Object.keys(store.users).length + ' users, ' + Object.keys(store.channels).length + ' channels, #general has ' + store.getChannelByName('general').members.length);
    process.exit(0);
  });
}

new ConfigNode(process.env.SLACK_BOT_TOKEN);
new InNode();
`;

/**
 * Blind s110/05 (dog-ai/dogbot): the module's singleton of an ES5 constructor (`var instance = new Slack()`, declared
 * below its prototype's methods) is given its client in `load()`, and `start()` starts `instance._client`: the start
 * was missed (only the store's look-ups got TODOs), and the bot could not start.
 */
const SINGLETON_BOT = `var RtmClient = require('@slack/client').RtmClient;
var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;

function Slack() {}

Slack.prototype.load = function (token) {
  this._client = new RtmClient(token, { slackAPIUrl: process.env.SLACK_API_URL, logLevel: 'error', autoReconnect: false });
  return this.start();
};

Slack.prototype.start = function () {
  return new Promise(function (resolve) {
    instance._client.once(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, resolve);
    instance._client.start();
  });
};

var instance = new Slack();

instance.load(process.env.SLACK_BOT_TOKEN).then(function () {
  var store = instance._client.dataStore;
  console.log(Object.keys(store.users).length + ' users, ' + Object.keys(store.channels).length + ' channels, #general has ' + store.getChannelByName('general').members.length);
  process.exit(0);
});
`;

describe('a v3 client in a field the analysis follows to its start', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 119, users: 16, channels: 5, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  it.each([
    ['started in the next statement, another constructor setting its own field of that name', BOT, 'bot.js:8:3', 'startRtmClient(this.rtm'],
    ["a field of the module's singleton of an ES5 constructor", SINGLETON_BOT, 'bot.js:14:5', 'startRtmClient(instance._client'],
  ])('%s: started through the generated module, and the bot knows the same store', { timeout: 240_000 }, async (_name, source, id, started) => {
    const dir = await writeBotFiles('v3-field-started-after-', { 'bot.js': source });
    const start = () => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl });
    slack.setMode('legacy');
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^16 users, [1-9]\d* channels, #general has 16$/m);

    const ran = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout) as DryReport;
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([[id, 'helper-module']]);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain(started);

    slack.setMode('connect_required');
    slack.resetCalls();
    expectSameWithoutRtmStart(slack, before, await start());
  });
});
