import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectCachedChannelMembers, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * A bot library on the real @slack/client 3.16 (fixtures/bots' install) whose bot is a subclass of the
 * v3 `RtmClient` made in its own module, as slacky 2.1.0 writes it (blind s106/03: MISSED, the migrated
 * bot retried rtm.start for ever): an ES5 function given its parent by `util.inherits` in `lib/bot.js`,
 * reached through the package's entry point (`require('..')`, whose `index.js` re-exports it); and an ES
 * class in `lib/class-bot.js`, required by its path.
 */
const FILES = {
  'package.json': JSON.stringify({ name: 'slackish', version: '1.0.0', main: 'index.js', dependencies: { '@slack/client': '3.16.0' } }, null, 2),
  'index.js': "module.exports = require('./lib/bot');\n",
  'lib/bot.js': `'use strict';

var slack = require('@slack/client');
var util = require('util');

// A bot is an RTM client that also routes messages to the handlers given to listen().
function Bot(token, options) {
  slack.RtmClient.apply(this, arguments);
  this.routes = [];
}

util.inherits(Bot, slack.RtmClient);

Bot.prototype.listen = function (pattern, handler) {
  this.routes.push({ pattern: pattern, handler: handler });
};

module.exports = Bot;
`,
  'lib/class-bot.js': `'use strict';

const { RtmClient } = require('@slack/client');

class ClassBot extends RtmClient {
  greet(channel) {
    return this.sendMessage('hello', channel);
  }
}

module.exports = ClassBot;
`,
};

const example = (load: string): string => `'use strict';

var slack = require('@slack/client');
var Bot = require('${load}');
var CLIENT_EVENTS = slack.CLIENT_EVENTS;

var bot = new Bot(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error', dataStore: new slack.MemoryDataStore() });
var seen = [];

bot.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) {
  console.log('signed in as ' + data.self.name + ' with ' + data.users.length + ' users');
  seen = data.channels.filter(function (c) { return c.is_member; }).map(function (c) { return c.name; }).sort();
});

bot.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
  var store = bot.dataStore;
  Object.keys(store.users).sort().forEach(function (id) { console.log('cached ' + id + ' ' + store.getUserById(id).name); });
  seen.forEach(function (name) {
    var channel = store.getChannelByName(name);
    console.log('cached #' + name + ' ' + channel.id + ' members=' + channel.members.length);
  });
  process.stdout.write('', function () { process.exit(0); });
});

bot.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
  console.error('unable to start: ' + (error && error.message ? error.message : error));
  process.exit(1);
});

bot.start();
`;

const EXAMPLES = { 'example/bot.js': example('..'), 'example/class-bot.js': example('../lib/class-bot') };

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 106, users: 30, channels: 5, mode: 'legacy' });
});
afterAll(async () => {
  await fake.close();
});

describe("start() of a subclass of the v3 RtmClient made in another module of the app's package", () => {
  it('is migrated, and each example knows the same users, channels and complete members against connect_required', { timeout: 240_000 }, async () => {
    const dir = await writeBotFiles('v3-subclass-', { ...FILES, ...EXAMPLES });
    const run = (main: string): Promise<RunResult> => runNodeBot(join(dir, main), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });
    const before: Record<string, RunResult> = {};
    fake.setMode('legacy');
    for (const main of Object.keys(EXAMPLES)) {
      before[main] = await run(main);
      expect([before[main].code, before[main].stderr], main).toEqual([0, '']);
      expect(before[main].stdout.match(/^cached U\w+ \S+$/gm), main).toHaveLength(fake.workspace.users.length);
      expectCachedChannelMembers(fake, before[main].stdout);
    }

    const done = await cli(['apply', '.', '--allow-dirty', '--no-verify', '--report', 'json'], dir);
    expect(done.code).toBe(0);
    const report = JSON.parse(done.stdout) as { todos: number; sites: { id: string; form: string; rewrite: string }[] };
    expect(report.sites.map((s) => [s.id, s.form, s.rewrite])).toEqual([
      ['example/bot.js:30:1', 'legacy-client', 'helper-module'],
      ['example/class-bot.js:30:1', 'legacy-client', 'helper-module'],
    ]);
    expect(report.todos).toBe(0);
    // The library's own modules stay as they are: only the starts change.
    for (const file of ['index.js', 'lib/bot.js', 'lib/class-bot.js']) expect(await readFile(join(dir, file), 'utf8'), file).toBe(FILES[file as keyof typeof FILES]);

    fake.setMode('connect_required');
    for (const main of Object.keys(EXAMPLES)) {
      fake.resetCalls();
      const after = await run(main);
      expectSameWithoutRtmStart(fake, before[main] ?? after, after);
    }
  });
});
