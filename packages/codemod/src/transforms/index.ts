import { createRequire } from 'node:module';
import type { Collection, JSCodeshift } from 'jscodeshift';
import type { PlanSite } from '../plan.js';
import { ParseError } from '../errors.js';
import {
  applyEdits,
  detectStyle,
  emitImports,
  identifierNames,
  keptApart,
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
import { nockStubSplitTransform } from './nock-stub-split.js';
import { rawUrlConnectTransform } from './raw-url-connect.js';
import { rtmClientOptionTransform } from './rtm-client-option.js';
import { rtmStartCallTransform } from './rtm-start-call.js';
import { sdkFacetOverrideTransform } from './sdk-facet-override.js';
import { dropStaleTodos, todoTransform } from './todo.js';
import { dropUnusedConsts } from './unused-consts.js';
import { dropUnusedTableEntries } from './unused-table-entries.js';

export { parserFor, type ParserName, type SiteOutcome } from './common.js';

/** In order: rewrites first; whatever is left gets a TODO. */
export const TRANSFORMS: readonly (readonly [string, Transform])[] = [
  ['rtm-start-call', rtmStartCallTransform],
  ['raw-url-connect', rawUrlConnectTransform],
  ['sdk-facet-override', sdkFacetOverrideTransform],
  ['nock-stub-split', nockStubSplitTransform],
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

interface BabelOptions {
  readonly sourceType: string;
  readonly allowImportExportEverywhere: boolean;
  readonly plugins: readonly unknown[];
  readonly [option: string]: unknown;
}
const babel = require(require.resolve('@babel/parser', { paths: [require.resolve('jscodeshift')] })) as {
  parse(source: string, options: BabelOptions): unknown;
};
const tsOptions = require('jscodeshift/parser/tsOptions.js') as BabelOptions;
/**
 * jscodeshift's parsers, as a script. jscodeshift keeps the options of its `babel` parser to itself:
 * these are the ones of jscodeshift/parser/babel5Compat.js (a test checks both give the same tree).
 */
const SCRIPT_OPTIONS: Record<ParserName, BabelOptions> = {
  babel: {
    sourceType: 'module',
    allowHashBang: true,
    ecmaVersion: Infinity,
    allowImportExportEverywhere: true,
    allowReturnOutsideFunction: true,
    startLine: 1,
    tokens: true,
    plugins: [
      'estree',
      'jsx',
      'asyncGenerators',
      'classProperties',
      'doExpressions',
      'exportExtensions',
      'functionBind',
      'functionSent',
      'objectRestSpread',
      'dynamicImport',
      'nullishCoalescingOperator',
      'optionalChaining',
      ['decorators', { decoratorsBeforeExport: false }],
    ],
  },
  ts: tsOptions,
  tsx: { ...tsOptions, plugins: ['jsx', ...tsOptions.plugins] },
  // jscodeshift/parser/babylon.js's options, which it keeps to itself too.
  babylon: {
    sourceType: 'module',
    allowImportExportEverywhere: true,
    allowReturnOutsideFunction: true,
    startLine: 1,
    tokens: true,
    plugins: [
      ['flow', { all: true }],
      'flowComments',
      'jsx',
      'asyncGenerators',
      'bigInt',
      'classProperties',
      'classPrivateProperties',
      'classPrivateMethods',
      ['decorators', { decoratorsBeforeExport: false }],
      'doExpressions',
      'dynamicImport',
      'exportDefaultFrom',
      'exportNamespaceFrom',
      'functionBind',
      'functionSent',
      'importMeta',
      'logicalAssignment',
      'nullishCoalescingOperator',
      'numericSeparator',
      'objectRestSpread',
      'optionalCatchBinding',
      'optionalChaining',
      ['pipelineOperator', { proposal: 'minimal' }],
      'throwExpressions',
    ],
  },
};

/**
 * A file that is no ES module (CommonJS, a plain script) as a script: sloppy mode, where `await`,
 * `yield` or `let` may name a variable and `0755` or `with` are allowed. `import`/`export` are
 * refused, so only a file without them parses this way.
 */
export function parseScript(parser: ParserName, source: string): unknown {
  return babel.parse(source, { ...SCRIPT_OPTIONS[parser], sourceType: 'script', allowImportExportEverywhere: false });
}

interface BabelError {
  readonly message?: string;
  readonly loc?: { line: number; column: number };
  readonly lineNumber?: number;
  readonly column?: number;
}

function parseError(err: unknown): ParseError {
  const e = err as BabelError;
  const line = e.loc?.line ?? e.lineNumber ?? 1;
  const column = (e.loc?.column ?? e.column ?? 0) + 1;
  return new ParseError((/^.*/.exec(String(e.message ?? err))?.[0] ?? '').replace(/\s*\(\d+:\d+\)$/, ''), line, column);
}

/** Parses with one of jscodeshift's parsers, as an ES module, then as a script (see parseWith). */
function parseAs(parser: ParserName, source: string): unknown {
  let p = parsers.get(parser);
  if (!p) {
    p = getParser(parser);
    parsers.set(parser, p);
  }
  try {
    return p.parse(source);
  } catch (moduleErr) {
    try {
      return parseScript(parser, source);
    } catch (scriptErr) {
      const asModule = parseError(moduleErr);
      const asScript = parseError(scriptErr);
      const further = asScript.line > asModule.line || (asScript.line === asModule.line && asScript.column > asModule.column);
      throw further ? asScript : asModule;
    }
  }
}

/**
 * Parses with jscodeshift's parser for `parser` (babel with its plugins). The AST comes straight from
 * the parser, not through recast (which normalises line endings and tabs before parsing), so node
 * offsets are offsets into `source` as it is; a failure becomes a ParseError with its position.
 * A file that does not parse as an ES module is parsed again as a script (see parseScript); when
 * neither parses, the error reported is the one of the parse that read further into the file (the
 * script's for a CommonJS file with a real syntax error, the module's for a file with `import`s).
 */
export function parseWith(parser: ParserName, source: string): { j: JSCodeshift; root: Collection } {
  const j = withParser(parser);
  return { j, root: j(parseAs(parser, source) as Parameters<typeof j>[0]) };
}

/**
 * A file's text parsed as parseWith does, where JavaScript that `babel` cannot parse is tried with
 * `babylon` (Flow annotations: blind s125/01); `parser` says which one read it, for the output's re-parse.
 */
export function parseSource(parser: ParserName, source: string): { j: JSCodeshift; root: Collection; parser: ParserName } {
  try {
    return { ...parseWith(parser, source), parser };
  } catch (err) {
    if (parser !== 'babel') throw err;
    try {
      return { ...parseWith('babylon', source), parser: 'babylon' };
    } catch {
      // Not Flow either: the error is babel's.
      throw misreadAsJsx(err, source);
    }
  }
}

/**
 * The error to report for JavaScript whose `<` babel read as the start of JSX and ran to the end of the file
 * looking for its close (`const token = <your token>;`, blind s139/10: "Unterminated JSX contents" at the
 * last line): the error of a parse without JSX, at that `<`, as Node reports it.
 */
function misreadAsJsx(err: unknown, source: string): unknown {
  if (!(err instanceof ParseError) || !err.message.startsWith('Unterminated JSX contents')) return err;
  const withoutJsx = SCRIPT_OPTIONS.babel.plugins.filter((plugin) => plugin !== 'jsx');
  try {
    babel.parse(source, { ...SCRIPT_OPTIONS.babel, plugins: withoutJsx });
  } catch (plain) {
    const at = parseError(plain);
    // Babel without JSX names the plugins it lacks: say what Node says, and what the JSX reading found.
    return new ParseError(`Unexpected token '<' (read as JSX: ${err.message.replace(/\.$/, '')} at ${String(err.line)}:${String(err.column)})`, at.line, at.column);
  }
  return err;
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
  const { j, root, parser } = parseSource(options.parser ?? parserFor(file), source);
  const ctx: TransformContext = {
    j,
    root,
    source,
    eol: detectEol(source),
    style: detectStyle(source),
    typescript: parser === 'ts' || parser === 'tsx',
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
  dropStaleTodos(ctx);
  dropUnusedConsts(ctx);
  dropUnusedTableEntries(ctx);
  emitImports(ctx);
  if (ctx.edits.length === 0) return { output: input, changed: false, outcomes: ctx.outcomes };
  const reparse = (text: string): Collection => {
    try {
      return parseWith(parser, text).root;
    } catch (err) {
      const e = err as ParseError;
      throw new ParseError(`the rewritten file does not parse (${e.message}): nothing written`, e.line, e.column);
    }
  };
  const edited = applyEdits(source, ctx.edits);
  const out = keptApart(ctx, edited, reparse(edited), reparse);
  const output = (hasBom ? BOM : '') + out;
  return { output, changed: output !== input, outcomes: ctx.outcomes };
}
