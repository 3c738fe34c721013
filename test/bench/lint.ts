// Lint benchmark (`pnpm bench lint`): the cost of @rtm-migrate/eslint-plugin over ESLint with the
// parser alone, on a deterministic corpus of TypeScript files (5% of them use rtm.start).
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeCorpus } from './corpus.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PLUGIN_DIR = join(ROOT, 'packages', 'eslint-plugin');
// eslint and the parser are the plugin's (dev) dependencies, not the root's.
const requireFromPlugin = createRequire(join(PLUGIN_DIR, 'package.json'));

type ESLintClass = typeof import('eslint').ESLint;
type Config = import('eslint').Linter.Config;

/** `LINT_BENCH_FILES` shortens the run (the default is the figure the README quotes). */
const FILES = Number(process.env['LINT_BENCH_FILES'] ?? 2000);
const POSITIVE_RATIO = 0.05;

/** The shared bench corpus, TypeScript only, plus a tsconfig and Slack's types for the type-checked runs. */
async function writeLintCorpus(dir: string): Promise<{ positives: number }> {
  const { positives } = await writeCorpus(join(dir, 'src'), { files: FILES, positiveRatio: POSITIVE_RATIO, typescriptOnly: true });
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: ['node'], lib: ['ES2022', 'DOM'] },
      include: ['src'],
    }),
  );
  // @slack/web-api 7 and @slack/rtm-api for the type-checked runs: the legacy bot fixture has them.
  await symlink(join(ROOT, 'fixtures', 'legacy-bot', 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { positives: positives.length };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function lintOnce(ESLint: ESLintClass, cwd: string, config: Config[]): Promise<{ ms: number; problems: number }> {
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config, cache: false });
  const started = performance.now();
  const results = await eslint.lintFiles(['src/**/*.ts']);
  return { ms: performance.now() - started, problems: results.reduce((n, res) => n + res.messages.length, 0) };
}

/** Runs both configs in alternating order, `rounds` times each, so that drift hits both alike; medians. */
async function compare(ESLint: ESLintClass, cwd: string, base: Config[], plugged: Config[], rounds: number) {
  const a: number[] = [];
  const b: number[] = [];
  let problems = 0;
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? ['base', 'plugged'] : ['plugged', 'base'];
    for (const which of order) {
      const run = await lintOnce(ESLint, cwd, which === 'base' ? base : plugged);
      if (which === 'base') a.push(run.ms);
      else {
        b.push(run.ms);
        problems = run.problems;
      }
    }
  }
  return { base: median(a), plugged: median(b), problems };
}

export async function runLintBench(): Promise<void> {
  const { ESLint } = requireFromPlugin('eslint') as typeof import('eslint');
  const tsParser = requireFromPlugin('@typescript-eslint/parser') as import('eslint').Linter.Parser;
  const { default: plugin } = (await import(join(PLUGIN_DIR, 'dist', 'index.js'))) as {
    default: { configs: { recommended: Config; 'recommended-type-checked': Config } };
  };
  const dir = await mkdtemp(join(tmpdir(), 'rtm-lint-bench-'));
  try {
    const { positives } = await writeLintCorpus(dir);
    console.log(`corpus: ${FILES} TypeScript files, ${positives} using rtm.start (${dir})`);
    const parser: Config = { files: ['**/*.ts'], languageOptions: { parser: tsParser } };
    const typed: Config = { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: dir } } };
    // ESLint traverses the AST only when some rule listens: a single rule that does nothing already costs
    // that walk. Against it, the plugin's own cost shows apart from ESLint's.
    const emptyRule: Config = { plugins: { baseline: { rules: { noop: { create: () => ({}) } } } }, rules: { 'baseline/noop': 'error' } };
    const rows: [string, Config[], Config[]][] = [
      ['syntactic', [parser], [parser, plugin.configs.recommended]],
      ['vs 1 empty rule', [parser, emptyRule], [parser, plugin.configs.recommended]],
      ['type-checked', [typed], [typed, plugin.configs['recommended-type-checked']]],
    ];
    for (const [label, base, withPlugin] of rows) {
      await lintOnce(ESLint, dir, withPlugin); // warm-up (JIT, file cache, the project service)
      const rounds = Number(process.env['LINT_BENCH_ROUNDS'] ?? 3);
      const { base: baseMs, plugged: pluggedMs, problems } = await compare(ESLint, dir, base, withPlugin, rounds);
      console.log(
        `${label.padEnd(16)} baseline ${(baseMs / 1000).toFixed(2)} s (${Math.round((FILES / baseMs) * 1000)} files/s)` +
          ` | with plugin ${(pluggedMs / 1000).toFixed(2)} s (${Math.round((FILES / pluggedMs) * 1000)} files/s, ${problems} findings)` +
          ` | ratio ${(pluggedMs / baseMs).toFixed(3)}× (target ≤ 1.05×, median of ${rounds}, alternating)`,
      );
    }
    await ruleShare(ESLint, dir, [parser, plugin.configs.recommended]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The plugin's own time as ESLint accounts it (`stats`: per-rule listener time against parse time):
 * a figure that machine load moves much less than the wall-clock ratios above.
 */
async function ruleShare(ESLint: ESLintClass, cwd: string, config: Config[]): Promise<void> {
  const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config, cache: false, stats: true });
  let parse = 0;
  let rules = 0;
  for (const result of await eslint.lintFiles(['src/**/*.ts'])) {
    for (const pass of result.stats?.times.passes ?? []) {
      parse += pass.parse?.total ?? 0;
      for (const rule of Object.values(pass.rules ?? {})) rules += rule.total;
    }
  }
  console.log(`rule time        @rtm-migrate rules ${rules.toFixed(0)} ms against ${parse.toFixed(0)} ms of parsing: ${((100 * rules) / parse).toFixed(1)}% (ESLint stats, recommended)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runLintBench();
