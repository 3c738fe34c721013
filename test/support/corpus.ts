import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import rtmMigrate from '@rtm-migrate/eslint-plugin';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REAL_WORLD = join(REPO, 'fixtures', 'real-world');
export const PATTERNS = join(REPO, 'fixtures', 'patterns');

/** fixtures/real-world/<name>/expected.json */
export interface Expected {
  readonly name: string;
  readonly version: string;
  readonly kind: 'positive' | 'negative';
  readonly sites: readonly { file: string; line: number; form: string }[];
  readonly args: readonly { file: string; line: number; arg: string }[];
  readonly fields: readonly { file: string; line: number; field: string }[];
  readonly escapes: readonly { file: string; line: number; why: string }[];
}

export function corpusPackages(): string[] {
  return readdirSync(REAL_WORLD)
    .filter((d) => existsSync(join(REAL_WORLD, d, 'expected.json')))
    .sort();
}

export function expectedOf(name: string): Expected {
  return JSON.parse(readFileSync(join(REAL_WORLD, name, 'expected.json'), 'utf8')) as Expected;
}

const SOURCE = /\.(js|cjs|mjs|ts|mts|cts)$/;

/** The JavaScript and TypeScript files of a folder (declaration files left out), absolute paths. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (SOURCE.test(entry) && !/\.d\.[cm]?ts$/.test(entry)) out.push(path);
  }
  return out.sort();
}

/** A file written as an ES module (`import`/`export` at the start of a line, or `.mjs`). */
export function isEsModule(file: string, text: string): boolean {
  return /\.m[jt]s$/.test(file) || (/\.[jt]s$/.test(file) && /^\s*(import|export)\b/m.test(text));
}

/**
 * What a user's flat config would be: TypeScript through typescript-eslint's parser, JavaScript
 * through ESLint's own parser (CommonJS, or ES modules), with `configs.recommended`.
 */
export function config(module: boolean): Linter.Config[] {
  return [
    { files: ['**/*.ts', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser } },
    { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], languageOptions: { sourceType: module ? 'module' : 'commonjs', ecmaVersion: 'latest' } },
    rtmMigrate.configs.recommended as Linter.Config,
  ];
}

// Inline `eslint-disable` comments of the packages are ignored: the tool is measured, not their lint setup.
const linters = {
  module: new ESLint({ cwd: REPO, overrideConfigFile: true, overrideConfig: config(true), ignore: false, allowInlineConfig: false }),
  commonjs: new ESLint({ cwd: REPO, overrideConfigFile: true, overrideConfig: config(false), ignore: false, allowInlineConfig: false }),
};

/** A finding of the lint: which rule, where (lines of the reported node), what. */
export interface Finding {
  readonly file: string;
  readonly rule: string;
  readonly line: number;
  readonly endLine: number;
  readonly messageId: string;
  readonly message: string;
}

/** Lints one file with the real ESLint and `configs.recommended`; `file` in findings is relative to `base`. */
export async function lintFile(path: string, base: string): Promise<Finding[]> {
  const text = readFileSync(path, 'utf8');
  const eslint = isEsModule(path, text) ? linters.module : linters.commonjs;
  const [result] = await eslint.lintText(text, { filePath: path });
  return result!.messages.map((m) => ({
    file: relative(base, path),
    rule: m.ruleId ?? `(fatal) ${m.message}`,
    line: m.line,
    endLine: m.endLine ?? m.line,
    messageId: m.messageId ?? '',
    message: m.message,
  }));
}
