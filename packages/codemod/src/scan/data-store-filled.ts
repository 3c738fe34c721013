import { clientKey, filledStores, handlerFilledUnasked, packageFolder, readsBuilt, storeClientKey, type StoreStart } from '@rtm-migrate/analysis';
import { CODEMOD_MESSAGES, helperBuilds, todoComment } from '@rtm-migrate/core';
import { helperIncludes } from '../helper-module/extras.js';
import type { TSESTree } from '@typescript-eslint/utils';
import type { PlanSite } from '../plan.js';
import type { FoundSite } from './found.js';

/** What the rule needs of a legacy client or dataStore site (or a client made out of sight, started through the helper), besides its plan entry. */
export interface LegacySite {
  /** Index of the site in the plan's list. */
  readonly index: number;
  readonly file: string;
  readonly found: FoundSite;
}

/** The clients a file already starts through `startRtmClient()` (a previous run rewrote them): their `new`. */
export interface HelperStarted {
  readonly file: string;
  readonly constructions: readonly TSESTree.Node[];
}

/**
 * `dataStore` look-ups and AUTHENTICATED handlers of clients started elsewhere that need no change, by
 * the analysis' rule (`filledStores`, the one the lint uses on migrated code): the package's legacy
 * starts are those this run rewrites to the helper module and those a previous run did; the
 * store-feeding sites left are the legacy data sites that are neither. Returns the plan's sites with
 * those look-ups and handlers marked `filled`.
 */
export function markFilledDataStores(root: string, sites: readonly PlanSite[], legacy: readonly LegacySite[], helperStarted: readonly HelperStarted[]): PlanSite[] {
  const out = [...sites];
  const byPackage = new Map<string, { legacy: LegacySite[]; starts: StoreStart[] }>();
  const groupOf = (file: string) => {
    const pkg = packageFolder(root, file);
    const group = byPackage.get(pkg) ?? { legacy: [], starts: [] };
    byPackage.set(pkg, group);
    return group;
  };
  /** The client a look-up or handler reads, where known (the module that made it for one required from there). */
  const clientOf = (site: LegacySite): string | undefined => storeClientKey(site.file, site.found);
  for (const site of legacy) {
    const group = groupOf(site.file);
    group.legacy.push(site);
    // A client started with `useRtmConnect: true` alone was proven to hand its store to no one: no start of a store read.
    if (site.found.form === 'legacy-client' && sites[site.index]?.rewrite !== 'connect-only') group.starts.push({ client: clientOf(site), throughHelper: sites[site.index]?.rewrite === 'helper-module' });
    // A client made out of sight, started through startRtmClientMadeElsewhere(): a v3 RtmClient's store is filled
    // there (through startRtmClient()); any other client either starts as it did or throws at start.
    if (site.found.form !== 'legacy-client' && sites[site.index]?.clientElsewhere === true && sites[site.index]?.rewrite === 'helper-module') group.starts.push({ client: clientOf(site), throughHelper: true });
  }
  for (const { file, constructions } of helperStarted) groupOf(file).starts.push(...constructions.map((made) => ({ client: clientKey(file, made), throughHelper: true })));
  for (const { legacy: group, starts } of byPackage.values()) {
    const data = group.filter((s) => s.found.form === 'legacy-data-store');
    // A handler always knows its client; were it not known, no start would match it ('').
    const elsewhere = data.filter((s) => s.found.startedElsewhere === true).map((s) => clientOf(s) ?? '');
    const unfilled = data.filter((s) => s.found.storeLookup !== true && s.found.startedElsewhere !== true).length;
    const filled = filledStores({ starts, elsewhere, unfilled });
    if (!filled) continue;
    for (const site of group) {
      const plan = sites[site.index];
      const elsewhere = site.found.startedElsewhere === true;
      if ((site.found.storeLookup !== true && !elsewhere) || plan?.rewrite !== 'todo' || !filled.fills(clientOf(site))) continue;
      // A look-up reading what the start asks for only when its own module reads it (`groups[].is_open`) gets the handler's TODO too.
      if ((elsewhere && !handlerFilled(site.found)) || (!elsewhere && !readsBuilt(site.found.reads.map((r) => r.path), []))) {
        out[site.index] = notAsked(plan, site.found);
        continue;
      }
      const message = elsewhere ? CODEMOD_MESSAGES.authenticatedFilled(filled.starts) : CODEMOD_MESSAGES.dataStoreFilled(filled.starts);
      out[site.index] = { ...withoutReason(plan), rewrite: 'filled', message };
    }
  }
  return out;
}

/** An AUTHENTICATED handler's data the helper fills unasked (its escapes list the site's own reason first). */
function handlerFilled(found: FoundSite): boolean {
  return handlerFilledUnasked([...new Set(found.reads.map((r) => r.path))], found.escapes.length > 1);
}

/** The handler's (or look-up's) TODO, saying what the start in the other module does not fetch (its reason was written for a start not seen). */
function notAsked(plan: PlanSite, found: FoundSite): PlanSite {
  const lookup = found.storeLookup === true;
  // A look-up's escapes hand on a store item, which holds no extras: only a handler's data may carry them.
  const reason = CODEMOD_MESSAGES.authenticatedNotAsked(helperIncludes(plan.startOnlyFields), plan.startOnlyFields.filter((f) => !helperBuilds(f)), !lookup && found.escapes.length > 1, lookup);
  return { ...plan, reason, message: todoComment(reason, plan.startOnlyFields) };
}

/** The site without its TODO reason (nothing is left to a human there). */
function withoutReason(site: PlanSite): PlanSite {
  const copy: { -readonly [K in keyof PlanSite]: PlanSite[K] } = { ...site };
  delete copy.reason;
  return copy;
}
