import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, expectUrlSwapKeepsOutput, ROOT, writeBotFiles } from './helpers.js';

/**
 * Raw HTTP requests to `rtm.start` read for `rtm.connect`'s fields only, in the shapes the analysis
 * follows besides a callback written out in place (raw-url-connect.test.ts has the decisions): a
 * callback declared elsewhere in the file, the URL held in a constant given as the options' `uri`,
 * Node's `http.request` given options held in a constant and its body text parsed, its chunks
 * kept in an array and joined by `Buffer.concat`. Each bot is run
 * against fake Slack in `legacy` mode, migrated by the CLI, then run in `connect_required` mode: it
 * prints the same, asking `rtm.connect` once.
 */

const API = "const API = process.env.SLACK_API_URL || 'https://slack.com/api/';\n";

/** Who the bot is and where it would connect: fields both answers carry. */
const SHOW = "function show(d) { console.log([d.ok, d.self.id, d.self.name, d.team.id, d.team.domain, /^wss?:/.test(d.url)].join(' ')); }\n";

const DECLARED_CALLBACK_BOT = `const request = require('request');
${API}${SHOW}
request.post({ url: API + 'rtm.start', form: { token: process.env.SLACK_BOT_TOKEN } }, onStart);

function onStart(err, res, body) {
  if (err) return console.error(err.message);
  const d = JSON.parse(body);
  if (!d.ok) return console.error(d.error.message || d.error);
  show(d);
}
`;

const URI_HELD_BOT = `const request = require('request');
${API}${SHOW}
const startUrl = API + 'rtm.start';
request({ uri: startUrl, qs: { token: process.env.SLACK_BOT_TOKEN }, json: true }, (err, res, body) => {
  if (err || !body.ok) return console.error(err ? err.message : body.error);
  show(body);
});
`;

const HTTP_OPTIONS_BOT = `const http = require('http');
${API}${SHOW}
const api = new URL(API);
const options = { hostname: api.hostname, port: api.port, path: api.pathname + 'rtm.start?token=' + process.env.SLACK_BOT_TOKEN, method: 'GET' };
http.request(options, (res) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (chunk) => (body += chunk));
  res.on('end', () => {
    const data = JSON.parse(body);
    if (!data.ok) return console.error(data.error);
    show(data);
  });
}).end();
`;

const HTTP_CHUNKS_BOT = `const http = require('http');
${API}${SHOW}
http.get(API + 'rtm.start?token=' + process.env.SLACK_BOT_TOKEN, (res) => {
  const chunks = [];
  res.on('data', (chunk) => chunks.push(chunk));
  res.on('end', () => show(JSON.parse(Buffer.concat(chunks).toString())));
});
`;

/** slack-cli 1.0.18's shape (blind s106/06): the app's `api()` only builds the URL, its `post()` logs and hands the request on. */
const URL_BUILDER_BOT = `const request = require('request');
${API}${SHOW}
const debug = process.env.BOT_DEBUG ? console.error : () => {};
function api(method) { return API + method + '?token=' + process.env.SLACK_BOT_TOKEN; }
function post(url, data, callback) {
  debug('request.post url', url.replace(/token=[^&]*/, 'token=…'));
  return request.post(url, data, callback);
}
post(api('rtm.start'), {}, (err, res, body) => {
  if (err) return console.log(err.message);
  show(JSON.parse(body));
});
`;

/** The app's own function that hands its parameters on as they are to request: the request itself. */
const FORWARDER_BOT = `const request = require('request');
${API}${SHOW}
const get = (url, callback) => request.get(url, callback);
get(API + 'rtm.start?token=' + process.env.SLACK_BOT_TOKEN, function (err, res, body) {
  if (err) return console.log(err.message);
  show(JSON.parse(body));
});
`;

/**
 * Reads `url` and `self.id` of the answer; its socket handler reads each event's `.text` and sends a
 * `JSON.stringify`'d message: values of its own, which leave the answer's request free to name `rtm.connect`.
 */
const MESSAGE_TEXT_BOT = `const request = require('request');
const WebSocket = require('ws');
${API}
request(API + 'rtm.start?token=' + process.env.SLACK_BOT_TOKEN, (err, res, body) => {
  if (err) return console.error(err.message);
  const start = JSON.parse(body);
  if (!start.ok) return console.error(start.error);
  const me = start.self.id;
  const socket = new WebSocket(start.url);
  socket.on('message', (data) => {
    const event = JSON.parse(data);
    if (event.type === 'hello') socket.send(JSON.stringify({ id: 1, type: 'message', channel: 'C1', text: 'hi from <@' + me + '>' }));
    else if (event.reply_to === 1) { console.log(/^U\\w+$/.test(me), JSON.parse(JSON.stringify(event)).text === 'hi from <@' + me + '>'); socket.close(); }
  });
});
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 43, users: 5, channels: 3, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });

describe('raw HTTP requests read for rtm.connect fields, in shapes beyond a callback in place', () => {
  it.each([
    ['request, its callback declared below, error.message read', DECLARED_CALLBACK_BOT],
    ["request, the URL held in a constant given as the options' uri", URI_HELD_BOT],
    ['http.request, its options held in a constant, the body text parsed', HTTP_OPTIONS_BOT],
    ['http.get, the chunks kept in an array and parsed after Buffer.concat', HTTP_CHUNKS_BOT],
    ["the app's URL builder's URL, given to its own request helper", URL_BUILDER_BOT],
    ["request through the app's function that hands its parameters on", FORWARDER_BOT],
  ])('%s: the request names rtm.connect and the bot prints the same', { timeout: 120_000 }, async (_name, source) => {
    const dir = await writeBotFiles('rtm-migrate-raw-shapes-', { 'bot.js': source });
    await expectUrlSwapKeepsOutput(fake, dir, source, /^true U\w+ \S+ T\w+ \S+ true\n$/, () => runIn(dir));
  });
});

describe('a request-based bot whose socket handler reads message text and serialises its replies', () => {
  // fixtures/bots has no `ws`: the workspace's own, found through NODE_PATH.
  const runWithWs = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000, env: { NODE_PATH: join(ROOT, 'node_modules') } });

  it('the request names rtm.connect and the bot hears its echo the same', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-raw-message-text-', { 'bot.js': MESSAGE_TEXT_BOT });
    fake.setMode('legacy');
    const before = await runWithWs(dir);
    expect({ code: before.code, stderr: before.stderr, stdout: before.stdout }).toEqual({ code: 0, stderr: '', stdout: 'true true\n' });

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.stdout).toContain('TODOs left: 0');
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toBe(MESSAGE_TEXT_BOT.replace("'rtm.start", "'rtm.connect"));

    fake.setMode('connect_required');
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await runWithWs(dir));
  });
});
