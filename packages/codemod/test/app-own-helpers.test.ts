import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, ROOT, writeBotFiles, type DryReport } from './helpers.js';

/**
 * Blind s79/14b (Skellington-Closet/slack-mock's single-team bot): the app's own helper hands its callback
 * to `request`, which calls it `(err, res, body)`; the callback checks `res.statusCode` and `body.ok`, and
 * reads of the data only what `rtm.connect` answers too. The status is the HTTP response's, in no answer
 * of Slack's, and the failure's `new Error(…, err || body)` reads nothing of it: `rtm.connect` in place.
 */
const API = `const request = require('request');

function apiRequest(method, data, cb) {
  request({ method: 'GET', uri: process.env.SLACK_API_URL + method, json: true, qs: Object.assign({ token: process.env.SLACK_BOT_TOKEN }, data) }, cb);
}

exports.start = function (cb) {
  apiRequest('rtm.start', {
    no_unreads: true,
    simple_latest: true
  }, rtmStart);

  function rtmStart(err, res, body) {
    if (err || res.statusCode >= 400 || !body.ok) {
      return cb(new Error('Error starting RTM', err || body));
    }
    cb(null, { url: body.url, self: body.self.id + ' ' + body.self.name, team: body.team.id + ' ' + body.team.name });
  }
};
`;

const MAIN = `require('./api').start(function (err, bot) {
  if (err) {
    console.error(err.message);
    process.exit(1);
  }
  console.log(bot.self + ' of ' + bot.team + ', socket ' + (bot.url.startsWith('ws') ? 'given' : 'missing'));
});
`;

/**
 * Blind s79/14 (Skellington-Closet/slack-mock's slack-app): `api.rtm.start(token, cb)` is the app's own function,
 * which requests Slack's `rtm.start` itself through its `apiRequest` helper. That request is the site; the call of
 * the app's function is none (a TODO on it outlived the migration and kept `--check` failing).
 */
const OWN_API = `const request = require('request');

function apiRequest(method, data, cb) {
  request({ method: 'GET', uri: process.env.SLACK_API_URL + method, json: true, qs: Object.assign({ token: process.env.SLACK_BOT_TOKEN }, data) }, (err, res, body) => {
    if (err || !body.ok) return cb(err || new Error(body.error));
    cb(null, body);
  });
}

const api = module.exports;
api.rtm = {};
api.rtm.start = function (cb) {
  apiRequest('rtm.start', { simple_latest: true }, (err, body) => {
    if (err) return cb(err);
    cb(null, { self: body.self.name, channels: body.channels.length, users: body.users.length });
  });
};
`;

const OWN_MAIN = `const api = require('./api');

api.rtm.start((err, bot) => {
  if (err) {
    console.error(err.message);
    process.exit(1);
  }
  console.log(bot.self + ': ' + bot.users + ' users, ' + bot.channels + ' channels');
});
`;

describe("blind s79/14: the app's own request helper and rtm.start function", () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 79, users: 10, channels: 4, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  it("a helper's request callback reading res.statusCode is switched to rtm.connect in place and starts as before; a second run finds nothing", { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('helper-envelope-', { 'api.js': API, 'main.js': MAIN });
    const start = () => runNodeBot(join(dir, 'main.js'), { cwd: dir, apiUrl: slack.apiUrl });
    slack.setMode('legacy');
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^U\w+ rtmbot of T\w+ .+, socket given\n$/);
    slack.setMode('connect_required');
    expect(await start()).toMatchObject({ code: 1, stderr: 'Error starting RTM\n' });

    const ran = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout) as DryReport;
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['api.js:8:3', 'connect-only']]);
    const written = await readFile(join(dir, 'api.js'), 'utf8');
    expect(written).toContain("apiRequest('rtm.connect', {}, rtmStart);");
    expect(written).toContain('res.statusCode >= 400');

    const after = await start();
    expect([after.code, after.stderr, after.stdout]).toEqual([0, '', before.stdout]);
    expect((JSON.parse((await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir)).stdout) as DryReport).sites).toEqual([]);
  });

  it("a call of the app's own rtm.start function that requests Slack's itself is no site: the request inside goes through the generated module, the call stays as it was, and --check then passes", { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('own-rtm-start-', { 'api.js': OWN_API, 'main.js': OWN_MAIN });
    const start = () => runNodeBot(join(dir, 'main.js'), { cwd: dir, apiUrl: slack.apiUrl });
    slack.setMode('legacy');
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^rtmbot: 10 users, [1-9]\d* channels\n$/);

    const ran = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout) as DryReport;
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['api.js:13:3', 'helper-module']]);
    expect(await readFile(join(dir, 'main.js'), 'utf8')).toBe(OWN_MAIN);

    slack.setMode('connect_required');
    const after = await start();
    expect([after.code, after.stderr, after.stdout]).toEqual([0, '', before.stdout]);
    const check = await cli(['apply', '.', '--check'], dir);
    expect(check.code).toBe(0);
  });
});

/**
 * Blind s132/05 (slack-mock's slack-app): the app's helper takes the token before the method name,
 * `apiRequest(token, 'rtm.start', data, cb)`, and joins that parameter into its URL. The reads are all
 * `rtm.connect`'s, so the name is changed where it stands (the token first stays); the same call given a
 * helper that does anything else with that parameter is not taken for a Web API method.
 */
const TOKEN_FIRST_API = `const request = require('request');

function apiRequest(token, method, data, cb) {
  if (!cb) {
    cb = data;
    data = {};
  }
  if (token) data.token = token;
  request({ method: 'GET', uri: process.env.SLACK_API_URL + method, json: true, qs: data }, (err, res, body) => {
    if (err || res.statusCode >= 400 || !body.ok) return cb(err || body);
    cb(null, body);
  });
}

const api = module.exports;
api.rtm = {};
api.rtm.start = function (token, cb) {
  const data = { no_unreads: true, simple_latest: true };
  apiRequest(token, 'rtm.start', data, (err, body) => {
    if (err) return cb(err);
    cb(null, body.self.name + ' of ' + body.team.name + ', socket ' + (body.url.startsWith('ws') ? 'given' : 'missing'));
  });
};
`;

const TOKEN_FIRST_MAIN = `require('./api').rtm.start(process.env.SLACK_BOT_TOKEN, (err, line) => {
  if (err) {
    console.error(err.error || err.message);
    process.exit(1);
  }
  console.log(line);
});
`;

describe('blind s132/05: the method name after the token', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 132, users: 9, channels: 4, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  it('a helper joining that parameter into its URL is switched to rtm.connect in its place, the token kept first, and starts as before', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('token-first-', { 'api.js': TOKEN_FIRST_API, 'main.js': TOKEN_FIRST_MAIN });
    const start = () => runNodeBot(join(dir, 'main.js'), { cwd: dir, apiUrl: slack.apiUrl });
    slack.setMode('legacy');
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^rtmbot of .+, socket given\n$/);
    slack.setMode('connect_required');
    expect(await start()).toMatchObject({ code: 1, stderr: 'rtm_connect_required\n' });

    const ran = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout) as DryReport;
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['api.js:19:3', 'connect-only']]);
    const written = await readFile(join(dir, 'api.js'), 'utf8');
    expect(written).toContain("const data = {};\n  apiRequest(token, 'rtm.connect', data, (err, body) => {");
    expect(await readFile(join(dir, 'main.js'), 'utf8')).toBe(TOKEN_FIRST_MAIN);

    slack.resetCalls();
    const after = await start();
    expect([after.code, after.stderr, after.stdout]).toEqual([0, '', before.stdout]);
    expect(slack.calls.map((c) => c.method)).toEqual(['rtm.connect']);
    expect((await cli(['apply', '.', '--check'], dir)).code).toBe(0);
  });

  it('a helper that looks the parameter up in a table is not taken for one naming a Web API method: never renamed in place', { timeout: 120_000 }, async () => {
    const looked = TOKEN_FIRST_API.replace('process.env.SLACK_API_URL + method', 'process.env.SLACK_API_URL + ROUTES[method]').replace("const request = require('request');", "const request = require('request');\nconst ROUTES = { 'rtm.start': 'rtm.start', 'rtm.connect': 'rtm.connect' };");
    const dir = await writeBotFiles('token-first-table-', { 'api.js': looked, 'main.js': TOKEN_FIRST_MAIN });
    const ran = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout) as DryReport;
    expect(report.sites.map((s) => s.rewrite)).not.toContain('connect-only');
    expect(await readFile(join(dir, 'api.js'), 'utf8')).not.toContain("apiRequest(token, 'rtm.connect'");
  });
});

/**
 * Blind s107/02 (simple-slack-bot 0.0.5): the library's prototype helper `_api(method, params, callback)` is
 * given `null` as the arguments, which its `_params(params)` turns into `{ token }` (and, given an object,
 * adds the token to it): the replacement methods' own arguments go there. It calls back the answer alone,
 * or `null` on a failure. The data are kept in `this.data` and read by the bot's getters.
 */
const NULL_ARGS_BOT = `const request = require('request');
const printWorkspace = require('./summary');

function Bot(token) { this.token = token; }
Bot.prototype._params = function (params) {
  if (!params) return { token: this.token };
  params.token = this.token;
  return params;
};
Bot.prototype._api = function (method, params, callback) {
  request.post({ url: process.env.SLACK_API_URL + method, form: this._params(params) }, function (err, res, body) {
    if (err) return callback(null);
    const result = JSON.parse(body);
    callback(result.ok ? result : null);
  });
};
Bot.prototype.login = function () {
  this._api('rtm.start', null, function (data) {
    if (!data) {
      console.error('login failed');
      process.exit(1);
    }
    this.data = data;
    this.ready();
  }.bind(this));
};
Bot.prototype.ready = function () { printWorkspace(this.data); };

new Bot(process.env.SLACK_BOT_TOKEN).login();
`;

describe("blind s107/02: the app's own helper given null as rtm.start's arguments", () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 107, users: 12, channels: 5, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  it('rebuilds the data through the helper, the replacement methods given their arguments where null stood, and prints the same', { timeout: 120_000 }, async () => {
    const summary = await readFile(join(ROOT, 'fixtures', 'bots', 'summary.js'), 'utf8');
    const dir = await writeBotFiles('helper-null-args-', { 'bot.js': NULL_ARGS_BOT, 'summary.js': summary });
    const start = () => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl });
    slack.setMode('legacy');
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^users: 12$/m);
    slack.setMode('connect_required');
    expect(await start()).toMatchObject({ code: 1, stderr: 'login failed\n' });

    const ran = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout) as DryReport;
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['bot.js:18:3', 'helper-module']]);

    slack.resetCalls();
    expectSameWithoutRtmStart(slack, before, await start());
    expect((await cli(['apply', '.', '--check'], dir)).code).toBe(0);
  });
});
