import { memberName, requiredModule, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { text, type Node } from './common.js';
import { helperDeclaration, returnedValues } from './helper-contract.js';
import { declarationUnseen } from './declaration-unseen.js';

/**
 * Packages whose request functions answer with a promise (or a thenable): what a helper returns from
 * one of them is a promise. `request` (callbacks, a stream) and `needle` (a stream unless told) are not.
 */
const PROMISE_MODULES = new Set(['axios', 'got', 'node-fetch', 'cross-fetch', 'isomorphic-fetch', 'ky', 'request-promise', 'request-promise-native', 'request-promise-any', 'superagent']);

/** got's body readers, chained on its request: `got.post(url, options).json()`. */
const BODY_READERS = new Set(['json', 'text', 'buffer']);

/** `Promise.resolve(…)`, `Promise.all(…)`…: promises made from values. */
const PROMISE_STATICS = new Set(['resolve', 'reject', 'all', 'allSettled', 'any', 'race']);

/** The name of the method a member expression reads (`x.then`, `x['then']`). */
function methodName(parsed: ParsedFile, node: Node): string | undefined {
  return node.type === AST_NODE_TYPES.MemberExpression ? memberName(parsed.resolver, node) : undefined;
}

/** The package a name is bound to by `require('m')` or `import … from 'm'`. */
function moduleOf(parsed: ParsedFile, id: TSESTree.Identifier): string | undefined {
  const def = variableOf(parsed.resolver, id)?.defs[0];
  if (def?.type === TSESLint.Scope.DefinitionType.ImportBinding && def.parent.type === AST_NODE_TYPES.ImportDeclaration) return def.parent.source.value;
  return def?.type === TSESLint.Scope.DefinitionType.Variable && def.node.init ? requiredModule(def.node.init) : undefined;
}

/** A request made with a promise-based package (`axios.post(…)`, `rp(options)`, `got(…).json()`) or the global `fetch`. */
function promiseRequest(parsed: ParsedFile, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  const reader = methodName(parsed, callee);
  if (reader && BODY_READERS.has(reader) && callee.type === AST_NODE_TYPES.MemberExpression) {
    const inner = unwrap(callee.object);
    if (inner.type === AST_NODE_TYPES.CallExpression && promiseRequest(parsed, inner)) return true;
  }
  const root = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed ? unwrap(callee.object) : callee;
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  // `window.fetch(…)`, `globalThis.fetch(…)`, `fetch(…)` where `fetch` is not the file's own name.
  if (root !== callee && ['window', 'globalThis', 'self'].includes(root.name)) return methodName(parsed, callee) === 'fetch' && !variableOf(parsed.resolver, root)?.defs.length;
  if (root === callee && root.name === 'fetch' && !variableOf(parsed.resolver, root)?.defs.length) return true;
  const module = moduleOf(parsed, root);
  return module !== undefined && PROMISE_MODULES.has(module);
}

/** An expression that is a promise whatever it holds: `new Promise(…)`, `Promise.all(…)`, `x.then(…)`, a promise request, its `.catch(…)`. */
function isPromiseExpression(parsed: ParsedFile, node: Node): boolean {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.NewExpression) return bare.callee.type === AST_NODE_TYPES.Identifier && bare.callee.name === 'Promise';
  if (bare.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(bare.callee);
  const method = methodName(parsed, callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression && method) {
    const object = unwrap(callee.object);
    if (method === 'then') return true;
    if (object.type === AST_NODE_TYPES.Identifier && object.name === 'Promise' && PROMISE_STATICS.has(method)) return true;
    // RxJS 5 observables have `.catch` and `.finally` too: only on a promise are they one.
    if (method === 'catch' || method === 'finally') return isPromiseExpression(parsed, object);
  }
  return promiseRequest(parsed, bare);
}

/**
 * What the code does first with the call's value: `await` it, or call `.then` on it (or `.catch` /
 * `.finally`, where `nativeChain` says nothing but `.then` / `.catch` / `.finally` follows).
 * Otherwise a phrase saying what it does instead.
 */
function firstUse(parsed: ParsedFile, call: TSESTree.CallExpression, nativeChain: boolean): string | undefined {
  let outer: Node = call;
  while (outer.parent && unwrap(outer.parent) !== outer.parent) outer = outer.parent;
  const parent = outer.parent;
  if (parent?.type === AST_NODE_TYPES.AwaitExpression) return undefined;
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === outer) {
    const method = methodName(parsed, parent);
    const called = parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent;
    if (called && (method === 'then' || (nativeChain && (method === 'catch' || method === 'finally')))) return undefined;
    if (method === 'catch' || method === 'finally') return `chained with \`.${method}\` and then with methods a promise does not have (an RxJS observable has \`.${method}\` too)`;
    return `chained with \`.${method ?? '[…]'}\` first, which a promise does not have`;
  }
  if (parent?.type === AST_NODE_TYPES.ExpressionStatement) return 'not used, so nothing in the code shows it';
  if ((parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(outer as TSESTree.CallExpressionArgument)) {
    return `handed to \`${text(parsed, parent.callee)}\` first, which may answer with anything`;
  }
  if (parent?.type === AST_NODE_TYPES.ReturnStatement || (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === outer)) return 'returned to callers not in view';
  return 'stored or handed on before any `.then`';
}

/** The code awaits the call's value or calls `.then` on it first: it reads the helper's answer as a promise. */
export function readAsPromise(parsed: ParsedFile, call: TSESTree.CallExpression): boolean {
  return firstUse(parsed, call, false) === undefined;
}

/**
 * Why a call of the app's helper (no callback given) may not answer with a promise, which
 * `rtmStartData()` needs: neither the helper's declaration in the file shows one (an `async`
 * function, or every `return` a promise: `new Promise`, a `.then` chain, a promise-based request
 * package) nor the code awaits the call or calls `.then` on it directly. Undefined when one of
 * them proves it. `nativeChain`: the value goes only through `.then` / `.catch` / `.finally`.
 */
export function unprovenPromise(parsed: ParsedFile, call: TSESTree.CallExpression, helper: string, nativeChain: boolean): string | undefined {
  const use = firstUse(parsed, call, nativeChain);
  if (use === undefined) return undefined;
  const fn = helperDeclaration(parsed, call);
  if (fn?.async) return undefined;
  const returned = fn ? returnedValues(parsed, fn) : [];
  if (returned.length > 0 && returned.every((value) => isPromiseExpression(parsed, value))) return undefined;
  const declared = fn ? 'its declaration does not show that it returns one' : (declarationUnseen(parsed, call) ?? 'its declaration is not in this file');
  return `what \`${helper}\` returns is not known to be a promise: ${declared}, and the call's value is ${use}`;
}
