import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { findSites, isReportableRead } from '@rtm-migrate/analysis';
import { parseFile } from '@rtm-migrate/analysis/project';
import type { Plan } from '@rtm-migrate/codemod';
import { escapedItemsData, escapedObjectData } from '@rtm-migrate/core';
import { describe, expect, it } from 'vitest';

import { run } from './support/run.js';
import { corpusPackages, lintFile, PATTERNS, REAL_WORLD, REPO, sourceFiles } from './support/corpus.js';

/**
 * The lint (`configs.recommended`, the real ESLint) and `rtm-migrate scan` (the built CLI) share one
 * analysis: on every pattern file and every file of the real-world corpus they must report the same
 * `rtm.start` sites, the same start-only field reads and the same lists handed to code not followed
 * whose items carried start-only attributes. Sites are compared by line (a plan site spans
 * its call, the lint points into it); reads by line and field. The scan also follows responses
 * into other files, which the lint (one file at a time) cannot: only reads in the site's own file
 * are compared. The legacy SDK's own `cacheRtmStart(data)` (the SDK filling its store) is no plan site:
 * there is nothing to migrate there (its start is a site of its own), so the lint's reads inside it are
 * not compared.
 */
const CLI = join(REPO, 'packages', 'codemod', 'dist', 'cli.js');
/** Plan forms that are not `rtm.start` sites of their own (the lint reports their reads, not a site). */
// Reported by no-rtm-start-only-fields, not no-rtm-start: they make no request (a listener of `'rtm.start'` is checked on its own below).
const NOT_SITES = new Set(['connect-start-only-fields', 'connect-unsupported-args', 'legacy-data-store', 'start-listener']);

interface Folder {
  readonly dir: string;
  readonly files: readonly string[];
}

const folders: Folder[] = [
  { dir: PATTERNS, files: readdirSync(PATTERNS).filter((f) => /\.input\.(ts|js)$/.test(f)).map((f) => join(PATTERNS, f)) },
  ...corpusPackages().map((name) => ({ dir: join(REAL_WORLD, name), files: sourceFiles(join(REAL_WORLD, name, 'package')) })),
];
/** One `rtm-migrate scan --json` per folder, run by the folder's first test. */
const plans = new Map<string, Plan>();

async function planOf(dir: string): Promise<Plan> {
  let plan = plans.get(dir);
  if (!plan) {
    const result = await run(process.execPath, [CLI, 'scan', '.', '--json'], { cwd: dir, env: { PATH: process.env.PATH ?? '' } });
    expect(result.code, result.stderr).not.toBe(2);
    plan = JSON.parse(result.stdout) as Plan;
    plans.set(dir, plan);
  }
  return plan;
}

/** Line spans of the legacy SDK's own store fills (`cacheRtmStart` inside `@slack/client` / `slack-client`) in a file. */
function sdkStoreFills(file: string): [number, number][] {
  const parsed = parseFile(file, readFileSync(file, 'utf8'));
  return findSites(parsed.program, parsed.resolver).flatMap((s) => (s.kind === 'store-cache' && s.bySdk ? [[s.fn.loc.start.line, s.fn.loc.end.line] as [number, number]] : []));
}

const cases = folders.flatMap((folder) => folder.files.map((file) => [relative(REPO, file), folder.dir] as const));

describe('lint and rtm-migrate scan agree', () => {
  it.each(cases)('%s', async (path, dir) => {
    const file = join(REPO, path);
    const name = relative(dir, file);
    const findings = await lintFile(file, dir);
    const sites = (await planOf(dir)).sites.filter((s) => s.file === name);

    const lintSites = findings.filter((f) => f.rule === '@rtm-migrate/no-rtm-start').map((f) => f.line);
    const planSites = sites.filter((s) => !NOT_SITES.has(s.form));
    expect(lintSites.filter((line) => !planSites.some((s) => s.line <= line && line <= s.endLine)), 'lint sites the scan does not plan').toEqual([]);
    expect(planSites.filter((s) => !lintSites.some((line) => s.line <= line && line <= s.endLine)).map((s) => s.id), 'planned sites the lint does not report').toEqual([]);

    const listenerLines = (lines: number[]): number[] => [...new Set(lines)].sort((a, b) => a - b);
    expect(listenerLines(sites.filter((s) => s.form === 'start-listener').map((s) => s.line)), "'rtm.start' listeners").toEqual(listenerLines(findings.filter((f) => f.messageId === 'startListener').map((f) => f.line)));

    const fills = sdkStoreFills(file);
    const lintReads = new Set(
      findings
        .filter((f) => f.rule === '@rtm-migrate/no-rtm-start-only-fields' && f.messageId !== 'legacyDataStore' && f.messageId !== 'startListener' && f.messageId !== 'escapedItems' && f.messageId !== 'escapedObject' && !fills.some(([from, to]) => from <= f.line && f.line <= to))
        .map((f) => `${f.line} ${/^`([^`]+)`/.exec(f.message)?.[1]}`),
    );
    const planReads = new Set(sites.flatMap((s) => s.reads.filter((r) => r.file === name && isReportableRead(r.field)).map((r) => `${r.line} ${r.field}`)));
    expect([...planReads].sort(), 'start-only reads').toEqual([...lintReads].sort());

    // Lists handed to code not followed whose items carried start-only attributes, and `self` / `team`
    // with attributes only rtm.start gave (the lint reports no whole response handed on): the same places.
    const escaped = (path: string): boolean => escapedItemsData([path]) !== undefined || (path !== '' && escapedObjectData([path]) !== undefined);
    const lintEscapes = new Set(findings.filter((f) => (f.messageId === 'escapedItems' || f.messageId === 'escapedObject') && !fills.some(([from, to]) => from <= f.line && f.line <= to)).map((f) => f.line));
    const planEscapes = new Set(sites.flatMap((s) => s.escapes.filter((e) => e.file === name && escaped(e.path ?? '')).map((e) => e.line)));
    expect([...planEscapes].sort(), 'escaped lists, self and team').toEqual([...lintEscapes].sort());
  });
});
