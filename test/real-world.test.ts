import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { corpusPackages, expectedOf, lintFile, REAL_WORLD, sourceFiles, type Finding } from './support/corpus.js';

/**
 * The lint (`configs.recommended`, the real ESLint) on published packages as they ship, against
 * findings written by hand in fixtures/real-world/<name>/expected.json: recall of `rtm.start`
 * sites, start-only arguments and start-only field reads, and no finding at all in the negatives.
 * The per-package figures are printed at the end.
 */
const NO_RTM_START = '@rtm-migrate/no-rtm-start';
const ARGS = '@rtm-migrate/no-unsupported-rtm-args';
const OURS = '@rtm-migrate/';
const FIELDS = '@rtm-migrate/no-rtm-start-only-fields';

interface Score {
  found: number;
  expected: number;
  reported: number;
  matched: number;
}

const totals = { sites: score(), args: score(), fields: score() };
const rows: string[] = [];

function score(): Score {
  return { found: 0, expected: 0, reported: 0, matched: 0 };
}

function covers(f: Finding, file: string, line: number): boolean {
  return f.file === file && f.line <= line && line <= f.endLine;
}

/** Recall over the expected items, precision over the findings of the rule. */
function measure<T extends { file: string; line: number }>(expected: readonly T[], findings: readonly Finding[], same: (f: Finding, e: T) => boolean): Score & { missed: T[]; extra: Finding[] } {
  const missed = expected.filter((e) => !findings.some((f) => same(f, e)));
  const extra = findings.filter((f) => !expected.some((e) => same(f, e)));
  return { found: expected.length - missed.length, expected: expected.length, reported: findings.length, matched: findings.length - extra.length, missed, extra };
}

function add(total: Score, s: Score): void {
  total.found += s.found;
  total.expected += s.expected;
  total.reported += s.reported;
  total.matched += s.matched;
}

const pct = (a: number, b: number): string => (b === 0 ? '—' : `${Math.round((100 * a) / b)}%`);
const figures = (s: Score): string => `${s.found}/${s.expected} (recall ${pct(s.found, s.expected)}, precision ${pct(s.matched, s.reported)})`;

describe('fixtures/real-world with configs.recommended', () => {
  it.each(corpusPackages())('%s', async (name) => {
    const expected = expectedOf(name);
    const base = join(REAL_WORLD, name);
    const findings: Finding[] = [];
    // Only this plugin's findings (and parse failures): a package's own eslint-disable comments name rules not loaded here.
    for (const file of sourceFiles(join(base, 'package'))) findings.push(...(await lintFile(file, base)).filter((f) => f.rule.startsWith(OURS) || f.rule.startsWith('(fatal)')));
    expect(findings.filter((f) => f.rule.startsWith('(fatal)'))).toEqual([]);

    if (expected.kind === 'negative') {
      rows.push(`${name} (negative): ${findings.length} findings`);
      expect(findings.map((f) => `${f.file}:${f.line} ${f.rule} ${f.messageId}`)).toEqual([]);
      return;
    }
    const sites = measure(expected.sites, findings.filter((f) => f.rule === NO_RTM_START), (f, e) => covers(f, e.file, e.line));
    const args = measure(expected.args, findings.filter((f) => f.rule === ARGS), (f, e) => covers(f, e.file, e.line) && f.messageId === e.arg);
    const fieldFindings = findings.filter((f) => f.rule === FIELDS && f.messageId !== 'legacyDataStore');
    const fields = measure(expected.fields, fieldFindings, (f, e) => covers(f, e.file, e.line) && (f.messageId === e.field || f.message.startsWith(`\`${e.field}\``)));
    add(totals.sites, sites);
    add(totals.args, args);
    add(totals.fields, fields);
    rows.push(`${name}: sites ${figures(sites)}; args ${figures(args)}; fields ${figures(fields)}`);
    for (const m of [...sites.missed, ...args.missed, ...fields.missed]) rows.push(`  missed ${m.file}:${m.line} ${JSON.stringify(m)}`);
    for (const x of [...sites.extra, ...args.extra, ...fields.extra]) rows.push(`  extra  ${x.file}:${x.line} ${x.rule} ${x.messageId}`);
  });

  it('meets the targets over the corpus: sites ≥ 95%, arguments 100%, field reads ≥ 90%', () => {
    expect(totals.sites.expected).toBeGreaterThan(0);
    expect(totals.sites.found / totals.sites.expected).toBeGreaterThanOrEqual(0.95);
    expect(totals.args.found).toBe(totals.args.expected);
    expect(totals.fields.found / totals.fields.expected).toBeGreaterThanOrEqual(0.9);
  });

  afterAll(() => {
    rows.push(`overall: sites ${figures(totals.sites)}; args ${figures(totals.args)}; fields ${figures(totals.fields)}`);
    console.log(`real-world corpus, configs.recommended:\n${rows.join('\n')}`);
  });
});
