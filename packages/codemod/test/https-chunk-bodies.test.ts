import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, expectUrlSwapKeepsOutput, scanOneSite, writeBotFiles } from './helpers.js';

/**
 * Raw `http.request(options, (res) => …)` to `rtm.start` whose body is collected from the stream's
 * `data` events and parsed on `end`. Followed whole (every listener, the text this response's alone,
 * joined once the stream has ended), the bot migrates: the `rtm.connect` swap where it reads connect
 * fields only, the helper module's rebuild where it reads start-only ones. It runs against fake Slack
 * in `legacy` mode, is migrated by the real CLI, and runs again in `connect_required` mode: it prints
 * the same. Not followed whole (a second listener chained on the first's result, chunks in an array
 * every request shares, a join made before the end), the bot gets a TODO and nothing else changes.
 */

const HEAD = `const http = require('http');
const API = new URL(process.env.SLACK_API_URL || 'https://slack.com/api/');
`;

/** The model: options held apart, `Buffer.concat` of the chunks held in the `end` listener, then parsed. */
const CONCAT_BOT = `${HEAD}
function start(token) {
  const options = { hostname: API.hostname, port: API.port, path: API.pathname + 'rtm.start?token=' + token, method: 'GET' };
  const req = http.request(options, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const data = JSON.parse(body);
      if (!data.ok) return console.error(data.error);
      console.log([data.self.id, data.team.domain, /^wss?:/.test(data.url)].join(' '));
    });
  });
  req.on('error', (err) => console.error(err.message));
  req.end();
}
start(process.env.SLACK_BOT_TOKEN);
`;

/** The same variable holds the joined chunks, then the parsed answer. */
const REASSIGNED_BOT = `${HEAD}
function start(token) {
  const options = { hostname: API.hostname, port: API.port, path: API.pathname + 'rtm.start?token=' + token, method: 'GET' };
  http.request(options, (res) => {
    const parts = [];
    res.on('data', (part) => parts.push(part));
    res.on('end', () => {
      let body = Buffer.concat(parts);
      body = JSON.parse(body);
      console.log(body.self.name, /^wss?:/.test(body.url));
    });
  }).end();
}
start(process.env.SLACK_BOT_TOKEN);
`;

/** Text chunks held by `join('')` in an `end` listener chained on the `data` one. */
const JOINED_BOT = `${HEAD}
const options = { hostname: API.hostname, port: API.port, path: API.pathname + 'rtm.start?token=' + process.env.SLACK_BOT_TOKEN, method: 'GET' };
http.request(options, (res) => {
  const chunks = [];
  res.setEncoding('utf8');
  res.on('data', (c) => chunks.push(c)).on('end', () => {
    const text = chunks.join('');
    const data = JSON.parse(text);
    console.log(data.ok, data.team.id, data.self.id);
  });
}).end();
`;

/** The reassigned body read for start-only fields, the options written out in the call: the helper module rebuilds them. */
const DIRECTORY_BOT = `${HEAD}
function start(token) {
  http.request({ hostname: API.hostname, port: API.port, path: API.pathname + 'rtm.start?token=' + token, method: 'GET' }, (res) => {
    const parts = [];
    res.on('data', (part) => parts.push(part));
    res.on('end', () => {
      let body = Buffer.concat(parts);
      body = JSON.parse(body);
      console.log('users: ' + body.users.map((u) => u.name).sort().join(','));
      for (const c of body.channels) console.log(c.name + ': ' + (c.members || []).slice().sort().join(','));
      console.log(/^wss?:/.test(body.url));
    });
  }).end();
}
start(process.env.SLACK_BOT_TOKEN);
`;

const OPTIONS = "  const options = { hostname: API.hostname, port: API.port, path: API.pathname + 'rtm.start?token=' + token, method: 'GET' };\n";

/** A second `data` listener chained on the first one's result keeps every chunk for a directory read elsewhere. */
const CHAINED_BOT = `${HEAD}const kept = [];
function start(token) {
${OPTIONS}  http.request(options, (res) => {
    let body = '';
    res.on('data', (c) => { body += c; }).on('data', (c) => kept.push(c)).on('end', () => {
      console.log(/^wss?:/.test(JSON.parse(body).url));
      console.log(JSON.parse(Buffer.concat(kept).toString()).users.length);
    });
  }).end();
}
start(process.env.SLACK_BOT_TOKEN);
`;

/** One array for every call of `start`: a second request's chunks go after the first's. */
const SHARED_ARRAY_BOT = `${HEAD}const chunks = [];
function start(token) {
${OPTIONS}  http.request(options, (res) => {
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => console.log(JSON.parse(Buffer.concat(chunks)).url));
  }).end();
}
start(process.env.SLACK_BOT_TOKEN);
`;

/** The chunks joined as soon as the callback runs, before any of them came. */
const EARLY_JOIN_BOT = `${HEAD}
function start(token) {
${OPTIONS}  http.request(options, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    const text = chunks.join('');
    res.on('end', () => console.log(JSON.parse(text || '{}').url));
  }).end();
}
start(process.env.SLACK_BOT_TOKEN);
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 61, users: 6, channels: 3, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });

/** The file with the TODO comment lines the CLI wrote taken out. */
const withoutTodos = (text: string): string => text.replace(/^\s*\/\/ TODO\(rtm-migrate\):.*\n(?:\s*\/\/ {3}.*\n)*/gm, '');

describe('https.request bodies collected from the stream and parsed on end, followed whole: the bot migrates', () => {
  it.each([
    ['the model: held options, Buffer.concat of the chunks held in the end listener, read for self, team and url', CONCAT_BOT, /^U\w+ \S+ true\n$/],
    ['the joined chunks reassigned with their parsed value, read for self.name and url', REASSIGNED_BOT, /^\S+ true\n$/],
    ["text chunks held by join('') in an end listener chained on the data one, read for ok, team.id and self.id", JOINED_BOT, /^true T\w+ U\w+\n$/],
  ])('%s: the path names rtm.connect and the bot prints the same', { timeout: 120_000 }, async (_name, source, printed) => {
    const dir = await writeBotFiles('rtm-migrate-https-chunks-', { 'bot.js': source });
    expect(await expectUrlSwapKeepsOutput(fake, dir, source, printed, () => runIn(dir))).toContain('raw-url → connect-only');
  });

  it('the reassigned body read for users, channels and members: the helper module rebuilds them, the bot prints the same', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-https-chunks-directory-', { 'bot.js': DIRECTORY_BOT });
    fake.setMode('legacy');
    const before = await runIn(dir);
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
    expect(before.stdout).toMatch(/^users: [\w.]+(,[\w.]+){5}\n/);
    expect(before.stdout).toMatch(/^\S+: U\w+/m);

    const scanned = await cli(['apply', '.', '--allow-dirty', '--dry', '--report', 'json'], dir);
    const report = JSON.parse(scanned.stdout.slice(0, scanned.stdout.lastIndexOf('}') + 1)) as { sites: { rewrite: string; fieldsRead: string[] }[] };
    expect(report.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(report.sites[0]?.fieldsRead).toEqual(expect.arrayContaining(['users', 'channels', 'channels[].members', 'url']));

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.stdout).toContain('TODOs left: 0');

    fake.setMode('connect_required');
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await runIn(dir));
  });
});

describe('https.request bodies not followed whole: a TODO, never the rtm.connect swap', () => {
  it.each([
    ["a second 'data' listener chained on the first one's result, its chunks read for users", CHAINED_BOT],
    ['the chunks pushed to a module-level array every request shares', SHARED_ARRAY_BOT],
    ['the chunks joined before the stream ends', EARLY_JOIN_BOT],
  ])('%s', { timeout: 120_000 }, async (_name, source) => {
    const dir = await writeBotFiles('rtm-migrate-https-chunks-todo-', { 'bot.js': source });
    const applied = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toContain('raw-url → todo');
    expect(applied.stdout).toContain('TODOs left: 1');
    const out = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(out).toContain('TODO(rtm-migrate)');
    expect(out).not.toContain('rtm.connect?');
    expect(withoutTodos(out)).toBe(source);
  });
});

const scanOne = (body: string): ReturnType<typeof scanOneSite> =>
  scanOneSite('rtm-migrate-https-listeners-', `${HEAD}const sink = require('./sink');\nconst options = { hostname: 'slack.com', path: '/api/rtm.start?token=' + process.env.T, method: 'GET' };\n${body}\n`);

describe("every listener on the response stream counts, chained on `.on(…)`'s result too", () => {
  it.each([
    ["addListener('data') and addListener('end')", "http.request(options, (res) => { let body = ''; res.addListener('data', (c) => { body += c; }); res.addListener('end', () => console.log(JSON.parse(body).url)); }).end();"],
    ["setEncoding, then 'data' and 'end' chained on it", "http.request(options, (res) => { let body = ''; res.setEncoding('utf8').on('data', (c) => { body += c; }).on('end', () => console.log(JSON.parse(body).url)); }).end();"],
    ['the end listener a function declared in the callback, the text parsed there', "http.request(options, (res) => { let body = ''; res.on('data', (c) => (body += c)); res.on('close', done); function done() { console.log(JSON.parse(body).self.id); } }).end();"],
  ])('%s: connect-only', async (_name, body) => {
    const { site } = await scanOne(body);
    expect(site?.rewrite).toBe('connect-only');
  });

  it.each([
    ["a second 'data' listener chained, given a function not written out", "http.request(options, (res) => { let body = ''; res.on('data', (c) => { body += c; }).on('data', sink).on('end', () => console.log(JSON.parse(body).url)); }).end();"],
    ['the stream piped at the end of the chain', "http.request(options, (res) => { let body = ''; res.on('data', (c) => { body += c; }).pipe(sink); res.on('end', () => console.log(JSON.parse(body).url)); }).end();"],
    ["what .on(…) returns held in a variable, listened to again", "http.request(options, (res) => { let body = ''; const s = res.on('data', (c) => { body += c; }); s.on('data', (c) => sink(c)); res.on('end', () => console.log(JSON.parse(body).url)); }).end();"],
    ["once('data'): the first chunk alone", "http.request(options, (res) => { let body = ''; res.once('data', (c) => { body += c; }).on('end', () => console.log(JSON.parse(body).url)); }).end();"],
    ["a 'readable' listener chained", "http.request(options, (res) => { let body = ''; res.on('data', (c) => { body += c; }).on('readable', () => sink(res)).on('end', () => console.log(JSON.parse(body).url)); }).end();"],
    ['the stream read through arguments besides', "http.request(options, function (res) { let body = ''; res.on('data', (c) => { body += c; }); arguments[0].on('data', (c) => sink(c)); res.on('end', () => console.log(JSON.parse(body).url)); }).end();"],
    ['the text parsed outside the end listener', "http.request(options, (res) => { let body = ''; res.on('data', (c) => { body += c; }); res.on('end', () => sink()); setTimeout(() => console.log(JSON.parse(body).url), 1000); }).end();"],
    ['the chunks held in an array of the loop that makes the requests', "const chunks = [];\nfor (const t of [process.env.T]) http.request(options, (res) => { res.on('data', (c) => chunks.push(c)); res.on('end', () => console.log(JSON.parse(Buffer.concat(chunks)).url, t)); }).end();"],
    ['the close listener a function also called before the end', "http.request(options, (res) => { let body = ''; res.on('data', (c) => (body += c)); res.on('close', done); setTimeout(done, 5); function done() { console.log(JSON.parse(body).url); } }).end();"],
    ['the text parsed in an error listener', "http.request(options, (res) => { let body = ''; res.on('data', (c) => (body += c)); res.on('error', () => console.log(JSON.parse(body).url)); }).end();"],
    ['the held join also handed on', "http.request(options, (res) => { const chunks = []; res.on('data', (c) => chunks.push(c)); res.on('end', () => { const text = chunks.join(''); sink(text); console.log(JSON.parse(text).url); }); }).end();"],
    ['the held join read before its reparse', "http.request(options, (res) => { const parts = []; res.on('data', (c) => parts.push(c)); res.on('end', () => { let body = Buffer.concat(parts); sink(body); body = JSON.parse(body); console.log(body.url); }); }).end();"],
  ])('%s: todo', async (_name, body) => {
    const { site } = await scanOne(body);
    expect(site?.rewrite).toBe('todo');
  });
});
