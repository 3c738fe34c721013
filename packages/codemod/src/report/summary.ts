import type { ApplySummary, FailedFile, SiteResult } from '../apply.js';
import type { Skipped } from '../files/discover.js';
import { leavesTodo, leavesUnchanged, type PlanSite } from '../plan.js';
import { capped, wrapWords } from '../text/wrap.js';
import { outcomeNotes, type SharedNotes } from './shared-notes.js';

/** Width of the human summary's lines; longer messages wrap, indented under their site. */
const WIDTH = 100;
/** Sites and files listed one per line before "and N more" (`--report json` lists them all). */
const MAX_LISTED = 50;

export function location(site: PlanSite): string {
  return `${site.file}:${site.line}:${site.column}`;
}

/** `failed: N` / `skipped: N`, one `path:line:col message` / `path: reason` line each (capped). */
export function problemLines(failed: readonly FailedFile[], skipped: readonly Skipped[], always: boolean): string[] {
  const out: string[] = [];
  if (always || failed.length > 0) out.push(`failed: ${failed.length}`);
  out.push(...capped(failed, MAX_LISTED, (f) => `${f.file}:${f.line}:${f.column} ${f.message}`).map((l) => `  ${l}`));
  if (skipped.length > 0) {
    out.push(`skipped: ${skipped.length}`);
    out.push(...capped(skipped, MAX_LISTED, (s) => `${s.file}: ${s.reason}`).map((l) => `  ${l}`));
  }
  return out;
}

/** The files `scan` could not parse or skipped, and its warnings (a dependency that starts `rtm.start`): '' when none. */
export function humanScanProblems(summary: { readonly failed: readonly FailedFile[]; readonly skipped: readonly Skipped[]; readonly warnings?: readonly string[] }): string {
  const out = [...problemLines(summary.failed, summary.skipped, false), ...(summary.warnings ?? []).flatMap(warningLines)];
  return out.length > 0 ? out.join('\n') + '\n' : '';
}

/** `warning: …` wrapped to the width, its next lines indented. */
function warningLines(warning: string): string[] {
  return wrapWords(`warning: ${warning}`, WIDTH).map((l, i) => (i === 0 ? l : `  ${l}`));
}

/**
 * What happened at a site, in words that are true: `done` only when its file was written,
 * `would` under --dry / --check, `failed` when its file could not be written or parsed, `TODO` when
 * it is left to a human.
 */
function siteState(s: SiteResult, summary: ApplySummary, written: boolean): string {
  if (summary.failed.some((f) => f.file === s.site.file)) return 'failed';
  if (leavesTodo(s.rewrite)) return 'TODO';
  if (leavesUnchanged(s.rewrite)) return 'note';
  return written ? 'done' : 'would';
}

/**
 * One site: its state, place and rewrite, and (for a TODO) the message, wrapped under it; a rewritten
 * site whose lists' items warn at run time on a read of what they lack says which.
 */
function siteLines(s: SiteResult, state: string, shared: SharedNotes): string[] {
  const head = `${state.padEnd(7)}${location(s.site)}  ${s.site.form} → ${s.rewrite}`;
  const gaps = s.rewrite === 'helper-module' && s.site.itemGaps !== undefined ? shared.message(s.site, s.site.itemGaps) : undefined;
  const text = state === 'TODO' || state === 'note' ? s.message.replace(/^TODO\(rtm-migrate\): /, '') : gaps;
  return text === undefined ? [head] : [head, ...wrapWords(text, WIDTH - 7).map((l) => `       ${l}`)];
}

/** Whether two sites' lines carry the same message under their heads. */
function sameBody(lines: readonly string[], next: readonly string[] | undefined): boolean {
  return next?.length === lines.length && next.every((line, i) => i === 0 || line === lines[i]);
}

/** A list of files on the line of its count when short, else one per line (capped). */
function fileList(label: string, files: readonly string[]): string[] {
  const inline = `${label}: ${files.length}${files.length > 0 ? ` (${files.join(', ')})` : ''}`;
  if (inline.length <= WIDTH) return [inline];
  return [`${label}: ${files.length}`, ...capped(files, MAX_LISTED, (f) => f).map((l) => `  ${l}`)];
}

/** The summary printed at the end of `apply`: never one giant line, never "done" for a file not written. */
export function humanSummary(summary: ApplySummary, options: { dry?: boolean; check?: boolean }): string {
  const out: string[] = [];
  const written = summary.wrote && !options.dry && !options.check;
  const writtenFiles = new Set(written ? summary.changed : []);
  const shared = outcomeNotes(summary.sites);
  const lines = summary.sites.map((s) => siteLines(s, siteState(s, summary, writtenFiles.has(s.site.file)), shared));
  // A message the next site repeats word for word (the same note on every look-up of a store) is printed once, under the last of them.
  const shown = lines.map((l, i) => (l.length > 1 && sameBody(l, lines[i + 1]) ? l.slice(0, 1) : l));
  out.push(...capped(shown, MAX_LISTED, (l) => l.join('\n')));
  for (const [i, note] of shared.notes.entries()) out.push('', ...wrapWords(`note ${String(i + 1)}: ${note}`, WIDTH));
  if (out.length > 0) out.push('');
  for (const w of summary.warnings) out.push(...warningLines(w));
  out.push(`files seen: ${summary.seen}`);
  out.push(`skipped by pre-filter: ${summary.prefiltered}`);
  out.push(...fileList(options.dry || options.check ? 'would change' : 'changed', summary.changed));
  if (summary.interrupted.length > 0) {
    out.push(...fileList('interrupted, not written', summary.interrupted));
  }
  for (const r of summary.ranges) out.push(`${options.dry || options.check ? 'would raise' : 'raised'}: ${r.manifest} \`${r.module}\` ${r.from} → ${r.to}: run npm install before starting the app`);
  out.push(`TODOs left: ${summary.todos}`);
  out.push(...verificationLines(summary));
  out.push(...problemLines(summary.failed, summary.skipped, true));
  // The scopes of what this run rewrites: a run that changes nothing (a second one) would name only those its notes' reads need.
  if (summary.plan.scopes.length > 0 && summary.changed.length > 0) out.push(`scopes needed: ${summary.plan.scopes.join(', ')}`);
  out.push(`time: ${(summary.ms / 1000).toFixed(2)} s`);
  return out.join('\n') + '\n';
}

/** `type-check: …`: the errors the rewrite introduced in the changed files (those there before do not count). */
function verificationLines(summary: ApplySummary): string[] {
  const v = summary.verification;
  if (!v) return [];
  const n = v.introduced.length;
  const before = v.preexisting > 0 ? ` (${v.preexisting} there before, not counted)` : '';
  const head = `type-check (${v.tsconfig}, ${v.files.length} changed file${v.files.length === 1 ? '' : 's'}): ${n === 0 ? 'no error introduced' : `${n} error${n === 1 ? '' : 's'} introduced`}${before}`;
  return [head, ...capped(v.introduced, MAX_LISTED, (e) => `${e.file}:${e.line}:${e.column} TS${e.code} ${e.message}`).map((l) => `  ${l}`)];
}
