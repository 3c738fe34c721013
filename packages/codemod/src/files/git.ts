import { spawnSync } from 'node:child_process';
import { dirname, relative, sep } from 'node:path';

/**
 * Uncommitted changes among `paths` (absolute; `git status --porcelain`), asked in the folder that holds
 * them all, not in the caller's (`rtm-migrate apply ../bot` run from outside the bot's repository, blind
 * s70), with that folder; `dirty` is null when it is not in a git work tree (or git is missing): then
 * there is nothing to protect and the check passes.
 */
export function dirtyFiles(paths: readonly string[]): { readonly dir: string; readonly dirty: string[] | null } {
  const dir = commonFolder(paths.map((p) => dirname(p)));
  const top = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir, encoding: 'utf8' });
  if (top.status !== 0 || top.stdout.trim() !== 'true') return { dir, dirty: null };
  const rels = paths.map((p) => relative(dir, p) || '.');
  const res = spawnSync('git', ['status', '--porcelain', '--', ...rels], { cwd: dir, encoding: 'utf8' });
  if (res.status !== 0) return { dir, dirty: null };
  return { dir, dirty: res.stdout.split('\n').filter((l) => l.trim() !== '').map((l) => l.slice(3)) };
}

/** The deepest folder that holds every one of `dirs`. */
function commonFolder(dirs: readonly string[]): string {
  const [first = '.', ...rest] = dirs;
  let parts = first.split(sep);
  for (const d of rest) {
    const other = d.split(sep);
    const same = parts.findIndex((p, i) => other[i] !== p);
    if (same >= 0) parts = parts.slice(0, same);
  }
  return parts.join(sep) || sep;
}
