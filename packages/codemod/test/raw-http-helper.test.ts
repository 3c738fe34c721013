import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/scan/index.js';
import { transformSource } from '../src/transforms/index.js';
import { tempDir } from './helpers.js';

/** Scans one file and runs the transforms on it; then once more on the output (idempotence). */
async function migrate(name: string, source: string) {
  const dir = await tempDir('rtm-migrate-raw-');
  const file = join(dir, name);
  await writeFile(file, source);
  const plan = scan({ root: dir, files: [file] });
  const first = transformSource(source, file, plan.sites);
  await writeFile(file, first.output);
  const again = scan({ root: dir, files: [file] });
  const second = transformSource(first.output, file, again.sites);
  expect(second.output, 'a second run changes nothing').toBe(first.output);
  return { plan, output: first.output, outcomes: first.outcomes };
}

const todos = (text: string): number => text.match(/TODO\(rtm-migrate\)/g)?.length ?? 0;

describe('raw HTTP: the URL becomes rtm.connect, a TODO stays for the data read', () => {
  it('drops start-only query parameters written out in a concatenated piece, keeps the rest', async () => {
    const { plan, output, outcomes } = await migrate(
      'a.js',
      "const request = require('request');\n" +
        "request.get('https://slack.com/api/rtm.start?no_unreads=1&mpim_aware=true&batch_presence_aware=1&token=' + token, (err, res, body) => {\n" +
        '  console.log(JSON.parse(body).users.length);\n' +
        '});\n',
    );
    expect(plan.sites[0]!.rewrite).toBe('connect-todo');
    expect(outcomes[0]!.rewrite).toBe('connect-todo');
    expect(output).toContain("request.get('https://slack.com/api/rtm.connect?batch_presence_aware=1&token=' + token,");
    expect(todos(output)).toBe(1);
    expect(output).toMatch(/\/\/ TODO\(rtm-migrate\): this request now asks for `rtm\.connect`[^]*users\.list[^]*\nrequest\.get/);
  });

  it('drops the `?` when no parameter is left; leaves a value continued by `${…}` alone', async () => {
    const { output } = await migrate(
      'b.ts',
      'export async function f(x: string, t: string) {\n' +
        '  await fetch(`https://slack.com/api/rtm.start?no_unreads=1`);\n' +
        '  await fetch(`https://slack.com/api/rtm.start?simple_latest=${x}&presence_sub=true&no_latest=1&token=${t}`);\n' +
        '}\n',
    );
    expect(output).toContain('await fetch(`https://slack.com/api/rtm.connect`);');
    expect(output).toContain('await fetch(`https://slack.com/api/rtm.connect?simple_latest=${x}&presence_sub=true&token=${t}`);');
    expect(todos(output)).toBe(2);
  });

  it('drops start-only fields of a literal body / params, URLSearchParams and qs.stringify, keeps the others', async () => {
    const { output } = await migrate(
      'c.js',
      "const axios = require('axios');\n" +
        "const qs = require('querystring');\n" +
        'function a(token) {\n' +
        "  return axios.post('https://slack.com/api/rtm.start', { token, no_unreads: 1, presence_sub: true, include_locale: true });\n" +
        '}\n' +
        'function b(token) {\n' +
        "  return axios.post('https://slack.com/api/rtm.start', qs.stringify({ no_unreads: 1, mpim_aware: 1 }), { headers: { Authorization: 'Bearer ' + token } });\n" +
        '}\n' +
        'function c(token) {\n' +
        "  const body = new URLSearchParams({ token, simple_latest: '1' });\n" +
        "  body.append('include_locale', 'true');\n" +
        "  body.append('presence_sub', 'true');\n" +
        "  return fetch('https://slack.com/api/rtm.start', { method: 'POST', body });\n" +
        '}\n',
    );
    expect(output).toContain("axios.post('https://slack.com/api/rtm.connect', { token, presence_sub: true });");
    expect(output).toContain("axios.post('https://slack.com/api/rtm.connect', qs.stringify({}), { headers:");
    expect(output).toContain("const body = new URLSearchParams({ token });\n");
    expect(output).not.toContain("'include_locale'");
    expect(output).toContain("  body.append('presence_sub', 'true');\n");
    expect(output).not.toContain('rtm.start');
    expect(todos(output)).toBe(3);
  });

  it('leaves a body that is also read elsewhere as it is', async () => {
    const { output } = await migrate(
      'd.js',
      'function f(token) {\n' +
        '  const form = { token, no_unreads: 1 };\n' +
        '  console.log(form);\n' +
        "  return fetch('https://slack.com/api/rtm.start', { method: 'POST', body: new URLSearchParams(form) });\n" +
        '}\n',
    );
    expect(output).toContain('const form = { token, no_unreads: 1 };');
    expect(output).toContain("fetch('https://slack.com/api/rtm.connect'");
  });

  it('keeps the TODO-only behaviour when the URL is not spelled out in a literal', async () => {
    const source =
      "const M = 'rtm.start';\n" +
      'export async function f() {\n' +
      '  const res = await fetch(`https://slack.com/api/${M}`);\n' +
      '  return res.json();\n' +
      '}\n';
    const { plan, output } = await migrate('e.ts', source);
    for (const s of plan.sites) expect(s.rewrite).toBe('todo');
    expect(output.replace(/^ *\/\/.*\n/gm, '')).toBe(source);
  });

  it('keeps CRLF line endings in the TODO it adds', async () => {
    const { output } = await migrate('f.js', "var https = require('https');\r\nhttps.get('https://slack.com/api/rtm.start?no_unreads=1', function () {});\r\n");
    expect(output).toContain("https.get('https://slack.com/api/rtm.connect', function () {});\r\n");
    expect(output.match(/\r\n/g)?.length).toBe(output.match(/\n/g)?.length);
  });
});

describe("the app's own helpers: the method name becomes rtm.connect, a TODO stays for the fields read", () => {
  it('rewrites a literal name and drops literal start-only arguments (the object stays in place)', async () => {
    const { plan, output } = await migrate(
      'g.js',
      "var api = require('./api');\n" +
        'api.post(`rtm.start`, { mpim_aware: 1, batch_presence_aware: 1 }, function (err, data) {\n' +
        '  console.log(data.channels.length);\n' +
        '});\n' +
        "api.call('rtm.start', { no_unreads: true }).then(function (data) { return data.url; });\n",
    );
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['connect-todo', 'connect-only']);
    expect(output).toContain('api.post(`rtm.connect`, { batch_presence_aware: 1 }, function (err, data) {');
    expect(output).toMatch(/\/\/ TODO\(rtm-migrate\): the app's own helper now asks for `rtm\.connect`[^]*channels: conversations\.list/);
    expect(output).toContain("api.call('rtm.connect').then(");
    expect(todos(output)).toBe(1);
  });

  it('leaves a method name given through a constant to the TODO', async () => {
    const source = "var api = require('./api');\nconst M = 'rtm.start';\napi.post(M, {}, function (err, data) { console.log(data.users); });\n";
    const { plan, output } = await migrate('h.js', source);
    expect(plan.sites[0]!.rewrite).toBe('todo');
    expect(output).toContain('api.post(M, {},');
    expect(todos(output)).toBe(1);
  });
});
