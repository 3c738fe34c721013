import { createRequire } from 'node:module';
import type { PlanSite } from '../plan.js';
import { ParseError } from '../errors.js';
import {
  applyEdits,
  detectStyle,
  emitImports,
  identifierNames,
  parserFor,
  withParser,
  type ParserName,
  type SiteOutcome,
  type Transform,
  type TransformContext,
} from './common.js';
import { dropConnectArgsTransform } from './drop-args.js';
import { helperModuleCallTransform } from './helper-module-call.js';
import { isCommonJs } from './module-kind.js';
import { methodTableOverrideTransform } from './method-table-override.js';
import { rawUrlConnectTransform } from './raw-url-connect.js';
import { rtmClientOptionTransform } from './rtm-client-option.js';
import { rtmStartCallTransform } from './rtm-start-call.js';
import { sdkFacetOverrideTransform } from './sdk-facet-override.js';
import { todoTransform } from './todo.js';
import { dropUnusedConsts } from './unused-consts.js';
import { dropUnusedTableEntries } from './unused-table-entries.js';

export { parserFor, type ParserName, type SiteOutcome } from './common.js';

/** In order: rewrites first; whatever is left gets a TODO. */
export const TRANSFORMS: readonly (readonly [string, Transform])[] = [
  ['rtm-start-call', rtmStartCallTransform],
  ['raw-url-connect', rawUrlConnectTransform],
  ['sdk-facet-override', sdkFacetOverrideTransform],
  ['helper-module-call', helperModuleCallTransform],
  ['method-table-override', methodTableOverrideTransform],
  ['drop-connect-args', dropConnectArgsTransform],
  ['rtm-client-option', rtmClientOptionTransform],
  ['todo', todoTransform],
];

export interface TransformResult {
  readonly output: string;
  readonly changed: boolean;
  readonly outcomes: readonly SiteOutcome[];
}


const BOM = '\uFEFF';

export function detectEol(text: string): string {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

const require = createRequire(import.meta.url);
const getParser = require('jscodeshift/src/getParser.js') as (name: string) => { parse(source: string): unknown };
const parsers = new Map<ParserName, { parse(source: string): unknown }>();

/**
 * Parses with jscodeshift's parser for `parser` (babel with its plugins). The AST comes straight from
 * the parser, not through recast (which normalises line endings and tabs before parsing), so node
 * offsets are offsets into `source` as it is; a failure becomes a ParseError with its position.
 */
export function parseWith(parser: ParserName, source: string) {
  const j = withParser(parser);
  let p = parsers.get(parser);
  if (!p) {
    p = getParser(parser);
    parsers.set(parser, p);
  }
  try {
    return { j, root: j(p.parse(source) as Parameters<typeof j>[0]) };
  } catch (err) {
    const e = err as { message?: string; loc?: { line: number; column: number }; lineNumber?: number; column?: number };
    const line = e.loc?.line ?? e.lineNumber ?? 1;
    const column = (e.loc?.column ?? e.column ?? 0) + 1;
    throw new ParseError((/^.*/.exec(String(e.message ?? err))?.[0] ?? '').replace(/\s*\(\d+:\d+\)$/, ''), line, column);
  }
}

/**
 * Runs the transforms over one file's text for its plan sites. The BOM is stripped before parsing
 * and restored after; line endings of inserted code follow the file's; untouched text is kept byte
 * for byte (edits are spliced into the original text). The output is parsed again before it is returned.
 */
export function transformSource(
  input: string,
  file: string,
  sites: readonly PlanSite[],
  options: { parser?: ParserName | undefined; helperModule?: string | undefined; only?: readonly string[] | undefined } = {},
): TransformResult {
  const hasBom = input.startsWith(BOM);
  const source = hasBom ? input.slice(1) : input;
  const parser = options.parser ?? parserFor(file);
  const { j, root } = parseWith(parser, source);
  const ctx: TransformContext = {
    j,
    root,
    source,
    eol: detectEol(source),
    style: detectStyle(source),
    typescript: parser !== 'babel',
    commonjs: isCommonJs(source, file),
    sites,
    edits: [],
    outcomes: [],
    names: identifierNames(source),
    imports: new Map(),
    handled: new Set(),
    helperModule: options.helperModule,
  };
  for (const [name, transform] of TRANSFORMS) if (!options.only || options.only.includes(name)) transform(ctx);
  dropUnusedConsts(ctx);
  dropUnusedTableEntries(ctx);
  emitImports(ctx);
  if (ctx.edits.length === 0) return { output: input, changed: false, outcomes: ctx.outcomes };
  const out = applyEdits(source, ctx.edits);
  try {
    parseWith(parser, out);
  } catch (err) {
    const e = err as ParseError;
    throw new ParseError(`the rewritten file does not parse (${e.message}): nothing written`, e.line, e.column);
  }
  const output = (hasBom ? BOM : '') + out;
  return { output, changed: output !== input, outcomes: ctx.outcomes };
}
