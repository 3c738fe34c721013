import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../test/support/run.js';
import { cli, copyBot, runBot } from './helpers.js';

/**
 * Bots with an API helper of their own, run before the migration against fake Slack in `legacy` mode
 * and after it in `connect_required` mode: they print the same workspace, and given a token Slack does
 * not know, the same error (Slack's own `invalid_auth`, not the helper module's `users.list:
 * invalid_auth`). Helpers that call back with the response alone (`callback(data)`, `{ ok: false,
 * error }` on a failed request), as CoffeeScript-era bots did, called from a method, one that hands its
 * callback on and answers failures with `null`, and a promise helper given the arguments of its caller.
 */
const BOTS: readonly { readonly bot: string; readonly logins: number; readonly prints: RegExp; readonly failure: string; readonly rewritten: string }[] = [
  // slack-client 1.x's form: `this._apiCall('rtm.start', params, this._onLogin)`, a method by reference.
  { bot: 'response-callback-bot', logins: 1, prints: /^users: \d+/m, failure: 'login failed: invalid_auth\n', rewritten: 'this._onLogin.call(undefined, err ? (err.data !== undefined && err.data !== null ? err.data : { ok: false, error: err.message }) : data)' },
  // CoffeeScript output: `return this._apiCall('rtm.start', …, this._onLogin)` as the method's last expression.
  { bot: 'coffee-client-bot', logins: 2, prints: /^logged in again as /m, failure: 'login failed: invalid_auth\n', rewritten: 'return callbackify(() => rtmStartData(callSlack, {' },
  // `this.send('rtm.start', options).then((res) => … res.url …)`, `options` its caller's: only `url` is
  // read, so `rtm.connect` through the same helper, given the same options.
  // The lists kept on the instance (`self._users = data.users`, `self._ims`) and looked up by id in its
  // other prototype methods: every read of the members is seen, so the helper module, no TODO, asked
  // for those parts alone (`fields`: users.list, the IMs, rtm.connect for `self`).
  { bot: 'member-lists-bot', logins: 1, prints: /^ {2}U\w+ \S+ dm=D\w+$/m, failure: 'login failed: invalid_auth\n', rewritten: "callbackify(() => rtmStartData(callSlack, {}, { fields: ['ims', 'self', 'users'] }))((err, data) => (function (data) {" },
  // simple-slack-bot's form: the helper hands its callback on, `this._callCallBack(callback, data)`, and
  // answers every failure with `null`, which the callback tells by `if (!data)`: after the migration an
  // unknown token is the same `null` (never the rebuilt data's `{ ok: false, error }`, taken for data).
  { bot: 'forwarded-callback-bot', logins: 1, prints: /^socket: ws:\/\/127\.0\.0\.1:\d+\/ws\/…$/m, failure: 'login failed: no data\n', rewritten: '})(err ? (err.data !== undefined && err.data !== null ? err.data : null) : data));' },
  // The same answers handed down a chain, `api` → `this._request(url, form, callback)` → `this._handle(err,
  // body, cb)` inside request's callback → `this._callCallBack(cb, body && body.ok ? body : null)`:
  // every step followed to the one falsy value, `null`, which the rebuilt data answers a failure with too.
  { bot: 'forwarded-chain-bot', logins: 1, prints: /^socket: ws:\/\/127\.0\.0\.1:\d+\/ws\/…$/m, failure: 'login failed: no data\n', rewritten: '})(err ? (err.data !== undefined && err.data !== null ? err.data : null) : data));' },
  { bot: 'options-helper-bot', logins: 1, prints: /^socket: ws:\/\/127\.0\.0\.1:\d+\/ws\/$/m, failure: 'connect failed: invalid_auth\n', rewritten: "return this.send('rtm.connect', options).then(function (res) {" },
];

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 33, users: 14, channels: 5, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runWith = (dir: string, bot: string, token: string): Promise<RunResult> => runBot(dir, bot, token, fake.apiUrl);

/**
 * `var self = this; self.reqAPI('rtm.start', {}, function (data) {…})` (again on a reconnect path; and
 * from a constructor function, the helper on its prototype) keeping the lists on the instance
 * (`self.store.users = data.users`), where code not followed may read a conversation's `has_pins`
 * or `is_open`: migrated through the helper module all the same, whose items answer `undefined` for
 * those and warn once on a read; the report line names them, and the bot prints the same.
 */
const KEEPING: readonly { readonly bot: string; readonly prints: RegExp; readonly names: string }[] = [
  { bot: 'self-helper-bot', prints: /^reconnected as /m, names: '`channels` and may read `channels[].has_pins`' },
  { bot: 'constructor-helper-bot', prints: /^me: \S+, socket string$/m, names: '`channels`, `groups`, `ims`, `mpims` and may read `channels[].has_pins`, `groups[].is_open`, `groups[].has_pins`, `ims[].is_open`, `ims[].has_pins`, `mpims[].is_open`, `mpims[].has_pins`' },
];

describe("the app's own helpers: the same data and the same Slack errors after the migration", () => {
  it.each(BOTS.map((b) => [b.bot, b] as const))('%s', { timeout: 180_000 }, async (_name, { bot, logins, prints, failure, rewritten }) => {
    const dir = await copyBot(bot);
    fake.setMode('legacy');
    const before = await runWith(dir, bot, 'xoxb-test');
    expect(before.stderr).toBe('');
    expect(before.stdout).toMatch(prints);
    const failedBefore = await runWith(dir, bot, 'xoxb-not-a-known-token');
    expect({ stderr: failedBefore.stderr, code: failedBefore.code }).toEqual({ stderr: failure, code: 1 });

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('TODOs left: 0');
    const source = await readFile(join(dir, bot, 'bot.js'), 'utf8');
    expect(source).toContain(rewritten);
    expect(source).not.toContain("'rtm.start'");

    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await runWith(dir, bot, 'xoxb-test');
    expect({ code: after.code, stderr: after.stderr, stdout: after.stdout }).toEqual({ code: 0, stderr: '', stdout: before.stdout });
    const methods = fake.calls.map((c) => c.method);
    expect(methods).not.toContain('rtm.start');
    expect(methods.filter((m) => m === 'rtm.connect')).toHaveLength(logins);

    const failedAfter = await runWith(dir, bot, 'xoxb-not-a-known-token');
    expect({ code: failedAfter.code, stdout: failedAfter.stdout, stderr: failedAfter.stderr }).toEqual({ code: failedBefore.code, stdout: failedBefore.stdout, stderr: failedBefore.stderr });
  });
});

describe("the app's own helpers keeping the lists where code not followed reads them", () => {
  it.each(KEEPING.map((b) => [b.bot, b] as const))('%s: migrated, the report naming the item attributes the helper module warns about', { timeout: 180_000 }, async (_name, { bot, prints, names }) => {
    const dir = await copyBot(bot);
    fake.setMode('legacy');
    const before = await runWith(dir, bot, 'xoxb-test');
    expect(before.stderr).toBe('');
    expect(before.stdout).toMatch(prints);

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('TODOs left: 0');
    expect(migrated.stdout.replace(/\s+/g, ' ')).toContain(`gets ${names}, which the replacement lists lack`);
    const source = await readFile(join(dir, bot, 'bot.js'), 'utf8');
    expect(source).not.toContain('TODO(rtm-migrate)');
    expect(source).not.toContain("'rtm.start'");

    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await runWith(dir, bot, 'xoxb-test');
    // Nothing here reads those attributes: no warning, the same output.
    expect({ code: after.code, stderr: after.stderr, stdout: after.stdout }).toEqual({ code: 0, stderr: '', stdout: before.stdout });
    expect(fake.calls.map((c) => c.method)).not.toContain('rtm.start');
  });
});
