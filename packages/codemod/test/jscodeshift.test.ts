import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../../test/support/run.js';
import { UPDATING_FIXTURES } from '../../../test/support/update-fixtures.js';
import { ROOT, tempDir } from './helpers.js';

const FIXTURES = join(ROOT, 'fixtures', 'transforms');
const JSCODESHIFT = join(ROOT, 'packages', 'codemod', 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
const TRANSFORM = (name: string): string => join(ROOT, 'packages', 'codemod', 'dist', 'jscodeshift', `${name}.js`);

interface Case {
  readonly transform: string;
  readonly input: string;
}

const transforms = (await readdir(FIXTURES, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
const cases: Case[] = [];
for (const transform of transforms) {
  for (const input of (await readdir(join(FIXTURES, transform))).filter((f) => /\.input\.(ts|js)$/.test(f)).sort()) cases.push({ transform, input });
}

/** The specifier a file imports the generated helper module by: CommonJS JavaScript requires it without extension. */
const helperSpecifier = (source: string, file: string): string => (file.endsWith('.js') && /\b(require\(|module\.exports\b)/.test(source) && !/^\s*import\s/m.test(source) ? './rtm-start-data' : './rtm-start-data.js');

/**
 * Each transform run by jscodeshift's own runner (its bin, `--no-babel`: the transforms are plain ES
 * modules) over a copy of its fixture folder, per parser and helper specifier; then one test per fixture.
 */
const dirs = new Map<string, string>();
beforeAll(async () => {
  await Promise.all(
    transforms.map(async (transform) => {
      const dir = await tempDir(`rtm-migrate-jscs-${transform}-`);
      await cp(join(FIXTURES, transform), dir, { recursive: true });
      dirs.set(transform, dir);
      const inputs = cases.filter((c) => c.transform === transform).map((c) => c.input);
      const groups = new Map<string, string[]>();
      for (const input of inputs) {
        const source = await readFile(join(dir, input), 'utf8');
        const key = `${input.endsWith('.ts') ? 'ts' : 'babel'}\u0000${helperSpecifier(source, input)}`;
        groups.set(key, [...(groups.get(key) ?? []), join(dir, input)]);
      }
      for (const [key, files] of groups) {
        const [parser, specifier] = key.split('\u0000') as [string, string];
        const r = await run(process.execPath, [JSCODESHIFT, '--no-babel', '--run-in-band', '--silent', `--parser=${parser}`, `--helperModule=${specifier}`, '-t', TRANSFORM(transform), ...files]);
        if (r.code !== 0) throw new Error(`jscodeshift -t ${transform} failed (${r.code}): ${r.stderr}`);
      }
    }),
  );
}, 300_000);

describe("each transform, run by jscodeshift's own runner", () => {
  it.each(cases)('$transform: $input', async ({ transform, input }) => {
    const actual = await readFile(join(dirs.get(transform)!, input), 'utf8');
    const expectedFile = join(FIXTURES, transform, input.replace('.input.', '.output.'));
    if (UPDATING_FIXTURES) await writeFile(expectedFile, actual);
    const expected = await readFile(expectedFile, 'utf8');
    expect(actual).toBe(expected);
  });

  it('covers every transform with at least one fixture', () => {
    expect(transforms).toEqual(['drop-connect-args', 'helper-module-call', 'rtm-client-option', 'rtm-start-call', 'todo']);
  });
});
