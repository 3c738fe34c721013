import { sdkOwnFile, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { CODEMOD_MESSAGES, HELPER_BASENAME, releaseAtLeast, sdkRtmStartFacet, type SdkRtmStartFacet } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { namesRtmStart } from '../helper-module/transport/helper-contract.js';
import type { FacetOverride } from '../plan.js';

type Node = TSESTree.Node;

/** The names the rewritten body declares or takes as parameters: the facet's own parameters must differ. */
const BODY_NAMES: readonly string[] = ['makeAPICall', 'args', 'callback', 'callSlack', 'apiMethod', 'apiArgs', 'err', 'res', 'data', 'resolve', 'reject', 'rtmStartData', 'rtmStartDataAs', 'callbackify'];

/** The rewritten body's call back: a facet that has it was migrated by an earlier run. */
export const FACET_CALLBACK = 'callbackify(rtmStartData)(callSlack, args, (err, data) => callback(err, err ? err.data : data))';

/** The SDK release and facet fact of a file that is a listed release's `rtm.start` facet (core's SDK_RTM_START_FACETS). */
export function facetFileOf(file: string): { readonly fact: SdkRtmStartFacet; readonly version: string; readonly dir: string } | undefined {
  const own = sdkOwnFile(file);
  const fact = own && sdkRtmStartFacet(own.module, own.version);
  return own && fact?.files.some((f) => f.facet === own.path) ? { fact, version: own.version, dir: own.dir } : undefined;
}

/**
 * The legacy SDK's own `RtmFacet.prototype.start = function start(opts, optCb) { return
 * this.makeAPICall('rtm.start', null, opts, optCb); }`, in a release core lists: its one statement
 * gives way to a body that resolves `rtmStartData()` through the same `this.makeAPICall`, with the
 * release's contract (see SDK_RTM_START_FACETS). Undefined for any other file; a reason when the
 * file is the facet but the method is not written so.
 */
export function sdkFacetOverride(parsed: ParsedFile, node: Node): { readonly override: FacetOverride; readonly message: string } | { readonly why: string } | undefined {
  const facet = facetFileOf(parsed.file);
  if (!facet) return undefined;
  const shape = facetShape(parsed, node);
  if (typeof shape === 'string') return { why: `the ${facet.fact.module} ${facet.version} facet's \`start\` ${shape}` };
  const [opts, cb] = shape.names;
  const optionsAsCallback = releaseAtLeast(facet.version, facet.fact.optionsAsCallbackSince);
  const lines = [
    `const makeAPICall = this.makeAPICall;`,
    `const args = ${opts} !== null && typeof ${opts} === 'object' ? ${opts} : {};`,
    ...(optionsAsCallback
      ? [`// As makeAPICall takes it (${facet.fact.module} ${facet.version}): \`${opts}\` may be the callback itself.`, `const callback = typeof ${opts} === 'function' ? ${opts} : ${cb};`]
      : [`const callback = ${cb};`]),
    "// Without a callback: makeAPICall's own kind of promise (bluebird: one team.info call more), rejecting as its own do.",
    'if (!callback) return rtmStartDataAs((apiMethod, apiArgs) => makeAPICall(apiMethod, null, apiArgs), args);',
    "// With one: called back once; on `ok: false` with makeAPICall's own `(err, res)`, Slack's answer second.",
    'const callSlack = (apiMethod, apiArgs) => new Promise((resolve, reject) => makeAPICall(apiMethod, null, apiArgs, (err, res) => (err ? reject(res ? Object.assign(err, { data: res }) : err) : resolve(res))));',
    `${FACET_CALLBACK};`,
    'return undefined;',
  ];
  return { override: { start: shape.statement.range[0], end: shape.statement.range[1], lines, ownPromise: true }, message: CODEMOD_MESSAGES.sdkFacet(HELPER_BASENAME) };
}

/** `return this.makeAPICall('rtm.start', null, opts, optCb);`, the whole body of `X.prototype.start = function (opts, optCb)`. */
function facetShape(parsed: ParsedFile, node: Node): { statement: TSESTree.ReturnStatement; names: [string, string] } | string {
  const call = unwrap(node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return 'is not a call';
  const callee = unwrap(call.callee);
  const isMakeApiCall = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.object.type === AST_NODE_TYPES.ThisExpression && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'makeAPICall';
  const [method, required, opts, cb] = call.arguments;
  if (!isMakeApiCall || call.arguments.length !== 4 || !method || !namesRtmStart(parsed, method)) return "does not call `this.makeAPICall('rtm.start', null, opts, optCb)`";
  if (required?.type !== AST_NODE_TYPES.Literal || required.value !== null) return 'gives makeAPICall required arguments';
  const statement = call.parent;
  const fn = statement.parent?.parent;
  if (statement.type !== AST_NODE_TYPES.ReturnStatement || fn?.type !== AST_NODE_TYPES.FunctionExpression || fn.body.body.length !== 1) return 'does more than return its makeAPICall call';
  const target = fn.parent.type === AST_NODE_TYPES.AssignmentExpression && fn.parent.right === fn ? fn.parent.left : undefined;
  const proto = target?.type === AST_NODE_TYPES.MemberExpression && !target.computed && target.property.type === AST_NODE_TYPES.Identifier && target.property.name === 'start' ? target.object : undefined;
  if (proto?.type !== AST_NODE_TYPES.MemberExpression || proto.computed || proto.property.type !== AST_NODE_TYPES.Identifier || proto.property.name !== 'prototype') return 'is not a prototype method `start`';
  const params = fn.params;
  const same = (param: Node | undefined, arg: Node | undefined): param is TSESTree.Identifier =>
    param?.type === AST_NODE_TYPES.Identifier && arg?.type === AST_NODE_TYPES.Identifier && arg.name === param.name && !variableOf(parsed.resolver, param)?.references.some((r) => r.isWrite());
  const [first, second] = params;
  if (params.length !== 2 || !same(first, opts) || !same(second, cb)) return 'does not hand its own two parameters to makeAPICall';
  if ([first.name, second.name].some((n) => BODY_NAMES.includes(n))) return 'has a parameter named as a name of the rewritten body';
  return { statement, names: [first.name, second.name] };
}
