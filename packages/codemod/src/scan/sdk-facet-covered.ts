import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readsBuilt, sdkOwnFile, unwrap } from '@rtm-migrate/analysis';
import { CODEMOD_MESSAGES, sdkRtmStartFacet } from '@rtm-migrate/core';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { PlanSite } from '../plan.js';
import { FACET_CALLBACK } from './sdk-facet.js';
import type { WrapperUse } from './wrapper-covered.js';

/**
 * Marks `covered` the legacy SDK's own call of its `rtm.start` facet (`this._rtm.start(opts, cb)` in
 * its RTM client's file, core's SDK_RTM_START_FACETS), in a release whose facet is rewritten in this
 * run (`covers` names that site) or was by an earlier one: the facet hands back the whole data in the
 * same way, Slack's error answer included, so the call stays as it is. Returns the sites.
 */
export function markSdkFacetCovered(root: string, sites: readonly PlanSite[], uses: readonly WrapperUse[]): PlanSite[] {
  const out = [...sites];
  for (const use of uses) {
    const plan = out[use.index];
    const call = use.found.node;
    if (plan?.rewrite !== 'todo' || use.found.form !== 'method-call' || call.type !== AST_NODE_TYPES.CallExpression) continue;
    const own = sdkOwnFile(use.parsed.file);
    const fact = own && sdkRtmStartFacet(own.module, own.version);
    const callee = unwrap(call.callee);
    const files = fact?.files.find((f) => f.client === own?.path);
    if (!own || !fact || !files || use.parsed.text.slice(callee.range[0], callee.range[1]) !== fact.clientCall) continue;
    const facetFile = join(own.dir, `${files.facet}.js`);
    const facetPlan = sites.find((s) => s.file === relative(root, facetFile) && s.rewrite === 'helper-module' && s.facet !== undefined);
    const earlier = !facetPlan && existsSync(facetFile) && readFileSync(facetFile, 'utf8').includes(FACET_CALLBACK);
    if ((!facetPlan && !earlier) || !readsBuilt(plan.startOnlyFields, [])) continue;
    const place = facetPlan ? `${facetPlan.file}:${facetPlan.line}` : relative(root, facetFile);
    out[use.index] = { ...plan, rewrite: 'covered', message: CODEMOD_MESSAGES.sdkFacetCovered(place, earlier), ...(facetPlan ? { covers: facetPlan.id } : {}) };
  }
  return out;
}
