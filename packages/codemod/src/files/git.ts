import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';

/**
 * Uncommitted changes under `paths` (`git status --porcelain`), or null when `cwd` is not in a git
 * work tree (or git is missing): then there is nothing to protect and the check passes.
 */
export function dirtyFiles(cwd: string, paths: readonly string[]): string[] | null {
  const top = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd, encoding: 'utf8' });
  if (top.status !== 0 || top.stdout.trim() !== 'true') return null;
  const rels = paths.map((p) => relative(cwd, p) || '.');
  const res = spawnSync('git', ['status', '--porcelain', '--', ...rels], { cwd, encoding: 'utf8' });
  if (res.status !== 0) return null;
  return res.stdout.split('\n').filter((l) => l.trim() !== '').map((l) => l.slice(3));
}
