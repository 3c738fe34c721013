import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { descendants, isFunction, isPrototype, isThisLike, memberName, programOf, unwrap, variableOf } from './ast.js';
import { classOf, localFunction } from './functions.js';
import { constructionOf, thisFieldWrites, utilInheritsParent } from './origin.js';
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
  const bodies = cls ? (cls.node.superClass ? [] : [cls.node.body]) : es5Bodies(resolver, made.callee);
  const home = cls?.resolver ?? resolver;
  const writes = bodies.flatMap((body) => thisFieldWrites(home, body, name));
  const field = writes.length === 1 && writes[0]?.operator === '=' ? unwrap(writes[0].right) : undefined;
  return field?.type === AST_NODE_TYPES.NewExpression ? { node: field, resolver: home } : undefined;
}

/**
 * An ES5 constructor of this file (`function slack() {}`, never given another value, no `util.inherits` parent) and
 * the functions its prototype is given (`slack.prototype.load = function (token) { this._client = new RtmClient(…) }`):
 * where its instances' fields are written (blind s110/05, dogbot: `instance._client.start()` of the module's singleton).
 */
function es5Bodies(resolver: Resolver, callee: Node): Node[] {
  const name = unwrap(callee);
  const fn = name.type === AST_NODE_TYPES.Identifier ? localFunction(resolver, name) : undefined;
  if (!fn || name.type !== AST_NODE_TYPES.Identifier || utilInheritsParent(resolver, name)) return [];
  const variable = variableOf(resolver, name);
  if (variable?.references.some((r) => r.isWrite() && r.identifier !== variable.defs[0]?.name) !== false) return [];
  const methods = [...descendants(resolver, programOf(fn))].flatMap((n) => {
    if (n.type !== AST_NODE_TYPES.AssignmentExpression || n.operator !== '=' || n.left.type !== AST_NODE_TYPES.MemberExpression) return [];
    const prototype = unwrap(n.left.object);
    const owner = prototype.type === AST_NODE_TYPES.MemberExpression ? unwrap(prototype.object) : undefined;
    const value = unwrap(n.right);
    return owner?.type === AST_NODE_TYPES.Identifier && owner.name === name.name && isPrototype(resolver, prototype) && isFunction(value) ? [value] : [];
  });
  return [fn, ...methods];
}

/** The class `new <callee>(…)` makes: declared in this file, or exported once by another module of the project. */
function classMade(resolver: Resolver, callee: Node): Located<Class> | undefined {
  const local = classOf(resolver, callee);
  if (local) return { node: local, resolver };
  const exported = resolver.project?.importedValue?.(resolver, callee);
  const cls = exported ? classOf(exported.resolver, exported.node) : undefined;
  return cls && exported ? { node: cls, resolver: exported.resolver } : undefined;
}
