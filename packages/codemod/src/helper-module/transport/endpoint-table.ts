import { descendants, memberName, originOf, propertyKeyName, singleValueOf, unwrap, variableOf } from '@rtm-migrate/analysis';
import { Project, type ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { TransportCall } from '../../plan.js';
import { isFunction, params, text, typescript, usesCallerName, type Node, type TransportResult } from './common.js';
import { isFlag, passedThroughCallback } from './helper-contract.js';

type FunctionNode = TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration;

/** `K.prototype.name`: the class name's text, or undefined for any other target. */
function prototypeMember(parsed: ParsedFile, target: Node): { klass: string; name: string } | undefined {
  if (target.type !== AST_NODE_TYPES.MemberExpression || target.computed || target.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const proto = target.object;
  if (proto.type !== AST_NODE_TYPES.MemberExpression || proto.computed || memberName(parsed.resolver, proto) !== 'prototype') return undefined;
  return { klass: text(parsed, proto.object), name: target.property.name };
}

/** Every `K.prototype.name = function (…) {…}` of a file, for `klass` (any class when undefined). */
function prototypeFunctions(parsed: ParsedFile, name: string, klass?: string): TSESTree.FunctionExpression[] {
  const found: TSESTree.FunctionExpression[] = [];
  for (const node of descendants(parsed.resolver, parsed.program)) {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.right.type !== AST_NODE_TYPES.FunctionExpression) continue;
    const member = prototypeMember(parsed, node.left);
    if (member?.name === name && (klass === undefined || member.klass === klass)) found.push(node.right);
  }
  return found;
}

/** The function a node is in, and the `K.prototype.m = function` it is, when it is one. */
function enclosingMethod(parsed: ParsedFile, node: Node): { fn: TSESTree.FunctionExpression; klass: string } | undefined {
  let fn: Node | undefined = node.parent;
  while (fn && !isFunction(fn) && fn.type !== AST_NODE_TYPES.FunctionDeclaration) fn = fn.parent;
  if (fn?.type !== AST_NODE_TYPES.FunctionExpression || fn.parent.type !== AST_NODE_TYPES.AssignmentExpression || fn.parent.right !== fn) return undefined;
  const member = prototypeMember(parsed, fn.parent.left);
  return member ? { fn, klass: member.klass } : undefined;
}

/**
 * The module a class inherits from, written as CoffeeScript and TypeScript compile `class K extends B`
 * to ES5: `K = (function (superClass) { extend(K, superClass); … })(B)`, with `B = require('./b')`.
 */
function superModule(parsed: ParsedFile, klass: string, inside: Node): string | undefined {
  for (let p: Node | undefined = inside.parent; p; p = p.parent) {
    if (p.type !== AST_NODE_TYPES.FunctionExpression || p.params.length !== 1 || p.params[0]?.type !== AST_NODE_TYPES.Identifier) continue;
    const call = p.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== p || call.arguments.length !== 1) continue;
    const param = p.params[0].name;
    const extended = [...descendants(parsed.resolver, p.body)].some(
      (n) => n.type === AST_NODE_TYPES.CallExpression && n.arguments.length === 2 && n.arguments[0] !== undefined && text(parsed, n.arguments[0]) === klass && n.arguments[1]?.type === AST_NODE_TYPES.Identifier && n.arguments[1].name === param,
    );
    const [base] = call.arguments;
    if (!extended || base?.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = variableOf(parsed.resolver, base);
    const origin = variable && singleValueOf(variable) ? originOf(parsed.resolver, base) : undefined;
    return origin && !origin.instance && origin.name === '*' && origin.module.startsWith('.') ? origin.module : undefined;
  }
  return undefined;
}

/** The helper `this.<name>(…)` calls from a method of `klass`: its own prototype's, else its base class's (in another file). */
function helperFunction(parsed: ParsedFile, klass: string, name: string, at: Node): { fn: TSESTree.FunctionExpression; parsed: ParsedFile } | undefined {
  const own = prototypeFunctions(parsed, name, klass);
  if (own.length > 0) return own.length === 1 && own[0] ? { fn: own[0], parsed } : undefined;
  const module = superModule(parsed, klass, at);
  const project = parsed.resolver.project;
  if (module === undefined || !(project instanceof Project)) return undefined;
  const path = project.resolveModule(parsed.file, module);
  const base = path ? project.file(path) : undefined;
  const found = base ? prototypeFunctions(base, name) : [];
  return base && found.length === 1 && found[0] ? { fn: found[0], parsed: base } : undefined;
}

/** `if (x == null) { x = <literal>; }`: CoffeeScript's default value, the only write a parameter may get. */
function isDefaultWrite(reference: TSESLint.Scope.Reference): boolean {
  const assignment = reference.identifier.parent;
  if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.right.type !== AST_NODE_TYPES.Literal && assignment.right.type !== AST_NODE_TYPES.ObjectExpression) return false;
  let test: Node | undefined = assignment.parent;
  while (test && test.type !== AST_NODE_TYPES.IfStatement) test = test.parent;
  return test?.type === AST_NODE_TYPES.IfStatement && test.test.type === AST_NODE_TYPES.BinaryExpression && test.test.operator === '==' && test.test.left.type === AST_NODE_TYPES.Identifier && test.test.left.name === reference.identifier.name;
}

/** The parameter's reads, when it is written only by a default (`if (x == null) x = …`). */
function paramReads(parsed: ParsedFile, fn: FunctionNode, index: number): TSESTree.Identifier[] | undefined {
  const param = fn.params[index];
  if (param?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(parsed.resolver, param);
  const uses = variable?.references.filter((r) => r.identifier !== param) ?? [];
  if (uses.some((r) => r.isWrite() && !isDefaultWrite(r))) return undefined;
  return uses.filter((r) => r.isRead() && !(r.identifier.parent.type === AST_NODE_TYPES.BinaryExpression && r.identifier.parent.operator === '==')).flatMap((r) => (r.identifier.type === AST_NODE_TYPES.Identifier ? [r.identifier] : []));
}

/**
 * Why the helper cannot take another method's URL and arguments the same way (undefined when it can):
 * it must add the URL it is given as the tail of the one it requests (`host + url`, read nowhere
 * else), pass the arguments on whole, and call back Node-style: `callback(error)` or `callback(null, body)`.
 */
function contractUnseen(helper: { fn: TSESTree.FunctionExpression; parsed: ParsedFile }, urlAt: number, argsAt: number, callbackAt: number): string | undefined {
  const { fn, parsed } = helper;
  const url = paramReads(parsed, fn, urlAt);
  const [urlRead] = url ?? [];
  const concat = urlRead?.parent;
  if (url?.length !== 1 || concat?.type !== AST_NODE_TYPES.BinaryExpression || concat.operator !== '+' || concat.right !== urlRead || (concat.parent.type === AST_NODE_TYPES.BinaryExpression && concat.parent.left === concat)) return 'the helper does not add the URL it is given to the end of the one it requests';
  const args = paramReads(parsed, fn, argsAt);
  if (!args || args.some((a) => a.parent.type === AST_NODE_TYPES.MemberExpression && a.parent.object === a && a.parent.parent.type !== AST_NODE_TYPES.AssignmentExpression)) return 'the helper reads the arguments it is given (not only passes them on)';
  const callback = paramReads(parsed, fn, callbackAt);
  const nodeStyle = (id: TSESTree.Identifier): boolean => {
    const use = id.parent;
    if (use.type !== AST_NODE_TYPES.CallExpression || use.callee !== id) return false;
    const [first] = use.arguments;
    return use.arguments.length === 1 || (use.arguments.length === 2 && first?.type === AST_NODE_TYPES.Literal && first.value === null);
  };
  if (!callback?.length || !callback.every(nodeStyle)) return 'the helper does not call its callback Node-style, `callback(error)` or `callback(null, body)`';
  return undefined;
}

/** The range that takes the entry out of its table with its separator (`{ a: 1, start: '…' }` → `{ a: 1 }`). */
function entryRemoval(property: TSESTree.Property, table: TSESTree.ObjectExpression): { start: number; end: number } {
  const i = table.properties.indexOf(property);
  const next = table.properties[i + 1];
  const previous = table.properties[i - 1];
  if (next) return { start: property.range[0], end: next.range[0] };
  if (previous) return { start: previous.range[1], end: property.range[1] };
  return { start: table.range[0] + 1, end: table.range[1] - 1 };
}

/**
 * `K.prototype.endpoints = { start: '/api/rtm.start', … }` and, in a method of `K`,
 * `this.request('GET', this.endpoints.start, {}, callback)` (slack-api-client and clients made like
 * it, CoffeeScript's output): the table entry followed to the one request it is given to, and that
 * request's helper (`K`'s own or, across files, the base class's `request`) checked: it requests its
 * host followed by the URL it is given, passes the arguments on, and calls back Node-style. Then the
 * replacement methods go through the same helper, each `'/api/' + method` with its arguments (the same
 * token, verb and errors), the callback kept, and the entry leaves the table (nothing else reads it).
 * Undefined when the URL is not an entry of such a table; a reason when it is, but is not followed.
 */
export function endpointTableTransport(parsed: ParsedFile, url: Node): TransportResult | undefined {
  const property = url.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== url || property.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const table = property.parent;
  const key = propertyKeyName(parsed.resolver, property);
  const home = table.parent.type === AST_NODE_TYPES.AssignmentExpression && table.parent.right === table ? prototypeMember(parsed, table.parent.left) : undefined;
  const value = url.type === AST_NODE_TYPES.Literal && typeof url.value === 'string' ? url.value : undefined;
  const prefix = value?.endsWith('rtm.start') ? value.slice(0, -'rtm.start'.length) : undefined;
  if (!home || key === undefined || prefix === undefined || !/^[\w/.:-]*[/.]$|^$/.test(prefix)) return undefined;
  const uses = [...descendants(parsed.resolver, parsed.program)].filter(
    (n): n is TSESTree.MemberExpression => n.type === AST_NODE_TYPES.MemberExpression && !n.computed && n.property.type === AST_NODE_TYPES.Identifier && n.property.name === home.name && n.object.type === AST_NODE_TYPES.ThisExpression,
  );
  const entries = uses.map((u) => (u.parent.type === AST_NODE_TYPES.MemberExpression && u.parent.object === u && !u.parent.computed ? memberName(parsed.resolver, u.parent) : undefined));
  if (entries.some((e) => e === undefined)) return { why: `the table \`${home.name}\` is read other than entry by entry (\`this.${home.name}.<name>\`)` };
  const given = uses.filter((_, i) => entries[i] === key).map((u) => u.parent as TSESTree.MemberExpression);
  const [entry] = given;
  if (given.length !== 1 || !entry) return { why: `the \`${key}\` entry of the table \`${home.name}\` is read ${given.length === 0 ? 'nowhere in its file' : 'more than once'}` };
  const call = entry.parent;
  const method = enclosingMethod(parsed, entry);
  const callee = call.type === AST_NODE_TYPES.CallExpression ? unwrap(call.callee) : undefined;
  if (call.type !== AST_NODE_TYPES.CallExpression || method?.klass !== home.klass || callee?.type !== AST_NODE_TYPES.MemberExpression || callee.object.type !== AST_NODE_TYPES.ThisExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) {
    return { why: `the \`${key}\` entry is not given to a request helper of its class (\`this.request(…, this.${home.name}.${key}, …)\`) in one of its methods` };
  }
  const urlAt = call.arguments.indexOf(entry);
  const argsAt = urlAt + 1;
  const callbackAt = call.arguments.length - 1;
  const args = call.arguments[argsAt];
  const callback = call.arguments[callbackAt];
  if (args?.type !== AST_NODE_TYPES.ObjectExpression || callbackAt !== argsAt + 1 || !callback || !passedThroughCallback(parsed, call, callback) && !isMethodCallback(parsed, method.fn, callback)) {
    return { why: 'the request is not given the URL, then its arguments as an object, then the method\'s own callback' };
  }
  const before = call.arguments.slice(0, urlAt);
  if (!before.every((a) => isFlag(parsed, a))) return { why: 'the request is given values before the URL that are not the same for every method' };
  const helper = helperFunction(parsed, home.klass, callee.property.name, method.fn);
  if (!helper) return { why: `\`this.${callee.property.name}\` is not one function rtm-migrate sees (in its class, or the base class it extends in another file)` };
  const unseen = contractUnseen(helper, urlAt, argsAt, callbackAt);
  if (unseen) return { why: unseen };
  if (call.parent.type !== AST_NODE_TYPES.ReturnStatement && call.parent.type !== AST_NODE_TYPES.ExpressionStatement) return { why: "the request's value is used besides its callback" };
  const flags = before.map((a) => text(parsed, a));
  if (usesCallerName(...flags)) return { why: 'the request is given a name the rewrite would shadow' };
  const ts = typescript(parsed);
  const handler = ts ? '(err: unknown, data: unknown) => (err ? reject(err) : resolve(data as Record<string, unknown>))' : '(err, data) => (err ? reject(err) : resolve(data))';
  const caller = `${params(parsed)} => new Promise${ts ? '<Record<string, unknown>>' : ''}((resolve, reject) => this.${callee.property.name}(${[...flags, `'${prefix}' + apiMethod`, 'apiArgs', handler].join(', ')}))`;
  const transport: TransportCall = {
    start: call.range[0],
    end: call.range[1],
    caller,
    args: args.properties.length > 0 ? text(parsed, args) : undefined,
    callback: { start: callback.range[0], end: callback.range[1] },
    removals: [entryRemoval(property, table)],
  };
  return { call: transport };
}

/** The enclosing method's own last parameter, never reassigned, handed on as the callback. */
function isMethodCallback(parsed: ParsedFile, fn: TSESTree.FunctionExpression, node: Node): boolean {
  const last = fn.params.at(-1);
  if (node.type !== AST_NODE_TYPES.Identifier || last?.type !== AST_NODE_TYPES.Identifier || last.name !== node.name) return false;
  const variable = variableOf(parsed.resolver, node);
  return variable?.defs[0]?.name === last && !variable.references.some((r) => r.isWrite() && r.identifier !== last);
}
