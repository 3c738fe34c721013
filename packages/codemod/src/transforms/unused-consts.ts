import type { ASTPath } from 'jscodeshift';
import { endOf, lineStart, startOf, type AnyNode, type Edit, type TransformContext } from './common.js';

/** The parts of a node the cleanups of unused names read (babel's AST, whichever parser jscodeshift ran). */
export interface LooseNode extends AnyNode {
  readonly name?: string;
  readonly value?: unknown;
  readonly id?: LooseNode | null;
  readonly init?: LooseNode | null;
  readonly kind?: string;
  readonly declarations?: LooseNode[];
  readonly expressions?: unknown[];
  readonly properties?: LooseNode[];
  readonly computed?: boolean;
  readonly shorthand?: boolean;
  readonly method?: boolean;
  readonly object?: LooseNode;
  readonly property?: LooseNode;
  readonly key?: LooseNode;
  readonly expression?: LooseNode;
  readonly quasis?: LooseNode[];
}

/** A value whose declaration can go without changing what the program does: a string, or another constant's name. */
function isPlainValue(init: LooseNode | null | undefined): boolean {
  if (!init) return false;
  if (init.type === 'StringLiteral' || (init.type === 'Literal' && typeof (init as { value?: unknown }).value === 'string')) return true;
  if (init.type === 'TemplateLiteral') return (init.expressions ?? []).length === 0;
  return init.type === 'Identifier';
}

/** Identifiers that name something else than a variable: `x.name`, `{ name: … }`. */
export function isPropertyName(path: ASTPath<LooseNode>): boolean {
  const parent = path.parent as ASTPath<LooseNode> | null;
  const p = parent?.node;
  if (!p) return false;
  if ((p.type === 'MemberExpression' || p.type === 'OptionalMemberExpression') && p.property === path.node) return p.computed !== true;
  if ((p.type === 'ObjectProperty' || p.type === 'Property' || p.type === 'ClassProperty') && p.key === path.node) return p.computed !== true && p.shorthand !== true;
  return false;
}

/**
 * Removes a `const` the rewrite left unused: one holding a method name (`const RTM_START = 'rtm.start'`,
 * `const NS = 'rtm'`, `const m = RTM_START`) whose every use was inside code the rewrite replaced.
 * Only a plain string (or another constant's name), declared alone in its statement, on lines of its
 * own, not exported, its name bound once in the file; repeated, so that a constant only its removed
 * alias used goes too.
 */
export function dropUnusedConsts(ctx: TransformContext): void {
  const replaced = (): Edit[] => ctx.edits.filter((e) => e.end > e.start);
  const inside = (node: AnyNode): boolean => replaced().some((e) => e.start <= startOf(node) && endOf(node) <= e.end);
  // Gone with the code replaced, and written again by no edit (the replacement keeps the options and callbacks it was
  // given; a caller put before the statement may make the URL from the same base).
  const gone = (node: AnyNode, name: string): boolean => {
    const named = new RegExp(`(^|[^\\w$])${name.replace(/\$/g, '\\$')}($|[^\\w$])`);
    return inside(node) && !ctx.edits.some((e) => named.test(e.text));
  };
  for (let changed = true; changed; ) {
    changed = false;
    ctx.root.find(ctx.j.VariableDeclaration).forEach((p: ASTPath) => {
      const statement = p.node as LooseNode;
      const [declarator, ...others] = statement.declarations ?? [];
      const id = declarator?.id;
      if (changed || statement.kind !== 'const' || others.length > 0 || id?.type !== 'Identifier' || !id.name || !isPlainValue(declarator?.init)) return;
      if (inside(statement) || (p.parent as ASTPath<AnyNode>).node.type === 'ExportNamedDeclaration') return;
      const name = id.name;
      const uses: AnyNode[] = [];
      ctx.root.find(ctx.j.Identifier, { name }).forEach((q: ASTPath<LooseNode>) => {
        if (q.node !== id && !isPropertyName(q)) uses.push(q.node);
      });
      // Any other identifier of that name (a use left, or a parameter or inner `const` of the same name) keeps it.
      if (uses.length === 0 || !uses.every((use) => gone(use, name))) return;
      const removal = ownLines(ctx.source, startOf(statement), endOf(statement));
      if (!removal) return;
      ctx.edits.push(removal);
      changed = true;
    });
  }
}

/**
 * The lines `start`..`end` stand on, when nothing else stands on them, with the blank line after them
 * when one is before them too (so that no two blank lines are left in a row).
 */
export function ownLines(source: string, start: number, end: number): Edit | undefined {
  const first = lineStart(source, start);
  const newline = source.indexOf('\n', end);
  const last = newline === -1 ? source.length : newline + 1;
  if (source.slice(first, start).trim() !== '' || source.slice(end, last).trim() !== '') return undefined;
  const blankBefore = first === 0 || /\n\r?\n$/.test(source.slice(0, first)) || /^\r?\n$/.test(source.slice(lineStart(source, first - 1), first));
  const after = /^\r?\n/.exec(source.slice(last));
  return { start: first, end: blankBefore && after ? last + after[0].length : last, text: '' };
}
