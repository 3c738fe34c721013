import { AST_NODE_TYPES, AST_TOKEN_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Range = [number, number];

function isComma(token: TSESTree.Token | null): token is TSESTree.Token {
  return token?.type === AST_TOKEN_TYPES.Punctuator && token.value === ',';
}

/**
 * The text range to delete so that `property` leaves its object literal cleanly: with its comma (the
 * one after it, or the one before when it is last), the comment that trails it on its line, the
 * comments on their own lines just above it, and its line when nothing else is left on it.
 */
export function propertyRemovalRange(sourceCode: SourceCode, property: TSESTree.Node): Range {
  const object = property.parent as TSESTree.ObjectExpression;
  const siblings = object.properties as TSESTree.Node[];
  if (siblings.length === 1) return [object.range[0] + 1, object.range[1] - 1];
  const after = sourceCode.getTokenAfter(property);
  const before = sourceCode.getTokenBefore(property, { includeComments: false });
  let start = property.range[0];
  let end = property.range[1];
  const last = siblings.at(-1) === property;
  if (isComma(after)) end = after.range[1];
  else if (last && isComma(before)) start = before.range[0];
  if (!(last && !isComma(after))) {
    ({ start, end } = withOwnLines(sourceCode, property, before, start, end));
  } else {
    end = Math.max(end, trailingCommentEnd(sourceCode, property, end));
  }
  return [start, end];
}

function trailingCommentEnd(sourceCode: SourceCode, property: TSESTree.Node, end: number): number {
  const next = sourceCode.getTokenAfter(property, { includeComments: true });
  const afterComma = next && isComma(next) ? sourceCode.getTokenAfter(next, { includeComments: true }) : next;
  if (afterComma?.type === AST_TOKEN_TYPES.Line || afterComma?.type === AST_TOKEN_TYPES.Block) {
    if (afterComma.loc.start.line === property.loc.end.line) return afterComma.range[1];
  }
  return end;
}

function withOwnLines(
  sourceCode: SourceCode,
  property: TSESTree.Node,
  before: TSESTree.Token | null,
  start: number,
  end: number,
): { start: number; end: number } {
  const text = sourceCode.text;
  end = Math.max(end, trailingCommentEnd(sourceCode, property, end));
  const leading = sourceCode.getCommentsBefore(property).filter((c) => !before || c.loc.start.line > before.loc.end.line);
  const first = leading[0];
  if (first) start = Math.min(start, first.range[0]);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline === -1 ? text.length : newline;
  const blankBefore = /^[ \t]*$/.test(text.slice(lineStart, start));
  const blankAfter = /^[ \t]*$/.test(text.slice(end, lineEnd));
  if (blankBefore && blankAfter && newline !== -1) return { start: lineStart, end: newline + 1 };
  // Same line as other properties: take the spaces that followed the comma too.
  const spaces = /^[ \t]*/.exec(text.slice(end))?.[0].length ?? 0;
  return { start, end: end + spaces };
}

/**
 * Fixes that remove several properties of one object literal in one go (non-overlapping ranges).
 */
export function removeProperties(
  sourceCode: SourceCode,
  fixer: TSESLint.RuleFixer,
  object: TSESTree.ObjectExpression,
  remove: readonly TSESTree.Node[],
): TSESLint.RuleFix[] {
  if (remove.length === 0) return [];
  if (remove.length === object.properties.length) return [fixer.replaceTextRange([object.range[0] + 1, object.range[1] - 1], '')];
  const lastKept = object.properties.findLastIndex((p) => !remove.includes(p));
  const fixes: TSESLint.RuleFix[] = [];
  const tail = object.properties.slice(lastKept + 1);
  for (const property of remove) {
    if (tail.includes(property as TSESTree.ObjectLiteralElement)) continue;
    fixes.push(fixer.removeRange(propertyRemovalRange(sourceCode, property)));
  }
  const lastTail = tail.at(-1);
  const kept = object.properties[lastKept];
  if (lastTail && kept) {
    const comma = sourceCode.getTokenAfter(kept);
    const trailing = sourceCode.getTokenAfter(lastTail);
    const end = isComma(trailing) ? lastTail.range[1] : trailingCommentEnd(sourceCode, lastTail, lastTail.range[1]);
    if (comma) fixes.push(fixer.removeRange([comma.range[0], end]));
  }
  return fixes;
}

export function isObjectLiteral(node: TSESTree.Node | undefined): node is TSESTree.ObjectExpression {
  return node?.type === AST_NODE_TYPES.ObjectExpression;
}
