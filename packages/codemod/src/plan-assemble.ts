import { relative } from 'node:path';
import { CODEMOD_MESSAGES, CONVERSATION_LIST_FIELDS, costOfReplacement, topLevelField } from '@rtm-migrate/core';
import { helperFetch } from './helper-module/escape-extras.js';
import type { Plan, PlanSite } from './plan.js';
import type { WorkspaceSpec } from './scan/workspace.js';

/**
 * The plan for `sites`: the scopes the migrated app needs and one start-up's cost (the union of what
 * every site fetches). Also the plan of a run that found no candidate file, without loading the scan.
 */
export function assemblePlan(root: string, tsconfig: string | null | undefined, projectFiles: number, spec: WorkspaceSpec, sites: PlanSite[]): Plan {
  const helper = (s: PlanSite) => (s.rewrite === 'helper-module' ? helperFetch(s, s.args.names.includes('mpim_aware')) : undefined);
  const fetched = (s: PlanSite): readonly string[] => helper(s)?.fields ?? s.startOnlyFields;
  const fetching = sites.filter((s) => s.form !== 'connect-start-only-fields' || s.rewrite === 'helper-module');
  const union = [...new Set(fetching.flatMap(fetched))].sort();
  const mpimAware = sites.some((s) => s.args.names.includes('mpim_aware'));
  // No rtm.connect only where every site is a helper-module call whose parts need none.
  const connect = sites.length === 0 || sites.some((s) => helper(s)?.connect ?? true);
  // One conversations.list where every site that lists conversations is a helper-module call (the helper lists all
  // types at once); where other code lists some too (inline, by hand), one per type.
  const listsConversations = (s: PlanSite): boolean => fetched(s).some((f) => topLevelField(f) in CONVERSATION_LIST_FIELDS);
  const listing = fetching.filter(listsConversations).every((s) => s.rewrite === 'helper-module') ? 'one' : 'per-type';
  const startup = costOfReplacement(spec.size, union, { mpimAware, connect, listing });
  return {
    version: 1,
    tool: 'rtm-migrate',
    root,
    project: { tsconfig: tsconfig ? relative(root, tsconfig) || 'tsconfig.json' : null, files: projectFiles },
    workspace: { ...spec.size, assumptions: spec.assumptions },
    sites,
    scopes: [...new Set(sites.flatMap((s) => s.scopes))].sort(),
    optionalScopes: startup.optionalScopes,
    startup: {
      fieldsRead: union,
      calls: startup.calls,
      floorSeconds: startup.floorSeconds,
      byMethod: startup.byMethod,
      summary: CODEMOD_MESSAGES.startupSummary(startup.calls, startup.floorSeconds, startup.byMethod),
    },
  };
}
