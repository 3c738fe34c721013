import { mkdir, realpath, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ROOT } from './legacy-bot.js';

/**
 * The folder of a release fixtures/bots installs (`botkit`, or an npm alias of an older one:
 * `slack-client-2`, `slack-client-3-9`), resolved through pnpm's link to the real package.
 */
export function botsRelease(alias: string): Promise<string> {
  return realpath(join(ROOT, 'fixtures', 'bots', 'node_modules', alias));
}

/**
 * Installs that release under `dir/node_modules/<name>` (a link, as a bot that has it installed finds
 * it: `require(name)`), beside whatever else is there; returns the release's folder.
 */
export async function linkBotsRelease(dir: string, alias: string, name: string): Promise<string> {
  const release = await botsRelease(alias);
  const at = join(dir, 'node_modules', name);
  await mkdir(dirname(at), { recursive: true });
  await symlink(release, at, 'dir');
  return release;
}
