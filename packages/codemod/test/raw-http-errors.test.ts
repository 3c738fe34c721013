import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, type RunResult } from '../../../test/support/run.js';
import { cli, copyBot, ROOT, runBot } from './helpers.js';

/**
 * Slack's errors, not only its data: a raw HTTP request to `rtm.start` got `{ ok: false, error }` as a
 * 200 body, and the bots below print `data.error` from it. After `rtm-migrate apply` the request goes
 * through the generated helper module, whose calls answer Slack's `ok: false` the same way: each bot,
 * given a token fake Slack does not know, prints the same before (`legacy`) and after
 * (`connect_required`), and still prints its workspace with a good token.
 */
const RAW_HTTP_BOTS: readonly { readonly bot: string; readonly main: string; readonly typescript?: boolean }[] = [
  { bot: 'fetch-bot', main: 'bot.js' },
  { bot: 'fetch-query-bot', main: 'bot.js' },
  { bot: 'axios-bot', main: 'bot.js' },
  { bot: 'axios-ts-bot', main: 'bot.js', typescript: true },
  { bot: 'got-bot', main: 'bot.js' },
  { bot: 'request-bot', main: 'bot.js' },
  { bot: 'http-get-bot', main: 'bot.js' },
  { bot: 'unirest-bot', main: 'bot.js' },
];

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 21, users: 12, channels: 4, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runWith = (dir: string, bot: string, token: string): Promise<RunResult> => runBot(dir, bot, token, fake.apiUrl);

async function build(dir: string, bot: string, typescript: boolean | undefined): Promise<void> {
  if (!typescript) return;
  const compiled = await run(process.execPath, [TSC, '-p', join(dir, bot)]);
  expect(compiled.stdout + compiled.stderr).toBe('');
}

describe('raw-HTTP bots keep Slack’s ok: false answer after the migration', () => {
  it.each(RAW_HTTP_BOTS.map((b) => [b.bot, b] as const))('%s', { timeout: 180_000 }, async (_name, { bot, typescript }) => {
    const dir = await copyBot(bot);
    await build(dir, bot, typescript);
    fake.setMode('legacy');
    const before = await runWith(dir, bot, 'xoxb-not-a-known-token');
    expect(before.stderr).toBe('rtm.start failed: invalid_auth\n');
    expect(before.code).toBe(1);

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('TODOs left: 0');
    expect(await readFile(join(dir, bot, typescript ? 'bot.ts' : 'bot.js'), 'utf8')).toContain('.catch((err) => (err.data !== undefined && err.data !== null ? err.data : Promise.reject(err)))');
    await build(dir, bot, typescript);

    fake.setMode('connect_required');
    const after = await runWith(dir, bot, 'xoxb-not-a-known-token');
    expect({ code: after.code, stdout: after.stdout, stderr: after.stderr }).toEqual({ code: before.code, stdout: before.stdout, stderr: before.stderr });

    // The data path is unchanged: with a good token it prints the workspace.
    const good = await runWith(dir, bot, 'xoxb-test');
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^users: \d+/m);
  });
});
