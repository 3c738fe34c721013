import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import tsParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';

import plugin from '../src/index.js';

export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = resolve(PACKAGE_DIR, '../..');
export const PATTERNS_DIR = join(REPO_DIR, 'fixtures/patterns');
export const LEGACY_BOT_DIR = join(REPO_DIR, 'fixtures/legacy-bot');

/** A finding as the `.lint.json` files record it: a start-only field read by the field it reads (`users`, `channels[].members`). */
export interface Finding {
  ruleId: string;
  line: number;
  column: number;
  messageId: string;
}

export function toFindings(messages: readonly Linter.LintMessage[]): Finding[] {
  return messages.map((m) => ({ ruleId: m.ruleId ?? '(fatal) ' + m.message, line: m.line, column: m.column, messageId: findingId(m) }));
}

function findingId(m: Linter.LintMessage): string {
  if (m.messageId !== 'startOnlyField') return m.messageId ?? '';
  const field = /^`([^`]+)`/.exec(m.message)?.[1];
  if (field === undefined) throw new Error(`a startOnlyField message that does not start with the field: ${m.message}`);
  return field;
}


/** Flat config: `.ts` files through typescript-eslint's parser, `.js` files through ESLint's own (espree). */
export function recommendedConfig(pluginObject: unknown = plugin): Linter.Config[] {
  const p = pluginObject as typeof plugin;
  return [
    { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
    { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs', ecmaVersion: 'latest' } },
    p.configs.recommended as Linter.Config,
  ];
}

export function patternFiles(): string[] {
  return readdirSync(PATTERNS_DIR)
    .filter((f) => /\.input\.(ts|js)$/.test(f))
    .sort();
}

export function readFindings(file: string): Finding[] {
  return JSON.parse(readFileSync(file, 'utf8')) as Finding[];
}
