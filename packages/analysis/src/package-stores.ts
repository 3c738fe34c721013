import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

import { HELPER_EXPORTS } from '@rtm-migrate/core';
import type { TSESTree } from '@typescript-eslint/utils';

import { parseFile, Project } from './project.js';
import type { Resolver } from './resolver.js';
import { legacyClientInPlace } from './in-place-client.js';
import { findSites, type RtmSite } from './sites.js';
import { readsBuilt } from './covered-wrapper.js';
import { followResponse, isSignificantEscape } from './flow.js';
import { clientKey, filledStores, packageFolder, startedByHelperModule, storeClientKey, storeRole, type PackageStores } from './stores.js';

/** One file's legacy clients: its sites, the clients it starts through the helper module, and what it adds to its package. */
export interface FileStores {
  readonly sites: readonly RtmSite[];
  readonly helperStarted: ReadonlyMap<TSESTree.Node, string | undefined>;
  readonly stores: PackageStores;
}

export function fileStores(resolver: Resolver, program: TSESTree.Program, text: string): FileStores {
  const sites = findSites(program, resolver);
  const helperStarted = startedByHelperModule(resolver, program, text);
  const file = resolver.file ?? '';
  const starts = [
    // A client already on `rtm.connect` that stays in place hands its (empty) store to no look-up.
    ...sites.flatMap((s) =>
      storeRole(s, sites, helperStarted) === 'start' && 'construction' in s && s.construction && !(s.kind === 'client-start' && s.connects === true && s.madeIn === undefined && legacyClientInPlace(resolver, program, s.construction))
        ? [{ client: storeClientKey(file, s), throughHelper: false }]
        : [],
    ),
    ...[...helperStarted].map(([made, madeIn]) => ({ client: clientKey(madeIn ?? file, made), throughHelper: true })),
  ];
  // An AUTHENTICATED handler always knows its client; were it not known, no start would match it ('').
  const elsewhere = sites.flatMap((s) => (storeRole(s, sites, helperStarted) === 'elsewhere' ? [storeClientKey(file, s) ?? ''] : []));
  const unfilled = sites.filter((s) => storeRole(s, sites, helperStarted) === 'unfilled').length;
  return { sites, helperStarted, stores: { starts, elsewhere, unfilled } };
}

/**
 * True when a site reads a legacy client's data that the generated helper module fills, so nothing is
 * left to do there: the client is started through the helper in this file, or the site is a store
 * look-up or the AUTHENTICATED handler of a client started elsewhere and every client start of its
 * package (under `root`, read from disk) is (see `filledStores`).
 */
export function readsFilledStore(root: string, file: FileStores, site: RtmSite, resolver: Resolver): boolean {
  const role = storeRole(site, file.sites, file.helperStarted);
  if (role === 'filled') return true;
  if ((role !== 'lookup' && role !== 'elsewhere') || resolver.file === undefined) return false;
  if (role === 'elsewhere') {
    const flow = followResponse(resolver, site);
    if (!handlerFilledUnasked([...new Set(flow.reads.map((r) => r.path))], flow.escapes.some(isSignificantEscape))) return false;
  }
  const filled = filledStores(packageStores(root, resolver.file, file.stores));
  return filled?.fills(storeClientKey(resolver.file, site)) ?? false;
}

/**
 * Whether `startRtmClient()` called in another module hands an AUTHENTICATED handler all that it reads
 * (`fields`, the paths read off the data): that start asks for the extras only its own module's code
 * reads (`include`: `latest`, `dnd`, `groups[].is_open`…), so the handler must read none of them, nor
 * a field the helper does not build (`readsBuilt` with nothing asked), and hand the data on to no code
 * the analysis does not follow (`handsOn`), which may read one.
 */
export function handlerFilledUnasked(fields: readonly string[], handsOn: boolean): boolean {
  return !handsOn && readsBuilt(fields, []);
}

/** The stores of `file`'s package: `current` for the file itself, the others' read from disk. */
function packageStores(root: string, file: string, current: PackageStores): PackageStores {
  const others = [...storedPackage(packageFolder(root, file))].filter(([path]) => path !== resolve(file)).map(([, stores]) => stores);
  const all = [current, ...others];
  return { starts: all.flatMap((s) => s.starts), elsewhere: all.flatMap((s) => s.elsewhere), unfilled: all.reduce((n, s) => n + s.unfilled, 0) };
}

/**
 * How long a package's files, as read from disk, serve the files linted after (one lint run, an
 * editor's pause) without a new walk. Within it, a file added, removed or renamed (its folder's
 * mtime) or a change to a file that starts or feeds a store (its own stamp) still means a new walk.
 */
const PACKAGE_TTL_MS = 2000;

/** A package as last walked: its folders' and store holders' stamps, and every file's stores. */
interface PackageScan {
  readonly at: number;
  readonly stamps: ReadonlyMap<string, string | undefined>;
  readonly files: ReadonlyMap<string, PackageStores>;
}

const packages = new Map<string, PackageScan>();

/** Each source file of a package folder with its stores (see `PACKAGE_TTL_MS` for when it is walked again). */
function storedPackage(dir: string): ReadonlyMap<string, PackageStores> {
  const cached = packages.get(dir);
  const fresh = cached && performance.now() - cached.at < PACKAGE_TTL_MS && [...cached.stamps].every(([path, stamp]) => stampOf(path) === stamp);
  if (cached && fresh) return cached.files;
  const { files: paths, folders } = packageFiles(dir);
  // One project for the walk, so a client started in one file and made in another resolves to its `new`.
  const project = new Project(paths);
  const files = new Map(paths.map((path) => [path, storedFileStores(path, project)] as const));
  const holders = [...files].filter(([, stores]) => stores.starts.length > 0 || stores.elsewhere.length > 0 || stores.unfilled > 0).map(([path]) => path);
  packages.set(dir, { at: performance.now(), stamps: new Map([...folders, ...holders].map((path) => [path, stampOf(path)])), files });
  return files;
}

/** A file's or folder's modification time and size, undefined when it is gone. */
function stampOf(path: string): string | undefined {
  try {
    const stat = statSync(path);
    return `${String(stat.mtimeMs)}:${String(stat.size)}`;
  } catch {
    return undefined;
  }
}

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
/**
 * Only a file that names a legacy client's module or a store's `cacheRtmStart`, calls `start(` /
 * `login(` (on a client another module exports: `require('./slackrtm').rtm.start()`), hands a client to
 * the helper module (`startRtmClient(rtm)`) or handles its AUTHENTICATED event can start, feed or read
 * a store: a file that does any of this without naming the SDK counts too.
 */
const MAY_HOLD_STORES = new RegExp(`@slack/client|slack-client|cacheRtmStart|authenticated|\\b(?:start|login)\\s*\\(|${[HELPER_EXPORTS.legacyStart, HELPER_EXPORTS.slackClientStart].join('|')}`, 'i');

/**
 * The source files of a package folder, and the folders walked: below it, except `node_modules`,
 * dot-folders, symlinks and nested packages (a folder with its own package.json), as the codemod
 * groups them.
 */
export function packageFiles(dir: string): { files: string[]; folders: string[] } {
  const files: string[] = [];
  const folders: string[] = [];
  const visit = (folder: string, top: boolean): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    if (!top && entries.some((e) => e.name === 'package.json' && e.isFile())) return;
    folders.push(folder);
    for (const e of entries) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const path = join(folder, e.name);
      if (e.isDirectory()) visit(path, false);
      else if (e.isFile() && SOURCE.test(e.name) && !/\.d\.[cm]?ts$/.test(e.name)) files.push(path);
    }
  };
  visit(resolve(dir), true);
  return { files, folders };
}

const cache = new Map<string, { readonly stamp: string; readonly stores: PackageStores }>();

/**
 * A file's stores as it is on disk, kept while the file is unchanged (an editor's lint server sees
 * edits). A file that cannot be read or parsed counts as unfilled: what it does cannot be known.
 */
function storedFileStores(path: string, project: Project): PackageStores {
  const stamp = stampOf(path);
  if (stamp === undefined) return { starts: [], elsewhere: [], unfilled: 0 };
  const cached = cache.get(path);
  if (cached?.stamp === stamp) return cached.stores;
  let stores: PackageStores;
  try {
    const text = readFileSync(path, 'utf8');
    if (MAY_HOLD_STORES.test(text)) {
      const parsed = parseFile(path, text, project);
      stores = fileStores(parsed.resolver, parsed.program, parsed.text).stores;
    } else {
      stores = { starts: [], elsewhere: [], unfilled: 0 };
    }
  } catch {
    stores = { starts: [], elsewhere: [], unfilled: 1 };
  }
  cache.set(path, { stamp, stores });
  return stores;
}
