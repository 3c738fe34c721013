import { cp, mkdir, mkdtemp, readdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeSlack } from '@rtm-migrate/fake-slack';
import { expect } from 'vitest';
import { run, type RunResult } from '../../../test/support/run.js';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const CLI = join(ROOT, 'packages', 'codemod', 'dist', 'cli.js');
export const PATTERNS = join(ROOT, 'fixtures', 'patterns');

/** Runs the built CLI (`node dist/cli.js …`), as a user would. */
export function cli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return run(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
}

export async function tempDir(prefix = 'rtm-migrate-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** fixtures/bots/<bot> with the shared summary, resolving the fixture package's dependencies. */
export async function copyBot(bot: string): Promise<string> {
  const bots = join(ROOT, 'fixtures', 'bots');
  const dir = await tempDir(`${bot}-`);
  await cp(join(bots, bot), join(dir, bot), { recursive: true });
  for (const shared of ['summary.js', 'extras-summary.js']) await cp(join(bots, shared), join(dir, shared));
  await symlink(join(bots, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Runs `<bot>/bot.js` of a copy (`copyBot`) with a token, against the Slack API at `apiUrl`. */
export function runBot(dir: string, bot: string, token: string, apiUrl: string): Promise<RunResult> {
  return run(process.execPath, [join(dir, bot, 'bot.js')], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: token, SLACK_API_URL: apiUrl },
    timeoutMs: 60_000,
  });
}

/** Copies the pattern inputs (never the fixtures in place) to a temp folder. */
export async function copyPatterns(filter: (name: string) => boolean = () => true): Promise<{ dir: string; names: string[] }> {
  const dir = await tempDir('rtm-migrate-patterns-');
  const names = (await readdir(PATTERNS)).filter((n) => /\.input\.(ts|js)$/.test(n) && filter(n));
  for (const n of names) await cp(join(PATTERNS, n), join(dir, n));
  return { dir, names };
}

/** A TypeScript project whose node_modules are the legacy bot's (@slack/web-api 7, TypeScript, @types/node). */
export async function tsProject(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('rtm-migrate-verify-');
  await symlink(join(ROOT, 'fixtures', 'legacy-bot', 'node_modules'), join(dir, 'node_modules'), 'dir');
  const tsconfig = { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, include: ['src'] };
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

/**
 * A migrated program's run against a Slack that retired `rtm.start` (calls counted since the last
 * `resetCalls()`): it printed what it printed before, without an error, asked no `rtm.start` and one
 * `rtm.connect`.
 */
export function expectSameWithoutRtmStart(fake: FakeSlack, before: RunResult, after: RunResult): void {
  expect(after.stderr).toBe('');
  expect(after.code).toBe(0);
  expect(after.stdout).toBe(before.stdout);
  const methods = fake.calls.map((c) => c.method);
  expect(methods).not.toContain('rtm.start');
  expect(methods.filter((m) => m === 'rtm.connect')).toHaveLength(1);
}
