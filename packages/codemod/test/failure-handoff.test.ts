import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectUrlSwapKeepsOutput, writeBotFiles } from './helpers.js';

/**
 * Bots of the callback and promise era that read only `url` off `rtm.start`'s answer and hand the whole
 * answer on where it can only be Slack's failure answer (a rejection, a callback's error, a throw, an
 * `error` event); the code that gets it prints it as JSON. `rtm.connect` fails with the same answer, so
 * the codemod swaps the method in place (one call, no rebuild): the same socket before and after, and
 * the same error text for a token fake Slack does not know.
 */
const PREAMBLE = `const API = process.env.SLACK_API_URL || 'https://slack.com/api/';
const failed = (answer) => { console.error('could not connect: ' + JSON.stringify(answer)); process.exitCode = 1; };
const connected = (url) => console.log('socket: ' + /^wss?:/.test(url));
`;

const BOTS: Readonly<Record<string, string>> = {
  'reject(body)': `const request = require('request');
${PREAMBLE}
function start(token) {
  return new Promise((resolve, reject) => {
    request.post({ url: API + 'rtm.start', form: { token }, json: true }, (err, res, body) => {
      if (err) return reject(err);
      if (!body.ok) return reject(body);
      resolve(body.url);
    });
  });
}

start(process.env.SLACK_BOT_TOKEN).then(connected, failed);
`,
  'cb(body) under body.error': `const request = require('request');
${PREAMBLE}
function start(token, cb) {
  request.post({ url: API + 'rtm.start', form: { token }, json: true }, (err, res, body) => {
    if (err) return cb(err);
    if (body.error) return cb(body);
    cb(null, body.url);
  });
}

start(process.env.SLACK_BOT_TOKEN, (err, url) => (err ? failed(err) : connected(url)));
`,
  "emit('error', body) in the else of body.ok": `const EventEmitter = require('events');
const request = require('request');
${PREAMBLE}
class Connection extends EventEmitter {
  open(token) {
    request.get({ url: API + 'rtm.start', qs: { token }, json: true }, (err, res, body) => {
      if (err) return this.emit('error', err);
      if (body.ok) { this.emit('open', body.url); }
      else { this.emit('error', body); }
    });
  }
}

const connection = new Connection();
connection.on('open', connected);
connection.on('error', failed);
connection.open(process.env.SLACK_BOT_TOKEN);
`,
  'throw answer (fetch)': `${PREAMBLE}
async function start(token) {
  const res = await fetch(API + 'rtm.start', { method: 'POST', body: new URLSearchParams({ token }) });
  const answer = await res.json();
  if (!answer.ok) throw answer;
  return answer.url;
}

start(process.env.SLACK_BOT_TOKEN).then(connected, failed);
`,
  'axios: const { data } = await axios.get(…), throw data': `const axios = require('axios');
${PREAMBLE}
async function start(token) {
  const { data } = await axios.get(API + 'rtm.start', { params: { token } });
  if (data.ok === false) throw data;
  return data.url;
}

start(process.env.SLACK_BOT_TOKEN).then(connected, failed);
`,
};

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 74, users: 6, channels: 3, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string, token?: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, token, timeoutMs: 60_000 });

describe('the whole answer handed on only where it is Slack’s failure answer', () => {
  it.each(Object.entries(BOTS))('%s: rtm.connect in place, the same socket and the same error text for a bad token', { timeout: 180_000 }, async (_form, source) => {
    const dir = await writeBotFiles('rtm-migrate-failure-handoff-', { 'bot.js': source });
    fake.setMode('legacy');
    const failedBefore = await runIn(dir, 'xoxb-not-a-known-token');
    expect({ code: failedBefore.code, stdout: failedBefore.stdout, stderr: failedBefore.stderr }).toEqual({ code: 1, stdout: '', stderr: 'could not connect: {"ok":false,"error":"invalid_auth"}\n' });

    const report = await expectUrlSwapKeepsOutput(fake, dir, source, /^socket: true\n$/, () => runIn(dir));
    expect(report).toContain('raw-url → connect-only');
    // Nothing rebuilt: the one call is rtm.connect.
    expect(fake.calls.map((c) => c.method)).toEqual(['rtm.connect']);

    const failedAfter = await runIn(dir, 'xoxb-not-a-known-token');
    expect({ code: failedAfter.code, stdout: failedAfter.stdout, stderr: failedAfter.stderr }).toEqual({ code: failedBefore.code, stdout: failedBefore.stdout, stderr: failedBefore.stderr });
  });

  it('a rejection that may carry a success answer (a late attempt) keeps the full rebuild', { timeout: 120_000 }, async () => {
    const source = BOTS['reject(body)']!.replace('if (!body.ok) return reject(body);', 'if (!body.ok || process.env.RETRIES > 3) return reject(body);');
    const dir = await writeBotFiles('rtm-migrate-failure-handoff-retry-', { 'bot.js': source });
    const scanned = await cli(['apply', '.', '--allow-dirty', '--dry'], dir);
    expect(scanned.stdout).toContain('raw-url → helper-module');
  });
});
