import { TODO_MARKER } from '@rtm-migrate/core';
import jscodeshift, { type ASTPath, type Collection, type JSCodeshift } from 'jscodeshift';
import type { PlanSite, RewriteKind } from '../plan.js';
import { ParseError } from '../errors.js';
import { wrapWords } from '../text/wrap.js';

/**
 * jscodeshift's parsers: `babel` (its default for JavaScript), `ts`, `tsx`, and `babylon` (Babel with the
 * Flow plugin, and without ESTree's node names), which a JavaScript file that `babel` cannot parse is
 * parsed with again (Flow annotations: `import type`, `?string`; blind s125/01).
 */
export type ParserName = 'ts' | 'tsx' | 'babel' | 'babylon';

export interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface SiteOutcome {
  readonly site: PlanSite;
  /** What was done; 'todo' also when a TODO comment was already there. */
  readonly rewrite: RewriteKind;
  readonly changed: boolean;
  readonly message: string;
}

export interface TransformContext {
  readonly j: JSCodeshift;
  readonly root: Collection;
  /** Source without BOM, line endings as in the file. */
  readonly source: string;
  readonly eol: string;
  /** The file's style, kept in the code the rewrite writes: its string quote, and whether statements end with `;`. */
  readonly style: CodeStyle;
  /** Emit TypeScript (types, `import type`). */
  readonly typescript: boolean;
  /** The file is CommonJS (uses `require`, no `import`). */
  readonly commonjs: boolean;
  readonly sites: readonly PlanSite[];
  readonly edits: Edit[];
  readonly outcomes: SiteOutcome[];
  /** Names already used in the file (identifiers), to pick fresh ones. */
  readonly names: Set<string>;
  /** Imports to add: module → name → whether it is a type only. */
  readonly imports: Map<string, Map<string, boolean>>;
  readonly handled: Set<PlanSite>;
  /** The specifier this file imports the generated helper module by, when it calls it. */
  readonly helperModule?: string | undefined;
}

export interface CodeStyle {
  readonly quote: "'" | '"';
  readonly semicolons: boolean;
}

/**
 * The quote the file's imports and requires use (else most of its strings), and whether any line
 * ends a statement with `;` (a file in `standard` style has none).
 */
export function detectStyle(source: string): CodeStyle {
  const count = (pattern: RegExp): number => source.match(pattern)?.length ?? 0;
  const single = count(/(?:require\(\s*|from\s+|import\s+)'/g);
  const double = count(/(?:require\(\s*|from\s+|import\s+)"/g);
  const quote = single !== double ? (double > single ? '"' : "'") : count(/"[^"\n]*"/g) > count(/'[^'\n]*'/g) ? '"' : "'";
  return { quote, semicolons: /;[ \t]*(\/\/.*)?\r?$/m.test(source) || !/\S/.test(source) };
}

/**
 * A line of code the rewrite writes, in the file's style: its plain `'…'` strings in the file's quote,
 * its final `;` dropped in a file without them. Comment lines stay as they are.
 */
export function styled(ctx: TransformContext, line: string): string {
  if (/^\s*\/\//.test(line)) return line;
  let out = ctx.style.quote === '"' ? line.replace(/'([^'"\\\n]*)'/g, '"$1"') : line;
  if (!ctx.style.semicolons) out = out.replace(/;$/, '');
  return out;
}

/** A form's transform: handles its sites in `ctx.sites`, pushing edits and outcomes. */
export type Transform = (ctx: TransformContext) => void;

export function parserFor(file: string): ParserName {
  if (/\.tsx$/i.test(file)) return 'tsx';
  if (/\.(mts|cts|ts)$/i.test(file)) return 'ts';
  return 'babel';
}

export function parse(j: JSCodeshift, source: string): Collection {
  return j(source);
}

export function withParser(parser: ParserName): JSCodeshift {
  return jscodeshift.withParser(parser);
}

/**
 * A node as the transforms read it, whichever parser jscodeshift ran (babel, tsx, flow): its type,
 * its offsets and position in the source. The shapes below add the fields a transform reads.
 */
export interface AnyNode {
  readonly type: string;
  readonly start?: number;
  readonly end?: number;
  readonly loc?: { start: { line: number; column: number }; end: { line: number; column: number } } | null;
}

/** A property of an object literal (`ObjectProperty` in babel, `Property` in ESTree). */
export interface PropertyNode extends AnyNode {
  readonly computed?: boolean;
  readonly method?: boolean;
  readonly kind?: string;
  readonly shorthand?: boolean;
  readonly key?: AnyNode & { readonly name?: string; readonly value?: unknown };
  readonly value?: AnyNode & { readonly value?: unknown };
}

export interface ObjectLiteralNode extends AnyNode {
  readonly type: 'ObjectExpression';
  readonly properties: PropertyNode[];
}

/** A call or `new`: its arguments. */
export interface CallNode extends AnyNode {
  readonly arguments: AnyNode[];
}

export function isObjectLiteral(node: AnyNode | undefined): node is ObjectLiteralNode {
  return node?.type === 'ObjectExpression';
}

/** The name a property's key spells out (`a`, `'a'`); undefined for a computed key. */
export function propertyKey(property: PropertyNode): string | undefined {
  if (property.computed) return undefined;
  const key = property.key;
  if (key?.name !== undefined) return key.name;
  return typeof key?.value === 'string' ? key.value : undefined;
}

/** The analysis' range when the plan has it (offsets into the BOM-less text), else line and column. */
export function isSiteNode(n: AnyNode, site: PlanSite): boolean {
  if (site.start !== undefined && site.end !== undefined) return n.start === site.start && n.end === site.end;
  const { loc } = n;
  if (!loc) return false;
  return loc.start.line === site.line && loc.start.column === site.column - 1 && loc.end.line === site.endLine && loc.end.column === site.endColumn - 1;
}

/** The node a plan site points at: same start and end, of one of `types`. */
export function findSiteNode(ctx: TransformContext, site: PlanSite, types: readonly string[]): ASTPath<AnyNode> | undefined {
  let found: ASTPath<AnyNode> | undefined;
  ctx.root.find(ctx.j.Node).forEach((path: ASTPath<AnyNode>) => {
    if (found) return;
    const n = path.node;
    if (!n.loc || !types.includes(n.type)) return;
    if (isSiteNode(n, site)) found = path;
  });
  return found;
}

export const CALL_TYPES = ['CallExpression', 'OptionalCallExpression'] as const;

/** Where a node starts in the source: every parser jscodeshift runs here (babel, tsx, flow) records it. */
export function startOf(node: AnyNode): number {
  if (node.start === undefined) throw new Error(`a ${node.type} node without source offsets`);
  return node.start;
}

/** Where a node ends in the source. */
export function endOf(node: AnyNode): number {
  if (node.end === undefined) throw new Error(`a ${node.type} node without source offsets`);
  return node.end;
}

/**
 * Where an expression ends as written: after the parentheses around it (`new RtmClient((token))`, a Flow
 * cast `(token: any)`), which babel leaves out of its range and marks in `extra`. Text added after an
 * argument goes there: inside them it would make a sequence expression (`(token, { … })`: one argument).
 */
export function writtenEnd(ctx: TransformContext, node: AnyNode & { readonly extra?: { readonly parenthesized?: boolean; readonly parenStart?: number } }): number {
  let end = endOf(node);
  const from = node.extra?.parenthesized === true ? node.extra.parenStart : undefined;
  if (from === undefined) return end;
  for (let wraps = (ctx.source.slice(from, startOf(node)).match(/\(/g) ?? []).length; wraps > 0; wraps--) {
    const close = ctx.source.indexOf(')', end);
    if (close < 0) break;
    end = close + 1;
  }
  return end;
}

export function text(ctx: TransformContext, node: AnyNode): string {
  return ctx.source.slice(node.start, node.end);
}

const STATEMENT_LISTS = new Set(['Program', 'BlockStatement', 'StaticBlock', 'SwitchCase', 'TSModuleBlock']);

/** The statement (directly in a block or the program) that holds `path`. */
export function enclosingStatement(path: ASTPath<AnyNode>): ASTPath<AnyNode> | undefined {
  let p: ASTPath<AnyNode> | null = path;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- ast-types types `parent` as always set; the Program's path has none
  while (p?.parent) {
    const parent = p.parent as ASTPath<AnyNode>;
    if (STATEMENT_LISTS.has(parent.node.type)) return p;
    p = parent;
  }
  return undefined;
}

export function lineStart(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

export function indentAt(source: string, offset: number): string {
  const start = lineStart(source, offset);
  const before = source.slice(start, offset);
  return /^[ \t]*$/.test(before) ? before : (/^[ \t]*/.exec(before)?.[0] ?? '');
}

/** One indentation step of the file: a tab, or the smallest run of leading spaces. */
export function indentUnit(source: string): string {
  let smallest = Infinity;
  for (const [, lead = ''] of source.matchAll(/^( +|\t+)\S/gm)) {
    if (lead.startsWith('\t')) return '\t';
    smallest = Math.min(smallest, lead.length);
  }
  return ' '.repeat(Number.isFinite(smallest) ? Math.min(Math.max(smallest, 2), 8) : 2);
}

/** Wraps text into `// ` comment lines of at most ~100 characters. */
export function commentLines(message: string, width = 96): string[] {
  return wrapWords(message, width).map((l, i) => (i === 0 ? `// ${l}` : `//   ${l}`));
}

const BLANKS_AND_COMMENTS = /(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/y;

/** Where the source's code goes on at or after `offset`, past blanks and comments (its length when none follows). */
function codeAt(source: string, offset: number): number {
  BLANKS_AND_COMMENTS.lastIndex = offset;
  BLANKS_AND_COMMENTS.exec(source);
  return BLANKS_AND_COMMENTS.lastIndex;
}

/** The source's first character at or after `offset` that is code. */
function nextCode(source: string, offset: number): string | undefined {
  return source[codeAt(source, offset)];
}

/**
 * A line starting with one of these goes on the statement before it when that one has no `;` (ASI
 * does not end it): `x = require('a')` then `(function () {…})()` calls what `require` gave. `<` for a
 * TypeScript `<T>x` or JSX; `+`/`-` also for `++`/`--`, where the `;` is merely unneeded.
 */
const CONTINUES_STATEMENT = /^[([`+\-/<]/;

/**
 * `lines` (code written into the file, comments among them) with a `;` ending their last code line
 * when the code that follows at `next` would otherwise continue it. Only then, in a file without
 * semicolons: the `standard` style (its `semi: never` rule accepts a `;` before such a line) and
 * the user's own line stays as it was, rather than gaining a leading `;(`.
 */
export function endedBefore(source: string, next: number, lines: readonly string[]): string[] {
  const last = lines.findLastIndex((l) => l.trim() !== '' && !/^\s*\/\//.test(l));
  const line = lines[last];
  if (line === undefined || /;\s*$/.test(line) || !CONTINUES_STATEMENT.test(nextCode(source, next) ?? '')) return [...lines];
  return lines.map((l, i) => (i === last ? `${l.trimEnd()};` : l));
}

/** The statements of a file's statement lists (its top level, blocks, `case`s, namespaces). */
function listedStatements(j: JSCodeshift, root: Collection): AnyNode[] {
  const statements: AnyNode[] = [];
  root.find(j.Node).forEach((p: ASTPath<AnyNode & { body?: unknown; consequent?: unknown }>) => {
    const n = p.node;
    if (!STATEMENT_LISTS.has(n.type)) return;
    const list = n.type === 'SwitchCase' ? n.consequent : n.body;
    if (Array.isArray(list)) statements.push(...(list as AnyNode[]));
  });
  return statements;
}

/**
 * Where the statement at `offset` of the source starts in the text `edits` make of it: before any text
 * inserted at it (that may be code put before it, or the start of code around it), and past text inserted
 * there as lines of their own (where it or what replaces it then starts). None inside a range an edit replaces.
 */
function editedStarts(edits: readonly Edit[], offset: number): number[] {
  let shift = 0;
  let lines = 0;
  let prefixed = false;
  for (const e of edits) {
    if (e.start < offset && offset < e.end) return [];
    if (e.start < offset) shift += e.text.length - (e.end - e.start);
    else if (e.start === offset && e.end === offset) {
      lines += e.text.length;
      prefixed ||= !/\n[ \t]*$/.test(e.text);
    }
  }
  return lines === 0 || prefixed ? [offset + shift] : [offset + shift, offset + shift + lines];
}

/**
 * `output` (the source with `ctx.edits` applied, `parsed` its tree) where every statement of the source
 * is still a statement. A removal or a replacement can leave a statement that starts with `(`, `[`, `` ` ``,
 * `+`, `-`, `/` or `<` after one that ASI ended only because of what came between (an `import`, a
 * `const …;`), or make a statement start with one (`(cast as T)`): that one gets a leading `;` (the
 * `standard` style's `;(`), as no line of ours is above it to end instead (see endedBefore). Any other
 * statement the edits did not touch that no longer starts one means the rewrite changed what the code
 * does around it: an error, and nothing is written. `reparse` checks the text with its `;`s added.
 */
export function keptApart(ctx: TransformContext, output: string, parsed: Collection, reparse: (text: string) => void): string {
  const starts = new Set(listedStatements(ctx.j, parsed).map(startOf));
  const joined = new Set<number>();
  for (const statement of listedStatements(ctx.j, ctx.root)) {
    for (const at of editedStarts(ctx.edits, startOf(statement))) {
      const head = codeAt(output, at);
      const first = output[head];
      // A leading `;` ends the statement before it when ASI no longer does: no statement of its own then.
      if (starts.has(head) || first === undefined || first === ';') continue;
      if (CONTINUES_STATEMENT.test(first)) joined.add(head);
      else if (!ctx.edits.some((e) => e.start === startOf(statement) && e.end > e.start)) {
        const lines = output.slice(0, head).split('\n');
        throw new ParseError('the rewrite would join a statement to the code before it: nothing written', lines.length, (lines.at(-1)?.length ?? 0) + 1);
      }
    }
  }
  if (joined.size === 0) return output;
  const apart = [...joined].sort((a, b) => b - a).reduce((text, head) => `${text.slice(0, head)};${text.slice(head)}`, output);
  reparse(apart);
  return apart;
}

/** Inserts `lines` before the statement at `offset`, at its indentation. */
export function insertBefore(ctx: TransformContext, offset: number, lines: readonly string[]): void {
  const indent = indentAt(ctx.source, offset);
  const begin = lineStart(ctx.source, offset);
  const styledLines = endedBefore(ctx.source, offset, lines.map((l) => styled(ctx, l)));
  const before = ctx.source.slice(begin, offset);
  if (/^[ \t]*$/.test(before)) {
    const body = styledLines.map((l, i) => (i === 0 ? l : l === '' ? '' : indent + l)).join(ctx.eol);
    ctx.edits.push({ start: begin + indent.length, end: begin + indent.length, text: body + ctx.eol + indent });
    return;
  }
  // Mid-line (`function () { this._api(…); }`): at the line's start the lines would land before the
  // function, outside it; they go on lines of their own where the code before the statement ends.
  const inner = indent + indentUnit(ctx.source);
  const from = begin + before.trimEnd().length;
  ctx.edits.push({ start: from, end: offset, text: [...styledLines.map((l) => (l === '' ? '' : inner + l)), inner].map((l) => ctx.eol + l).join('') });
}

/**
 * The `// TODO(rtm-migrate): …` comments (as commentLines wraps them: the marker's line, then its `//   `
 * lines) among the `//` lines right above the line of `offset`, each as the range of its whole lines,
 * line endings included. The app's own comment lines there are in none: they are never ours to touch.
 */
function todoCommentsAbove(source: string, offset: number): Edit[] {
  const found: Edit[] = [];
  let at = lineStart(source, offset);
  // Where the comment whose lines are being walked (upwards) ends.
  let end = at;
  while (at > 0) {
    const start = lineStart(source, at - 1);
    const line = source.slice(start, at).trim();
    if (!line.startsWith('//')) break;
    if (line.slice(2).trimStart().startsWith(TODO_MARKER)) found.push({ start, end, text: '' });
    if (!line.startsWith('//   ')) end = start;
    at = start;
  }
  return found;
}

/**
 * A comment's words, without its `//` markers and line breaks, and with the line and column numbers of
 * places it names left out: the same message however it is wrapped, and after the TODO itself moved the
 * lines below it.
 */
const commentWords = (text: string): string =>
  text
    .replace(/^[ \t]*\/\/[ \t]?/gm, '')
    .replace(/:\d+(?::\d+)?\b/g, ':')
    .replace(/\blines?\s+\d+(?:[–-]\d+)?/g, 'line')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Puts `message` as a `// TODO(rtm-migrate): …` comment above the statement at `offset`. Where an
 * earlier run left one there, a second run adds nothing; where that one gives another reason (what
 * blocked the site has changed since: a version installed, a client moved), its text is brought up to
 * date, so the TODO never tells of a blocker that is gone. Where several are there, or another site of
 * this run already wrote or kept the one there, nothing changes. True when the file changes.
 */
export function placeTodo(ctx: TransformContext, offset: number, message: string): boolean {
  const earlier = todoCommentsAbove(ctx.source, offset);
  const lines = commentLines(message);
  if (earlier.length === 0) {
    const at = lineStart(ctx.source, offset) + indentAt(ctx.source, offset).length;
    if (ctx.edits.some((e) => e.start === at && e.end === at && e.text.includes(TODO_MARKER))) return false;
    insertBefore(ctx, offset, lines);
    return true;
  }
  const [only] = earlier;
  if (earlier.length > 1 || !only || ctx.edits.some((e) => e.start < only.end && e.end > only.start)) return false;
  const written = ctx.source.slice(only.start, only.end);
  const indent = indentAt(ctx.source, offset);
  // Kept as it is, the comment is still claimed, so that another site of this statement leaves it alone.
  const text = commentWords(written) === commentWords(lines.join('\n')) ? written : lines.map((l) => indent + l + ctx.eol).join('');
  ctx.edits.push({ start: only.start, end: only.end, text });
  return text !== written;
}

/** `placeTodo` above the statement that holds `path`. */
export function todoAbove(ctx: TransformContext, path: ASTPath<AnyNode>, message: string): boolean {
  const statement = enclosingStatement(path);
  return statement ? placeTodo(ctx, startOf(statement.node), message) : false;
}

/**
 * Removes the `TODO(rtm-migrate)` comments an earlier run left above the statement at `offset`, now that
 * its site is rewritten (or needs none): kept, it would tell of a blocker that is gone. Not where another
 * edit reaches into those lines (nothing is removed on a guess).
 */
export function dropTodoAbove(ctx: TransformContext, offset: number): void {
  const stale = todoCommentsAbove(ctx.source, offset);
  ctx.edits.push(...stale.filter((c) => !ctx.edits.some((e) => e.start < c.end && e.end > c.start)));
}

/** A name not yet used in the file. */
export function freshName(ctx: TransformContext, candidates: readonly string[]): string {
  for (const c of candidates) {
    if (!ctx.names.has(c)) {
      ctx.names.add(c);
      return c;
    }
  }
  const base = candidates[0] ?? 'value';
  for (let i = 2; ; i++) {
    if (!ctx.names.has(`${base}${i}`)) {
      ctx.names.add(`${base}${i}`);
      return `${base}${i}`;
    }
  }
}

export function addImport(ctx: TransformContext, module: string, name: string, type: boolean): void {
  const names = ctx.imports.get(module) ?? new Map<string, boolean>();
  names.set(name, (names.get(name) ?? true) && type);
  ctx.imports.set(module, names);
}

export function applyEdits(source: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = source;
  let lastStart = Infinity;
  for (const e of sorted) {
    if (e.end > lastStart) throw new Error('overlapping edits');
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    lastStart = e.start;
  }
  return out;
}

/**
 * `offset`, or the end of its line when only a `//` comment or blanks follow there: the comment, and a
 * trailing space the file had (blind s51/04), stay on their statement's line.
 */
function afterTrailingComment(source: string, offset: number): number {
  const newline = source.indexOf('\n', offset);
  const lineEnd = newline === -1 ? source.length : source[newline - 1] === '\r' ? newline - 1 : newline;
  return /^[ \t]*(?:\/\/.*)?$/.test(source.slice(offset, lineEnd)) ? lineEnd : offset;
}

/** An `import { … } from '…'` of the file: whether it is `import type`, and the names it imports. */
interface NamedImport extends AnyNode {
  readonly source: { readonly value: unknown };
  readonly importKind?: string;
  readonly specifiers: (AnyNode & { readonly imported?: { readonly name?: string } })[];
}

function isNamedImport(node: AnyNode): node is NamedImport {
  return node.type === 'ImportDeclaration' && (node as NamedImport).specifiers.every((sp) => sp.type === 'ImportSpecifier');
}

/**
 * Writes the pending imports, each module once: its names are added to an `import { … }` of that module
 * the file has (types as `type X` in a value import), else on a new line after the file's last import
 * (or `require` line), or at its top.
 */
export function emitImports(ctx: TransformContext): void {
  if (ctx.imports.size === 0) return;
  const body = (ctx.root.get() as ASTPath<{ program: { body: AnyNode[] } }>).node.program.body;
  const lines: string[] = [];
  for (const [module, names] of ctx.imports) {
    const onlyTypes = [...names.values()].every(Boolean);
    const existing = body.filter(isNamedImport).filter((s) => s.source.value === module && s.specifiers.length > 0 && (onlyTypes || s.importKind !== 'type'));
    const target = existing.find((s) => (s.importKind === 'type') === onlyTypes) ?? existing[0];
    const imported = new Set(body.filter(isNamedImport).filter((s) => s.source.value === module).flatMap((s) => s.specifiers.map((sp) => sp.imported?.name)));
    const fresh = [...names].filter(([name]) => !imported.has(name)).sort(([a], [b]) => a.localeCompare(b));
    if (fresh.length === 0) continue;
    const typeImport = target ? target.importKind === 'type' : onlyTypes;
    const list = fresh.map(([name, type]) => (type && !typeImport ? `type ${name}` : name)).join(', ');
    const last = target?.specifiers.at(-1);
    if (last) {
      ctx.edits.push({ start: endOf(last), end: endOf(last), text: `, ${list}` });
      continue;
    }
    if (ctx.commonjs && !ctx.typescript) lines.push(styled(ctx, `const { ${list} } = require('${module}');`));
    else lines.push(styled(ctx, `import ${typeImport ? 'type ' : ''}{ ${list} } from '${module}';`));
  }
  if (lines.length === 0) return;
  const imports = body.filter((s) => s.type === 'ImportDeclaration' || s.type === 'TSImportEqualsDeclaration' || requireDeclaration(ctx.source, s));
  // The imports that open the file (past its directives), else the last one above the first line rewritten:
  // a `require` below that line would run after it (blind s58/16: a `const` there, a ReferenceError at start).
  const firstCode = body.findIndex((b) => !imports.includes(b) && !isDirective(b));
  const opening = imports.filter((s) => firstCode === -1 || body.indexOf(s) < firstCode);
  const inImport = (at: number): boolean => imports.some((s) => startOf(s) <= at && at < endOf(s));
  const firstEdit = Math.min(Infinity, ...ctx.edits.filter((e) => !inImport(e.start)).map((e) => e.start));
  const anchor = opening.at(-1) ?? imports.filter((s) => endOf(s) <= firstEdit).at(-1);
  // The directive prologue (`'use strict';`) stays first: a statement before it would make it a plain string (blind s55/13).
  const program = (ctx.root.get() as ASTPath<{ program: { directives?: AnyNode[] } }>).node.program;
  const prologue = [...(program.directives ?? []), ...body.slice(0, Math.max(0, body.findIndex((s) => !isDirective(s))))];
  const directive = prologue.sort((a, b) => endOf(b) - endOf(a))[0];
  if (anchor) {
    const at = afterTrailingComment(ctx.source, endOf(anchor));
    ctx.edits.push({ start: at, end: at, text: ctx.eol + endedBefore(ctx.source, at, lines).join(ctx.eol) });
  } else if (directive) {
    const at = afterTrailingComment(ctx.source, endOf(directive));
    // Code on the directive's line after it (`'use strict'\n;(function () {`) goes on a line of its own.
    const rest = /^[ \t]*(?:\r?\n|$)/.test(ctx.source.slice(at)) ? '' : ctx.eol;
    ctx.edits.push({ start: at, end: at, text: ctx.eol + ctx.eol + endedBefore(ctx.source, at, lines).join(ctx.eol) + rest });
  } else {
    const first = body[0];
    const at = first ? docCommentStart(ctx.source, lineStart(ctx.source, startOf(first))) : 0;
    ctx.edits.push({ start: at, end: at, text: endedBefore(ctx.source, at, lines).join(ctx.eol) + ctx.eol + ctx.eol });
  }
}

/** A statement of the directive prologue as ESTree parsers give it (`'use strict';` with its `directive`); Babel's own AST lists them apart (`program.directives`). */
/**
 * A declaration whose every value a `require` loads (`const a = require('a').b, c = require('c')(x)`), not
 * one that only calls it somewhere inside (`let Bot = function () { … require('./x') … }`, blind s139/08: the
 * generated module's `require` went below that function).
 */
function requireDeclaration(source: string, node: AnyNode): boolean {
  if (node.type !== 'VariableDeclaration') return false;
  const { declarations } = node as AnyNode & { readonly declarations: readonly { readonly init?: AnyNode | null }[] };
  return declarations.length > 0 && declarations.every((d) => d.init != null && /^require\s*\(/.test(source.slice(startOf(d.init), endOf(d.init))));
}

function isDirective(node: AnyNode): boolean {
  return node.type === 'ExpressionStatement' && typeof (node as AnyNode & { directive?: unknown }).directive === 'string';
}

/**
 * Where a statement's own doc comment starts (`/** @constructor *\/` on the lines right above it): the
 * imports go above it, not between it and what it documents. `at` itself without one, or when the
 * comment opens the file (a header).
 */
function docCommentStart(source: string, at: number): number {
  const above = /\/\*\*(?:(?!\*\/)[\s\S])*\*\/[ \t]*\r?\n$/.exec(source.slice(0, at));
  if (!above) return at;
  const start = lineStart(source, above.index);
  return source.slice(0, start).trim() === '' || source.slice(start, above.index).trim() !== '' ? at : start;
}

export function identifierNames(source: string): Set<string> {
  return new Set(source.match(/[A-Za-z_$][\w$]*/g) ?? []);
}
