import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, slackbotapiApp, SLACKBOTAPI_MANIFEST, tempDir, type DryReport } from './helpers.js';

/**
 * A slackbotapi bot as such bots were written (ES5, CommonJS): once its socket is open it prints what the
 * package keeps (the shared summary of `getSlackData()`), then what its own look-ups answer for each user,
 * channel, private group and IM, by name and by id, then what a call of another method through its
 * `reqAPI` answers. The package's token check wants `<letters>-<digits>-<alnum>`, hence `xoxb-1-test`.
 */
const BOT = `var slackAPI = require('slackbotapi');
var printWorkspace = require('./summary');

var slack = new slackAPI({ token: process.env.SLACK_BOT_TOKEN, logging: false, autoReconnect: false }, function (error) {
  console.error('slackbotapi error: ' + error);
  process.exit(1);
});

function size(list) {
  return (list || []).length;
}

slack.on('open', function () {
  var data = slack.getSlackData();
  printWorkspace(data);
  data.users.forEach(function (u) { console.log('getUser ' + u.name + ' ' + slack.getUser(u.id).name + ' ' + slack.getUser(u.name).id); });
  data.channels.forEach(function (c) { var found = slack.getChannel(c.name); console.log('getChannel #' + c.name + ' ' + found.id + ' members ' + size(found.members)); });
  data.groups.forEach(function (g) { var found = slack.getGroup(g.id); console.log('getGroup ' + g.id + ' ' + found.name + ' members ' + size(found.members)); });
  data.ims.forEach(function (im) { console.log('getIM ' + im.user + ' ' + slack.getIM(im.user).id); });
  slack.reqAPI('auth.test', {}, function (answer) {
    console.log('auth.test ' + answer.user_id);
    process.stdout.write('', function () { process.exit(0); });
  });
});
`;

const applyApp = async (dir: string, flags: readonly string[] = []): Promise<DryReport> => {
  const ran = await cli(['apply', 'app', '--allow-dirty', '--report', 'json', ...flags], dir);
  expect(ran.code).toBe(0);
  return JSON.parse(ran.stdout) as DryReport;
};

/**
 * The real slackbotapi 1.3.9 (its constructor requests `rtm.start` through its own `reqAPI`): the bot prints
 * its workspace against fake Slack answering `rtm.start`, fails once Slack answers `rtm_connect_required`,
 * and, migrated by the real CLI (`new (withSlackbotapiRtmStart(slackAPI, …))(…)`), prints the same users,
 * channels, groups, ims, members and look-ups through `rtm.connect`.
 */
describe('slackbotapi 1.3.9 bot', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 47, users: 14, channels: 6, mode: 'legacy', tokens: { 'xoxb-1-test': {} } });
  });
  afterAll(async () => {
    await slack.close();
  });

  it('prints what it printed against rtm.start, through rtm.connect; a second run finds nothing', { timeout: 240_000 }, async () => {
    const dir = await slackbotapiApp(BOT);
    const start = (token = 'xoxb-1-test'): Promise<RunResult> =>
      runNodeBot(join(dir, 'app', 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl, token, env: { NODE_OPTIONS: `--require ${join(dir, 'point-at-fake-slack.js')}` } });
    slack.setMode('legacy');
    slack.resetCalls();
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);
    for (const list of ['users', 'channels', 'groups', 'ims']) expect(before.stdout).toMatch(new RegExp(`^${list}: [1-9]`, 'm'));
    expect(before.stdout).toMatch(/^ {2}C\w+ #\S+ members=[1-9]/m);
    expect(before.stdout).toMatch(/^getGroup G\w+ \S+ members [1-9]/m);
    expect(before.stdout).toMatch(/^getIM U\w+ D\w+$/m);
    expect(before.stdout).toMatch(/^auth\.test U\w+$/m);
    expect(slack.calls.map((c) => c.method)).toEqual(['rtm.start', 'auth.test']);
    slack.setMode('connect_required');
    expect(await start()).toMatchObject({ code: 1, stderr: 'slackbotapi error: rtm_connect_required\n' });

    const report = await applyApp(dir);
    expect(report.todos).toBe(0);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['app/bot.js:4:13', 'helper-module']]);
    expect(report.sites[0]?.message).toContain('`new slackAPI(…)` (or a class that `extends` it) now makes its bots with `withSlackbotapiRtmStart()`');
    const written = await readFile(join(dir, 'app', 'bot.js'), 'utf8');
    expect(written).toContain('var slack = new (withSlackbotapiRtmStart(slackAPI, ');
    expect(written).toContain("require('./rtm-start-data')");

    slack.resetCalls();
    const after = await start();
    expect([after.code, after.stderr]).toEqual([0, '']);
    expect(after.stdout).toBe(before.stdout);
    const methods = slack.calls.map((c) => c.method);
    expect(methods).not.toContain('rtm.start');
    expect(methods).toEqual(expect.arrayContaining(['users.list', 'conversations.list', 'conversations.members', 'team.info']));
    // rtm.connect last of the start; the bot's own auth.test still goes through the package's reqAPI.
    expect(methods.filter((m) => m === 'rtm.connect')).toHaveLength(1);
    expect(methods.slice(-2)).toEqual(['rtm.connect', 'auth.test']);

    // Slack's error reaches the constructor's error callback as slackbotapi gave it.
    expect(await start('xoxb-2-unknown')).toMatchObject({ code: 1, stderr: 'slackbotapi error: invalid_auth\n' });

    expect((await applyApp(dir)).sites).toEqual([]);
    expect(await readFile(join(dir, 'app', 'bot.js'), 'utf8')).toBe(written);
  });
});

describe('withSlackbotapiRtmStart()', () => {
  it('throws a clear TypeError when handed a class without slackbotapi `reqAPI`', async () => {
    const dir = await slackbotapiApp(BOT);
    await applyApp(dir);
    const tried = await run(process.execPath, ['-e', "require('./app/rtm-start-data').withSlackbotapiRtmStart(function Other() {})"], { cwd: dir });
    expect(tried.code).toBe(1);
    expect(tried.stderr).toContain('TypeError: withSlackbotapiRtmStart: this class has no slackbotapi `reqAPI`');
  });
});

/** An ES5 subclass that runs slackbotapi's constructor on its own instance: no class can be `.call`ed there. */
const ES5_SUBCLASS = `var slackAPI = require('slackbotapi');
var util = require('util');

function DeskBot(token) {
  slackAPI.call(this, { token: token, logging: false, autoReconnect: false });
}
util.inherits(DeskBot, slackAPI);

module.exports = DeskBot;
`;

/** Where the generated module cannot stand in for slackbotapi's class: a TODO, the code as it was. */
describe('slackbotapi started where the generated module cannot stand in for its class', () => {
  it.each([
    ['`--helper shim` (the shim has no such wrapper)', BOT, 'bot.js:4:13', ['--helper', 'shim'], "// TODO(rtm-migrate): `new slackAPI(…)` of `slackbotapi` (or of a class that `extends` it) requests the retired `rtm.start`", "Make the bot with that function's subclass (`new (withSlackbotapiRtmStart(slackAPI))({…})`)"],
    ['an ES5 subclass running the constructor on its instance (`slackAPI.call(this, …)`)', ES5_SUBCLASS, 'bot.js:5:3', [], "// TODO(rtm-migrate): This call runs `slackbotapi`'s constructor on an instance", 'Make the subclass a `class … extends withSlackbotapiRtmStart(slackAPI)`'],
  ] as const)('%s: a TODO naming the package, nothing else changed', async (_form, source, id, flags, opening, advice) => {
    const dir = await tempDir('slackbotapi-todo-');
    await writeFile(join(dir, 'package.json'), SLACKBOTAPI_MANIFEST);
    await writeFile(join(dir, 'bot.js'), source);
    const ran = await cli(['apply', '.', '--allow-dirty', '--report', 'json', ...flags], dir);
    expect(ran.code).toBe(0);
    expect((JSON.parse(ran.stdout) as DryReport).sites.map((s) => [s.id, s.rewrite])).toEqual([[id, 'todo']]);
    const written = await readFile(join(dir, 'bot.js'), 'utf8');
    // The TODO's lines as one text (its continuation lines are indented past the `//`).
    const todo = written.replace(/\n[ \t]*\/\/[ \t]{2,}/g, ' ');
    expect(todo).toContain(opening);
    expect(todo).toContain(advice);
    expect(written.replace(/^[ \t]*\/\/.*\n/gm, '')).toBe(source);
  });
});

/**
 * The same bot as an ES6 subclass (`class DeskBot extends slackAPI`), with a `reqAPI` of its own that counts
 * the calls and hands each on with `super.reqAPI(…)`: the class is the site, its parent becomes
 * `withSlackbotapiRtmStart(slackAPI, …)`, whose `reqAPI` the app's then hands `rtm.start` on to.
 */
const ES6_SUBCLASS = BOT.replace(
  'var slack = new slackAPI(',
  `class DeskBot extends slackAPI {
  reqAPI(method, data, callback) {
    this.calls = (this.calls || 0) + 1;
    return super.reqAPI(method, data, callback);
  }
}

var slack = new DeskBot(`,
);

/** Its own `reqAPI` handing on past the class (`slackAPI.prototype.reqAPI.call`), as ES5 code wrote it: the generated module's would never be asked. */
const ES6_SUBCLASS_OWN_REQUEST = ES6_SUBCLASS.replace('return super.reqAPI(method, data, callback);', 'return slackAPI.prototype.reqAPI.call(this, method, data, callback);');

describe('slackbotapi 1.3.9 ES6 subclass', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 47, users: 14, channels: 6, mode: 'legacy', tokens: { 'xoxb-1-test': {} } });
  });
  afterAll(async () => {
    await slack.close();
  });

  const starter = (dir: string) => (): Promise<RunResult> =>
    runNodeBot(join(dir, 'app', 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl, token: 'xoxb-1-test', env: { NODE_OPTIONS: `--require ${join(dir, 'point-at-fake-slack.js')}` } });

  it('`class DeskBot extends slackAPI` whose reqAPI calls super: prints what it printed against rtm.start, through rtm.connect', { timeout: 240_000 }, async () => {
    const dir = await slackbotapiApp(ES6_SUBCLASS);
    const start = starter(dir);
    slack.setMode('legacy');
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^users: [1-9]/m);
    slack.setMode('connect_required');
    expect(await start()).toMatchObject({ code: 1, stderr: 'slackbotapi error: rtm_connect_required\n' });

    const report = await applyApp(dir);
    expect(report.todos).toBe(0);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['app/bot.js:4:1', 'helper-module']]);
    const written = await readFile(join(dir, 'app', 'bot.js'), 'utf8');
    expect(written).toContain('class DeskBot extends withSlackbotapiRtmStart(slackAPI, ');

    slack.resetCalls();
    const after = await start();
    expect([after.code, after.stderr]).toEqual([0, '']);
    expect(after.stdout).toBe(before.stdout);
    const methods = slack.calls.map((c) => c.method);
    expect(methods).not.toContain('rtm.start');
    expect(methods.slice(-2)).toEqual(['rtm.connect', 'auth.test']);
    expect((await applyApp(dir)).sites).toEqual([]);
  });

  it('a reqAPI of its own that hands on past the class: a TODO naming it, the bot as it was (it still starts against rtm.start)', { timeout: 240_000 }, async () => {
    const dir = await slackbotapiApp(ES6_SUBCLASS_OWN_REQUEST);
    const start = starter(dir);
    slack.setMode('legacy');
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);

    const report = await applyApp(dir);
    expect(report.todos).toBe(1);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['app/bot.js:4:1', 'todo']]);
    expect(report.sites[0]?.message).toContain("`reqAPI` is given a function of the app's own on line 5, which does not first hand each call on with `super.reqAPI(…)`");
    const written = await readFile(join(dir, 'app', 'bot.js'), 'utf8');
    expect(written.replace(/^[ \t]*\/\/.*\n/gm, '')).toBe(ES6_SUBCLASS_OWN_REQUEST);
    expect(written).toContain('// TODO(rtm-migrate): This class extends `slackbotapi`');

    // Unchanged but for the comment: the same run against rtm.start, and the same refusal without it.
    expect(await start()).toEqual(before);
    slack.setMode('connect_required');
    expect(await start()).toMatchObject({ code: 1, stderr: 'slackbotapi error: rtm_connect_required\n' });
  });
});
