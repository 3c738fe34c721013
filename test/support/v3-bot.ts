import { cp, mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './legacy-bot.js';
import { runNodeBot, type RunResult } from './run.js';

export const V3_BOT = join(ROOT, 'fixtures', 'v3-bot');

/** A copy of the @slack/client v3 bot (fixtures are never edited in place), resolving the fixture's own dependencies. */
export async function copyV3Bot(prefix = 'v3-bot-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await cp(join(V3_BOT, 'src'), join(dir, 'src'), { recursive: true });
  await cp(join(V3_BOT, 'package.json'), join(dir, 'package.json'));
  await symlink(join(V3_BOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Runs the v3 bot against a Slack API base URL, as its users would (env, not flags). */
export function runV3Bot(dir: string, apiUrl: string): Promise<RunResult> {
  return runNodeBot(join(dir, 'src', 'bot.js'), { cwd: dir, apiUrl, timeoutMs: 90_000 });
}
