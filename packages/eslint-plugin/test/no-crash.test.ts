import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';
import { REPO_DIR } from './helpers.js';

/** Files over this size are skipped (typescript.js, tsserver.js…): parsing them dominates, not our rules. */
const MAX_BYTES = 2 * 1024 * 1024;

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (/\.(js|ts)$/.test(entry.name)) out.push(path);
  }
  return out;
}

/**
 * The folder of the package installed as `name` (`realName` when `name` is an alias) as Node resolves it
 * from `from`, whatever the package manager's layout.
 */
function packageDir(name: string, from: string, realName = name): string {
  let dir = dirname(createRequire(join(from, 'package.json')).resolve(name));
  while (!existsSync(join(dir, 'package.json')) || (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== realName) {
    if (dirname(dir) === dir) throw new Error(`no package.json of ${name} above its entry point`);
    dir = dirname(dir);
  }
  return realpathSync(dir);
}

/** The Slack SDKs the tests install, the packages they depend on, and typescript/lib. */
function corpus(): { files: string[]; skipped: string[] } {
  const webApi = packageDir('@slack/web-api', REPO_DIR);
  const shim = join(REPO_DIR, 'packages/shim');
  const roots = [
    webApi,
    packageDir('@slack/logger', webApi),
    packageDir('@slack/types', webApi),
    packageDir('@slack/web-api-v8', shim, '@slack/web-api'),
    packageDir('@slack/rtm-api', shim),
    join(packageDir('typescript', REPO_DIR), 'lib'),
  ];
  const all = [...new Set(roots)].flatMap((r) => walk(r));
  return { files: all.filter((f) => statSync(f).size <= MAX_BYTES), skipped: all.filter((f) => statSync(f).size > MAX_BYTES) };
}

describe('no crash on real code', () => {
  it('every rule runs over node_modules/@slack/** and typescript/lib without throwing', () => {
    const { files, skipped } = corpus();
    expect(files.length).toBeGreaterThan(100);
    const linter = new Linter({ configType: 'flat' });
    const config: Linter.Config[] = [
      {
        files: ['**/*.ts', '**/*.js'],
        languageOptions: { parser: tsParser, sourceType: 'module' },
        plugins: { '@rtm-migrate': plugin as never },
        rules: { '@rtm-migrate/no-rtm-start': 'error', '@rtm-migrate/no-unsupported-rtm-args': 'error', '@rtm-migrate/no-rtm-start-only-fields': 'error' },
      },
    ];
    let findings = 0;
    let parseErrors = 0;
    for (const file of files) {
      const messages = linter.verify(readFileSync(file, 'utf8'), config, { filename: file.endsWith('.js') ? 'x.js' : file.endsWith('.d.ts') ? 'x.d.ts' : 'x.ts' });
      // A rule that throws makes verify throw; parse errors are ESLint's, reported as fatal messages.
      parseErrors += messages.filter((m) => m.fatal).length;
      findings += messages.filter((m) => !m.fatal).length;
    }
    console.log(`no-crash: ${files.length} files linted (${skipped.length} over 2 MB skipped: ${skipped.map((f) => f.split('/').pop()).join(', ')}), ${findings} findings, ${parseErrors} parse errors`);
    expect(findings).toBeGreaterThan(0); // @slack/web-api itself calls apiCall('rtm.start')
  }, 120_000);
});
