import type { ParsedFile } from '@rtm-migrate/analysis/project';
import type { PlanSite } from '../plan.js';
import { typescript } from '../helper-module/transport/common.js';

/**
 * `rtm.start`'s own types written in TypeScript: `RtmStartResponse`, `WebClient['rtm']['start']`,
 * `typeof web.rtm.start`. A cheap test on the text: it only sends the file's sites to the helper
 * module, whose rewrite then retypes what it finds (and changes nothing where it finds nothing).
 */
const START_TYPES = /\bRtmStartResponse\b|\[\s*['"]rtm['"]\s*\]\s*\[\s*['"]start['"]\s*\]|\btypeof\s+[\w$.]+\.rtm\.start\b/;

/** True for a TypeScript file that writes `rtm.start`'s own types. */
export function usesStartTypes(parsed: ParsedFile): boolean {
  return typescript(parsed) && START_TYPES.test(parsed.text);
}

const DATA_FORMS = new Set<PlanSite['form']>(['method-call', 'api-call', 'call-apply', 'helper']);

/**
 * True when every `rtm.start` call of a file that hands back data is rewritten to the helper module
 * (at least one): then, and only then, `rtm.start`'s types in it can become the module's `RtmStartData`.
 */
export function allDataSitesCallHelper(sites: readonly { readonly rewrite: PlanSite['rewrite']; readonly form: PlanSite['form'] }[]): boolean {
  const data = sites.filter((s) => DATA_FORMS.has(s.form));
  return data.length > 0 && data.every((s) => s.rewrite === 'helper-module');
}

/** A site's decision, and what it was before its types alone sent it to the helper module. */
export interface TypedDecision<D> {
  readonly decision: D;
  readonly withoutTypes?: D;
}

/**
 * The decisions of one file's sites: those sent to the helper module for their types alone go back to
 * what they were (a TODO, or the inline rewrite) unless every data site of the file then calls the
 * helper, since the rewrite retypes the whole file at once.
 */
export function settleStartTyped<D extends { readonly rewrite: PlanSite['rewrite']; readonly form: PlanSite['form'] }>(decisions: readonly TypedDecision<D>[]): D[] {
  const chosen = decisions.map((d) => d.decision);
  if (decisions.every((d) => d.withoutTypes === undefined) || allDataSitesCallHelper(chosen)) return chosen;
  return decisions.map((d) => d.withoutTypes ?? d.decision);
}
