import { spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeBotkitProject } from './botkit-project.js';
import { writeCorpus } from './corpus.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'packages', 'codemod', 'dist', 'cli.js');
const JSCODESHIFT = join(ROOT, 'packages', 'codemod', 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');

function time(command: string, args: readonly string[], cwd: string): { ms: number; stdout: string; code: number | null } {
  const started = performance.now();
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, CI: '1' } });
  const ms = performance.now() - started;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(0, 500)}`);
  return { ms, stdout: r.stdout, code: r.status };
}

/** Best of `n` runs of each of `fs`, taken in turns so that both see the same load on the machine. */
function bestInTurns(n: number, fs: readonly (() => { ms: number })[]): number[] {
  const mins = fs.map(() => Infinity);
  for (let i = 0; i < n; i++) fs.forEach((f, k) => (mins[k] = Math.min(mins[k]!, f().ms)));
  return mins;
}

/** Node's floor for "is there anything to do here": read every file under a folder and search it for the string. */
const BARE_SEARCH = `import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
let hits = 0;
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (readFileSync(p, 'utf8').includes('rtm.start')) hits++;
  }
};
walk(process.argv[2]);
console.log(hits);
`;

/** Best of `n` runs (the least disturbed by the machine). */
function best(n: number, f: () => { ms: number }): number {
  let min = Infinity;
  for (let i = 0; i < n; i++) min = Math.min(min, f().ms);
  return min;
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const x = (a: number, b: number): string => `${(a / b).toFixed(1)}×`;

/**
 * `pnpm bench codemod`: the CLI on a generated 2,000-file corpus (5 % positive) against jscodeshift's
 * own runner with a no-op transform and against `grep -rl`, the time per positive file, and
 * `--workers 1` against `--workers 2`, and a Botkit project's
 * start followed through 50 to 200 skill modules against the same tree without Botkit.
 */
export async function runCodemodBench(): Promise<void> {
  const base = await mkdtemp(join(tmpdir(), 'rtm-migrate-bench-'));
  try {
    const corpusDir = join(base, 'corpus');
    const corpus = await writeCorpus(corpusDir, { files: 2000, positiveRatio: 0.05 });
    console.log(`corpus: ${corpus.files} files (${corpus.positives.length} positive, ${corpus.negatives} negative), deterministic`);

    // The usual no-op codemod parses each file and prints it back unchanged (what any real transform
    // pays before it can decide to do nothing); the bare one returns the text without parsing.
    const noop = join(base, 'noop.cjs');
    await writeFile(noop, 'module.exports = function noop(file, api) { return api.jscodeshift(file.source).toSource(); };\n');
    const bare = join(base, 'bare.cjs');
    await writeFile(bare, 'module.exports = function bare(file) { return file.source; };\n');
    const positivesDir = join(base, 'positives');
    await mkdir(positivesDir);
    for (const [i, f] of corpus.positives.entries()) await cp(f, join(positivesDir, `${i}-${f.split(/[\\/]/).pop()}`));
    const emptyDir = join(base, 'empty');
    await mkdir(emptyDir);

    const runs = Number(process.env['BENCH_RUNS'] ?? 3);

    // Most repositories hold no rtm.start: the run must cost little more than reading the files.
    const noneDir = join(base, 'none');
    await writeCorpus(noneDir, { files: 2000, positiveRatio: 0 });
    const bareScript = join(base, 'bare-search.mjs');
    await writeFile(bareScript, BARE_SEARCH);
    const [cliNone, bareNone] = bestInTurns(Math.max(runs, 9), [
      () => time(process.execPath, [CLI, 'apply', noneDir, '--dry'], base),
      () => time(process.execPath, [bareScript, noneDir], base),
    ]) as [number, number];
    // In turns, so that a busy machine weighs on rtm-migrate and jscodeshift alike.
    const [cliDry, jscsInBand, jscsPool, jscsBare] = bestInTurns(runs, [
      () => time(process.execPath, [CLI, 'apply', corpusDir, '--dry'], base),
      () => time(process.execPath, [JSCODESHIFT, '-t', noop, '--dry', '--silent', '--run-in-band', '--extensions=ts,js', '--parser=ts', corpusDir], base),
      () => time(process.execPath, [JSCODESHIFT, '-t', noop, '--dry', '--silent', '--extensions=ts,js', '--parser=ts', corpusDir], base),
      () => time(process.execPath, [JSCODESHIFT, '-t', bare, '--dry', '--silent', '--run-in-band', '--extensions=ts,js', '--parser=ts', corpusDir], base),
    ]) as [number, number, number, number];
    const check = time(process.execPath, [CLI, 'apply', corpusDir, '--dry'], base).stdout;
    const grep = best(runs, () => time('grep', ['-rl', 'rtm.start', corpusDir], base));
    const grepCount = time('grep', ['-rl', 'rtm.start', corpusDir], base).stdout.trim().split('\n').length;

    const empty = best(runs, () => time(process.execPath, [CLI, 'apply', emptyDir, '--dry'], base));
    const positivesOnly = best(runs, () => time(process.execPath, [CLI, 'apply', positivesDir, '--dry'], base));
    const perPositive = (positivesOnly - empty) / corpus.positives.length;

    const w1 = best(runs, () => time(process.execPath, [CLI, 'apply', corpusDir, '--dry', '--workers', '1'], base));
    const w2 = best(runs, () => time(process.execPath, [CLI, 'apply', corpusDir, '--dry', '--workers', '2'], base));

    // A real write, on a fresh copy.
    const writeDir = join(base, 'write');
    await cp(corpusDir, writeDir, { recursive: true });
    const wrote = time(process.execPath, [CLI, 'apply', writeDir], base);
    const second = time(process.execPath, [CLI, 'apply', writeDir, '--check'], base);

    const line = (label: string, value: string): void => console.log(`  ${label.padEnd(52)} ${value}`);
    console.log(`2,000 files, none positive, best of ${Math.max(runs, 9)} in turns:`);
    line('rtm-migrate apply --dry', `${s(cliNone)}  → ${x(cliNone, bareNone)} of the bare Node read + search`);
    line('bare Node script: read every file, search "rtm.start"', s(bareNone));
    console.log(`end to end over ${corpus.files} files, best of ${runs} (rtm-migrate and jscodeshift in turns):`);
    line('rtm-migrate apply --dry (pre-filter + scan + transform)', s(cliDry));
    line('jscodeshift -t noop (parse + print) --run-in-band', `${s(jscsInBand)}  → rtm-migrate is ${x(jscsInBand, cliDry)} faster`);
    line('jscodeshift -t noop (parse + print), its worker pool', `${s(jscsPool)}  → rtm-migrate is ${x(jscsPool, cliDry)} faster`);
    line('jscodeshift -t bare (returns the text, no parse)', `${s(jscsBare)}  → ratio ${x(jscsBare, cliDry)}`);
    line(`grep -rl rtm.start (${grepCount} files)`, `${s(grep)}  → rtm-migrate is ${x(cliDry, grep)} slower`);
    line('rtm-migrate on an empty folder (start-up)', s(empty));
    line(`rtm-migrate on the ${corpus.positives.length} positive files alone`, s(positivesOnly));
    line('time per positive file ((positives − empty) / n)', `${perPositive.toFixed(1)} ms`);
    line('--workers 1', s(w1));
    line('--workers 2', `${s(w2)}  (${x(w1, w2)} of --workers 1)`);
    line('apply (writing) on a copy', `${s(wrote.ms)}; second run --check exit ${second.code} (0 = nothing to change, no TODO left)`);
    const summary = check.split('\n').filter((l) => /^(files seen|skipped by pre-filter|would change|TODOs left|failed):/.test(l));
    for (const l of summary) line('  ' + l.split(':')[0]!, l.split(':').slice(1).join(':').trim().replace(/ \(.*$/, ''));
    // Botkit's start is followed through every skill module's handlers (botkit-escapes.ts): its cost should
    // grow with the project like the plain project's does, not with the square of its skills.
    console.log(`a Botkit 0.4 project against the same tree started with web.rtm.start(), best of ${runs} in turns:`);
    for (const skills of [50, 100, 200]) {
      const botkitDir = join(base, `botkit-${skills}`);
      const plainDir = join(base, `plain-${skills}`);
      await writeBotkitProject(botkitDir, skills, { botkit: true });
      await writeBotkitProject(plainDir, skills, { botkit: false });
      const [botkitMs, plainMs] = bestInTurns(runs, [
        () => time(process.execPath, [CLI, 'apply', botkitDir, '--dry'], base),
        () => time(process.execPath, [CLI, 'apply', plainDir, '--dry'], base),
      ]) as [number, number];
      line(`${skills} skill modules: Botkit startRTM (helper module)`, `${s(botkitMs)}  → ${x(botkitMs, plainMs)} of the plain project (${s(plainMs)}), ${(botkitMs / skills).toFixed(0)} ms per skill`);
    }
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runCodemodBench();
