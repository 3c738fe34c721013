import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { botsRelease, linkBotsRelease } from './bots-release.js';
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

/**
 * Puts an older @slack/client 3.x release (fixtures/bots' `slack-client-3-<minor>` alias) under a copy's
 * node_modules in place of the fixture's own 3.16, as a bot pinned to it has it installed.
 */
export async function installV3Release(dir: string, version: string): Promise<void> {
  const alias = `slack-client-${version.split('.').slice(0, 2).join('-')}`;
  const release = await botsRelease(alias);
  const installed = (JSON.parse(await readFile(join(release, 'package.json'), 'utf8')) as { version: string }).version;
  if (installed !== version) throw new Error(`fixtures/bots has @slack/client ${installed}, not ${version}`);
  await rm(join(dir, 'node_modules'));
  await linkBotsRelease(dir, alias, '@slack/client');
}
