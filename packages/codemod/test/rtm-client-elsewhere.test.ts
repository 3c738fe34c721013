import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HELPER_EXPORTS } from '@rtm-migrate/core';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../../test/support/corpus.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, expectStartedMadeElsewhere, knowsEveryUser, writeBotFiles, expectSecondRunChangesNothing } from './helpers.js';

/**
 * A bot in two modules on the real @slack/client 3.16 (fixtures/bots' install): `chat.js` makes the
 * v3 `RtmClient` (with the SDK's `MemoryDataStore`) and exports it as `rtm` of an object; `bot.js`
 * listens on `chat.rtm` for AUTHENTICATED and starts it with `chat.rtm.start()`. The scan cannot
 * follow the client to its `new` (made in a local of a function), but `bot.js` uses `chat.rtm` as only
 * an RTM client can be used: the start goes to `startRtmClientMadeElsewhere()` of the generated module,
 * which tells the client's kind when it starts.
 */
const CHAT = `// Makes the app's Slack clients once, for every module that talks to Slack: the RTM client (with the
// SDK's in-memory cache of users and channels) and the Web API client.
'use strict';

var slack = require('@slack/client');

function clients(token) {
  var options = { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error', dataStore: new slack.MemoryDataStore() };
  var rtm = new slack.RtmClient(token, options);
  return { rtm: rtm, web: new slack.WebClient(token, { slackAPIUrl: process.env.SLACK_API_URL }) };
}

module.exports = clients(process.env.SLACK_BOT_TOKEN);
`;

const START = 'chat.rtm.start();';

const BOT = `// Signs in, then prints whom it knows: the users and channels (with their members) Slack hands the
// AUTHENTICATED handler, and the same looked up in the client's cache once the socket is open.
'use strict';

var slackClient = require('@slack/client');
var CLIENT_EVENTS = slackClient.CLIENT_EVENTS;
var chat = require('./chat');

var seen = { users: [], channels: [] };

chat.rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) {
  console.log('signed in as ' + data.self.name);
  seen.users = data.users.map(function (u) { return u.id; }).sort();
  seen.channels = data.channels.filter(function (c) { return c.is_member; }).map(function (c) { return c.name; }).sort();
  data.users.forEach(function (u) { console.log('user ' + u.id + ' ' + u.name); });
  data.channels.forEach(function (c) { if (c.is_member) console.log('channel #' + c.name + ' members=' + c.members.length); });
});

chat.rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
  var store = chat.rtm.dataStore;
  seen.users.forEach(function (id) { console.log('cached ' + id + ' ' + store.getUserById(id).name); });
  seen.channels.forEach(function (name) {
    var channel = store.getChannelByName(name);
    console.log('cached #' + name + ' ' + channel.id + ' members=' + channel.members.length);
  });
  process.stdout.write('', function () { process.exit(0); });
});

chat.rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
  console.error('unable to start: ' + (error && error.message ? error.message : error));
  process.exit(1);
});

${START}
`;

function runBot(dir: string, apiUrl: string, main = 'bot.js'): Promise<RunResult> {
  return runNodeBot(join(dir, main), { cwd: dir, apiUrl, timeoutMs: 60_000 });
}

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 71, users: 30, channels: 5, mode: 'legacy' });
});
afterAll(async () => {
  await fake.close();
});

describe('x.rtm.start() of an RTM client made in another module, used as one here', () => {
  let dir = '';
  let before: RunResult = { code: null, stdout: '', stderr: '' };

  beforeAll(async () => {
    dir = await writeBotFiles('rtm-client-elsewhere-', { 'chat.js': CHAT, 'bot.js': BOT });
    fake.setMode('legacy');
    before = await runBot(dir, fake.apiUrl);
  }, 120_000);

  it('is started through startRtmClientMadeElsewhere(chat.rtm): against connect_required the same users, channels and complete members, in the AUTHENTICATED data and the dataStore', { timeout: 120_000 }, async () => {
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    const general = fake.workspace.byType.public_channel.find((c) => c.isGeneral);
    expect(before.stdout).toContain(`cached #general ${general?.id ?? '?'} members=`);
    expect(before.stdout.match(/^cached U\w+ \S+$/gm)).toHaveLength(fake.workspace.users.length);

    fake.setMode('connect_required');
    const broken = await runBot(dir, fake.apiUrl);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('unable to start');

    // The lint sees `chat.rtm.start()` as a start it cannot fix in place (the codemod migrates it).
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(false), ignore: false });
    const [result] = await eslint.lintFiles(['bot.js']);
    expect((result?.messages ?? []).map((m) => [m.ruleId, m.line, m.fix === undefined && (m.suggestions ?? []).length === 0])).toEqual([['@rtm-migrate/no-rtm-start', 34, true]]);

    const planned = JSON.parse((await cli(['apply', '.', '--dry', '--allow-dirty', '--report', 'json'], dir)).stdout) as { sites: { id: string; message: string }[] };
    expect(planned.sites.map((s) => s.id)).toEqual(['bot.js:34:1']);
    expect(planned.sites[0]?.message).toContain('(`chat.rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, …)`, line 11)');
    expect(planned.sites[0]?.message).toContain('makes it throw a TypeError at start');
    // `--helper shim` has no such check of the client: the start stays a TODO there.
    const shim = JSON.parse((await cli(['apply', '.', '--dry', '--allow-dirty', '--helper', 'shim', '--report', 'json'], dir)).stdout) as { sites: { rewrite: string; message: string }[] };
    expect(shim.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(shim.sites[0]?.message).toContain('may be the RTM client kept in a member of that name');
    await expectStartedMadeElsewhere(fake, dir, { site: 'bot.js:34:1', form: 'method-call', receiver: 'chat.rtm', start: START, maker: ['chat.js', CHAT] }, before, () => runBot(dir, fake.apiUrl));
  });

  it('throws a TypeError at start, naming what it expected, on a client of any other kind', { timeout: 120_000 }, async () => {
    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.code).toBe(0);
    // Each kind in turn where the app's own client was: an object the helper does not know, slack-client
    // 2.x's RtmClient (no useRtmConnect), @slack/rtm-api's RTMClient made with `useRtmConnect: false`.
    const kinds = {
      stub: '{ on: function () {}, start: function () {} }',
      'slack-client-2': "new (require('slack-client-2').RtmClient)(token, { slackAPIUrl: process.env.SLACK_API_URL, logLevel: 'error' })",
      'rtm-api-start': "new (require('@slack/rtm-api').RTMClient)('xoxb-test', { slackApiUrl: process.env.SLACK_API_URL, useRtmConnect: false })",
    };
    for (const [name, made] of Object.entries(kinds)) {
      await writeFile(join(dir, 'chat.js'), CHAT.replace('new slack.RtmClient(token, options)', made));
      fake.resetCalls();
      const run = await runBot(dir, fake.apiUrl);
      expect(run.code, name).toBe(1);
      expect(run.stdout, name).not.toContain('signed in');
      expect(run.stderr, name).toContain(
        'TypeError: startRtmClientMadeElsewhere() expected a @slack/client v3 RtmClient or an RTMClient of @slack/client 4+ or @slack/rtm-api, and got ',
      );
      expect(run.stderr, name).toContain(': it would start with the retired rtm.start.');
      expect(fake.calls, name).toEqual([]);
    }
    // The last one is told apart: the app may drop its option.
    const last = await runBot(dir, fake.apiUrl);
    expect(last.stderr).toContain('and got an RTMClient made with useRtmConnect: false:');
  });

  it('starts an @slack/rtm-api RTMClient, which calls rtm.connect itself, as it did', { timeout: 120_000 }, async () => {
    const main = 'rtm-api.js';
    // The app's own client, of today's SDK: its `authenticated` event carries rtm.connect's data, as before.
    await writeFile(
      join(dir, main),
      `'use strict';\nconst { RTMClient } = require('@slack/rtm-api');\nconst { ${HELPER_EXPORTS.elsewhereStart} } = require('./rtm-start-data');\n` +
        "const rtm = new RTMClient('xoxb-test', { slackApiUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' });\n" +
        "rtm.on('authenticated', (data) => { console.log('signed in as ' + data.self.name + ', users: ' + String(data.users)); process.exit(0); });\n" +
        `${HELPER_EXPORTS.elsewhereStart}(rtm);\n`,
    );
    fake.setMode('connect_required');
    fake.resetCalls();
    const run = await runBot(dir, fake.apiUrl, main);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^signed in as \S+, users: undefined\n$/);
    expect(fake.calls.map((c) => c.method)).toEqual(['rtm.connect']);
  });
});

/**
 * The s24 form (a TypeScript bot whose client class is handed in): `this.rtm = new this.Client(token)`,
 * started with `this.rtm.start()` in one method, its `dataStore` looked up in the others. The start goes
 * to startRtmClientMadeElsewhere(), which fills a v3 client's store: the look-ups are right again, with
 * no TODO, on the first run and on the next.
 */
const HANDED_IN = `// A bot given its RTM client class by the app, so a test can hand it another one.
'use strict';

var slack = require('@slack/client');

function Bot(Client) {
  this.Client = Client;
}

Bot.prototype.start = function (token, options) {
  this.rtm = new this.Client(token, options);
  this.rtm.on(slack.CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, this.ready.bind(this));
  this.rtm.start();
};

Bot.prototype.nameOf = function (id) {
  return this.rtm.dataStore.getUserById(id).name;
};

Bot.prototype.ready = function () {
  var self = this;
  var store = this.rtm.dataStore;
  Object.keys(store.users).sort().forEach(function (id) { console.log('user ' + id + ' ' + self.nameOf(id)); });
  Object.keys(store.channels).sort().forEach(function (id) {
    var channel = store.getChannelById(id);
    if (channel.is_member) console.log('channel #' + channel.name + ' members=' + channel.members.length);
  });
  process.stdout.write('', function () { process.exit(0); });
};

var options = { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error', dataStore: new slack.MemoryDataStore() };
new Bot(slack.RtmClient).start(process.env.SLACK_BOT_TOKEN, options);
`;

describe('dataStore look-ups of a client made out of sight and started through startRtmClientMadeElsewhere()', () => {
  it('are left as they are, with no TODO, and answer the same users and channels against connect_required', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-client-elsewhere-store-', { 'bot.js': HANDED_IN });
    const before = await knowsEveryUser(fake, () => runBot(dir, fake.apiUrl));

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('TODOs left: 0');
    expect(migrated.stdout).toContain('this `dataStore` look-up is right again');
    const source = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(source).toContain(`${HELPER_EXPORTS.elsewhereStart}(this.rtm);`);
    expect(source).not.toContain('TODO(rtm-migrate)');

    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await runBot(dir, fake.apiUrl);
    expectSameWithoutRtmStart(fake, before, after);

    // The next run sees the same start through the helper module, and the lint no look-up to report.
    await expectSecondRunChangesNothing(dir);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toBe(source);
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(false), ignore: false });
    const [result] = await eslint.lintFiles(['bot.js']);
    expect((result?.messages ?? []).map((m) => `${String(m.ruleId)}:${String(m.line)}`)).toEqual([]);
  });
});

/**
 * Blind s103/10 (the-heap/penny): a module of handlers, each given the app's one state object `env`; one makes the v3
 * client, one listens on `env.rtm` for AUTHENTICATED, one starts it (`startRtm(env) { env.rtm.start(); }`): a TODO
 * until the same member of a parameter of the same name in the same file counted as the client's use.
 */
const HANDLERS = `'use strict';
var slack = require('@slack/client');

function createClient() {
  return new slack.RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error', dataStore: new slack.MemoryDataStore() });
}

function onAuthentication(env) {
  env.rtm.on(slack.CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) {
    env.users = data.users;
    data.users.forEach(function (u) { console.log('user ' + u.id + ' ' + u.name); });
  });
  env.rtm.on(slack.CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
    console.log('cached ' + Object.keys(env.rtm.dataStore.users).length + ' users');
    process.stdout.write('', function () { process.exit(0); });
  });
  env.rtm.on(slack.CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
    console.error('unable to start: ' + (error && error.message ? error.message : error));
    process.exit(1);
  });
}

function startRtm(env) {
  env.rtm.start();
}

module.exports = { createClient: createClient, onAuthentication: onAuthentication, startRtm: startRtm };
`;

const PENNY = `'use strict';
var handlers = require('./handlers');

var env = { rtm: handlers.createClient() };
handlers.onAuthentication(env);
handlers.startRtm(env);
`;

describe("x.rtm.start() of a handlers module's state object, whose same member another handler listens on", () => {
  it('is started through startRtmClientMadeElsewhere(env.rtm): the same users against connect_required', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-client-elsewhere-env-', { 'handlers.js': HANDLERS, 'index.js': PENNY });
    const before = await knowsEveryUser(fake, () => runBot(dir, fake.apiUrl, 'index.js'));
    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/^done +handlers\.js:24:3 +method-call → helper-module$/m);
    expect(migrated.stdout).toMatch(/TODOs left: 0/);
    expect(await readFile(join(dir, 'handlers.js'), 'utf8')).toContain(`${HELPER_EXPORTS.elsewhereStart}(env.rtm)`);
    fake.setMode('connect_required');
    const after = await runBot(dir, fake.apiUrl, 'index.js');
    expect([after.code, after.stderr]).toEqual([0, '']);
    expect(after.stdout).toBe(before.stdout);
  });
});

/**
 * Blind s103/09 (caffeinery/coffea-slack): `init(token)` of another module makes the v3 client in a local and hands it out as
 * `{ rtm }`; the plugin takes it out, has another module listen on it, starts it and sends through it (`rtm.send(…)`, which
 * the Web API's `rtm` methods do not have): `rtm.connect()` was written once, which opens a socket to no URL.
 */
const INIT = `'use strict';
var slack = require('@slack/client');

module.exports = function init(token) {
  var rtm = new slack.RtmClient(token, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error', dataStore: new slack.MemoryDataStore() });
  return { rtm: rtm };
};
`;

const EVENTS = `'use strict';
var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;

module.exports = function events(instance) {
  instance.rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) {
    data.users.forEach(function (u) { console.log('user ' + u.id + ' ' + u.name); });
    process.stdout.write('', function () { process.exit(0); });
  });
  instance.rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
    console.error('unable to start: ' + (error && error.message ? error.message : error));
    process.exit(1);
  });
};
`;

const PLUGIN = `'use strict';
var init = require('./init');
var events = require('./events');

function plugin(token) {
  var instance = init(token);
  var { rtm } = instance;
  events(instance);
  rtm.start();
  return function (evt) { return rtm.send(evt); };
}

module.exports = plugin(process.env.SLACK_BOT_TOKEN);
`;

describe('rtm.start() of an rtm taken out of what a factory of another module hands out, sent through here', () => {
  it('is started through startRtmClientMadeElsewhere(rtm): the same users against connect_required', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-client-elsewhere-factory-', { 'init.js': INIT, 'events.js': EVENTS, 'index.js': PLUGIN });
    const before = await knowsEveryUser(fake, () => runBot(dir, fake.apiUrl, 'index.js'));
    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/^done +index\.js:9:3 +method-call → helper-module$/m);
    expect(await readFile(join(dir, 'index.js'), 'utf8')).toContain(`${HELPER_EXPORTS.elsewhereStart}(rtm)`);
    fake.setMode('connect_required');
    const after = await runBot(dir, fake.apiUrl, 'index.js');
    expect([after.code, after.stderr]).toEqual([0, '']);
    expect(after.stdout).toBe(before.stdout);
  });
});
