import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, cli, expectSameWithoutRtmStart, expectUrlSwapKeepsOutput, writeBotFiles } from './helpers.js';
import { RUNTIME } from './jquery-runtime.js';

/**
 * jQuery's Ajax calls to `rtm.start` read for `rtm.connect`'s fields only, through the jqXHR's
 * `.done` / `.fail` / `.always` / `.then` chain or a `$` an IIFE is given: each bot runs against fake
 * Slack in `legacy` mode, is migrated by the real CLI, and runs again in `connect_required` mode,
 * printing the same and asking `rtm.connect` once.
 *
 * jQuery itself is not run: see jquery-runtime.ts.
 */

const API = "const API = process.env.SLACK_API_URL || 'https://slack.com/api/';\n";

const DEFERRED_BOT = `${API}
$.getJSON(API + 'rtm.start', { token: process.env.SLACK_BOT_TOKEN })
  .done(function (json, status, xhr) {
    console.log([json.self.id, xhr.responseJSON.team.domain, status, /^wss?:/.test(json.url)].join(' '));
  })
  .fail(function (xhr, status, error) {
    console.error(xhr.status, status, error);
  })
  .always(function () {
    console.log('asked Slack');
  });
`;

const THEN_BOT = `${API}
jQuery.ajax({ url: API + 'rtm.start', data: { token: process.env.SLACK_BOT_TOKEN }, dataType: 'json' }).then(
  function (json) { console.log(json.ok + ' ' + json.self.name + ' ' + /^wss?:/.test(json.url)); },
  function (xhr, status) { console.error(status); }
);
`;

const IIFE_BOT = `${API}
(function ($, env) {
  $.getJSON(API + 'rtm.start', { token: env.SLACK_BOT_TOKEN }, function (json) {
    if (!json.ok) return console.error(json.error);
    console.log(json.self.name + ' @ ' + json.team.domain + ' ' + /^wss?:/.test(json.url));
  });
})(jQuery, process.env);
`;

/** `$.getJSON(url, data, success)` reading start-only lists: users, the channels it is in and their members. */
const LISTS_BOT = `${API}
$.getJSON(API + 'rtm.start', { token: process.env.SLACK_BOT_TOKEN }, function (json) {
  if (!json.ok) { process.exitCode = 1; return console.error('unable to start: ' + json.error); }
  console.log('users: ' + json.users.map(function (u) { return u.id; }).sort().join(' '));
  console.log('channels: ' + json.channels.filter(function (c) { return c.is_member; }).map(function (c) { return c.id + '=' + c.members.length; }).sort().join(' '));
  console.log('socket: ' + /^wss?:/.test(json.url));
});
`;

/** The same through `$.get`, whose second argument may be the callback itself: not followed. */
const GET_BOT = LISTS_BOT.replace('$.getJSON(', '$.get(');

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 45, users: 5, channels: 3, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string): Promise<RunResult> =>
  runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000, env: { NODE_OPTIONS: `--require ${join(dir, 'runtime.js')}` } });

describe("jQuery's Ajax to rtm.start read for rtm.connect fields only", () => {
  it.each([
    ["`$.getJSON(url, data)` answered through `.done(json, status, xhr).fail(…).always(…)`", DEFERRED_BOT, /^U\w+ \S+ success true\nasked Slack\n$/],
    ['`jQuery.ajax({ url, data })` answered through `.then(done, fail)`', THEN_BOT, /^true \S+ true\n$/],
    ['`$` given by an IIFE `(function ($, env) { … })(jQuery, process.env)`', IIFE_BOT, /^\S+ @ \S+ true\n$/],
  ])('%s: the URL names rtm.connect and the bot prints the same', { timeout: 120_000 }, async (_name, source, printed) => {
    const dir = await writeBotFiles('rtm-migrate-raw-jquery-', { 'bot.js': source, 'runtime.js': RUNTIME });
    await expectUrlSwapKeepsOutput(fake, dir, source, printed, () => runIn(dir));
  });
});

describe("jQuery's `$.getJSON` to rtm.start read for start-only lists", () => {
  it('`$.getJSON(url, { token }, success)`: rebuilt through $.getJSON, the same users, channels and members after', { timeout: 180_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-raw-jquery-lists-', { 'bot.js': LISTS_BOT, 'runtime.js': RUNTIME });
    fake.setMode('legacy');
    const before = await runIn(dir);
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
    expect(before.stdout).toMatch(/^users: (U\w+ ){4}U\w+\nchannels: (C\w+=[1-9]\d* ?)+\nsocket: true\n$/);
    await breaksThenMigrates(fake, dir, () => runIn(dir));
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain("$.getJSON(API + apiMethod, apiArgs, resolve)");

    fake.resetCalls();
    const after = await runIn(dir);
    expectSameWithoutRtmStart(fake, before, after);
    const asked = fake.calls.map((c) => c.method);
    for (const method of ['users.list', 'conversations.list', 'conversations.members']) expect(asked).toContain(method);
  });

  it('`$.get(url, data, success)`: a TODO, the call as it was', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-raw-jquery-lists-', { 'bot.js': GET_BOT, 'runtime.js': RUNTIME });
    const applied = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toContain('TODOs left: 1');
    expect((await readFile(join(dir, 'bot.js'), 'utf8')).replace(/^ *\/\/.*\n/gm, '')).toBe(GET_BOT);
  });
});
