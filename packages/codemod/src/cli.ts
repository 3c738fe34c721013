#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { withoutTokens } from '@rtm-migrate/core';
import { apply, scanFiles, type ApplyOptions } from './apply.js';
import { humanScanProblems, humanSummary } from './report/summary.js';
import { parseWorkspace } from './scan/workspace.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

const EXIT = { done: 0, checkFoundWork: 1, typeErrors: 1, usage: 2, interrupted: 130 } as const;

function workspaceOption(value: string) {
  try {
    return parseWorkspace(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message.replace(/^--workspace: /, ''));
  }
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

interface ApplyFlags {
  dry?: boolean;
  print?: boolean;
  diff?: boolean;
  report?: 'json' | 'md' | 'sarif';
  parser?: 'ts' | 'tsx' | 'babel';
  ignore: string[];
  workers: number;
  check?: boolean;
  allowDirty?: boolean;
  helper: 'inline' | 'shim';
  workspace?: ReturnType<typeof parseWorkspace>;
  verify: boolean;
}

async function progressBar(enabled: boolean) {
  if (!enabled) return { onStart: undefined, onProgress: undefined, stop: () => undefined };
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  const bar = new SingleBar({ format: 'rtm-migrate {phase} [{bar}] {value}/{total} files', clearOnComplete: true, stream: process.stderr }, Presets.shades_classic);
  return {
    onStart: (total: number, phase: string) => bar.start(total, 0, { phase }),
    onProgress: (done: number) => bar.update(done),
    stop: () => bar.stop(),
  };
}

async function runApply(paths: string[], flags: ApplyFlags): Promise<number> {
  const machineOut = flags.print === true || flags.diff === true || flags.report !== undefined;
  const progress = await progressBar(process.stderr.isTTY && !process.env['CI']);
  // Ctrl-C while files are being written: finish the file in hand, write no other, say what was written.
  // (Before that nothing is written, and Node's own Ctrl-C ends the run at once.)
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  const onStart = (total: number, phase: 'scanning' | 'rewriting' | 'writing'): void => {
    if (phase === 'writing') {
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
    }
    progress.onStart?.(total, phase);
  };
  const options: ApplyOptions = {
    paths,
    dry: flags.dry ?? false,
    print: flags.print ?? false,
    diff: flags.diff ?? false,
    check: flags.check ?? false,
    allowDirty: flags.allowDirty ?? false,
    ignore: flags.ignore,
    workers: flags.workers,
    helper: flags.helper,
    verify: flags.verify,
    ...(flags.parser ? { parser: flags.parser } : {}),
    ...(flags.workspace ? { workspace: flags.workspace } : {}),
    onStart,
    signal: stop.signal,
    ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
  };
  let summary;
  try {
    summary = await apply(options);
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  for (const text of summary.printed) say(process.stdout, text.endsWith('\n') ? text : `${text}\n`);
  if (flags.report) {
    const { jsonReport, markdownReport, sarifReport } = await import('./report/index.js');
    if (flags.report === 'json') say(process.stdout, jsonReport(summary) + '\n');
    if (flags.report === 'md') say(process.stdout, markdownReport(summary));
    if (flags.report === 'sarif') say(process.stdout, sarifReport(summary, pkg.version) + '\n');
  }
  say(machineOut ? process.stderr : process.stdout, humanSummary(summary, options));
  if (summary.interrupted.length > 0) return EXIT.interrupted;
  if (summary.failed.length > 0) return EXIT.usage;
  if ((summary.verification?.introduced.length ?? 0) > 0) return EXIT.typeErrors;
  // A TODO left by an earlier run is work too: its call still requests rtm.start (blind s67: a second --check passed on 11 of them).
  if (flags.check && (summary.changed.length > 0 || summary.todos > 0 || summary.skipped.some((s) => s.mentionsRtmStart) || summary.startingDependencies.length > 0)) return EXIT.checkFoundWork;
  return EXIT.done;
}

/**
 * Writes what rtm-migrate prints of the code (sites, TODOs, diffs, reports) with every token Slack could
 * have issued cut (core's withoutTokens): a token written into the code must not reach a terminal or a CI log.
 */
function say(stream: NodeJS.WriteStream, text: string): void {
  stream.write(withoutTokens(text));
}

async function runScan(paths: string[], flags: { json?: boolean; workspace?: ReturnType<typeof parseWorkspace>; ignore: string[]; helper: 'inline' | 'shim' }): Promise<number> {
  // scan can take a while on a large repository: a progress bar on a terminal (stderr), nothing otherwise.
  const progress = await progressBar(process.stderr.isTTY && !process.env['CI']);
  let summary;
  try {
    summary = await scanFiles({
      ...(progress.onStart ? { onStart: progress.onStart, onProgress: progress.onProgress } : {}),
      paths,
      ignore: flags.ignore,
      helper: flags.helper,
      ...(flags.workspace ? { workspace: flags.workspace } : {}),
    });
  } finally {
    progress.stop();
  }
  const { humanPlan, scanJson } = await import('./report/index.js');
  if (flags.json) {
    say(process.stdout, scanJson(summary) + '\n');
    // stdout is the JSON: the files that failed or were skipped are said on stderr too.
    say(process.stderr, humanScanProblems(summary));
  } else {
    say(process.stdout, humanPlan(summary.plan, summary));
  }
  return summary.failed.length > 0 ? EXIT.usage : EXIT.done;
}

function program(): Command {
  const p = new Command('rtm-migrate')
    .description("Migrate Slack apps off the retired `rtm.start`: rtm.connect plus the Web API calls that replace the data the code reads.")
    .version(pkg.version, '-V, --version')
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      `
Exit codes: 0 done, 1 --check found work or the rewrite introduced type errors, 2 bad usage or files that failed, 130 interrupted.
Examples:
  rtm-migrate scan src/ --workspace users=5000,channels=800
  rtm-migrate src/ --dry --diff
  rtm-migrate apply src/ --check          # in CI`,
    );
  const helperOption = () => new Option('--helper <kind>', 'inline: rtm.connect + the replacement calls, or a generated rtm-start-data module where they cannot go; shim: rtmStartCompat() from @rtm-migrate/shim').choices(['inline', 'shim']).default('inline');
  const workspace = () => new Option('--workspace <spec>', 'workspace size for the call estimate: users=N,channels=N[,groups=N,mpims=N,ims=N,bots=N,member-of=N,members=N]').argParser(workspaceOption);

  p.command('apply', { isDefault: true })
    .description('rewrite rtm.start sites (default command)')
    .argument('<paths...>', 'files or folders')
    .option('--dry', 'do not write files')
    .option('--print', 'print each changed file')
    .option('--diff', 'print a unified diff of each changed file')
    .addOption(new Option('--report <format>', 'print a report').choices(['json', 'md', 'sarif']))
    .addOption(new Option('--parser <parser>', 'parser (default: per extension: .ts ts, .tsx tsx, .js/.cjs/.mjs/.jsx/.es6/.es babel)').choices(['ts', 'tsx', 'babel']))
    .option('--ignore <glob>', 'skip paths matching the glob (repeatable; .gitignore and node_modules are always skipped)', collect, [])
    .option('--workers <n>', 'worker threads for the transforms', positiveInt, 1)
    .option('--check', 'write nothing; exit 1 if any file would change, a TODO is left or a dependency starts rtm.start (for CI)')
    .option('--allow-dirty', 'write even if the git tree has uncommitted changes')
    .option('--no-verify', 'skip the type-check of the changed TypeScript files (run when a tsconfig.json governs them)')
    .addOption(helperOption())
    .addOption(workspace())
    .action(async (paths: string[], flags: ApplyFlags) => {
      process.exitCode = await runApply(paths, flags);
    });

  p.command('scan')
    .description('find rtm.start sites, follow each response to the fields read, and print the plan')
    .argument('<paths...>', 'files or folders (a tsconfig.json in a folder is loaded)')
    .option('--json', 'print the plan as JSON')
    .option('--ignore <glob>', 'skip paths matching the glob (repeatable)', collect, [])
    .addOption(helperOption())
    .addOption(workspace())
    .action(async (paths: string[], flags: { json?: boolean; workspace?: ReturnType<typeof parseWorkspace>; ignore: string[]; helper: 'inline' | 'shim' }) => {
      process.exitCode = await runScan(paths, flags);
    });
  return p;
}

async function main(argv: string[]): Promise<void> {
  const p = program();
  p.exitOverride();
  for (const c of p.commands) c.exitOverride();
  p.configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: () => undefined });
  for (const c of p.commands) c.configureOutput({ writeErr: (s) => process.stderr.write(s), outputError: () => undefined });
  try {
    await p.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
        process.exitCode = 0;
        return;
      }
      process.stderr.write(`rtm-migrate: ${err.message.replace(/^error: /, '')}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    const message = err instanceof Error ? err.message : String(err);
    const pc = (await import('picocolors')).default;
    process.stderr.write(`${pc.red('rtm-migrate:')} ${message}\n`);
    process.exitCode = EXIT.usage;
  }
}

// A reader that stops early (`rtm-migrate apply --diff | head`) closes the pipe. The run goes on (an
// apply still writes every file it planned); only what it prints is dropped, with no EPIPE stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
  throw err;
});

await main(process.argv);
