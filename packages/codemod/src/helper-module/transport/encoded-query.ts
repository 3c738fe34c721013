import { unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { Node } from './common.js';
import { encodedArgs, heldIn, wholeLines } from './request-parts.js';

/**
 * A query after `rtm.start?` that is one encoding call of an object literal written out
 * (`querystring.stringify({ token })`, `qs.stringify({ … })`, `new URLSearchParams({ … })`), in
 * place or held in a constant used only there: the arguments are the object's, and the constant's
 * declaration goes with the request (the rebuilt caller encodes each method's arguments itself).
 */
export function encodedQuery(parsed: ParsedFile, piece: Node): { readonly args: string; readonly removals: readonly { start: number; end: number }[] } | undefined {
  const bare = unwrap(piece);
  const inPlace = encodedArgs(parsed, bare);
  if (inPlace) return { args: inPlace.args, removals: [] };
  if (bare.type !== AST_NODE_TYPES.Identifier) return undefined;
  const declarator = heldDeclarator(parsed, bare);
  const held = declarator?.init ? heldIn(parsed, declarator.init) : undefined;
  const encoded = declarator?.init ? encodedArgs(parsed, declarator.init) : undefined;
  if (!held || !encoded || held.uses.length !== 1 || held.uses[0] !== bare) return undefined;
  return { args: encoded.args, removals: [wholeLines(parsed.text, held.declaration)] };
}

function heldDeclarator(parsed: ParsedFile, id: TSESTree.Identifier): TSESTree.VariableDeclarator | undefined {
  const variable = variableOf(parsed.resolver, id);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  return definition?.node.type === AST_NODE_TYPES.VariableDeclarator ? definition.node : undefined;
}
