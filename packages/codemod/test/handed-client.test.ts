import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkBotsRelease } from '../../../test/support/bots-release.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, knowsEveryUser, cli, expectCachedChannelMembers, expectSameWithoutRtmStart, expectSecondRunChangesNothing, outcomes, scanFiles, slackClient1App, tempDir, writeBotFiles } from './helpers.js';

/**
 * A legacy client started as a parameter: made in one place, handed to a function, a method or a
 * constructor, and started there (`function connect(slack) { slack.start() }`), as spleenboy/bidbot
 * does (`new Bot(slack)` → `this.connect(slack)` → `slack.start()`), which the scan used to pass over
 * without a word. It is followed to the one `new RtmClient(…)` every call hands it; where some call
 * cannot be tied to it, a call seen handing a legacy client makes it a client handed in, started
 * through the helper module's run-time check (or a TODO where the package's SDK is too old for it).
 */
const V3 = JSON.stringify({ name: 'bot', private: true, dependencies: { '@slack/client': '^3.15.0' } });
const V2 = JSON.stringify({ name: 'bot', private: true, dependencies: { 'slack-client': '^2.0.4' } });
const SDK = "const { RtmClient } = require('@slack/client');\n";

describe('a legacy client started as a parameter, every call handing it one client', () => {
  it.each<{ form: string; files: Record<string, string> }>([
    { form: 'a function of the file', files: { 'index.js': `${SDK}function connect(slack) {\n  slack.start();\n}\nconst slack = new RtmClient('xoxb-test');\nconnect(slack);\n` } },
    { form: 'a method called on an instance made in place', files: { 'index.js': `${SDK}class Bot {\n  connect(slack) {\n    slack.start();\n  }\n}\nnew Bot().connect(new RtmClient('xoxb-test'));\n` } },
    {
      form: "bidbot's shape: a class of another module whose constructor hands its parameter to its own method",
      files: {
        'bot.js': 'class Bot {\n  constructor(slack) {\n    this.slack = slack;\n    this.connect(slack);\n  }\n\n  connect(slack) {\n    slack.start();\n  }\n}\n\nmodule.exports = Bot;\n',
        'index.js': `${SDK}const Bot = require('./bot');\nconst slack = new RtmClient('xoxb-test');\nnew Bot(slack);\n`,
      },
    },
    { form: 'an exported function called from another module', files: { 'connect.js': 'function connect(slack) {\n  slack.start();\n}\n\nmodule.exports = { connect };\n', 'index.js': `${SDK}const { connect } = require('./connect');\nconnect(new RtmClient('xoxb-test'));\n` } },
    {
      form: 'a method of a class of another module, called there on an instance',
      files: { 'bot.js': 'class Bot {\n  constructor(name) {\n    this.name = name;\n  }\n\n  connect(slack) {\n    slack.start();\n  }\n}\n\nmodule.exports = Bot;\n', 'index.js': `${SDK}const Bot = require('./bot');\nconst bot = new Bot('bid');\nbot.connect(new RtmClient('xoxb-test'));\n` },
    },
    {
      form: 'the same of a class with no constructor of its own, the one class of its module',
      files: { 'bot.js': 'class Bot {\n  connect(slack) {\n    slack.start();\n  }\n}\n\nmodule.exports = Bot;\n', 'index.js': `${SDK}const Bot = require('./bot');\nconst bot = new Bot();\nbot.connect(new RtmClient('xoxb-test'));\n` },
    },
    {
      form: "blind corpus s24's M2: a class's constructor listens on its parameter and starts it, one module constructing it",
      files: {
        'handler.js': "const CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;\n\nclass Handler {\n  constructor(rtmClient) {\n    rtmClient.on(CLIENT_EVENTS.RTM.AUTHENTICATED, (data) => console.log(data.users.length));\n    rtmClient.start();\n  }\n}\n\nmodule.exports = Handler;\n",
        'index.js': `${SDK}const Handler = require('./handler');\nmodule.exports = new Handler(new RtmClient('xoxb-test'));\n`,
      },
    },
    { form: 'handed on through a second function', files: { 'index.js': `${SDK}function begin(client) {\n  client.start();\n}\nfunction boot(client) {\n  begin(client);\n}\nboot(new RtmClient('xoxb-test'));\n` } },
  ])('$form: the start goes to the helper module with the client made where it is made', async ({ files }) => {
    const report = await scanFiles(V3, files);
    const start = report.sites.find((s) => /^(index|bot|connect|handler)\.js:[0-9]+:/.test(s.id) && s.message.includes('now starts with `rtm.connect`'));
    expect(start?.rewrite).toBe('helper-module');
    expect(Object.values(outcomes(report)).filter((r) => r !== 'helper-module' && r !== 'filled')).toEqual([]);
    expect(report.todos).toBe(0);
  });

  it.each<{ form: string; source?: string; files?: Record<string, string>; site?: string; by: string }>([
    { form: 'two calls hand two clients', source: `${SDK}function connect(slack) {\n  slack.start();\n}\nconnect(new RtmClient('xoxb-a'));\nconnect(new RtmClient('xoxb-b'));\n`, by: '`connect(…)` hands it a legacy `RtmClient`, line 5' },
    { form: 'the function is also exported to code outside the project', source: `${SDK}function connect(slack) {\n  slack.start();\n}\nconnect(new RtmClient('xoxb-a'));\nmodule.exports = connect;\n`, by: '`connect(…)` hands it a legacy `RtmClient`, line 5' },
    {
      form: 'another module hands an instance to code that calls the method with something else',
      files: {
        'bot.js': 'class Bot {\n  constructor(name) {\n    this.name = name;\n  }\n\n  connect(slack) {\n    slack.start();\n  }\n}\n\nmodule.exports = Bot;\n',
        'index.js': `${SDK}const Bot = require('./bot');\nconst bot = new Bot('bid');\nbot.connect(new RtmClient('xoxb-test'));\nrequire('./other')(bot);\n`,
        'other.js': 'module.exports = (bot) => bot.connect(require("./spare"));\n',
      },
      site: 'bot.js:7:5',
      by: '`bot.connect(…)` hands it a legacy `RtmClient`, index.js:4',
    },
    {
      form: 'an instance kept in place, but leaving through `this` to code that calls the method with something else',
      files: {
        'index.js': `${SDK}const registry = require('./registry');\nclass Bot {\n  constructor() {\n    registry.add(this);\n  }\n\n  connect(slack) {\n    slack.start();\n  }\n}\nnew Bot().connect(new RtmClient('xoxb-test'));\n`,
        'registry.js': 'module.exports = { add: (bot) => bot.connect(require("./spare")) };\n',
      },
      site: 'index.js:9:5',
      by: '`….connect(…)` hands it a legacy `RtmClient`, line 12',
    },
  ])('$form: a client handed in, started through the run-time check of the client', async ({ source, files, site, by }) => {
    const report = await scanFiles(V3, files ?? { 'index.js': source ?? '' });
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([[site ?? 'index.js:3:3', 'helper-module']]);
    expect(report.sites[0]?.message).toContain(by);
    expect(report.sites[0]?.message).toContain('now starts through `startRtmClientMadeElsewhere()`');
  });

  it('a client handed in on slack-client 2.x, which that run-time start would throw on: a TODO naming the version', async () => {
    const source = "const Slack = require('slack-client');\nfunction connect(slack) {\n  slack.start();\n}\nconnect(new Slack.RtmClient('xoxb-a'));\nconnect(new Slack.RtmClient('xoxb-b'));\n";
    const report = await scanFiles(V2, { 'index.js': source });
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['index.js:3:3', 'todo']]);
    expect(report.sites[0]?.message).toContain('the `slack-client` its package.json allows (`^2.0.4`) has no `useRtmConnect`');
  });

  it.each([
    { form: 'a web server', source: "const http = require('http');\nfunction listen(server) {\n  server.start();\n}\nlisten(http.createServer());\n" },
    { form: 'an @slack/rtm-api RTMClient', source: "const { RTMClient } = require('@slack/rtm-api');\nfunction connect(rtm) {\n  rtm.start();\n}\nconnect(new RTMClient('xoxb-test'));\n" },
  ])('$form handed to a function that starts it: no site', async ({ source }) => {
    const report = await scanFiles(V3, { 'index.js': source });
    expect(report.sites).toEqual([]);
  });
});

/**
 * bidbot's shape on the real libraries (fixtures/bots' installs): `bot.js` (no `rtm` in it: the scan
 * reads it because `index.js`, which makes the client, requires it) keeps the client it is given and
 * starts it in a method; `index.js` prints what the AUTHENTICATED data and the `dataStore` know once
 * the socket is open.
 */
const BOT = `'use strict';
// Keeps the Slack connection it is given and opens it.
class Bot {
  constructor(slack) {
    this.slack = slack;
    this.connect(slack);
  }

  connect(slack) {
    slack.start();
  }
}

module.exports = Bot;
`;

const PRINT = `
var started;
slack.on('authenticated', function keep(data) { started = data; });
slack.on('open', function print() {
  console.log('signed in as ' + started.self.name);
  started.users.map(function (u) { return u.id + ' ' + u.name; }).sort().forEach(function (u) { console.log('user ' + u); });
  started.channels.filter(function (c) { return c.is_member; }).forEach(function (c) {
    var cached = slack.dataStore.getChannelByName(c.name);
    console.log('cached #' + c.name + ' ' + cached.id + ' members=' + cached.members.length);
  });
  process.stdout.write('', function () { process.exit(0); });
});
slack.on('unable_to_rtm_start', function (error) { console.error('unable to start: ' + (error && error.message)); process.exit(1); });
`;

function main(sdk: string): string {
  return `'use strict';\nvar Slack = require('${sdk}');\nvar Bot = require('./bot');\n\nvar slack = new Slack.RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, logLevel: 'error', autoReconnect: false, dataStore: new Slack.MemoryDataStore() });\nnew Bot(slack);\n${PRINT}`;
}

/** A bot folder on slack-client 2.0.6 as published, under its own name. */
async function slackClient2Bot(): Promise<string> {
  const dir = await tempDir('handed-slack-client-2-');
  await linkBotsRelease(dir, 'slack-client-2', 'slack-client');
  await writeFile(join(dir, 'package.json'), V2);
  await writeFile(join(dir, 'bot.js'), BOT);
  await writeFile(join(dir, 'index.js'), main('slack-client'));
  return dir;
}

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 73, users: 14, channels: 5, mode: 'legacy' });
});
afterAll(async () => {
  await fake.close();
});

describe.each([
  { sdk: 'slack-client 2.0.6', make: slackClient2Bot, start: 'startSlackClientRtm(slack);', option: false },
  { sdk: '@slack/client 3.16.0', make: async () => writeBotFiles('handed-v3-', { 'package.json': V3, 'bot.js': BOT, 'index.js': main('@slack/client') }), start: 'startRtmClient(slack);', option: true },
])("bidbot's shape on $sdk", ({ make, start, option }) => {
  it('before: the bot knows the workspace; against connect_required it fails; migrated, it knows the same again with no rtm.start, and a second run changes nothing', { timeout: 180_000 }, async () => {
    const dir = await make();
    const run = (): Promise<RunResult> => runNodeBot(join(dir, 'index.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });
    const before = await knowsEveryUser(fake, run);
    expectCachedChannelMembers(fake, before.stdout);

    const migrated = await breaksThenMigrates(fake, dir, run);
    expect(migrated).toMatch(/^done +bot\.js:10:5 +legacy-client → helper-module$/m);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain(`    ${start}\n`);
    expect((await readFile(join(dir, 'index.js'), 'utf8')).includes('useRtmConnect: true')).toBe(option);

    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await run());
    const again = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(again.stdout).toContain('TODOs left: 0');
    expect(again.stdout).not.toMatch(/^(done|would) /m);
  });
});

/**
 * backspace/slack-statsbot's shape (blind corpus s37/06): a `slack-client` 1.x client made in `index.js`
 * and handed to a class of another module, whose constructor keeps it in `this.client`, listens on it and
 * logs it in. With that one construction the field is followed to its `new Slack(…)`; where the app's
 * unit test constructs the class with a stub, it is reported (a TODO), never rewritten.
 */
const ADAPTER = `'use strict';
// Keeps the Slack client it is given, and says who it is once connected.
class SlackAdapter {
  constructor(client) {
    this.client = client;
    this.client.on('open', this.connected.bind(this));
    this.client.login();
  }

  connected() {
    var self = this.client.self;
    var general = this.client.getChannelByName('general');
    console.log('connected as ' + self.name + ' to ' + this.client.team.name);
    Object.keys(this.client.users).sort().forEach((id) => console.log('user ' + id + ' ' + this.client.users[id].name));
    console.log('general ' + general.id + ' members=' + general.members.length);
    process.stdout.write('', () => process.exit(0));
  }
}

module.exports = SlackAdapter;
`;

const STATSBOT = `'use strict';
var SlackClient = require('slack-client');
var SlackAdapter = require('./src/slack-adapter');

var client = new SlackClient(process.env.SLACK_BOT_TOKEN, true, true);
client.on('error', function (err) { console.error('slack-client error: ' + err); process.exit(1); });
new SlackAdapter(client);
`;

/**
 * The migrated slack-client 1.x bot, run against a Slack that retired `rtm.start`, prints what it printed
 * before (slack-client 1.x logs with a timestamp on stdout: the bot's own lines are compared), through one
 * `rtm.connect` and no `rtm.start`.
 */
async function expectPrintedAgain(run: () => Promise<RunResult>, before: RunResult): Promise<void> {
  fake.setMode('connect_required');
  fake.resetCalls();
  const after = await run();
  const printed = (out: string): string[] => out.split('\n').filter((line) => /^(connected|user|general) /.test(line));
  expect([after.code, after.stderr]).toEqual([0, '']);
  expect(printed(after.stdout)).toEqual(printed(before.stdout));
  expect(printed(after.stdout)).toHaveLength(fake.workspace.users.length + 2);
  const methods = fake.calls.map((c) => c.method);
  expect(methods).not.toContain('rtm.start');
  expect(methods.filter((m) => m === 'rtm.connect')).toHaveLength(1);
}

const STUB_TEST = "'use strict';\nvar SlackAdapter = require('../src/slack-adapter');\nvar fakeClient = { on: function () {}, login: function () { console.log('logged in'); } };\nnew SlackAdapter(fakeClient);\n";

describe("a slack-client 1.x client handed to a class's constructor (slack-statsbot's shape)", () => {
  it('one construction: followed to its new Slack(…), logged in through the helper module, the same workspace known against connect_required', { timeout: 180_000 }, async () => {
    const dir = await slackClient1App({ 'index.js': STATSBOT, 'src/slack-adapter.js': ADAPTER });
    const run = (): Promise<RunResult> => runNodeBot(join(dir, 'index.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });
    const before = await knowsEveryUser(fake, run);

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.stdout).toMatch(/^done +src\/slack-adapter\.js:7:5 +library-start → helper-module$/m);
    expect(await readFile(join(dir, 'src', 'slack-adapter.js'), 'utf8')).toContain('withSlackClientRtmStart(this.client).login();');

    await expectPrintedAgain(run, before);
    await expectSecondRunChangesNothing(dir);
  });

  // Blind s142/03 (slack-statsbot itself): a TODO while the wrapper threw on a stand-in; it hands one back as it is now.
  it("the app's unit test constructs it with a stub as well: logged in through the helper module all the same; the bot knows the same workspace, the stub's own login runs", { timeout: 180_000 }, async () => {
    const dir = await slackClient1App({ 'index.js': STATSBOT, 'src/slack-adapter.js': ADAPTER, 'test/slack-adapter.js': STUB_TEST });
    const run = (): Promise<RunResult> => runNodeBot(join(dir, 'index.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });
    const unitTest = (): Promise<RunResult> => runNodeBot(join(dir, 'test', 'slack-adapter.js'), { cwd: dir, apiUrl: fake.apiUrl });
    const before = await knowsEveryUser(fake, run);
    const testBefore = await unitTest();
    expect([testBefore.code, testBefore.stdout, testBefore.stderr]).toEqual([0, 'logged in\n', '']);

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.stdout).toMatch(/^done +src\/slack-adapter\.js:7:5 +library-start → helper-module$/m);
    expect(migrated.stdout).toMatch(/^TODOs left: 0$/m);
    expect(await readFile(join(dir, 'src', 'slack-adapter.js'), 'utf8')).toContain('withSlackClientRtmStart(this.client).login();');

    await expectPrintedAgain(run, before);
    const testAfter = await unitTest();
    expect([testAfter.code, testAfter.stdout]).toEqual([0, 'logged in\n']);
    expect(testAfter.stderr).toContain('withSlackClientRtmStart: this client has no slack-client 1.x `_apiCall`, so it is returned unchanged');
    await expectSecondRunChangesNothing(dir);
  });
});

/**
 * slack-irc's shape (NemProject/slack-irc, blind s141/04): the bot makes its slack-client 1.x client in its
 * constructor and logs it in later; the app's own tests put a stand-in in its place (`{ login() {…}, on() {…} }`,
 * no `_apiCall`), whose login must run as before: withSlackClientRtmStart() hands it back unchanged, warning once.
 */
const IRC_BOT = "var Slack = require('slack-client');\nfunction Bot(token) {\n  this.slack = new Slack(token, true, true);\n}\nBot.prototype.connect = function () {\n  this.slack.login();\n};\nmodule.exports = Bot;\n";
const IRC_TEST = "var Bot = require('../lib/bot');\nvar bot = new Bot('xoxb-test');\nbot.slack = { login: function () { console.log('stand-in login'); }, on: function () {} };\nbot.connect();\nbot.connect();\nconsole.log('connected twice');\n";

describe("a slack-client 1.x client the app's own test replaces with a stand-in (slack-irc's shape)", () => {
  it("the stand-in's login runs as before, the module warning once that it passed it on", { timeout: 180_000 }, async () => {
    const dir = await slackClient1App({ 'lib/bot.js': IRC_BOT, 'test/bot.test.js': IRC_TEST });
    const test = (): Promise<RunResult> => runNodeBot(join(dir, 'test', 'bot.test.js'), { cwd: dir, apiUrl: fake.apiUrl });
    const before = await test();
    expect([before.code, before.stdout, before.stderr]).toEqual([0, 'stand-in login\nstand-in login\nconnected twice\n', '']);

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.code).toBe(0);
    expect(await readFile(join(dir, 'lib', 'bot.js'), 'utf8')).toContain('withSlackClientRtmStart(this.slack).login();');
    const after = await test();
    expect([after.code, after.stdout]).toEqual([0, before.stdout]);
    expect(after.stderr).toBe("withSlackClientRtmStart: this client has no slack-client 1.x `_apiCall`, so it is returned unchanged and its own login() runs as before (a stand-in, as in a test)\n");
  });
});

/**
 * bassettmb/slack-bot-dev's shape (blind corpus s49/11), continuation-passing style: a function makes the
 * `slack-client` 1.x client and hands it to the callback it is given (`return cont(conn)`), and the one
 * callback given logs it in. Passed over without a word before; followed now to its `new Slack(…)`. The repo
 * itself is an AMD module (RequireJS's `define(…)`): there the generated CommonJS module would not load, so a
 * TODO says so, and the file is left as it was.
 */
const CONTINUATION = `'use strict';
var Slack = require('slack-client');

function initSlack(token, cont) {
  var conn = new Slack(token, true, true);
  conn.on('open', function () {
    var general = conn.getChannelByName('general');
    console.log('connected as ' + conn.self.name + ' to ' + conn.team.name);
    Object.keys(conn.users).sort().forEach(function (id) { console.log('user ' + id + ' ' + conn.users[id].name); });
    console.log('general ' + general.id + ' members=' + general.members.length);
    process.stdout.write('', function () { process.exit(0); });
  });
  conn.on('error', function (err) { console.error('slack-client error: ' + (err && err.msg ? err.msg : err)); process.exit(1); });
  return cont(conn);
}

function main() {
  initSlack(process.env.SLACK_BOT_TOKEN, function (conn) {
    return conn.login();
  });
}

main();
`;

describe('a slack-client 1.x client handed to the callback its maker is given (continuation-passing style)', () => {
  it('followed to its new Slack(…), logged in through the helper module, the same workspace known against connect_required', { timeout: 180_000 }, async () => {
    const dir = await slackClient1App({ 'index.js': CONTINUATION });
    const run = (): Promise<RunResult> => runNodeBot(join(dir, 'index.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });
    const before = await knowsEveryUser(fake, run);
    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.stdout).toMatch(/^done +index\.js:19:12 +library-start → helper-module$/m);
    expect(migrated.stdout).toContain('TODOs left: 0');
    expect(await readFile(join(dir, 'index.js'), 'utf8')).toContain('return withSlackClientRtmStart(conn).login();');
    await expectPrintedAgain(run, before);
    await expectSecondRunChangesNothing(dir);
  });

  it.each([
    { form: 'a callback the maker hands on', maker: 'function initSlack(token, cont) {\n  var conn = new Slack(token, true, true);\n  return later(cont, conn);\n}\nfunction later(f, c) {\n  return f(c);\n}\n' },
    { form: 'a maker that calls it with two values', maker: "function initSlack(token, cont) {\n  cont(new Slack(token, true, true));\n  cont({ login: function () { return 'stub'; } });\n}\n" },
  ])('$form: not followed (no rewrite)', async ({ maker }) => {
    const report = await scanFiles(JSON.stringify({ name: 'bot', private: true, dependencies: { 'slack-client': '^1.4.1' } }), { 'index.js': `var Slack = require('slack-client');\n${maker}initSlack('xoxb-test', function (conn) {\n  return conn.login();\n});\n` });
    expect(report.sites.filter((s) => s.rewrite !== 'todo')).toEqual([]);
  });

  it('in an AMD module (RequireJS): a TODO saying the generated CommonJS module would not load there, no rewrite', async () => {
    const amd = `define(function () {\n${CONTINUATION.replace("'use strict';\n", '').replace('main();\n', 'return main;\n')}});\n`;
    const report = await scanFiles(JSON.stringify({ name: 'bot', private: true, dependencies: { 'slack-client': '^1.4.1', requirejs: '^2.1.20' } }), { 'src/main.js': amd });
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['src/main.js:19:12', 'todo']]);
    expect(report.sites[0]?.message.replace(/\s+/g, ' ')).toContain('This file is an AMD module (`define(…)`, loaded by RequireJS');
  });
});
