import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

import { UPDATING_FIXTURES } from '../../../test/support/update-fixtures.js';
import { PATTERNS_DIR, REPO_DIR, patternFiles, readFindings, recommendedConfig, toFindings } from './helpers.js';

/**
 * Every file in fixtures/patterns, linted through the ESLint class with the recommended config
 * (TS files with typescript-eslint's parser, JS files with espree), against `<name>.lint.json`.
 * `UPDATE_FIXTURES=1` (`pnpm fixtures:update`) writes the files from the current findings (review the diff before keeping it).
 */
describe('fixtures/patterns', () => {
  const eslint = new ESLint({ cwd: REPO_DIR, overrideConfigFile: true, overrideConfig: recommendedConfig(), ignore: false });
  const files = patternFiles();

  it('has pattern files', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s', async (file) => {
    const [result] = await eslint.lintFiles([join(PATTERNS_DIR, file)]);
    const actual = toFindings(result!.messages);
    const expectedFile = join(PATTERNS_DIR, file.replace(/\.input\.(ts|js)$/, '.$1.lint.json'));
    if (UPDATING_FIXTURES) writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + '\n');
    expect(existsSync(expectedFile), `${expectedFile} is missing`).toBe(true);
    expect(actual).toEqual(readFindings(expectedFile));
    if (file.startsWith('negative-')) expect(actual).toEqual([]);
    // A fix or suggestion never brings in a module: the file may be a script that loads none (a browser or phone app's).
    const edits = result!.messages.flatMap((m) => [m.fix, ...(m.suggestions ?? []).map((s) => s.fix)]).flatMap((fix) => (fix ? [fix.text] : []));
    expect(edits.filter((t) => /\brequire\s*\(|^\s*import\b/m.test(t))).toEqual([]);
  });
});
