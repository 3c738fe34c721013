import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { memberName, unwrap } from './ast.js';
import { isFunctionValue } from './functions.js';
import type { Resolver } from './resolver.js';

/** Methods of an event emitter that take an event name and a listener. */
const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'removeListener', 'off']);

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
