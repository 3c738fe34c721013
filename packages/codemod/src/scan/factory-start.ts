import { resolve } from 'node:path';
import { classOf, classStaticMethod, clientKindOfConstructor, descendants, factoryCall, memberName, originOf, ownInstanceMethod, ownStaticMethod, returnedConstruction, returnedObjectMethod, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { FunctionNode, Located } from '@rtm-migrate/analysis';
import type { ParsedFile, Project } from '@rtm-migrate/analysis/project';
import { CODEMOD_MESSAGES, todoComment } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { PlanSite } from '../plan.js';
import { siteAt } from './site-at.js';

/**
 * `rtm.start()` (or `login()`) on what a function of the app's own module returned (`const rtm =
 * slack.init(token)`, or a member of it: `const { rtm } = clients(token)`) when that module makes a legacy v3 `RtmClient` but the analysis could not prove
 * the value is that client (a return of something else, a client assigned twice, a factory it cannot
 * read): such a start may still call `rtm.start`, so it is reported as a TODO rather than passed over.
 * A start the analysis did follow is a site already; a module that makes no legacy client (an HTTP
 * server's `start()`, `@slack/client` 4's `RTMClient`) gives none.
 */
export function unfollowedFactoryStarts(root: string, project: Project, files: readonly string[], sites: readonly PlanSite[]): PlanSite[] {
  const known = new Set(sites.map((s) => `${resolve(root, s.file)}:${String(s.start)}`));
  const out: PlanSite[] = [];
  for (const file of files) {
    const parsed = project.file(file);
    if (!parsed || !/\.(start|login)\b/.test(parsed.text)) continue;
    for (const node of descendants(parsed.resolver, parsed.program)) {
      if (node.type !== AST_NODE_TYPES.CallExpression || known.has(`${parsed.file}:${String(node.range[0])}`)) continue;
      const module = startOfFactoryValue(project, parsed, node);
      if (module === undefined || !makesLegacyClient(project, parsed.file, module)) continue;
      const reason = CODEMOD_MESSAGES.legacyClientFactoryUnseen(module);
      out.push({ ...siteAt(root, parsed, node, 'legacy-client'), rewrite: 'todo', reason, message: todoComment(reason, []) });
    }
  }
  return out;
}

/** The relative module whose function returned the receiver of `<receiver>.start(…)` / `.login(…)`. */
function startOfFactoryValue(project: Project, parsed: ParsedFile, call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments.length > 1) return undefined;
  const name = memberName(parsed.resolver, callee);
  if (name !== 'start' && name !== 'login') return undefined;
  const made = madeByCall(parsed, callee.object);
  const origin = made ? originOf(parsed.resolver, made.callee) : undefined;
  if (!made || !origin || origin.instance || !origin.module.startsWith('.')) return undefined;
  return startsItself(project, parsed, made, name) ? undefined : origin.module;
}

/**
 * The factory returns an instance of a class of the project that defines `method` itself, or an
 * object literal with that method, which that call runs, whatever client it holds
 * (`SlackClient.create(token).start()`, a wrapper whose `start` starts its client: that start is a
 * site of its own).
 */
function startsItself(project: Project, parsed: ParsedFile, made: TSESTree.CallExpression, method: string): boolean {
  const callee = unwrap(made.callee);
  const owner = callee.type === AST_NODE_TYPES.MemberExpression ? project.moduleFunction(parsed.resolver, callee.object) : undefined;
  const key = callee.type === AST_NODE_TYPES.MemberExpression ? memberName(parsed.resolver, callee) : undefined;
  const staticMethod = owner && key !== undefined ? ownStaticMethod(owner.resolver, owner.node, key) : undefined;
  const fn = staticMethod && owner ? { node: staticMethod, resolver: owner.resolver } : (exportedClassStatic(project, parsed, callee, key) ?? project.moduleFunction(parsed.resolver, callee));
  if (!fn) return false;
  // An object literal with the method (blind s53/02 lmammino/norrisbot: `return { rtm, start() { rtm.start(); } }`).
  if (returnedObjectMethod(fn.resolver, fn.node, method)) return true;
  const instance = returnedConstruction(fn.resolver, fn.node);
  return instance !== undefined && ownInstanceMethod(fn.resolver, instance.callee, method) !== undefined;
}

/** `Provider.generate` of `export class Provider { static generate() {…} }` with no constructor of its own (blind s90/01). */
function exportedClassStatic(project: Project, parsed: ParsedFile, callee: TSESTree.Node, key: string | undefined): Located<FunctionNode> | undefined {
  const exported = callee.type === AST_NODE_TYPES.MemberExpression && key !== undefined ? project.importedValue(parsed.resolver, callee.object) : undefined;
  const cls = exported ? classOf(exported.resolver, exported.node) : undefined;
  const method = cls && key !== undefined ? classStaticMethod(cls, key) : undefined;
  return method && exported ? { node: method, resolver: exported.resolver } : undefined;
}

/**
 * The call whose value the receiver is, or holds as a member: `factoryCall`'s, and also `const { rtm }
 * = clients(token)`, `clients(token).rtm` (a factory that hands back several clients at once).
 */
function madeByCall(parsed: ParsedFile, receiver: TSESTree.Node): TSESTree.CallExpression | undefined {
  const direct = factoryCall(parsed.resolver, receiver);
  if (direct) return direct;
  const bare = unwrap(receiver);
  if (bare.type === AST_NODE_TYPES.MemberExpression) return factoryCall(parsed.resolver, bare.object);
  if (bare.type !== AST_NODE_TYPES.Identifier) return undefined;
  const def = variableOf(parsed.resolver, bare)?.defs[0];
  const init = def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id.type === AST_NODE_TYPES.ObjectPattern && def.node.init ? unwrap(def.node.init) : undefined;
  return init?.type === AST_NODE_TYPES.CallExpression ? init : undefined;
}

/** The module `specifier` names from `from` makes a legacy `RtmClient` (`new RtmClient(…)` of `@slack/client` / `slack-client`). */
function makesLegacyClient(project: Project, from: string, specifier: string): boolean {
  const target = project.resolveModule(from, specifier);
  const parsed = target ? project.file(target) : undefined;
  if (!parsed?.text.includes('RtmClient')) return false;
  for (const node of descendants(parsed.resolver, parsed.program)) {
    if (node.type === AST_NODE_TYPES.NewExpression && clientKindOfConstructor(parsed.resolver, node.callee) === 'legacy-rtm-client') return true;
  }
  return false;
}
