import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectUrlSwapKeepsOutput, writeBotFiles } from './helpers.js';

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
