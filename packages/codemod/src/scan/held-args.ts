import { propertyKeyName, singleValueOf, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { CODEMOD_MESSAGES, isRtmConnectArg, isRtmStartOnlyArg } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { typescript } from '../helper-module/transport/common.js';
import type { PlanSite } from '../plan.js';
import type { FoundSite } from './found.js';

/**
 * The arguments of a call given as a name whose one value is an object literal written in the same
 * function (`let params = { token }; api('rtm.start', params)`), read nowhere but in the call: as good
 * as the literal written in place, so the call may go to `rtm.connect` with the same name, the
 * literal's start-only properties taken out as they are from one written in place. Only plain
 * `key: value` properties (no spread, no computed key); in TypeScript only `token`, `rtm.connect`'s
 * own and start-only ones (any other may share no property with `rtm.connect`'s arguments' type).
 * The property names, or undefined.
 */
export function heldArgNames(parsed: ParsedFile, site: FoundSite): string[] | undefined {
  return heldArgs(parsed, site)?.names;
}

function heldArgs(parsed: ParsedFile, site: FoundSite): { names: string[]; literal: TSESTree.ObjectExpression } | undefined {
  const call = site.node;
  const given = site.argsNode;
  if (call.type !== AST_NODE_TYPES.CallExpression || given?.type !== AST_NODE_TYPES.Identifier || !call.arguments.some((a) => a === given)) return undefined;
  const variable = variableOf(parsed.resolver, given);
  const value = variable ? singleValueOf(variable) : undefined;
  const declarator = variable?.defs[0]?.node;
  if (!variable || !value || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== value || declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.typeAnnotation) return undefined;
  const literal = unwrap(value);
  if (literal.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  // Read once, by this call: nothing adds to it, takes it apart or hands it on.
  const reads = variable.references.filter((r) => r.isRead());
  if (reads.length !== 1 || reads[0]?.identifier !== given) return undefined;
  if (parsed.resolver.getScope(declarator).variableScope !== parsed.resolver.getScope(call).variableScope) return undefined;
  const names: string[] = [];
  for (const property of literal.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || property.kind !== 'init') return undefined;
    const name = propertyKeyName(parsed.resolver, property);
    if (name === undefined) return undefined;
    names.push(name);
  }
  if (typescript(parsed) && !names.every((n) => n === 'token' || isRtmConnectArg(n) || isRtmStartOnlyArg(n))) return undefined;
  return { names, literal };
}

/** Where the held object literal is (for a plan site), for the rewrite to take its start-only properties out. */
export function heldArgsAt(parsed: ParsedFile, site: FoundSite): Pick<PlanSite, 'heldArgs'> {
  const literal = heldArgs(parsed, site)?.literal;
  return literal ? { heldArgs: { start: literal.range[0], end: literal.range[1] } } : {};
}

/** The report line of `rtm.connect` given the held arguments: which of them only `rtm.start` knew. */
export function heldArgsMessage(parsed: ParsedFile, site: FoundSite): string | undefined {
  const names = heldArgNames(parsed, site);
  const given = site.argsNode;
  return names && given?.type === AST_NODE_TYPES.Identifier ? CODEMOD_MESSAGES.connectArgsHeld(given.name, names.filter(isRtmStartOnlyArg)) : undefined;
}

