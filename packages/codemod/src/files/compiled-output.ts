import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { nearestTsconfig, parsedTsconfig, typescriptApi } from './tsconfig.js';

/** The TypeScript extensions tsc compiles each JavaScript extension from. */
const SOURCE_OF: Readonly<Record<string, readonly string[]>> = { '.js': ['.ts', '.tsx'], '.jsx': ['.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** A build output and the file it is built from. */
export interface CompiledOutput {
  readonly source: string;
  /** The tsconfig.json whose `outDir` it lies in; none where it is known by the same name beside it. */
  readonly tsconfig?: string;
}

/**
 * What only a compiler writes: the CommonJS mark of a compiled ES module (`Object.defineProperty(exports,
 * "__esModule", …)`, `exports.__esModule = true`), tsc's helpers (`(this && this.__awaiter) ||`), its ES5
 * class (`/** @class *\/ (function () {`, blind s113/08), a source map link.
 */
const COMPILED_MARK = /Object\.defineProperty\(exports,\s*["']__esModule["']|\bexports\.__esModule\s*=|\(this && this\.__\w+\) \|\||\/\*\* @class \*\/ \(function \(\) \{|^\/\/# sourceMappingURL=/m;

/**
 * Where a JavaScript file is what tsc built from a source the project keeps (blind s86/01, s87/01: a
 * committed `index.js` beside `index.ts`; `dist/bot.js` of `src/bot.ts`), the source: a rewrite of the
 * build would be undone by the next build, and would differ from what the source gets. Beside its
 * source, a file is taken for a build only with a compiler's mark: an example may be kept in both
 * languages by hand. One per run, as each tsconfig.json is mapped once.
 */
export function compiledOutputs(root: string): (file: string, text: string) => CompiledOutput | undefined {
  const outputs = new Map<string, ReadonlyMap<string, string> | undefined>();
  return (file, text) => {
    const dot = file.lastIndexOf('.');
    const stem = file.slice(0, dot);
    const beside = COMPILED_MARK.test(text) ? (SOURCE_OF[file.slice(dot).toLowerCase()] ?? []).map((ext) => stem + ext).find((source) => existsSync(source)) : undefined;
    if (beside !== undefined) return { source: beside };
    const tsconfig = nearestTsconfig(root, dirname(file));
    if (tsconfig === undefined) return undefined;
    if (!outputs.has(tsconfig)) outputs.set(tsconfig, outputsOf(tsconfig));
    const source = outputs.get(tsconfig)?.get(resolve(file));
    // With no `outDir`, tsc writes each file beside its source, and the next build overwrites it there.
    return source === undefined ? undefined : dirname(source) === dirname(resolve(file)) ? { source } : { source, tsconfig };
  };
}

/**
 * The JavaScript tsc writes, each with its source, as tsc itself maps them (`getOutputFileNames`: into
 * the config's `outDir` under `rootDir` or the sources' common folder, or beside each source where there
 * is no `outDir`: blind s113/08's committed `index.js`). TypeScript is loaded only here: for a candidate
 * file under a tsconfig.json.
 */
function outputsOf(tsconfig: string): ReadonlyMap<string, string> | undefined {
  // A broken tsconfig yields no config, and then nothing is known to be built.
  const parsed = parsedTsconfig(tsconfig);
  if (parsed === undefined || parsed.options.noEmit === true) return undefined;
  const ts = typescriptApi();
  const ignoreCase = !ts.sys.useCaseSensitiveFileNames;
  const map = new Map<string, string>();
  for (const source of parsed.fileNames) {
    if (/\.d\.[cm]?ts$/.test(source)) continue;
    for (const output of ts.getOutputFileNames(parsed, source, ignoreCase)) {
      if (/\.[cm]?jsx?$/.test(output) && resolve(output) !== resolve(source)) map.set(resolve(output), resolve(source));
    }
  }
  return map;
}
