import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot } from '../../../test/support/run.js';
import { cli, scanFiles, SLACKBOTAPI_MANIFEST, slackbotapiApp, type DryReport } from './helpers.js';

/** The `reqAPI` the app gives the bot itself once it is made: counts its calls, then goes to slackbotapi's own. */
const OWN_REQUEST = `var calls = 0;
slack.reqAPI = function (method, data, callback) {
  calls += 1;
  return slackAPI.prototype.reqAPI.call(this, method, data, callback);
};
`;

/**
 * A slackbotapi bot that reconnects (`autoReconnect: true`): its first socket is closed once open, and the
 * package requests rtm.start again through `this.reqAPI`; at the second `open` it prints what it knows. A
 * reconnect that never comes (slackbotapi drops a refused answer without a word) shows as `no reconnect`.
 */
const bot = (ownRequest: string): string => `var slackAPI = require('slackbotapi');
var printWorkspace = require('./summary');

var slack = new slackAPI({ token: process.env.SLACK_BOT_TOKEN, logging: false, autoReconnect: true }, function (error) {
  console.error('slackbotapi error: ' + error);
  process.exit(1);
});
${ownRequest}
var opened = 0;
slack.on('open', function () {
  opened += 1;
  if (opened === 1) {
    setTimeout(function () { console.log('no reconnect'); process.exit(2); }, 10000);
    return slack.ws.close();
  }
  console.log('reqAPI calls of its own: ' + calls);
  printWorkspace(slack.getSlackData());
  process.stdout.write('', function () { process.exit(0); });
});
`;

const apply = async (dir: string): Promise<DryReport> => {
  const ran = await cli(['apply', 'app', '--allow-dirty', '--report', 'json'], dir);
  expect(ran.code).toBe(0);
  return JSON.parse(ran.stdout) as DryReport;
};

/**
 * The real slackbotapi 1.3.9, given a `reqAPI` of its own on the instance after `new`: the constructor's
 * rtm.start went through the class's `reqAPI`, but each reconnect asks the bot's own. A TODO naming the
 * assignment, the bot unchanged; the wrapped form written by hand shows why: in front of the generated
 * module's `reqAPI`, the bot's own sends the reconnect's rtm.start to Slack, which refuses it, and
 * slackbotapi never reconnects. Without it, the same wrapped bot reconnects through rtm.connect.
 */
describe('slackbotapi 1.3.9 bot with a `reqAPI` of its own on the instance', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 48, users: 8, channels: 4, mode: 'legacy', tokens: { 'xoxb-1-test': {} } });
  });
  afterAll(async () => {
    await slack.close();
  });

  const run = (dir: string) =>
    runNodeBot(join(dir, 'app', 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl, token: 'xoxb-1-test', env: { NODE_OPTIONS: `--require ${join(dir, 'point-at-fake-slack.js')}` } });

  it('a TODO naming the assignment; wrapped by hand, the reconnect would reach rtm.start and never come', { timeout: 240_000 }, async () => {
    const source = bot(OWN_REQUEST);
    const dir = await slackbotapiApp(source);
    slack.setMode('legacy');
    slack.resetCalls();
    const before = await run(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    // The reconnect's rtm.start went through the bot's own `reqAPI`.
    expect(before.stdout).toMatch(/^reqAPI calls of its own: 1\n/m);
    expect(slack.calls.map((c) => c.method)).toEqual(['rtm.start', 'rtm.start']);

    const report = await apply(dir);
    expect(report.todos).toBe(1);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['app/bot.js:4:13', 'todo']]);
    expect(report.sites[0]?.message).toContain("`reqAPI` is given a function of the app's own on line 9, on the bot itself");
    const written = await readFile(join(dir, 'app', 'bot.js'), 'utf8');
    expect(written.replace(/^[ \t]*\/\/.*\n/gm, '')).toBe(source);
    expect(await run(dir)).toEqual(before);

    // What a wrap would have been: the bot made with the generated module's subclass (from a run on the bot
    // without its own `reqAPI`), then given it.
    const plain = await slackbotapiApp(bot('var calls = 0;\n'));
    expect((await apply(plain)).todos).toBe(0);
    const wrappedPlain = await readFile(join(plain, 'app', 'bot.js'), 'utf8');
    expect(wrappedPlain).toContain('new (withSlackbotapiRtmStart(slackAPI, ');
    slack.setMode('connect_required');
    slack.resetCalls();
    const control = await run(plain);
    expect([control.code, control.stderr]).toEqual([0, '']);
    expect(control.stdout).toBe(before.stdout.replace('reqAPI calls of its own: 1', 'reqAPI calls of its own: 0'));
    expect(slack.calls.map((c) => c.method).filter((m) => m.startsWith('rtm.'))).toEqual(['rtm.connect', 'rtm.connect']);

    await writeFile(join(plain, 'app', 'bot.js'), wrappedPlain.replace('var calls = 0;\n', OWN_REQUEST));
    slack.resetCalls();
    const wrapped = await run(plain);
    expect([wrapped.code, wrapped.stdout, wrapped.stderr]).toEqual([2, 'no reconnect\n', '']);
    expect(slack.calls.map((c) => c.method).filter((m) => m.startsWith('rtm.'))).toEqual(['rtm.connect', 'rtm.start']);
  });
});

/**
 * A slackbotapi bot made in a function of the package's entry module and kept in a variable whose every
 * use is a member (`slack.on(…)`, `slack.getUser(…)`), the module exporting that function and a look-up
 * (blind s42/13 wsloth/easy-slackbot). Code outside the project may load the module, but none of what it
 * exports is the bot: nothing there can give it a `reqAPI`, so the bot is wrapped (it was a TODO saying
 * an importer might).
 */
const FACTORY = `var slackAPI = require('slackbotapi');
var printWorkspace = require('./summary');

var slack;
function start() {
  slack = new slackAPI({ token: process.env.SLACK_BOT_TOKEN, logging: false, autoReconnect: false }, function (error) {
    console.error('slackbotapi error: ' + error);
    process.exit(1);
  });
  slack.on('open', function () {
    printWorkspace(slack.getSlackData());
    process.stdout.write('', function () { process.exit(0); });
  });
}

module.exports = { start: start, user: function (id) { return slack.getUser(id); } };
if (require.main === module) start();
`;

describe('slackbotapi 1.3.9 bot kept in a variable of the entry module, which exports a factory', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 49, users: 8, channels: 4, mode: 'legacy', tokens: { 'xoxb-1-test': {} } });
  });
  afterAll(async () => {
    await slack.close();
  });

  it('is wrapped, and knows the same workspace against connect_required', { timeout: 120_000 }, async () => {
    const dir = await slackbotapiApp(FACTORY);
    await writeFile(join(dir, 'app', 'package.json'), JSON.stringify({ ...(JSON.parse(SLACKBOTAPI_MANIFEST) as object), main: 'bot.js' }));
    const run = () => runNodeBot(join(dir, 'app', 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl, token: 'xoxb-1-test', env: { NODE_OPTIONS: `--require ${join(dir, 'point-at-fake-slack.js')}` } });
    const before = await run();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toContain('users: ');

    const report = await apply(dir);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['app/bot.js:6:11', 'helper-module']]);
    expect(await readFile(join(dir, 'app', 'bot.js'), 'utf8')).toContain('new (withSlackbotapiRtmStart(slackAPI');
    slack.setMode('connect_required');
    slack.resetCalls();
    expect(await run()).toEqual(before);
    expect(slack.calls.map((c) => c.method).filter((m) => m.startsWith('rtm.'))).toEqual(['rtm.connect']);
  });

  it.each([
    ['exported by its declaration', "export const slack = new slackAPI({ token: 'xoxb-1-test', logging: false, autoReconnect: true });\nslack.on('open', () => console.log('open'));\n"],
    ['exported by name', "const slack = new slackAPI({ token: 'xoxb-1-test', logging: false, autoReconnect: true });\nslack.on('open', () => console.log('open'));\nexport { slack };\n"],
  ])('%s from the entry module, which code outside the project may load: wrapped (code outside the project is not asked: a reqAPI it gives the bot after it is made takes its reconnects to rtm.start, as before the migration)', async (_, bot) => {
    const manifest = JSON.stringify({ name: 'relay-bot', version: '1.0.0', main: 'bot.mjs', dependencies: { slackbotapi: '1.3.9' } });
    const report = await scanFiles(manifest, { 'bot.mjs': `import slackAPI from 'slackbotapi';\n${bot}` });
    expect(report.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(report.todos).toBe(0);
  });
});

/**
 * The class the package's entry module exports keeps its slackbotapi bot in a field of its own, set in its
 * constructor and used only through members (`this.slackrtm.on(…)`), as blind s45/11 (eskerda/slack-keep-presence)
 * does; the package's bin script makes and starts one. Code outside the project loads the class, but would have
 * to reach into that field to give the bot a `reqAPI`: the bot is wrapped (it was a TODO saying an importer might).
 */
const PRESENCE = `var slackAPI = require('slackbotapi');
var printWorkspace = require('./summary');

class Presence {
  constructor(token) {
    this.slackrtm = new slackAPI({ token: token, logging: false, autoReconnect: false }, function (error) {
      console.error('slackbotapi error: ' + error);
      process.exit(1);
    });
  }

  start() {
    this.slackrtm.on('open', () => {
      printWorkspace(this.slackrtm.getSlackData());
      process.stdout.write('', function () { process.exit(0); });
    });
  }
}

module.exports = Presence;
`;

describe('slackbotapi 1.3.9 bot kept in a field of the class the package entry module exports', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 50, users: 8, channels: 4, mode: 'legacy', tokens: { 'xoxb-1-test': {} } });
  });
  afterAll(async () => {
    await slack.close();
  });

  const presenceApp = async (source: string, files: Readonly<Record<string, string>> = {}): Promise<string> => {
    const dir = await slackbotapiApp(source);
    await writeFile(join(dir, 'app', 'package.json'), JSON.stringify({ ...(JSON.parse(SLACKBOTAPI_MANIFEST) as object), main: 'bot.js', bin: { presence: 'cli.js' } }));
    await writeFile(join(dir, 'app', 'cli.js'), "var Presence = require('./');\nnew Presence(process.env.SLACK_BOT_TOKEN).start();\n");
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, 'app', name), text);
    return dir;
  };

  it('is wrapped, and knows the same workspace against connect_required', { timeout: 120_000 }, async () => {
    const dir = await presenceApp(PRESENCE);
    const run = () => runNodeBot(join(dir, 'app', 'cli.js'), { cwd: dir, apiUrl: slack.apiUrl, token: 'xoxb-1-test', env: { NODE_OPTIONS: `--require ${join(dir, 'point-at-fake-slack.js')}` } });
    slack.setMode('legacy');
    const before = await run();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toContain('users: ');
    slack.setMode('connect_required');
    expect((await run()).code).not.toBe(0);

    const report = await apply(dir);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['app/bot.js:6:21', 'helper-module']]);
    expect(await readFile(join(dir, 'app', 'bot.js'), 'utf8')).toContain('this.slackrtm = new (withSlackbotapiRtmStart(slackAPI');
    slack.resetCalls();
    expect(await run()).toEqual(before);
    expect(slack.calls.map((c) => c.method).filter((m) => m.startsWith('rtm.'))).toEqual(['rtm.connect']);
  });

  it('handed out by a method: wrapped too (no module of the project gives it a reqAPI; code outside it is not asked)', async () => {
    const report = await apply(await presenceApp(PRESENCE.replace('  start() {', '  client() {\n    return this.slackrtm;\n  }\n\n  start() {')));
    expect(report.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
  });

  it('given a reqAPI by a module of the project: still the TODO that its reqAPI is the app\'s own', async () => {
    const report = await apply(await presenceApp(PRESENCE, { 'cli.js': "var Presence = require('./');\nvar presence = new Presence(process.env.SLACK_BOT_TOKEN);\npresence.slackrtm.reqAPI = function () {};\npresence.start();\n" }));
    expect(report.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(report.sites[0]?.message).toContain("`reqAPI` is given a function of the app's own");
  });
});
