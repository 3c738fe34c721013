import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { descendants, isThisLike, memberName, unwrap } from './ast.js';
import { classOf } from './functions.js';
import { constructionOf } from './origin.js';
import type { Located, Resolver } from './resolver.js';

type Node = TSESTree.Node;
type Class = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/**
 * `slack.rtm` where `slack` holds `new Connection(…)` of a class of this file or of another project module
 * (`import * as Slack from './slack'`, then `new Slack.Connection(token)`), a class of its own (no parent
 * that may set the field too) whose one write of `this.rtm` is `new X(…)`: that `new` (blind s108/05,
 * slack-ts-bot: the field was `new RTMClient(token)` of `@slack/client` 4, and its `start()` was taken
 * for the Web API's `rtm.start` and rewritten to a `connect()` the client lacks).
 */
export function instanceFieldConstruction(resolver: Resolver, node: Node): Located<TSESTree.NewExpression> | undefined {
  const member = unwrap(node);
  if (member.type !== AST_NODE_TYPES.MemberExpression || isThisLike(resolver, member.object)) return undefined;
  const name = memberName(resolver, member);
  const made = name === undefined ? undefined : constructionOf(resolver, member.object);
  if (name === undefined || !made) return undefined;
  const cls = classMade(resolver, made.callee);
  if (!cls || cls.node.superClass) return undefined;
  const writes = [...descendants(cls.resolver, cls.node.body)].filter(
    (n): n is TSESTree.AssignmentExpression => n.type === AST_NODE_TYPES.AssignmentExpression && n.left.type === AST_NODE_TYPES.MemberExpression && isThisLike(cls.resolver, n.left.object) && memberName(cls.resolver, n.left) === name,
  );
  const field = writes.length === 1 && writes[0]?.operator === '=' ? unwrap(writes[0].right) : undefined;
  return field?.type === AST_NODE_TYPES.NewExpression ? { node: field, resolver: cls.resolver } : undefined;
}

/** The class `new <callee>(…)` makes: declared in this file, or exported once by another module of the project. */
function classMade(resolver: Resolver, callee: Node): Located<Class> | undefined {
  const local = classOf(resolver, callee);
  if (local) return { node: local, resolver };
  const exported = resolver.project?.importedValue?.(resolver, callee);
  const cls = exported ? classOf(exported.resolver, exported.node) : undefined;
  return cls && exported ? { node: cls, resolver: exported.resolver } : undefined;
}
