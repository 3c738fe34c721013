import { dirname, relative, resolve } from 'node:path';
import { nearestManifest } from '@rtm-migrate/analysis';
import { CODEMOD_MESSAGES } from '@rtm-migrate/core';
import type { PlanSite } from '../plan.js';
import type { FoundSite } from './found.js';

/** What the rule needs of a legacy client or dataStore site, besides its plan entry. */
export interface LegacySite {
  /** Index of the site in the plan's list. */
  readonly index: number;
  readonly file: string;
  readonly found: FoundSite;
}

/** The clients a file already starts through `startRtmClient()` (a previous run rewrote them): offsets of their `new`. */
export interface HelperStarted {
  readonly file: string;
  readonly constructions: readonly number[];
}

/**
 * `dataStore` look-ups that need no change: a v3 client's store is empty after `rtm.connect` unless
 * `startRtmClient()` fills it, so a look-up is right again only when every client start of its package
 * (the folder of the nearest package.json under the root, else the root) was rewritten to it. The rule
 * holds for a package when it has at least one v3 start, all of them are rewritten, nothing else there
 * feeds or reads a store from code left unchanged (a store's own `cacheRtmStart(data)`, AUTHENTICATED
 * data of a client started elsewhere), and each look-up whose client is known is on one of those
 * clients (starts a previous run rewrote count too). Returns the plan's sites with those look-ups marked `filled`.
 */
export function markFilledDataStores(root: string, sites: readonly PlanSite[], legacy: readonly LegacySite[], helperStarted: readonly HelperStarted[]): PlanSite[] {
  const out = [...sites];
  const byPackage = new Map<string, LegacySite[]>();
  for (const site of legacy) {
    const pkg = packageOf(root, site.file);
    byPackage.set(pkg, [...(byPackage.get(pkg) ?? []), site]);
  }
  for (const [pkg, group] of byPackage) {
    const starts = group.filter((s) => s.found.form === 'legacy-client');
    const before = helperStarted.filter((h) => packageOf(root, h.file) === pkg);
    const count = starts.length + before.reduce((n, h) => n + h.constructions.length, 0);
    if (count === 0 || starts.some((s) => sites[s.index]?.rewrite !== 'helper-module')) continue;
    const others = group.filter((s) => s.found.form === 'legacy-data-store' && s.found.storeLookup !== true);
    if (others.length > 0) continue;
    const started = new Set([
      ...starts.flatMap((s) => (s.found.construction ? [key(s.found.madeIn?.file ?? s.file, s.found.construction.range[0])] : [])),
      ...before.flatMap((h) => h.constructions.map((offset) => key(h.file, offset))),
    ]);
    for (const site of group) {
      const plan = sites[site.index];
      if (site.found.storeLookup !== true || plan?.rewrite !== 'todo') continue;
      const made = site.found.construction;
      if (made && !started.has(key(site.file, made.range[0]))) continue;
      out[site.index] = { ...withoutReason(plan), rewrite: 'filled', message: CODEMOD_MESSAGES.dataStoreFilled(count) };
    }
  }
  return out;
}

/** The site without its TODO reason (nothing is left to a human there). */
function withoutReason(site: PlanSite): PlanSite {
  const copy: { -readonly [K in keyof PlanSite]: PlanSite[K] } = { ...site };
  delete copy.reason;
  return copy;
}

function key(file: string, offset: number): string {
  return `${file}:${offset}`;
}

/** The folder of the nearest package.json from `file` up to `root` (the root when there is none). */
function packageOf(root: string, file: string): string {
  const top = resolve(root);
  const found = nearestManifest(dirname(resolve(file)))?.dir;
  return found === undefined || relative(top, found).startsWith('..') ? top : found;
}
