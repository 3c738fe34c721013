import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TODO_MARKER } from '@rtm-migrate/core';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { V3_BOT } from '../../../test/support/v3-bot.js';
import { cli, expectSameWithoutRtmStart, tempDir, writeBotFiles } from './helpers.js';

/**
 * A TODO(rtm-migrate) comment tells the user what blocks a site. Once they fix that and run rtm-migrate
 * again, the run that migrates the site removes the TODO it wrote there before (a kept one would tell of
 * a blocker that is gone, under a report saying "TODOs left: 0"); the app's own comment above it stays.
 * While the blocker is still there, a run leaves the TODO as it is (never a second copy), unless what
 * blocks the site has changed: then the TODO's text says what blocks it now.
 */

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 9, users: 7, channels: 3, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const OWN_NOTE = '// Our own note: this starts the bot.';

/** The module that makes the v3 bot's client, pointed at fake Slack. */
const V3_CLIENT = `var RtmClient = require('@slack/client').RtmClient;
module.exports = new RtmClient(process.env.SLACK_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' });
`;

/** The v3 bot, starting that client (and disconnecting once connected, to exit: not from within the event itself, where v3 keeps its socket open). */
const V3_SOURCE = `var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;
var rtm = require('./client');
rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (d) { console.log(d.users.length + ' users'); });
rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () { setTimeout(function () { rtm.disconnect(); }, 10); });
${OWN_NOTE}
rtm.start();
`;

const manifest = (range: string): string => JSON.stringify({ dependencies: { '@slack/client': range } });

const markers = (text: string): number => text.split(TODO_MARKER).length - 1;

/** A fresh checkout of a v3 bot (nothing installed: the declared range is all rtm-migrate sees). */
async function v3Checkout(range: string): Promise<string> {
  const dir = await tempDir('rtm-migrate-stale-todo-');
  await writeFile(join(dir, 'package.json'), manifest(range));
  await writeFile(join(dir, 'client.js'), V3_CLIENT);
  await writeFile(join(dir, 'bot.js'), V3_SOURCE);
  return dir;
}

async function apply(dir: string, path = '.'): Promise<RunResult> {
  const r = await cli(['apply', path, '--allow-dirty'], dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r;
}

/** Runs the bot of `dir` (the v3 fixture's installed @slack/client 3.16.0) against fake Slack in `mode`. */
async function runV3(dir: string, mode: 'legacy' | 'connect_required'): Promise<RunResult> {
  await symlink(join(V3_BOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  try {
    fake.setMode(mode);
    fake.resetCalls();
    return await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, env: { SLACK_TOKEN: 'xoxb-test' }, timeoutMs: 90_000 });
  } finally {
    await rm(join(dir, 'node_modules'));
  }
}

describe('a TODO an earlier run wrote, once its blocker is fixed', () => {
  it('is gone after the run that migrates a v3 bot once it is given the module that makes its client', async () => {
    const dir = await v3Checkout('^3.16.0');
    const bot = join(dir, 'bot.js');
    const before = await runV3(dir, 'legacy');
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
    expect(before.stdout).toMatch(/^7 users$/m);

    // Given the bot alone: the client is made in a module this run was not given.
    const first = await apply(dir, 'bot.js');
    expect(first.stdout).toContain('TODOs left: 1');
    const withTodo = await readFile(bot, 'utf8');
    expect(markers(withTodo)).toBe(1);
    expect(withTodo.replace(/\n\/\/ +/g, ' ')).toContain('made in `client.js`, which rtm-migrate was not given');
    // The TODO goes between the app's own comment and the call.
    expect(withTodo).toMatch(new RegExp(`^${OWN_NOTE}\\n// ${TODO_MARKER.replace(/[()]/g, '\\$&')}: [^\\n]*\\n(?://   .*\\n)*rtm\\.start\\(\\);$`, 'm'));

    // Given the bot alone again: the TODO is still right, and a second run leaves it as it is.
    const again = await apply(dir, 'bot.js');
    expect(again.stdout).toContain('TODOs left: 1');
    expect(again.stdout).toMatch(/^changed: 0$/m);
    expect(await readFile(bot, 'utf8')).toBe(withTodo);

    // The user runs rtm-migrate on both, as the TODO says.
    const fixed = await apply(dir);
    expect(fixed.stdout).toContain('TODOs left: 0');
    const migrated = await readFile(bot, 'utf8');
    expect(markers(migrated)).toBe(0);
    expect(migrated).toMatch(new RegExp(`${OWN_NOTE}\\nstartRtmClient\\(rtm[,)]`));
    expect(await readFile(join(dir, 'client.js'), 'utf8')).toContain('useRtmConnect: true');
    // Exactly what a first run gives on a checkout that never had the TODO.
    const fresh = await v3Checkout('^3.16.0');
    await apply(fresh);
    expect(migrated).toBe(await readFile(join(fresh, 'bot.js'), 'utf8'));

    // A third run changes nothing.
    const third = await apply(dir);
    expect(third.stdout).toMatch(/^changed: 0$/m);
    expect(third.stdout).toContain('TODOs left: 0');
    expect(await readFile(bot, 'utf8')).toBe(migrated);

    // And the bot, run against a Slack that retired rtm.start, knows the same workspace.
    expectSameWithoutRtmStart(fake, before, await runV3(dir, 'connect_required'));
  }, 120_000);

  it('is gone after the run that migrates a @slack/web-api call once the read it had no rewrite for is dropped (CRLF kept)', async () => {
    const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
    const source = (reads: string): string =>
      crlf(`const { WebClient } = require('@slack/web-api');
const web = new WebClient(process.env.SLACK_BOT_TOKEN, { slackApiUrl: process.env.SLACK_API_URL });
// How many people: for the greeting.
web.rtm.start().then((res) => console.log(${reads}));
`);
    const blocked = source("res.users.length + ' users', res.cache_ts");
    const dir = await writeBotFiles('rtm-migrate-stale-todo-web-', { 'bot.js': blocked });
    const bot = join(dir, 'bot.js');
    const first = await apply(dir);
    expect(first.stdout).toContain('TODOs left: 1');
    const withTodo = await readFile(bot, 'utf8');
    expect(markers(withTodo)).toBe(1);
    expect(withTodo).toContain(`// How many people: for the greeting.\r\n// ${TODO_MARKER}: rtm-migrate has no inline rewrite for \`cache_ts\``);

    // The user follows the TODO: drops the read of `cache_ts`, on the line below the comment.
    const edited = withTodo.replace(", res.cache_ts));", '));');
    expect(edited).not.toBe(withTodo);
    await writeFile(bot, edited);
    fake.setMode('legacy');
    const before = await runNodeBot(bot, { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });
    expect({ code: before.code, stderr: before.stderr, stdout: before.stdout }).toEqual({ code: 0, stderr: '', stdout: '7 users\n' });

    const fixed = await apply(dir);
    expect(fixed.stdout).toContain('TODOs left: 0');
    const migrated = await readFile(bot, 'utf8');
    expect(markers(migrated)).toBe(0);
    expect(migrated).toContain('// How many people: for the greeting.\r\nrtmStartData(web).then(');
    expect(migrated.replace(/\r\n/g, '')).not.toContain('\n');
    const fresh = await writeBotFiles('rtm-migrate-stale-todo-web-', { 'bot.js': source("res.users.length + ' users'") });
    await apply(fresh);
    expect(migrated).toBe(await readFile(join(fresh, 'bot.js'), 'utf8'));

    const third = await apply(dir);
    expect(third.stdout).toMatch(/^changed: 0$/m);
    expect(await readFile(bot, 'utf8')).toBe(migrated);

    fake.setMode('connect_required');
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await runNodeBot(bot, { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 }));
  }, 120_000);
});

describe('a TODO an earlier run wrote, whose site is still blocked', () => {
  it('gets the reason of now when the blocker changed (the app\'s comment and CRLF kept), and stays put after', async () => {
    const crlf = (text: string): string => text.replace(/\n/g, '\r\n');
    const source = (read: string): string =>
      crlf(`const { WebClient } = require('@slack/web-api');
const web = new WebClient(process.env.SLACK_BOT_TOKEN);
// Resume where we were.
web.rtm.start().then((res) => console.log(res.users.length, res.${read}));
`);
    const dir = await writeBotFiles('rtm-migrate-stale-todo-reason-', { 'bot.js': source('cache_ts') });
    const bot = join(dir, 'bot.js');
    await apply(dir);
    const withTodo = await readFile(bot, 'utf8');
    expect(withTodo).toContain('`cache_ts`');

    // The user reads another field rtm.connect does not return either: the site is still blocked, for another reason.
    await writeFile(bot, withTodo.replace('res.cache_ts', 'res.latest_event_ts'));
    const again = await apply(dir);
    expect(again.stdout).toContain('TODOs left: 1');
    expect(again.stdout).toMatch(/^changed: 1 \(bot\.js\)$/m);
    const updated = await readFile(bot, 'utf8');
    expect(markers(updated)).toBe(1);
    expect(updated).not.toContain('`cache_ts`');
    // Word for word what a first run writes on the edited code.
    const fresh = await writeBotFiles('rtm-migrate-stale-todo-reason-', { 'bot.js': source('latest_event_ts') });
    await apply(fresh);
    expect(updated).toBe(await readFile(join(fresh, 'bot.js'), 'utf8'));
    expect(updated).toContain('// Resume where we were.\r\n// TODO(rtm-migrate)');

    const third = await apply(dir);
    expect(third.stdout).toMatch(/^changed: 0$/m);
    expect(await readFile(bot, 'utf8')).toBe(updated);
  }, 60_000);
});
