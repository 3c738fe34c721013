import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseScript, parseWith, parserFor } from '../src/transforms/index.js';
import { UPDATING_FIXTURES } from '../../../test/support/update-fixtures.js';
import { cli, copyPatterns, PATTERNS } from './helpers.js';

/**
 * Every pattern input through the real CLI, on files on disk (a temporary copy): the result must be
 * the `.output` file beside the input (negatives: the input itself), parse again, and a second run
 * must change nothing. `UPDATE_FIXTURES=1` writes each result over its `.output` file first.
 */
/** The pattern inputs, known when the tests are collected so that each gets a test of its own. */
const INPUTS = readdirSync(PATTERNS)
  .filter((n) => /\.input\.(ts|js)$/.test(n))
  .sort();

describe('fixtures/patterns through the CLI', () => {
  let dir = '';
  let names: string[] = [];
  let first = { code: 0 as number | null, stdout: '', stderr: '' };
  let report: { sites: { id: string; rewrite: string }[]; failed: unknown[] } = { sites: [], failed: [] };

  beforeAll(async () => {
    ({ dir, names } = await copyPatterns());
    report = JSON.parse((await cli(['apply', '.', '--dry', '--report', 'json'], dir)).stdout) as typeof report;
    first = await cli(['apply', '.'], dir);
  });

  it('runs cleanly', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/failed: 0/);
    expect(report.failed).toEqual([]);
    expect(names.sort()).toEqual(INPUTS);
    expect(INPUTS.length).toBeGreaterThanOrEqual(80);
  });

  it.each(INPUTS)('%s: the expected output (a negative: unchanged), which parses again', async (name) => {
    const actual = await readFile(join(dir, name));
    const expectedFile = join(PATTERNS, name.replace('.input.', '.output.'));
    if (name.startsWith('negative-')) {
      expect(existsSync(expectedFile)).toBe(false);
      expect(actual.equals(await readFile(join(PATTERNS, name))), 'must stay unchanged').toBe(true);
    } else {
      if (UPDATING_FIXTURES) await writeFile(expectedFile, actual);
      expect(existsSync(expectedFile), `${expectedFile} exists`).toBe(true);
      const expected = await readFile(expectedFile, 'utf8');
      expect(actual.toString('utf8')).toBe(expected);
      const sites = report.sites.filter((r) => r.id.startsWith(`${name}:`));
      expect(sites.length).toBeGreaterThan(0);
      if (expected === (await readFile(join(PATTERNS, name), 'utf8'))) {
        // Left as it is only where every site is right once the rest of the project is migrated.
        expect(sites.map((r) => r.rewrite)).toEqual(sites.map(() => 'filled'));
      } else expect(actual.equals(await readFile(join(PATTERNS, name))), 'must change').toBe(false);
    }
    const text = actual.toString('utf8').replace(/^\uFEFF/, '');
    expect(() => parseWith(parserFor(name), text)).not.toThrow();
  });

  it.each(['rtm-start-data.js', 'rtm-start-data.ts'])('generates the helper module %s next to the first site that calls it', async (name) => {
    const expected = join(PATTERNS, name.replace(/\.(js|ts)$/, '.output.$1'));
    if (UPDATING_FIXTURES) await writeFile(expected, await readFile(join(dir, name)));
    expect(await readFile(join(dir, name), 'utf8')).toBe(await readFile(expected, 'utf8'));
  });

  it('keeps BOM and CRLF byte for byte', async () => {
    const crlfBom = await readFile(join(dir, 'method-call-crlf-bom.input.ts'));
    expect([...crlfBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = crlfBom.toString('utf8');
    expect(text.match(/\r\n/g)?.length).toBe(text.match(/\n/g)?.length);
    expect(text).toContain('rtm.connect({ batch_presence_aware: true })');
    const crlf = (await readFile(join(dir, 'apicall-string-crlf.input.js'))).toString('utf8');
    expect(crlf.startsWith('\uFEFF')).toBe(false);
    expect(crlf.match(/\r\n/g)?.length).toBe(crlf.match(/\n/g)?.length);
    const bom = await readFile(join(dir, 'destructuring-bom.input.ts'));
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bom.toString('utf8')).not.toContain('\r\n');
  });

  it('is idempotent: a second run changes nothing (and --check still fails on the TODOs left)', async () => {
    const second = await cli(['apply', '.', '--check'], dir);
    expect(second.stdout).toMatch(/would change: 0/);
    expect(second.stdout).toMatch(/TODOs left: [1-9]/);
    expect(second.code).toBe(1);
  });
});

describe('the script parse (a file that is no ES module)', () => {
  // jscodeshift keeps its `babel` parser's options to itself; the script parse repeats them. A file
  // both parse must give the same tree (the module parse only adds `extra.topLevelAwait`), so the
  // transforms see the same nodes whichever parse read the file.
  const getParser = createRequire(import.meta.url)('jscodeshift/src/getParser.js') as (name: string) => { parse(source: string): { program: { sourceType: string; extra?: unknown } } };

  it('gives the tree of jscodeshift\'s module parse on every pattern input that is a script too', async () => {
    let compared = 0;
    for (const name of INPUTS) {
      const text = (await readFile(join(PATTERNS, name), 'utf8')).replace(/^\uFEFF/, '');
      let asModule: ReturnType<ReturnType<typeof getParser>['parse']>;
      let asScript: unknown;
      try {
        asModule = getParser(parserFor(name)).parse(text);
        asScript = parseScript(parserFor(name), text);
      } catch {
        continue; // a module only (`import`/`export`), or a script only (commonjs-await-identifier)
      }
      asModule.program.sourceType = 'script';
      delete asModule.program.extra;
      expect(JSON.stringify(asScript), name).toBe(JSON.stringify(asModule));
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });
});
