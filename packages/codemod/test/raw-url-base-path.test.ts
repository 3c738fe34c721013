import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, scanFiles, writeBotFiles } from './helpers.js';

/**
 * `rtm.start` requested by a path under the base a `request` client was made with (blind s113/01,
 * tinybot: `request.defaults({ baseUrl, json: true, qs: { token } })`, then `api({ url: '/rtm.start' })`):
 * no site before, and `--check` passed. Where only `rtm.connect`'s fields are read the path is renamed
 * (run with the real `request` against fake Slack); where lists are read, a TODO: that client's options
 * (`json: true` parses the answers) are set where it is made, and a rebuild through it parsed them twice.
 */
const bot = (reads: string): string => `var request = require('request');
var api = request.defaults({ baseUrl: process.env.SLACK_API_URL, json: true, qs: { token: process.env.SLACK_BOT_TOKEN } });
api({ method: 'GET', url: '/rtm.start' }, function (err, res, body) {
  if (err) throw err;
  console.log(${reads});
});
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 17, users: 20, channels: 4, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const run = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });

describe('rtm.start as a path under a request client\'s base URL', () => {
  it('read for rtm.connect\'s fields only: the path renamed, the same output against connect_required', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-base-path-', { 'bot.js': bot("'ok ' + body.ok + ', socket ' + /^wss?:/.test(body.url) + ', self ' + body.self.id") });
    fake.setMode('legacy');
    const before = await run(dir);
    expect([before.code, before.stderr, before.stdout]).toEqual([0, '', expect.stringMatching(/^ok true, socket true, self U\w+\n$/)]);
    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stdout).toMatch(/^done +bot\.js:3:27 +raw-url → connect-only/m);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain("url: '/rtm.connect'");
    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await run(dir);
    expect([after.code, after.stderr, after.stdout]).toEqual([0, '', before.stdout]);
    expect(fake.calls.map((c) => c.method)).toEqual(['rtm.connect']);
  });

  it('read for its lists: a TODO naming the client\'s base, and --check fails', async () => {
    const { sites } = await scanFiles(JSON.stringify({ dependencies: { request: '^2.88.0' } }), { 'bot.js': bot("body.users.length + ' users'") });
    expect(sites.map((s) => [s.id, s.rewrite])).toEqual([['bot.js:3:27', 'todo']]);
    expect(sites[0]?.message).toContain("the request's address is a path under the base its client was made with");
  });
});
