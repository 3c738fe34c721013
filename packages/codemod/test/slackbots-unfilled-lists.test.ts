import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot } from '../../../test/support/run.js';
import { cli, scanFiles, slackbotsApp, type DryReport } from './helpers.js';

/**
 * A class extending slackbots that reads the lists its login kept of `rtm.start`'s data (blind s77/07: the
 * app declared `^1.0.2`, npm installed 1.3.0, whose login requests `rtm.connect` and keeps none of them).
 */
const CLASS_MODULE = `const Bot = require('slackbots');

class CaniuseBot extends Bot {
  workspace() {
    return { self: this.self, team: this.team, users: this.users, channels: this.channels, groups: this.groups, ims: this.ims };
  }
}

module.exports = CaniuseBot;
`;

const MAIN = `const printWorkspace = require('../summary');
const CaniuseBot = require('./caniuse-bot');

const bot = new CaniuseBot({ token: process.env.SLACK_BOT_TOKEN, name: 'caniuse' });
bot.on('start', function () {
  printWorkspace(bot.workspace());
  process.stdout.write('', function () { process.exit(0); });
});
bot.on('error', function (err) {
  console.error('slackbots error: ' + (err && err.message ? err.message : err));
  process.exit(1);
});
`;

/** The bot on a published slackbots `release`, its class module beside it. */
async function app(release: '1.2.0' | '1.3.0'): Promise<string> {
  const dir = await slackbotsApp(MAIN, release);
  await writeFile(join(dir, 'runners', 'caniuse-bot.js'), CLASS_MODULE);
  return dir;
}

const apply = async (dir: string): Promise<DryReport> => {
  const ran = await cli(['apply', 'runners', '--allow-dirty', '--report', 'json'], dir);
  expect(ran.code).toBe(0);
  return JSON.parse(ran.stdout) as DryReport;
};

describe('slackbots 1.3.0 bot reading the lists 1.2.0 kept of rtm.start', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 77, users: 25, channels: 6, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });
  const start = (dir: string, token?: string) => runNodeBot(join(dir, 'runners', 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl, ...(token ? { token } : {}) });

  it('knows on 1.3.0, migrated, through rtm.connect what it knew on 1.2.0 through rtm.start; a second run finds nothing', { timeout: 240_000 }, async () => {
    slack.setMode('legacy');
    const reference = await start(await app('1.2.0'));
    expect([reference.code, reference.stderr]).toEqual([0, '']);
    expect(reference.stdout).toMatch(/^users: 25$/m);
    expect(reference.stdout).toMatch(/^channels: [1-9]/m);

    const dir = await app('1.3.0');
    slack.setMode('connect_required');
    // Unmigrated, 1.3.0 starts against today's Slack and knows no users, channels, groups or ims.
    const unmigrated = await start(dir);
    expect([unmigrated.code, unmigrated.stderr]).toEqual([0, '']);
    expect(unmigrated.stdout).toMatch(/^users: 0$/m);
    expect(unmigrated.stdout).toMatch(/^channels: 0$/m);

    const report = await apply(dir);
    expect(report.todos).toBe(0);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['runners/caniuse-bot.js:3:1', 'helper-module']]);
    expect(report.sites[0]?.message).toContain('installed here is 1.3.0');
    expect(report.sites[0]?.message).toContain('`this.users` (line 5)');
    const written = await readFile(join(dir, 'runners', 'caniuse-bot.js'), 'utf8');
    expect(written).toContain('class CaniuseBot extends withSlackbotsRtmStart(Bot');

    slack.resetCalls();
    const after = await start(dir);
    expect([after.code, after.stderr]).toEqual([0, '']);
    expect(after.stdout).toBe(reference.stdout);
    const methods = slack.calls.map((c) => c.method);
    expect(methods).not.toContain('rtm.start');
    expect(methods.filter((m) => m === 'rtm.connect')).toHaveLength(1);
    expect(methods.at(-1)).toBe('rtm.connect');

    const refused = await start(dir, 'xoxb-unknown');
    expect([refused.code, refused.stderr]).toEqual([1, 'slackbots error: invalid_auth\n']);

    expect((await apply(dir)).sites).toEqual([]);
    expect(await readFile(join(dir, 'runners', 'caniuse-bot.js'), 'utf8')).toBe(written);
  });
});

/** A project on slackbots 1.3.0 (installed: its package.json in node_modules), scanned with `--dry`. */
const onSlackbots13 = (files: Record<string, string>): Promise<DryReport> =>
  scanFiles('{ "name": "bot", "dependencies": { "slackbots": "^1.3.0" } }', { 'node_modules/slackbots/package.json': '{ "name": "slackbots", "version": "1.3.0", "main": "index.js" }', 'node_modules/slackbots/index.js': "this._api('rtm.connect');\n", ...files });

describe('slackbots 1.3.0 bots that read no list its login left', () => {
  it.each([
    { form: 'a class reading only self and team, and calling getUsers()', code: "const Bot = require('slackbots');\nclass B extends Bot {\n  who() { return this.self.name + this.team.name; }\n  all() { return this.getUsers(); }\n}\nnew B({ token: 'xoxb-test' });\n" },
    { form: 'a class filling this.users itself', code: "const Bot = require('slackbots');\nclass B extends Bot {\n  load() { return this.getUsers().then((r) => { this.users = r.members; }); }\n  count() { return this.users.length; }\n}\nnew B({ token: 'xoxb-test' });\n" },
    { form: 'a bot in a variable, read through getChannels()', code: "const SlackBot = require('slackbots');\nconst bot = new SlackBot({ token: 'xoxb-test' });\nbot.on('start', () => bot.getChannels().then((c) => console.log(c.channels.length)));\n" },
  ])('$form: no site', async ({ code }) => {
    expect((await onSlackbots13({ 'bot.js': code })).sites).toEqual([]);
  });

  it('a bot in a variable whose `users` the app reads is a site, wrapped', async () => {
    const report = await onSlackbots13({ 'bot.js': "const SlackBot = require('slackbots');\nconst bot = new SlackBot({ token: 'xoxb-test' });\nbot.on('start', () => console.log(bot.users.length));\n" });
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['bot.js:2:13', 'helper-module']]);
    expect(report.sites[0]?.message).toContain('`bot.users` (line 3)');
  });
});
