import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

import semver from 'semver';

import { declaringManifest, installedVersion } from './modules.js';

/**
 * Where the version of a module a file runs with comes from, most certain first: the copy installed in
 * the nearest `node_modules` that holds it, the version a lockfile pins for the range the nearest
 * package.json declares, or only that declared range (`manifest`: the package.json's path).
 */
export type PackageVersion =
  | { readonly from: 'installed' | 'locked'; readonly version: string }
  | { readonly from: 'declared'; readonly range: string; readonly manifest: string };

/**
 * The version of `module` a file runs with, and how that is known (see PackageVersion). Installed
 * copies are looked for from the file up as Node does (not through this process's NODE_PATH, which is
 * rtm-migrate's, not the app's). A lockfile's version that the declared range no longer allows is
 * stale (the next install changes it) and not taken. Undefined when nothing says.
 */
export function packageVersion(file: string, module: string): PackageVersion | undefined {
  // An unreadable install: the lockfile or the declared range below.
  const installed = installedVersion(file, module);
  if (installed !== undefined) return { from: 'installed', version: installed };
  const found = declaringManifest(dirname(file), module);
  if (!found) return undefined;
  const { range } = found;
  const locked = lockedVersion(found.dir, module, range);
  if (locked !== undefined && semver.valid(locked) && (!semver.validRange(range) || semver.satisfies(locked, range))) return { from: 'locked', version: locked };
  return { from: 'declared', range, manifest: join(found.dir, 'package.json') };
}

/**
 * The version of `module` a lockfile pins for the package in `dir` that declares it as `range`,
 * looking in `dir` and the folders above it (a workspace's lockfile is at its root): npm's
 * `package-lock.json` (v1: its top-level `dependencies`, v2/v3: `packages`, resolved from the package's
 * folder up as Node does), yarn's `yarn.lock` (the entry for `module@range`, v1 and berry), pnpm's
 * `pnpm-lock.yaml` (the importer's entry). Only what the lockfile says for certain: an unreadable file,
 * or one that does not list the module for this package, gives undefined.
 */
function lockedVersion(dir: string, module: string, range: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    const readers: [string, (text: string, from: string) => string | undefined][] = [
      ['package-lock.json', (text, from) => npmLocked(text, from, module)],
      ['npm-shrinkwrap.json', (text, from) => npmLocked(text, from, module)],
      ['yarn.lock', (text) => yarnLocked(text, module, range)],
      ['pnpm-lock.yaml', (text, from) => pnpmLocked(text, from, module)],
    ];
    for (const [name, read] of readers) {
      const file = join(at, name);
      if (!existsSync(file)) continue;
      // The package's folder as the lockfile names it (`''` for the lockfile's own, `packages/bot`).
      const from = relative(at, dir).split(sep).join('/');
      const version = lockAnswer(file, `${from}\0${module}\0${range}`, (text) => read(text, from));
      if (version !== undefined) return version;
    }
    // A lockfile stops the search (it is the project's, whether or not it lists the module), as does the file system's root.
    if (readers.some(([name]) => existsSync(join(at, name))) || dirname(at) === at) return undefined;
  }
}

/**
 * The one version of `module` the lockfile nearest `file` holds where no package.json declares it: a
 * dependency's dependency, hoisted where the package's scripts find it (blind s120/12: tslint and
 * ts-node brought TypeScript 2.5.3, which compiles the app, though its package.json names none).
 * npm's lockfile: the top-level `node_modules/<module>` (v2/v3) or `dependencies` entry (v1); yarn.lock:
 * every block of `module@…`, when they agree. Undefined where versions differ or the lockfile names none.
 */
export function undeclaredLockedVersion(file: string, module: string): string | undefined {
  for (let at = dirname(file); ; at = dirname(at)) {
    for (const name of ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock']) {
      const lockfile = join(at, name);
      if (!existsSync(lockfile)) continue;
      const version = lockAnswer(lockfile, `\0${module}\0*`, (text) => (name === 'yarn.lock' ? yarnSoleVersion(text, module) : npmLocked(text, '', module)));
      return version !== undefined && semver.valid(version) ? version : undefined;
    }
    if (existsSync(join(at, 'pnpm-lock.yaml')) || dirname(at) === at) return undefined;
  }
}

/** yarn.lock: the version of every block whose head names `module@…`, where there is one and they agree. */
function yarnSoleVersion(text: string, module: string): string | undefined {
  const versions = new Set(yarnVersions(text, (spec) => spec.startsWith(`${module}@`)));
  return versions.size === 1 ? [...versions][0] : undefined;
}

/**
 * What a lockfile answers to one question (`key`), read once per version of the file: the lint asks
 * for each v3 file and the codemod several times per site, and a large package-lock takes
 * milliseconds to parse. The file's size and modification time tell a version, so a long-lived
 * ESLint (an editor's) reads a lockfile again after an install rewrites it.
 */
function lockAnswer(file: string, key: string, read: (text: string) => string | undefined): string | undefined {
  let entry: LockEntry | undefined;
  try {
    const stat = statSync(file);
    const stamp = `${String(stat.mtimeMs)}:${String(stat.size)}`;
    entry = lockCache.get(file);
    if (entry?.stamp !== stamp) {
      entry = { stamp, text: readFileSync(file, 'utf8'), answers: new Map() };
      lockCache.set(file, entry);
    }
  } catch {
    return undefined;
  }
  if (!entry.answers.has(key)) entry.answers.set(key, read(entry.text));
  return entry.answers.get(key);
}

interface LockEntry {
  readonly stamp: string;
  readonly text: string;
  readonly answers: Map<string, string | undefined>;
}

const lockCache = new Map<string, LockEntry>();

interface NpmLock {
  readonly lockfileVersion?: number;
  readonly packages?: Record<string, { readonly version?: string }>;
  readonly dependencies?: Record<string, { readonly version?: string }>;
}

function npmLocked(text: string, from: string, module: string): string | undefined {
  let lock: NpmLock;
  try {
    lock = JSON.parse(text) as NpmLock;
  } catch {
    return undefined;
  }
  if (lock.packages) {
    // Node looks in `<from>/node_modules`, then each folder above, up to the lockfile's.
    const parts = from === '' ? [] : from.split('/');
    for (let n = parts.length; n >= 0; n--) {
      const prefix = parts.slice(0, n).join('/');
      const entry = lock.packages[`${prefix === '' ? '' : `${prefix}/`}node_modules/${module}`];
      if (typeof entry?.version === 'string') return entry.version;
    }
    return undefined;
  }
  // v1 knows no workspaces: its top-level `dependencies` are the lockfile's own package's.
  const version = from === '' ? lock.dependencies?.[module]?.version : undefined;
  return typeof version === 'string' && /^\d/.test(version) ? version : undefined;
}

/** yarn.lock: the block whose head lists `module@range` (berry: `module@npm:range`), its `version`. */
function yarnLocked(text: string, module: string, range: string): string | undefined {
  const wanted = new Set([`${module}@${range}`, `${module}@npm:${range}`]);
  return yarnVersions(text, (spec) => wanted.has(spec))[0];
}

/** yarn.lock (v1 and berry): the `version` of each block one of whose head's specs (unquoted) is `wanted`. */
function yarnVersions(text: string, wanted: (spec: string) => boolean): string[] {
  const versions: string[] = [];
  let inBlock = false;
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      inBlock = line.replace(/:$/, '').split(/,\s*/).some((spec) => wanted(spec.trim().replace(/^"|"$/g, '')));
      continue;
    }
    const version = inBlock ? /^\s+version:?\s+"?([^"\s]+)"?\s*$/.exec(line)?.[1] : undefined;
    if (version !== undefined) versions.push(version);
  }
  return versions;
}

/**
 * pnpm-lock.yaml: the version under the importer (`importers:` / `<from>:`, or the top level of a
 * lockfile without importers) in `dependencies`, `devDependencies` or `optionalDependencies`, written
 * `'@slack/client': 3.16.0` (v5) or `'@slack/client':` then `version: 3.16.0` (v6, v9). Peer suffixes
 * (`3.16.0(ws@…)`, `/3.16.0_ws@…`) are cut. Read by indentation: these keys are all pnpm writes there.
 */
function pnpmLocked(text: string, from: string, module: string): string | undefined {
  const lines = text.split(/\r?\n/);
  const hasImporters = lines.includes('importers:');
  const importer = from === '' ? '.' : from;
  // The importer's block: 2 spaces in under `importers:`; the whole file (top level) without importers.
  let base = 0;
  let start = 0;
  let end = lines.length;
  if (hasImporters) {
    const at = lines.findIndex((l, i) => i > lines.indexOf('importers:') && (l === `  ${importer}:` || l === `  '${importer}':`));
    if (at < 0) return undefined;
    base = 4;
    start = at + 1;
    end = lines.findIndex((l, i) => i > at && l !== '' && !l.startsWith('    '));
    if (end < 0) end = lines.length;
  } else if (from !== '') return undefined;
  const key = new RegExp(`^${' '.repeat(base + 2)}(?:'${escape(module)}'|"${escape(module)}"|${escape(module)}):\\s*(.*)$`);
  let section = '';
  for (let i = start; i < end; i++) {
    const line = lines[i] ?? '';
    const head = new RegExp(`^${' '.repeat(base)}(\\w+):\\s*$`).exec(line);
    if (head) { section = head[1] ?? ''; continue; }
    if (!/^(dependencies|devDependencies|optionalDependencies)$/.test(section)) continue;
    const found = key.exec(line);
    if (!found) continue;
    const inline = found[1]?.trim() ?? '';
    const value = inline !== '' ? inline : /^\s+version:\s*(\S+)\s*$/.exec(lines.slice(i + 1, i + 3).find((l) => /^\s+version:/.test(l)) ?? '')?.[1];
    const version = value?.replace(/^['"]|['"]$/g, '').replace(/^\//, '').split(/[(_]/)[0];
    return version !== undefined && /^\d+\.\d+\.\d+/.test(version) ? version : undefined;
  }
  return undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
