import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

import { REPO_DIR, recommendedConfig } from './helpers.js';

/**
 * The safety rule through the real ESLint with `configs.recommended`: where the response goes
 * somewhere the analysis cannot follow, `--fix` changes nothing (a suggestion at most), and a fix
 * never drops a callback. Then precision: code that provably uses `rtm.connect` is never reported.
 */
const eslint = new ESLint({ cwd: REPO_DIR, overrideConfigFile: true, overrideConfig: recommendedConfig(), ignore: false, fix: true });

async function lint(code: string, file = 'bot.js') {
  const [result] = await eslint.lintText(code, { filePath: `${REPO_DIR}/fixtures/${file}` });
  return { messages: result!.messages, output: result!.output ?? code };
}

/** `rule:messageId`, the field for a start-only read (`no-rtm-start-only-fields:users`). */
const ids = (messages: readonly { ruleId: string | null; messageId?: string; message: string }[]) =>
  messages.map((m) => `${m.ruleId?.replace('@rtm-migrate/', '') ?? ''}:${m.messageId === 'startOnlyField' ? (/^`([^`]+)`/.exec(m.message)?.[1] ?? '') : (m.messageId ?? '')}`);

describe('no autofix when the response escapes', () => {
  it("api.rtm.start(cb) with api.js writing its own api.rtm.start function: never renamed (api.rtm.connect does not exist); reported only where that function's own request of Slack is not in view", async () => {
    const file = 'projects/own-rtm-module/input/bot.js';
    const code = readFileSync(`${REPO_DIR}/fixtures/${file}`, 'utf8');
    // Its function requests `'rtm.start'` itself: that request is the site, reported in api.js (blind s79/14: a report here outlived its migration).
    const requesting = await lint(code, file);
    expect([requesting.output, requesting.messages]).toEqual([code, []]);
    // A function whose request of Slack is not in view (a transport handed the method by another name) keeps the report here.
    const dir = mkdtempSync(join(tmpdir(), 'own-rtm-'));
    writeFileSync(join(dir, 'api.js'), "const api = module.exports;\napi.rtm = {};\napi.rtm.start = function (cb) { transport.send(METHOD, cb); };\n");
    const opaque = await new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: recommendedConfig(), ignore: false, fix: true }).lintText(code, { filePath: join(dir, 'bot.js') });
    expect(ids(opaque[0]!.messages)).toEqual(['no-rtm-start:rtmStart']);
    expect(opaque[0]!.output).toBeUndefined();
    expect(opaque[0]!.messages[0]!.suggestions ?? []).toEqual([]);
  });

  it('a client chosen between two required modules, one exporting a v3 RtmClient, in a file that never spells rtm: reported, no fix', async () => {
    const file = 'projects/required-client-chosen/input/main.js';
    const code = readFileSync(`${REPO_DIR}/fixtures/${file}`, 'utf8');
    expect(code).not.toMatch(/rtm/i);
    const { messages, output } = await lint(code, file);
    expect(output).toBe(code);
    expect(ids(messages)).toEqual(['no-rtm-start:legacyRtmClientUnfollowed']);
    expect(messages[0]!.line).toBe(6);
    expect(messages[0]!.suggestions ?? []).toEqual([]);
    // The same start of a module that makes no client (read from disk, never spelling rtm): nothing.
    const timer = "const ticker = require('./lib/ticker');\nticker.start(1000, () => {});\n";
    expect((await lint(timer, 'projects/required-client-chosen/input/timer.js')).messages).toEqual([]);
  });

  it('a class handed a v3 RtmClient in its own file but exported: the lint sees one file and follows nothing (no reads, no fix)', async () => {
    const code = `const { RtmClient, CLIENT_EVENTS } = require('@slack/client');
class Bot {
  constructor(rtm) {
    this.rtm = rtm;
    this.rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, (d) => { this.n = d.users.length; });
  }
  run() { this.rtm.start(); }
}
new Bot(new RtmClient('xoxb-test')).run();
module.exports = Bot;
`;
    const { messages, output } = await lint(code);
    expect(output).toBe(code);
    expect(ids(messages)).toEqual(['no-rtm-start:rtmStart']);
    expect(ids((await lint(code.replace('module.exports = Bot;\n', ''))).messages)).toEqual(['no-rtm-start-only-fields:users', 'no-rtm-start:legacyRtmClient']);
  });

  it("self.reqAPI('rtm.start', {}, function (data) { … }): the one-parameter callback is followed; no fix, every read reported", async () => {
    const code = `function Bot() {}
Bot.prototype.login = function () {
  var self = this;
  self.reqAPI('rtm.start', {}, function (data) {
    self.users = data.users;
    self.channels = data.channels;
    self.groups = data.groups;
    self.connect(data.url);
  });
};
module.exports = Bot;
`;
    const { messages, output } = await lint(code);
    expect(output).toBe(code);
    // Bot is exported: the lists kept on its instance may be read where no tool sees, so the conversation
    // lists are also handed on (`has_pins`, `is_open`); the users are not: rtm.start's own had no `presence` since January 2018.
    expect(ids(messages).filter((id) => !id.endsWith(':escapedItems'))).toEqual(['no-rtm-start:rtmStart', 'no-rtm-start-only-fields:users', 'no-rtm-start-only-fields:channels', 'no-rtm-start-only-fields:groups']);
    const handedOn = messages.filter((m) => m.messageId === 'escapedItems');
    expect(handedOn.map((m) => m.line)).toEqual([6, 7]);
    expect(handedOn.map((m) => m.message).join(' ')).not.toContain('users[].presence');
  });

  it("api.post('rtm.start', { no_unreads: 1 }, cb): cb cannot be followed, so nothing is fixed and cb stays where it is", async () => {
    const code = `var api = require('./api');
module.exports = function boot(cb) {
  api.post('rtm.start', { no_unreads: 1 }, cb);
};
`;
    const { messages, output } = await lint(code);
    expect(output).toBe(code);
    expect(ids(messages)).toEqual(['no-rtm-start:rtmStart', 'no-unsupported-rtm-args:no_unreads']);
    expect(messages[0]!.suggestions?.map((s) => s.messageId)).toEqual(['useRtmConnect']);
  });

  it('a response handed to a function the file does not define (declared in a .d.ts) is no "connect-only" read', async () => {
    const code = `import { WebClient } from '@slack/web-api';
import { remember } from './store';
export async function boot(web: WebClient) {
  const res = await web.rtm.start();
  remember(res);
  return res.self.id;
}
`;
    const { messages, output } = await lint(code, 'boot.ts');
    expect(output).toBe(code);
    expect(ids(messages)).toEqual(['no-rtm-start:rtmStart']);
  });

  it('web.rtm.start({ no_unreads: true }, (err, res) => …): the fix keeps the callback', async () => {
    const code = `const { WebClient } = require('@slack/client');
const web = new WebClient(process.env.SLACK_TOKEN);
web.rtm.start({ no_unreads: true }, (err, res) => {
  if (err) throw err;
  connectSocket(res.url, res.self.name);
});
`;
    const { output } = await lint(code);
    expect(output).toBe(code.replace('web.rtm.start({ no_unreads: true }, (err, res) => {', 'web.rtm.connect({}, (err, res) => {'));
  });
});

describe("an app's own helper that prints Slack's whole answer itself", () => {
  const call = "slackApi('rtm.start', { token: process.env.T });\n";
  it.each([
    ['request, console.log of the body text', "const request = require('request');\nfunction slackApi(method, form, cb) {\n  request.post({ url: 'https://slack.com/api/' + method, form }, (err, res, body) => {\n    console.log(body);\n    if (cb) cb(err, JSON.parse(body));\n  });\n}\n"],
    ['request, util.inspect of the parsed body', "const request = require('request');\nconst util = require('util');\nfunction slackApi(method, form, cb) {\n  request.post({ url: 'https://slack.com/api/' + method, form }, (err, res, body) => {\n    const data = JSON.parse(body);\n    console.log(util.inspect(data, { depth: 4 }));\n    if (cb) cb(err, data);\n  });\n}\n"],
    ['request, the body text printed in a template', "const request = require('request');\nfunction slackApi(method, form, cb) {\n  request.post({ url: 'https://slack.com/api/' + method, form }, (err, res, body) => {\n    console.info(`slack said: ${body}`);\n    if (cb) cb(err, JSON.parse(body));\n  });\n}\n"],
    ['fetch, process.stdout.write of JSON.stringify', "async function slackApi(method, params) {\n  const res = await fetch('https://slack.com/api/' + method, { method: 'POST', body: new URLSearchParams(params) });\n  const data = await res.json();\n  process.stdout.write(JSON.stringify(data));\n  return data;\n}\n"],
    ['axios, a logger given the data', "const axios = require('axios');\nconst logger = require('./logger');\nfunction slackApi(method, params) {\n  return axios.post(`https://slack.com/api/${method}`, params).then((r) => {\n    logger.info(r.data);\n    return r.data;\n  });\n}\n"],
    ['axios, a start-only field read off the answer', "const axios = require('axios');\nconst seen = {};\nfunction slackApi(method, params) {\n  return axios.post(`https://slack.com/api/${method}`, params).then((r) => {\n    seen.users = r.data.users;\n  });\n}\n"],
  ])('%s: reported, no autofix', async (_name, helper) => {
    const { messages, output } = await lint(helper + call);
    expect(output).toBe(helper + call);
    expect(ids(messages)).toEqual(['no-rtm-start:rtmStart']);
  });

  it('the same helper printing only its own message: the autofix to rtm.connect', async () => {
    const helper = "const request = require('request');\nfunction slackApi(method, form, cb) {\n  request.post({ url: 'https://slack.com/api/' + method, form }, (err, res, body) => {\n    console.log('called ' + method);\n    if (cb) cb(err, JSON.parse(body));\n  });\n}\n";
    const { output } = await lint(helper + call);
    expect(output).toBe(helper + call.replace('rtm.start', 'rtm.connect'));
  });
});

describe("rtm.start's whole answer printed where the call is made", () => {
  const web = "const { WebClient } = require('@slack/web-api');\nconst web = new WebClient(process.env.T);\n";
  it.each([
    ['console.log in a .then', 'web.rtm.start().then((res) => console.log(res));\n'],
    ['JSON text after await', 'async function main() {\n  const res = await web.rtm.start();\n  console.log(JSON.stringify(res));\n}\n'],
    ['a logger, in a template', 'web.rtm.start().then((res) => logger.info(`start: ${res}`));\n'],
    ['util.inspect', "const util = require('util');\nweb.rtm.start().then((res) => console.log(util.inspect(res, { depth: 5 })));\n"],
    ['written to a file as JSON', "const fs = require('fs');\nweb.rtm.start().then((data) => fs.writeFileSync('team.json', JSON.stringify(data)));\n"],
  ])('%s: reported, no autofix', async (_name, code) => {
    const { messages, output } = await lint(web + code);
    expect(output).toBe(web + code);
    expect(ids(messages)).toEqual(['no-rtm-start:rtmStart']);
  });

  it('fields printed (alone, in a template, as JSON): the autofix to rtm.connect', async () => {
    const code = "web.rtm.start().then((res) => {\n  console.log(res.self.id);\n  logger.info(`url ${res.url}`);\n  console.log(JSON.stringify(res.team.id));\n});\n";
    const { output } = await lint(web + code);
    expect(output).toBe(web + code.replace('rtm.start', 'rtm.connect'));
  });
});

describe('a URL built on a base', () => {
  it.each([
    ['a template on a constant of another vendor', "const PULSE = 'https://api.pulsechat.example.io/v2';\nfetch(`${PULSE}/rtm.start`).then((r) => r.json()).then((d) => console.log(d.users));\n"],
    ['concatenation on a constant of another vendor', "const PULSE = 'https://api.pulsechat.example.io';\nfetch(PULSE + '/rtm.start?key=' + process.env.K);\n"],
    ['a constant made of constants, with a port', "const HOST = 'https://rt.acme.example:8443';\nconst ROOT = `${HOST}/v1`;\nfetch(ROOT + '/rtm.start');\n"],
    ['the bare method name after a constant of another vendor', "const PULSE = 'https://api.pulsechat.example.io/';\nfetch(PULSE + 'rtm.start');\n"],
    ['new URL on a constant of another vendor', "const PULSE = 'https://api.pulsechat.example.io/';\nfetch(new URL('rtm.start', PULSE));\n"],
  ])('%s: nothing reported', async (_name, code) => {
    const { messages } = await lint(code);
    expect(ids(messages)).toEqual([]);
  });

  it.each([
    ['a constant on slack.com', "const API = 'https://slack.com/api';\nfetch(`${API}/rtm.start`);\n"],
    ["a constant on a workspace's slack.com subdomain", "const API = 'https://acme.slack.com/api';\nfetch(API + '/rtm.start');\n"],
    ['a constant on loopback', "const API = 'http://127.0.0.1:3000/api';\nfetch(API + '/rtm.start');\n"],
    ['a constant on localhost', "const API = 'http://localhost:3000';\nfetch(`${API}/rtm.start`);\n"],
    ['a base from the environment', "const API = process.env.SLACK_API_URL;\nfetch(`${API}/rtm.start`);\n"],
    ['a base from the environment with another default', "const API = process.env.API_URL || 'https://api.pulsechat.example.io';\nfetch(API + '/rtm.start');\n"],
    ['a base given as a parameter', "function start(base) {\n  return fetch(base + '/rtm.start');\n}\nstart(process.env.X);\n"],
    ['a prefix that does not hold the whole host', "const TLD = process.env.TLD;\nfetch('https://slack.' + TLD + '/api' + '/rtm.start');\n"],
  ])('%s: still reported', async (_name, code) => {
    const { messages } = await lint(code);
    expect(ids(messages)).toEqual(['no-rtm-start:rtmStartUrl']);
  });
});

describe('recall of recommended on the app\'s own modules', () => {
  it('reports rtm.start on the rtm namespace of the app\'s API wrapper, loaded by a computed path', async () => {
    const code = "var slackAPI = require(__dirname + '/slack_web_api.js');\nslackAPI.rtm.start({ simple_latest: true }, function (err, data) { console.log(data.channels.length); });\n";
    const { messages } = await lint(code);
    expect(ids(messages)).toEqual(['no-rtm-start:rtmStart', 'no-unsupported-rtm-args:simple_latest', 'no-rtm-start-only-fields:channels']);
  });
});

describe('precision of recommended (no type information)', () => {
  it.each([
    ['a client exported by the app itself (by convention RTMClient)', "const { rtm } = require('./bot');\nrtm.start();\n"],
    ['the same, renamed', "const { rtm: client } = require('./slack/bot');\nclient.start().then((data) => console.log(data.self.id));\n"],
    ['another vendor (BearyChat)', "const bearychat = require('bearychat');\nbearychat.rtm.start({ token }).then((data) => data.user);\n"],
    ['code on rtm.connect', "const { WebClient } = require('@slack/web-api');\nnew WebClient(t).rtm.connect().then((res) => open(res.url));\n"],
    ['the current RTMClient', "const { RTMClient } = require('@slack/rtm-api');\nconst rtm = new RTMClient(t);\nrtm.start().then((data) => console.log(data.self.id));\n"],
  ])('%s: nothing reported', async (_what, code) => {
    const { messages } = await lint(code);
    expect(ids(messages)).toEqual([]);
  });
});

describe("the SDK's own data store", () => {
  const handler = 'var handleUserTyping = function (dataStore, message) {\n  var user = dataStore.getUserById(message.user);\n  return user && user.name;\n};\nmodule.exports = handleUserTyping;\n';

  it('a dataStore look-up in @slack/client 3 itself (its event handlers keep the store up to date): nothing reported', async () => {
    const { messages } = await lint(handler, 'real-world/@slack+client@3.16.0/package/lib/data-store/message-handlers/user.js');
    expect(ids(messages)).toEqual([]);
  });

  it('the same look-up in an app, on a store handed to it: reported as a read of rtm.start data', async () => {
    const { messages } = await lint(handler, 'bots/handler.js');
    expect(ids(messages)).toEqual(['no-rtm-start-only-fields:users']);
  });
});
