import { sdkOwnFile, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { CODEMOD_MESSAGES, HELPER_BASENAME, sdkBoundRtmStart, type SdkBoundRtmStart } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { UNSEEN_CALLERS_OPTIONS } from '../helper-module/extras.js';
import { namesRtmStart } from '../helper-module/transport/helper-contract.js';
import type { FacetOverride } from '../plan.js';

type Node = TSESTree.Node;

/**
 * A later SDK's own WebClient `rtm.start` in a release core lists (SDK_BOUND_RTM_START): the entry
 * `start: this.apiCall.bind(this, 'rtm.start')` / `start: bindApiCall(this, 'rtm.start')` of the
 * `this.rtm = { … }` it builds becomes a function of the same contract that resolves `rtmStartData()`
 * through the same client (`this`, the object the method was bound to): `(options, callback)` where
 * the release's `apiCall` takes a callback, `(options)` where it returns a promise only. Undefined for
 * any other file; a reason when the file is listed but the entry is not written so.
 */
export function sdkBoundStartOverride(parsed: ParsedFile, node: Node): { readonly override: FacetOverride; readonly message: string } | { readonly why: string } | undefined {
  const own = sdkOwnFile(parsed.file);
  const fact = own && sdkBoundRtmStart(own.module, own.version, own.path);
  if (!own || !fact) return undefined;
  const call = unwrap(node);
  if (call.type !== AST_NODE_TYPES.CallExpression || !boundByListedBinder(parsed, call, fact)) return { why: `the ${own.module} ${own.version} \`rtm.start\` is not bound as that release binds it` };
  let value: Node = call;
  while (value.parent && unwrap(value.parent) === call) value = value.parent;
  const entry = value.parent;
  const rtm = entry?.parent;
  const holder = rtm?.parent;
  const isEntry = entry?.type === AST_NODE_TYPES.Property && entry.value === value && !entry.computed && entry.key.type === AST_NODE_TYPES.Identifier && entry.key.name === 'start';
  const isRtm =
    holder?.type === AST_NODE_TYPES.AssignmentExpression &&
    holder.right === rtm &&
    holder.left.type === AST_NODE_TYPES.MemberExpression &&
    holder.left.object.type === AST_NODE_TYPES.ThisExpression &&
    !holder.left.computed &&
    holder.left.property.type === AST_NODE_TYPES.Identifier &&
    holder.left.property.name === 'rtm';
  if (!isEntry || !isRtm) return { why: `the ${own.module} ${own.version} \`rtm.start\` is not the \`start\` entry of \`this.rtm = { … }\`` };
  // The arrow keeps the `this` the method was bound to: it stands where the binding stood.
  const code = fact.callback
    ? `(options, callback) => (callback === undefined ? rtmStartData(this, options, ${UNSEEN_CALLERS_OPTIONS}) : callbackify(() => rtmStartData(this, options, ${UNSEEN_CALLERS_OPTIONS}))(callback))`
    : `(options) => rtmStartData(this, options, ${UNSEEN_CALLERS_OPTIONS})`;
  return { override: { start: call.range[0], end: call.range[1], lines: [code], noteAt: entry.range[0] }, message: CODEMOD_MESSAGES.sdkBoundStart(HELPER_BASENAME, fact.callback) };
}

/** `this.apiCall.bind(this, 'rtm.start')`, or `binder(this, 'rtm.start')` with `binder` a function declared in the file. */
function boundByListedBinder(parsed: ParsedFile, call: TSESTree.CallExpression, fact: SdkBoundRtmStart): boolean {
  const callee = unwrap(call.callee);
  const [self, method, ...rest] = call.arguments;
  if (self?.type !== AST_NODE_TYPES.ThisExpression || !method || rest.length > 0 || !namesRtmStart(parsed, method)) return false;
  const written = parsed.text.slice(callee.range[0], callee.range[1]);
  if (!(fact.binders as readonly string[]).includes(written)) return false;
  if (callee.type !== AST_NODE_TYPES.Identifier) return true;
  const def = variableOf(parsed.resolver, callee)?.defs[0];
  return def?.node.type === AST_NODE_TYPES.FunctionDeclaration;
}
