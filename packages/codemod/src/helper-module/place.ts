import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { nearestManifest } from '@rtm-migrate/analysis';
import type { HelperLibrary } from '@rtm-migrate/core';
import type { PlanSite } from '../plan.js';
import { HELPER_BASENAME, HELPER_MARK, helperExports, helperSource, type HelperVariant } from './source.js';
import { typescriptFile } from '../files/discover.js';
import { olderTypeScriptOf } from './older-typescript.js';
import { enumeratedFolders } from './enumerated.js';

/** A helper module to generate, and how each file that calls it imports it. */
export interface HelperModule {
  /** Absolute path of the generated file. */
  readonly file: string;
  readonly source: string;
  /** False when the file is already there, as rtm-migrate generated it: nothing to write. */
  readonly write: boolean;
  /** Absolute path of each calling file → the specifier it imports the helper by. */
  readonly importers: ReadonlyMap<string, string>;
}

interface ModuleSystem {
  readonly typescript: boolean;
  readonly commonjs: boolean;
  /** The extension of the generated file. */
  readonly ext: string;
  /**
   * Whether an import may leave the helper's extension out, as the importer's own relative imports do:
   * a `.js` file of ES module syntax in a package that is not `"type": "module"` is compiled (Babel,
   * TypeScript) or bundled, and those resolve `./x` to `x.js`. Node's ES modules need the full name,
   * and no resolver finds an `.mjs` or `.cjs` file by its bare name.
   */
  readonly bare: boolean;
}

/** The nearest package.json's `type`: `module` or `commonjs` (Node's default). */
function packageType(dir: string): 'module' | 'commonjs' {
  return nearestManifest(dir)?.manifest.type === 'module' ? 'module' : 'commonjs';
}

/** The language and module system of a source file, and the extension its helper gets. */
export function moduleSystemOf(file: string, source: string): ModuleSystem {
  const ext = extname(file).toLowerCase();
  if (typescriptFile(file)) {
    const own = ext === '.mts' || ext === '.cts' ? ext : '.ts';
    return { typescript: true, commonjs: ext === '.cts', ext: own, bare: true };
  }
  if (ext === '.mjs') return { typescript: false, commonjs: false, ext: '.mjs', bare: false };
  if (ext === '.cjs') return { typescript: false, commonjs: true, ext: '.cjs', bare: false };
  const esm = /^\s*(import|export)\s/m.test(source);
  const cjs = !esm && (/\brequire\(/.test(source) || /\bmodule\.exports\b/.test(source));
  const type = packageType(dirname(file));
  const commonjs = cjs || (!esm && type === 'commonjs');
  // CommonJS in a `"type": "module"` package needs `.cjs` for Node to load it as such. ES module syntax
  // in any other package stays `.js` like its importer: that code is compiled to CommonJS or bundled,
  // and neither Babel's `require()` nor a bundler finds an `.mjs` file it was not named.
  if (commonjs && type === 'module') return { typescript: false, commonjs, ext: '.cjs', bare: false };
  return { typescript: false, commonjs, ext: '.js', bare: commonjs || type === 'commonjs' };
}

/** The extensions of a script module a specifier may name (Babel's `.es6` and `.es` among them). */
const MODULE_EXTENSION = /\.(?:[cm]?[jt]sx?|es6?)$/i;

/** The extensions of imported files that are not script modules (data, styles, markup, assets). */
const NON_MODULE_EXTENSION = /\.(?:json|css|scss|sass|less|html|svg|png|jpe?g|gif|txt|md|graphql|gql|ya?ml|node|wasm)$/i;

/**
 * The specifier `importer` imports `helper` by: relative, and with the extension the file's own
 * relative imports use (none when they use none and the helper is found so; for TypeScript the `.js`
 * that Node resolves). A `.ts` file with no relative import of its own leaves it out unless its package
 * is `"type": "module"`: as CommonJS, every tsc module resolution finds `./x` (Node16/NodeNext want the
 * `.js` only of ES modules), and ts-node (without its experimental resolver) and ts-jest find only that,
 * not `./x.js`, which only tsc's output has (blind s143: ts-node 9, `Cannot find module './rtm-start-data.js'`).
 */
function specifier(importer: string, importerSource: string, helper: string, system: ModuleSystem): string {
  let rel = relative(dirname(importer), helper).split(sep).join('/');
  if (!rel.startsWith('.')) rel = `./${rel}`;
  const withoutExt = rel.slice(0, -extname(rel).length);
  // A folder's index (`'../'`, `'..'`) is found only where extensionless specifiers are resolved: it counts as one.
  const relativeImports = [...importerSource.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"](\.{1,2}(?:\/[^'"]*)?)['"]/g)].flatMap((m) => (m[1] === undefined ? [] : [m[1]]));
  // A dot in a module's name is no extension (`./users.service`, `../slack.types`); a file of data or
  // style (`./config.json`, `./app.css`) is named in full by every resolver and says nothing either way.
  const modules = relativeImports.filter((s) => !NON_MODULE_EXTENSION.test(s));
  const extensionless = modules.length > 0 ? modules.every((s) => !MODULE_EXTENSION.test(s)) : system.typescript && system.ext === '.ts' && packageType(dirname(importer)) === 'commonjs';
  if ((extensionless && system.bare) || (system.commonjs && !system.typescript && system.ext === '.js')) return withoutExt;
  if (system.typescript) return withoutExt + ({ '.mts': '.mjs', '.cts': '.cjs' }[system.ext] ?? '.js');
  return rel;
}

/**
 * How fit a file's folder is to hold the helper module, best first: the app's source (0); command
 * scripts, examples and tests (1: `bin/`, `example/`, `test/`…), which use the source, never the other
 * way round (blind s51/07: `lib/norrisbot.js` required `../bin/rtm-start-data`); a build's output (`dist/`,
 * `build/`, or the folder the package's build writes, 2), which a build may empty, leaving the sources
 * importing a module that is gone (blind s47/10: `src/`, its Babel output in `dist/` and `example/` each
 * had a site; s71/17: `babel -d lib src` with both committed).
 */
function folderRank(root: string, file: string): number {
  const folders = relative(root, file).split(sep).slice(0, -1);
  if (folders.some((part) => part === 'dist' || part === 'build') || inBuildOutput(file)) return 2;
  if (folders.some((part) => /^(?:bin|examples?|demos?|tests?|spec|__tests__)$/.test(part))) return 1;
  return 0;
}

/** An output folder a build command of the package's scripts names: Babel's `-d`/`--out-dir`, `tsc --outDir`. */
const OUTPUT_FLAG = /(?:^|\s)(?:-d|--out-dir|--outDir)(?:\s+|=)["']?([^\s"'&|;]+)/g;

/** Whether `file` lies in a folder its package's build writes (its scripts' `babel -d lib src`, `tsc --outDir dist`). */
function inBuildOutput(file: string): boolean {
  const owner = nearestManifest(dirname(file));
  if (!owner) return false;
  const outputs = Object.values(owner.manifest.scripts ?? {}).flatMap((script) => (typeof script === 'string' ? [...script.matchAll(OUTPUT_FLAG)].flatMap((m) => (m[1] === undefined ? [] : [resolve(owner.dir, m[1])])) : []));
  // A build into the package's own folder (`-d .`) marks nothing as output.
  return outputs.some((out) => out !== owner.dir && file.startsWith(out + sep));
}

/** `folder`, or the nearest folder above it within its package that the project does not list file by file (see enumeratedFolders). */
function outsideEnumerated(folder: string, enumerated: ReadonlySet<string>): string {
  const top = nearestManifest(folder)?.dir;
  let at = folder;
  while (enumerated.has(at) && at !== top && dirname(at) !== at) at = dirname(at);
  return at;
}

/**
 * Where the helper modules go: one per package (nearest package.json) and, within it, per language and
 * module system among the files whose sites call it, next to the first such site (or in the nearest folder above it
 * that the project does not list file by file). A monorepo's
 * packages each get their own: an import across packages would not survive their build or publish. An rtm-migrate file already there with the exports needed is kept as
 * it is (it is the user's now); a different file of that name is never overwritten (a numbered
 * name is used instead).
 */
export function placeHelpers(root: string, sites: readonly PlanSite[], read: (file: string) => string, projectFiles: readonly string[] = []): HelperModule[] {
  const groups = new Map<string, { system: ModuleSystem; legacyClient: boolean; slackClient: boolean; rtmApiClient: boolean; libraryStarts: Set<HelperLibrary>; ownPromise: boolean; nockStub: boolean; files: string[]; library: string[] }>();
  for (const site of sites) {
    if (site.rewrite !== 'helper-module') continue;
    const file = resolve(root, site.file);
    const system = moduleSystemOf(file, read(file));
    const key = `${nearestManifest(dirname(file))?.dir ?? ''}:${system.typescript}:${system.commonjs}:${system.ext}`;
    const group = groups.get(key) ?? { system, legacyClient: false, slackClient: false, rtmApiClient: false, libraryStarts: new Set<HelperLibrary>(), ownPromise: false, nockStub: false, files: [], library: [] };
    group.legacyClient ||= (site.form === 'legacy-client' && site.construction?.slackClient !== true) || site.clientElsewhere === true || site.prepares !== undefined;
    group.slackClient ||= site.form === 'legacy-client' && site.construction?.slackClient === true;
    group.rtmApiClient ||= site.form === 'rtm-client-option';
    if (site.library) group.libraryStarts.add(site.library);
    group.ownPromise ||= site.transport?.ownPromise === true || site.facet?.ownPromise === true;
    group.nockStub ||= site.stub !== undefined;
    if (!group.files.includes(file)) group.files.push(file);
    if (site.facet) group.library.push(file);
    groups.set(key, group);
  }
  const modules: HelperModule[] = [];
  // ES module and CommonJS `.js` importers in one folder each get a file of their own syntax.
  const taken = new Set<string>();
  const enumerated = enumeratedFolders(projectFiles, read);
  for (const { system, legacyClient, slackClient, rtmApiClient, libraryStarts, ownPromise, nockStub, files, library } of groups.values()) {
    // Next to an SDK's own library file when there is one (the shallowest: `lib/` before a compiled copy
    // in `dist/lib/`): its examples and tests require the library, never the other way round.
    // Otherwise next to the first site of the app's own source (see folderRank).
    const [first] = library.length > 0 ? library.sort((a, b) => a.split(sep).length - b.split(sep).length) : [...files].sort((a, b) => folderRank(root, a) - folderRank(root, b));
    if (first === undefined) continue;
    const olderTypeScript = system.typescript ? olderTypeScriptOf(first) : undefined;
    const compiled = !system.typescript && !system.commonjs && system.bare;
    const variant: HelperVariant = { typescript: system.typescript, commonjs: system.commonjs, legacyClient, slackClient, rtmApiClient, libraryStarts, ownPromise, olderTypeScript, compiled, nockStub };
    const source = helperSource(variant);
    const needed = helperExports(variant);
    const folder = outsideEnumerated(dirname(first), enumerated);
    let file = '';
    let write = true;
    for (let n = 1; ; n++) {
      file = join(folder, `${HELPER_BASENAME}${n === 1 ? '' : `-${n}`}${system.ext}`);
      if (taken.has(file)) continue;
      if (!existsSync(file)) break;
      const existing = readFileSync(file, 'utf8');
      const sameSyntax = /^module\.exports = /m.test(existing) === (system.commonjs && !system.typescript);
      if (existing.startsWith(HELPER_MARK) && sameSyntax && needed.every((name) => new RegExp(`function ${name}\\b`).test(existing))) {
        write = false;
        break;
      }
    }
    taken.add(file);
    const importers = new Map(files.map((f) => [f, specifier(f, read(f), file, system)]));
    modules.push({ file, source: write ? source : readFileSync(file, 'utf8'), write, importers });
  }
  return modules;
}
