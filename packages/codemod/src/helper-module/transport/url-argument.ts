import { descendants, readsOwnArguments, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { link } from './chain.js';
import { isFunction, isJsonParse, typescript, type Node } from './common.js';
import { AS_BODY_TEXT } from './request-promise.js';
import { unbuiltReads } from './data-reads.js';
import type { TransportCall } from '../../plan.js';
import type { RequestUrl } from './request-parts.js';

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
type Variable = TSESLint.Scope.Variable;

/** The URL as the function's parameter carries it to the request, and the edits that give the parameter the arguments instead. */
export interface PassedUrl {
  readonly url: RequestUrl;
  readonly edits: readonly { readonly start: number; readonly end: number; readonly text: string }[];
}

/** The function a call's callee names: declared once in this file (`function f`, `const f = (…) => …`), never assigned again. */
function localFunction(parsed: ParsedFile, callee: TSESTree.Identifier): { fn: FunctionNode; variable: Variable; name: Node } | undefined {
  const variable = variableOf(parsed.resolver, callee);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !def) return undefined;
  if (def.type === TSESLint.Scope.DefinitionType.FunctionName && def.node.type === AST_NODE_TYPES.FunctionDeclaration) return { fn: def.node, variable, name: def.name };
  const init = def.type === TSESLint.Scope.DefinitionType.Variable && def.node.id === def.name && def.node.init ? unwrap(def.node.init) : undefined;
  if (!init || !isFunction(init) || variable.references.some((r) => r.isWrite() && r.identifier !== def.name)) return undefined;
  return { fn: init, variable, name: def.name };
}

/** `export function f`, `export const f = …`. */
function exported(name: Node): boolean {
  for (let node: Node | undefined = name.parent; node && node.type !== AST_NODE_TYPES.Program; node = node.parent) {
    if (node.type === AST_NODE_TYPES.ExportNamedDeclaration || node.type === AST_NODE_TYPES.ExportDefaultDeclaration) return true;
  }
  return false;
}

/** A name bound for good where the module is loaded (an import, a `const`, a function), or a global the file does not declare. */
function fixed(variable: Variable | null): boolean {
  if (!variable) return true;
  // The file's top scope: a module's, the global one, or CommonJS's function scope around the file.
  if (variable.scope.block.type !== AST_NODE_TYPES.Program) return false;
  const [def, ...more] = variable.defs;
  if (!def || more.length > 0) return false;
  if (def.type === TSESLint.Scope.DefinitionType.ImportBinding || def.type === TSESLint.Scope.DefinitionType.FunctionName) return true;
  return def.type === TSESLint.Scope.DefinitionType.Variable && def.parent.kind === 'const';
}

/**
 * The URL's base (what comes before `rtm.start`) is made again inside the function for each method:
 * every name it reads must be bound for good and mean the same there.
 */
function baseSeenInside(parsed: ParsedFile, url: Node, methodAt: number, inside: Node): boolean {
  for (const node of descendants(parsed.resolver, url)) {
    if (node.type !== AST_NODE_TYPES.Identifier || node.range[0] >= methodAt) continue;
    const reference = parsed.resolver.getScope(node).references.find((r) => r.identifier === node);
    if (!reference) continue; // a property name: `process.env.API`
    const there = ASTUtils.findVariable(parsed.resolver.getScope(inside), node.name);
    if (!fixed(reference.resolved) || there !== reference.resolved) return false;
  }
  return true;
}

/** A name for the parameter that now holds the arguments, free in the function. */
function argsName(parsed: ParsedFile, fn: FunctionNode): string {
  const body = parsed.text.slice(fn.range[0], fn.range[1]);
  return ['startArgs', 'rtmStartArgs', 'slackStartArgs'].find((name) => !new RegExp(`\\b${name}\\b`).test(body)) ?? 'rtmStartArguments';
}

/**
 * `start('https://slack.com/api/rtm.start?token=' + token)` where `start` is a function declared in
 * this file, called there alone (never exported, handed on or called again: another URL would go
 * the same way), whose parameter is used once, as it is, and never assigned: the request it goes to
 * is the request the URL is made for. The call then passes the arguments the URL's query carried
 * (`{}` for none) and the parameter holds them; the base of the URL is made inside the function,
 * where it means the same. Undefined when the URL is no argument of such a function's call (the
 * request is looked for where the URL is); `why` where the function is one but cannot be followed.
 */
export function urlPassedToFunction(parsed: ParsedFile, url: RequestUrl, methodAt: number): PassedUrl | { readonly why: string } | undefined {
  let given: Node = url.node;
  while (given.parent && unwrap(given.parent) !== given.parent) given = given.parent;
  const call = given.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee === given) return undefined;
  const callee = unwrap(call.callee);
  const local = callee.type === AST_NODE_TYPES.Identifier ? localFunction(parsed, callee) : undefined;
  if (callee.type !== AST_NODE_TYPES.Identifier || !local) return undefined;
  const { fn, variable, name } = local;
  const named = `\`${callee.name}\``;
  const calls = variable.references.filter((r) => r.identifier !== name);
  if (calls.length !== 1 || calls[0]?.identifier !== callee || exported(name)) {
    return { why: `the URL is given to ${named}, which is also called or handed on elsewhere (with other URLs, maybe): rtm-migrate does not change a function other callers share` };
  }
  if (methodAt < url.node.range[0] || methodAt >= url.node.range[1]) return { why: `the URL is held in a variable before it is given to ${named}` };
  const index = call.arguments.findIndex((a) => a === given);
  const param = fn.params[index];
  const shifted = call.arguments.slice(0, index + 1).some((a) => a.type === AST_NODE_TYPES.SpreadElement) || fn.params.slice(0, index).some((p) => p.type === AST_NODE_TYPES.RestElement);
  const usesArguments = readsOwnArguments(parsed.resolver, fn);
  if (param?.type !== AST_NODE_TYPES.Identifier || param.optional || shifted || usesArguments) {
    return { why: `the URL is given to ${named}, whose parameter for it is not one plain name` };
  }
  const uses = (variableOf(parsed.resolver, param)?.references ?? []).filter((r) => r.identifier !== param);
  const [use, ...more] = uses;
  if (!use || more.length > 0 || !use.isReadOnly()) return { why: `the URL is given to ${named}, whose parameter \`${param.name}\` is used elsewhere than in one request` };
  if (!baseSeenInside(parsed, url.node, methodAt, use.identifier)) {
    return { why: `the URL is given to ${named}, and the base it is built on reads names that may not mean the same inside it` };
  }
  const args = argsName(parsed, fn);
  const carried = url.query ?? '{}';
  return {
    url: { node: use.identifier, url: url.url, query: args, ...(url.removals ? { removals: url.removals } : {}) },
    edits: [
      { start: url.node.range[0], end: url.node.range[1], text: carried },
      // TypeScript: the parameter's type was the URL's; it now holds the query's names and values.
      { start: param.range[0], end: param.range[1], text: typescript(parsed) ? `${args}: Record<string, string>` : args },
    ],
  };
}

/** `.then(JSON.parse)` / `.then((body) => JSON.parse(body))` right after the request: the call that gives the data. */
function parsedThen(parsed: ParsedFile, request: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  const next = link(request);
  const [fn, ...more] = next?.name === 'then' ? next.call.arguments : [];
  if (!next || !fn || more.length > 0) return undefined;
  if (isJsonParse(parsed, fn)) return next.call;
  const [param, ...others] = isFunction(fn) ? fn.params : [];
  if (!isFunction(fn) || param?.type !== AST_NODE_TYPES.Identifier || others.length > 0) return undefined;
  let body: Node | null | undefined = fn.body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const [only, ...rest] = body.body;
    body = only?.type === AST_NODE_TYPES.ReturnStatement && rest.length === 0 ? only.argument : undefined;
  }
  const [arg, ...extra] = body?.type === AST_NODE_TYPES.CallExpression && isJsonParse(parsed, body.callee) ? body.arguments : [];
  return arg?.type === AST_NODE_TYPES.Identifier && arg.name === param.name && extra.length === 0 ? next.call : undefined;
}

/**
 * What the function reads of the data the rebuilt call gives (where the code it replaces gave the
 * data itself, not a library's response around it): the URL's own site sees none of it, as the
 * request is made inside the function. Why it cannot be rebuilt, or undefined.
 */
export function readsInsideBuilt(parsed: ParsedFile, passed: PassedUrl, call: TransportCall): string | undefined {
  const asText = call.then === AS_BODY_TEXT;
  if ((call.then !== undefined && !asText) || call.callback !== undefined) return 'the request inside the function is read through the library\'s own response, which rtm-migrate does not follow past a parameter';
  let replaced: Node = passed.url.node;
  while (replaced.parent && replaced.parent.range[0] >= call.start && replaced.parent.range[1] <= call.end) replaced = replaced.parent;
  if (replaced.type !== AST_NODE_TYPES.CallExpression || replaced.range[0] !== call.start || replaced.range[1] !== call.end) return 'the request inside the function could not be followed';
  // The body text handed on again: its reads are those of the data parsed from it right after.
  const data = asText ? parsedThen(parsed, replaced) : replaced;
  if (!data) return 'the body text inside the function is used otherwise than parsed right after the request (`.then(JSON.parse)`)';
  return unbuiltReads(parsed, data, 'the function');
}
