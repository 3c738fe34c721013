import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Plan, PlanSite } from '@rtm-migrate/codemod';
import { METHODS } from '@rtm-migrate/core';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

import { run } from './support/run.js';
import { config, isEsModule, PATTERNS, REPO } from './support/corpus.js';

/**
 * Where nothing reads an `rtm.start` call's answer, the lint's fix and `rtm-migrate apply` must ask the
 * same method: `auth.test` (the codemod's `token-check`, the lint's `rtmStartUnread`), never the one
 * `auth.test` and the other a second Tier-1 `rtm.connect`. Both ask the analysis' methodAnswerUnread;
 * this holds them to it on every pattern file, through the real ESLint and the built CLI. Raw HTTP
 * requests (the URL strings) are the codemod's alone to judge: the lint only suggests there.
 */
const CLI = join(REPO, 'packages', 'codemod', 'dist', 'cli.js');
const METHOD_FORMS = new Set(['method-call', 'api-call', 'helper', 'call-apply']);
const inputs = readdirSync(PATTERNS).filter((f) => /\.input\.(ts|js)$/.test(f));
const linters = {
  module: new ESLint({ cwd: REPO, overrideConfigFile: true, overrideConfig: config(true), ignore: false, allowInlineConfig: false }),
  commonjs: new ESLint({ cwd: REPO, overrideConfigFile: true, overrideConfig: config(false), ignore: false, allowInlineConfig: false }),
};

interface LintSite {
  readonly line: number;
  readonly messageId: string;
  /** The text the autofix writes, when there is one. */
  readonly written: string | undefined;
}

async function lintSites(file: string): Promise<LintSite[]> {
  const path = join(PATTERNS, file);
  const text = readFileSync(path, 'utf8');
  const [result] = await (isEsModule(path, text) ? linters.module : linters.commonjs).lintText(text, { filePath: path });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@rtm-migrate/no-rtm-start').map((m) => ({ line: m.line, messageId: m.messageId ?? '', written: m.fix?.text }));
}

let plan: Plan;

beforeAll(async () => {
  const result = await run(process.execPath, [CLI, 'scan', '.', '--json'], { cwd: PATTERNS, env: { PATH: process.env.PATH ?? '' }, timeoutMs: 600_000 });
  expect(result.code, result.stderr).not.toBe(2);
  plan = JSON.parse(result.stdout) as Plan;
}, 600_000);

function within(site: PlanSite, line: number): boolean {
  return site.line <= line && line <= site.endLine;
}

describe('lint and rtm-migrate agree where an rtm.start answer is unread', () => {
  it('the patterns have such sites, in both tools', async () => {
    const checks = plan.sites.filter((s) => s.rewrite === 'token-check' && METHOD_FORMS.has(s.form));
    expect(checks.length).toBeGreaterThan(0);
    const files = [...new Set(checks.map((s) => s.file))];
    const unread = (await Promise.all(files.map(lintSites))).flat().filter((f) => f.messageId === 'rtmStartUnread');
    expect(unread.length).toBe(checks.length);
  });

  it.each(inputs)('%s', async (file) => {
    const sites = plan.sites.filter((s) => s.file === file && METHOD_FORMS.has(s.form));
    const findings = await lintSites(file);
    const unread = findings.filter((f) => f.messageId === 'rtmStartUnread');
    // Each token-check of the codemod is the lint's too, its fix naming auth.test.
    for (const site of sites.filter((s) => s.rewrite === 'token-check')) {
      const found = unread.filter((f) => within(site, f.line));
      expect(found, `${site.id}: the lint's finding`).toHaveLength(1);
      expect(found[0]?.written, `${site.id}: the lint's fix`).toContain(site.form === 'method-call' ? 'auth' : METHODS.authTest);
    }
    // And no lint fix to auth.test where the codemod asks rtm.connect (or the reverse, above).
    for (const finding of unread) {
      const site = sites.find((s) => within(s, finding.line));
      expect(site?.rewrite, `line ${finding.line}: the codemod's rewrite`).not.toBe('connect-only');
    }
    for (const finding of findings.filter((f) => f.messageId === 'rtmStartFixable')) {
      const site = sites.find((s) => within(s, finding.line));
      expect(site?.rewrite, `line ${finding.line}: the codemod's rewrite`).not.toBe('token-check');
    }
  });
});
