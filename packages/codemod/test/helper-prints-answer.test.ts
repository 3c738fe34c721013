import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, writeBotFiles } from './helpers.js';

/**
 * The app's own API helper prints Slack's whole answer itself, and `rtm.start` is called through it
 * with nothing read at the call: what the program shows is that printed answer, so swapping the call
 * to `rtm.connect` (what the call site alone would allow) would print a thin one. Each bot is run
 * against fake Slack in `legacy` mode, migrated by the CLI, then run in `connect_required` mode: it
 * prints the same users and channels (the helper module, through the helper), or a TODO is left and
 * the call still names `rtm.start`; never the thin `rtm.connect` answer.
 */

const API = "const API = process.env.SLACK_API_URL || 'https://slack.com/api/';\n";

/** request's `(err, res, body)`: the body text printed as it comes; the call site passes no callback. */
const REQUEST_BOT = `const request = require('request');
${API}
function slackApi(method, form, cb) {
  request.post({ url: API + method, form: form }, function (err, res, body) {
    console.log(body);
    if (cb) cb(err, JSON.parse(body));
  });
}

slackApi('rtm.start', { token: process.env.SLACK_BOT_TOKEN });
`;

/** fetch, the parsed answer printed as JSON text; the call site reads only the socket URL. */
const FETCH_BOT = `${API}
async function slackApi(method, params) {
  const res = await fetch(API + method, { method: 'POST', body: new URLSearchParams(params) });
  const data = await res.json();
  process.stdout.write(JSON.stringify(data) + '\\n');
  return data;
}

slackApi('rtm.start', { token: process.env.SLACK_BOT_TOKEN }).then((answer) => {
  if (!answer.url) process.exitCode = 1;
});
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 41, users: 6, channels: 4, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });

/** The ids of the users and channels `rtm.start` answered, as the legacy run printed them. */
function startIds(printed: string): string[] {
  const answer = JSON.parse(printed) as { users: { id: string }[]; channels: { id: string }[] };
  return [...answer.users, ...answer.channels].map((x) => x.id);
}

describe("an API helper that prints Slack's whole answer itself", () => {
  it('request, called with no callback: a TODO, the call left on rtm.start (rtm.connect would print a thin answer)', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-prints-', { 'bot.js': REQUEST_BOT });
    fake.setMode('legacy');
    const before = await runIn(dir);
    expect(before.stderr).toBe('');
    const ids = startIds(before.stdout);
    expect(ids.length).toBe(10);

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('TODOs left: 1');
    const source = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(source).toContain('TODO(rtm-migrate): the response leaves code rtm-migrate can follow (bot.js:11: `slackApi` prints');
    expect(source).toContain("slackApi('rtm.start', { token: process.env.SLACK_BOT_TOKEN });");
    expect(source).not.toContain("'rtm.connect'");

    // The swap the call site alone would allow: what the program prints loses the users and channels.
    await writeFile(join(dir, 'bot.js'), source.replace("'rtm.start'", "'rtm.connect'"));
    fake.setMode('connect_required');
    const swapped = await runIn(dir);
    const thin = JSON.parse(swapped.stdout) as Record<string, unknown>;
    expect(thin['ok']).toBe(true);
    expect(thin['users']).toBeUndefined();
    expect(thin['channels']).toBeUndefined();
  });

  it('fetch, the answer printed as JSON: the helper module through the helper, the same users and channels printed', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-prints-', { 'bot.js': FETCH_BOT });
    fake.setMode('legacy');
    const before = await runIn(dir);
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
    const ids = startIds(before.stdout);

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.stdout).toContain('TODOs left: 0');
    expect(migrated.stdout).toContain('helper → helper-module');
    const source = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(source).not.toContain("'rtm.connect'");
    expect(source).not.toContain("'rtm.start'");

    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await runIn(dir);
    expect({ code: after.code, stderr: after.stderr }).toEqual({ code: 0, stderr: '' });
    const methods = fake.calls.map((c) => c.method);
    expect(methods).not.toContain('rtm.start');
    expect(methods).toContain('users.list');
    // Each answer the helper printed is one of the replacement methods': together they show every user and channel.
    const printed = after.stdout.trim().split('\n').map((line) => JSON.stringify(JSON.parse(line)));
    for (const id of ids) expect(printed.some((line) => line.includes(`"id":"${id}"`)), id).toBe(true);
  });
});
