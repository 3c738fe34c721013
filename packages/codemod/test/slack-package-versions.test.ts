import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../src/plan.js';
import { cli, tempDir } from './helpers.js';

/**
 * `rtm.start` on the `slack` package (smallwins/slack) is rewritten only on a version whose methods
 * were checked: the version the nearest package.json declares (none installed here), or, when none
 * does, what the code itself shows (a method's promise or `new Slack({ token })`: 9 or later). Each
 * case runs the real CLI on files on disk.
 */
async function project(files: Record<string, string>, slack: string | undefined): Promise<string> {
  const dir = await tempDir('rtm-migrate-slack-package-');
  if (slack !== undefined) await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bot', dependencies: { slack } }));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

async function plan(dir: string): Promise<Plan> {
  const scanned = await cli(['scan', '.', '--json'], dir);
  expect(scanned.stderr).toBe('');
  return JSON.parse(scanned.stdout) as Plan;
}

const CALLBACK = `var slack = require('slack');
slack.rtm.start({ token: process.env.SLACK_BOT_TOKEN }, function (err, data) {
  if (err) return console.error(err.message);
  console.log(data.users.length + ' users in ' + data.channels.length + ' channels');
});
`;

const AWAITED = `const slack = require('slack');
async function main() {
  const data = await slack.rtm.start({ token: process.env.SLACK_BOT_TOKEN });
  return data.users.map((u) => u.name);
}
module.exports = main;
`;

const INSTANCE = `import Slack from 'slack';
const bot = new Slack({ token: process.env.SLACK_BOT_TOKEN });
export const people = async () => (await bot.rtm.start()).users.length;
`;

const CONNECT_ONLY = `var slack = require('slack');
slack.rtm.start({ token: process.env.SLACK_BOT_TOKEN, no_unreads: true }, function (err, data) {
  if (err) throw err;
  openSocket(data.url, data.self.name);
});
`;

describe('which versions of the slack package get the rewrite', () => {
  it.each([
    ['8.4.2', CALLBACK, 'helper-module', undefined],
    ['^11.0.2', CALLBACK, 'helper-module', undefined],
    ['9.1.5', AWAITED, 'helper-module', undefined],
    ['7.7.3', CALLBACK, 'todo', 'slack@7.7.3 has no `conversations.list` / `conversations.members` (added in 8.4.0)'],
    ['~8.3.1', CALLBACK, 'todo', 'slack@8.3.1 has no `conversations.list` / `conversations.members` (added in 8.4.0)'],
    ['8.4.2', AWAITED, 'todo', "slack@8.4.2's methods take a callback and return no promise (they do from 9.0.0)"],
    ['12.0.0', AWAITED, 'todo', 'slack@12.0.0 is newer than the versions rtm-migrate checked (up to 11.x)'],
    [undefined, CALLBACK, 'todo', 'nothing says which version of the `slack` package this runs with'],
    [undefined, AWAITED, 'helper-module', undefined],
  ] as const)('slack@%s: %#', async (version, source, rewrite, why) => {
    const dir = await project({ 'bot.js': source }, version);
    const [site] = (await plan(dir)).sites;
    expect(site?.rewrite).toBe(rewrite);
    if (why) expect(site?.message).toContain(why);
    if (why) expect(site?.message).toContain('the call goes through the `slack` package');
  });

  it('a new Slack({ token }) instance: 9 or later (8.x exports no constructor)', async () => {
    const unknown = await plan(await project({ 'bot.mjs': INSTANCE }, undefined));
    expect(unknown.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    const old = await plan(await project({ 'bot.mjs': INSTANCE }, '8.4.2'));
    expect(old.sites[0]?.rewrite).toBe('todo');
    expect(old.sites[0]?.message).toContain('slack@8.4.2 has no `new Slack({ token })` (added in 9.0.0)');
  });

  it('reads of team.prefs stay a TODO: no version of the package has team.preferences.list', async () => {
    const source = AWAITED.replace('data.users.map((u) => u.name)', 'data.team.prefs.display_real_names');
    const [site] = (await plan(await project({ 'bot.js': source }, '11.0.2'))).sites;
    expect(site?.rewrite).toBe('todo');
    expect(site?.message).toContain('`team.prefs` comes from team.preferences.list, which no version of the `slack` package has');
  });

  it('only url and self read: rtm.connect in place where the version has it, the token and the callback kept', async () => {
    const dir = await project({ 'bot.js': CONNECT_ONLY }, '8.4.2');
    expect((await plan(dir)).sites.map((s) => s.rewrite)).toEqual(['connect-only']);
    expect((await cli(['apply', '.', '--allow-dirty'], dir)).code).toBe(0);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain('slack.rtm.connect({ token: process.env.SLACK_BOT_TOKEN }, function (err, data) {');
  });

  it.each([
    ['7.7.3', 'slack@7.7.3 has no `rtm.connect` (added in 8.3.0)'],
    [undefined, 'nothing says which version of the `slack` package this runs with'],
  ] as const)('only url and self read on slack@%s: a TODO, never an rtm.connect the package lacks', async (version, why) => {
    const dir = await project({ 'bot.js': CONNECT_ONLY }, version);
    const [site] = (await plan(dir)).sites;
    expect(site?.rewrite).toBe('todo');
    expect(site?.message).toContain(why);
    const applied = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(applied.code).toBe(0);
    const text = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(text).toContain('slack.rtm.start({ token: process.env.SLACK_BOT_TOKEN, no_unreads: true }, function (err, data) {');
    expect(text).toContain('TODO(rtm-migrate)');
  });

  it('follows the object kept in a field the class assigns once (this.api = require(\'slack\')), not one assigned twice', async () => {
    const bot = (second: string): string => `class Bot {
  constructor(token) { this.token = token; this.api = require('slack'); }
  use(other) { ${second} }
  start() {
    this.api.rtm.start({ token: this.token }, (err, data) => {
      if (err) return console.error(err.message);
      console.log(data.users.length);
    });
  }
}
module.exports = Bot;
`;
    const once = await project({ 'bot.js': bot('return other;') }, '8.4.2');
    expect((await plan(once)).sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect((await cli(['apply', '.', '--allow-dirty'], once)).code).toBe(0);
    expect(await readFile(join(once, 'bot.js'), 'utf8')).toContain("reduce((methods, name) => methods[name], this.api)(apiArgs,");
    const twice = await project({ 'bot.js': bot('this.api = other;') }, '8.4.2');
    expect((await plan(twice)).sites.map((s) => s.rewrite)).toEqual(['todo']);
  });

  const API_CLIENT = `var slack = require('slack');
var bot = slack.api.client(process.env.SLACK_BOT_TOKEN);
bot.rtm.start({}, function (err, data) {
  if (err) return console.error(err.message);
  console.log(data.users.length);
});
`;

  it.each([
    ['8.4.2', 'helper-module', undefined],
    [undefined, 'todo', 'nothing says which version of the `slack` package this runs with'],
    ['9.1.5', 'todo', 'slack@9.1.5 has no `slack.api.client(token)` (dropped in 9.0.0'],
    ['8.3.1', 'todo', 'slack@8.3.1 has no `conversations.list` / `conversations.members` (added in 8.4.0)'],
  ] as const)('8.x slack.api.client(token) on slack@%s: %s', async (version, rewrite, why) => {
    const [site] = (await plan(await project({ 'bot.js': API_CLIENT }, version))).sites;
    expect(site?.rewrite).toBe(rewrite);
    if (why) expect(site?.message).toContain(why);
  });

  it.each([
    ['const { rtm } = require(\'slack\');', 'require(\'slack\'))(apiArgs,'],
    ['const rtm = require(\'slack\').rtm;', 'require(\'slack\'))(apiArgs,'],
    ['const slack = require(\'slack\');\nconst { rtm } = slack;', 'methods[name], slack)(apiArgs,'],
  ] as const)('the rtm family taken out of the package (%s): through the package object again', async (binding, through) => {
    const source = `${binding}
rtm.start({ token: process.env.SLACK_BOT_TOKEN }, function (err, data) {
  if (err) return console.error(err.message);
  console.log(data.users.length);
});
`;
    const dir = await project({ 'bot.js': source }, '8.4.2');
    expect((await plan(dir)).sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect((await cli(['apply', '.', '--allow-dirty'], dir)).code).toBe(0);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain(through);
  });

  it('rtm imported by name: through the file\'s default import of the package, else a TODO that says how', async () => {
    const body = `export async function people() {
  const data = await rtm.start({ token: process.env.SLACK_BOT_TOKEN });
  return data.users.length;
}
`;
    const withDefault = await project({ 'bot.ts': `import slack, { rtm } from 'slack';\n${body}` }, '11.0.2');
    expect((await plan(withDefault)).sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    const alone = await project({ 'bot.ts': `import { rtm } from 'slack';\n${body}` }, '11.0.2');
    const [site] = (await plan(alone)).sites;
    expect(site?.rewrite).toBe('todo');
    expect(site?.message).toContain('`rtm` is imported by name from the `slack` package, and the file has no import of the whole package');
  });

  it('an rtm family of another package, or of the app\'s own module, is not the slack package\'s', async () => {
    const source = (module: string): string => `const { rtm } = require('${module}');
rtm.start({ token: process.env.SLACK_BOT_TOKEN }, (err, data) => console.log(data.users.length));
`;
    for (const module of ['./bot', '@slack/client']) {
      const sites = (await plan(await project({ 'bot.js': source(module) }, '8.4.2'))).sites;
      expect(sites.every((s) => !s.message.includes('the call goes through the `slack` package'))).toBe(true);
    }
  });

  it('keeps a callback whose call is used for its value, and spread arguments, as TODOs', async () => {
    const source = `var slack = require('slack');
var started = slack.rtm.start({ token: process.env.SLACK_BOT_TOKEN }, function (err, data) { console.log(data.users.length); });
var args = [{ token: process.env.SLACK_BOT_TOKEN }];
slack.rtm.start(...args).then((data) => console.log(data.channels.length));
module.exports = started;
`;
    const sites = (await plan(await project({ 'bot.js': source }, '11.0.2'))).sites;
    expect(sites.map((s) => s.rewrite)).toEqual(['todo', 'todo']);
    expect(sites[0]?.message).toContain("the call's return value is used besides its callback");
  });
});
