import { unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import type { FoundSite } from '../../scan/found.js';
import { params, text, typescript, usesCallerName, writtenCallback, type Node, type TransportResult } from './common.js';

export function helperTransport(parsed: ParsedFile, site: FoundSite): TransportResult {
  const call = site.node;
  if (call.type !== AST_NODE_TYPES.CallExpression || !site.literal) return { why: 'the method name is not written out as the first argument' };
  const [name, args, callback, ...rest] = call.arguments;
  if (!name || call.arguments.indexOf(name) !== 0 || rest.length > 0) return { why: 'the helper takes more than a method name, arguments and a callback' };
  if (args && (unwrap(args).type !== AST_NODE_TYPES.ObjectExpression || !site.argsKnown)) {
    return { why: 'the second argument is not an object of arguments written out' };
  }
  const helper = text(parsed, call.callee);
  if (usesCallerName(helper)) return { why: `\`${helper}\` uses a name the rewrite would shadow` };
  const argsText = args ? text(parsed, args) : undefined;
  if (callback) {
    const fn = writtenCallback(callback);
    if (!fn || fn.params.length < 2) return { why: 'the callback is not a written-out Node-style `(err, data)` function' };
    if (typescript(parsed)) return { why: 'a Node-style callback in TypeScript (`callbackify` does not type a function with optional parameters)' };
    if (call.parent.type !== AST_NODE_TYPES.ExpressionStatement) return { why: "the helper's return value is used besides its callback" };
    const caller = `${params(parsed)} => new Promise((resolve, reject) => ${helper}(apiMethod, apiArgs, (err, data) => (err ? reject(err) : resolve(data))))`;
    return { call: { start: call.range[0], end: call.range[1], caller, args: argsText, callback: { start: callback.range[0], end: callback.range[1] } } };
  }
  const caller = `${params(parsed)} => ${helper}(apiMethod, apiArgs)`;
  const promiseUse = usedAsPromise(call);
  if (promiseUse === undefined) return { call: { start: call.range[0], end: call.range[1], caller, args: argsText } };
  // The helper's own kind of promise comes back, chained on a first call through it (JavaScript: its type is not known).
  if (typescript(parsed)) return { why: `${promiseUse}, and its type is not known here` };
  return { call: { start: call.range[0], end: call.range[1], caller, args: argsText, ownPromise: true } };
}

/**
 * Why a native promise may not take the place of the helper's own (which may have other methods, such
 * as `vow`'s `.fail`): the promise is handed on (returned, stored, passed) or chained with a method
 * other than `.then` / `.catch` / `.finally`. Undefined when it is only awaited or so chained.
 */
function usedAsPromise(call: Node): string | undefined {
  let value: Node = call;
  for (;;) {
    let outer = value;
    while (outer.parent && unwrap(outer.parent) !== outer.parent) outer = outer.parent;
    const parent = outer.parent;
    if (parent?.type === AST_NODE_TYPES.AwaitExpression || parent?.type === AST_NODE_TYPES.ExpressionStatement) return undefined;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== outer) {
      return "the helper's promise is handed on (returned, stored or passed): a native promise may not take the place of the helper's own";
    }
    const method = parent.computed || parent.property.type !== AST_NODE_TYPES.Identifier ? undefined : parent.property.name;
    const chained = parent.parent;
    if (!method || !['then', 'catch', 'finally'].includes(method) || chained.type !== AST_NODE_TYPES.CallExpression || chained.callee !== parent) {
      return `the helper's promise is chained with \`${method ?? '[…]'}\`, which a native promise does not have`;
    }
    value = chained;
  }
}

