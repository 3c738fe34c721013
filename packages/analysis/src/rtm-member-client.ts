import { isPossiblySlackModule } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { descendants, memberName, propertyKeyName, requiredModule, unwrap } from './ast.js';
import { clientKindOfConstructor, constructionOf, originOf } from './origin.js';
import { moduleText, type Resolver } from './resolver.js';
import { rtmMemberUse } from './rtm-member-use.js';

type Node = TSESTree.Node;

/**
 * `x.rtm.start()` where `x` is not known (a parameter, an object filled elsewhere) reads as the Web API
 * client's `rtm` namespace, but apps of the `RtmClient` era kept their RTM client in a member named `rtm`
 * (`slack.rtm = new RtmClient(token)` in one function, `slack.rtm.start()` in another, or in a module
 * the file requires). When this file or one it requires by a relative path puts an RTM client into a
 * member of that name, the call may be the client's own `start()` (which has no `connect` twin taking
 * the same arguments): where (`line 7`, `` `./slack` ``), so neither the lint nor the codemod turns the
 * call into `rtm.connect`. So it is when the same member is used as an RTM client elsewhere in the file
 * or class (`this.rtm.on(…)`, `this.rtm = rtm` from a parameter: see `rtmMemberUse`).
 */
export function rtmClientInMember(program: TSESTree.Program, resolver: Resolver, call: TSESTree.CallExpression): string | undefined {
  const namespace = namespaceOf(resolver, call);
  if (!namespace || constructionOf(resolver, namespace) !== undefined || madeBySlackModule(resolver, namespace.object)) return undefined;
  const name = memberName(resolver, namespace);
  if (name === undefined) return undefined;
  const required: string[] = [];
  for (const node of descendants(resolver, program)) {
    const made = madeInto(resolver, node, name);
    if (made && clientKindOfConstructor(resolver, made.callee) !== undefined) return `line ${made.loc.start.line}`;
    const module = node.type === AST_NODE_TYPES.ImportDeclaration ? node.source.value : requiredModule(node);
    if (module?.startsWith('.')) required.push(module);
  }
  const stored = storedInText(name);
  const module = required.find((m) => stored.test(moduleText(resolver, m) ?? ''));
  if (module !== undefined) return `\`${module}\``;
  // Only the `rtm` family is judged by its uses (`this.web.apiCall(…)` names no family of that name).
  return name !== 'rtm' || fromSlackModule(resolver, namespace.object) ? undefined : rtmMemberUse(resolver, program, namespace);
}

/** `this.web` made by `new WebClient(…)` of a Slack module: its `rtm` is the SDK's own, no member the app stored. */
function madeBySlackModule(resolver: Resolver, holder: Node): boolean {
  const made = constructionOf(resolver, holder);
  const origin = made ? originOf(resolver, made.callee) : undefined;
  return origin !== undefined && !origin.instance && isPossiblySlackModule(origin.module);
}

/** `slack.rtm` of `require('slack')` (whose `rtm` has `client()` besides `start`), `web.rtm` of `const web = new WebClient(…)`: an SDK's own family, whatever else it has. */
function fromSlackModule(resolver: Resolver, holder: Node): boolean {
  const origin = originOf(resolver, holder);
  return origin !== undefined && isPossiblySlackModule(origin.module);
}

/** Source text that puts a new RTM client into a member `name`: `a.rtm = new RtmClient(`, `rtm: new x.RTMClient(`. */
function storedInText(name: string): RegExp {
  return new RegExp(`(\\.\\s*${name}\\s*=|\\b${name}\\s*:)\\s*new\\s+[\\w$.]*\\b(RtmClient|RTMClient)\\s*\\(`);
}

/** `x.rtm` in `x.rtm.start(…)` and `x.rtm.start.call(…)`. */
function namespaceOf(resolver: Resolver, call: TSESTree.CallExpression): TSESTree.MemberExpression | undefined {
  let callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const outer = memberName(resolver, callee);
  if (outer === 'call' || outer === 'apply') callee = unwrap(callee.object);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const namespace = unwrap(callee.object);
  return namespace.type === AST_NODE_TYPES.MemberExpression ? namespace : undefined;
}

/** The `new …` that `node` stores into a member called `name`: `a.name = new C()`, `{ name: new C() }`, `name = new C()` in a class. */
function madeInto(resolver: Resolver, node: Node, name: string): TSESTree.NewExpression | undefined {
  let target: string | undefined;
  let value: Node | null | undefined;
  if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression) {
    target = memberName(resolver, node.left);
    value = node.right;
  } else if (node.type === AST_NODE_TYPES.Property) {
    target = propertyKeyName(resolver, node);
    value = node.value;
  } else if (node.type === AST_NODE_TYPES.PropertyDefinition && !node.computed && node.key.type === AST_NODE_TYPES.Identifier) {
    target = node.key.name;
    value = node.value;
  }
  const made = value ? unwrap(value) : undefined;
  return target === name && made?.type === AST_NODE_TYPES.NewExpression ? made : undefined;
}
