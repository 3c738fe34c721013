import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, writeBotFiles } from './helpers.js';

/**
 * Callback-era bots whose request code rtm-migrate follows to what the callback finally gets, in three
 * forms it used to give up on: `cb(err || body)` under `if (err || !body.ok)` (the transport's error or
 * Slack's failure answer, no more), a step of the helper's callback chain that makes the same request
 * again on a rate limit (`this._request(url, form, cb)`), and a last step that parses the raw body it
 * is handed (`cb(JSON.parse(raw))`). Each prints the same before (`rtm.start`, fake Slack `legacy`)
 * and after the migration (`connect_required`), and the same text for a token Slack does not know.
 */
const API = "const API = process.env.SLACK_API_URL || 'https://slack.com/api/';\n";

/** The chain of a one-parameter callback: `api` → `this._request(url, form, cb)` (`request`, its own step) → `this._handle(err, body, cb)` (`handle`). */
const chainBot = (request: string, handle: string, login: string): string => `var request = require('request');
${API}
function Bot(token) { this.token = token; }
Bot.prototype.api = function (method, args, callback) {
  this._request(API + method, Object.assign({ token: this.token }, args), callback);
};
${request}
Bot.prototype._handle = function (err, body, cb) {
${handle}
};
Bot.prototype.login = function () {
  this.api('rtm.start', {}, function (data) {
${login}
    console.log('socket: ' + /^wss?:/.test(data.url));
    console.log('users: ' + data.users.map(function (u) { return u.name; }).sort().join(','));
  });
};
new Bot(process.env.SLACK_BOT_TOKEN).login();
`;

interface Form {
  readonly source: string;
  readonly rewrite: string;
  /** What a token fake Slack does not know prints, before and after. */
  readonly failure: string;
  /** Requests answered 429 `ratelimited` first, to take the retry (any method). */
  readonly limited?: number;
}

const FORMS: Readonly<Record<string, Form>> = {
  'cb(err || body) under if (err || !body.ok)': {
    source: `const request = require('request');
${API}
function start(token, cb) {
  request.post({ url: API + 'rtm.start', form: { token }, json: true }, (err, res, body) => {
    if (err || !body.ok) return cb(err || body);
    cb(null, body.url);
  });
}

start(process.env.SLACK_BOT_TOKEN, (err, url) => {
  if (err) { console.error('could not connect: ' + JSON.stringify(err)); process.exitCode = 1; return; }
  console.log('socket: ' + /^wss?:/.test(url));
});
`,
    rewrite: 'raw-url → connect-only',
    failure: 'could not connect: {"ok":false,"error":"invalid_auth"}\n',
  },
  'a chain step retrying itself with its own arguments on a rate limit': {
    source: chainBot(
      `Bot.prototype._request = function (url, form, cb) {
  request.post({ url: url, form: form, json: true }, (err, res, body) => {
    if (body && body.error === 'ratelimited') return setTimeout(() => this._request(url, form, cb), 100);
    this._handle(err, body, cb);
  });
};`,
      '  if (err) return cb(null);\n  cb(body.ok ? body : null);',
      "    if (!data) { console.error('login failed'); process.exitCode = 1; return; }",
    ),
    rewrite: 'helper → helper-module',
    failure: 'login failed\n',
    limited: 1,
  },
  'a last chain step parsing the raw body it is handed': {
    source: chainBot(
      `Bot.prototype._request = function (url, form, cb) {
  request.post({ url: url, form: form }, (err, res, body) => this._handle(err, body, cb));
};`,
      '  if (err) return cb(null);\n  cb(JSON.parse(body));',
      "    if (!data || !data.ok) { console.error('login failed: ' + (data ? data.error : 'no answer')); process.exitCode = 1; return; }",
    ),
    rewrite: 'helper → helper-module',
    failure: 'login failed: invalid_auth\n',
  },
};

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 61, users: 5, channels: 2, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string, token: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, token, timeoutMs: 60_000 });

/** A run with a known token, the first `limited` requests answered 429; the methods it called, 429s included. */
async function runCounted(dir: string, limited: number): Promise<{ run: RunResult; methods: string[]; ratelimited: number }> {
  fake.resetCalls();
  if (limited > 0) fake.injectFault('*', { burst429: limited });
  const run = await runIn(dir, 'xoxb-test');
  fake.clearFaults();
  return { run, methods: fake.calls.map((c) => c.method), ratelimited: fake.calls.filter((c) => c.status === 429).length };
}

describe('callback forms followed to what the callback gets: the same output after the migration', () => {
  it.each(Object.entries(FORMS))('%s', { timeout: 180_000 }, async (_form, { source, rewrite, failure, limited = 0 }) => {
    const dir = await writeBotFiles('rtm-migrate-callback-form-', { 'bot.js': source });
    fake.setMode('legacy');
    const before = await runCounted(dir, limited);
    expect({ code: before.run.code, stderr: before.run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(before.run.stdout).toMatch(/^socket: true$/m);
    expect(before.ratelimited).toBe(limited);
    expect(before.methods).toEqual(Array<string>(limited + 1).fill('rtm.start'));
    const failedBefore = await runIn(dir, 'xoxb-bad');
    expect({ code: failedBefore.code, stdout: failedBefore.stdout, stderr: failedBefore.stderr }).toEqual({ code: 1, stdout: '', stderr: failure });

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.stdout).toContain(rewrite);
    expect(migrated.stdout).toContain('TODOs left: 0');
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).not.toMatch(/'rtm\.start'|TODO\(rtm-migrate\)/);

    fake.setMode('connect_required');
    const after = await runCounted(dir, limited);
    expect({ code: after.run.code, stderr: after.run.stderr, stdout: after.run.stdout }).toEqual({ code: 0, stderr: '', stdout: before.run.stdout });
    expect(after.ratelimited).toBe(limited);
    expect(after.methods).not.toContain('rtm.start');
    expect(after.methods.filter((m) => m === 'rtm.connect')).toHaveLength(1);
    const failedAfter = await runIn(dir, 'xoxb-bad');
    expect({ code: failedAfter.code, stdout: failedAfter.stdout, stderr: failedAfter.stderr }).toEqual({ code: 1, stdout: '', stderr: failure });
  });
});

describe('the same forms where rtm-migrate cannot prove them: left as they were', () => {
  it('cb(err || body) under a guard that also holds on a success answer (`res.statusCode !== 200`) keeps the full rebuild', { timeout: 60_000 }, async () => {
    const source = FORMS['cb(err || body) under if (err || !body.ok)']!.source.replace('if (err || !body.ok)', 'if (err || res.statusCode !== 200)');
    const dir = await writeBotFiles('rtm-migrate-callback-form-unproven-', { 'bot.js': source });
    const scanned = await cli(['apply', '.', '--allow-dirty', '--dry'], dir);
    expect(scanned.stdout).toContain('raw-url → helper-module');
    expect(scanned.stdout).not.toContain('connect-only');
  });
});
