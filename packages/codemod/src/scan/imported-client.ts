import { relative, resolve } from 'node:path';
import type { Project } from '@rtm-migrate/analysis/project';
import { CODEMOD_MESSAGES, todoComment } from '@rtm-migrate/core';
import type { TSESTree } from '@typescript-eslint/utils';
import type { PlanSite } from '../plan.js';
import type { LegacySite } from './data-store-filled.js';

interface Client {
  readonly made: TSESTree.NewExpression;
  readonly madeFile: string;
  /** Indexes of the plan's sites that start it, and whether each is in another module than the `new`. */
  readonly starts: { readonly index: number; readonly remote: boolean }[];
}

/**
 * A legacy v3 `RtmClient` made in one module and started in others (`module.exports = rtm` or
 * `exports.rtm = rtm` there, `require('./client').rtm.start()` here). Each start goes to
 * `startRtmClient()` where it stands, and the client must be made with `useRtmConnect: true` where it
 * is made: a site of its own in the making module carries that edit. It is planned only when every
 * start of the client the plan sees goes to the helper module and the making module is one of the
 * files rewritten; otherwise those starts stay TODOs, because the option set for one start would turn
 * another, unchanged one into a thin `rtm.connect` (its `dataStore` left empty). `slack-client` 2.x
 * clients need no option (their helper answers the request itself), so nothing changes where they are made.
 */
export function pairImportedClients(root: string, project: Project, files: readonly string[], sites: readonly PlanSite[], legacy: readonly LegacySite[]): PlanSite[] {
  const out = [...sites];
  const clients = new Map<TSESTree.NewExpression, Client>();
  for (const site of legacy) {
    const made = site.found.construction;
    if (site.found.form !== 'legacy-client' || !made) continue;
    const madeFile = site.found.madeIn?.file ?? site.file;
    const client = clients.get(made) ?? { made, madeFile, starts: [] };
    client.starts.push({ index: site.index, remote: site.found.madeIn !== undefined });
    clients.set(made, client);
  }
  const rewritten = new Set(files.map((f) => resolve(f)));
  for (const client of clients.values()) {
    if (!client.starts.some((s) => s.remote)) continue;
    const planned = client.starts.map((s) => sites[s.index]);
    if (planned.every((p) => p?.construction?.slackClient === true)) continue;
    const madeParsed = rewritten.has(resolve(client.madeFile)) ? project.file(client.madeFile) : undefined;
    const all = planned.every((p) => p?.rewrite === 'helper-module') && madeParsed !== undefined;
    if (!all) {
      for (const s of client.starts) {
        const plan = out[s.index];
        if (plan?.rewrite !== 'helper-module') continue;
        const todo: { -readonly [K in keyof PlanSite]: PlanSite[K] } = { ...plan, rewrite: 'todo', reason: CODEMOD_MESSAGES.legacyClientOtherStarts };
        todo.message = todoComment(CODEMOD_MESSAGES.legacyClientOtherStarts, plan.startOnlyFields);
        delete todo.construction;
        out[s.index] = todo;
      }
      continue;
    }
    // A start in the making module itself already adds the option there.
    if (client.starts.some((s) => !s.remote)) continue;
    const startedIn = [...new Set(planned.flatMap((p) => (p ? [p.file] : [])))].sort();
    out.push(madeHereSite(root, madeParsed.text, client, startedIn));
  }
  return out;
}

/** The making module's site: `useRtmConnect: true` added to its `new RtmClient(…)`. */
function madeHereSite(root: string, text: string, client: Client, startedIn: readonly string[]): PlanSite {
  const { made } = client;
  const file = relative(root, client.madeFile) || client.madeFile;
  const line = made.loc.start.line;
  const column = made.loc.start.column + 1;
  const code = text.slice(made.range[0], made.range[1]).replace(/\s+/g, ' ');
  return {
    id: `${file}:${line}:${column}`,
    file,
    line,
    column,
    endLine: made.loc.end.line,
    endColumn: made.loc.end.column + 1,
    start: made.range[0],
    end: made.range[1],
    construction: { start: made.range[0], end: made.range[1] },
    startedIn,
    form: 'legacy-client',
    code: code.length > 80 ? `${code.slice(0, 77)}...` : code,
    args: { known: true, names: [], kept: [], dropped: [] },
    fieldsRead: [],
    startOnlyFields: [],
    reads: [],
    escapes: [],
    replacement: [],
    scopes: [],
    calls: 0,
    floorSeconds: 0,
    rewrite: 'helper-module',
    message: CODEMOD_MESSAGES.legacyClientMadeHere(startedIn),
  };
}
