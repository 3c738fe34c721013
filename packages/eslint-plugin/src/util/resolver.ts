import { coveredByMigratedTable, coveredByMigratedWrapper, ownRtmStartOf, resolverOfSourceCode, type MethodSite, type ModuleFunctions, type ProjectLinks, type Resolver, type RtmSite } from '@rtm-migrate/analysis';
import { Project } from '@rtm-migrate/analysis/project';
import { mayMentionRtm } from '@rtm-migrate/core';
import type { TSESLint } from '@typescript-eslint/utils';

import { namesRtmItself } from './prefilter.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

interface FileView {
  readonly resolver: Resolver;
  /** The other modules of the package, read from disk as the file requires them (none for a file without a path). */
  readonly modules: ModuleFunctions | undefined;
  readonly project: Project | undefined;
}

const cache = new WeakMap<object, FileView>();

function viewOf(context: Context): FileView {
  let view = cache.get(context.sourceCode);
  if (!view) {
    const own = resolverOfSourceCode(context.sourceCode, context.physicalFilename);
    // One project per linted file (an editor's lint server sees the other files as they are now). It
    // answers what a value required from another module is (the v3 client made there, the wrapper
    // module a call goes to), never where a response flows there: a file's reports stay in the file.
    // A file that does not spell `rtm` is linted for a client it requires: only modules that may make
    // one are parsed (most such files start a server, not Slack, and should not pay for TypeScript's parser).
    const project = own.file === undefined ? undefined : new Project([], namesRtmItself(context) ? undefined : mayMentionRtm);
    const links: ProjectLinks | undefined = project && {
      importedFunction: () => undefined,
      callersElsewhere: () => [],
      everyCallElsewhere: () => undefined,
      importedConstruction: (resolver, node) => project.importedConstruction(resolver, node),
      memberDefinitionsElsewhere: () => undefined,
    };
    view = { resolver: links ? { ...own, project: links } : own, modules: project, project };
    cache.set(context.sourceCode, view);
  }
  return view;
}

/** The analysis' view of the file being linted, shared by the three rules. */
export function resolverFor(context: Context): Resolver {
  return viewOf(context).resolver;
}

/**
 * A use of the app's own `rtm.start` wrapper (a call of it, a table entry re-exporting it, a call of
 * the `rtm.start` a factory's object stores) that a previous `rtm-migrate apply` migrated whole: the codemod leaves the use as it is (`covered`), and
 * the lint reports nothing there (the analysis decides it for both).
 */
export function isCoveredUse(context: Context, site: RtmSite): boolean {
  const { resolver, modules } = viewOf(context);
  if (!modules || (site.kind !== 'method' && site.kind !== 'table')) return false;
  if (coveredByMigratedWrapper(resolver, site, modules)) return true;
  return site.kind === 'method' && coveredByMigratedTable(resolver, context.sourceCode.ast, site, modules);
}

/**
 * `x.rtm.start(…)` on one of the app's own modules that writes its own `rtm.start` function: not a
 * Slack client's method, so neither a fix nor a suggestion renames it (`x.rtm.connect` does not exist).
 * `'requesting'` where that function names Slack's `rtm.start` or `rtm.connect` itself: its request is
 * the site (reported there, or migrated), and this call is none.
 */
export function ownRtmStart(context: Context, site: MethodSite): 'requesting' | 'opaque' | undefined {
  const { resolver, project } = viewOf(context);
  const own = project === undefined ? undefined : ownRtmStartOf(project, resolver, site.call.callee);
  return own === undefined ? undefined : own.requests ? 'requesting' : 'opaque';
}
