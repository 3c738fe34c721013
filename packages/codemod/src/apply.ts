import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { nearestManifest } from '@rtm-migrate/analysis/modules';
import { CODEMOD_MESSAGES, HELPER_MARK, mayExportRtmClient, mayHandRtmClientOn, mayListenRequiredBot, mayStartHandedClient, mayStartRequiredClient, requiredAsWord, todoComment } from '@rtm-migrate/core';
import { ParseError, UsageError } from './errors.js';
import { compiledOutputs } from './files/compiled-output.js';
import { COMPONENT_SOURCES, discover, FOREIGN_SOURCES, isInside, javascriptFile, typescriptFile, type Skipped } from './files/discover.js';
import { mayLogInRequiredSlackClient, mayMatch, skipReason } from './files/prefilter.js';
import { generatorTemplateReason } from './files/generator-template.js';
import type { HelperModule } from './helper-module/place.js';
import { raiseDeclaredRange } from './files/manifest-range.js';
import { emptyPlan, leavesTodo, type Plan, type PlanSite, type RangeRaise } from './plan.js';
import type { FileTask, FileResult } from './pool.js';
import { DEFAULT_WORKSPACE, type WorkspaceSpec } from './scan/workspace.js';
import type { ParserName } from './transforms/common.js';
import type { Verification } from './verify.js';

/** A file the transforms changed: its text before and after. */
type ChangedFile = FileResult & { readonly changed: true; readonly input: string; readonly output: string };

const isChangedFile = (r: FileResult): r is ChangedFile => r.changed && r.input !== undefined && r.output !== undefined;

export interface ApplyOptions {
  readonly paths: readonly string[];
  readonly cwd?: string;
  readonly dry?: boolean;
  readonly print?: boolean;
  readonly diff?: boolean;
  readonly check?: boolean;
  readonly allowDirty?: boolean;
  readonly parser?: ParserName;
  readonly ignore?: readonly string[];
  readonly workers?: number;
  readonly helper?: 'inline' | 'shim';
  readonly workspace?: WorkspaceSpec;
  /** Called as files are done (for the progress bar). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called when a phase starts: scanning the candidate files, then rewriting them. */
  readonly onStart?: (total: number, phase: 'scanning' | 'rewriting' | 'writing') => void;
  /**
   * Stops the writing between two files (the CLI aborts it on Ctrl-C): the file in hand is finished
   * (each write is atomic), the rest are listed as not written.
   */
  readonly signal?: AbortSignal;
  /** Type-check the changed TypeScript files before and after the rewrite (default true; needs a tsconfig.json). */
  readonly verify?: boolean;
}

export interface FailedFile {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface SiteResult {
  readonly site: PlanSite;
  readonly rewrite: PlanSite['rewrite'];
  readonly message: string;
}

export interface ApplySummary {
  readonly seen: number;
  readonly prefiltered: number;
  readonly changed: string[];
  readonly todos: number;
  readonly failed: FailedFile[];
  readonly skipped: Skipped[];
  readonly sites: SiteResult[];
  readonly ms: number;
  readonly plan: Plan;
  /** Text for --print / --diff, in file order. */
  readonly printed: string[];
  readonly wrote: boolean;
  /** Said on the summary (and in the JSON report): written outside a git work tree, a skipped file that names `rtm.start`, a package whose Babel or Node cannot read the syntax written into it. */
  readonly warnings: string[];
  /** The dependencies whose own code starts a client with `rtm.start` (each also a warning): `--check` fails on them. */
  readonly startingDependencies: string[];
  /** Files that were to be written when `signal` stopped the run. */
  readonly interrupted: string[];
  /** The package.json ranges raised for the rewrite (written with the changed files): run an install after. */
  readonly ranges: RangeRaise[];
  /** The type-check of the changed files, when there were TypeScript files and a tsconfig.json. */
  readonly verification?: Verification;
}

export function prepare(options: ApplyOptions) {
  const cwd = resolve(options.cwd ?? process.cwd());
  const found = discover(options.paths, { ignore: options.ignore ?? [], cwd });
  const skipped = [...found.skipped];
  const candidates: string[] = [];
  /** Files without `rtm`: not scanned, but where the analysis may look for the callers of a function that returns a response. */
  const others: string[] = [];
  let prefiltered = 0;
  /** Source files whose text names `rtm.start` (a generated helper module aside): where a JSON table's package has one, its sites are found there. */
  const naming: string[] = [];
  /** What requiring a candidate that may export an RTM client spells (see `requiredAsWord`). */
  const exported = new Set<string>();
  /** Candidates that may hand a client they make to a module they require (see `mayHandRtmClientOn`). */
  const handing: string[] = [];
  const mentioning = (file: string, reason: string, hint: string, names?: string): Skipped => mentioningSkip(cwd, file, reason, hint, names);
  for (const file of found.files) {
    let text: string;
    try {
      // Read as UTF-8 text: Node's fastest way to read a file, and all the pre-filter needs.
      text = readFileSync(file, 'utf8');
    } catch (err) {
      skipped.push({ file: relative(cwd, file), reason: `unreadable: ${(err as NodeJS.ErrnoException).code ?? String(err)}` });
      continue;
    }
    const reason = skipReason(text);
    if (reason) {
      skipped.push(text.includes('rtm.start') ? mentioning(file, reason, 'check it by hand') : { file: relative(cwd, file), reason });
      continue;
    }
    const matches = mayMatch(text);
    const template = matches ? generatorTemplateReason(cwd, file) : undefined;
    if (template) {
      skipped.push(mentioning(file, template, 'migrate a project it makes, or change the template by hand and have the generator copy what that needs', text.includes('rtm.start') ? undefined : 'a Slack client whose start may ask `rtm.start`'));
      continue;
    }
    if (!matches && !mayLogInRequiredSlackClient(file, text)) {
      prefiltered++;
      others.push(file);
      continue;
    }
    if (mayExportRtmClient(text)) exported.add(requiredAsWord(file));
    if (mayHandRtmClientOn(text)) handing.push(text);
    if (namesRtmStartBesidesKeys(text) && !text.startsWith(HELPER_MARK)) naming.push(file);
    candidates.push(file);
  }
  // A client one module makes and exports, started (or its data read) in a module that never spells
  // `rtm`: that module requires the maker by name. Or one it makes and hands to a function of a module
  // it requires, started there (`slack.start()`): the maker spells that module's name. Read again only
  // where some candidate may export or hand on a client.
  const requirers = new Set(exported.size === 0 && handing.length === 0 ? [] : others.filter((file) => mayStartCandidatesClient(file, exported, handing)));
  const scanned = withoutBuilds(requirers.size === 0 ? candidates : found.files.filter((f) => requirers.has(f) || candidates.includes(f)), found.files, cwd, skipped);
  const passedOver = requirers.size === 0 ? others : others.filter((f) => !requirers.has(f));
  // A file read only for whether it names rtm.start, or a client whose own start requests it (its compiled
  // JavaScript may be git-ignored, and then nothing else tells: blind s55/02).
  const reportNaming = (file: string, reason: string, hint: string): void => {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // Unreadable: it says nothing either way, as for a README.
    }
    const client = FOREIGN_CLIENT_START.exec(text)?.[0];
    if (text.includes('rtm.start')) skipped.push(mentioning(file, reason, hint));
    else if (client !== undefined) skipped.push(mentioning(file, reason, hint, `\`${client}\`, a client whose start requests \`rtm.start\` in its releases before \`rtm.connect\``));
  };
  for (const file of found.foreign) {
    const extension = extname(file).slice(1).toLowerCase();
    const language = FOREIGN_SOURCES[extension] ?? 'another language';
    const reason = `${language}: rtm-migrate reads JavaScript and TypeScript only`;
    if (COMPONENT_SOURCES.has(extension)) {
      reportNaming(file, reason, 'move the code that calls it into a `.js` or `.ts` module the component imports and run rtm-migrate again, or migrate it by hand');
      continue;
    }
    const compiled = ignoredSibling(file, found.ignored);
    const built = compiled === undefined ? compiledSibling(file, found.files) : undefined;
    const hint =
      compiled !== undefined
        ? `migrate it by hand, or run rtm-migrate on the JavaScript it compiles to: ${relative(cwd, compiled)}, beside it, is ignored (.gitignore or --ignore), so it was not read; name it on the command line`
        : built !== undefined
          ? `${relative(cwd, built)}, the JavaScript the compiler wrote from it beside it, is read in this run: where that file is migrated, make the same change here, or the next compile undoes it`
          : 'migrate it by hand, or run rtm-migrate on the JavaScript it compiles to';
    reportNaming(file, reason, hint);
  }
  // A Node script without an extension (`bin/start`): the parsers take a file's language from its extension, so it is
  // not rewritten, but one that names rtm.start or such a client is not passed over in silence (blind s95/06: MISSED).
  for (const file of found.scripts) {
    reportNaming(
      file,
      'a Node script without an extension: rtm-migrate tells JavaScript and TypeScript by the file name',
      'migrate it by hand, or give it a `.js` name (and the package.json script or bin entry that runs it) and run rtm-migrate again',
    );
  }
  for (const file of found.tables) {
    const table = tableNaming(file, naming, found.root);
    if (table !== undefined) skipped.push(table.bySource === undefined ? mentioning(file, table.reason, table.hint) : { file: relative(cwd, file), reason: `${table.reason}; left as it is: ${relative(cwd, table.bySource)}, code of its package, names \`rtm.start\` too, and its sites are found there` });
  }
  return { cwd, seen: found.files.length, skipped, candidates: scanned, others: passedOver, prefiltered: prefiltered - requirers.size };
}

/** Keys of an object written out (`"rtm.start": [`): a bundled copy of a method table, no code that asks for the method. */
const KEY_NAMES = /["']rtm\.start["']\s*:/g;

/**
 * Source text naming `rtm.start` other than as an object's key: what a JSON table's package asks it by (blind s109/08:
 * slack 10's `slack-testing.js`, a browserify bundle holding `api.json` as an object literal, left its table unreported).
 */
function namesRtmStartBesidesKeys(text: string): boolean {
  return text.includes('rtm.start') && text.replace(KEY_NAMES, '').includes('rtm.start');
}

/** A JSON string that is the method's name, or a path or URL to it: a method table's key (`"rtm.start": {…}`), a configured endpoint. */
const JSON_METHOD = /"(?:[^"\s]*\/)?rtm\.start(?:\?[^"]*)?"/;

/**
 * A JSON file that names `rtm.start` as a method: a library's method table (slack-wrapi's `api/slack.json`, slack 11's
 * `src/api.json`: blind s99, MISSED), a configured URL, a recorded answer. The code that builds its requests from it
 * asks for the method by a name no parse follows. Where a source file of the same package names `rtm.start` too
 * (slack 8's `methods/rtm.start.js` beside the `api.json` it validates with), the sites are there, and the table is only said.
 */
function tableNaming(file: string, naming: readonly string[], root: string): { reason: string; hint: string; bySource?: string } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const match = JSON_METHOD.exec(text);
  if (match === null) return undefined;
  const line = text.slice(0, match.index).split('\n').length;
  const pkg = nearestManifest(dirname(file))?.dir;
  const scope = pkg !== undefined && isInside(root, pkg) ? pkg : root;
  return {
    reason: `JSON: line ${line} names the method as ${match[0]}, in data rtm-migrate does not rewrite`,
    hint: 'code that builds its requests from this file (a method table, a configured URL) still requests it: migrate that by hand; a recorded answer for tests: record it again against `rtm.connect` and the calls that replace its data, or pass --ignore',
    bySource: naming.find((source) => isInside(scope, source)),
  };
}

/** A file not looked at, but not passed over in silence either: it names the retired method. */
function mentioningSkip(cwd: string, file: string, reason: string, hint: string, names = '`rtm.start`'): Skipped {
  return { file: relative(cwd, file), reason: `${reason}; it contains ${names}: ${hint}`, mentionsRtmStart: true, names };
}

/**
 * The files to scan without the JavaScript tsc built from a source the project keeps: each is listed as
 * skipped, naming its source (read instead, when it is among the files), and counts for `--check` where
 * it still names `rtm.start`, until a rebuild.
 */
function withoutBuilds(files: readonly string[], all: readonly string[], cwd: string, skipped: Skipped[]): string[] {
  if (!files.some(javascriptFile)) return [...files];
  const compiledOutput = compiledOutputs(cwd);
  return files.filter((file) => {
    const text = javascriptFile(file) ? readFileSync(file, 'utf8') : undefined;
    const compiled = text === undefined ? undefined : compiledOutput(file, text);
    if (compiled === undefined) return true;
    const source = relative(cwd, compiled.source);
    const how = compiled.tsconfig === undefined ? `${source} is beside it` : `the \`outDir\` of ${relative(cwd, compiled.tsconfig) || 'tsconfig.json'}`;
    const reason = `built by tsc from ${source} (${how}): a rewrite of the build would be undone by the next build`;
    const hint = all.includes(compiled.source) ? `rtm-migrate reads ${source} instead; build it again after this run` : `run rtm-migrate on ${source}, then build it again`;
    // The build of the module an earlier run generated names `rtm.start` in its comments only (blind s94/02).
    const mentions = text?.includes('rtm.start') === true && !startsWithHelperMark(compiled.source);
    skipped.push(mentions ? mentioningSkip(cwd, file, reason, hint) : { file: relative(cwd, file), reason: `${reason}: ${hint}` });
    return false;
  });
}

function startsWithHelperMark(file: string): boolean {
  try {
    return readFileSync(file, 'utf8').startsWith(HELPER_MARK);
  } catch {
    return false;
  }
}

/** The name a compiler gives the JavaScript it writes from `file` (`bot.coffee` → `bot.js`). */
function javascriptBeside(file: string): string {
  return `${file.slice(0, file.length - extname(file).length)}.js`;
}

/** The JavaScript file beside `file` where an ignore rule left it out. */
function ignoredSibling(file: string, ignored: readonly string[]): string | undefined {
  const js = javascriptBeside(file);
  return ignored.includes(js) ? js : undefined;
}

/**
 * The JavaScript beside a file of another language that its compiler wrote (`// Generated by CoffeeScript
 * 1.10.0`, LiveScript's mark) and this run reads (blind s93/04: `bot.js` migrated, `bot.coffee` skipped, and
 * nothing said that the next `coffee -c` would undo the migration).
 */
function compiledSibling(file: string, files: readonly string[]): string | undefined {
  const js = javascriptBeside(file);
  if (!files.includes(js)) return undefined;
  try {
    return /^\uFEFF?\/\/ Generated by (?:CoffeeScript|IcedCoffeeScript|LiveScript)\b/.test(readFileSync(js, 'utf8').slice(0, 200)) ? js : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What names, in a file of another language, a client whose own start requests `rtm.start` (the releases
 * before `rtm.connect`): the legacy `RtmClient` (v4's is `RTMClient`), Botkit's `startRTM`, and the
 * packages slack-client, slackbots and slackbotapi, which log in with it.
 */
const FOREIGN_CLIENT_START = /\bRtmClient\b|\bstartRTM\b|['"](?:slack-client|slackbots|slackbotapi)['"]/;

/**
 * A file the pre-filter passed over that may start a client it requires from a module named in
 * `exported`, or one handed to it by a module (its text in `handing`) that spells its name.
 */
function mayStartCandidatesClient(file: string, exported: ReadonlySet<string>, handing: readonly string[]): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false; // read a moment ago and gone since: nothing to scan
  }
  if ((mayStartRequiredClient(text) || mayListenRequiredBot(text)) && [...exported].some((word) => text.includes(word))) return true;
  const word = requiredAsWord(file);
  return mayStartHandedClient(text) && handing.some((maker) => maker.includes(word));
}

/**
 * The plan for the candidate files. The analysis (and TypeScript) is loaded only when there is a candidate:
 * most repositories have no `rtm.start`, and then a run costs little more than reading the files.
 */
async function planFor(cwd: string, candidates: readonly string[], others: readonly string[], options: ApplyOptions, unparsed: FailedFile[]): Promise<Plan> {
  if (candidates.length === 0) return emptyPlan(cwd, options.workspace ?? DEFAULT_WORKSPACE);
  const { findTsconfig, scan } = await import('./scan/index.js');
  options.onStart?.(candidates.length, 'scanning');
  return scan({
    ...(options.onProgress ? { onFile: options.onProgress } : {}),
    root: cwd,
    files: candidates,
    otherFiles: others,
    tsconfig: findTsconfig(options.paths.map((p) => resolve(cwd, p))),
    ...(options.workspace ? { workspace: options.workspace } : {}),
    helper: options.helper ?? 'inline',
    onUnparsed: (file, err) => unparsed.push({ file: relative(cwd, file), ...analysisFailure(err) }),
  });
}

/**
 * A file the rewrite's parser reads but the analysis (TypeScript's parser) does not, such as a script
 * with an octal escape (`'\08'`): nothing in it is followed, so it is a failed file, never a quiet one.
 */
function analysisFailure(err: unknown): Omit<FailedFile, 'file'> {
  const e = err as { message?: unknown; lineNumber?: unknown; column?: unknown };
  const line = typeof e.lineNumber === 'number' ? e.lineNumber : 1;
  // typescript-estree counts columns from 0.
  const column = typeof e.column === 'number' ? e.column + 1 : 1;
  const reason = typeof e.message === 'string' ? e.message : String(err);
  return { line, column, message: `the analysis cannot parse it (${reason}): its rtm.start sites are not followed` };
}

/** The files only the analysis could not parse, after those that failed already. */
function withUnparsed(failed: FailedFile[], unparsed: readonly FailedFile[]): void {
  for (const u of unparsed) if (!failed.some((f) => f.file === u.file)) failed.push(u);
}

const BOM = '\uFEFF';

/**
 * Why `file` cannot be processed: it is unreadable, or it does not parse with the parser the rewrite
 * would use (`parser`, else the one for its extension). Undefined when it parses. Same messages and
 * positions as a file that fails in `apply`.
 */
export async function parseFailure(file: string, parser?: ParserName): Promise<Omit<FailedFile, 'file'> | undefined> {
  const { parserFor, parseSource } = await import('./transforms/index.js');
  let input: string;
  try {
    input = readFileSync(file, 'utf8');
  } catch (err) {
    return { line: 1, column: 1, message: `unreadable: ${(err as Error).message}` };
  }
  try {
    parseSource(parser ?? parserFor(file), input.startsWith(BOM) ? input.slice(1) : input);
    return undefined;
  } catch (err) {
    if (err instanceof ParseError) return { line: err.line, column: err.column, message: err.message };
    return { line: 1, column: 1, message: err instanceof Error ? err.message : String(err) };
  }
}

/** What `rtm-migrate scan` reports: the plan, and the files it could not parse or skipped. */
export interface ScanSummary {
  readonly seen: number;
  readonly prefiltered: number;
  /** Files that do not parse (with the parser `apply` would use): `apply` would fail on them too. */
  readonly failed: FailedFile[];
  readonly skipped: Skipped[];
  readonly plan: Plan;
  /** The dependencies that start `rtm.start` inside themselves (see startingDependenciesOf). */
  readonly warnings: string[];
}

/** `rtm-migrate scan`: the plan, plus every file that could not be parsed or was skipped, with why. */
export async function scanFiles(options: ApplyOptions): Promise<ScanSummary> {
  const { cwd, seen, skipped, candidates, others, prefiltered } = prepare(options);
  const unparsed: FailedFile[] = [];
  const plan = await planFor(cwd, candidates, others, options, unparsed);
  const failed: FailedFile[] = [];
  for (const file of candidates) {
    const f = await parseFailure(file, options.parser);
    if (f) failed.push({ file: relative(cwd, file), ...f });
  }
  withUnparsed(failed, unparsed);
  return { seen, prefiltered, failed, skipped, plan, warnings: (await startingDependenciesOf(cwd, options.paths)).map((d) => d.warning) };
}

/**
 * The dependencies that start a client with `rtm.start` inside themselves, which no rewrite of the project's files
 * reaches, of the projects of the paths given, not the caller's (blind s70/19: `apply src` from the folder above).
 * Loaded only where there are installed dependencies to read, or one named for Slack missing (most runs: a start-up
 * of 16 ms less). And the dependencies named for Slack that are declared but not installed (`unread`): said, not counted.
 */
async function startingDependenciesOf(cwd: string, paths: readonly string[]): Promise<{ readonly dependency: string; readonly warning: string; readonly unread?: true }[]> {
  const roots = new Map(paths.flatMap((p) => { const m = nearestManifest(resolve(cwd, p)); return m ? [[m.dir, m] as const] : []; }));
  const declaring = [...roots.values()].filter((r) => r.manifest.dependencies ?? r.manifest.peerDependencies);
  const installed = declaring.filter((r) => existsSync(join(r.dir, 'node_modules')));
  // A dependency named for Slack that is not installed, whose code cannot be read (see unreadSlackDependencies).
  const missing = declaring.filter((r) => Object.keys(r.manifest.dependencies ?? {}).some((name) => /slack/i.test(name) && !existsSync(join(r.dir, 'node_modules', name))));
  if (installed.length === 0 && missing.length === 0) return [];
  const { startingDependencies, unreadSlackDependencies } = await import('./files/dependency-starts.js');
  return [...installed.flatMap((r) => startingDependencies(cwd, r)), ...missing.flatMap((r) => unreadSlackDependencies(cwd, r) ?? [])];
}

/**
 * A `covered` use relies on its wrapper's rewrite in this run: where that did not happen (its file
 * failed, the transform could not place it), the use is reported as the TODO it was planned as.
 */
function uncoverUnrewritten(sites: SiteResult[]): void {
  const rewritten = new Set(sites.filter((s) => s.rewrite === 'helper-module').map((s) => s.site.id));
  for (const [i, s] of sites.entries()) {
    if (s.rewrite !== 'covered' || s.site.covers === undefined || rewritten.has(s.site.covers)) continue;
    sites[i] = { site: s.site, rewrite: 'todo', message: todoComment(s.site.reason ?? '', s.site.startOnlyFields) };
  }
}

export async function apply(options: ApplyOptions): Promise<ApplySummary> {
  const started = performance.now();
  const { cwd, seen, skipped, candidates, others, prefiltered } = prepare(options);
  const unparsed: FailedFile[] = [];
  const plan = await planFor(cwd, candidates, others, options, unparsed);
  const byFile = new Map<string, PlanSite[]>();
  for (const s of plan.sites) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  const helpers: HelperModule[] = plan.sites.some((s) => s.rewrite === 'helper-module')
    ? (await import('./helper-module/place.js')).placeHelpers(cwd, plan.sites, (file) => readFileSync(file, 'utf8'), [...candidates, ...others])
    : [];
  const importedAs = (file: string): string | undefined => helpers.find((h) => h.importers.has(file))?.importers.get(file);
  const tasks: FileTask[] = candidates.map((file) => {
    const helperModule = importedAs(file);
    return {
      file,
      sites: byFile.get(relative(cwd, file)) ?? [],
      ...(options.parser ? { parser: options.parser } : {}),
      ...(helperModule ? { helperModule } : {}),
    };
  });
  options.onStart?.(tasks.length, 'rewriting');
  const results = tasks.length === 0 ? [] : await (await import('./pool.js')).runTransforms(tasks, options.workers ?? 1, options.onProgress);

  const failed: FailedFile[] = [];
  const changed: ChangedFile[] = [];
  const sites: SiteResult[] = [];
  for (const r of results) {
    const rel = relative(cwd, r.file);
    if (r.error) {
      failed.push({ file: rel, line: r.error.line, column: r.error.column, message: r.error.message });
      continue;
    }
    for (const o of r.outcomes) sites.push({ site: o.site, rewrite: o.rewrite, message: o.message });
    if (isChangedFile(r) && !unparsed.some((u) => u.file === rel)) changed.push(r);
  }
  withUnparsed(failed, unparsed);
  // Sites whose file failed are still reported, as planned.
  for (const f of failed) for (const s of byFile.get(f.file) ?? []) sites.push({ site: s, rewrite: 'todo', message: s.message });
  uncoverUnrewritten(sites);

  const ranges = raiseRanges(cwd, sites, changed, failed);

  // A helper module is generated only when a file that calls it was rewritten.
  const callers = new Set(changed.filter((r) => r.outcomes.some((o) => o.rewrite === 'helper-module')).map((r) => r.file));
  const newHelpers = helpers.filter((h) => h.write && [...h.importers.keys()].some((f) => callers.has(f)));
  const printed: string[] = [];
  const { createTwoFilesPatch } = options.diff ? await import('diff') : { createTwoFilesPatch: undefined };
  for (const h of newHelpers) {
    const rel = relative(cwd, h.file);
    if (options.print) printed.push(h.source);
    if (createTwoFilesPatch) printed.push(createTwoFilesPatch('/dev/null', `b/${rel}`, '', h.source, undefined, undefined, { context: 3 }));
  }
  for (const r of changed) {
    const rel = relative(cwd, r.file);
    if (options.print) printed.push(r.output);
    if (createTwoFilesPatch) printed.push(createTwoFilesPatch(`a/${rel}`, `b/${rel}`, r.input, r.output, undefined, undefined, { context: 3 }));
  }

  const checked = options.verify === false ? undefined : await typeCheck(cwd, plan, changed, newHelpers);
  const verification = typeof checked === 'object' ? checked : undefined;

  let wrote = false;
  const warnings: string[] = typeof checked === 'string' ? [checked] : [];
  const interrupted: string[] = [];
  const write = !options.dry && !options.check;
  if (write && changed.length > 0) {
    const [{ dirtyFiles }, { writeAtomic }] = await Promise.all([import('./files/git.js'), import('./files/write.js')]);
    const { dir, dirty } = dirtyFiles(changed.map((r) => r.file));
    // As jscodeshift-based codemods do, a folder outside git is rewritten; but never without a word.
    if (dirty === null) warnings.push(`${relative(cwd, dir) || '.'} is not in a git work tree: nothing records the files as they were. Keep a copy, or run rtm-migrate in a git repository (--dry shows the changes first).`);
    if (!options.allowDirty) {
      if (dirty && dirty.length > 0) {
        throw new UsageError(
          `the git tree has uncommitted changes in ${dirty.length} file${dirty.length === 1 ? '' : 's'} to rewrite (${dirty.slice(0, 3).join(', ')}${dirty.length > 3 ? ', …' : ''}): commit or stash them, or pass --allow-dirty`,
        );
      }
    }
    options.onStart?.(newHelpers.length + changed.length, 'writing');
    let done = 0;
    const next = async (): Promise<void> => {
      options.onProgress?.(++done, newHelpers.length + changed.length);
      // Between two files the event loop turns, so a Ctrl-C is seen before the next one is started.
      await new Promise((resolve) => setImmediate(resolve));
    };
    for (const h of [...newHelpers]) {
      if (options.signal?.aborted) break;
      try {
        writeNew(h);
        wrote = true;
        await next();
      } catch (err) {
        // The files that call it are not written without it.
        const stranded = changed.filter((r) => h.importers.has(r.file));
        for (const r of stranded) changed.splice(changed.indexOf(r), 1);
        failed.push({ file: relative(cwd, h.file), line: 1, column: 1, message: `${(err as Error).message}; ${stranded.length} file(s) that would call it left unchanged` });
        newHelpers.splice(newHelpers.indexOf(h), 1);
      }
    }
    for (const r of [...changed]) {
      if (options.signal?.aborted) {
        interrupted.push(relative(cwd, r.file));
        changed.splice(changed.indexOf(r), 1);
        continue;
      }
      try {
        writeAtomic(r.file, r.output);
        wrote = true;
        await next();
      } catch (err) {
        changed.splice(changed.indexOf(r), 1);
        failed.push({ file: relative(cwd, r.file), line: 1, column: 1, message: (err as Error).message });
      }
    }
  }
  // v3 client code in a package that declares @slack/client 4+: broken before, rewritten as v3 code all the same.
  if (plan.sites.length > 0) warnings.push(...(await import('./helper-module/v3-code-range.js')).v3CodeRangeWarnings(cwd, plan.sites));
  const starting = await startingDependenciesOf(cwd, options.paths);
  warnings.push(...starting.map((d) => d.warning));
  if (changed.length > 0) warnings.push(...(await import('./files/generated-header.js')).generatedFileWarnings(cwd, changed));
  // The files as written (or, with --dry / --check, as they would be): those whose package cannot build or run their syntax are named.
  if (changed.length > 0 || newHelpers.length > 0) {
    const { oldToolchainWarnings } = await import('./files/old-toolchain.js');
    warnings.push(...(await oldToolchainWarnings(cwd, [...newHelpers.map((h) => ({ file: h.file, input: '', output: h.source })), ...changed])));
  }
  return {
    seen,
    prefiltered,
    changed: [...newHelpers.filter((h) => !write || existsSync(h.file)).map((h) => relative(cwd, h.file)), ...changed.map((r) => relative(cwd, r.file))],
    todos: sites.filter((s) => leavesTodo(s.rewrite)).length,
    failed,
    skipped,
    sites: sites.sort((a, b) => a.site.id.localeCompare(b.site.id, 'en', { numeric: true })),
    ms: Math.round(performance.now() - started),
    plan,
    printed,
    wrote,
    interrupted,
    // A dependency whose code could not be read is said, but is no work `--check` can count.
    startingDependencies: starting.filter((d) => d.unread !== true).map((d) => d.dependency),
    ranges: ranges.filter((r) => changed.some((c) => relative(cwd, c.file) === r.manifest)),
    ...(verification ? { verification } : {}),
    warnings: [...warnings, ...skipped.filter((s) => s.mentionsRtmStart).map((s) => `${s.file} was skipped (${s.reason.split(';')[0]}) but contains ${s.names ?? '`rtm.start`'}.`)],
  };
}

/**
 * The package.json edits the rewritten sites need (`raisesRange`), added to the changed files so that
 * they are shown, checked for uncommitted changes and written like them. A manifest that cannot be
 * edited for certain fails, with its sites' files left unchanged: the rewrite needs the range.
 */
function raiseRanges(cwd: string, sites: SiteResult[], changed: ChangedFile[], failed: FailedFile[]): RangeRaise[] {
  const byManifest = new Map<string, RangeRaise>();
  for (const s of sites) {
    const raise = s.site.raisesRange;
    if ((s.rewrite === 'helper-module' || s.rewrite === 'connect-only') && raise && changed.some((r) => relative(cwd, r.file) === s.site.file)) byManifest.set(raise.manifest, raise);
  }
  const raised: RangeRaise[] = [];
  for (const raise of byManifest.values()) {
    const file = resolve(cwd, raise.manifest);
    let input: string | undefined;
    try {
      input = readFileSync(file, 'utf8');
    } catch {
      input = undefined;
    }
    const output = input === undefined ? undefined : raiseDeclaredRange(input, raise.module, raise.from, raise.to);
    if (input === undefined || output === undefined) {
      const stranded = sites.filter((s) => s.site.raisesRange?.manifest === raise.manifest).map((s) => s.site.file);
      for (const r of changed.filter((c) => stranded.includes(relative(cwd, c.file)))) changed.splice(changed.indexOf(r), 1);
      failed.push({ file: raise.manifest, line: 1, column: 1, message: `could not change \`${raise.module}\` from \`${raise.from}\` to \`${raise.to}\` for certain; ${stranded.length} file(s) that need it left unchanged` });
      continue;
    }
    changed.push({ file, changed: true, input, output, outcomes: [] });
    raised.push(raise);
  }
  return raised;
}

/** Writes a generated helper module; never over an existing file. */
function writeNew(helper: HelperModule): void {
  writeFileSync(helper.file, helper.source, { flag: 'wx' });
}

/**
 * Type-checks the project as it was and as the rewrite leaves it (in memory, nothing written yet),
 * with the project's own TypeScript, when a TypeScript file changes and a tsconfig.json governs it:
 * the errors the rewrite introduced. Without TypeScript installed in the project there is no check,
 * and where a tsconfig.json says the project is checked, a warning says so (not a silent pass).
 */
async function typeCheck(cwd: string, plan: Plan, changed: readonly ChangedFile[], helpers: readonly HelperModule[]): Promise<Verification | string | undefined> {
  const firstTs = [...changed.map((r) => r.file), ...helpers.map((h) => h.file)].find(typescriptFile);
  if (!firstTs) return undefined;
  const { TYPE_CHECK_TYPESCRIPT_SINCE, checksWith, projectTypeScript, tsconfigFor, verifyRewrite } = await import('./verify.js');
  // The project's, found from its files as Node would (rtm-migrate may run from the folder above: blind s74/03).
  const ts = projectTypeScript(dirname(firstTs)) ?? projectTypeScript(cwd);
  if (!ts) return plan.project.tsconfig !== null || existsSync(resolve(cwd, 'tsconfig.json')) ? CODEMOD_MESSAGES.typeCheckNotRun : undefined;
  if (!checksWith(ts)) return CODEMOD_MESSAGES.typeCheckTooOld(ts.version, TYPE_CHECK_TYPESCRIPT_SINCE);
  const tsconfig = plan.project.tsconfig ? resolve(cwd, plan.project.tsconfig) : tsconfigFor(ts, cwd, firstTs);
  if (!tsconfig) return undefined;
  return verifyRewrite(ts, cwd, tsconfig, [
    ...changed.map((r) => ({ file: r.file, before: r.input, after: r.output })),
    ...helpers.map((h) => ({ file: h.file, before: undefined, after: h.source })),
  ]);
}
