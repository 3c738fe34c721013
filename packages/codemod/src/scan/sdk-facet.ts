import { sdkOwnFile, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { CODEMOD_MESSAGES, HELPER_BASENAME, releaseAtLeast, sdkRtmStartFacet, type FacetContract, type SdkRtmStartFacet } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { UNSEEN_CALLERS_OPTIONS } from '../helper-module/extras.js';
import { namesRtmStart } from '../helper-module/transport/helper-contract.js';
import type { FacetOverride } from '../plan.js';

type Node = TSESTree.Node;

/** The names the rewritten body declares or takes as parameters: the facet's own parameters must differ. */
const BODY_NAMES: readonly string[] = ['makeAPICall', 'args', 'callback', 'callSlack', 'apiMethod', 'apiArgs', 'err', 'res', 'data', 'resolve', 'reject', 'rtmStartData', 'rtmStartDataAs', 'callbackify'];

/** How the rewritten body calls back: a facet that has it was migrated by an earlier run (before or since its options). */
export const FACET_CALLBACK = 'callbackify(rtmStartData)(callSlack, args, ';

/** The SDK release and facet fact of a file that is a listed release's `rtm.start` facet (core's SDK_RTM_START_FACETS). */
export function facetFileOf(file: string): { readonly fact: SdkRtmStartFacet; readonly version: string; readonly dir: string } | undefined {
  const own = sdkOwnFile(file);
  const fact = own && sdkRtmStartFacet(own.module, own.version);
  return own && fact?.files.some((f) => f.facet === own.path) ? { fact, version: own.version, dir: own.dir } : undefined;
}

/**
 * The legacy SDK's own `RtmFacet.prototype.start = function start(opts, optCb) { … }`, in a release
 * core lists and written as that release writes it (`return this.makeAPICall('rtm.start', null, opts,
 * optCb)` in 3.x, `var args = { opts: opts }; return this.makeAPICall('rtm.start', args, optCb)` in
 * 2.x): its body gives way to one that resolves `rtmStartData()` through the same `this.makeAPICall`,
 * with the release's contract (core's SDK_RTM_START_FACETS). Undefined for any other file; a reason
 * when the file is the facet but the method is not written so.
 */
export function sdkFacetOverride(parsed: ParsedFile, node: Node): { readonly override: FacetOverride; readonly message: string } | { readonly why: string } | undefined {
  const facet = facetFileOf(parsed.file);
  if (!facet) return undefined;
  const { contract } = facet.fact;
  const shape = facetShape(parsed, node, contract);
  if (typeof shape === 'string') return { why: `the ${facet.fact.module} ${facet.version} facet's \`start\` ${shape}` };
  const [opts, cb] = shape.names;
  const since = contract.optionsAsCallbackSince;
  const optionsAsCallback = since !== undefined && releaseAtLeast(facet.version, since);
  // How makeAPICall takes the method's arguments: as its optional ones (3.x) or as `{ opts }` (2.x).
  const sent = contract.call === 'required-optional' ? 'null, apiArgs' : '{ opts: apiArgs }';
  const answerAsData = contract.okFalse === 'answer';
  const lines = [
    `const makeAPICall = this.makeAPICall;`,
    `const args = ${opts} !== null && typeof ${opts} === 'object' ? ${opts} : {};`,
    ...(optionsAsCallback
      ? [`// As makeAPICall takes it (${facet.fact.module} ${facet.version}): \`${opts}\` may be the callback itself.`, `const callback = typeof ${opts} === 'function' ? ${opts} : ${cb};`]
      : contract.promise === 'none'
        ? [`// Without one, makeAPICall calls back a no-op (${facet.fact.module} ${facet.version}): so does this.`, `const callback = ${cb} || function () {};`]
        : [`const callback = ${cb};`]),
    ...(contract.promise === 'bluebird'
      ? ["// Without a callback: makeAPICall's own kind of promise (bluebird, chained on a first team.info call), rejecting as its own do.", `if (!callback) return rtmStartDataAs((apiMethod, apiArgs) => makeAPICall(apiMethod, ${sent}), args, ${UNSEEN_CALLERS_OPTIONS});`]
      : []),
    ...(answerAsData
      ? [
          "// Called back once; Slack's `ok: false` answer comes back as data with no error, as makeAPICall gives it.",
          `const callSlack = (apiMethod, apiArgs) => new Promise((resolve, reject) => makeAPICall(apiMethod, ${sent}, (err, res) => (err ? reject(err) : res.ok === false ? reject(Object.assign(new Error(res.error), { data: res })) : resolve(res))));`,
          `${FACET_CALLBACK}${UNSEEN_CALLERS_OPTIONS}, (err, data) => (err && err.data && err.data.ok === false ? callback(null, err.data) : callback(err, data)));`,
        ]
      : [
          "// With one: called back once; on `ok: false` with makeAPICall's own `(err, res)`, Slack's answer second.",
          `const callSlack = (apiMethod, apiArgs) => new Promise((resolve, reject) => makeAPICall(apiMethod, ${sent}, (err, res) => (err ? reject(res ? Object.assign(err, { data: res }) : err) : resolve(res))));`,
          `${FACET_CALLBACK}${UNSEEN_CALLERS_OPTIONS}, (err, data) => callback(err, err ? err.data : data));`,
        ]),
    'return undefined;',
  ];
  const ownPromise = contract.promise === 'bluebird' ? { ownPromise: true as const } : {};
  return { override: { start: shape.start, end: shape.end, lines, ...ownPromise }, message: CODEMOD_MESSAGES.sdkFacet(HELPER_BASENAME, contract.okFalse, contract.promise) };
}

/**
 * The facet's `start` as its release writes it, the whole body of `X.prototype.start = function (opts,
 * optCb)`: 3.x `return this.makeAPICall('rtm.start', null, opts, optCb);`, 2.x `var args = { opts:
 * opts }; return this.makeAPICall('rtm.start', args, optCb);`. The body's statements' range and the
 * parameters' names.
 */
function facetShape(parsed: ParsedFile, node: Node, contract: FacetContract): { start: number; end: number; names: [string, string] } | string {
  const call = unwrap(node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return 'is not a call';
  const callee = unwrap(call.callee);
  const isMakeApiCall = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.object.type === AST_NODE_TYPES.ThisExpression && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'makeAPICall';
  const v3 = contract.call === 'required-optional';
  const [method, second, third, fourth] = call.arguments;
  if (!isMakeApiCall || call.arguments.length !== (v3 ? 4 : 3) || !method || !namesRtmStart(parsed, method)) {
    return `does not call \`this.makeAPICall('rtm.start', ${v3 ? 'null, opts, optCb' : 'args, optCb'})\``;
  }
  const statement = call.parent;
  const fn = statement.parent?.parent;
  if (statement.type !== AST_NODE_TYPES.ReturnStatement || fn?.type !== AST_NODE_TYPES.FunctionExpression) return 'does more than return its makeAPICall call';
  const body = fn.body.body;
  const [first] = body;
  const args = v3 ? undefined : optsHolder(first);
  if (body.length !== (v3 ? 1 : 2) || body.at(-1) !== statement || (!v3 && !args)) return v3 ? 'does more than return its makeAPICall call' : 'does more than hand `{ opts: opts }` to its makeAPICall call';
  if (v3 ? second?.type !== AST_NODE_TYPES.Literal || second.value !== null : second?.type !== AST_NODE_TYPES.Identifier || second.name !== args?.name) return 'gives makeAPICall other arguments';
  const target = fn.parent.type === AST_NODE_TYPES.AssignmentExpression && fn.parent.right === fn ? fn.parent.left : undefined;
  const proto = target?.type === AST_NODE_TYPES.MemberExpression && !target.computed && target.property.type === AST_NODE_TYPES.Identifier && target.property.name === 'start' ? target.object : undefined;
  if (proto?.type !== AST_NODE_TYPES.MemberExpression || proto.computed || proto.property.type !== AST_NODE_TYPES.Identifier || proto.property.name !== 'prototype') return 'is not a prototype method `start`';
  const params = fn.params;
  const same = (param: Node | undefined, arg: Node | undefined): param is TSESTree.Identifier =>
    param?.type === AST_NODE_TYPES.Identifier && arg?.type === AST_NODE_TYPES.Identifier && arg.name === param.name && !variableOf(parsed.resolver, param)?.references.some((r) => r.isWrite());
  const [optsParam, cbParam] = params;
  if (params.length !== 2 || !same(optsParam, v3 ? third : args?.opts) || !same(cbParam, v3 ? fourth : third)) return 'does not hand its own two parameters to makeAPICall';
  if ([optsParam.name, cbParam.name].some((n) => BODY_NAMES.includes(n))) return 'has a parameter named as a name of the rewritten body';
  return { start: (first ?? statement).range[0], end: statement.range[1], names: [optsParam.name, cbParam.name] };
}

/** `var args = { opts: opts };`: the holder's name and the value it holds as `opts`. */
function optsHolder(statement: Node | undefined): { name: string; opts: Node } | undefined {
  const declarator = statement?.type === AST_NODE_TYPES.VariableDeclaration && statement.declarations.length === 1 ? statement.declarations[0] : undefined;
  const init = declarator?.init ? unwrap(declarator.init) : undefined;
  if (declarator?.id.type !== AST_NODE_TYPES.Identifier || init?.type !== AST_NODE_TYPES.ObjectExpression || init.properties.length !== 1) return undefined;
  const [property] = init.properties;
  if (property?.type !== AST_NODE_TYPES.Property || property.computed || property.key.type !== AST_NODE_TYPES.Identifier || property.key.name !== 'opts') return undefined;
  return { name: declarator.id.name, opts: property.value };
}
