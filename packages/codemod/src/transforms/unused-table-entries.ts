import type { ASTPath } from 'jscodeshift';
import { isRtmStartMethodName } from '@rtm-migrate/core';
import { endOf, startOf, type AnyNode, type Edit, type TransformContext } from './common.js';
import { isPropertyName, ownLines, type LooseNode } from './unused-consts.js';


const PROPERTY_TYPES = new Set(['ObjectProperty', 'Property']);

/** `x as const`, `x satisfies T`, `(x)`: the value inside. */
function bare(node: LooseNode | null | undefined): LooseNode | undefined {
  let current = node ?? undefined;
  while (current && ['TSAsExpression', 'TSSatisfiesExpression', 'ParenthesizedExpression', 'TSNonNullExpression'].includes(current.type)) current = current.expression;
  return current;
}

function keyOf(node: LooseNode | undefined, computed: boolean | undefined): string | undefined {
  if (!node) return undefined;
  if (!computed && node.type === 'Identifier') return node.name;
  return node.type === 'StringLiteral' || (node.type === 'Literal' && typeof node.value === 'string') ? String(node.value) : undefined;
}

function isStartName(node: LooseNode | undefined): boolean {
  const value = bare(node);
  if (!value) return false;
  if (value.type === 'StringLiteral' || value.type === 'Literal') return typeof value.value === 'string' && isRtmStartMethodName(value.value);
  return value.type === 'TemplateLiteral' && value.quasis?.length === 1 && isRtmStartMethodName((value.quasis[0]?.value as { cooked?: string } | undefined)?.cooked ?? '');
}

/** Every `'rtm.start'` entry of a table literal, with the keys that reach it. */
function startEntries(object: LooseNode, keys: readonly string[] = []): { property: LooseNode; keys: string[] }[] {
  return (object.properties ?? []).flatMap((property) => {
    const key = PROPERTY_TYPES.has(property.type) && !property.method ? keyOf(property.key, property.computed) : undefined;
    const value = bare(property.value as LooseNode | undefined);
    if (key === undefined || !value) return [];
    if (value.type === 'ObjectExpression') return startEntries(value, [...keys, key]);
    return isStartName(value) ? [{ property, keys: [...keys, key] }] : [];
  });
}

/** The member keys a use of the table's name reads (`ACTIONS.auth.get` → auth, get); undefined when one is not static. */
function keysRead(use: ASTPath<LooseNode>): string[] | undefined {
  const keys: string[] = [];
  let current: ASTPath<LooseNode> = use;
  for (let parent = current.parent as ASTPath<LooseNode> | null; parent && ['MemberExpression', 'OptionalMemberExpression'].includes(parent.node.type) && parent.node.object === current.node; current = parent, parent = current.parent as ASTPath<LooseNode> | null) {
    const key = keyOf(parent.node.property, parent.node.computed);
    if (key === undefined) return undefined;
    keys.push(key);
  }
  return keys;
}

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((k, i) => k === b[i]);

/**
 * Removes the `'rtm.start'` entry of a `const` table of method names (`{ auth: { get: 'rtm.start' } }`)
 * once the rewrite replaced every read of it (`this.api(ACTIONS.auth.get)`), as `dropUnusedConsts`
 * removes `const RTM_START = 'rtm.start'`: the entry (with the objects it leaves empty), or the whole
 * declaration when nothing of the table is read any more. Only entries the rewrite made unused; a
 * table whose name is used otherwise than by reading entries keeps them all.
 */
export function dropUnusedTableEntries(ctx: TransformContext): void {
  const replaced = (): Edit[] => ctx.edits.filter((e) => e.end > e.start);
  const inside = (node: AnyNode): boolean => replaced().some((e) => e.start <= startOf(node) && endOf(node) <= e.end);
  ctx.root.find(ctx.j.VariableDeclaration).forEach((p: ASTPath) => {
    const statement = p.node as LooseNode;
    const [declarator, ...others] = statement.declarations ?? [];
    const id = declarator?.id;
    const table = bare(declarator?.init);
    if (statement.kind !== 'const' || others.length > 0 || id?.type !== 'Identifier' || !id.name || table?.type !== 'ObjectExpression' || inside(statement)) return;
    if ((p.parent as ASTPath<AnyNode>).node.type === 'ExportNamedDeclaration') return;
    const entries = startEntries(table);
    if (entries.length === 0) return;
    const uses: { keys: string[] | undefined; gone: boolean }[] = [];
    const named = new RegExp(`(^|[^\\w$])${id.name.replace(/\$/g, '\\$')}($|[^\\w$])`);
    ctx.root.find(ctx.j.Identifier, { name: id.name }).forEach((q: ASTPath<LooseNode>) => {
      if (q.node === id || isPropertyName(q)) return;
      // A read the replacement writes again (in arguments it keeps) is still there.
      const around = replaced().filter((e) => e.start <= startOf(q.node) && endOf(q.node) <= e.end);
      const gone = around.length > 0 && !around.some((e) => named.test(e.text));
      uses.push({ keys: keysRead(q), gone });
    });
    const left = uses.filter((u) => !u.gone);
    if (left.some((u) => u.keys === undefined || u.keys.length === 0)) return;
    const unused = entries.filter((e) => uses.some((u) => u.gone && u.keys && same(u.keys, e.keys)) && !left.some((u) => u.keys && same(u.keys, e.keys)));
    if (unused.length === 0) return;
    const removed = new Set(unused.map((e) => e.property));
    if (left.length === 0 && emptied(table, removed)) {
      const removal = ownLines(ctx.source, startOf(statement), endOf(statement));
      if (removal) ctx.edits.push(removal);
      return;
    }
    for (const property of removedProperties(table, removed)) {
      const removal = propertyRemoval(ctx.source, table, property);
      if (removal && !ctx.edits.some((e) => e.start < removal.end && removal.start < e.end)) ctx.edits.push(removal);
    }
  });
}

/** Every property of the object goes: removed itself, or an object whose every property goes. */
function emptied(object: LooseNode, removed: ReadonlySet<LooseNode>): boolean {
  const properties = object.properties ?? [];
  return properties.length > 0 && properties.every((property) => goes(property, removed));
}

function goes(property: LooseNode, removed: ReadonlySet<LooseNode>): boolean {
  const value = bare(property.value as LooseNode | undefined);
  return removed.has(property) || (value?.type === 'ObjectExpression' && emptied(value, removed));
}

/** The outermost properties that go (a property whose object empties goes whole). */
function removedProperties(object: LooseNode, removed: ReadonlySet<LooseNode>): LooseNode[] {
  return (object.properties ?? []).flatMap((property) => {
    if (goes(property, removed)) return [property];
    const value = bare(property.value as LooseNode | undefined);
    return value?.type === 'ObjectExpression' ? removedProperties(value, removed) : [];
  });
}

/** The text a property and its comma take: its own lines, or in a line with others, up to the next property (from the one before when last). */
function propertyRemoval(source: string, table: LooseNode, property: LooseNode): Edit | undefined {
  const siblings = siblingsOf(table, property);
  const index = siblings.indexOf(property);
  const comma = /^\s*,/.exec(source.slice(endOf(property)));
  const end = comma ? endOf(property) + comma[0].length : endOf(property);
  const lines = ownLines(source, startOf(property), end);
  if (lines) return lines;
  const next = siblings[index + 1];
  if (next) return { start: startOf(property), end: startOf(next), text: '' };
  const previous = siblings[index - 1];
  return previous ? { start: endOf(previous), end: endOf(property), text: '' } : undefined;
}

function siblingsOf(object: LooseNode, property: LooseNode): LooseNode[] {
  const properties = object.properties ?? [];
  if (properties.includes(property)) return properties;
  for (const p of properties) {
    const value = bare(p.value as LooseNode | undefined);
    const found = value?.type === 'ObjectExpression' ? siblingsOf(value, property) : [];
    if (found.length > 0) return found;
  }
  return [];
}
