import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, isFunction, memberName, propertyKeyName, staticString, unwrap } from './ast.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/** What replaces an object's method in tests: sinon's `stub`/`spy`/`replace`, jest's and jasmine's `spyOn`, testdouble's `replace`. */
const REPLACERS = new Set(['stub', 'spy', 'spyOn', 'replace', 'mock']);
/** What makes a stand-in function: `jest.fn()`, `vi.fn()`, `sinon.stub()`, `sinon.fake()`, testdouble's `td.func()`, jasmine's `createSpy()`. */
const MAKERS = new Set(['fn', 'stub', 'spy', 'fake', 'func', 'createSpy']);

/**
 * A test's stand-in for a client's `rtm.start` (blind s100/02: MISSED): `web.rtm.start = sinon.stub().resolves({…})`,
 * `sinon.stub(web.rtm, 'start')`, `jest.spyOn(client.rtm, 'start')`. It makes no request, but once the code it stands
 * in for is migrated that code calls the replacement methods instead, so the stub answers nothing and the test
 * either reaches for Slack or checks data it no longer gets. A function assigned there is a definition (a wrapper of
 * the library's own, whose requests are sites of their own), not a stand-in.
 */
export function standInOf(resolver: Resolver, node: Node): string | undefined {
  // `{ rtm: { start: jest.fn() } }`: a client made up for a test (`jest.mock('@slack/web-api', () => …)`).
  if (node.type === AST_NODE_TYPES.Property) {
    const facet = node.parent.type === AST_NODE_TYPES.ObjectExpression ? node.parent.parent : undefined;
    if (node.kind !== 'init' || propertyKeyName(resolver, node) !== 'start' || facet?.type !== AST_NODE_TYPES.Property || propertyKeyName(resolver, facet) !== 'rtm' || !madeStandIn(resolver, node.value)) return undefined;
    return '`rtm: { start: … }`';
  }
  if (node.type === AST_NODE_TYPES.AssignmentExpression) {
    if (node.operator !== '=' || isFunction(unwrap(node.right)) || !isRtmStartMember(resolver, node.left)) return undefined;
    return `\`${describeMember(node.left)} = …\``;
  }
  if (node.type !== AST_NODE_TYPES.CallExpression || !REPLACERS.has(calleeName(resolver, node.callee) ?? '')) return undefined;
  const [object, name] = node.arguments;
  if (object === undefined || name === undefined || !isRtmMember(resolver, object) || staticString(resolver, name) !== 'start') return undefined;
  return `\`${calleeName(resolver, node.callee) ?? 'stub'}(…rtm, 'start')\``;
}

/** A stand-in function's making, its answer set or not: `jest.fn()`, `sinon.stub().resolves({…})`, `jest.fn().mockResolvedValue({…})`. */
function madeStandIn(resolver: Resolver, node: Node): boolean {
  let call = unwrap(node);
  while (call.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(call.callee);
    if (MAKERS.has(calleeName(resolver, callee) ?? '')) return true;
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    call = unwrap(callee.object);
  }
  return false;
}

/** `x.rtm.start`, `x.rtm['start']`. */
function isRtmStartMember(resolver: Resolver, node: Node): node is TSESTree.MemberExpression {
  const bare = unwrap(node);
  return bare.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, bare) === 'start' && isRtmMember(resolver, bare.object);
}

/** `x.rtm`: where a Web API client keeps its `rtm.*` methods (not the SDK's `RtmFacet` construction `sites.ts` names so). */
function isRtmMember(resolver: Resolver, node: Node): boolean {
  const bare = unwrap(node);
  return bare.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, bare) === 'rtm';
}

function describeMember(member: TSESTree.MemberExpression): string {
  const object = unwrap(member.object);
  const holder = object.type === AST_NODE_TYPES.MemberExpression ? unwrap(object.object) : object;
  const name = holder.type === AST_NODE_TYPES.Identifier ? holder.name : holder.type === AST_NODE_TYPES.ThisExpression ? 'this' : '…';
  return `${name}.rtm.start`;
}
