import { copyFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../test/support/run.js';
import { scan } from '../src/scan/index.js';
import { transformSource } from '../src/transforms/index.js';
import { PATTERNS, ROOT, tempDir } from './helpers.js';

/** Scans one file and runs the transforms on it; then once more on the output (idempotence). */
async function migrate(name: string, source: string) {
  const dir = await tempDir('rtm-migrate-raw-');
  const file = join(dir, name);
  await writeFile(file, source);
  const plan = scan({ root: dir, files: [file] });
  const helperModule = name.endsWith('.ts') ? './rtm-start-data.js' : './rtm-start-data';
  const first = transformSource(source, file, plan.sites, { helperModule });
  await writeFile(file, first.output);
  const again = scan({ root: dir, files: [file] });
  const second = transformSource(first.output, file, again.sites, { helperModule });
  expect(second.output, 'a second run changes nothing').toBe(first.output);
  return { plan, output: first.output, outcomes: first.outcomes };
}

const todos = (text: string): number => text.match(/TODO\(rtm-migrate\)/g)?.length ?? 0;
/** The source without comment lines: what a TODO-only outcome leaves of it. */
const code = (text: string): string => text.replace(/^ *\/\/.*\r?\n/gm, '');

describe('raw HTTP: fetch, axios (and its instances), got, request, superagent, needle, https.get and https.request go through the same library, URL base and headers; anything else stays unchanged, loudly', () => {
  it('rebuilds the data with fetch to the same base, headers and form body', async () => {
    const { plan, output } = await migrate(
      'a.js',
      "const base = process.env.SLACK_API_URL || 'https://slack.com/api/';\n" +
        "fetch(base + 'rtm.start', { method: 'POST', headers: { Authorization: 'Bearer ' + token }, body: new URLSearchParams({ mpim_aware: 'true' }) })\n" +
        '  .then((r) => r.json())\n' +
        '  .then((data) => console.log(data.users.length));\n',
    );
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(output).toContain(
      '// Calls one Slack Web API method as this code did (rtmStartData calls it for each method it needs).\n' +
        "const callSlack = (apiMethod, apiArgs) => fetch(base + apiMethod, { method: 'POST', headers: { Authorization: 'Bearer ' + token }, body: new URLSearchParams(apiArgs) }).then((r) => r.json());\n" +
        "rtmStartData(callSlack, { mpim_aware: 'true' }, { fields: ['users'] }).catch((err) => (err.data !== undefined && err.data !== null ? err.data : Promise.reject(err)))\n" +
        '  .then((data) => console.log(data.users.length));',
    );
    // A script with neither `import` nor `require`, in no `"type": "module"` package: Node runs it as CommonJS.
    expect(output).toContain("const { rtmStartData } = require('./rtm-start-data');");
    expect(output).not.toContain('rtm.start');
    expect(output).not.toContain('rtm.connect');
    expect(todos(output)).toBe(0);
  });

  it('puts the arguments in the query when the request sent none, and types the caller in TypeScript', async () => {
    const { output } = await migrate(
      'b.ts',
      'export function start(api: string, token: string) {\n' +
        '  return fetch(`${api}/rtm.start`, { headers: { Authorization: `Bearer ${token}` } }).then(function (res) { return res.json(); });\n' +
        '}\n',
    );
    expect(output).toContain(
      "  const callSlack = (apiMethod: string, apiArgs: Record<string, unknown>) => fetch(`${api}/` + apiMethod + '?' + new URLSearchParams(apiArgs as Record<string, string>), { headers: { Authorization: `Bearer ${token}` } }).then(function (res) { return res.json(); });\n" +
        '  return rtmStartData(callSlack, {}, { optional: [\'dnd\', \'subteams\', \'team.prefs\'] }).catch((err) => (err.data !== undefined && err.data !== null ? err.data : Promise.reject(err)));',
    );
    expect(output).toContain("import { rtmStartData } from './rtm-start-data.js';");
  });

  it.each([
    [
      'axios.get with params, typed and destructured: the same get, its params swapped, only the lists its data is read for',
      'k.ts',
      "import axios from 'axios';\nexport async function f(token: string) {\n  const { data } = await axios.get<{ users: { id: string }[] }>('https://slack.com/api/rtm.start', { params: { token }, timeout: 5000 });\n  return data.users.length;\n}\n",
      "  const callSlack = (apiMethod: string, apiArgs: Record<string, unknown>) => axios.get('https://slack.com/api/' + apiMethod, { timeout: 5000, params: apiArgs as Record<string, string> }).then((res) => res.data);\n" +
        "  const { data } = await rtmStartData(callSlack, { token }, { fields: ['users'] }).catch((err) => (err.data !== undefined && err.data !== null ? err.data : Promise.reject(err))).then((data) => ({ data: data as { users: { id: string }[] } }));",
    ],
    [
      "got with responseType: 'json', read as res.body",
      'l.js',
      "const got = require('got');\ngot(base + 'rtm.start', { searchParams: { token }, responseType: 'json' }).then((res) => console.log(res.body.users.length));\n",
      "const callSlack = (apiMethod, apiArgs) => got(base + apiMethod, { responseType: 'json', searchParams: apiArgs }).then((res) => res.body);\n" +
        'rtmStartData(callSlack, { token }, { fields: [\'users\'] }).catch((err) => (err.data !== undefined && err.data !== null ? err.data : Promise.reject(err))).then((body) => ({ body })).then((res) => console.log(res.body.users.length));',
    ],
    [
      'request with json: true and the arguments in qs: the body handed on parsed, as before',
      'm.js',
      "var request = require('request');\nrequest({ url: base + 'rtm.start', qs: { token: t }, json: true }, function (err, res, body) {\n  console.log(body.users.length);\n});\n",
      "const callSlack = (apiMethod, apiArgs) => new Promise((resolve, reject) => request({ url: base + apiMethod, qs: apiArgs, json: true }, (err, res, body) => (err ? reject(err) : resolve(body))));\n" +
        'callbackify(() => rtmStartData(callSlack, { token: t }, { fields: [\'users\'] }).catch((err) => (err.data !== undefined && err.data !== null ? err.data : Promise.reject(err))))((err, data) => (function (err, res, body) {\n  console.log(body.users.length);\n})(err, data && { statusCode: 200, body: data }, data));',
    ],
    [
      'fetch with the token in a template query and the response awaited',
      'n.js',
      'async function f() {\n  const res = await fetch(`${api}/rtm.start?token=${token}&mpim_aware=1`);\n  return (await res.json()).users.length;\n}\nmodule.exports = f;\n',
      "  const callSlack = (apiMethod, apiArgs) => fetch(api + '/' + apiMethod + '?' + new URLSearchParams(apiArgs)).then((res) => res.json());\n" +
        "  const res = await rtmStartData(callSlack, { token: token, mpim_aware: '1' }, { fields: ['users'] }).catch((err) => (err.data !== undefined && err.data !== null ? err.data : Promise.reject(err))).then((data) => ({ json: async () => data }));",
    ],
    [
      'https.get with a base URL object: the callback reads a stream of the rebuilt data, the error handler its error',
      'o.js',
      "const https = require('https');\nconst url = new URL('rtm.start', base);\nurl.searchParams.set('token', token);\nhttps.get(url, (res) => {\n  let raw = '';\n  res.on('data', (c) => (raw += c));\n  res.on('end', () => console.log(JSON.parse(raw).users.length));\n}).on('error', onError);\n",
      "const { Readable } = require('stream');\nconst { rtmStartData } = require('./rtm-start-data');\n" +
        '// Calls one Slack Web API method as this code did (rtmStartData calls it for each method it needs).\n' +
        "const callSlack = (apiMethod, apiArgs) => new Promise((resolve, reject) => https.get(new URL(apiMethod, base).href + '?' + new URLSearchParams(apiArgs), (res) => { let body = ''; res.setEncoding('utf8'); res.on('data', (chunk) => (body += chunk)); res.on('end', () => resolve(body)); }).on('error', reject)).then((body) => JSON.parse(body));\n" +
        "rtmStartData(callSlack, { token: token }, { fields: ['users'] }).catch((err) => (err.data !== undefined && err.data !== null ? err.data : Promise.reject(err))).then((data) => ((res) => {\n  let raw = '';\n  res.on('data', (c) => (raw += c));\n  res.on('end', () => console.log(JSON.parse(raw).users.length));\n})(Readable.from([Buffer.from(JSON.stringify(data))])), onError);",
    ],
    [
      'https.request given options with a path, its form held in a name its Content-Length reads: the same request, the name bound again for each method',
      'p.js',
      "const https = require('https');\nconst qs = require('querystring');\nconst form = qs.stringify({ token: t });\nconst req = https.request({ hostname: 'slack.com', path: '/api/rtm.start', method: 'POST', headers: { 'Content-Length': Buffer.byteLength(form) } }, (res) => {\n  let raw = '';\n  res.on('data', (c) => (raw += c));\n  res.on('end', () => console.log(JSON.parse(raw).users.length));\n});\nreq.on('error', onError);\nreq.write(form);\nreq.end();\n",
      "const callSlack = (apiMethod, apiArgs) => { const form = qs.stringify(apiArgs); return new Promise((resolve, reject) => https.request({ hostname: 'slack.com', path: '/api/' + apiMethod, method: 'POST', headers: { 'Content-Length': Buffer.byteLength(form) } }, (res) => { let body = ''; res.setEncoding('utf8'); res.on('data', (chunk) => (body += chunk)); res.on('end', () => resolve(body)); }).on('error', reject).end(form)).then((body) => JSON.parse(body)); };\n" +
        "rtmStartData(callSlack, { token: t }, { fields: ['users'] }).catch((err) => (err.data !== undefined && err.data !== null ? err.data : Promise.reject(err))).then((data) => ((res) => {\n  let raw = '';\n  res.on('data', (c) => (raw += c));\n  res.on('end', () => console.log(JSON.parse(raw).users.length));\n})(Readable.from([Buffer.from(JSON.stringify(data))])), onError);\n",
    ],
    [
      'http.request chained, no body: the arguments in the query, as a get would send them',
      'q.js',
      "const http = require('http');\nhttp.request(base + 'rtm.start?token=' + t, (res) => res.on('data', (c) => console.log(JSON.parse(c).users))).end();\n",
      "const callSlack = (apiMethod, apiArgs) => new Promise((resolve, reject) => http.request(base + apiMethod + '?' + new URLSearchParams(apiArgs), (res) => { let body = ''; res.setEncoding('utf8'); res.on('data', (chunk) => (body += chunk)); res.on('end', () => resolve(body)); }).on('error', reject).end()).then((body) => JSON.parse(body));\n" +
        "rtmStartData(callSlack, { token: t }, { optional: ['dnd', 'subteams', 'team.prefs'] }).catch((err) => (err.data !== undefined && err.data !== null ? err.data : Promise.reject(err))).then((data) => ((res) => res.on('data', (c) => console.log(JSON.parse(c).users)))(Readable.from([Buffer.from(JSON.stringify(data))])));",
    ],
    [
      'https.get in TypeScript: the callback, called with a Readable, types its parameter from it',
      'r.ts',
      "import https from 'node:https';\nhttps.get('https://slack.com/api/rtm.start?token=' + t, (res) => { let raw = ''; res.on('data', (c) => (raw += c)); res.on('end', () => console.log(JSON.parse(raw).users)); });\n",
      "const callSlack = (apiMethod: string, apiArgs: Record<string, unknown>) => new Promise<string>((resolve, reject) => https.get('https://slack.com/api/' + apiMethod + '?' + new URLSearchParams(apiArgs as Record<string, string>), (res) => { let body = ''; res.setEncoding('utf8'); res.on('data', (chunk) => (body += chunk)); res.on('end', () => resolve(body)); }).on('error', reject)).then((body) => JSON.parse(body));\n" +
        "rtmStartData(callSlack, { token: t }, { fields: ['users'] }).catch((err) => (err.data !== undefined && err.data !== null ? err.data : Promise.reject(err))).then((data) => ((res) => { let raw = ''; res.on('data', (c) => (raw += c)); res.on('end', () => console.log(JSON.parse(raw).users)); })(Readable.from([Buffer.from(JSON.stringify(data))])));",
    ],
    [
      'request in TypeScript: the callback keeps the parameter types request gives it (RequestCallback)',
      's.ts',
      "import request from 'request';\nrequest.post({ url: 'https://slack.com/api/rtm.start', form: { token: t }, json: true }, (err, res, body) => console.log(res.statusCode, body.users));\n",
      "const callSlack = (apiMethod: string, apiArgs: Record<string, unknown>) => new Promise<Record<string, unknown>>((resolve, reject) => request.post({ url: 'https://slack.com/api/' + apiMethod, form: apiArgs, json: true }, (err, res, body) => (err ? reject(err) : resolve(body))));\n" +
        "callbackify(() => rtmStartData(callSlack, { token: t }, { fields: ['users'] }).catch((err) => (err.data !== undefined && err.data !== null ? err.data : Promise.reject(err))))((err, data?) => (((err, res, body) => console.log(res.statusCode, body.users)) as import('request').RequestCallback)(err, (data && { statusCode: 200, body: data }) as import('request').Response, data));",
    ],
    [
      "superagent's promise read as res.body: the same chain, ended through .end for every version",
      't.js',
      "const superagent = require('superagent');\nsuperagent.get(base + 'rtm.start').set('Authorization', 'Bearer ' + t).then((res) => console.log(res.body.users));\n",
      "const callSlack = (apiMethod, apiArgs) => new Promise((resolve, reject) => superagent.get(base + apiMethod).set('Authorization', 'Bearer ' + t).query(apiArgs).end((err, res) => (err ? reject(err) : resolve(res.body))));\n" +
        "rtmStartData(callSlack, {}, { fields: ['users'] }).catch((err) => (err.data !== undefined && err.data !== null ? err.data : Promise.reject(err))).then((body) => ({ body })).then((res) => console.log(res.body.users));",
    ],
    [
      "needle.get with options: the arguments in the query, the callback given the parsed body",
      'u.js',
      "const needle = require('needle');\nneedle.get(base + 'rtm.start?token=' + t, { open_timeout: 5000 }, function (err, resp, body) {\n  console.log(body.users);\n});\n",
      "const callSlack = (apiMethod, apiArgs) => new Promise((resolve, reject) => needle.get(base + apiMethod + '?' + new URLSearchParams(apiArgs), { open_timeout: 5000 }, (err, resp, body) => (err ? reject(err) : resolve(body))));\n" +
        'callbackify(() => rtmStartData(callSlack, { token: t }, { fields: [\'users\'] }).catch((err) => (err.data !== undefined && err.data !== null ? err.data : Promise.reject(err))))((err, data) => (function (err, resp, body) {\n  console.log(body.users);\n})(err, data && { statusCode: 200, body: data }, data));',
    ],
    [
      "an axios instance's get, typed: the same instance by each method's name, the body typed as the code typed it",
      'v.ts',
      "import axios from 'axios';\nconst api = axios.create({ baseURL: process.env.SLACK_API_URL });\nexport async function f() {\n  const res = await api.get<{ users: string[] }>('rtm.start', { params: { token: 'x' } });\n  return res.data.users;\n}\n",
      "  const callSlack = (apiMethod: string, apiArgs: Record<string, unknown>) => api.get(apiMethod, { params: apiArgs as Record<string, string> }).then((res) => res.data);\n" +
        "  const res = await rtmStartData(callSlack, { token: 'x' }, { optional: ['dnd', 'subteams', 'team.prefs'] }).then((data) => ({ data: data as { users: string[] } }));",
    ],
  ])('%s', async (_name, file, source, expected) => {
    const { plan, output } = await migrate(file, source);
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(output).toContain(expected);
    expect(output).not.toContain('rtm.start');
    expect(todos(output)).toBe(0);
  });

  it.each([
    ['axios read for more than its data', "const axios = require('axios');\naxios.post('https://slack.com/api/rtm.start', { token }).then((res) => console.log(res.status, res.data.users));\n", 'read for more than its `data`'],
    ['request options not written out', "fetch('https://slack.com/api/rtm.start', init).then((r) => r.json()).then((d) => console.log(d.users));\n", 'options are not written out'],
    ['a query value spliced into text', "fetch('https://slack.com/api/rtm.start?token=x' + token + 'y').then((r) => r.json()).then((d) => console.log(d.users));\n", 'the URL is not a base followed by'],
    ['an awaited response read for more than json()', "async function f() {\n  const res = await fetch('https://slack.com/api/rtm.start', { method: 'POST' });\n  if (!res.ok) throw new Error('HTTP');\n  return (await res.json()).users.length;\n}\n", 'nor only with `res.json()`'],
    ['a body built elsewhere', "const body = 'token=' + token;\nfetch('https://slack.com/api/rtm.start', { method: 'POST', body }).then((r) => r.json()).then((d) => d.users);\n", 'the body is not'],
    ['request whose callback reads the headers', "const request = require('request');\nrequest.post({ url: 'https://slack.com/api/rtm.start', form: { token } }, (err, res, body) => console.log(res.headers, JSON.parse(body).users));\n", 'for more than `statusCode` and `body`'],
    ['https.request with a Content-Length written as a number', "const https = require('https');\nconst req = https.request({ hostname: 'slack.com', path: '/api/rtm.start', method: 'POST', headers: { 'Content-Length': 12 } }, (res) => { let raw = ''; res.on('data', (c) => (raw += c)); res.on('end', () => console.log(JSON.parse(raw).users)); });\nreq.end('token=xoxb-1');\n", 'a `Content-Length` that is not computed from the body'],
    ['https.request whose object is handed on', "const https = require('https');\nconst req = https.request('https://slack.com/api/rtm.start', (res) => res.on('data', (c) => console.log(JSON.parse(c).users)));\nkeep(req);\nreq.end();\n", 'the request object is used for more than'],
    ['https.request given a timeout besides its body', "const https = require('https');\nconst req = https.request('https://slack.com/api/rtm.start', (res) => res.on('data', (c) => console.log(JSON.parse(c).users)));\nreq.setTimeout(5000);\nreq.end('token=a');\n", 'the request object is used for more than'],
    ['https.request sending its body in two pieces', "const https = require('https');\nconst req = https.request('https://slack.com/api/rtm.start', (res) => res.on('data', (c) => console.log(JSON.parse(c).users)));\nreq.write('token=a');\nreq.end('&no_unreads=1');\n", 'more than one piece'],
    ['the path of options given to another library', "const request = require('request');\nrequest({ host: 'slack.com', path: '/api/rtm.start' }, (err, res, body) => console.log(JSON.parse(body).users));\n", "the `path` of options not given to Node's"],
    ['a URL kept in a table of endpoints', "const superagent = require('superagent');\nconst endpoints = { start: '/api/rtm.start' };\nfunction start(cb) {\n  superagent.get(host + endpoints.start).end((err, res) => cb(err, res.body.users));\n}\n", 'the `start` entry of a table of endpoints'],
    ['superagent ended with a callback reading the headers', "const superagent = require('superagent');\nsuperagent.post('https://slack.com/api/rtm.start').type('form').send({ token }).end((err, res) => console.log(res.headers, res.body.users));\n", 'for more than `body`, `ok` and `status`'],
    ['superagent with a link not known to be the same for every method', "const superagent = require('superagent');\nsuperagent.post('https://slack.com/api/rtm.start').field('token', t).end((err, res) => console.log(res.body.users));\n", 'not ended with `.end(callback)`'],
    ['superagent sending arguments twice', "const superagent = require('superagent');\nsuperagent.post('https://slack.com/api/rtm.start').query({ a: 1 }).send({ token }).end((err, res) => console.log(res.body.users));\n", 'not one object written out'],
    ['needle told not to parse the body', "const needle = require('needle');\nneedle.post('https://slack.com/api/rtm.start', { token }, { parse: false }, (err, resp, body) => console.log(JSON.parse(body).users));\n", 'change how the body is parsed'],
    ['needle read for more than its body', "const needle = require('needle');\nneedle('post', 'https://slack.com/api/rtm.start', { token }).then((resp) => console.log(resp.headers, resp.body.users));\n", 'not read only as `resp.body`'],
    ['a streamed body read for a field no method gives back', "const https = require('https');\nhttps.get('https://slack.com/api/rtm.start?token=' + t, (res) => { let raw = ''; res.on('data', (c) => (raw += c)); res.on('end', () => console.log(JSON.parse(raw).cache_ts, JSON.parse(raw).users)); });\n", 'cache_ts: no replacement'],
  ])('%s: the call stays as it was, a TODO says why (never rtm.connect on a guess)', async (_name, source, why) => {
    const { plan, output } = await migrate('c.js', source);
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(code(output)).toBe(source);
    expect(output).not.toContain('rtm.connect\'');
    expect(todos(output)).toBe(1);
    expect(output.replace(/\n\s*\/\/\s*/g, ' ')).toContain(why);
    expect(output).toContain('users.list');
  });

  it("an axios instance whose baseURL is not seen: a TODO naming axios's response, never rtm.connect in place (the data is inside that response)", async () => {
    const source = "const axios = require('axios');\nconst api = axios.create(config);\napi.post('rtm.start', { token }).then((res) => console.log(res.data.users));\n";
    const { plan, output } = await migrate('w.js', source);
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(code(output)).toBe(source);
    const message = output.replace(/\n\s*\/\/\s*/g, ' ');
    expect(message).toContain("the call answers `axios`'s own response, the data inside it");
    expect(message).toContain('the axios instance is not made with a `baseURL` written out');
  });

  it('the TypeScript outputs of the raw-HTTP patterns compile strict against the real libraries\' types', { timeout: 120_000 }, async () => {
    const dir = await tempDir('rtm-migrate-raw-tsc-');
    const outputs = ['axios', 'axios-instance', 'got', 'fetch-post', 'http-request', 'new-url', 'url-from-pieces', 'query-string', 'request-callback', 'url-given-to-function'];
    for (const name of outputs) await copyFile(join(PATTERNS, `${name}.output.ts`), join(dir, `${name}.ts`));
    await copyFile(join(PATTERNS, 'rtm-start-data.output.ts'), join(dir, 'rtm-start-data.ts'));
    // axios, got, @types/request and @types/node as the behaviour bots install them.
    await symlink(join(ROOT, 'fixtures', 'bots', 'node_modules'), join(dir, 'node_modules'), 'dir');
    const compilerOptions = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] };
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.ts'] }));
    const compiled = await run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir]);
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);
  });

  it('keeps CRLF line endings in the TODO it adds', async () => {
    const { output } = await migrate('f.js', "var https = require('https');\r\nhttps.get('https://slack.com/api/rtm.start?no_unreads=1', function () {});\r\n");
    expect(output).toContain("https.get('https://slack.com/api/rtm.start?no_unreads=1', function () {});\r\n");
    expect(output.match(/\r\n/g)?.length).toBe(output.match(/\n/g)?.length);
  });
});

describe("the app's own helpers: the replacement calls go through the same helper", () => {
  it('a Node-style callback: called once, (err, data), through a caller on the same helper', async () => {
    const { plan, output } = await migrate(
      'g.js',
      "var api = require('./api');\n" +
        'api.post(`rtm.start`, { mpim_aware: 1 }, function (err, data) {\n' +
        '  console.log(data.channels.length);\n' +
        '});\n' +
        "api.call('rtm.start', { no_unreads: true }).then(function (data) { return data.url; });\n",
    );
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['helper-module', 'connect-only']);
    expect(output).toContain(
      'const callSlack = (apiMethod, apiArgs) => new Promise((resolve, reject) => api.post(apiMethod, apiArgs, (err, data) => (err ? reject(err) : resolve(data))));\n' +
        'callbackify(rtmStartData)(callSlack, { mpim_aware: 1 }, { fields: [\'channels\'] }, function (err, data) {',
    );
    expect(output).toContain("const { callbackify } = require('util');");
    // Only `url` read: rtm.connect in place, no helper needed.
    expect(output).toContain("api.call('rtm.connect').then(");
    expect(todos(output)).toBe(0);
  });

  it('a promise only chained with then / catch: rtmStartData(caller, args) in its place', async () => {
    const { output } = await migrate(
      'h.js',
      'class Bot {\n' +
        '  login() {\n' +
        "    this._api('rtm.start', { mpim_aware: 1 }).then((data) => { this.userCount = data.users.length; }).catch((e) => this.emit('error', e));\n" +
        '  }\n' +
        '}\n' +
        'module.exports = Bot;\n',
    );
    expect(output).toContain(
      '    const callSlack = (apiMethod, apiArgs) => this._api(apiMethod, apiArgs);\n' + "    rtmStartData(callSlack, { mpim_aware: 1 }, { fields: ['users'] }).then((data) => {",
    );
  });

  it.each([
    ["a vow promise's .fail()", "exports.users = [];\nthis._api('rtm.start').then((data) => { exports.users = data.users.length; }).fail((e) => console.error(e)).done();\n", "const callSlack = (apiMethod, apiArgs) => this._api(apiMethod, apiArgs);\nrtmStartDataAs(callSlack, {}, { fields: ['users'] }).then((data) => {"],
    // In an arrow function's expression body: no statement of its own to put the caller before, so in place.
    ['a returned promise', "module.exports = () => api.get('rtm.start', {}).then((data) => data.users.length);\n", "module.exports = () => rtmStartDataAs((apiMethod, apiArgs) => api.get(apiMethod, apiArgs), {}, { fields: ['users'] }).then("],
  ])("%s: the helper's own kind of promise comes back (rtmStartDataAs, JavaScript)", async (_name, source, expected) => {
    const { plan, output } = await migrate('j.js', source);
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(output).toContain(expected);
    expect(todos(output)).toBe(0);
  });

  it.each([
    ['a returned promise in TypeScript', "export const start = () => api.get('rtm.start', {}).then((data: { users: unknown[] }) => data.users.length);\n", 'handed on'],
    ['a one-parameter callback', "self.reqAPI('rtm.start', {}, function (data) { console.log(data.users); });\n", 'Node-style'],
    ['a callback by reference', "api.post('rtm.start', {}, onStart);\nfunction onStart(err, data) { console.log(data.users); }\n", 'Node-style'],
    // The wrapper's own callback handed straight on, but nothing shows it is called (err, data).
    ['a callback parameter passed through', "function start(params, cb) {\n  api.post('rtm.start', params, cb);\n}\n", 'Node-style'],
    // A name as the arguments with nothing after it: it may be the callback itself.
    ['a name as the last argument', "function start(cb) {\n  api.post('rtm.start', cb);\n}\n", 'Node-style'],
    // A token, not the arguments: only an options bag is placed.
    ['a name that is not an options bag', "function start(token, callback) {\n  if (!token) return callback(new Error('no token'));\n  api.post('rtm.start', token, callback);\n}\n", 'cannot place'],
    // Where the arguments go is not known.
    ['a value and no arguments', "api.post('rtm.start', true).then((d) => console.log(d.users));\n", 'cannot place'],
  ])('%s: the call stays as it was with a TODO', async (name, source, why) => {
    const { plan, output } = await migrate(name.includes('TypeScript') ? 'i.ts' : 'i.js', source);
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(code(output)).toBe(source);
    expect(todos(output)).toBe(1);
    expect(output.replace(/\n\s*\/\/\s*/g, ' ')).toContain(why);
  });
});

describe("the app's own helpers: where the helper's contract is seen", () => {
  it("a method name bound once and the wrapper's own callback, called (err) by it too: the callback is kept, called once (err, data)", async () => {
    // slack@8.4.2's generated methods/rtm.start.js, as shipped.
    const { plan, output } = await migrate(
      'rtm.start.js',
      "var _exec2 = _interopRequireDefault(require('./_exec'));\n" +
        'function rtmstart(params, callback) {\n' +
        "  var ns = 'rtm.start';\n" +
        '  var err = validate(ns, params);\n' +
        '  if (err) {\n' +
        '    callback(err);\n' +
        '  } else {\n' +
        '    (0, _exec2.default)(ns, params, callback);\n' +
        '  }\n' +
        '}\n' +
        'module.exports = rtmstart;\n',
    );
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(output).toContain(
      '    const callSlack = (apiMethod, apiArgs) => new Promise((resolve, reject) => (0, _exec2.default)(apiMethod, apiArgs, (err, data) => (err ? reject(err) : resolve(data))));\n' +
        "    callbackify(rtmStartData)(callSlack, params, { optional: ['dnd', 'subteams', 'team.prefs'] }, callback);\n",
    );
    expect(output).toContain('    callback(err);\n');
    expect(todos(output)).toBe(0);
  });

  it.each([
    // slack-sdk 5: `call(endpoint, params, cache = false)`, awaited.
    ['a flag after the arguments, awaited', "export default async (call) => {\n  const r = await call('rtm.start', {}, true);\n  return r.users.length;\n};\n", "  const callSlack = (apiMethod, apiArgs) => call(apiMethod, apiArgs, true);\n  const r = await rtmStartData(callSlack, {}, { fields: ['users'] });\n"],
    // A parameter defaulting to a value is one too; the promise, `.then`-ed, is handed on: the helper's own kind comes back.
    ['a parameter defaulting to a value, the promise returned', "export default (call) => ({ details: (cache = true) => call('rtm.start', {}, cache).then((d) => d.users.length) });\n", 'details: (cache = true) => rtmStartDataAs((apiMethod, apiArgs) => call(apiMethod, apiArgs, cache), {}, { optional: [\'dnd\', \'subteams\', \'team.prefs\'] }).then('],
    ['null before the arguments', "const api = require('./api');\napi.call('rtm.start', null, { mpim_aware: 1 }).then((d) => console.log(d.users));\n", 'const callSlack = (apiMethod, apiArgs) => api.call(apiMethod, null, apiArgs);\nrtmStartData(callSlack, { mpim_aware: 1 }, { fields: [\'users\'] }).then('],
  ])('%s: passed on unchanged for every method', async (_name, source, expected) => {
    const { plan, output } = await migrate('k.js', source);
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(output).toContain(expected);
    expect(todos(output)).toBe(0);
  });

  // rtmStartData() awaits what the helper returns and rtmStartDataAs() calls its `.then`: a redux action
  // handed to `dispatch`, or an RxJS observable, would throw there (`.then is not a function`).
  it.each([
    ['an action creator handed to `dispatch` first', "const { api } = require('./actions');\nstore.dispatch(api.request('rtm.start')).then((res) => show(res.users.length));\n", 'handed to `store.dispatch` first'],
    ['an observable chained with `.retryWhen`', "class Bot {\n  connect() {\n    return this.callApi('rtm.start', { no_unreads: true }).retryWhen((errors) => errors.delay(1000)).subscribe((d) => show(d.users));\n  }\n}\nmodule.exports = Bot;\n", 'chained with `.retryWhen` first'],
    ['an observable mapped', "const api = require('./api');\napi.get('rtm.start', {}).map((d) => d.users).subscribe(show);\n", 'chained with `.map` first'],
    ["an observable's `.catch` then `.subscribe`", "const api = require('./api');\napi.get('rtm.start', {}).catch(() => empty()).subscribe((d) => show(d.users));\n", 'an RxJS observable has `.catch` too'],
    ['returned from a helper not in the file', "module.exports = (call) => ({ details: () => call('rtm.start', {}) });\n", 'returned to callers not in view'],
    ['returned from a helper whose declaration returns an observable', "const { Observable } = require('rxjs');\nfunction callApi(method, args) {\n  return Observable.ajax({ url: base + method, body: args });\n}\nmodule.exports = () => callApi('rtm.start', {});\n", 'its declaration does not show that it returns one'],
  ])("%s: what the helper returns is not known to be a promise, the call stays as it was with a TODO", async (_name, source, why) => {
    const { plan, output } = await migrate('v.js', source);
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(plan.sites[0]?.message).toContain('is not known to be a promise');
    expect(plan.sites[0]?.message).toContain(why);
    expect(code(output)).toBe(source);
  });

  it.each([
    ['an `async` method, its promise returned', "class Bot {\n  async call(method, args) {\n    const res = await fetch(base + method, { method: 'POST', body: new URLSearchParams(args) });\n    return res.json();\n  }\n  start() {\n    return this.call('rtm.start', {});\n  }\n}\nmodule.exports = Bot;\n", '    const callSlack = (apiMethod, apiArgs) => this.call(apiMethod, apiArgs);\n    return rtmStartDataAs(callSlack, {}, { optional: [\'dnd\', \'subteams\', \'team.prefs\'] })'],
    ['a function returning `new Promise`, its promise handed on', "function call(method, args) {\n  return new Promise((resolve) => post(method, args, resolve));\n}\nkeep(call('rtm.start', {}));\nmodule.exports = call;\n", 'keep(rtmStartDataAs(callSlack, {}, { optional: [\'dnd\', \'subteams\', \'team.prefs\'] })'],
    ["a function returning axios's `.then` chain, its promise returned", "const axios = require('axios');\nfunction call(method, args) {\n  return axios.post(base + method, args).then((res) => res.data);\n}\nmodule.exports = () => call('rtm.start', {});\n", 'module.exports = () => rtmStartDataAs((apiMethod, apiArgs) => call(apiMethod, apiArgs), {}, { optional: [\'dnd\', \'subteams\', \'team.prefs\'] })'],
  ])("%s: its declaration shows a promise, the helper's own kind comes back (rtmStartDataAs)", async (_name, source, expected) => {
    const { plan, output } = await migrate('w.js', source);
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(output).toContain(expected);
    expect(todos(output)).toBe(0);
  });

  it('TypeScript: a Node-style callback through callbackify\'s no-argument form, the caller typed', async () => {
    const { output } = await migrate(
      'l.ts',
      "import * as api from './api.js';\n" +
        'export function boot(cb: (err: Error | null, url?: string) => void): void {\n' +
        "  api.post('rtm.start', { no_unreads: 1 }, (err: Error | null, data?: any) => {\n" +
        '    if (err) return cb(err);\n' +
        '    cb(null, data.users[0].name);\n' +
        '  });\n' +
        '}\n',
    );
    expect(output).toContain(
      '  const callSlack = (apiMethod: string, apiArgs: Record<string, unknown>) => new Promise<Record<string, unknown>>((resolve, reject) => api.post(apiMethod, apiArgs, (err: unknown, data: unknown) => (err ? reject(err) : resolve(data as Record<string, unknown>))));\n' +
        "  callbackify(() => rtmStartData(callSlack, { no_unreads: 1 }, { fields: ['users'] }))((err: Error | null, data?: any) => {\n",
    );
    expect(output).toContain("import { callbackify } from 'util';");
    expect(todos(output)).toBe(0);
  });

  it('TypeScript: a helper declared in the class with a native Promise: its promise handed on, cast to the declared type', async () => {
    const { output } = await migrate(
      'm.ts',
      'export class Bot {\n' +
        '  userCount = 0;\n' +
        '  private _api(method: string, params: Record<string, string> = {}): Promise<any> {\n' +
        "    return fetch('https://slack.com/api/' + method, { method: 'POST', body: new URLSearchParams(params) }).then((r) => r.json());\n" +
        '  }\n' +
        '  login(): Promise<void> {\n' +
        "    return this._api('rtm.start').then((data) => { this.userCount = data.users.length; });\n" +
        '  }\n' +
        '}\n',
    );
    expect(output).toContain(
      '    const callSlack = (apiMethod: string, apiArgs: Record<string, unknown>) => this._api(apiMethod, apiArgs as Record<string, string>);\n' +
        "    return (rtmStartData(callSlack, {}, { fields: ['users'] }).catch((err) => (err.data !== undefined && err.data !== null ? err.data : Promise.reject(err))) as Promise<any>).then((data) => {",
    );
    expect(todos(output)).toBe(0);
  });

  const responseHelper = (calls: string): string =>
    'function Client() { this._onLogin = this._onLogin.bind(this); }\n' +
    "Client.prototype.login = function () {\n  this._apiCall('rtm.start', { agent: 'x' }, this._onLogin);\n};\n" +
    'Client.prototype._onLogin = function (data) { console.log(data.users); };\n' +
    `Client.prototype._apiCall = function (method, params, callback) {\n  request(method, params, function (body) {\n    ${calls}\n  });\n};\nmodule.exports = Client;\n`;

  it("a callback the helper's declaration calls with the response alone: it gets the response alone, once, with no `this`", async () => {
    const { plan, output } = await migrate('o.js', responseHelper('if (callback != null) callback(JSON.parse(body));'));
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(output).toContain(
      '  const callSlack = (apiMethod, apiArgs) => new Promise((resolve) => this._apiCall(apiMethod, apiArgs, resolve));\n' +
        "  callbackify(() => rtmStartData(callSlack, { agent: 'x' }, { fields: ['users'] }))((err, data) => this._onLogin.call(undefined, err ? (err.data !== undefined && err.data !== null ? err.data : { ok: false, error: err.message }) : data));\n",
    );
  });

  it.each([
    ['also (err, data)', 'callback(null, JSON.parse(body));'],
    ['handed on', 'done(callback, body);'],
  ])("a helper that calls its callback otherwise (%s) keeps the call unchanged", async (_name, calls) => {
    const source = responseHelper(calls);
    const { plan, output } = await migrate('p.js', source);
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(code(output)).toBe(source);
  });

  it.each([
    ['made by new WebClient', "const { WebClient } = require('@slack/web-api');\nconst web = new WebClient('xoxb-test');\nexports.start = web.apiCall.bind(web, 'rtm.start');\n", 'a.js', 'exports.start = rtmStartData.bind(null, web);'],
    [
      'a readonly WebClient parameter property (TypeScript)',
      "import { WebClient } from '@slack/web-api';\nexport class C {\n  readonly start: () => Promise<unknown>;\n  constructor(private readonly web: WebClient) {\n    this.start = this.web.apiCall.bind(this.web, 'rtm.start');\n  }\n}\n",
      'b.ts',
      '    this.start = rtmStartData.bind(null, this.web);',
    ],
  ])("an SDK WebClient's apiCall bound to 'rtm.start' (%s): rtmStartData bound to the same client", async (_name, source, file, expected) => {
    const { plan, output } = await migrate(file, source);
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(output).toContain(expected);
    expect(output).not.toContain('rtm.start');
  });

  it.each([
    ['an API wrapper of its own', "exports.start = api.apiCall.bind(api, 'rtm.start');\n"],
    ['bound to another object', "const { WebClient } = require('@slack/web-api');\nconst web = new WebClient('xoxb-test');\nexports.start = web.apiCall.bind(other, 'rtm.start');\n"],
  ])("apiCall bound on %s stays as it was with a TODO", async (_name, source) => {
    const { plan, output } = await migrate('c.js', source);
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(code(output)).toBe(source);
  });

  it('TypeScript: a helper of unknown type whose promise is handed on stays a TODO', async () => {
    const source = "import { api } from './api.js';\nexport const start = () => api('rtm.start', {}).then((d: { users: unknown[] }) => d.users);\n";
    const { plan, output } = await migrate('n.ts', source);
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(code(output)).toBe(source);
  });
});

describe("response-only helpers reached through `var self = this`, in CoffeeScript output, and in TypeScript", () => {
  const helper =
    'Bot.prototype.reqAPI = function (method, params, cb) {\n  request.post({ url: method, form: params }, function (err, res, body) {\n    if (err) return cb({ ok: false, error: err.message });\n    cb(JSON.parse(body));\n  });\n};\nmodule.exports = Bot;\n';

  it('`self.reqAPI(…, function (data) {…})`, again on a reconnect path: each call goes through the same helper, the callback keeps its own `data`', async () => {
    const source =
      'function Bot() {}\nBot.prototype.login = function () {\n  var self = this;\n' +
      "  self.reqAPI('rtm.start', {}, function (data) {\n    self.userCount = data.users.length;\n    self.ws.on('close', function () {\n      self.reqAPI('rtm.start', {}, (again) => { self.userCount = again.users.length; });\n    });\n  });\n};\n" +
      helper;
    const { plan, output } = await migrate('s.js', source);
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['helper-module', 'helper-module']);
    expect(output).toContain('  const callSlack = (apiMethod, apiArgs) => new Promise((resolve) => self.reqAPI(apiMethod, apiArgs, resolve));\n');
    expect(output).toContain('      const callSlackApi = (apiMethod, apiArgs) => new Promise((resolve) => self.reqAPI(apiMethod, apiArgs, resolve));\n');
    expect(output).toContain('  callbackify(() => rtmStartData(callSlack, {}, { fields: [\'users\'] }))((err, data) => (function (data) {\n');
    expect(output).toContain('      callbackify(() => rtmStartData(callSlackApi, {}, { fields: [\'users\'] }))((err, data) => ((again) => { self.userCount = again.users.length; })(err ? (err.data !== undefined && err.data !== null ? err.data : { ok: false, error: err.message }) : data));\n');
    expect(todos(output)).toBe(0);
  });

  it.each([
    ['`self` reassigned', "Bot.prototype.login = function () {\n  var self = this;\n  self = other;\n  self.reqAPI('rtm.start', {}, function (data) { use(data.users); });\n};\n"],
    ['`this` of a plain nested function (another object)', "Bot.prototype.login = function () {\n  later(function () {\n    this.reqAPI('rtm.start', {}, function (data) { use(data.users); });\n  });\n};\n"],
    ['a callback reading an outer `err`', "Bot.prototype.login = function () {\n  var err = 1;\n  this.reqAPI('rtm.start', {}, function (data) { use(data.users, err); });\n};\n"],
  ])('%s: the call stays as it was, with a TODO', async (_name, login) => {
    const source = `function Bot() {}\n${login}${helper}`;
    const { plan, output } = await migrate('t.js', source);
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(code(output)).toBe(source);
  });

  const coffee = (header: string, end: string, extra = ''): string =>
    `${header}(function() {\n  var Client, https;\n  https = require('https');\n  Client = (function() {\n    function Client() {}\n` +
    "    Client.prototype.login = function() {\n      return this._apiCall('rtm.start', {}, this._onLogin);\n    };\n" +
    '    Client.prototype._onLogin = function(data) {\n      return console.log(data.users.length);\n    };\n' +
    `    Client.prototype._apiCall = function(method, params, callback) {\n      var req;\n      req = https.request(method);\n      req.write(JSON.stringify(params));\n      req.on('response', function(res) {\n        return callback(res.body);\n      });\n      ${end}\n    };\n` +
    `    return Client;\n  })();\n${extra}}).call(this);\n`;

  it("CoffeeScript output: `return this._apiCall(…)` as a method's last expression, the helper's only value `req.end()`: rewritten, the report says what the method returns now", async () => {
    const { plan, output } = await migrate('c.js', coffee('// Generated by CoffeeScript 1.12.7\n', 'return req.end();', '  new Client().login();\n'));
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(plan.sites[0]?.message).toContain('`login()` returned the request of its `rtm.start` call only because CoffeeScript returns a function\'s last expression');
    expect(output).toContain("      return callbackify(() => rtmStartData(callSlack, {}, { fields: ['users'] }))((err, data) => this._onLogin.call(undefined, err ? (err.data !== undefined && err.data !== null ? err.data : { ok: false, error: err.message }) : data));\n");
  });

  it.each([
    ['not CoffeeScript output', coffee('', 'return req.end();')],
    ['the helper returns something else (a promise of its own)', coffee('// Generated by CoffeeScript 1.12.7\n', 'return req.end(), promise;')],
    ["the method's value used in the file", coffee('// Generated by CoffeeScript 1.12.7\n', 'return req.end();', '  var request = new Client().login();\n  request.abort();\n')],
  ])('CoffeeScript-shaped return, but %s: the call stays as it was, with a TODO', async (_name, source) => {
    const { plan, output } = await migrate('d.js', source);
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(plan.sites[0]?.message).toContain("the helper's return value is used besides its callback");
    expect(code(output)).toBe(code(source));
  });

  const sendHelper = (uses: string, reads = 'open(res.url)', end = 'module.exports = Bot;\n'): string =>
    `function Bot() {}\nBot.prototype.send = function (method, params) {\n  ${uses}\n  return fetch(method, { method: 'POST', body: JSON.stringify(params) }).then((r) => r.json());\n};\n` +
    `Bot.prototype.connect = function (options) {\n  this.send('rtm.start', options).then((res) => ${reads});\n};\n${end}`;

  it("a promise helper given its caller's `options` that its declaration only reads as data, and that resolves Slack's `ok: false` as data: through rtmStartData, Slack's error answered as data", async () => {
    const { plan, output } = await migrate('o.js', sendHelper('params = params || {};\n  params.token = this.token;', 'open(res.url, res.users.length)'));
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(output).toContain("  const callSlack = (apiMethod, apiArgs) => this.send(apiMethod, apiArgs);\n  rtmStartData(callSlack, options, { fields: ['url', 'users'] }).catch((err) => (err.data !== undefined && err.data !== null ? err.data : Promise.reject(err))).then((res) => open(res.url, res.users.length));\n");
  });

  it("the same helper's answer read only for `url`: `rtm.connect` through it, given the same `options` (data, never a callback)", async () => {
    const { plan, output } = await migrate('p.js', sendHelper('params = params || {};\n  params.token = this.token;'));
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['connect-only']);
    expect(output).toContain("  this.send('rtm.connect', options).then((res) => open(res.url));\n");
  });

  it.each([
    ['calls it', 'if (typeof params === "function") params(null);'],
    ['hands it to a function of its own', 'track(params);'],
    ['reads `arguments`', 'log(arguments);'],
    ['calls it when it is not an object (`(params || noop)()`)', '(params || noop)();'],
  ])("a promise helper whose declaration %s: `options` may be a callback, the call stays as it was, with a TODO", async (_name, uses) => {
    const source = sendHelper(uses);
    const { plan, output } = await migrate('q.js', source);
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(code(output)).toBe(source);
  });

  it("a helper that reads Slack's `ok` itself: its promise is kept as the rewrite gives it (no error answered as data)", async () => {
    const source = "function Bot() {}\nBot.prototype.send = function (method, params) {\n  return post(method, params).then((r) => (r.ok ? r : Promise.reject(new Error(r.error))));\n};\nBot.prototype.connect = function () {\n  this.send('rtm.start', {}).then((res) => show(res.users.length));\n};\nmodule.exports = Bot;\n";
    const { output } = await migrate('r.js', source);
    expect(output).toContain('  rtmStartData(callSlack, {}, { fields: [\'users\'] }).then((res) => show(res.users.length));\n');
  });

  it('a file that only reads `process.env`, with neither `require` nor `import`, in a package without `"type": "module"`: a Node script, the helper module is required (CommonJS)', async () => {
    const { output } = await migrate('s.js', sendHelper('params.token = process.env.SLACK_TOKEN;', 'open(res.url, res.users.length)', ''));
    expect(output).toContain("const { rtmStartData } = require('./rtm-start-data');");
    expect(output).not.toContain('import ');
  });

  // A browser or PebbleKit JS script: `require` is not defined where it runs, and `import` does not parse there.
  it.each([
    ['a script of globals (`/* global Slack */`)', `/* global Slack */\n${sendHelper('params.token = Slack.token;', 'open(res.url, res.users.length)', '')}`],
    ['a script with a Node-style callback helper', "/* global Slack */\nSlack.post('rtm.start', {}, function (err, data) {\n  if (err) return show(err);\n  show(data.users.length, data.url);\n});\n"],
  ])('%s, with no `require`, `import` or `exports`: nothing is imported into it, the call stays as it was with a TODO saying why', async (_name, source) => {
    const { plan, output } = await migrate('w.js', source);
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(plan.sites[0]?.message).toContain('This file loads no modules');
    expect(code(output)).toBe(source);
    expect(output).not.toMatch(/require\(|^import /m);
  });

  it('a script with no module system whose answer is read only for `url`: `rtm.connect` in place, which imports nothing', async () => {
    const { plan, output } = await migrate('x.js', sendHelper('params.token = Slack.token;', 'open(res.url)', ''));
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['connect-only']);
    expect(output).toContain("  this.send('rtm.connect', options).then((res) => open(res.url));\n");
    expect(output).not.toMatch(/require\(|^import /m);
  });

  it('TypeScript: the helper types its callback with its own answer type, which the rebuilt data does not fit: the call stays as it was, with a TODO', async () => {
    const source =
      'interface Answer { ok: boolean; users?: string[] }\nexport class Bot {\n  userCount = 0;\n' +
      "  login(): void {\n    this.callApi('rtm.start', {}, (data) => { this.userCount = (data.users ?? []).length; });\n  }\n" +
      '  private callApi(method: string, params: Record<string, string>, done: (data: Answer) => void): void {\n    send(method, params, (body: string) => done(JSON.parse(body)));\n  }\n}\ndeclare function send(m: string, p: object, cb: (body: string) => void): void;\n';
    const { plan, output } = await migrate('u.ts', source);
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(plan.sites[0]?.message).toContain("in TypeScript its callback's declared type does not take the rebuilt data's");
    expect(code(output)).toBe(source);
  });
});
