import { SLACKBOTS } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { declaredWith, descendants, isWrittenTo, memberName, outermost } from './ast.js';
import { thisFunction } from './functions.js';
import type { Resolver } from './resolver.js';
import type { Subclass } from './slack-package-bot.js';

/**
 * The first read, in the app's own code, of a list slackbots' login kept from `rtm.start`'s data and no
 * longer fills from SLACKBOTS.connectSince on (SLACKBOTS.connectLeaves: `users`, `channels`…): `this.users`
 * in a method of a class extending slackbots' (blind s77/07: `"slackbots": "^1.0.2"` installs 1.3.0,
 * whose bots never fill it, and `_onStart` throws on `this.users.filter`), or `bot.users` off the variable
 * holding `new SlackBot(…)`. Undefined where that code writes one of them too (it fills the list itself)
 * or reads none: a bot whose lists are read elsewhere, if at all, is not followed there.
 */
export function unfilledListRead(resolver: Resolver, start: TSESTree.NewExpression | TSESTree.CallExpression | Subclass): TSESTree.MemberExpression | undefined {
  const members = start.type === AST_NODE_TYPES.ClassDeclaration || start.type === AST_NODE_TYPES.ClassExpression ? ownMembers(resolver, start) : heldMembers(resolver, start);
  const lists = members.filter((m) => isLeftList(memberName(resolver, m)));
  if (lists.some(isWrittenTo)) return undefined;
  return lists[0];
}

function isLeftList(name: string | undefined): boolean {
  return name !== undefined && (SLACKBOTS.connectLeaves as readonly string[]).includes(name);
}

/** The members read off `this` (or a `self = this`) in the class's own methods. */
function ownMembers(resolver: Resolver, cls: Subclass): TSESTree.MemberExpression[] {
  return [...descendants(resolver, cls.body)].filter((node): node is TSESTree.MemberExpression => {
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.computed) return false;
    const fn = thisFunction(resolver, node.object);
    return fn?.parent.type === AST_NODE_TYPES.MethodDefinition && fn.parent.parent.parent === cls;
  });
}

/** The members of the variable `new SlackBot(…)` is bound to once (`const bot = new SlackBot(…)`). */
function heldMembers(resolver: Resolver, made: TSESTree.NewExpression | TSESTree.CallExpression): TSESTree.MemberExpression[] {
  const variable = declaredWith(resolver, made);
  return (variable?.references ?? []).flatMap(({ identifier }) => {
    const member = outermost(identifier).parent;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.object === outermost(identifier) && !member.computed ? [member] : [];
  });
}
