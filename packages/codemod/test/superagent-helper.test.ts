import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, cli, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * The app's own helper returns a superagent request built from the method name and its arguments;
 * `rtm.start` is called through it and its response read as superagent's (`.end((err, res) => …)`,
 * `.then((res) => …)`, `JSON.parse(res.text)`). Each bot is run against fake Slack in `legacy` mode,
 * breaks in `connect_required` mode, is migrated by the CLI with no TODO, and then prints the same,
 * asking `rtm.connect` once; given a token Slack does not know, it prints Slack's own error as before.
 */

const HELPER = `const superagent = require('superagent');
const API = process.env.SLACK_API_URL || 'https://slack.com/api/';

function api(method, args) {
  return superagent.post(API + method).type('form').send(Object.assign({ token: process.env.SLACK_BOT_TOKEN }, args));
}

function fail(why) {
  console.error('unable to start: ' + why);
  process.exitCode = 1;
}
`;

/** Who the bot is, where it would connect, and every user and channel it was told of. */
const SHOW = `function show(d) {
  console.log(d.self.id, d.team.domain, /^wss?:/.test(d.url));
  console.log('users: ' + d.users.map((u) => u.id).sort().join(' '));
  console.log('channels: ' + d.channels.map((c) => c.id).sort().join(' '));
}
`;

const END_BOT = `${HELPER}${SHOW}
api('rtm.start', { simple_latest: true }).end(function (err, res) {
  if (err) return fail(err.message);
  if (!res.body.ok) return fail(res.body.error);
  show(res.body);
});
`;

const THEN_BOT = `${HELPER}${SHOW}
api('rtm.start', {}).then(
  (res) => (res.body.ok ? show(res.body) : fail(res.body.error)),
  (err) => fail(err.message),
);
`;

/** Only what `rtm.connect` answers too, read off the body's text. */
const TEXT_BOT = `${HELPER}
api('rtm.start', {}).end((err, res) => {
  if (err) return fail(err.message);
  const d = JSON.parse(res.text);
  if (!d.ok) return fail(d.error);
  console.log(d.self.id, d.team.domain, /^wss?:/.test(d.url));
});
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 47, users: 6, channels: 4, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string, token = 'xoxb-test'): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, token, timeoutMs: 60_000 });

describe('an app helper answering a superagent request built from the method and its arguments', () => {
  it.each([
    ['`.end((err, res) => …)` reading users and channels', END_BOT, /^users: (U\w+ ){5}U\w+$/m, 'helper → helper-module', "callbackify(() => rtmStartData(callSlack, { simple_latest: true }"],
    ['its promise, `.then((res) => …)` reading users and channels', THEN_BOT, /^channels: (C\w+ ){3}C\w+$/m, 'helper → helper-module', '.then((body) => ({ body }))'],
    ["`JSON.parse(res.text)` read for rtm.connect's fields only", TEXT_BOT, /^\S+ \S+ true\n$/, 'helper → connect-only', "api('rtm.connect')"],
  ])('%s: the same output after the migration, Slack\'s errors as before', { timeout: 180_000 }, async (_name, source, prints, rewrite, rewritten) => {
    const dir = await writeBotFiles('rtm-migrate-superagent-helper-', { 'bot.js': source });
    fake.setMode('legacy');
    const before = await runIn(dir);
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
    expect(before.stdout).toMatch(/^\S+ \S+ true$/m);
    expect(before.stdout).toMatch(prints);
    const refused = await runIn(dir, 'xoxb-not-a-known-token');
    expect({ code: refused.code, stderr: refused.stderr }).toEqual({ code: 1, stderr: 'unable to start: invalid_auth\n' });

    const report = await breaksThenMigrates(fake, dir, () => runIn(dir));
    expect(report).toContain(rewrite);
    const migrated = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(migrated).toContain(rewritten);
    expect(migrated).not.toContain("'rtm.start'");

    fake.resetCalls();
    const after = await runIn(dir);
    expectSameWithoutRtmStart(fake, before, after);
    const stillRefused = await runIn(dir, 'xoxb-not-a-known-token');
    expect({ code: stillRefused.code, stderr: stillRefused.stderr }).toEqual({ code: 1, stderr: 'unable to start: invalid_auth\n' });
  });
});

/** A helper over superagent doing what is not the same for every method, or a response read for more than its body. */
const UNFOLLOWED: readonly (readonly [string, string, string, string])[] = [
  ['the helper sends the method name besides the arguments', "superagent.post(API + method).send(Object.assign({ method: method }, args))", 'res.body.users', 'the promise is given to `end`'],
  ['the helper adds a link not known to be the same for every method', "superagent.post(API + method).field('token', process.env.SLACK_BOT_TOKEN).send(args)", 'res.body.users', 'the promise is given to `end`'],
  ['the helper sends a form of its own, never the arguments', "superagent.post(API + method).type('form').send({ token: process.env.SLACK_BOT_TOKEN })", 'res.body.users', 'never reads its parameter `args`'],
  ['the response is read for its headers', "superagent.post(API + method).type('form').send(args)", 'res.headers, res.body.users', 'for more than `body`, `ok` and `status`'],
];

describe('a superagent helper rtm-migrate cannot follow: the call stays on rtm.start, a TODO says why', () => {
  it.each(UNFOLLOWED)('%s', { timeout: 60_000 }, async (_name, request, read, why) => {
    const source = `const superagent = require('superagent');\nconst API = 'https://slack.com/api/';\nfunction api(method, args) {\n  return ${request};\n}\napi('rtm.start', {}).end((err, res) => console.log(${read}));\n`;
    const dir = await writeBotFiles('rtm-migrate-superagent-helper-todo-', { 'bot.js': source });
    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect({ code: migrated.code, stderr: migrated.stderr }).toEqual({ code: 0, stderr: '' });
    expect(migrated.stdout).toContain('TODOs left: 1');
    const output = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(output.replace(/^ *\/\/.*\n/gm, '')).toBe(source);
    expect(output.replace(/\n\s*\/\/\s*/g, ' ')).toContain(why);
  });
});
