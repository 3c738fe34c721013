import { relative } from 'node:path';
import { descendants, memberName, startListenerOf, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile, Project } from '@rtm-migrate/analysis/project';
import { METHODS } from '@rtm-migrate/core';
import { AST_NODE_TYPES, TSESLint } from '@typescript-eslint/utils';
import type { FoundSite } from './found.js';

/**
 * The `'rtm.start'` listeners of the files scanned, as `file:line` relative to the root: a framework
 * that publishes each answer as an event named after its method feeds them from a call in another
 * file, so they are gathered before any call is decided.
 */
export function startListeners(root: string, project: Project, files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const parsed = project.file(file);
    if (!parsed?.text.includes(METHODS.rtmStart)) continue;
    for (const node of descendants(parsed.resolver, parsed.program)) {
      if (node.type === AST_NODE_TYPES.CallExpression && startListenerOf(parsed.resolver, node)) found.push(`${relative(root, parsed.file) || parsed.file}:${node.loc.start.line}`);
    }
  }
  return found;
}

/**
 * `app.post('rtm.start', …)` where `app` is a parameter (an object the caller hands in: a framework's
 * core module `module.exports = function (app) { … }`) that is an event emitter in this file
 * (`app.on(`, `app.emit(`…) or while the project listens for `'rtm.start'`: its transport may publish
 * each answer as an event named after the method, which a rewrite of the call changes. The transport
 * and its owner, as a report names them; undefined for any other call.
 */
export function answerPublisher(parsed: ParsedFile, site: FoundSite, listeners: readonly string[]): { transport: string; owner: string } | undefined {
  if (site.form !== 'helper' || site.node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(site.node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const owner = unwrap(callee.object);
  const method = memberName(parsed.resolver, callee);
  if (owner.type !== AST_NODE_TYPES.Identifier || method === undefined) return undefined;
  if (variableOf(parsed.resolver, owner)?.defs[0]?.type !== TSESLint.Scope.DefinitionType.Parameter) return undefined;
  const emitter = new RegExp(`(?<![\\w$.])${owner.name.replace(/\$/g, '\\$')}\\s*\\.\\s*(?:on|once|emit|addListener)\\s*\\(`).test(parsed.text);
  return emitter || listeners.length > 0 ? { transport: `${owner.name}.${method}`, owner: owner.name } : undefined;
}
