import { cp, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** Copies the pattern inputs (never the fixtures in place) to a temp folder. */
export async function copyPatterns(filter: (name: string) => boolean = () => true): Promise<{ dir: string; names: string[] }> {
  const dir = await tempDir('rtm-migrate-patterns-');
  const names = (await readdir(PATTERNS)).filter((n) => /\.input\.(ts|js)$/.test(n) && filter(n));
  for (const n of names) await cp(join(PATTERNS, n), join(dir, n));
  return { dir, names };
}
