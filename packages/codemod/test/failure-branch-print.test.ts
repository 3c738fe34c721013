import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, expectUrlSwapKeepsOutput, ROOT, writeBotFiles } from './helpers.js';

/**
 * A request-based bot that reads only `url` off `rtm.start`'s answer but prints the whole answer as
 * JSON in its `err || !body.ok` branch. There the answer is Slack's failure answer, the same for
 * `rtm.connect`: the codemod swaps the method in place (no rebuild, no extra calls), the bot connects
 * the same against a Slack that retired `rtm.start`, and a bad token prints the same error text.
 */
const BOT = `const request = require('request');
const API = process.env.SLACK_API_URL || 'https://slack.com/api/';

function start(token, cb) {
  request.post({ url: API + 'rtm.start', form: { token }, json: true }, (err, res, body) => {
    if (err || !body.ok) { console.error('rtm.start failed: ' + JSON.stringify(body)); return cb(err || new Error(body.error)); }
    cb(null, body.url);
  });
}

start(process.env.SLACK_BOT_TOKEN, (err, url) => {
  if (err) { console.error(err.message); process.exitCode = 1; return; }
  console.log('socket: ' + /^wss?:/.test(url));
});
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 73, users: 6, channels: 3, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string, token?: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, token, timeoutMs: 60_000 });

describe('the whole answer printed only in the failure branch', () => {
  it('swaps to rtm.connect in place: the same socket before and after, and the same error text for a bad token', { timeout: 180_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-failure-branch-', { 'bot.js': BOT });
    fake.setMode('legacy');
    const failedBefore = await runIn(dir, 'xoxb-not-a-known-token');
    expect({ code: failedBefore.code, stdout: failedBefore.stdout, stderr: failedBefore.stderr }).toEqual({ code: 1, stdout: '', stderr: 'rtm.start failed: {"ok":false,"error":"invalid_auth"}\ninvalid_auth\n' });

    const report = await expectUrlSwapKeepsOutput(fake, dir, BOT, /^socket: true\n$/, () => runIn(dir));
    expect(report).toContain('raw-url → connect-only');
    // Nothing rebuilt: the one call is rtm.connect.
    expect(fake.calls.map((c) => c.method)).toEqual(['rtm.connect']);

    const failedAfter = await runIn(dir, 'xoxb-not-a-known-token');
    expect({ code: failedAfter.code, stdout: failedAfter.stdout, stderr: failedAfter.stderr }).toEqual({ code: failedBefore.code, stdout: failedBefore.stdout, stderr: failedBefore.stderr });
  });

  it('a print in a branch that also runs on success keeps the full rebuild', { timeout: 120_000 }, async () => {
    const source = BOT.replace('if (err || !body.ok) {', "if (process.env.DEBUG) console.error('rtm.start: ' + JSON.stringify(body));\n    if (err || !body.ok) {");
    const dir = await writeBotFiles('rtm-migrate-failure-branch-debug-', { 'bot.js': source });
    const scanned = await cli(['apply', '.', '--allow-dirty', '--dry'], dir);
    expect(scanned.stdout).toContain('raw-url → helper-module');
  });
});

/**
 * A needle bot (blind s54/13, GriffinSauce/gigBot) that keeps the whole answer and logs the response's
 * body in its failure branch, after testing the response is there (`response && response.body`). The
 * rebuilt response is an object wherever the original was one (a failure's answer included), so the
 * call goes through the generated module: the same workspace against connect_required, and the same
 * failure text for a bad token.
 */
const NEEDLE_BOT = `var needle = require('needle');
var printWorkspace = require('./summary');
var team;

function init(token, cb) {
  needle.get((process.env.SLACK_API_URL || 'https://slack.com/api/') + 'rtm.start?token=' + token, function (err, response) {
    if (err || !response.body.ok) { console.error('failed ' + JSON.stringify(response && response.body)); return cb(err || new Error('no start')); }
    team = response.body;
    cb(null, response.body.url);
  });
}

init(process.env.SLACK_BOT_TOKEN, function (err, url) {
  if (err) { console.error(err.message); process.exitCode = 1; return; }
  console.log('socket: ' + /^wss?:/.test(url));
  printWorkspace(team);
});
`;

describe('the response tested for being there, its body logged in the failure branch (needle)', () => {
  it('goes through the generated module: the same workspace, and the same failure text for a bad token', { timeout: 180_000 }, async () => {
    const summary = await readFile(join(ROOT, 'fixtures', 'bots', 'summary.js'), 'utf8');
    const dir = await writeBotFiles('rtm-migrate-failure-branch-needle-', { 'bot.js': NEEDLE_BOT, 'summary.js': summary });
    fake.setMode('legacy');
    const before = await runIn(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^socket: true\nself: /);
    const failedBefore = await runIn(dir, 'xoxb-not-a-known-token');
    expect(failedBefore).toMatchObject({ code: 1, stderr: 'failed {"ok":false,"error":"invalid_auth"}\nno start\n' });
    const applied = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(applied.stdout).toMatch(/bot\.js:6:\d+ +raw-url → helper-module/);
    expect(applied.stdout).toContain('TODOs left: 0');
    fake.setMode('connect_required');
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await runIn(dir));
    const failedAfter = await runIn(dir, 'xoxb-not-a-known-token');
    expect({ code: failedAfter.code, stdout: failedAfter.stdout, stderr: failedAfter.stderr }).toEqual({ code: failedBefore.code, stdout: failedBefore.stdout, stderr: failedBefore.stderr });
  });

  it("lodash's `_.get(response, 'body')` in that branch reads the body alike (scan)", async () => {
    const source = NEEDLE_BOT.replace("var needle = require('needle');", "var _ = require('lodash');\nvar needle = require('needle');").replace('JSON.stringify(response && response.body)', "JSON.stringify(_.get(response, 'body'))");
    const dir = await writeBotFiles('rtm-migrate-failure-branch-lodash-', { 'bot.js': source });
    expect((await cli(['scan', '.'], dir)).stdout).toMatch(/bot\.js:7:\d+ +raw-url → helper-module/);
    // Another module's `get` is no lodash: the response escapes, a TODO.
    const other = source.replace("require('lodash')", "require('./store')");
    const elsewhere = await writeBotFiles('rtm-migrate-failure-branch-get-', { 'bot.js': other, 'store.js': 'exports.get = function (o) { return o; };\n' });
    expect((await cli(['scan', '.'], elsewhere)).stdout).toMatch(/bot\.js:7:\d+ +raw-url → todo/);
  });
});
