import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

// A TODO's reason says what the code does, not what a neighbouring form would do: request options
// held in a variable are no table of endpoints; an AUTHENTICATED handler of a client started
// elsewhere reads no `dataStore`; a helper's HTTP response read as `res.body.channels` is no
// `rtm.connect` field. Each source runs through the real CLI on a file on disk.

interface Site {
  readonly id: string;
  readonly rewrite: string;
  readonly message: string;
}

async function migrate(source: string): Promise<{ sites: Site[]; output: string }> {
  const dir = await tempDir('rtm-migrate-reasons-');
  try {
    await writeFile(join(dir, 'bot.js'), source);
    const dry = await cli(['apply', '.', '--allow-dirty', '--dry', '--report', 'json'], dir);
    expect(dry.code).toBe(0);
    const { sites } = JSON.parse(dry.stdout) as { sites: Site[] };
    const run = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(run.code).toBe(0);
    return { sites, output: await readFile(join(dir, 'bot.js'), 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('TODO reasons say what the code does', () => {
  it("https.request given options held in a variable: the options named, with the call they go to, no table of endpoints", async () => {
    const { sites } = await migrate(`const https = require('https');
exports.open = function (token, done) {
  const settings = { host: 'slack.com', path: '/api/rtm.start', method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } };
  const req = https.request(settings, (res) => {
    let text = '';
    res.on('data', (c) => (text += c));
    res.on('end', () => done(JSON.parse(text)));
  });
  req.write('token=' + token);
  req.end();
};
`);
    expect(sites).toHaveLength(1);
    expect(sites[0]!.rewrite).toBe('todo');
    expect(sites[0]!.message).toContain('the URL is the `path` of request options held in `settings` and given to `https.request(…)` (line 4)');
    expect(sites[0]!.message).not.toContain('table of endpoints');
  });

  it('a table of endpoints is still called one', async () => {
    const { sites } = await migrate(`const endpoints = { connect: '/api/rtm.start' };
module.exports = function open(client) { return client.send('GET', endpoints.connect); };
`);
    expect(sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(sites[0]!.message).toContain('the `connect` entry of a table of endpoints');
  });

  it('AUTHENTICATED data of a v3 client made here and started by an importer: no dataStore, the start elsewhere, the fields kept by rtm.connect', async () => {
    const { sites, output } = await migrate(`const { RtmClient, CLIENT_EVENTS } = require('@slack/client');
const rtm = new RtmClient(process.env.SLACK_BOT_TOKEN);
rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, (start) => {
  console.log('signed in as', start.self.name, 'on', start.team.name);
});
module.exports = rtm;
`);
    expect(sites.map((s) => s.rewrite)).toEqual(['todo']);
    const [site] = sites;
    expect(site!.message).toContain('reads the start data of a legacy `@slack/client` v3 `RtmClient` that this file does not start');
    expect(site!.message).toContain('The fields read here also come with `rtm.connect`');
    expect(site!.message).not.toContain('dataStore`, which only');
    expect(output).toContain('// TODO(rtm-migrate): this `authenticated` handler reads the start data');
  });

  it('the same handler reading users names the fields to fetch', async () => {
    const { sites } = await migrate(`const { RtmClient, CLIENT_EVENTS } = require('@slack/client');
const rtm = new RtmClient(process.env.SLACK_BOT_TOKEN);
rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, (start) => console.log(start.users.length));
module.exports = rtm;
`);
    expect(sites[0]!.message).toContain('Fetch `users` with their replacement methods before starting the client with `useRtmConnect: true`');
  });

  it("request's callback using `this` unbound (request's own object): a TODO saying so; bound with .bind(this): rebuilt, the bind kept", async () => {
    const { sites, output } = await migrate(`const request = require('request');
function Probe(token) {
  request.get('https://slack.com/api/rtm.start?token=' + token, function (err, res, body) {
    if (!err) this.abort();
    console.log(JSON.parse(body).users.length);
  });
}
function Team(token) {
  request.get('https://slack.com/api/rtm.start?token=' + token, function (err, res, body) {
    this.userCount = JSON.parse(body).users.length;
  }.bind(this));
}
module.exports = { Probe, Team };
`);
    expect(sites.map((s) => s.rewrite)).toEqual(['todo', 'helper-module']);
    expect(sites[0]!.message).toContain('the callback uses `this` (the request object)');
    expect(output).toContain('}.bind(this))(err, data && { statusCode: 200, body: JSON.stringify(data) }, data && JSON.stringify(data)));');
  });

  it("a helper's HTTP response read through res.body for channels: a TODO naming those reads, never rtm.connect in place", async () => {
    const { sites, output } = await migrate(`const agent = require('superagent');
const api = (method) => agent.get('https://slack.com/api/' + method).query({ token: process.env.SLACK_BOT_TOKEN });
api('rtm.start').then((res) => console.log(res.body.url, res.body.channels.length));
`);
    expect(sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(sites[0]!.message).toMatch(/^TODO\(rtm-migrate\): this code reads `body\.channels`/);
    expect(output).toContain("api('rtm.start')");
    expect(output).not.toContain('rtm.connect\')');
  });

  it('`rtm.start` on an `rtm` destructured from a WebClient: connect-only rewritten on that `rtm`; one reading `users` a TODO saying the call names no client, no promise chain', async () => {
    const { sites, output } = await migrate(`const { WebClient } = require('@slack/web-api');
const { rtm } = new WebClient(process.env.SLACK_BOT_TOKEN);
exports.socketUrl = async function () {
  const start = await rtm.start();
  return start.url;
};
exports.people = async function () {
  const start = await rtm.start();
  return start.users.map((u) => u.name);
};
`);
    expect(sites.map((s) => s.rewrite)).toEqual(['connect-only', 'todo']);
    expect(output).toContain('  const start = await rtm.connect();\n  return start.url;');
    expect(sites[1]?.message).toMatch(/^TODO\(rtm-migrate\): `rtm\.start` is called on an `rtm` held alone \(imported or destructured from its client\)/);
    expect(sites[1]?.message).not.toContain('promise chain');
    expect(output).toContain('// TODO(rtm-migrate): `rtm.start` is called on an `rtm` held alone');
  });

  // A plain `encodeURI(url)` is rebuilt (raw-request-encodeuri.test.ts); over a token already encoded it would encode it twice.
  it('request given its URL through `encodeURI(…)` over an encoded token: `request(…)` named as the request, the `users` read followed, the `encodeURI` named as what is not followed', async () => {
    const { sites, output } = await migrate(`const request = require('request');
exports.start = function (token, done) {
  request(encodeURI('https://slack.com/api/rtm.start?token=' + encodeURIComponent(token)), function (err, res, body) {
    if (err) return done(err);
    done(null, JSON.parse(body).users.length);
  });
};
`);
    expect(sites.map((s) => s.rewrite)).toEqual(['todo']);
    const message = sites[0]?.message ?? '';
    expect(message).toContain("the data the code reads from `request(…)`'s response");
    expect(message).toContain('the URL goes through `encodeURI(…)` before it is given to the request');
    expect(message).not.toContain('only `fetch`, axios');
    expect(message).toMatch(/Fields read → replacements: users: users\.list\.$/);
    expect(output).toContain("  request(encodeURI('https://slack.com/api/rtm.start?token=' + encodeURIComponent(token)), function (err, res, body) {");
  });

  it("a one-parameter callback the app's own helper hands to a method that does more than call it (`callback.call(this, value)`), with `null` on a failure: both said, never the Node-style reason", async () => {
    const { sites, output } = await migrate(`var request = require('request');
function SlackBot(token) { this.token = token; }
SlackBot.prototype._callCallBack = function (callback, value) {
  if (callback) callback.call(this, value);
};
SlackBot.prototype._api = function (methodName, params, callback) {
  request.post({ url: 'https://slack.com/api/' + methodName, form: Object.assign({ token: this.token }, params) }, function (err, response, body) {
    if (err) return this._callCallBack(callback, null);
    var result = JSON.parse(body);
    this._callCallBack(callback, result.ok ? result : null);
  }.bind(this));
};
SlackBot.prototype.login = function () {
  this._api('rtm.start', {}, function (data) {
    if (!data) return;
    this.data = data;
  }.bind(this));
};
module.exports = SlackBot;
`);
    expect(sites.map((s) => s.rewrite)).toEqual(['todo']);
    const message = sites[0]?.message ?? '';
    expect(message).toContain('the callback takes one parameter, and `this._api` (line 6) does not call it itself: it hands it to `this._callCallBack` (line 8), which does something else with it (`callback.call(this, value)`, line 4): rtm-migrate does not follow it further to what the callback gets, and it is handed `null` where the request fails or Slack refuses it');
    expect(message).not.toContain('Node-style');
    expect(output).toContain("  this._api('rtm.start', {}, function (data) {");
  });

  it("the same helper whose method calls the callback with the value alone (corpus s29/05, simple-slack-bot): followed, the data rebuilt through `this._api`, `null` again on any failure", async () => {
    const { sites, output } = await migrate(`var request = require('request');
function SlackBot(token) { this.token = token; }
SlackBot.prototype._callCallBack = function (callback, value) {
  if (callback) callback(value);
};
SlackBot.prototype._api = function (methodName, params, callback) {
  request.post({ url: 'https://slack.com/api/' + methodName, form: Object.assign({ token: this.token }, params) }, function (err, response, body) {
    if (err) return this._callCallBack(callback, null);
    var result = JSON.parse(body);
    this._callCallBack(callback, result.ok ? result : null);
  }.bind(this));
};
SlackBot.prototype.login = function () {
  this._api('rtm.start', {}, function (data) {
    if (!data) return;
    this.data = data;
  }.bind(this));
};
module.exports = SlackBot;
`);
    expect(sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(output).toContain('  const callSlack = (apiMethod, apiArgs) => new Promise((resolve, reject) => this._api(apiMethod, apiArgs, (data) => (data ? resolve(data) : reject(new Error(`${apiMethod} failed`)))));');
    expect(output).toContain('  callbackify(() => rtmStartData(callSlack, {}))((err, data) => (function (data) {');
    expect(output).toContain('  }.bind(this))(err ? (err.data !== undefined && err.data !== null ? err.data : null) : data));');
  });

  it("a helper whose own callback of a request is not bound hands the callback on through that request's `this`: not followed, the TODO as before", async () => {
    const { sites } = await migrate(`var request = require('request');
function SlackBot(token) { this.token = token; }
SlackBot.prototype._callCallBack = function (callback, value) {
  if (callback) callback(value);
};
SlackBot.prototype._api = function (methodName, params, callback) {
  request.post({ url: 'https://slack.com/api/' + methodName, form: params }, function (err, response, body) {
    this._callCallBack(callback, err ? null : JSON.parse(body));
  });
};
SlackBot.prototype.login = function () {
  this._api('rtm.start', {}, (data) => {
    if (data) this.users = data.users;
  });
};
module.exports = SlackBot;
`);
    expect(sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(sites[0]?.message).toContain('it hands it to `this._callCallBack`, which rtm-migrate does not follow to what the callback gets, and it is handed `null`');
  });
});

// s35/04 (wololo.js): a helper answering with a promise that never rejects on `ok: false`, called with a name last and
// chained with `.then`: the TODO stays, its reason is the name rtm-migrate cannot place, not a missing Node-style callback.
describe("a name given last to a helper whose answer is chained with `.then`: the reason names that argument", () => {
  const NODE_STYLE = 'the callback is not a written-out Node-style `(err, data)` function';

  it("the helper's object filled in by assignment, given `this.store` (wololo.js): a name that holds no arguments rtm-migrate sees", async () => {
    const { sites } = await migrate(`const request = require('request');
const qs = require('querystring');
module.exports = function Bot(store) {
  const bot = { store };
  bot.req = function req(method, params) {
    return new Promise((resolve) => {
      request('https://slack.com/api/' + method + '?' + qs.stringify(params), (error, response, body) => {
        if (!error && response.statusCode === 200) resolve(JSON.parse(body));
      });
    });
  };
  bot.connect = function connect() {
    this.req('rtm.start', this.store).then((data) => Object.assign(this, data));
  };
  return bot;
};
`);
    expect(sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(sites[0]?.message).toContain("and here the helper's answer is read as a promise, and its last argument `this.store` may be the request's arguments or a callback the helper calls, which rtm-migrate cannot tell: it is neither a `const` holding an object written out nor a parameter, named as arguments are (`params`, `options`…), of the function the call is written in.");
    expect(sites[0]?.message).not.toContain('Node-style');
  });

  it("the helper from another module, given the caller's `params`: its declaration not in this file; the same call with a callback or as a statement keeps the callback's reason", async () => {
    const { sites } = await migrate(`const req = require('./req');
const handler = require('./handler');
exports.connect = function (params) {
  return req('rtm.start', params).then((data) => Object.assign(this, data));
};
exports.open = function (params) {
  req('rtm.start', params);
  req('rtm.start', {}, handler.onStart);
};
`);
    expect(sites.map((s) => s.rewrite)).toEqual(['todo', 'todo', 'todo']);
    expect(sites[0]?.message).toContain("and here the helper's answer is read as a promise, and its last argument `params` may be the request's arguments or a callback the helper calls, which rtm-migrate cannot tell: the helper's declaration is not in this file.");
    expect(sites[0]?.message).not.toContain('Node-style');
    expect(sites[1]?.message).toContain(NODE_STYLE);
    expect(sites[2]?.message).toContain(NODE_STYLE);
  });
});

/** A helper handing its one-parameter callback down `this._request(…)`, whose own step is `step`. */
const chained = (step: string): string => `var request = require('request');
function Client(token) { this.token = token; }
Client.prototype.api = function (method, params, callback) {
  this._request(method, Object.assign({ token: this.token }, params), callback, 0);
};
${step}
Client.prototype.login = function () {
  this.api('rtm.start', {}, (data) => { if (data) console.log(data.users.length); });
};
module.exports = Client;
`;

describe("a helper's declaration the call is not tied to: the reason says why, never `not in this file` when it is", () => {
  const helper = (then: string): string => `var request = require('superagent');
module.exports = function (TOKEN, opts) {
  var Slack = {
    init: function (cb) {
      Slack.api('rtm.start', { simple_latest: true }).end((err, res) => cb(res.body.users));
    },
    api: function (method, parameters) {
      parameters.token = TOKEN;
      return request.post('https://slack.com/api/' + method).type('form').send(parameters);
    },
  };
${then}
  return Slack;
};
`;

  it('the object given another value: the declaration in the file named, with what rtm-migrate cannot see', async () => {
    const { sites } = await migrate(helper('  if (opts.mock) Slack = opts.mock;'));
    expect(sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(sites[0]?.message).toContain('this file declares a function `api` (line 7), but rtm-migrate cannot tell that `Slack.api` is that one (`Slack` may hold another object when the call runs, or its `api` another function)');
    expect(sites[0]?.message).not.toContain('not in this file');
  });

  it('its member given another function: the same', async () => {
    const { sites } = await migrate(helper('  Slack.api = opts.api || Slack.api;'));
    expect(sites[0]?.message).toContain('this file declares a function `api` (line 7)');
    expect(sites[0]?.message).not.toContain('not in this file');
  });

  it('a helper from another module: not in this file', async () => {
    const { sites } = await migrate("var Slack = require('./slack');\nSlack.api('rtm.start', {}).end((err, res) => console.log(res.body.users));\n");
    expect(sites[0]?.message).toContain('its declaration is not in this file');
  });
});

describe('a callback handed down a chain of functions: the TODO names the step where it is lost', () => {
  it.each([
    {
      lost: 'handed to a function not declared in the file',
      step: `Client.prototype._request = function (method, form, cb) {
  request.post({ url: 'https://slack.com/api/' + method, form: form, json: true }, (err, res, body) => queue.push(err, body, cb));
};`,
      says: 'it hands it to `this._request` (line 4), which hands it to `queue.push` (line 7), whose declaration is not a function of the same class, prototype, object or file: rtm-migrate does not follow it further to what the callback gets',
    },
    {
      lost: 'handed back to itself on a retry',
      step: `Client.prototype._request = function (method, form, cb, tries) {
  request.post({ url: 'https://slack.com/api/' + method, form: form, json: true }, (err, res, body) => {
    if (res && res.statusCode === 429 && tries < 3) return this._request(method, form, cb, tries + 1);
    cb(err || !body.ok ? null : body);
  });
};`,
      says: 'it hands it to `this._request` (line 4), which hands it back to `this._request` (line 8), a function already handed it: rtm-migrate does not follow it further',
    },
    {
      lost: 'handed back to itself with other arguments (a retry that may make another request)',
      step: `Client.prototype._request = function (method, form, cb) {
  request.post({ url: 'https://slack.com/api/' + method, form: form, json: true }, (err, res, body) => {
    if (body && body.error === 'ratelimited') return this._request(method, Object.assign({ retried: 1 }, form), cb);
    cb(err || !body.ok ? null : body);
  });
};`,
      says: 'it hands it to `this._request` (line 4), which hands it back to `this._request` (line 8), a function already handed it: rtm-migrate does not follow it further',
    },
    {
      lost: 'called at the last step with a text of its own, parsed',
      step: `Client.prototype._request = function (method, form, cb) {
  request.post({ url: 'https://slack.com/api/' + method, form: form }, (err, res, raw) => this._handle(err, err ? 'null' : raw, cb));
};
Client.prototype._handle = function (err, raw, cb) {
  cb(JSON.parse(raw));
};`,
      says: 'it hands it to `this._request` (line 4), which hands it to `this._handle` (line 7), which calls it with `JSON.parse(raw)`, parsing a value of its own (line 10): rtm-migrate does not follow it further',
    },
    {
      lost: 'called with a value of its own at the last step',
      step: `Client.prototype._request = function (method, form, cb) {
  request.post({ url: 'https://slack.com/api/' + method, form: form }, (err, res, raw) => this._handle(err, raw, cb));
};
Client.prototype._handle = function (err, raw, cb) {
  var body = err ? null : JSON.parse(raw);
  cb(body && body.ok ? body : null);
};`,
      says: 'it hands it to `this._request` (line 4), which hands it to `this._handle` (line 7), which calls it with `body`, neither one of its parameters nor a literal (line 11): rtm-migrate does not follow it further',
    },
  ])('$lost: left as it is, the step named', async ({ step, says }) => {
    const source = chained(step);
    const { sites, output } = await migrate(source);
    expect(sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(sites[0]?.message).toContain(says);
    expect(output.replace(/^ *\/\/ TODO\(rtm-migrate\):.*\n(?: *\/\/ {3}.*\n)*/m, '')).toBe(source);
  });
});
