import { readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { clientKey, findSites, packageFiles, packageFolder } from '@rtm-migrate/analysis';
import type { Project } from '@rtm-migrate/analysis/project';
import { CODEMOD_MESSAGES, todoComment } from '@rtm-migrate/core';
import type { TSESTree } from '@typescript-eslint/utils';
import type { PlanSite } from '../plan.js';
import type { LegacySite } from './data-store-filled.js';
import { siteAt } from './site-at.js';

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
 * start of the client goes to the helper module and the making module is one of the files rewritten;
 * otherwise those starts stay TODOs, because the option set for one start would turn another,
 * unchanged one into a thin `rtm.connect` (its `dataStore` left empty). "Every start" counts the files
 * of the package this run was not given too (`rtm-migrate apply` on part of a project): a client
 * started in one of them, or made in one, is left as it is, every start a TODO that names the files. `slack-client` 2.x
 * clients and `@slack/client` ones before 3.10 take no option (their helper answers the request itself), so nothing changes where they are made.
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
  const toTodo = (client: Client, reason: string): void => {
    for (const s of client.starts) {
      const plan = out[s.index];
      if (plan?.rewrite !== 'helper-module') continue;
      const todo: { -readonly [K in keyof PlanSite]: PlanSite[K] } = { ...plan, rewrite: 'todo', reason };
      todo.message = todoComment(reason, plan.startOnlyFields);
      delete todo.construction;
      delete todo.itemGaps;
      out[s.index] = todo;
    }
  };
  for (const client of clients.values()) {
    const planned = client.starts.map((s) => sites[s.index]);
    if (planned.every((p) => p?.construction?.slackClient === true || p?.construction?.startAnswered === true) || !planned.some((p) => p?.rewrite === 'helper-module')) continue;
    const madeGiven = rewritten.has(resolve(client.madeFile));
    // A start in a file this run was not given would stay `start()` on a client made with `rtm.connect`.
    const unseen = madeGiven ? startsNotGiven(root, project, client, rewritten) : [relative(root, client.madeFile) || client.madeFile];
    if (unseen.length > 0) {
      toTodo(client, CODEMOD_MESSAGES.legacyClientUnseen(unseen, !madeGiven));
      continue;
    }
    if (!client.starts.some((s) => s.remote)) continue;
    if (!planned.every((p) => p?.rewrite === 'helper-module')) {
      toTodo(client, CODEMOD_MESSAGES.legacyClientOtherStarts);
      continue;
    }
    // A start in the making module itself already adds the option there.
    const madeParsed = project.file(client.madeFile);
    if (client.starts.some((s) => !s.remote) || !madeParsed) continue;
    const startedIn = [...new Set(planned.flatMap((p) => (p ? [p.file] : [])))].sort();
    out.push(madeHereSite(root, madeParsed.text, client, startedIn));
  }
  return out;
}

/**
 * The files of the client's package (read from disk: files left out of the run, or skipped by its
 * text filter) that start the client and that this run was not given, relative to the root. Only a
 * file that names the making module (`require('./client')`) can reach a client it exports.
 */
function startsNotGiven(root: string, project: Project, client: Client, given: ReadonlySet<string>): string[] {
  const made = clientKey(client.madeFile, client.made);
  const module = basename(client.madeFile).replace(/\.[cm]?[jt]sx?$/, '');
  const name = module === 'index' ? basename(dirname(client.madeFile)) : module;
  const out: string[] = [];
  for (const path of packageFiles(packageFolder(root, client.madeFile)).files) {
    if (given.has(resolve(path))) continue;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    if (!text.includes(name)) continue;
    const parsed = project.file(path);
    const starts = parsed
      ? findSites(parsed.program, parsed.resolver).filter(
          (s) => s.kind === 'client-start' && s.client === 'legacy-rtm-client' && clientKey(s.madeIn?.file ?? path, s.construction) === made,
        )
      : [];
    // A file that cannot be parsed may start it too.
    if (!parsed || starts.length > 0) out.push(relative(root, path) || path);
  }
  return out.sort();
}

/** The making module's site: `useRtmConnect: true` added to its `new RtmClient(…)`. */
function madeHereSite(root: string, text: string, client: Client, startedIn: readonly string[]): PlanSite {
  const { made } = client;
  return {
    ...siteAt(root, { file: client.madeFile, text }, made, 'legacy-client'),
    construction: { start: made.range[0], end: made.range[1] },
    startedIn,
    rewrite: 'helper-module',
    message: CODEMOD_MESSAGES.legacyClientMadeHere(startedIn, made.arguments.length > 2),
  };
}
