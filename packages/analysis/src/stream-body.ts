import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { isFunction, memberName, unwrap, variableOf, within } from './ast.js';
import { functionOf, localFunction, type FunctionNode } from './functions.js';
import { isJsonParse } from './reassigned.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/**
 * How a response stream (Node's `http.get(url, (res) => …)`) is read: the identifiers its `data`
 * listeners add the chunks up in (`raw += c`, `chunks.push(c)`), each with the function whose stream
 * parameter the listener is on (the callback, or a helper of this file it hands the stream to), the
 * `end` / `close` listeners (which get nothing of the body: where it is complete), and the calls
 * handing the stream to such helpers (`handleResponse(res, callback)`).
 */
export interface StreamReads {
  readonly adds: ReadonlyMap<Node, FunctionNode>;
  readonly ends: readonly Node[];
  readonly helpers: readonly { readonly call: TSESTree.CallExpression; readonly fn: FunctionNode }[];
}

/** Registering a listener returns the stream itself (`res.on(…).on(…)`); `setEncoding` too. */
const LISTEN = new Set(['on', 'once', 'addListener']);
/** Events whose listeners get nothing of the body (`close` and `end` fire once it is all in). */
const NO_BODY = new Set(['end', 'close', 'error']);

/**
 * What a response stream (a one-parameter callback's `res`) is read for: every listener counts,
 * `res.on(…)` and the ones chained on what it returns (`res.on('data', …).on('data', …)`), and those
 * of a function of this file the stream is handed to (`handleResponse(res, callback)`: its parameter
 * is read the same way); else the first use of it that is none of these (`pipe`, a listener not
 * written out, the stream handed on elsewhere or read through `arguments`), or undefined for a stream
 * without a plain name.
 */
export function streamReads(resolver: Resolver, fn: FunctionNode): StreamReads | { unfollowed: Node } | undefined {
  const reads = { adds: new Map<Node, FunctionNode>(), ends: [] as Node[], helpers: [] as { call: TSESTree.CallExpression; fn: FunctionNode }[] };
  const found = readsOf(resolver, fn, 0, reads, new Set([fn]));
  return found === true ? reads : found;
}

/** The uses of `fn`'s parameter `index` (a stream) added to `reads`: true, or what is not followed. */
function readsOf(resolver: Resolver, fn: FunctionNode, index: number, reads: { adds: Map<Node, FunctionNode>; ends: Node[]; helpers: { call: TSESTree.CallExpression; fn: FunctionNode }[] }, seen: Set<FunctionNode>): true | { unfollowed: Node } | undefined {
  const param = fn.params[index];
  const stream = param?.type === AST_NODE_TYPES.Identifier ? variableOf(resolver, param) : null;
  if (!stream) return undefined;
  // `arguments[0]` is the stream under another name.
  const args = fn.type === AST_NODE_TYPES.ArrowFunctionExpression ? undefined : resolver.getScope(fn).set.get('arguments')?.references[0];
  if (args) return { unfollowed: args.identifier };
  for (const reference of stream.references) {
    if (reference.identifier === param) continue;
    // A parameter given another value holds something else from there on.
    if (reference.isWrite()) return { unfollowed: reference.identifier };
    const handed = reference.identifier.type === AST_NODE_TYPES.Identifier ? helperCall(resolver, reference.identifier) : undefined;
    if (handed) {
      reads.helpers.push({ call: handed.call, fn: handed.fn });
      if (seen.has(handed.fn)) continue;
      seen.add(handed.fn);
      const inner = readsOf(resolver, handed.fn, handed.index, reads, seen);
      if (inner !== true) return inner ?? { unfollowed: handed.call };
      continue;
    }
    // The stream, then each listener call on it (which returns it again), up the chain.
    let value: Node = reference.identifier;
    for (;;) {
      const member: Node = value.parent;
      const call: Node | undefined = member.parent;
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== value || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) break;
      const method = memberName(resolver, member);
      const [event, listener] = call.arguments;
      const kind = event?.type === AST_NODE_TYPES.Literal ? event.value : undefined;
      if (method === 'setEncoding') { value = call; continue; }
      if (method === undefined || !LISTEN.has(method) || !listener) return { unfollowed: call };
      if (typeof kind === 'string' && NO_BODY.has(kind)) {
        const end = kind === 'error' ? undefined : endListener(resolver, listener);
        if (end) reads.ends.push(end);
        value = call;
        continue;
      }
      // `once('data')` keeps the first chunk alone: a part of the body, not followed.
      const added = kind === 'data' && method !== 'once' ? addedUpIn(listener) : undefined;
      if (!added) return { unfollowed: call };
      for (const identifier of added) reads.adds.set(identifier, fn);
      value = call;
    }
    // What the last call returns (the stream again) is dropped, or returned to `http`, which ignores it.
    const dropped = value !== reference.identifier && (value.parent.type === AST_NODE_TYPES.ExpressionStatement || (value.parent === fn && fn.body === value));
    if (!dropped) return { unfollowed: value };
  }
  return true;
}

/**
 * `handleResponse(res, callback)`: the stream given as it is (no spread before it) to a function of
 * this file (a declaration or a `const` never reassigned), whose parameter at its place is then read
 * for the body. What the helper returns holds nothing of the stream: its own uses of it are followed.
 */
function helperCall(resolver: Resolver, stream: TSESTree.Identifier): { call: TSESTree.CallExpression; fn: FunctionNode; index: number } | undefined {
  const call = stream.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee === stream) return undefined;
  const index = call.arguments.indexOf(stream);
  if (index < 0 || call.arguments.slice(0, index).some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const callee = unwrap(call.callee);
  const fn = callee.type === AST_NODE_TYPES.Identifier ? localFunction(resolver, callee) : undefined;
  return fn ? { call, fn, index } : undefined;
}

/**
 * The function an `end` / `close` listener runs, where the body is all in: written out in place, or a
 * function of this file given nowhere else (called elsewhere too, it may run before the end).
 */
function endListener(resolver: Resolver, listener: Node): FunctionNode | undefined {
  const bare = unwrap(listener);
  if (isFunction(bare)) return bare;
  const variable = bare.type === AST_NODE_TYPES.Identifier ? variableOf(resolver, bare) : undefined;
  const given = variable?.references.filter((r) => r.isRead()) ?? [];
  return given.length === 1 && given[0]?.identifier === bare ? functionOf(resolver, bare) : undefined;
}

/**
 * True when a response stream's body is read only as the analysis follows it: the text its `data`
 * events add up, in a variable of this response (declared in its callback, not shared with other
 * requests), is read by `JSON.parse` alone once the stream has ended (in an `end` / `close` listener),
 * directly or through a join held for it (`const text = Buffer.concat(chunks).toString()`), so what
 * is read of the answer is what the analysis found off the parsed value. Text handed anywhere else
 * (kept, passed on, parsed another way, joined before the end) may be read there unseen.
 */
export function streamParsedOnly(resolver: Resolver, fn: FunctionNode): boolean {
  const reads = streamReads(resolver, fn);
  if (!reads || 'unfollowed' in reads || reads.adds.size === 0) return false;
  return [...reads.adds].every(([add, reader]) => {
    const text = add.type === AST_NODE_TYPES.Identifier ? variableOf(resolver, add) : undefined;
    const declared = text?.defs.length === 1 ? text.defs[0]?.name : undefined;
    if (!text || !declared || !ofThisResponse(text, declared, reader)) return false;
    return text.references.every((r) => {
      if (r.identifier === declared || reads.adds.has(r.identifier)) return true;
      if (!r.isReadOnly() || !reads.ends.some((end) => within(r.identifier, end))) return false;
      const held = heldJoin(resolver, r.identifier);
      return held ? heldParsedOnly(resolver, held) : parseOf(resolver, r.identifier)?.arguments.length === 1;
    });
  });
}

/**
 * The `JSON.parse` calls that parse the text added up in the variable `reference` reads: `JSON.parse(raw)`,
 * `JSON.parse(Buffer.concat(chunks))`, or through a variable holding the joined text (`const body =
 * chunks.join(''); JSON.parse(body)`, `let body = Buffer.concat(parts); body = JSON.parse(body)`).
 */
export function parsesOfText(resolver: Resolver, reference: Node): TSESTree.CallExpression[] {
  const held = heldJoin(resolver, reference);
  if (!held) {
    const call = parseOf(resolver, reference);
    return call ? [call] : [];
  }
  return (variableOf(resolver, held)?.references ?? []).flatMap((r) => {
    const call = r.isReadOnly() ? parseOf(resolver, r.identifier) : undefined;
    return call ? [call] : [];
  });
}

/** `const body = Buffer.concat(chunks).toString()` (`let`, `var` too): `body`, holding the whole text of the chunks. */
function heldJoin(resolver: Resolver, node: Node): TSESTree.Identifier | undefined {
  const text = joined(resolver, node);
  const declarator = text.parent;
  return declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === text && declarator.id.type === AST_NODE_TYPES.Identifier ? declarator.id : undefined;
}

/**
 * The held text is read by `JSON.parse` alone (one argument), or given the parsed value in its
 * place (`body = JSON.parse(body)`), after which it is the answer the analysis follows.
 */
function heldParsedOnly(resolver: Resolver, held: TSESTree.Identifier): boolean {
  const variable = variableOf(resolver, held);
  if (variable?.defs.length !== 1) return false;
  const reparse = reparseOf(resolver, variable);
  return variable.references.every((r) => {
    if (r.identifier === held) return true;
    const parse = r.isReadOnly() ? parseOf(resolver, r.identifier) : undefined;
    if (parse?.arguments.length === 1) return true;
    if (!reparse) return false;
    if (r.isWrite()) return r.identifier === reparse.left;
    // Past the write, the variable holds the answer: followed as such.
    return r.identifier.range[0] >= reparse.range[1];
  });
}

/** `body = JSON.parse(body)` (`body.toString()` in TypeScript): the one write of a held text, with its own parse. */
function reparseOf(resolver: Resolver, variable: TSESLint.Scope.Variable): TSESTree.AssignmentExpression | undefined {
  const writes = variable.references.filter((r) => r.isWrite() && r.init !== true);
  const [only, ...more] = writes;
  const assignment = only?.identifier.parent;
  if (more.length > 0 || assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left !== only?.identifier) return undefined;
  const parse = unwrap(assignment.right);
  return variable.references.some((r) => r.isReadOnly() && parseOf(resolver, r.identifier) === parse) ? assignment : undefined;
}

const REPEATS = new Set<string>([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
]);

/**
 * The text is this response's alone: declared in the function reading the stream (its callback, or a
 * helper of this file the stream is handed to, run once per response), or where the request is made once
 * (`let received = ''` beside a request made at the top of the module). Declared outside a function
 * or loop that makes the request (`const chunks = []` at the top, the request in `start(token)`), it
 * is shared by every request made: the chunks of one are added to the others'.
 */
function ofThisResponse(text: TSESLint.Scope.Variable, declared: Node, fn: FunctionNode): boolean {
  if (within(declared, fn.body)) return true;
  const request = fn.parent;
  if (request.type !== AST_NODE_TYPES.CallExpression || !request.arguments.some((a) => a === fn)) return false;
  for (let node: Node | undefined = request.parent; node && node !== text.scope.block; node = node.parent) {
    if (isFunction(node) || REPEATS.has(node.type)) return false;
  }
  return true;
}

/**
 * The whole text of chunks held at `node`: `Buffer.concat(chunks)`, `chunks.join('')`, else the value
 * itself (`raw`); `.toString(…)` after any of them or not.
 */
function joined(resolver: Resolver, node: Node): Node {
  const whole = concatenated(resolver, node);
  const member = whole.parent;
  const toString = member?.type === AST_NODE_TYPES.MemberExpression && member.object === whole && memberName(resolver, member) === 'toString' && member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member;
  return toString ? member.parent : whole;
}

/** `Buffer.concat(chunks)` / `chunks.join('')` of the chunks at `node`, else `node`. */
function concatenated(resolver: Resolver, node: Node): Node {
  const call = node.parent;
  if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments.length === 1 && call.arguments[0] === node && isBufferConcat(resolver, call.callee)) return call;
  const member = node.parent;
  const join = member?.parent;
  if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === node && memberName(resolver, member) === 'join' && join?.type === AST_NODE_TYPES.CallExpression && join.callee === member) {
    const [separator, ...more] = join.arguments;
    if (separator?.type === AST_NODE_TYPES.Literal && separator.value === '' && more.length === 0) return join;
  }
  return node;
}

/** The `JSON.parse` call that parses the text held at `node`, as it is or joined (see `joined`). */
function parseOf(resolver: Resolver, node: Node): TSESTree.CallExpression | undefined {
  const text = joined(resolver, node);
  const call = text.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === text && isJsonParse(resolver, call.callee) ? call : undefined;
}

/** Node's global `Buffer.concat`. */
function isBufferConcat(resolver: Resolver, callee: Node): boolean {
  const bare = unwrap(callee);
  return (
    bare.type === AST_NODE_TYPES.MemberExpression &&
    bare.object.type === AST_NODE_TYPES.Identifier &&
    bare.object.name === 'Buffer' &&
    !variableOf(resolver, bare.object)?.defs.length &&
    memberName(resolver, bare) === 'concat'
  );
}

/** `chunks.push(chunk)`: `chunks`. */
function pushedTo(call: TSESTree.CallExpression, chunk: string): TSESTree.Identifier | undefined {
  const callee = call.callee;
  const [only, ...more] = call.arguments;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'push') return undefined;
  return callee.object.type === AST_NODE_TYPES.Identifier && more.length === 0 && only?.type === AST_NODE_TYPES.Identifier && only.name === chunk ? callee.object : undefined;
}

/**
 * `(chunk) => { raw += chunk; }` / `(c) => (raw += c)` / `(c) => { raw = raw + c.toString(); }` /
 * `(c) => chunks.push(c)`: the identifiers the chunks are added up through (`raw` written, and read again where it is `raw + c`).
 */
function addedUpIn(listener: Node): TSESTree.Identifier[] | undefined {
  const fn = unwrap(listener);
  if ((fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) || fn.params[0]?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const chunk = fn.params[0].name;
  const statements = fn.body.type === AST_NODE_TYPES.BlockStatement ? fn.body.body : [fn.body];
  const [only, ...more] = statements;
  const expression = only?.type === AST_NODE_TYPES.ExpressionStatement ? only.expression : only;
  if (more.length > 0 || !expression) return undefined;
  const add = unwrap(expression);
  if (add.type === AST_NODE_TYPES.CallExpression) {
    const pushed = pushedTo(add, chunk);
    return pushed && [pushed];
  }
  if (add.type !== AST_NODE_TYPES.AssignmentExpression || add.left.type !== AST_NODE_TYPES.Identifier) return undefined;
  if (add.operator === '+=') return isChunkText(add.right, chunk) ? [add.left] : undefined;
  const sum = unwrap(add.right);
  if (add.operator !== '=' || sum.type !== AST_NODE_TYPES.BinaryExpression || sum.operator !== '+') return undefined;
  const again = unwrap(sum.left);
  return again.type === AST_NODE_TYPES.Identifier && again.name === add.left.name && isChunkText(sum.right, chunk) ? [add.left, again] : undefined;
}

/** `c` or `c.toString()`: the chunk's text. */
function isChunkText(node: Node, chunk: string): boolean {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.Identifier) return bare.name === chunk;
  if (bare.type !== AST_NODE_TYPES.CallExpression || bare.arguments.length > 0) return false;
  const callee = unwrap(bare.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'toString' && isChunkText(callee.object, chunk);
}
