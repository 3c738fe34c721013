import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, outcomes, scanFiles, writeBotFiles } from './helpers.js';

/**
 * An app's helper whose code is not in view may call back `(data, err)`: a callback that reads its
 * first parameter and only tests its second must not be taken for Node-style `(err, data)`, whose
 * `rtm.connect` swap would hand the stores nothing. The bot is run against fake Slack in `legacy`
 * mode, migrated by the CLI (a TODO, the call left as it is), and run again with the same result.
 */

/** The host app: `svc` is a global, set up in a file the call site does not require by name. */
const HOST = `const API = process.env.SLACK_API_URL || 'https://slack.com/api/';
global.svc = {
  request(method, done) {
    fetch(API + method, { method: 'POST', headers: { authorization: 'Bearer ' + process.env.SLACK_BOT_TOKEN } })
      .then((res) => res.json())
      .then((body) => (body.ok ? done({ data: body }, null) : done(null, body.error)), (e) => done(null, e));
  },
};
`;

const BOT = `require('./host');

const store = {
  users: [],
  channels: [],
  load(users, channels) {
    this.users = users;
    this.channels = channels;
  },
};

svc.request('rtm.start', function (result, failure) {
  if (failure) return;
  const d = result.data;
  store.load(d.users, d.channels);
  console.log('users: ' + store.users.map((u) => u.id).sort().join(','));
  console.log('channels: ' + store.channels.map((c) => c.id).sort().join(','));
});
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 23, users: 4, channels: 3, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });

/** The text without the TODO(rtm-migrate) comment and its continued lines. */
const withoutTodo = (source: string): string => source.replace(/^ *\/\/ TODO\(rtm-migrate\):.*\n(?: *\/\/ {3}.*\n)*/m, '');

describe('a callback that takes the answer first, (result, failure), from a helper not in view', () => {
  it('a TODO naming the convention, the program otherwise unchanged: the same users and channels under legacy', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-answer-first-', { 'host.js': HOST, 'bot.js': BOT });
    fake.setMode('legacy');
    const before = await runIn(dir);
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
    expect(before.stdout).toMatch(/^users: U\w+(,U\w+){3}\nchannels: C\w+(,C\w+){2}\n$/);

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('TODOs left: 1');
    const source = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(source.replace(/\n *\/\/ {3}/g, ' ')).toContain('the callback convention of `svc.request` is not known: nothing in the callback uses `result` as an error');
    expect(withoutTodo(source)).toBe(BOT);
    expect(await readFile(join(dir, 'host.js'), 'utf8')).toBe(HOST);

    const after = await runIn(dir);
    expect(after).toEqual(before);

    // The swap made before: on rtm.connect the stores get nothing and the bot fails where it read them.
    await writeFile(join(dir, 'bot.js'), BOT.replace("'rtm.start'", "'rtm.connect'"));
    fake.setMode('connect_required');
    const swapped = await runIn(dir);
    expect(swapped.stdout).not.toBe(before.stdout);
    expect(swapped.stderr).toContain("Cannot read properties of undefined (reading 'map')");
  });
});

const MANIFEST = JSON.stringify({ name: 'bot', private: true });

describe('what an unknown helper hands its callback or promise', () => {
  it.each([
    { form: 'one parameter named as an error but read as the answer', call: "api.call('rtm.start', (e) => roster.fill(e.users));", rewrite: 'todo', why: 'nothing in the callback uses `e` as an error' },
    { form: 'one parameter used as an error only', call: "api.call('rtm.start', (err) => { if (err) throw err; });", rewrite: 'connect-only' },
    { form: '(err, data) reading only the socket URL', call: "api.call('rtm.start', (err, data) => { if (err) return; roster.open(data.url); });", rewrite: 'connect-only' },
    { form: '(a, b) with the first reading only the socket URL', call: "api.call('rtm.start', (a, b) => { if (b) return; roster.open(a.url); });", rewrite: 'connect-only' },
    { form: '(a, b) with the first handed on whole', call: "api.call('rtm.start', (a, b) => { if (b) return; roster.keep(a); });", rewrite: 'todo', why: 'nothing in the callback uses `a` as an error' },
    { form: 'a promise read through a `data` wrapper', call: "api.call('rtm.start').then((res) => roster.fill(res.data.users));", rewrite: 'todo' },
    { form: 'a promise reading the socket URL through a `data` wrapper', call: "api.call('rtm.start').then((res) => roster.open(res.data.url));", rewrite: 'connect-only' },
  ] as { form: string; call: string; rewrite: string; why?: string }[])('$form: $rewrite', async ({ call, rewrite, why }) => {
    const report = await scanFiles(MANIFEST, { 'bot.js': `const api = require('./api');\nconst roster = require('./roster');\n${call}\n` });
    expect(Object.values(outcomes(report))).toEqual([rewrite]);
    if (why) expect(report.sites[0]?.message).toContain(why);
  });
});
