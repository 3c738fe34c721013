import { relative } from 'node:path';
import { baseClassHandings, preparedByHelper } from '@rtm-migrate/analysis';
import { CODEMOD_MESSAGES } from '@rtm-migrate/core';

import type { PlanSite } from '../plan.js';
import type { WrapperUse } from './wrapper-covered.js';

/**
 * Marks `covered` the start of a v3 client handed in as the app's own class (`this.rtmClient.start()`
 * on a `BaseRtmClient`, blind s82/10) when every instance of that class is made by a subclass that hands
 * its base class a v3 client made through the generated module's withLegacyRtmStart(), by this run's
 * rewrite of that `super(…)` (`covers` names it: one such subclass) or by an earlier one: whatever the
 * class forwards to, what it starts fills rtm.start's data. Returns the sites.
 */
export function markBaseClassCovered(root: string, sites: readonly PlanSite[], uses: readonly WrapperUse[]): PlanSite[] {
  const out = [...sites];
  for (const use of uses) {
    const plan = out[use.index];
    const received = use.found.clientReceived;
    if (plan?.rewrite !== 'todo' || use.found.form !== 'unfollowed-client' || received?.ownType === undefined) continue;
    const handings = baseClassHandings(use.parsed.resolver, received.ownType);
    if (!handings) continue;
    const thisRun: PlanSite[] = [];
    const places: string[] = [];
    for (const { node: call, resolver } of handings) {
      const file = resolver.file === undefined ? undefined : relative(root, resolver.file);
      const rewritten = sites.find((s) => s.file === file && s.start === call.range[0] && s.end === call.range[1] && s.prepares !== undefined && s.rewrite === 'helper-module');
      if (!rewritten && !call.arguments.some((a) => preparedByHelper(resolver, a))) break;
      if (rewritten) thisRun.push(rewritten);
      places.push(`${file ?? '?'}:${String(call.loc.start.line)}`);
    }
    // One `covers` id: a use resting on two rewrites in this run keeps its TODO.
    if (places.length !== handings.length || thisRun.length > 1) continue;
    const [covering] = thisRun;
    out[use.index] = { ...plan, rewrite: 'covered', message: CODEMOD_MESSAGES.baseClassCovered(received.receiver, received.ownType, places, covering === undefined), ...(covering ? { covers: covering.id } : {}) };
  }
  return out;
}
