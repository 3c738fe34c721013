import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { apply } from '../src/apply.js';
import type { Transform } from '../src/transforms/common.js';
import { TRANSFORMS } from '../src/transforms/index.js';
import { PATTERNS, tempDir } from './helpers.js';

const MARKER = '// rtm-migrate-test: break this file';

/**
 * A transform that emits code that does not parse, in files carrying MARKER, after the real ones have
 * done their edits: the output check must catch it. It is appended to the transform list of this
 * thread (apply with `workers: 1` runs the transforms here) and removed after the test.
 */
const broken: Transform = (ctx) => {
  if (!ctx.source.includes(MARKER)) return;
  ctx.edits.push({ start: ctx.source.length, end: ctx.source.length, text: `const = ;${ctx.eol}` });
};
const list = TRANSFORMS as (readonly [string, Transform])[];

afterEach(() => {
  const i = list.findIndex(([name]) => name === 'test-broken-output');
  if (i >= 0) list.splice(i, 1);
});

describe('a transform whose output does not parse again', () => {
  it('leaves the file byte for byte as it was, reports it as failed, and still writes the other files', async () => {
    const dir = await tempDir('rtm-migrate-reparse-');
    // CRLF + BOM: the bytes that would be easiest to lose.
    const original = Buffer.concat([await readFile(join(PATTERNS, 'method-call-crlf-bom.input.js')), Buffer.from(`${MARKER}\r\n`)]);
    await writeFile(join(dir, 'x.js'), original);
    await cp(join(PATTERNS, 'method-call.input.ts'), join(dir, 'a.ts'));
    list.push(['test-broken-output', broken]);

    const summary = await apply({ paths: ['.'], cwd: dir, workers: 1 });

    expect(summary.failed).toEqual([
      { file: 'x.js', line: expect.any(Number) as unknown, column: expect.any(Number) as unknown, message: expect.stringMatching(/^the rewritten file does not parse \(.+\): nothing written$/) as unknown },
    ]);
    expect(summary.failed[0]!.line).toBeGreaterThan(1);
    expect(summary.changed).toEqual(['a.ts']);
    // Its site is still reported, as left to a human.
    expect(summary.sites.filter((s) => s.site.file === 'x.js').map((s) => s.rewrite)).toEqual(['todo']);
    expect(Buffer.compare(await readFile(join(dir, 'x.js')), original)).toBe(0);
    expect(await readFile(join(dir, 'a.ts'), 'utf8')).toContain('web.rtm.connect()');

    // Without the broken transform the same file is rewritten: the failure above was the output check.
    list.splice(list.findIndex(([name]) => name === 'test-broken-output'), 1);
    const again = await apply({ paths: ['x.js'], cwd: dir, workers: 1, dry: true });
    expect(again.failed).toEqual([]);
    expect(again.changed).toEqual(['x.js']);
  });
});
