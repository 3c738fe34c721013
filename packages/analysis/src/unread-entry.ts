import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { isWrittenTo, memberName, outermostValue, propertyKeyName, unwrap, variableOf } from './ast.js';
import { chainFrom } from './const-table.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/** Where a string sits in a declared table: the declaration's name and the keys down to the string. */
interface EntryPlace {
  readonly name: TSESTree.Identifier;
  readonly keys: readonly string[];
}

/** `{ a: { b: '<node>' } }` assigned to a non-exported variable: its name and the keys `a`, `b`. */
function declaredEntry(resolver: Resolver, node: Node): EntryPlace | undefined {
  const keys: string[] = [];
  let value: Node = node;
  while (value.parent?.type === AST_NODE_TYPES.Property && value.parent.value === value && value.parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const property = value.parent;
    const key = property.kind === 'init' && !property.method ? propertyKeyName(resolver, property) : undefined;
    if (key === undefined || key === '__proto__') return undefined;
    keys.unshift(key);
    value = property.parent;
  }
  let declarator = value.parent;
  while (declarator && unwrap(declarator) !== declarator) declarator = declarator.parent;
  if (keys.length === 0 || declarator?.type !== AST_NODE_TYPES.VariableDeclarator || !declarator.init || unwrap(declarator.init) !== value) return undefined;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return undefined;
  return { name: declarator.id, keys };
}

/**
 * A use of the table that reaches the object holding the entry (`t`, `t.a` for `t.a.b`) and does
 * something with it but read another of its keys. Only `Object.assign(…)` is let through: it copies
 * entries by their keys, and the copy is then reached only by keys, the entry's being named nowhere
 * (an enumeration of the copy out of sight is not seen: the report line still names the entry).
 * Anything else (`Object.values(t)`, `for (k in t)`, `{ ...t }`, `t.a[k]`, `f(t)`, `return t`, `x = t`)
 * may read every entry, the unnamed one too.
 */
function mayReadWhole(resolver: Resolver, use: Node, project: boolean): boolean {
  const parent = use.parent;
  // One file cannot tell what the modules the copy goes to name.
  if (!parent || !project) return true;
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(use as TSESTree.CallExpressionArgument)) {
    const callee = unwrap(parent.callee);
    const isAssign = callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.Identifier && (unwrap(callee.object) as TSESTree.Identifier).name === 'Object' && memberName(resolver, callee) === 'assign';
    // The copy held in a name (or the call a statement): reached by keys from there. Handed on as it is
    // (`https.request(Object.assign(options, {}))`), whoever gets it reads what it likes (blind s110/01).
    const held = outermostValue(parent).parent;
    return !isAssign || !(held?.type === AST_NODE_TYPES.VariableDeclarator || held?.type === AST_NODE_TYPES.ExpressionStatement || (held?.type === AST_NODE_TYPES.AssignmentExpression && held.right === outermostValue(parent)));
  }
  return true;
}

/**
 * For a string written as an entry of a table (`rtmStartApi: '/api/rtm.start'` in `const DEFAULT_CONFIG
 * = { … }`) whose key `namedElsewhere` says no code names (no `.rtmStartApi`, `['rtmStartApi']`,
 * destructuring or string of it): the key, when nothing can read the entry either by enumerating the
 * object that holds it (see `mayReadWhole`). Such a string is no call site: no request is ever given
 * it. Undefined otherwise, and for a table that is exported or is not a variable's value (it may be
 * read where this file cannot see). `namedElsewhere` looks at the whole project for the codemod
 * (`project`), at the file alone for the lint, which then also takes no copy of the object for unread.
 */
export function unreadEntryKey(resolver: Resolver, node: Node, namedElsewhere: (key: string) => boolean, project: boolean): string | undefined {
  const place = declaredEntry(resolver, node);
  const key = place?.keys.at(-1);
  if (!place || key === undefined || namedElsewhere(key)) return undefined;
  const variable = variableOf(resolver, place.name);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || def?.type !== TSESLint.Scope.DefinitionType.Variable || def.name !== place.name) return undefined;
  for (const reference of variable.references) {
    if (reference.identifier === place.name || reference.init === true) continue;
    const id = reference.identifier;
    if (id.type !== AST_NODE_TYPES.Identifier) return undefined;
    const chain = chainFrom(resolver, id);
    const keys = chain?.keys ?? [];
    // A chain leaving the entry's path reads another entry: `t.server` beside `t.slack.rtmStartApi`.
    if (keys.some((k, i) => k !== place.keys[i])) continue;
    if (keys.length >= place.keys.length) return undefined;
    const reached = chain?.member ?? id;
    if ((chain && isWrittenTo(chain.member)) || mayReadWhole(resolver, reached, project)) return undefined;
  }
  return key;
}

/** How often `word` is spelled in `text` as a whole word (code, strings and comments alike: `.key`, `['key']`, `{ key }` may each read an entry). */
export function wordCount(text: string, word: string): number {
  const pattern = new RegExp(`(?<![\\w$])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w$])`, 'g');
  return text.match(pattern)?.length ?? 0;
}
