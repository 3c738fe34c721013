import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import type * as TypeScript from 'typescript';
import semver from 'semver';
import { typescriptFile } from './files/discover.js';

type Ts = typeof TypeScript;

/**
 * The oldest TypeScript whose compiler API the check runs through (`getParsedCommandLineOfConfigFile`,
 * `createProgram` given the options it reads): 1.5 and 2.4 have no such function, 2.8 fails inside it (blind s66/01).
 */
export const TYPE_CHECK_TYPESCRIPT_SINCE = '2.9.0';

/** True where the project's TypeScript has the compiler API the check runs (TYPE_CHECK_TYPESCRIPT_SINCE). */
export function checksWith(ts: Ts): boolean {
  const version = semver.coerce(ts.version);
  return version !== null && semver.gte(version, TYPE_CHECK_TYPESCRIPT_SINCE);
}

/** The project's own TypeScript (its compiler and lib files, the version it builds with), if installed. */
export function projectTypeScript(root: string): Ts | undefined {
  try {
    return createRequire(join(root, 'package.json'))('typescript') as Ts;
  } catch {
    return undefined;
  }
}

/** A type error, where it is and what it says. */
export interface TypeCheckError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly code: number;
  readonly message: string;
}

export interface Verification {
  /** The tsconfig.json the project was checked with (relative to the root). */
  readonly tsconfig: string;
  /** The changed TypeScript files that were checked (relative to the root). */
  readonly files: readonly string[];
  /** Errors in those files after the rewrite that were not there before it. */
  readonly introduced: readonly TypeCheckError[];
  /** Errors that were there before the rewrite too (not counted). */
  readonly preexisting: number;
}

/** A file the rewrite changes: its text before (undefined for a file it creates) and after. */
export interface FileChange {
  readonly file: string;
  readonly before: string | undefined;
  readonly after: string;
}

/**
 * Type-checks the project of `tsconfig` twice, as it was and as the rewrite leaves it (`after`: file →
 * new text, new files included), without writing anything, and returns the errors in the changed
 * files that the rewrite introduced. Errors are compared by file, code and message, not position (the
 * rewrite moves lines), as a multiset: an error the file had before still counts once.
 */
export function verifyRewrite(ts: Ts, root: string, tsconfig: string, changes: readonly FileChange[]): Verification {
  const before = new Map(changes.flatMap((c) => (c.before === undefined ? [] : [[resolve(c.file), c.before] as const])));
  const after = new Map(changes.map((c) => [resolve(c.file), c.after]));
  const config = ts.getParsedCommandLineOfConfigFile(tsconfig, { noEmit: true }, {
    ...ts.sys,
    // A broken tsconfig yields no config: checked below.
    onUnRecoverableConfigFileDiagnostic: () => undefined,
  });
  const changed = [...after.keys()].filter((f) => typescriptFile(f));
  const empty: Verification = { tsconfig: relative(root, tsconfig) || 'tsconfig.json', files: changed.map((f) => relative(root, f)), introduced: [], preexisting: 0 };
  if (!config || changed.length === 0) return empty;
  const options = { ...config.options, noEmit: true };
  const created = new Set(changes.filter((c) => c.before === undefined).map((c) => resolve(c.file)));

  /** The project with `contents` in place of the changed files (files created by the rewrite absent before it). */
  const program = (contents: ReadonlyMap<string, string>, withCreated: boolean, old?: TypeScript.Program): TypeScript.Program => {
    const host = ts.createCompilerHost(options, true);
    const absent = (f: string): boolean => !withCreated && created.has(resolve(f));
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    host.readFile = (f) => (absent(f) ? undefined : (contents.get(resolve(f)) ?? readFile(f)));
    host.fileExists = (f) => !absent(f) && (contents.has(resolve(f)) || fileExists(f));
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (f, language, onError) => {
      if (absent(f)) return undefined;
      const text = contents.get(resolve(f));
      return text === undefined ? getSourceFile(f, language, onError) : ts.createSourceFile(f, text, language);
    };
    const roots = [...config.fileNames.filter((f) => !absent(f)), ...(withCreated ? [...created].filter((f) => typescriptFile(f)) : [])];
    return ts.createProgram({ rootNames: roots, options, host, ...(old ? { oldProgram: old } : {}) });
  };

  const errorsIn = (p: TypeScript.Program, files: readonly string[]): TypeCheckError[] =>
    files.flatMap((file) => {
      const sf = p.getSourceFile(file);
      if (!sf) return [];
      return [...p.getSyntacticDiagnostics(sf), ...p.getSemanticDiagnostics(sf)].map((d) => {
        const { line, character } = sf.getLineAndCharacterOfPosition(d.start ?? 0);
        return { file: relative(root, file), line: line + 1, column: character + 1, code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, ' ') };
      });
    });

  const beforeProgram = program(before, false);
  const beforeErrors = errorsIn(beforeProgram, changed.filter((f) => !created.has(f)));
  const afterProgram = program(after, true, beforeProgram);
  const afterErrors = errorsIn(afterProgram, changed);

  // Matched by message first, then by code alone: an error the rewrite only reworded (`User[]` became
  // `Member[]` in it) was there before.
  const unmatched = (errors: readonly TypeCheckError[], against: readonly TypeCheckError[], key: (e: TypeCheckError) => string): TypeCheckError[] => {
    const left = new Map<string, number>();
    for (const e of against) left.set(key(e), (left.get(key(e)) ?? 0) + 1);
    return errors.filter((e) => {
      const n = left.get(key(e)) ?? 0;
      if (n > 0) left.set(key(e), n - 1);
      return n === 0;
    });
  };
  const byMessage = (e: TypeCheckError): string => `${e.file}\u0000${e.code}\u0000${e.message}`;
  const byCode = (e: TypeCheckError): string => `${e.file}\u0000${e.code}`;
  const introduced = unmatched(unmatched(afterErrors, beforeErrors, byMessage), unmatched(beforeErrors, afterErrors, byMessage), byCode);
  return { ...empty, introduced, preexisting: afterErrors.length - introduced.length };
}

/** The tsconfig.json nearest above `file`, if it is inside `root` (never one of another project). */
export function tsconfigFor(ts: Ts, root: string, file: string): string | undefined {
  const found = ts.findConfigFile(dirname(file), (path) => ts.sys.fileExists(path));
  return found && !relative(root, found).startsWith('..') ? found : undefined;
}
