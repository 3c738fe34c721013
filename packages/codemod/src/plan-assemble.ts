import { relative } from 'node:path';
import { CODEMOD_MESSAGES, CONVERSATION_LIST_FIELDS, HELPER_PRESENCE, costOfReplacement, fetchedByMigration, fieldFact, topLevelField, type WorkspaceSize } from '@rtm-migrate/core';
import { helperFetch, optionalExtraScopes } from './helper-module/escape-extras.js';
import { leavesTodo, NO_SITE_STARTUP, type Plan, type PlanSite } from './plan.js';
import { HELPER_BASENAME } from './helper-module/source.js';
import type { WorkspaceSpec } from './scan/workspace.js';

/**
 * The report's line for a site that is right after the run (rewritten, or right again once the rest is)
 * and reads a field `rtm.start` had already stopped sending (`users[].presence`): it answers `undefined`,
 * as it did, and nothing fetches it; the line says what fetching it would cost (`users` at the assumed
 * size) and, where the data come from the helper module, the `include` entry that does.
 */
function droppedReadNote(size: WorkspaceSize, site: PlanSite): string {
  const read = site.startOnlyFields.find((f) => fieldFact(f)?.path === HELPER_PRESENCE);
  const since = read === undefined ? undefined : fieldFact(read)?.droppedFromRtmStart?.since;
  if (read === undefined || since === undefined || leavesTodo(site.rewrite)) return '';
  const { floorSeconds } = costOfReplacement(size, [read], { connect: false });
  const viaHelper = site.rewrite !== 'inline' && site.rewrite !== 'shim';
  return ` ${CODEMOD_MESSAGES.presenceNotFetched({ since, users: size.users, floorSeconds, ...(viaHelper ? { include: HELPER_BASENAME } : {}) })}`;
}

/**
 * The plan for `sites`: the scopes the migrated app needs and one start-up's cost (the union of what
 * every site fetches). Also the plan of a run that found no candidate file, without loading the scan.
 */
export function assemblePlan(root: string, tsconfig: string | null | undefined, projectFiles: number, spec: WorkspaceSpec, scanned: PlanSite[]): Plan {
  const sites = scanned.map((s) => {
    const note = droppedReadNote(spec.size, s);
    return note === '' ? s : { ...s, message: `${s.message}${note}` };
  });
  // A test's stand-in answered through the module (`stub`) starts nothing.
  const helper = (s: PlanSite) => (s.rewrite === 'helper-module' && s.stub === undefined ? helperFetch(s, s.args.names.includes('mpim_aware')) : undefined);
  const fetched = (s: PlanSite): readonly string[] => helper(s)?.fields ?? fetchedByMigration(s.startOnlyFields);
  const fetching = sites.filter((s) => s.form !== 'connect-start-only-fields' || s.rewrite === 'helper-module');
  const union = [...new Set(fetching.flatMap(fetched))].sort();
  const mpimAware = sites.some((s) => s.args.names.includes('mpim_aware'));
  // No rtm.connect only where every site is a helper-module call whose parts need none.
  const connect = sites.some((s) => helper(s)?.connect ?? true);
  // One conversations.list where every site that lists conversations is a helper-module call (the helper lists all
  // types at once); where other code lists some too (inline, by hand), one per type.
  const listsConversations = (s: PlanSite): boolean => fetched(s).some((f) => topLevelField(f) in CONVERSATION_LIST_FIELDS);
  const listing = fetching.filter(listsConversations).every((s) => s.rewrite === 'helper-module') ? 'one' : 'per-type';
  const startup = costOfReplacement(spec.size, union, { mpimAware, connect, listing });
  const scopes = [...new Set(sites.flatMap((s) => s.scopes))].sort();
  // A scope only an optional extra needs is optional: without it that extra is left out, with a warning.
  const optional = new Map(startup.optionalScopes.map((o) => [o.scope, o.when]));
  for (const s of sites) {
    const fetch = helper(s);
    for (const o of fetch ? optionalExtraScopes(spec.size, fetch, scopes) : []) if (!optional.has(o.scope)) optional.set(o.scope, o.when);
  }
  return {
    version: 1,
    tool: 'rtm-migrate',
    root,
    project: { tsconfig: tsconfig ? relative(root, tsconfig) || 'tsconfig.json' : null, files: projectFiles },
    workspace: { ...spec.size, assumptions: spec.assumptions },
    sites,
    scopes,
    optionalScopes: [...optional].map(([scope, when]) => ({ scope, when })).sort((a, b) => a.scope.localeCompare(b.scope)),
    startup: sites.length === 0 ? NO_SITE_STARTUP : {
      fieldsRead: union,
      calls: startup.calls,
      floorSeconds: startup.floorSeconds,
      byMethod: startup.byMethod,
      summary: CODEMOD_MESSAGES.startupSummary(startup.calls, startup.floorSeconds, startup.byMethod),
    },
  };
}
