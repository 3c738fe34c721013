import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, scanOneSite } from './helpers.js';

/**
 * A raw HTTP request to `rtm.start` read for `rtm.connect`'s fields only becomes the same request to
 * `rtm.connect` (the pattern `raw-url-connect-only` shows the rewrite; behaviour.test.ts runs such a
 * bot). Here: the other forms of it, and the requests that look the same but whose answer goes where
 * the analysis cannot see what is read, which keep the decision they had (the generated helper
 * module, or a TODO). The real CLI on files on disk.
 */

const HEAD = "const axios = require('axios');\nconst got = require('got');\nconst request = require('request');\nconst https = require('https');\nconst rp = require('request-promise');\nconst API = 'https://slack.com/api/';\n";

const scanOne = (body: string): ReturnType<typeof scanOneSite> => scanOneSite('rtm-migrate-raw-connect-', `${HEAD}${body}\n`);

describe('a raw HTTP request read for rtm.connect fields only', () => {
  it.each([
    ['got, its JSON read for url', "got(API + 'rtm.start?token=' + process.env.T).json().then((d) => console.log(d.url));"],
    ['request with options { url, json }, body read for self.id', "request({ url: API + 'rtm.start?token=' + process.env.T, json: true }, (err, res, body) => { if (!err) console.log(body.self.id); });"],
    ['fetch, awaited, nothing but ok read', "async function up(t) { const res = await fetch(`${API}rtm.start?token=${t}`); const d = await res.json(); if (!d.ok) throw new Error(d.error); }\nup(process.env.T);"],
    ['request-promise, its body text parsed and read for url', "rp(API + 'rtm.start?token=' + process.env.T).then((body) => console.log(JSON.parse(body).url));"],
    ['request-promise with the whole response, its body read for self.id', "rp({ uri: API + 'rtm.start?token=' + process.env.T, resolveWithFullResponse: true }).then((res) => console.log(JSON.parse(res.body).self.id));"],
    ['request-promise, the answer kept in a cache object read back for team.id', "const seen = {};\nrp.get(API + 'rtm.start?token=' + process.env.T).then(JSON.parse).then((a) => { seen[process.env.T] = a; }).then(() => console.log(seen[process.env.T].team.id));"],
    ['request, its callback a function declared below, the error read by message', "request.post(API + 'rtm.start?token=' + process.env.T, onStart);\nfunction onStart(err, res, body) { if (err) return console.log(err.message); const d = JSON.parse(body); console.log(d.url, d.self.id); }"],
    ['request, its callback an arrow held in a constant', "const onStart = (err, res) => console.log(res.body.team.domain);\nrequest({ url: API + 'rtm.start?token=' + process.env.T, json: true }, onStart);"],
    ['request given the held URL as its options\' uri, the token in qs', "const u = 'https://slack.com/api/rtm.start';\nrequest({ uri: u, qs: { token: process.env.T }, json: true }, (err, res, body) => { if (!body.ok) console.log(body.error); else console.log(body.url); });"],
    ["an error text read for a message it does not have", "request.get(API + 'rtm.start?token=' + process.env.T, (err, res, body) => { const d = JSON.parse(body); if (!d.ok) throw new Error(d.error.message); console.log(d.url); });"],
    ["https.request given options held once, its text added up and parsed for url", "const options = { host: 'slack.com', path: '/api/rtm.start?token=' + process.env.T, method: 'GET' };\nhttps.request(options, (res) => { let body = ''; res.setEncoding('utf8'); res.on('data', (c) => (body += c)); res.on('end', () => { const data = JSON.parse(body); console.log(data.ok, data.url); }); }).end();"],
    ["https.request, the chunks kept in an array, joined by Buffer.concat and parsed for team.id", "const options = { host: 'slack.com', path: '/api/rtm.start?token=' + process.env.T };\nhttps.request(options, (res) => { const chunks = []; res.on('data', (c) => chunks.push(c)); res.on('end', () => console.log(JSON.parse(Buffer.concat(chunks).toString('utf8')).team.id)); }).end();"],
    ['request, its body read for url and self.id; an incoming message\'s text read and a reply serialized elsewhere', "const WebSocket = require('ws');\nrequest(API + 'rtm.start?token=' + process.env.T, (err, res, body) => { const d = JSON.parse(body); const ws = new WebSocket(d.url); ws.on('message', (data) => { const m = JSON.parse(data); if (m.text) ws.send(JSON.stringify({ type: 'message', channel: m.channel, text: `${d.self.id} heard ${m.text}` })); }); });"],
    ["the app's URL builder's URL given to request, its body read for url", "function api(m) { return API + m + '?token=' + process.env.T; }\nrequest.post(api('rtm.start'), {}, (err, res, body) => console.log(JSON.parse(body).url));"],
    ["node-fetch under a name of its own, given the app's arrow URL builder's URL, its JSON read for url and self.id (blind s120/10)", "const Fetch = require('node-fetch');\nconst slackUrl = (method, token) => `${API}${method}?token=${token}`;\nFetch(slackUrl('rtm.start', process.env.T)).then((res) => res.json()).then((d) => console.log(d.url, d.self.id));"],
    ["the app's function handing its parameters on to request, the body read for team.id", "function post(url, data, cb) { return request.post(url, data, cb); }\npost(API + 'rtm.start?token=' + process.env.T, {}, (err, res, body) => console.log(JSON.parse(body).team.id));"],
    ["https.get, its text parsed for self.name", "https.get(API + 'rtm.start?token=' + process.env.T, (res) => { let raw = ''; res.on('data', (c) => { raw += c; }); res.on('end', () => console.log(JSON.parse(raw).self.name)); });"],
  ])('%s: the URL names rtm.connect, nothing else changes', async (_name, body) => {
    const { dir, site } = await scanOne(body);
    expect(site?.rewrite).toBe('connect-only');
    const applied = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('TODOs left: 0');
    const out = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(out).toBe(`${HEAD}${body.replace('rtm.start', 'rtm.connect')}\n`);
    expect((await cli(['apply', '.', '--allow-dirty'], dir)).stdout).toContain('changed: 0');
  });

  // Blind s107/05 (botanalytics 2.3.1): the whole answer went on to an analytics service, 11 top-level keys short, with no warning.
  it('names the request the whole answer is sent out in, and what it would be sent without', async () => {
    const { site } = await scanOne("request.post({ url: API + 'rtm.start', form: { token: process.env.T } }, (err, res, body) => {\n  request({ url: 'https://stats.example/init', method: 'POST', json: true, body: JSON.parse(body) }, () => {});\n});");
    expect(site?.rewrite).toBe('todo');
    expect(site?.message).toMatch(/^TODO\(rtm-migrate\): the whole answer is sent out of the program in the request of `request` \(bot\.js:8\): .* without \d+ of them \(`self\.prefs`, `self\.created`/);
  });

  it('names the start-only arguments its query keeps', async () => {
    const { site } = await scanOne("axios.post('https://slack.com/api/rtm.start?token=' + process.env.T + '&simple_latest=1&mpim_aware=1').then((r) => console.log(r.data.url));");
    expect(site?.message).toContain('Its query keeps `simple_latest`, `mpim_aware`, which only `rtm.start` knew: Slack ignores them on `rtm.connect`.');
  });
});

describe('the same requests whose answer the analysis cannot see all of: the decision they had', () => {
  it.each([
    ['the answer is returned to callers', "module.exports = (t) => axios.get(API + 'rtm.start?token=' + t).then((r) => r.data);", 'helper-module'],
    ['the answer is stored', "const cache = {};\naxios.get(API + 'rtm.start?token=' + process.env.T).then((r) => { cache.start = r.data; });\nmodule.exports = cache;", 'helper-module'],
    ['the answer is passed on', "const keep = require('./keep');\naxios.get(API + 'rtm.start?token=' + process.env.T).then((r) => keep(r.data));", 'helper-module'],
    ['start-only fields are read', "axios.get(API + 'rtm.start?token=' + process.env.T).then((r) => console.log(r.data.url, r.data.users.length));", 'helper-module'],
    ['a field rtm.connect lacks is read off self', "axios.get(API + 'rtm.start?token=' + process.env.T).then((r) => console.log(r.data.self.prefs));", 'todo'],
    ['the held URL is given its query where it is used', "const START = API + 'rtm.start';\nrequest.get(START + '?token=' + process.env.T, (err, res, body) => console.log(JSON.parse(body).users));", 'helper-module'],
    ['the held URL goes to two requests', "const url = API + 'rtm.start?token=' + process.env.T;\nrequest(url, (err, res, body) => console.log(JSON.parse(body).url));\nrequest(url, (err, res, body) => console.log(JSON.parse(body).users));", 'todo'],
    ["the app's URL builder's URL given to request, its body read for users", "function api(m) { return API + m + '?token=' + process.env.T; }\nrequest.post(api('rtm.start'), {}, (err, res, body) => console.log(JSON.parse(body).users));", 'todo'],
    ["the app's function changes what it hands on", "function post(url, cb) { return request.post(url, {}, (e, r, b) => cb(e, JSON.parse(b))); }\npost(API + 'rtm.start?token=' + process.env.T, (err, data) => console.log(data.url));", 'todo'],
    ["the app's function hands its parameters on in another order", "function post(cb, url) { return request.post(url, cb); }\npost((err, res, body) => console.log(JSON.parse(body).url), API + 'rtm.start?token=' + process.env.T);", 'todo'],
    ['the whole answer posted on to another service in the body of a request', "request.post({ url: API + 'rtm.start', form: { token: process.env.T } }, (err, res, body) => { const data = JSON.parse(body); request({ url: 'https://stats.example/init', method: 'POST', json: true, body: data }, () => {}); });", 'todo'],
    ["the whole answer posted on through the app's request.defaults() instance, as its options' body", "function Fetcher() {\n  this._request = request.defaults({ baseUrl: 'https://stats.example/' });\n  this.init = function (data) { this._request({ url: '/init', method: 'POST', json: true, body: data }, () => {}); };\n  const self = this;\n  request.post({ url: API + 'rtm.start', form: { token: process.env.T } }, (err, res, body) => self.init(JSON.parse(body)));\n}\nmodule.exports = Fetcher;", 'todo'],
    ["the answer's self sent with axios.post", "axios.get(API + 'rtm.start?token=' + process.env.T).then((r) => axios.post('https://stats.example/me', { me: r.data.self }));", 'todo'],
    ['the users list sent as a fetch body, serialised', "axios.get(API + 'rtm.start?token=' + process.env.T).then((r) => fetch('https://stats.example/users', { method: 'POST', body: JSON.stringify({ users: r.data.users }) }));", 'helper-module'],
    ['the callback is passed by reference', "function done(err, res, body) { console.log(JSON.parse(body).users); }\nrequest(API + 'rtm.start?token=' + process.env.T, done);", 'todo'],
    ['the stream is read besides being logged', "https.get(API + 'rtm.start?token=' + process.env.T, (res) => { console.log(res); res.pipe(process.stdout); });", 'todo'],
    ['fetch, the body read with text()', "fetch(API + 'rtm.start?token=' + process.env.T).then((r) => r.text()).then((t) => console.log(JSON.parse(t).users));", 'todo'],
    ["request's response read with toJSON()", "request(API + 'rtm.start?token=' + process.env.T, (err, res) => console.log(res.toJSON().body));", 'todo'],
    ['the answer serialized (it may be stored and read elsewhere)', "axios.get(API + 'rtm.start?token=' + process.env.T).then((r) => console.log(r.data.url, JSON.stringify(r.data)));", 'helper-module'],
    ["the stream's text handed on besides being parsed for url", "https.get(API + 'rtm.start?token=' + process.env.T, (res) => { let raw = ''; res.on('data', (c) => (raw += c)); res.on('end', () => { console.log(JSON.parse(raw).url); module.exports.raw = raw; }); });", 'helper-module'],
    ['request, its parsed body serialized whole beside the message text', "const store = require('./store');\nrequest(API + 'rtm.start?token=' + process.env.T, (err, res, body) => { const d = JSON.parse(body); store.put(JSON.stringify(d)); console.log(d.url, JSON.parse('{}').text); });", 'helper-module'],
    ["request's response read with toJSON() beside its body", "request(API + 'rtm.start?token=' + process.env.T, (err, res, body) => console.log(JSON.parse(body).url, res.toJSON().body));", 'todo'],
    ["request's response body read with text beside its parsed url", "request(API + 'rtm.start?token=' + process.env.T, (err, res, body) => console.log(JSON.parse(body).url, res.body.text));", 'helper-module'],
    ['the stream read through arguments', "https.get(API + 'rtm.start?token=' + process.env.T, function (res) { console.log(res); arguments[0].on('data', (c) => console.log(c)); });", 'todo'],
    ['request-promise, start-only fields read off the body text', "rp(API + 'rtm.start?token=' + process.env.T).then((body) => console.log(JSON.parse(body).users));", 'helper-module'],
    ['request-promise with json: start-only fields read off the data', "rp({ uri: API + 'rtm.start?token=' + process.env.T, json: true }).then((body) => console.log(body.users));", 'helper-module'],
    ['request-promise given options not written out', "const extra = require('./extra');\nrp(API + 'rtm.start?token=' + process.env.T, extra).then((body) => console.log(JSON.parse(body).url));", 'todo'],
    ['request-promise with a transform of its own', "rp({ uri: API + 'rtm.start?token=' + process.env.T, transform: (b) => b }).then((body) => console.log(JSON.parse(body).url));", 'todo'],
    ['request-promise, the promise put in an array', "const all = [rp(API + 'rtm.start?token=' + process.env.T)];\nall[0].then((body) => console.log(JSON.parse(body).url));", 'todo'],
    ['a static method given another function', "class Ids { static of(a) { return a.self.id; } }\nIds.of = (a) => a.users;\nrp(API + 'rtm.start?token=' + process.env.T).then(JSON.parse).then((a) => console.log(Ids.of(a)));", 'helper-module'],
    ['a cache object also read whole', "const seen = {};\nrp(API + 'rtm.start?token=' + process.env.T).then(JSON.parse).then((a) => { seen.x = a; console.log(Object.keys(seen)); });", 'helper-module'],
    ['request-promise with json, a field rtm.connect lacks read off self', "rp({ uri: API + 'rtm.start?token=' + process.env.T, json: true }).then((body) => console.log(body.self.prefs));", 'todo'],
    ['the declared callback is given another function later', "function done(err, res, body) { console.log(JSON.parse(body).url); }\nrequest(API + 'rtm.start?token=' + process.env.T, done);\ndone = (err, res, body) => console.log(JSON.parse(body).users);", 'todo'],
    ['the declared callback reads its arguments', "function done(err, res) { console.log(JSON.parse(arguments[2]).url); }\nrequest(API + 'rtm.start?token=' + process.env.T, done);", 'todo'],
    ["the held URL given as two requests' uri", "const u = API + 'rtm.start';\nrequest({ uri: u, qs: { token: process.env.T } }, (err, res, body) => console.log(JSON.parse(body).url));\nrequest({ uri: u, qs: { token: process.env.T } }, (err, res, body) => console.log(JSON.parse(body).users));", 'todo'],
    ["the held URL given as uri, start-only fields read", "const u = API + 'rtm.start';\nrequest({ uri: u, qs: { token: process.env.T }, json: true }, (err, res, body) => console.log(body.users));", 'helper-module'],
    ['https.request, the held options also changed', "const options = { host: 'slack.com', path: '/api/rtm.start?token=' + process.env.T };\noptions.path += '&x=1';\nhttps.request(options, (res) => { let body = ''; res.on('data', (c) => (body += c)); res.on('end', () => console.log(JSON.parse(body).url)); }).end();", 'todo'],
    ["https.request, the stream's text kept besides being parsed", "const kept = [];\nconst options = { host: 'slack.com', path: '/api/rtm.start?token=' + process.env.T };\nhttps.request(options, (res) => { let body = ''; res.on('data', (c) => (body += c)); res.on('end', () => { kept.push(body); console.log(JSON.parse(body).url); }); }).end();", 'todo'],
    ['https.request, the chunks also counted', "const options = { host: 'slack.com', path: '/api/rtm.start?token=' + process.env.T };\nhttps.request(options, (res) => { const chunks = []; res.on('data', (c) => chunks.push(c)); res.on('end', () => console.log(chunks.length, JSON.parse(Buffer.concat(chunks)).url)); }).end();", 'todo'],
    ['https.request, the chunks joined by a Buffer of its own', "const Buffer = { concat: (a) => a.join('') };\nconst options = { host: 'slack.com', path: '/api/rtm.start?token=' + process.env.T };\nhttps.request(options, (res) => { const chunks = []; res.on('data', (c) => chunks.push(c)); res.on('end', () => console.log(JSON.parse(Buffer.concat(chunks)).url)); }).end();", 'todo'],
    ['https.request, the chunks parsed for start-only fields', "const options = { host: 'slack.com', path: '/api/rtm.start?token=' + process.env.T };\nhttps.request(options, (res) => { const chunks = []; res.on('data', (c) => chunks.push(c)); res.on('end', () => console.log(JSON.parse(Buffer.concat(chunks)).users)); }).end();", 'todo'],
    ['https.request, its text parsed with a reviver', "const options = { host: 'slack.com', path: '/api/rtm.start?token=' + process.env.T };\nhttps.request(options, (res) => { let body = ''; res.on('data', (c) => (body += c)); res.on('end', () => console.log(JSON.parse(body, (k, v) => v).url)); }).end();", 'todo'],
    ["request given the URL as a path it does not know", "request({ path: '/api/rtm.start?token=' + process.env.T }, (err, res, body) => console.log(JSON.parse(body).url));", 'todo'],
    ['request-promise, its text parsed right after, a field rtm.connect lacks read off self', "rp(API + 'rtm.start?token=' + process.env.T).then(JSON.parse).then((d) => console.log(d.self.prefs, d.users));", 'todo'],
  ])('%s', async (_name, body, rewrite) => {
    const { site } = await scanOne(body);
    expect(site?.rewrite).toBe(rewrite);
  });
});
