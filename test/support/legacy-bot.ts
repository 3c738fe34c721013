import { cp, mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, runNodeBot, type RunResult } from './run.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const LEGACY_BOT = join(ROOT, 'fixtures', 'legacy-bot');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/**
 * Copies the legacy bot (fixtures are never edited in place) into a fresh temporary folder that
 * resolves the fixture's own dependencies, and returns its path.
 */
export async function copyLegacyBot(prefix = 'legacy-bot-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  for (const entry of ['src', 'tsconfig.json', 'package.json']) {
    await cp(join(LEGACY_BOT, entry), join(dir, entry), { recursive: true });
  }
  await symlink(join(LEGACY_BOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** `tsc -p` on a copy of the bot: strict, as its tsconfig says. */
export function compileBot(dir: string): Promise<RunResult> {
  return run(process.execPath, [TSC, '-p', dir]);
}

/** Runs the compiled bot against a Slack API base URL, as its users would (env, not flags). */
export function runCompiledBot(dir: string, apiUrl: string, token = 'xoxb-test'): Promise<RunResult> {
  return runNodeBot(join(dir, 'dist', 'index.js'), { cwd: dir, apiUrl, token, timeoutMs: 60_000 });
}
