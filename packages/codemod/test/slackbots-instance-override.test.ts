import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot } from '../../../test/support/run.js';
import { applyRunners, scanFiles, slackbotsApp } from './helpers.js';

/** The `_api` the app gives the bot itself once it is made: counts its calls, then goes to slackbots' own. */
const OWN_API = `let calls = 0;
bot._api = function (methodName, params) {
  calls += 1;
  return SlackBot.prototype._api.call(this, methodName, params);
};
`;

/**
 * At start: one call of the app's own through the bot's `_api`, then what the bot learnt; leaves. The bot is
 * used through its members only (handed to no function, which might log it in again).
 */
const ONCE = `bot.on('start', function () {
  bot._api('auth.test').then(function () {
    console.log('own _api calls: ' + calls);
    printWorkspace({ self: bot.self, team: bot.team, users: bot.users, channels: bot.channels, groups: bot.groups, ims: bot.ims });
    process.stdout.write('', function () { process.exit(0); });
  });
});
`;

/** Logs in again after the first start (as a bot does on `close`); prints at the second start. */
const RELOGIN = `let starts = 0;
bot.on('start', function () {
  starts += 1;
  if (starts === 1) return bot.login();
  console.log('own _api calls: ' + calls);
  printWorkspace(bot);
  process.stdout.write('', function () { process.exit(0); });
});
`;

const bot = (ownApi: string, then: string): string => `const SlackBot = require('slackbots');
const printWorkspace = require('../summary');

const bot = new SlackBot({ token: process.env.SLACK_BOT_TOKEN, name: 'counting' });
${ownApi}
${then}
bot.on('error', function (err) {
  console.error('slackbots error: ' + (err && err.message ? err.message : err));
  process.exit(1);
});
`;


/**
 * A slackbots 1.2.0 bot given an `_api` of its own on the instance (`bot._api = …` after `new`). The
 * constructor's login has asked the class's `_api` for rtm.start before that line runs, so a bot that never
 * logs in again is wrapped and starts as before through rtm.connect, its own `_api` carrying its later
 * calls. A bot that logs in again asks its own `_api`, not the generated module's: a TODO, and the
 * wrapped form written by hand shows why (that second login reaches Slack's rtm.start, refused).
 */
describe('slackbots 1.2.0 bot with an `_api` of its own on the instance', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 32, users: 9, channels: 4, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  const run = (dir: string) => runNodeBot(join(dir, 'runners', 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl });

  it('never logged in again: wrapped, the same output through rtm.connect, its own `_api` still asked for its calls', { timeout: 240_000 }, async () => {
    const dir = await slackbotsApp(bot(OWN_API, ONCE));
    slack.setMode('legacy');
    const before = await run(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^own _api calls: 1$/m);
    expect(before.stdout).toMatch(/^users: [1-9]/m);

    const report = await applyRunners(dir);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['runners/bot.js:4:13', 'helper-module']]);
    expect(await readFile(join(dir, 'runners', 'bot.js'), 'utf8')).toContain('new (withSlackbotsRtmStart(SlackBot, ');

    slack.setMode('connect_required');
    slack.resetCalls();
    const after = await run(dir);
    expect([after.code, after.stderr]).toEqual([0, '']);
    expect(after.stdout).toBe(before.stdout);
    const methods = slack.calls.map((c) => c.method);
    expect(methods).not.toContain('rtm.start');
    expect(methods).toContain('rtm.connect');
  });

  it('logged in again: a TODO naming the assignment; wrapped by hand, the second login would reach rtm.start', { timeout: 240_000 }, async () => {
    const source = bot(OWN_API, RELOGIN);
    const dir = await slackbotsApp(source);
    slack.setMode('legacy');
    const before = await run(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    // The second login's rtm.start went through the bot's own `_api`.
    expect(before.stdout).toMatch(/^own _api calls: 1\n/m);

    const report = await applyRunners(dir);
    expect(report.todos).toBe(1);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['runners/bot.js:4:13', 'todo']]);
    expect(report.sites[0]?.message).toContain("`_api` is given a function of the app's own on line 6, on the bot itself");
    const written = await readFile(join(dir, 'runners', 'bot.js'), 'utf8');
    expect(written.replace(/^[ \t]*\/\/.*\n/gm, '')).toBe(source);
    expect(await run(dir)).toEqual(before);

    // What a wrap would have been: the bot made with the generated module's subclass (from a run on the bot
    // without the second login), then given the same `_api` and logging in again.
    const once = await slackbotsApp(bot(OWN_API, ONCE));
    expect((await applyRunners(once)).todos).toBe(0);
    const wrapped = (await readFile(join(once, 'runners', 'bot.js'), 'utf8')).replace(ONCE, RELOGIN);
    expect(wrapped).toContain('new (withSlackbotsRtmStart(SlackBot, ');
    expect(wrapped).toContain(RELOGIN);
    slack.setMode('connect_required');
    await writeFile(join(once, 'runners', 'bot.js'), wrapped);
    slack.resetCalls();
    expect(await run(once)).toMatchObject({ code: 1, stderr: 'slackbots error: rtm_connect_required\n' });
    // The first login went through the wrapper; the second, through the bot's own `_api`, asked Slack.
    expect(slack.calls.map((c) => c.method).filter((m) => m.startsWith('rtm.'))).toEqual(['rtm.connect', 'rtm.start']);
    // Without the bot's own `_api`, the same wrapped bot logs in twice through the wrapper.
    await writeFile(join(once, 'runners', 'bot.js'), wrapped.replace(OWN_API, 'const calls = 0;\n'));
    const control = await run(once);
    expect([control.code, control.stderr]).toEqual([0, '']);
    expect(control.stdout).toMatch(/^own _api calls: 0\n/m);
  });
});

/** A module of the app that makes the bot and exports it. */
const EXPORTED = `const SlackBot = require('slackbots');

module.exports = new SlackBot({ token: process.env.SLACK_BOT_TOKEN, name: 'counting' });
`;

/** The bot's importer: gives it `ownApi`, then logs it in again (RELOGIN). */
const importer = (ownApi: string): string => `const SlackBot = require('slackbots');
const printWorkspace = require('../summary');
const bot = require('./made-bot');
${ownApi}
${RELOGIN}
bot.on('error', function (err) {
  console.error('slackbots error: ' + (err && err.message ? err.message : err));
  process.exit(1);
});
`;

/**
 * A slackbots 1.2.0 bot exported by the module that makes it (`module.exports = new SlackBot(…)`), given an
 * `_api` of its own by a module that imports it, which logs it in again: the importer is searched like the
 * bot's own file, so the `new` is a TODO naming that module and line; wrapped by hand it would fail.
 */
describe('slackbots 1.2.0 bot exported by its module, given an `_api` where it is imported', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 34, users: 8, channels: 4, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  const run = (dir: string) => runNodeBot(join(dir, 'runners', 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl });
  const app = async (ownApi: string): Promise<string> => {
    const dir = await slackbotsApp(importer(ownApi));
    await writeFile(join(dir, 'runners', 'made-bot.js'), EXPORTED);
    return dir;
  };

  it('a TODO at the `new` naming the importer; wrapped by hand, the second login would reach rtm.start', { timeout: 240_000 }, async () => {
    const dir = await app(OWN_API);
    slack.setMode('legacy');
    const before = await run(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^own _api calls: 1\n/m);

    const report = await applyRunners(dir);
    expect(report.todos).toBe(1);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['runners/made-bot.js:3:18', 'todo']]);
    expect(report.sites[0]?.message).toContain("`_api` is given a function of the app's own in bot.js (line 5), a module that imports this one, on the bot itself");
    expect(await readFile(join(dir, 'runners', 'bot.js'), 'utf8')).toBe(importer(OWN_API));
    expect((await readFile(join(dir, 'runners', 'made-bot.js'), 'utf8')).replace(/^[ \t]*\/\/.*\n/gm, '')).toBe(EXPORTED);
    expect(await run(dir)).toEqual(before);

    // What a wrap would have been: the importer without its `_api` lets the CLI wrap the bot; then it is given back.
    const wrappedApp = await app('let calls = 0;\n');
    expect((await applyRunners(wrappedApp)).todos).toBe(0);
    expect(await readFile(join(wrappedApp, 'runners', 'made-bot.js'), 'utf8')).toContain('new (withSlackbotsRtmStart(SlackBot, ');
    slack.setMode('connect_required');
    slack.resetCalls();
    const control = await run(wrappedApp);
    expect([control.code, control.stderr]).toEqual([0, '']);
    expect(control.stdout).toBe(before.stdout.replace('own _api calls: 1', 'own _api calls: 0'));
    await writeFile(join(wrappedApp, 'runners', 'bot.js'), importer(OWN_API));
    slack.resetCalls();
    expect(await run(wrappedApp)).toMatchObject({ code: 1, stderr: 'slackbots error: rtm_connect_required\n' });
    expect(slack.calls.map((c) => c.method).filter((m) => m.startsWith('rtm.'))).toEqual(['rtm.connect', 'rtm.start']);
  });

  it('an importer that cannot be read: a TODO saying so', { timeout: 120_000 }, async () => {
    const report = await scanFiles(JSON.stringify({ name: 'relay', version: '1.0.0', main: 'index.js', dependencies: { slackbots: '^1.1.0' } }), {
      'made-bot.js': EXPORTED,
      'index.js': "const bot = require('./made-bot');\nbot.on('start', () => {});\n",
      'broken.js': "const bot = require('./made-bot');\nbot._api = function (m, p) {\n",
    });
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['made-bot.js:3:18', 'todo']]);
    expect(report.sites[0]?.message).toContain("`_api` is given a function of the app's own where it is imported (this module exports it, and not every module that may import it can be read)");
  });
});
