import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, cli, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * The request library given `encodeURI('…/rtm.start?token=' + token)`: encodeURI leaves the written
 * URL as it is and only escapes the token, which the rebuilt request (`qs`) escapes itself, so the
 * call is rebuilt as if the URL were given plainly. The bot (the real `request` package) runs against
 * fake Slack in `legacy` mode, is migrated by the CLI with no TODO, and in `connect_required` mode
 * knows the same users, channels and channel members. The same URL whose token is already
 * `encodeURIComponent(…)`-ed (encodeURI escapes its `%` again) stays a TODO, the file as it was.
 * The base URL is the fake's, written out: a base held in a name could hold what encodeURI changes.
 */

const bot = (apiUrl: string, token: string): string => `const request = require('request');
request(encodeURI('${apiUrl}rtm.start?token=' + ${token}), function (err, res, body) {
  if (err || res.statusCode !== 200) return console.error('unable to start: ' + (err || res.statusCode));
  const answer = JSON.parse(body);
  if (!answer.ok) { process.exitCode = 1; return console.error('unable to start: ' + answer.error); }
  const ids = (list) => list.map((x) => x.id).sort().join(' ');
  console.log('users: ' + ids(answer.users));
  console.log('channels: ' + answer.channels.filter((c) => c.is_member).map((c) => c.id + '=' + c.members.length).sort().join(' '));
  console.log('socket: ' + /^wss?:/.test(answer.url));
});
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 71, users: 6, channels: 4, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });

describe('request given its rtm.start URL through encodeURI', () => {
  it('a written URL and a plain token: rebuilt, the same users, channels and members after', { timeout: 180_000 }, async () => {
    const source = bot(fake.apiUrl, 'process.env.SLACK_BOT_TOKEN');
    const dir = await writeBotFiles('rtm-migrate-request-encodeuri-', { 'bot.js': source });
    fake.setMode('legacy');
    const before = await runIn(dir);
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
    expect(before.stdout).toMatch(/^users: (U\w+ ){5}U\w+\nchannels: (C\w+=[1-9]\d* ?)+\nsocket: true\n$/);
    await breaksThenMigrates(fake, dir, () => runIn(dir));
    const migrated = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(migrated).not.toContain('encodeURI');
    expect(migrated).toContain('{ qs: apiArgs }');

    fake.resetCalls();
    const after = await runIn(dir);
    expectSameWithoutRtmStart(fake, before, after);
    const asked = fake.calls.map((c) => c.method);
    for (const method of ['users.list', 'conversations.list', 'conversations.members']) expect(asked).toContain(method);
  });

  it('a token already encodeURIComponent-ed: a TODO, the call as it was', { timeout: 120_000 }, async () => {
    const source = bot(fake.apiUrl, 'encodeURIComponent(process.env.SLACK_BOT_TOKEN)');
    const dir = await writeBotFiles('rtm-migrate-request-encodeuri-', { 'bot.js': source });
    const applied = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(applied.stderr).toBe('');
    expect(applied.stdout).toContain('TODOs left: 1');
    const out = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(out).toContain('goes through `encodeURI(…)`');
    expect(out.replace(/^ *\/\/.*\n/gm, '')).toBe(source);
  });
});
