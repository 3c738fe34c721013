import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, ROOT, writeBotFiles } from './helpers.js';

/**
 * A bot in two modules (the form of slugbot's `src/api/auth.js` + `src/app.js`): `api/auth.js` exports
 * `makeRequest(callback)`, which requests `rtm.start` with Node's `http.get` and hands the stream to
 * its helper `handleResponse(response, callback)`; the helper adds up the body and calls
 * `callback(JSON.parse(body))` on `end`. `app.js` requires it and passes a callback reading `url`
 * alone, with which it opens the RTM socket. The analysis follows the stream into the helper and the
 * callback parameter to every function the project's importers pass: the URL names `rtm.connect`, and
 * the bot, run against fake Slack in `legacy` mode before and `connect_required` mode after, prints
 * the same. An importer passing a function the analysis cannot see, or reading `users`, keeps a TODO.
 */

const AUTH = `var http = require("http");
var API = process.env.SLACK_API_URL || "https://slack.com/api/";

function handleResponse(response, callback) {
  var body = "";
  response.on("data", function (chunk) {
    body += chunk;
  });
  response.on("end", function () {
    callback(JSON.parse(body));
  });
}

function makeRequest(callback) {
  http.get(API + "rtm.start?token=" + process.env.SLACK_BOT_TOKEN, function (response) {
    handleResponse(response, callback);
  }).on("error", function (e) {
    console.error(e);
  });
}

module.exports = makeRequest;
`;

const WEBSOCKETS = `var WebSocket = require("ws");

exports.start = function (url, listeners) {
  var socket = new WebSocket(url);
  socket.on("message", function (raw) {
    var event = JSON.parse(raw);
    listeners.forEach(function (listener) {
      listener(event, socket);
    });
  });
};
`;

const APP = `var webSocketClient = require("./api/websockets.js"),
    auth = require("./api/auth.js");

var listeners = [
  function (event, socket) {
    if (event.type !== "hello") return;
    console.log("connected to the socket: " + event.type);
    socket.close();
  }
];

auth(function (response) {
  console.log("socket url: " + /^wss?:\\/\\/127\\.0\\.0\\.1:\\d+\\//.test(response.url));
  webSocketClient.start(response.url, listeners);
});
`;

/** A second importer handing the answer to a function it looks up by a run-time name. */
const ROSTER_UNSEEN = `var auth = require("./api/auth.js");
var hooks = { onStart: function (answer) { console.log(answer.users.length); } };

auth(hooks[process.env.ROSTER_HOOK || "onStart"]);
`;

/** A second importer reading the start-only \`users\`. */
const ROSTER_USERS = `var auth = require("./api/auth.js");

auth(function (answer) {
  console.log(answer.users.length);
});
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 71, users: 4, channels: 2, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

// fixtures/bots has no `ws`: the workspace's own, found through NODE_PATH.
const runIn = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'src', 'app.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000, env: { NODE_PATH: join(ROOT, 'node_modules') } });

describe('an answer called back to a callback parameter of an exported function, read in the importer', () => {
  it('the URL names rtm.connect and the bot connects to the socket the same', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-callback-modules-', { 'app.js': APP, 'api/auth.js': AUTH, 'api/websockets.js': WEBSOCKETS }, 'src');
    fake.setMode('legacy');
    const before = await runIn(dir);
    expect({ code: before.code, stderr: before.stderr, stdout: before.stdout }).toEqual({ code: 0, stderr: '', stdout: 'socket url: true\nconnected to the socket: hello\n' });

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.stdout).toContain('raw-url → connect-only');
    expect(migrated.stdout).toContain('TODOs left: 0');
    expect(await readFile(join(dir, 'src', 'api', 'auth.js'), 'utf8')).toBe(AUTH.replace('"rtm.start', '"rtm.connect'));
    expect(await readFile(join(dir, 'src', 'app.js'), 'utf8')).toBe(APP);

    fake.setMode('connect_required');
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await runIn(dir));
  });

  it.each([
    ['another importer passes a function looked up by a run-time name', ROSTER_UNSEEN],
    ['another importer reads users', ROSTER_USERS],
  ])('%s: a TODO, the URL left as it is', { timeout: 120_000 }, async (_name, roster) => {
    const dir = await writeBotFiles('rtm-migrate-callback-modules-todo-', { 'app.js': APP, 'roster.js': roster, 'api/auth.js': AUTH, 'api/websockets.js': WEBSOCKETS }, 'src');
    const applied = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toContain('TODOs left: 1');
    const auth = await readFile(join(dir, 'src', 'api', 'auth.js'), 'utf8');
    expect(auth).toContain('"rtm.start?token="');
    expect(auth).toContain('// TODO(rtm-migrate):');
  });

  it('auth.js alone (no importer in the run): a TODO, the URL left as it is', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-callback-modules-alone-', { 'auth.js': AUTH });
    const applied = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toContain('TODOs left: 1');
    expect(await readFile(join(dir, 'auth.js'), 'utf8')).toContain('"rtm.start?token="');
  });
});
