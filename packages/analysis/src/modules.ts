import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { forkedSdk, SDK_FILES } from '@rtm-migrate/core';

const MODULE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/**
 * The extensions Babel compiles as JavaScript by default besides `.js` and `.jsx` (@babel/core's
 * DEFAULT_EXTENSIONS, as babel-core 6's `canCompile.EXTENSIONS` before it): an app run through
 * babel-register may write every source as `.es6` or `.es` (dgollub/slackbot-botkit-es6-example, MISSED
 * in blind set s36). Such a file is JavaScript, read as a `.js` file is.
 */
export const BABEL_SCRIPT_EXTENSIONS: readonly string[] = ['.es6', '.es'];

/** A file of one of BABEL_SCRIPT_EXTENSIONS (`src/bot.es6`). */
export const babelScriptFile = (file: string): boolean => BABEL_SCRIPT_EXTENSIONS.includes(extname(file).toLowerCase());

/**
 * The file a relative specifier names from `from` (`./api`, `./api.js` for `api.ts`, `./lib` for `lib/index.js`).
 * A `.es6` or `.es` file is found only by its full name (`./setup.es6`), which Node loads whatever the
 * extension: without its name Node finds it only once babel-register has added the extension, which a
 * file's text does not show, so `./setup` is never taken for it.
 */
export function resolveRelativeModule(from: string, specifier: string, depth = 0): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(m|c)?js$/, '');
  // As Node does, `./lib/`, `.` and `..` name a folder only, never a file `lib.js` beside it.
  if (/(^|\/)\.{0,2}$/.test(specifier)) return folderEntry(base, depth);
  const file = [base, ...MODULE_EXTENSIONS.map((e) => stem + e)].find((c) => (MODULE_EXTENSIONS.includes(extname(c)) || (c === base && babelScriptFile(c))) && existsSync(c));
  return file ?? folderEntry(base, depth);
}

/** The file Node loads for an installed package (`require('<package>')`): see folderEntry. */
export function packageEntry(folder: string): string | undefined {
  return folderEntry(folder, 0);
}

/** The module a folder loads as Node does: its package.json's `main` (a file, or a folder's index), else its `index`. */
function folderEntry(folder: string, depth: number): string | undefined {
  const main = depth < 4 && existsSync(join(folder, 'package.json')) ? nearestManifest(folder)?.manifest.main : undefined;
  const named = typeof main === 'string' && main !== '' ? resolveRelativeModule(join(folder, 'package.json'), `./${main}`, depth + 1) : undefined;
  return named ?? MODULE_EXTENSIONS.map((e) => `${folder}/index${e}`).find((c) => existsSync(c));
}

const texts = new Map<string, string | undefined>();

/** The text of the module a relative specifier names, read once (undefined when there is no such file). */
export function relativeModuleText(from: string, specifier: string): string | undefined {
  const file = resolveRelativeModule(from, specifier);
  if (!file) return undefined;
  if (!texts.has(file)) {
    try {
      texts.set(file, readFileSync(file, 'utf8'));
    } catch {
      texts.set(file, undefined);
    }
  }
  return texts.get(file);
}

/** What rtm-migrate reads of a package.json. */
export interface Manifest {
  readonly name?: string;
  readonly version?: string;
  readonly main?: string;
  readonly type?: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  /** The runtimes the package says it runs on (`{ node: '>=4 <12' }`). */
  readonly engines?: Record<string, string>;
  /** Its npm scripts (`"build": "babel -d lib src"` names the folder a build writes). */
  readonly scripts?: Record<string, string>;
}

const manifests = new Map<string, { readonly dir: string; readonly manifest: Manifest } | undefined>();

/** The nearest package.json at or above `dir` (its folder, and its contents: `{}` when unreadable), read once per folder. */
export function nearestManifest(dir: string): { readonly dir: string; readonly manifest: Manifest } | undefined {
  if (manifests.has(dir)) return manifests.get(dir);
  let found: { dir: string; manifest: Manifest } | undefined;
  const file = resolve(dir, 'package.json');
  if (existsSync(file)) {
    let manifest: Manifest = {};
    try {
      manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    } catch {
      // an unreadable manifest still marks the package's folder
    }
    found = { dir, manifest };
  } else if (dirname(dir) !== dir) {
    found = nearestManifest(dirname(dir));
  }
  manifests.set(dir, found);
  return found;
}

const names = new Map<string, string | undefined>();

/**
 * The name the package at `found` is known by: its manifest's, or, for a copy of a legacy Slack SDK published
 * under a name of its own, the SDK's (core's forkedSdk: its facet and client files are those of the SDK's
 * release), so that its own code is the SDK's (blind s135/05: 72 TODOs on its data store, and its start left as it was).
 */
export function packageName(found: { readonly dir: string; readonly manifest: Manifest }): string | undefined {
  if (names.has(found.dir)) return names.get(found.dir);
  const { name, version } = found.manifest;
  const fork = name !== undefined && version !== undefined && !(name in SDK_FILES) ? forkedSdk(version, (path) => existsSync(join(found.dir, `${path}.js`))) : undefined;
  const known = fork ?? name;
  names.set(found.dir, known);
  return known;
}

/** The range a manifest declares for `module` (dependencies, then dev, then peer). */
export function declaredRange(manifest: Manifest, module: string): string | undefined {
  return manifest.dependencies?.[module] ?? manifest.devDependencies?.[module] ?? manifest.peerDependencies?.[module];
}

/**
 * The nearest package.json at or above `dir` that declares `module`, with the range it declares. A
 * package.json that does not (a plugin folder's own, a workspace package leaning on the root's) leaves
 * the module to be found from the folders above, as Node finds it, so the one above that declares it
 * says which version runs (blind s55/13: a nested package.json without dependencies hid the root's
 * `botkit ^0.5.4`, and a bot already on `rtm.connect` was rewritten).
 */
export function declaringManifest(dir: string, module: string): { readonly dir: string; readonly manifest: Manifest; readonly range: string } | undefined {
  for (let found = nearestManifest(dir); found !== undefined; found = dirname(found.dir) === found.dir ? undefined : nearestManifest(dirname(found.dir))) {
    const range = declaredRange(found.manifest, module);
    if (range !== undefined) return { ...found, range };
  }
  return undefined;
}

/**
 * The version of `module` installed for a file: the copy in the nearest `node_modules` at or above it that
 * holds one, as Node finds it (not through this process's NODE_PATH, which is rtm-migrate's, not the
 * app's). Undefined when none is installed or its package.json gives no version.
 */
export function installedVersion(file: string, module: string): string | undefined {
  const folder = installedFolder(file, module);
  if (folder === undefined) return undefined;
  try {
    const { version } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** The folder of the copy of `module` Node loads for `file`: the nearest `node_modules/<module>` with a package.json. */
function installedFolder(file: string, module: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const folder = join(dir, 'node_modules', module);
    if (existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Whether the copy of `module` installed for `file` (found as installedVersion finds it) requests
 * `rtm.connect` in its entry file and never names `rtm.start` there: a fork published or committed under
 * the name of a release that logged in with `rtm.start` (blind s73/16: a slackbots "1.2.0" whose
 * `login()` starts with `rtm.connect`). False where nothing is installed or the entry cannot be read.
 */
export function installedEntryConnects(file: string, module: string): boolean {
  const folder = installedFolder(file, module);
  const entry = folder === undefined ? undefined : packageEntry(folder);
  const text = entry === undefined ? undefined : readableText(entry);
  return text !== undefined && /['"`]rtm\.connect['"`]/.test(text) && !/\brtm\.start\b/.test(text);
}

/** A file's text; undefined where it cannot be read (EACCES), and the run goes on. */
export function readableText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Whether a file is one of the package `module` itself: its nearest package.json has that name and does
 * not declare a package of that name, which a library never does of itself. An app named after the
 * library it uses (blind s61/01, ittygames/databot: `"name": "slackbotapi"` with slackbotapi among its
 * dependencies) loads the library from its node_modules, as Node does. (What is installed says nothing:
 * a library's checkout may sit beside a node_modules that holds a copy of it.)
 */
export function isOwnPackage(file: string, module: string): boolean {
  const found = nearestManifest(dirname(file));
  return found !== undefined && packageName(found) === module && declaredRange(found.manifest, module) === undefined;
}

/** The file `require('<package>')` loads: its package.json's `main`, else the package's `index.js`. */
export function isPackageEntry(file: string): boolean {
  const found = nearestManifest(dirname(file));
  if (!found) return false;
  return resolveRelativeModule(join(found.dir, 'package.json'), `./${found.manifest.main ?? 'index.js'}`) === file;
}
