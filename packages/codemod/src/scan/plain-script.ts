import { dirname, extname } from 'node:path';
import { descendants, nearestManifest } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { CODEMOD_MESSAGES } from '@rtm-migrate/core';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { HELPER_BASENAME } from '../helper-module/source.js';
import type { RewriteKind } from '../plan.js';

/** Extensions whose files are modules whatever they hold. */
const MODULE_EXTENSIONS = new Set(['.mjs', '.cjs', '.ts', '.tsx', '.mts', '.cts']);

/**
 * Global names only a module, or a script Node runs, reads: CommonJS's `require` / `module` /
 * `exports`, and Node's own `process` / `__dirname` / `__filename` (a Node script can require).
 */
const MODULE_GLOBALS = new Set(['require', 'module', 'exports', 'process', '__dirname', '__filename']);

/**
 * A file that loads no modules: a `.js` file with no `import` / `export`, that reads none of the
 * globals of CommonJS or Node, in a package that does not say `"type": "module"` (a browser script, a
 * PebbleKit JS app, a userscript). An import added to it would throw (`require is not defined`) or
 * not parse (`import` outside a module) where it runs.
 */
export function loadsNoModules(parsed: ParsedFile): boolean {
  const ext = extname(parsed.file).toLowerCase();
  if (MODULE_EXTENSIONS.has(ext) || !['.js', '.jsx'].includes(ext)) return false;
  if (nearestManifest(dirname(parsed.file))?.manifest.type === 'module') return false;
  if (parsed.program.body.some((s) => s.type === AST_NODE_TYPES.ImportDeclaration || s.type === AST_NODE_TYPES.ExportNamedDeclaration || s.type === AST_NODE_TYPES.ExportDefaultDeclaration || s.type === AST_NODE_TYPES.ExportAllDeclaration)) return false;
  const global = parsed.resolver.getScope(parsed.program);
  if (global.through.some((r) => MODULE_GLOBALS.has(r.identifier.name))) return false;
  for (const node of descendants(parsed.resolver, parsed.program)) if (node.type === AST_NODE_TYPES.ImportExpression) return false;
  return true;
}

/** Rewrites that import something into the file: the generated helper module, or the shim. */
const IMPORTING: ReadonlySet<RewriteKind> = new Set<RewriteKind>(['helper-module', 'shim']);

/**
 * The decision for a site, unless it imports into a file that loads no modules, or into an AMD module:
 * then a TODO saying so (a rewrite in place, which imports nothing, still applies).
 */
export function importableDecision<D extends { readonly rewrite: RewriteKind; readonly reason?: string }>(parsed: ParsedFile, decision: D): D {
  if (!IMPORTING.has(decision.rewrite)) return decision;
  const amd = isAmdModule(parsed);
  if (!amd && !loadsNoModules(parsed)) return decision;
  const why = amd ? CODEMOD_MESSAGES.amdModule(HELPER_BASENAME) : readsMeteorNpm(parsed) ? CODEMOD_MESSAGES.meteorLoadsNoModules(HELPER_BASENAME) : CODEMOD_MESSAGES.loadsNoModules(HELPER_BASENAME);
  // A legacy client's own reason says to upgrade and run again: that would not help here, the import would.
  const reason = decision.reason === CODEMOD_MESSAGES.legacyClient ? CODEMOD_MESSAGES.legacyClientNotImportable : decision.reason;
  return { ...decision, rewrite: 'todo', reason: `${reason ?? ''} ${why}`.trim() };
}

/** The file reads Meteor's `Npm` global (`Npm.require('slack-client')`): a Meteor server file. */
function readsMeteorNpm(parsed: ParsedFile): boolean {
  return parsed.resolver.getScope(parsed.program).through.some((r) => r.identifier.name === 'Npm');
}

/**
 * An AMD module: its program calls the global `define(…)` (RequireJS's, not one the file declares, as
 * amdefine's `var define = require('amdefine')(module)` does, which Node loads as CommonJS). RequireJS
 * evaluates what such a file requires as AMD too (blind s49/11: r.js in Node), where a CommonJS module fails.
 */
function isAmdModule(parsed: ParsedFile): boolean {
  const global = parsed.resolver.getScope(parsed.program);
  if (!global.through.some((r) => r.identifier.name === 'define')) return false;
  return parsed.program.body.some((s) => s.type === AST_NODE_TYPES.ExpressionStatement && s.expression.type === AST_NODE_TYPES.CallExpression && s.expression.callee.type === AST_NODE_TYPES.Identifier && s.expression.callee.name === 'define');
}
