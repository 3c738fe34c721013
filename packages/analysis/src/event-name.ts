import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { METHODS } from '@rtm-migrate/core';

import { memberName, unwrap } from './ast.js';
import { isFunctionValue } from './functions.js';
import type { Resolver } from './resolver.js';

/** Methods of an event emitter that take an event name and a listener. */
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'removeListener', 'off']);

/** The methods of {@link LISTENER_METHODS} that add a listener (the others take one away). */
const ADDING_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/**
 * The listener of `x.on('rtm.start', fn)` (`once`, `addListener`, `prepend…`; the name a literal or a
 * template without expressions): a framework that publishes each Web API answer as an event named
 * after its method (`app.post(method, …)` then `app.emit(method, data)`) feeds it `rtm.start`'s whole
 * answer, so it reads that answer as a call's callback would, away from any call.
 */
export function startListenerOf(resolver: Resolver, call: TSESTree.CallExpression): TSESTree.CallExpressionArgument | undefined {
  const callee = unwrap(call.callee);
  const [name, listener] = call.arguments;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !name || !listener || !ADDING_METHODS.has(memberName(resolver, callee) ?? '')) return undefined;
  const text = name.type === AST_NODE_TYPES.Literal ? name.value : name.type === AST_NODE_TYPES.TemplateLiteral && name.expressions.length === 0 ? name.quasis[0]?.value.cooked : undefined;
  return text === METHODS.rtmStart && isFunctionValue(resolver, listener) ? listener : undefined;
}

/**
 * True when `arg` is the event name of an emitter call: `bot.on('rtm.start', (data) => …)` (with a
 * listener function second) or `bot.emit('rtm.start', data)`. Bot libraries name the event they emit
 * with `rtm.start`'s data after the method: that is no call of the method.
 */
export function isEventName(resolver: Resolver, call: TSESTree.CallExpression, arg: TSESTree.Node): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments[0] !== arg) return false;
  const name = memberName(resolver, callee);
  if (name === 'emit') return true;
  const listener = call.arguments[1];
  return name !== undefined && LISTENER_METHODS.has(name) && listener !== undefined && isFunctionValue(resolver, listener);
}
