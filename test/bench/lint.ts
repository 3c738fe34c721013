// Lint benchmark (`pnpm bench lint`): the cost of @rtm-migrate/eslint-plugin over ESLint with the
// parser alone, on a deterministic corpus of TypeScript files (5% of them use rtm.start).
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PLUGIN_DIR = join(ROOT, 'packages', 'eslint-plugin');
// eslint and the parser are the plugin's (dev) dependencies, not the root's.
const requireFromPlugin = createRequire(join(PLUGIN_DIR, 'package.json'));

type ESLintClass = typeof import('eslint').ESLint;
type Config = import('eslint').Linter.Config;

const FILES = 2000;
const POSITIVE_RATIO = 0.05;

/** mulberry32: the same corpus on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const negative = (i: number, lines: number): string => `import { readFile } from 'node:fs/promises';

export interface Item${i} { id: string; name: string; tags: string[] }

export async function load${i}(path: string): Promise<Map<string, number>> {
  const items = JSON.parse(await readFile(path, 'utf8')) as Item${i}[];
  const byTag = new Map<string, number>();
  for (const item of items) for (const tag of item.tags) byTag.set(tag, (byTag.get(tag) ?? 0) + 1);
  return byTag;
}

export function compute${i}(values: number[]): number {
  let total = 0;
${Array.from({ length: lines }, (_, k) => `  total += values[${k % 7}]! * ${k + 1}; // step ${k}`).join('\n')}
  return total;
}
`;

/** rtm.start in varied forms: member call, destructuring, then-chain, apiCall, raw HTTP, RTMClient, computed, .call. */
const POSITIVES: readonly ((i: number) => string)[] = [
  (i) => `import { WebClient } from '@slack/web-api';
export async function boot${i}(web: WebClient): Promise<number> {
  const res = await web.rtm.start({ no_unreads: true, batch_presence_aware: true });
  return res.users!.filter((u) => !u.deleted).length;
}
`,
  (i) => `import { WebClient } from '@slack/web-api';
export async function who${i}(web: WebClient) {
  const { channels, self } = await web.rtm.start();
  return { me: self?.id, joined: channels?.filter((c) => c.is_member).length };
}
`,
  (i) => `import { WebClient } from '@slack/web-api';
export function dms${i}(web: WebClient, out: Map<string, string>): void {
  web.rtm.start().then((r) => r.ims?.forEach((im) => out.set(im.user!, im.id!)));
}
`,
  (i) => `import { WebClient } from '@slack/web-api';
const METHOD = 'rtm.start';
export async function raw${i}(web: WebClient) {
  const res = await web.apiCall(METHOD, { simple_latest: 1 });
  return (res as { groups?: unknown[] }).groups?.length;
}
`,
  (i) => `export async function http${i}(token: string) {
  const res = await fetch('https://slack.com/api/rtm.start?no_latest=1', { headers: { Authorization: \`Bearer \${token}\` } });
  return res.json();
}
`,
  (i) => `import { RTMClient } from '@slack/rtm-api';
export const rtm${i} = new RTMClient(process.env['SLACK_BOT_TOKEN']!, { useRtmConnect: false });
`,
  (i) => `import { WebClient } from '@slack/web-api';
export async function url${i}(web: WebClient): Promise<string> {
  const res = await web.rtm['start']({ mpim_aware: true });
  return res.url!;
}
`,
  (i) => `import { WebClient } from '@slack/web-api';
export async function call${i}(web: WebClient) {
  const res = await web.rtm.start.call(web.rtm, { include_locale: true });
  for (const c of res.channels ?? []) console.log((c as { members?: string[] }).members?.length);
}
`,
];

async function writeCorpus(dir: string): Promise<{ positives: number }> {
  const random = prng(20260723);
  let positives = 0;
  for (let i = 0; i < FILES; i++) {
    const folder = join(dir, 'src', `pkg-${String(i % 40).padStart(2, '0')}`);
    await mkdir(folder, { recursive: true });
    const positive = Math.floor((i + 1) * POSITIVE_RATIO) > Math.floor(i * POSITIVE_RATIO);
    const text = positive ? POSITIVES[positives++ % POSITIVES.length]!(i) : negative(i, 30 + Math.floor(random() * 270));
    await writeFile(join(folder, `${positive ? 'slack' : 'mod'}-${i}.ts`), text);
  }
  await writeFile(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, noEmit: true, types: ['node'], lib: ['ES2022', 'DOM'] },
      include: ['src'],
    }),
  );
  // @slack/web-api 7 and @slack/rtm-api for the type-checked runs: the legacy bot fixture has them.
  await symlink(join(ROOT, 'fixtures', 'legacy-bot', 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { positives };
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
  const plugin = (await import(join(PLUGIN_DIR, 'dist', 'index.js'))).default as {
    configs: { recommended: Config; 'recommended-type-checked': Config };
  };
  const dir = await mkdtemp(join(tmpdir(), 'rtm-lint-bench-'));
  try {
    const { positives } = await writeCorpus(dir);
    console.log(`corpus: ${FILES} TypeScript files, ${positives} using rtm.start (${dir})`);
    const parser: Config = { files: ['**/*.ts'], languageOptions: { parser: tsParser } };
    const typed: Config = { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { projectService: true, tsconfigRootDir: dir } } };
    const rows: [string, Config[], Config[]][] = [
      ['syntactic', [parser], [parser, plugin.configs.recommended]],
      ['type-checked', [typed], [typed, plugin.configs['recommended-type-checked']]],
    ];
    for (const [label, base, withPlugin] of rows) {
      await lintOnce(ESLint, dir, withPlugin); // warm-up (JIT, file cache, the project service)
      const rounds = Number(process.env['LINT_BENCH_ROUNDS'] ?? 3);
      const { base: baseMs, plugged: pluggedMs, problems } = await compare(ESLint, dir, base, withPlugin, rounds);
      console.log(
        `${label.padEnd(13)} parser only ${(baseMs / 1000).toFixed(2)} s (${Math.round((FILES / baseMs) * 1000)} files/s)` +
          ` | with plugin ${(pluggedMs / 1000).toFixed(2)} s (${Math.round((FILES / pluggedMs) * 1000)} files/s, ${problems} findings)` +
          ` | ratio ${(pluggedMs / baseMs).toFixed(3)}× (target ≤ 1.05×, median of ${rounds}, alternating)`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runLintBench();
