import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, runNodeBot } from '../../../test/support/run.js';
import { cli, copySlackbots, expectSlackbotsSubclassMigrated, tempDir, type DryReport } from './helpers.js';

/**
 * An ES5 subclass of slackbots as a real app wrote it (a food bot): the constructor is run on the instance
 * in a method, `util.inherits` written after the prototype's methods (Node's keeps them: it sets the
 * prototype's prototype). Prints what the bot learnt at start.
 */
const SUPER_CALL = `var bot = require('slackbots');
var util = require('util');
var printWorkspace = require('../summary');

function FoodieBot(settings) {
  this.settings = settings;
}

FoodieBot.prototype.run = function () {
  FoodieBot.super_.call(this, this.settings);
  this.on('start', this._onStart);
  this.on('error', function (err) {
    console.error('slackbots error: ' + (err && err.message ? err.message : err));
    process.exit(1);
  });
};

FoodieBot.prototype._onStart = function () {
  printWorkspace(this);
  process.stdout.write('', function () { process.exit(0); });
};

util.inherits(FoodieBot, bot);

new FoodieBot({ token: process.env.SLACK_BOT_TOKEN, name: 'foodie' }).run();
`;

/** The twin form: the parent's constructor called by name in the child's, the prototype from Object.create. */
const PARENT_CALL = `var SlackBot = require('slackbots');
var printWorkspace = require('../summary');

function DeployBot(settings) {
  SlackBot.apply(this, arguments);
  this.on('start', function () {
    printWorkspace(this);
    process.stdout.write('', function () { process.exit(0); });
  });
  this.on('error', function (err) {
    console.error('slackbots error: ' + (err && err.message ? err.message : err));
    process.exit(1);
  });
}
DeployBot.prototype = Object.create(SlackBot.prototype);
DeployBot.prototype.constructor = DeployBot;

new DeployBot({ token: process.env.SLACK_BOT_TOKEN, name: 'deploy' });
`;

/** slackbots 0.5.3 as published (its last ES5 release, which can be `.call`ed), with `runner`. */
async function es5App(runner: string): Promise<string> {
  const dir = await copySlackbots('slackbots@0.5.3', { 'bot.js': runner });
  expect(await readFile(join(dir, 'slackbots', 'index.js'), 'utf8')).toContain('function Bot(params)');
  return dir;
}

const apply = async (dir: string): Promise<DryReport> => {
  const ran = await cli(['apply', 'runners', '--allow-dirty', '--report', 'json'], dir);
  expect(ran.code).toBe(0);
  return JSON.parse(ran.stdout) as DryReport;
};

/**
 * An ES5 subclass of the published slackbots 0.5.3 (its constructor run on the instance, which logs in with
 * `this._api('rtm.start')`): it prints the workspace against fake Slack answering `rtm.start`, fails once
 * Slack answers `rtm_connect_required`, and, migrated by the real CLI (the instance handed through
 * `withSlackbotsRtmStartOn()`), prints the same users, channels, groups, ims and members through `rtm.connect`.
 */
describe.each([
  { form: 'X.super_.call(this, …) after util.inherits(X, SlackBot)', runner: SUPER_CALL, wrapped: 'FoodieBot.super_.call(withSlackbotsRtmStartOn(this, ', id: 'runners/bot.js:10:3' },
  { form: 'SlackBot.apply(this, arguments), prototype from Object.create', runner: PARENT_CALL, wrapped: 'SlackBot.apply(withSlackbotsRtmStartOn(this, ', id: 'runners/bot.js:5:3' },
])('slackbots 0.5.3 ES5 subclass, $form', ({ runner, wrapped, id }) => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 31, users: 25, channels: 6, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  it('prints what it printed against rtm.start, through rtm.connect; a second run finds nothing', { timeout: 240_000 }, async () => {
    await expectSlackbotsSubclassMigrated(slack, await es5App(runner), apply, { file: 'bot.js', id, wrapped });
  });
});

describe('withSlackbotsRtmStartOn()', () => {
  it('throws a clear TypeError when handed an instance without slackbots `_api`', async () => {
    const dir = await es5App(PARENT_CALL);
    await apply(dir);
    const tried = await run(process.execPath, ['-e', "require('./runners/rtm-start-data').withSlackbotsRtmStartOn({})"], { cwd: dir });
    expect(tried.code).toBe(1);
    expect(tried.stderr).toContain('TypeError: withSlackbotsRtmStartOn: this instance has no slackbots `_api`');
  });
});

/** Where slackbots' constructor is run on an instance the wrapper cannot be handed: a TODO, the code as it was. */
describe("slackbots' constructor run on an instance the generated module cannot stand in for", () => {
  it.each([
    ['the instance spread from an array (`SlackBot.call(...args)`)', "const SlackBot = require('slackbots');\nfunction Bot(args) {\n  SlackBot.call(...args);\n}\nmodule.exports = Bot;\n", 'bot.js:3:3', []],
    ['`--helper shim` (the shim has no such wrapper)', "const SlackBot = require('slackbots');\nfunction Bot(settings) {\n  SlackBot.call(this, settings);\n}\nmodule.exports = Bot;\n", 'bot.js:3:3', ['--helper', 'shim']],
  ] as const)('%s', async (_form, source, id, flags) => {
    const dir = await tempDir('slackbots-es5-todo-');
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'food-bot', version: '1.0.0', dependencies: { slackbots: '^0.5.0' } }));
    await writeFile(join(dir, 'bot.js'), source);
    const ran = await cli(['apply', '.', '--allow-dirty', '--report', 'json', ...flags], dir);
    expect(ran.code).toBe(0);
    expect((JSON.parse(ran.stdout) as DryReport).sites.map((s) => [s.id, s.rewrite])).toEqual([[id, 'todo']]);
    const written = await readFile(join(dir, 'bot.js'), 'utf8');
    // The TODO's lines as one text (its continuation lines are indented past the `//`).
    const todo = written.replace(/\n[ \t]*\/\/[ \t]{2,}/g, ' ');
    expect(todo).toContain("// TODO(rtm-migrate): This call runs `slackbots`' constructor on an instance (an ES5 subclass");
    expect(todo).toContain('`"slackbots": "^0.5.0"` allows such a release');
    expect(written.replace(/^[ \t]*\/\/.*\n/gm, '')).toBe(source);
  });
});

/** An ES5 subclass's own `_api`, given the instance after slackbots' constructor ran on it: counts its calls, then goes to slackbots' own. */
const OWN_API = `  this._api = function (methodName, params) {
    this.calls += 1;
    return SlackBot.prototype._api.call(this, methodName, params);
  };
`;

/** The subclass logs in again at its first start (as a bot does on `close`) and prints at the second. */
const relogin = (ownApi: string): string => `var SlackBot = require('slackbots');
var util = require('util');
var printWorkspace = require('../summary');

function CountingBot(settings) {
  SlackBot.call(this, settings);
  this.calls = 0;
${ownApi}  var starts = 0;
  this.on('start', function () {
    starts += 1;
    if (starts === 1) return this.login();
    console.log('own _api calls: ' + this.calls);
    printWorkspace(this);
    process.stdout.write('', function () { process.exit(0); });
  });
  this.on('error', function (err) {
    console.error('slackbots error: ' + (err && err.message ? err.message : err));
    process.exit(1);
  });
}
util.inherits(CountingBot, SlackBot);

new CountingBot({ token: process.env.SLACK_BOT_TOKEN, name: 'counting' });
`;

/**
 * An ES5 subclass of slackbots 0.5.3 that gives the instance an `_api` of its own after `SlackBot.call(this, …)`
 * and logs in again: that login asks the app's `_api`, which replaced the one `withSlackbotsRtmStartOn(this)`
 * gave the instance. A TODO naming the assignment, the code as it was; wrapped by hand it would fail.
 */
describe('slackbots 0.5.3 ES5 subclass giving the instance an `_api` of its own', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 33, users: 11, channels: 5, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  it('a TODO naming `this._api = …`; wrapped by hand, the second login would reach rtm.start', { timeout: 240_000 }, async () => {
    const source = relogin(OWN_API);
    const dir = await es5App(source);
    const start = (at: string) => runNodeBot(join(at, 'runners', 'bot.js'), { cwd: at, apiUrl: slack.apiUrl });
    slack.setMode('legacy');
    slack.resetCalls();
    const before = await start(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^own _api calls: 1\n/m);
    expect(before.stdout).toMatch(/^users: [1-9]/m);
    expect(slack.calls.map((c) => c.method)).toEqual(['rtm.start', 'rtm.start']);

    const report = await apply(dir);
    expect(report.todos).toBe(1);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['runners/bot.js:6:3', 'todo']]);
    expect(report.sites[0]?.message).toContain("This call runs `slackbots`' constructor on an instance (an ES5 subclass)");
    expect(report.sites[0]?.message).toContain("`_api` is given a function of the app's own on line 8");
    const written = await readFile(join(dir, 'runners', 'bot.js'), 'utf8');
    expect(written.replace(/^[ \t]*\/\/.*\n/gm, '')).toBe(source);
    slack.setMode('legacy');
    expect(await start(dir)).toEqual(before);

    // What a wrap would have been: the same bot without its own `_api`, wrapped by the CLI, then given it back.
    const once = await es5App(relogin(''));
    expect((await apply(once)).todos).toBe(0);
    const wrapped = await readFile(join(once, 'runners', 'bot.js'), 'utf8');
    expect(wrapped).toContain('SlackBot.call(withSlackbotsRtmStartOn(this, ');
    slack.setMode('connect_required');
    slack.resetCalls();
    const control = await start(once);
    expect([control.code, control.stderr]).toEqual([0, '']);
    expect(control.stdout).toBe(before.stdout.replace('own _api calls: 1', 'own _api calls: 0'));
    expect(slack.calls.map((c) => c.method).filter((m) => m.startsWith('rtm.'))).toEqual(['rtm.connect', 'rtm.connect']);
    await writeFile(join(once, 'runners', 'bot.js'), wrapped.replace('  this.calls = 0;\n', `  this.calls = 0;\n${OWN_API}`));
    slack.resetCalls();
    expect(await start(once)).toMatchObject({ code: 1, stderr: 'slackbots error: rtm_connect_required\n' });
    // The first login went through the wrapper; the second, through the app's `_api`, asked Slack.
    expect(slack.calls.map((c) => c.method).filter((m) => m.startsWith('rtm.'))).toEqual(['rtm.connect', 'rtm.start']);
  });
});

/** An ES5 subclass the package's entry module exports, with nothing else in it: what code outside the project does with it is unseen. */
const ENTRY_CLASS = `var SlackBot = require('slackbots');
var util = require('util');

function TeamBot(settings) {
  SlackBot.call(this, settings);
}
util.inherits(TeamBot, SlackBot);

module.exports = TeamBot;
`;

/** Code outside the project that requires the package: gives the bot an `_api` of its own, logs in again at its first start, prints at the second. */
const OUTSIDE_APP = `var TeamBot = require('./runners');
var printWorkspace = require('./summary');

var bot = new TeamBot({ token: process.env.SLACK_BOT_TOKEN, name: 'team' });
bot.calls = 0;
${OWN_API.replaceAll('this', 'bot').replace('SlackBot', 'TeamBot')}var starts = 0;
bot.on('start', function () {
  starts += 1;
  if (starts === 1) return bot.login();
  console.log('own _api calls: ' + bot.calls);
  printWorkspace(bot);
  process.stdout.write('', function () { process.exit(0); });
});
bot.on('error', function (err) {
  console.error('slackbots error: ' + (err && err.message ? err.message : err));
  process.exit(1);
});
`;

/**
 * An ES5 subclass of slackbots 0.5.3 exported from the package's entry module, given an `_api` of its own by code
 * outside the project after it is made, which logs in again. Code outside the project is not asked, as for a class
 * extending the wrapped one (blind s47/05 and s47/07, the norrisbot template: `main` is the bot's class, only its
 * own `bin/bot.js` uses it): wrapped. The first login goes through the generated module; the outside `_api`, given
 * after it, stands in front of it for the second, which asks Slack for `rtm.start` as the whole bot did before the
 * migration.
 */
describe('slackbots 0.5.3 ES5 subclass exported from the package entry module', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 35, users: 9, channels: 4, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  const outsideApp = async (main: string): Promise<string> => {
    const dir = await es5App(ENTRY_CLASS);
    await writeFile(join(dir, 'runners', 'package.json'), JSON.stringify({ name: 'team-bot', version: '1.0.0', main, dependencies: { slackbots: '^0.5.3' } }));
    await writeFile(join(dir, 'app.js'), OUTSIDE_APP);
    return dir;
  };

  it.each(['bot.js', 'index.js'])('main %s: wrapped, and the first login goes through the generated module; the outside `_api` takes the second to rtm.start, as before the migration', { timeout: 240_000 }, async (main) => {
    const dir = await outsideApp(main);
    if (main !== 'bot.js') await writeFile(join(dir, 'app.js'), OUTSIDE_APP.replace("require('./runners')", "require('./runners/bot')"));
    const start = (at: string) => runNodeBot(join(at, 'app.js'), { cwd: at, apiUrl: slack.apiUrl });
    slack.setMode('legacy');
    slack.resetCalls();
    const before = await start(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^own _api calls: 1\n/m);
    expect(before.stdout).toMatch(/^users: [1-9]/m);
    expect(slack.calls.map((c) => c.method).filter((m) => m.startsWith('rtm.'))).toEqual(['rtm.start', 'rtm.start']);

    const report = await apply(dir);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['runners/bot.js:5:3', 'helper-module']]);
    expect(report.todos).toBe(0);
    expect(await readFile(join(dir, 'runners', 'bot.js'), 'utf8')).toContain('SlackBot.call(withSlackbotsRtmStartOn(this, ');
    slack.setMode('connect_required');
    slack.resetCalls();
    expect(await start(dir)).toMatchObject({ code: 1, stderr: 'slackbots error: rtm_connect_required\n' });
    // The first login went through the wrapper; the second, through the outside `_api`, asked Slack.
    expect(slack.calls.map((c) => c.method).filter((m) => m.startsWith('rtm.'))).toEqual(['rtm.connect', 'rtm.start']);
  });
});
