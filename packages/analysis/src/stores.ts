import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';

import { HELPER_BASENAME, HELPER_EXPORTS } from '@rtm-migrate/core';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { descendants, unwrap, variableOf } from './ast.js';
import { nearestManifest } from './modules.js';
import { constructionOf } from './origin.js';
import type { Resolver } from './resolver.js';
import type { RtmSite } from './sites.js';

type Node = TSESTree.Node;

/**
 * What a site of a legacy v3 client (or of its `dataStore`) is to the rule that decides whether the
 * client's data is filled again after a migration:
 * - `start`: the client's own `start()`, which calls `rtm.start`;
 * - `filled`: data of a client this file starts through the generated helper module
 *   (`startRtmClient(rtm)`): its AUTHENTICATED data and `dataStore` are filled before the handlers run;
 * - `covered`: data of a client this file starts itself (part of that start's site);
 * - `lookup`: a look-up in a store made away from its start (`dataStore.getUserById(id)`), filled only
 *   when every client of the package is started through the helper module (see `filledStores`);
 * - `elsewhere`: AUTHENTICATED data of a client this file makes or gets but does not start (an importer
 *   of the module starts it), filled only when every start of that client in the package goes
 *   through the helper module (see `filledStores`);
 * - `unfilled`: code that feeds a store where the helper does not reach (a store's own
 *   `cacheRtmStart(data)`).
 * Undefined for every other site.
 */
export type StoreRole = 'start' | 'filled' | 'covered' | 'lookup' | 'elsewhere' | 'unfilled';

export function storeRole(site: RtmSite, sites: readonly RtmSite[], helperStarted: ReadonlyMap<Node, unknown>): StoreRole | undefined {
  const construction = 'construction' in site ? site.construction : undefined;
  switch (site.kind) {
    case 'client-start':
      return site.client === 'legacy-rtm-client' ? 'start' : undefined;
    case 'client-authenticated':
      if (construction && helperStarted.has(construction)) return 'filled';
      if (!site.usesStart) return undefined;
      return coveredByClient(sites, construction) ? 'covered' : 'elsewhere';
    case 'data-store':
    case 'store-cache':
      if (coveredByClient(sites, construction)) return 'covered';
      if (construction && helperStarted.has(construction)) return 'filled';
      return site.kind === 'data-store' ? 'lookup' : 'unfilled';
    default:
      return undefined;
  }
}

/** The file also starts the client (its `start()`, or `useRtmConnect: false` on its `new`). */
function coveredByClient(sites: readonly RtmSite[], construction: TSESTree.NewExpression | undefined): boolean {
  if (!construction) return false;
  return sites.some((s) => (s.kind === 'client-start' && s.client === 'legacy-rtm-client' && s.construction === construction) || (s.kind === 'client-option' && s.construction === construction));
}

/**
 * Legacy clients a file starts through the generated helper module (`startRtmClient(rtm)`,
 * `startSlackClientRtm(…)`, `startRtmClientMadeElsewhere(x.rtm)`, as `rtm-migrate apply` writes them): the
 * `new` of each (the value handed in, for a client made out of sight), with the file it is made in
 * (another module's, for a client required from there; undefined for this file).
 */
export function startedByHelperModule(resolver: Resolver, program: TSESTree.Program, text: string): Map<Node, string | undefined> {
  const started = new Map<Node, string | undefined>();
  const names: readonly string[] = [HELPER_EXPORTS.legacyStart, HELPER_EXPORTS.slackClientStart, HELPER_EXPORTS.elsewhereStart];
  if (!names.some((name) => text.includes(name))) return started;
  for (const node of descendants(resolver, program)) {
    if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.Identifier) continue;
    if (!names.includes(node.callee.name) || !importedFromHelperModule(resolver, node.callee)) continue;
    const client = node.arguments[0];
    if (!client) continue;
    const local = constructionOf(resolver, client);
    if (local) {
      started.set(local, undefined);
      continue;
    }
    const made = resolver.project?.importedConstruction(resolver, client);
    if (made) started.set(made.node, made.resolver.file);
    // A client made out of sight (startRtmClientMadeElsewhere(this.rtm)) is a start all the same, known by
    // the value handed in: its key matches no `new`, so it fills only look-ups whose client is not known either.
    else if (node.callee.name === HELPER_EXPORTS.elsewhereStart) started.set(client, undefined);
  }
  return started;
}

/** `import { startRtmClient } from './rtm-start-data'` or `const { startRtmClient } = require('./rtm-start-data')`. */
export function importedFromHelperModule(resolver: Resolver, id: TSESTree.Identifier): boolean {
  const def = variableOf(resolver, id)?.defs[0];
  const isHelper = (specifier: unknown): boolean => typeof specifier === 'string' && basename(specifier).replace(/\.[cm]?[jt]s$/, '') === HELPER_BASENAME;
  if (def?.type === TSESLint.Scope.DefinitionType.ImportBinding) return def.parent.type === AST_NODE_TYPES.ImportDeclaration && isHelper(def.parent.source.value);
  if (def?.type !== TSESLint.Scope.DefinitionType.Variable || !def.node.init) return false;
  const init = unwrap(def.node.init);
  return (
    init.type === AST_NODE_TYPES.CallExpression &&
    init.callee.type === AST_NODE_TYPES.Identifier &&
    init.callee.name === 'require' &&
    init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    isHelper(init.arguments[0].value)
  );
}

/** One legacy client start of a package: which client (`clientKey`, when its `new` is known) and how it starts. */
export interface StoreStart {
  readonly client: string | undefined;
  /** Through the generated helper module (already, or, for the codemod, as its rewrite will have it). */
  readonly throughHelper: boolean;
}

/**
 * What a package holds of legacy clients: their starts, the clients whose AUTHENTICATED data is read
 * away from their start (`elsewhere`, by `clientKey`), and the sites the helper does not fill (`unfilled`).
 */
export interface PackageStores {
  readonly starts: readonly StoreStart[];
  readonly elsewhere: readonly string[];
  readonly unfilled: number;
}

/** Which look-ups of a package read a store the helper module fills. */
export interface FilledStores {
  /** How many client starts fill them (for the message). */
  readonly starts: number;
  /**
   * True for a look-up on the client `client` (`clientKey`), or on a store whose client is not known
   * here; for the AUTHENTICATED data of a client started elsewhere (always known), that client.
   */
  fills(client: string | undefined): boolean;
}

/**
 * `dataStore` look-ups and AUTHENTICATED handlers away from their client's start that are right again:
 * a v3 client's store is empty after `rtm.connect`, and its AUTHENTICATED data thin, unless the helper
 * module's `startRtmClient()` fills them, so such a site is right only when the package has at least
 * one legacy start, every one of them goes through the helper, nothing there feeds a store from code
 * the helper leaves alone, every client whose AUTHENTICATED data is read away from its start is one of
 * those started (a client started nowhere the package shows may be started by code not followed), and
 * the site's client, where known, is one of those. Undefined when no such site of the package is.
 */
export function filledStores(stores: PackageStores): FilledStores | undefined {
  if (stores.starts.length === 0 || stores.unfilled > 0 || stores.starts.some((s) => !s.throughHelper)) return undefined;
  const clients = new Set(stores.starts.flatMap((s) => (s.client === undefined ? [] : [s.client])));
  if (stores.elsewhere.some((client) => !clients.has(client))) return undefined;
  return { starts: stores.starts.length, fills: (client) => client === undefined || clients.has(client) };
}

/** What names a site's client: its `new`, and the module that made it where that is another one. */
export interface ClientOfSite {
  readonly construction?: Node | undefined;
  readonly madeIn?: { readonly file?: string | undefined } | undefined;
}

/**
 * The client (`clientKey`) whose store a look-up reads or whose AUTHENTICATED data a handler gets, where
 * known: by its `new`, in the module that made it (`file` for one made here). An analysis site or the
 * codemod's found one alike.
 */
export function storeClientKey(file: string, site: RtmSite | ClientOfSite): string | undefined {
  if (!('construction' in site) || !site.construction) return undefined;
  return clientKey(('madeIn' in site ? site.madeIn?.file : undefined) ?? file, site.construction);
}

/** A client by the place of its `new`: the same key in the codemod's plan and in the lint. */
export function clientKey(file: string, construction: Node): string {
  return `${resolve(file)}:${String(construction.range[0])}`;
}

/**
 * The package a file belongs to, as far as stores go: the folder of its nearest package.json at or
 * under `root` (the root when there is none there). A file outside the root (the lint's working
 * folder) belongs to its nearest package.json's folder, else to its own folder.
 */
export function packageFolder(root: string, file: string): string {
  const top = resolve(root);
  const inRoot = (path: string): boolean => {
    const rel = relative(top, path);
    return !rel.startsWith('..') && !isAbsolute(rel);
  };
  const found = nearestManifest(dirname(resolve(file)))?.dir;
  if (!inRoot(resolve(file))) return found ?? dirname(resolve(file));
  return found !== undefined && inRoot(found) ? found : top;
}
