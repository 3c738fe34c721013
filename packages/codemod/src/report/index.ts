import type { Log, ReportingDescriptor, Result } from 'sarif';
import { CODEMOD_MESSAGES, MESSAGES, RATE_TIERS } from '@rtm-migrate/core';
import type { ApplySummary, FailedFile, ScanSummary } from '../apply.js';
import type { Skipped } from '../files/discover.js';
import { leavesTodo, leavesUnchanged, type Plan } from '../plan.js';
import { humanScanProblems, location } from './summary.js';
import { outcomeNotes, sharedNotes } from './shared-notes.js';

export const VERSION_URL = 'https://github.com/rtm-migrate/rtm-migrate';

const RULES: Record<string, { name: string; text: string }> = {
  rewritten: { name: 'rtm-start-rewritten', text: 'rtm.start rewritten to rtm.connect and the calls that replace its data.' },
  todo: { name: 'rtm-start-todo', text: MESSAGES.rtmStart },
};


/** `--report json`: the summary and the plan, machine-readable. */
export function jsonReport(summary: ApplySummary): string {
  return JSON.stringify(
    {
      files: { seen: summary.seen, skippedByPrefilter: summary.prefiltered, changed: summary.changed, skipped: summary.skipped },
      todos: summary.todos,
      rangesRaised: summary.ranges,
      failed: summary.failed,
      warnings: summary.warnings,
      sites: summary.sites.map((s) => ({ id: s.site.id, form: s.site.form, rewrite: s.rewrite, fieldsRead: s.site.fieldsRead, message: s.message })),
      timeMs: summary.ms,
      plan: summary.plan,
    },
    null,
    2,
  );
}

/** `--report md`: a Markdown table for a PR description, then the warnings, failed and skipped files. */
export function markdownReport(summary: ApplySummary): string {
  const shared = outcomeNotes(summary.sites);
  const lines = [
    '# rtm-migrate report',
    '',
    `${summary.seen} files seen, ${summary.prefiltered} skipped by the pre-filter, ${summary.changed.length} changed, ${summary.todos} TODOs left, ${summary.failed.length} failed.`,
    '',
    '| site | form | rewrite | start-only fields read | note |',
    '|---|---|---|---|---|',
    ...summary.sites.map(
      (s) =>
        `| \`${location(s.site)}\` | ${s.site.form} | ${s.rewrite} | ${s.site.startOnlyFields.map((f) => `\`${f}\``).join(', ') || '—'} | ${shared.message(s.site, s.message).replace(/\|/g, '\\|')} |`,
    ),
    ...(shared.notes.length > 0 ? ['', '## Notes', '', ...shared.notes.map((n, i) => `${String(i + 1)}. ${n}`)] : []),
    '',
    `**Scopes the migrated app needs:** ${summary.plan.scopes.map((s) => `\`${s}\``).join(', ') || 'none'}`,
    '',
    `**Start-up cost** (${workspaceText(summary.plan)}): ${summary.plan.startup.summary}`,
  ];
  // What stderr prints as `warning:` (a toolchain that cannot read the written syntax, a folder outside git, …).
  if (summary.warnings.length > 0) lines.push('', '## Warnings', '', ...summary.warnings.map((w) => `- ${w}`));
  if (summary.failed.length > 0) {
    lines.push('', '## Failed', '', ...summary.failed.map((f) => `- \`${f.file}:${f.line}:${f.column}\` ${f.message}`));
  }
  if (summary.skipped.length > 0) lines.push('', '## Skipped', '', ...summary.skipped.map((s) => `- \`${s.file}\`: ${s.reason}`));
  return lines.join('\n') + '\n';
}

/** `--report sarif`: SARIF 2.1.0 for GitHub code scanning (one result per site still to migrate or migrated). */
export function sarifReport(summary: ApplySummary, version: string): string {
  const rules: ReportingDescriptor[] = Object.entries(RULES).map(([, r]) => ({
    id: r.name,
    name: r.name,
    shortDescription: { text: r.text },
    fullDescription: { text: r.text },
    helpUri: 'https://docs.slack.dev/changelog/2021-10-rtm-start-to-stop',
    defaultConfiguration: { level: r.name === 'rtm-start-todo' ? 'warning' : 'note' },
  }));
  // A fingerprint must survive lines moving but tell apart two sites of one file with the same code: the nth such site gets `:n`.
  const seen = new Map<string, number>();
  const fingerprint = (key: string): string => {
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n === 0 ? key : `${key}:${String(n)}`;
  };
  const results: Result[] = summary.sites.map((s) => ({
    ruleId: leavesTodo(s.rewrite) ? 'rtm-start-todo' : 'rtm-start-rewritten',
    ruleIndex: leavesTodo(s.rewrite) ? 1 : 0,
    level: leavesTodo(s.rewrite) ? 'warning' : 'note',
    message: { text: s.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: s.site.file.split('\\').join('/'), uriBaseId: '%SRCROOT%' },
          region: { startLine: s.site.line, startColumn: s.site.column, endLine: s.site.endLine, endColumn: s.site.endColumn },
        },
      },
    ],
    partialFingerprints: { 'rtmMigrateSite/v1': fingerprint(`${s.site.file.split('\\').join('/')}:${s.site.form}:${s.site.code}`) },
  }));
  for (const f of summary.failed) {
    results.push({
      ruleId: 'rtm-start-todo',
      ruleIndex: 1,
      level: 'error',
      message: { text: `rtm-migrate could not process this file: ${f.message}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: f.file.split('\\').join('/'), uriBaseId: '%SRCROOT%' }, region: { startLine: f.line, startColumn: f.column } } }],
      partialFingerprints: { 'rtmMigrateSite/v1': `${f.file.split('\\').join('/')}:failed` },
    });
  }
  const log: Log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'rtm-migrate', version, informationUri: VERSION_URL, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${summary.plan.root.split('\\').join('/')}/` } },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

export function workspaceText(plan: Plan): string {
  const w = plan.workspace;
  const c = w.conversations;
  const assumed = w.assumptions.length > 0 ? `; assumed ${w.assumptions.join(', ')}` : '';
  return `workspace users=${w.users}, channels=${c.public_channel ?? 0}, groups=${c.private_channel ?? 0}, mpims=${c.mpim ?? 0}, ims=${c.im ?? 0}${assumed}`;
}

/** `rtm-migrate scan --json`: the plan, with the files that failed to parse and the skipped ones. */
export function scanJson(summary: ScanSummary): string {
  return JSON.stringify({ ...summary.plan, failed: summary.failed, skipped: summary.skipped, warnings: summary.warnings }, null, 2);
}

/** `rtm-migrate scan`: the human report (with the files that could not be parsed or were skipped). */
export function humanPlan(plan: Plan, problems: { readonly failed: readonly FailedFile[]; readonly skipped: readonly Skipped[]; readonly warnings?: readonly string[] } = { failed: [], skipped: [] }): string {
  const out: string[] = [];
  const tail = humanScanProblems(problems);
  if (plan.sites.length === 0) {
    const n = problems.failed.length;
    out.push(n > 0 ? `No rtm.start sites found in the files that parse; ${n} file${n === 1 ? '' : 's'} could not be parsed.` : 'No rtm.start sites found.');
    return out.join('\n') + '\n' + tail;
  }
  const shared = sharedNotes(plan.sites);
  for (const s of plan.sites) {
    out.push(`${location(s)}  ${s.form} → ${s.rewrite}`);
    out.push(`  ${s.code}`);
    if (s.fieldsRead.length > 0) out.push(`  fields read: ${s.fieldsRead.join(', ')}`);
    const files = [...new Set(s.reads.map((r) => r.file))].filter((f) => f !== s.file);
    if (files.length > 0) out.push(`  followed into: ${files.join(', ')}`);
    if (s.startOnlyFields.length > 0) {
      out.push(`  replacement (${s.calls} calls, ≥ ${s.floorSeconds} s):`);
      for (const c of s.replacement) {
        const args = Object.entries(c.args).map(([k, v]) => `${k}=${String(v)}`).join(' ');
        out.push(`    ${c.method}${args ? ` ${args}` : ''}: ${c.calls} call${c.calls === 1 ? '' : 's'}, ${RATE_TIERS[c.tier].description}${c.scopes.length ? `, scope ${c.scopes.join(' ')}` : ''}`);
      }
    }
    // A site's own marker (a v3 client, a filled `dataStore` read…) is the TODO it would have been, not a place its data goes:
    // listed only where the TODO left says it (not where another reason stands: blind s84/07, a TypeScript too old for the helper).
    const places = s.escapes.filter((e) => e.own !== true || (leavesTodo(s.rewrite) && s.reason?.includes(e.reason) === true));
    // The part that escapes tells apart lines of one place (blind s88/05: `channels[]`, `groups[]`, `ims[]` handed to one callback).
    for (const e of places.slice(0, 3)) out.push(`  escapes at ${e.file}:${e.line}${e.path ? ` (\`${e.path}\`)` : ''}: ${e.reason}`);
    if (s.wholeDataAt) out.push(`  ${CODEMOD_MESSAGES.legacyClientWholeData(`${s.wholeDataAt.file}:${s.wholeDataAt.line}`, s.wholeDataAt.code)}`);
    out.push(`  ${shared.message(s, s.message)}`);
    out.push('');
  }
  for (const [i, note] of shared.notes.entries()) out.push(`note ${String(i + 1)}: ${note}`, '');
  const todo = plan.sites.filter((s) => s.rewrite === 'todo').length;
  // Covered, filled and unread-entry sites need no change: not counted as rewritable (blind s83/12).
  const unchanged = plan.sites.filter((s) => leavesUnchanged(s.rewrite)).length;
  const kept = unchanged > 0 ? ` ${String(unchanged)} right as ${unchanged === 1 ? 'it is' : 'they are'},` : '';
  out.push(`${plan.sites.length} site${plan.sites.length === 1 ? '' : 's'}: ${plan.sites.length - todo - unchanged} rewritable,${kept} ${todo} left as TODO.`);
  out.push(`Scopes the migrated app needs: ${plan.scopes.join(', ') || 'none'}`);
  for (const o of plan.optionalScopes) out.push(`  optional: ${o.scope} (${o.when})`);
  out.push(`Per start-up (${workspaceText(plan)}): ${plan.startup.summary}`);
  return out.join('\n') + '\n' + tail;
}
