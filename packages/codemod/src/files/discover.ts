import { closeSync, existsSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import type { Ignore } from 'ignore';
import { UsageError } from '../errors.js';

/** `es6` and `es`: JavaScript that Babel compiles (BABEL_SCRIPT_EXTENSIONS of the analysis), read as `.js`. */
export const SOURCE_EXTENSIONS = ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'es6', 'es'] as const;
const SOURCE_RE = new RegExp(`\\.(${SOURCE_EXTENSIONS.join('|')})$`, 'i');

/** A TypeScript file by its name (`.ts`, `.mts`, `.cts`, `.tsx`). */
export const typescriptFile = (file: string): boolean => /\.[cm]?tsx?$/i.test(file);

/** A JavaScript file by its name (`.js`, `.cjs`, `.mjs`, `.jsx`, Babel's `.es6` and `.es`), as `typescriptFile` tells TypeScript's. */
export const javascriptFile = (file: string): boolean => /\.(?:[cm]?jsx?|es6?)$/i.test(file);

/**
 * Languages that compile to the JavaScript a bot runs (hubot-slack and slack-client were CoffeeScript):
 * not parsed, but a file of them that names `rtm.start` is reported, never passed over in silence.
 */
export const FOREIGN_SOURCES: Readonly<Record<string, string>> = { coffee: 'CoffeeScript', litcoffee: 'CoffeeScript', iced: 'IcedCoffeeScript', ls: 'LiveScript', vue: 'a Vue single-file component', svelte: 'a Svelte component' };

/** Of FOREIGN_SOURCES, the components whose `<script>` is JavaScript a bundler compiles with the rest (blind s108/03: a Vue chat client). */
export const COMPONENT_SOURCES: ReadonlySet<string> = new Set(['vue', 'svelte']);
const FOREIGN_RE = new RegExp(`\\.(${Object.keys(FOREIGN_SOURCES).join('|')})$`, 'i');

/** JSON that may hold a method table (`api/slack.json`); a manifest's or lockfile's keywords and descriptions are no table. */
const JSON_RE = /\.json$/i;
const MANIFESTS = new Set(['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'composer.json', 'bower.json']);
const tableCandidate = (name: string): boolean => JSON_RE.test(name) && !MANIFESTS.has(name.toLowerCase()) && !/^tsconfig\b/i.test(name);

export interface Skipped {
  readonly file: string;
  readonly reason: string;
  /** The skipped file contains `rtm.start` (a binary or huge file), or a foreign source a client that requests it: `--check` fails on it. */
  readonly mentionsRtmStart?: boolean;
  /** What it contains, as the warning names it (`rtm.start` unless said). */
  readonly names?: string;
}

export interface Discovery {
  /** Absolute paths of the source files to look at. */
  readonly files: string[];
  readonly skipped: Skipped[];
  /** Absolute paths of files in a language that compiles to JavaScript (FOREIGN_SOURCES): read only to say whether they name `rtm.start`. */
  readonly foreign: string[];
  /** Absolute paths of the source files an ignore rule (`.gitignore`, `--ignore`) left out, in folders that were walked. */
  readonly ignored: string[];
  /** Absolute paths of Node scripts without an extension (`bin/start`, `#!/usr/bin/env node`): read only to say whether they name `rtm.start`. */
  readonly scripts: string[];
  /** Absolute paths of JSON files, manifests aside: read only to say whether they name `rtm.start` as a method (a library's method table). */
  readonly tables: string[];
  /** Folder paths are reported relative to. */
  readonly root: string;
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/** Folders never entered, whatever the rules say. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git']);

/**
 * The `ignore` matcher, loaded only when there are rules to match (a `.gitignore`, `--ignore`): a
 * folder without any costs no module load and no matching, which counts where nothing is found.
 */
function matcher(patterns: readonly string[]): Ignore {
  const ignore = createRequire(import.meta.url)('ignore') as (options?: object) => Ignore;
  // `add` splits a string into its lines, but takes each string of an array as one rule.
  return ignore().add(patterns.flatMap((p) => p.split(/\r?\n/)));
}

/** The `.gitignore` of `dir`, if it has one. */
function gitignoreOf(dir: string): string | undefined {
  try {
    return readFileSync(join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The source files under `paths`: `node_modules`, `.git`, `.gitignore`d and `--ignore`d paths left out;
 * symlinks are never followed out of the root (and never into loops: tinyglobby does not follow them).
 */
export function discover(paths: readonly string[], options: { ignore?: readonly string[]; cwd?: string } = {}): Discovery {
  const cwd = resolve(options.cwd ?? process.cwd());
  const root = cwd;
  const files = new Set<string>();
  const foreign = new Set<string>();
  const ignored = new Set<string>();
  const scripts = new Set<string>();
  const tables = new Set<string>();
  const skipped: Skipped[] = [];
  for (const p of expandPaths(paths, cwd)) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = lstatSync(abs);
    } catch {
      throw new UsageError(`no such file or directory: ${p}`);
    }
    if (st.isSymbolicLink()) {
      let real: string;
      try {
        real = realpathSync(abs);
      } catch {
        skipped.push({ file: relative(root, abs), reason: 'broken or looping symlink' });
        continue;
      }
      if (!isInside(root, real)) {
        skipped.push({ file: relative(root, abs), reason: 'symlink out of the root: not followed' });
        continue;
      }
      st = statSync(real);
    }
    if (st.isFile()) {
      // Named on the command line, but not code the parsers read (README.md, config.yaml…).
      if (FOREIGN_RE.test(abs)) foreign.add(abs);
      else if (!basename(abs).includes('.') && nodeScript(abs)) scripts.add(abs);
      else if (tableCandidate(basename(abs))) tables.add(abs);
      else if (!SOURCE_RE.test(abs) || /\.d\.[cm]?ts$/.test(abs)) skipped.push({ file: relative(root, abs), reason: `not a JavaScript or TypeScript source file (${SOURCE_EXTENSIONS.map((e) => `.${e}`).join(', ')})` });
      else files.add(abs);
      continue;
    }
    const patterns = [...(options.ignore ?? []), gitignoreOf(abs)].filter((x): x is string => x !== undefined);
    walk(abs, '', root, patterns.length > 0 ? matcher(patterns) : undefined, gitignoresAbove(abs, cwd), { files, foreign, ignored, scripts, tables, skipped });
  }
  return { files: [...files].sort(), skipped, foreign: [...foreign].sort(), ignored: [...ignored].sort(), scripts: [...scripts].sort(), tables: [...tables].sort(), root };
}

/**
 * The `.gitignore` files from `cwd` down to the folder above `dir` (`rtm-migrate packages/app` run at the root): each
 * applies relative to its own folder, as git reads it, so the root's `/build` or `!packages/app/dist/` means what it says there.
 */
function gitignoresAbove(dir: string, cwd: string): { dir: string; ig: Ignore }[] {
  if (dir === cwd || !isInside(cwd, dir)) return [];
  const rules: { dir: string; ig: Ignore }[] = [];
  for (let above = dirname(dir); ; above = dirname(above)) {
    const own = gitignoreOf(above);
    if (own !== undefined) rules.unshift({ dir: above, ig: matcher([own]) });
    if (above === cwd || dirname(above) === above) return rules;
  }
}

/** What a walk collects: the source files, the files in a language that compiles to JavaScript, Node scripts without an extension, JSON files, the skipped paths. */
interface Found {
  readonly files: Set<string>;
  readonly foreign: Set<string>;
  readonly ignored: Set<string>;
  readonly scripts: Set<string>;
  readonly tables: Set<string>;
  readonly skipped: Skipped[];
}

/** A file Node runs by its first line (`#!/usr/bin/env node`, `#!/usr/local/bin/node --harmony`). */
function nodeScript(file: string): boolean {
  const head = Buffer.alloc(64);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const read = readSync(fd, head, 0, head.length, 0);
    return /^#![^\n]*\bnode(?:js)?\b/.test(head.subarray(0, read).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * One pass over a folder: no symlink is followed (each is listed as skipped with the reason), ignored
 * folders are never entered, nested `.gitignore` files apply below their folder.
 */
function walk(dir: string, relDir: string, root: string, ig: Ignore | undefined, nested: readonly { dir: string; ig: Ignore }[], found: Found): void {
  const { files, foreign, ignored, scripts, tables, skipped } = found;
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    skipped.push({ file: relative(root, dir) || '.', reason: `unreadable folder: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
    return;
  }
  let rules = nested;
  const own = relDir !== '' && existsSync(join(dir, '.gitignore')) ? gitignoreOf(dir) : undefined;
  if (own !== undefined) rules = [...nested, { dir, ig: matcher([own]) }];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const isDir = e.isDirectory();
    // A file with no extension may be a Node script (`bin/start`, blind s95/06): its first line says.
    const extensionless = e.isFile() && !e.name.includes('.');
    // Files that are not source are never looked at: no need to ask the ignore rules about them.
    const table = e.isFile() && tableCandidate(e.name);
    if (!isDir && !e.isSymbolicLink() && !SOURCE_RE.test(e.name) && !FOREIGN_RE.test(e.name) && !extensionless && !table) continue;
    const full = join(dir, e.name);
    const rel = relDir === '' ? e.name : `${relDir}/${e.name}`;
    if (ALWAYS_SKIPPED.has(e.name)) continue;
    if (ig?.ignores(isDir ? `${rel}/` : rel) || rules.some((r) => r.ig.ignores(relative(r.dir, full).split(sep).join('/') + (isDir ? '/' : '')))) {
      // A compiled file beside its CoffeeScript source is often git-ignored (blind s70/03): the CoffeeScript's skip line names it.
      if (!isDir && SOURCE_RE.test(e.name)) ignored.add(full);
      continue;
    }
    if (e.isSymbolicLink()) {
      if (!SOURCE_RE.test(e.name) && !isDirLink(full)) continue;
      let reason: string;
      try {
        const real = realpathSync(full);
        reason = isInside(root, real) ? 'symlink: not followed (its target is processed where it lives)' : 'symlink out of the root: not followed';
      } catch {
        reason = 'broken or looping symlink: not followed';
      }
      skipped.push({ file: relative(root, full), reason });
      continue;
    }
    if (isDir) {
      walk(full, rel, root, ig, rules, found);
      continue;
    }
    if (extensionless) {
      if (nodeScript(full)) scripts.add(full);
    } else if (table) tables.add(full);
    else if (e.isFile() && FOREIGN_RE.test(e.name)) foreign.add(full);
    else if (e.isFile() && SOURCE_RE.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name)) files.add(full);
  }
}

function isDirLink(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return true;
  }
}

/** Paths with glob characters are expanded (tinyglobby), the others are taken as they are. */
export function expandPaths(paths: readonly string[], cwd: string): string[] {
  if (!paths.some((p) => /[*?{[]/.test(p))) return [...paths];
  // Loaded only for glob paths: most runs name folders, and start-up time counts where nothing is found.
  const { globSync } = createRequire(import.meta.url)('tinyglobby') as typeof import('tinyglobby');
  return paths.flatMap((p) => (/[*?{[]/.test(p) ? globSync([p], { cwd, absolute: true, followSymbolicLinks: false, ignore: ['**/node_modules/**'] }) : [p]));
}

