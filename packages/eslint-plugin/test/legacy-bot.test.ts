import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { ESLint as ESLint9 } from 'eslint-v9';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { LEGACY_BOT_DIR, REPO_DIR, recommendedConfig, toFindings } from './helpers.js';

const SRC = join(LEGACY_BOT_DIR, 'src');
const require = createRequire(import.meta.url);

/** ESLint 8.57's class, as far as these checks use it (the package ships no types). */
interface ESLint8Class {
  version: string;
  new (options: { cwd: string; resolvePluginsRelativeTo: string }): AnyESLint;
}

/** The findings on fixtures/legacy-bot, file by file: (rule, line). */
const EXPECTED: Record<string, [string, number][]> = {
  'bot.ts': [
    ['no-rtm-start', 22],
    ['no-unsupported-rtm-args', 22],
    ['no-unsupported-rtm-args', 22],
    ['no-rtm-start-only-fields', 29],
    ['no-rtm-start-only-fields', 35],
    ['no-rtm-start-only-fields', 41],
    ['no-rtm-start-only-fields', 45],
    ['no-rtm-start-only-fields', 59],
    ['no-rtm-start-only-fields', 61],
  ],
  'index.ts': [],
  'rtm-socket.ts': [],
  'summary.ts': [],
};

interface AnyESLint { lintFiles(patterns: string[]): Promise<ESLint.LintResult[]>; lintText(code: string, options: { filePath: string }): Promise<ESLint.LintResult[]> }

function findings(results: readonly ESLint.LintResult[]): Record<string, [string, number][]> {
  return Object.fromEntries(
    results
      .map((r) => [r.filePath.slice(SRC.length + 1), toFindings(r.messages).map((f) => [f.ruleId.replace('@rtm-migrate/', ''), f.line])] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  ) as Record<string, [string, number][]>;
}

describe('fixtures/legacy-bot with configs.recommended', () => {
  const options = { cwd: REPO_DIR, overrideConfigFile: true as const, overrideConfig: recommendedConfig(), ignore: false };

  it('ESLint 10 reports exactly the expected findings', async () => {
    const eslint = new ESLint(options);
    expect(findings(await eslint.lintFiles([join(SRC, '*.ts')]))).toEqual(EXPECTED);
  });

  it('ESLint 9 loads the plugin and reports the same', async () => {
    const eslint = new ESLint9(options) as unknown as AnyESLint;
    expect(ESLint9.version).toMatch(/^9\./);
    expect(findings(await eslint.lintFiles([join(SRC, '*.ts')]))).toEqual(EXPECTED);
  });

  it('ESLint 8.57 with an .eslintrc extending plugin:@rtm-migrate/legacy-recommended reports the same', async () => {
    const { ESLint: ESLint8 } = require('eslint-v8') as { ESLint: ESLint8Class };
    expect(ESLint8.version).toBe('8.57.1');
    const dir = await mkdtemp(join(tmpdir(), 'rtm-eslintrc-'));
    try {
      await cp(SRC, join(dir, 'src'), { recursive: true });
      const eslintrc = { root: true, parser: require.resolve('@typescript-eslint/parser'), extends: ['plugin:@rtm-migrate/legacy-recommended'] };
      await writeFile(join(dir, '.eslintrc.json'), JSON.stringify(eslintrc));
      // The plugin is found by its package name, from the workspace's node_modules, as from an app's.
      const eslint = new ESLint8({ cwd: dir, resolvePluginsRelativeTo: REPO_DIR });
      const results = await eslint.lintFiles(['src/*.ts']);
      const byFile = Object.fromEntries(
        results.map((r) => [r.filePath.slice(join(dir, 'src').length + 1), toFindings(r.messages).map((f) => [f.ruleId.replace('@rtm-migrate/', ''), f.line])]),
      );
      expect(byFile).toEqual(EXPECTED);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('offers no autofix (the bot reads start-only fields); applying every suggestion gives code that parses', async () => {
    const eslint = new ESLint({ ...options, fix: true });
    const results = await eslint.lintFiles([join(SRC, '*.ts')]);
    expect(results.reduce((n, r) => n + r.fixableErrorCount, 0)).toBe(0);
    expect(results.every((r) => r.output === undefined)).toBe(true);
    let applied = 0;
    for (const result of results) {
      // Suggestions, applied back to front so earlier ranges stay valid; overlapping ones are skipped.
      const fixes = result.messages
        .flatMap((m) => (m.suggestions?.[0] ? [m.suggestions[0].fix] : []))
        .sort((a, b) => b.range[0] - a.range[0]);
      let text = readFileSync(result.filePath, 'utf8');
      let limit = Infinity;
      for (const fix of fixes) {
        if (fix.range[1] > limit) continue;
        text = text.slice(0, fix.range[0]) + fix.text + text.slice(fix.range[1]);
        limit = fix.range[0];
        applied++;
      }
      expect(() => parse(text, { sourceType: 'module' })).not.toThrow();
      const [again] = await eslint.lintText(text, { filePath: result.filePath });
      expect(again!.output ?? text).toBe(text);
    }
    expect(applied).toBeGreaterThan(0);
  });

  it('plugin meta and configs have the expected shape', () => {
    expect(plugin.meta.name).toBe('@rtm-migrate/eslint-plugin');
    expect(Object.keys(plugin.configs.recommended.rules ?? {})).toEqual([
      '@rtm-migrate/no-rtm-start',
      '@rtm-migrate/no-unsupported-rtm-args',
      '@rtm-migrate/no-rtm-start-only-fields',
    ]);
    expect(plugin.configs['recommended-type-checked'].plugins?.['@rtm-migrate']).toBe(plugin);
  });
});

describe('fixes on the patterns apply cleanly', () => {
  it('every autofix in fixtures/patterns gives code that parses and is stable', async () => {
    const eslint = new ESLint({ cwd: REPO_DIR, overrideConfigFile: true, overrideConfig: recommendedConfig(), ignore: false, fix: true });
    const results = await eslint.lintFiles([join(REPO_DIR, 'fixtures/patterns/*.input.*')]);
    let fixedFiles = 0;
    for (const result of results) {
      if (result.output === undefined) continue;
      fixedFiles++;
      expect(result.messages.filter((m) => m.fatal)).toEqual([]);
      const [again] = await eslint.lintText(result.output, { filePath: result.filePath });
      expect(again!.output ?? result.output).toBe(result.output);
    }
    expect(fixedFiles).toBeGreaterThan(0);
  });
});
