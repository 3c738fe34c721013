import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Workspace, type FakeSlackStats } from '@rtm-migrate/fake-slack';
import { compatCost, withRtmStartCompat, type RtmStartCompatArguments, type RtmStartCompatOptions } from '@rtm-migrate/shim';

/*
 * shim: rebuilds rtm.start for workspaces of 1k/10k/50k users against fake-slack with Slack's rate
 * tiers enforced at a time scale, and prints calls vs core's costOfReplacement() (target 1.00), wall
 * time vs the scaled tier floor (target ≤ 1.1×), 429s (target 0) and the shim process's peak RSS,
 * then the same for a naive sequential implementation.
 *
 * Three processes per run, so that neither side's event-loop stalls (GC, parsing a large page)
 * shift the other's clock: this one (coordinator: computes the plan, prints), fake-slack's CLI (its
 * own process, `--stats-on-exit` for the call and 429 counts), and the implementation under test
 * (this file again, in `child` mode: its peak RSS is its process's own maxRSS).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FAKE_CLI = fileURLToPath(new URL('../../packages/fake-slack/dist/cli.js', import.meta.url));
const THIS_FILE = fileURLToPath(import.meta.url);
const CHILD_ENV = 'RTM_MIGRATE_SHIM_BENCH_RUN';

/** The build measured: what an rtm.start caller with `mpim_aware` reads, members of joined conversations. */
const ARGS: RtmStartCompatArguments = { mpim_aware: true };
const TOKEN = 'xoxb-test';

interface BenchWorkspace {
  readonly users: number;
  readonly channels: number;
  /** Scales every tier's minute, in fake-slack and in the shim's pacer alike. */
  readonly timeScale: number;
  readonly pageSize: number;
  /** Printed when the page size is not the shim's default. */
  readonly why?: string;
}

/**
 * Time scales keep the Tier 4 interval (600 ms × scale) at 3 ms or more: below that, timer
 * resolution (1 ms) and event-loop stalls are a large share of an interval. 50k users at the default
 * page size would be ~102k calls, a floor of 61 130 s: 306 s at that scale, over the bench's budget.
 */
const WORKSPACES: readonly BenchWorkspace[] = [
  { users: 1_000, channels: 200, timeScale: 0.04, pageSize: 200 },
  { users: 10_000, channels: 2_000, timeScale: 0.005, pageSize: 200 },
  {
    users: 50_000,
    channels: 5_000,
    timeScale: 0.005,
    pageSize: 999,
    why: 'at page size 200 it is ~102k calls, floor 306 s at Tier 4 ≥ 3 ms, over the ~2 min budget; 999 is conversations.list\'s maximum',
  },
];
/** The naive implementation is stopped after this many seconds (each 429 costs it ≥ 1 real second). */
const NAIVE_BUDGET_SECONDS = 3;

type Impl = 'shim' | 'naive sequential';

interface ChildTask {
  readonly impl: Impl;
  readonly apiUrl: string;
  readonly timeScale: number;
  readonly pageSize: number;
  readonly budgetSeconds: number;
}

interface ChildResult {
  readonly wall: number;
  readonly finished: boolean;
  /** process.resourceUsage().maxRSS: KiB. */
  readonly maxRssKb: number;
}

interface Row {
  impl: Impl;
  workspace: string;
  calls: number;
  planned: number;
  wall: number;
  floor: number;
  ratelimited: number;
  rssMb: number;
  note: string;
}

function options(w: Pick<BenchWorkspace, 'timeScale' | 'pageSize'>): RtmStartCompatOptions {
  // Everything else at the shim's defaults (concurrency 4, members of joined conversations).
  return { mode: 'always', pageSize: w.pageSize, rateLimit: { timeScale: w.timeScale } };
}

// ---------------------------------------------------------------------------------------------
// child mode: one implementation, one run

// @slack/web-api is the shim's (dev) dependency, not the root's.
function webApi(): typeof import('@slack/web-api') {
  return createRequire(new URL('../../packages/shim/package.json', import.meta.url))('@slack/web-api') as typeof import('@slack/web-api');
}

/**
 * What a hand-written replacement typically looks like: one call after the other, no pacing,
 * WebClient's own 429 handling (it waits `Retry-After`, in real seconds).
 */
async function naiveSequential(web: InstanceType<ReturnType<typeof webApi>['WebClient']>, pageSize: number): Promise<boolean> {
  const pages = async (method: string, args: Record<string, unknown>, field: string): Promise<Record<string, unknown>[]> => {
    const out: Record<string, unknown>[] = [];
    let cursor = '';
    do {
      const res = (await web.apiCall(method, { ...args, limit: pageSize, ...(cursor ? { cursor } : {}) })) as unknown as Record<string, unknown> & {
        response_metadata?: { next_cursor?: string };
      };
      out.push(...((res[field] as Record<string, unknown>[] | undefined) ?? []));
      cursor = res.response_metadata?.next_cursor ?? '';
    } while (cursor);
    return out;
  };
  await pages('users.list', {}, 'members');
  for (const types of ['public_channel', 'private_channel', 'mpim', 'im']) {
    const list = await pages('conversations.list', { types }, 'channels');
    if (types === 'im') continue;
    for (const c of list) if (c['is_member']) c['members'] = await pages('conversations.members', { channel: c['id'] }, 'members');
  }
  await web.apiCall('team.info');
  await web.apiCall('rtm.connect');
  return true;
}

async function runChild(task: ChildTask): Promise<void> {
  const { WebClient, LogLevel } = webApi();
  // The shim handles a 429 per method (its pacer waits Retry-After); the naive one lets WebClient pause everything.
  const web = new WebClient(TOKEN, { slackApiUrl: task.apiUrl, logLevel: LogLevel.ERROR, rejectRateLimitedCalls: task.impl === 'shim' });
  const started = performance.now();
  let finished: boolean;
  if (task.impl === 'shim') {
    const res = await withRtmStartCompat(web, options(task)).rtm.start(ARGS);
    finished = res.ok;
  } else {
    let timer: ReturnType<typeof setTimeout> | undefined;
    finished = await Promise.race([
      naiveSequential(web, task.pageSize),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), task.budgetSeconds * 1000))),
    ]);
    clearTimeout(timer);
  }
  const result: ChildResult = { wall: (performance.now() - started) / 1000, finished, maxRssKb: process.resourceUsage().maxRSS };
  process.stdout.write(`result ${JSON.stringify(result)}\n`, () => process.exit(0));
}

// ---------------------------------------------------------------------------------------------
// coordinator

/** Collects a child's stdout lines; `line(re)` waits for the first that matches. */
function lines(child: ChildProcessByStdio<null, Readable, Readable>, name: string) {
  let buffer = '';
  const seen: string[] = [];
  let stderr = '';
  const waiters: (() => void)[] = [];
  let exited = false;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    buffer += d;
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    seen.push(...parts);
    for (const w of waiters.splice(0)) w();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.once('exit', () => {
    exited = true;
    for (const w of waiters.splice(0)) w();
  });
  return async (re: RegExp): Promise<RegExpExecArray> => {
    for (;;) {
      for (const l of seen) {
        const m = re.exec(l);
        if (m) return m;
      }
      if (exited) throw new Error(`${name} exited without printing ${re}: ${stderr.trim() || seen.join('\n')}`);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
}

async function startFake(w: BenchWorkspace) {
  const child = spawn(
    process.execPath,
    [
      FAKE_CLI,
      ...['--users', String(w.users), '--channels', String(w.channels), '--mode', 'connect_required'],
      ...['--rate-limits', '--time-scale', String(w.timeScale), '--port', '0', '--quiet', '--stats-on-exit'],
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const line = lines(child, 'fake-slack');
  const [, apiUrl] = await line(/listening: (http:\/\/127\.0\.0\.1:\d+\/api\/)/);
  const [, users] = await line(/generated in \d+ ms: (\d+) users/);
  if (Number(users) !== w.users) throw new Error(`fake-slack generated ${users} users, expected ${w.users}`);
  return {
    apiUrl: apiUrl!,
    /** SIGTERM; resolves with the stats fake-slack prints on exit. */
    async stop(): Promise<FakeSlackStats> {
      child.kill('SIGTERM');
      const [, json] = await line(/^stats (\{.*\})$/);
      return JSON.parse(json!) as FakeSlackStats;
    },
    kill: () => child.kill('SIGKILL'),
  };
}

/** Runs `task` in a child process; killed (and an error) after `timeoutSeconds`. */
async function runImpl(task: ChildTask, timeoutSeconds: number): Promise<ChildResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', THIS_FILE], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, [CHILD_ENV]: JSON.stringify(task) },
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSeconds * 1000);
  try {
    const [, json] = await lines(child, `${task.impl} (killed after ${timeoutSeconds} s?)`)(/^result (\{.*\})$/);
    return JSON.parse(json!) as ChildResult;
  } finally {
    clearTimeout(timer);
    child.kill('SIGKILL');
  }
}

export async function runShimBench(): Promise<void> {
  const started = performance.now();
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const w of WORKSPACES) {
    const label = `${w.users / 1000}k users / ${w.channels} ch`;
    // Same seed and size as fake-slack's CLI generates (default seed 1).
    const size = new Workspace({ users: w.users, channels: w.channels, seed: 1 }).size();
    const cost = compatCost(size, ARGS, options(w));
    const floor = cost.floorSeconds * w.timeScale;
    notes.push(
      `${label}: page size ${w.pageSize}${w.why ? ` (not 200: ${w.why})` : ''}, time scale ${w.timeScale} ` +
        `(Tier 4 interval ${(600 * w.timeScale).toFixed(1)} ms), plan ${cost.calls} calls, floor ${cost.floorSeconds} s × ${w.timeScale} = ${floor.toFixed(2)} s`,
    );
    for (const impl of ['shim', 'naive sequential'] as const) {
      const fake = await startFake(w);
      try {
        const task: ChildTask = { impl, apiUrl: fake.apiUrl, timeScale: w.timeScale, pageSize: w.pageSize, budgetSeconds: NAIVE_BUDGET_SECONDS };
        const result = await runImpl(task, 3 * floor + 30);
        const stats = await fake.stop();
        rows.push({
          impl,
          workspace: label,
          calls: stats.requests - stats.ratelimited,
          planned: cost.calls,
          wall: result.wall,
          floor,
          ratelimited: stats.ratelimited,
          rssMb: result.maxRssKb / 1024,
          note: result.finished ? '' : `stopped after ${NAIVE_BUDGET_SECONDS} s`,
        });
      } finally {
        fake.kill();
      }
    }
  }
  console.log('mpim_aware, members of joined conversations, shim defaults (concurrency 4); fake-slack and each run in their own process');
  for (const n of notes) console.log(`  ${n}`);
  const header = ['impl', 'workspace', 'calls', 'plan', 'calls/plan', 'wall s', 'floor s', 'wall/floor', '429s', 'peak RSS MB', ''];
  const table = rows.map((r) => [
    r.impl,
    r.workspace,
    String(r.calls),
    String(r.planned),
    (r.calls / r.planned).toFixed(2),
    r.wall.toFixed(2),
    r.floor.toFixed(2),
    r.note ? 'n/a' : `${(r.wall / r.floor).toFixed(2)}×`,
    String(r.ratelimited),
    r.rssMb.toFixed(0),
    r.note,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const t of table) console.log(line(t));
  console.log(
    `targets for the shim: calls/plan 1.00, wall/floor ≤ 1.1×, 0 429s; the naive one stops after ${NAIVE_BUDGET_SECONDS} s ` +
      `(calls/plan = how far it got). Peak RSS: the implementation's process (maxRSS). Total ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  );
}

const childTask = process.env[CHILD_ENV];
if (childTask !== undefined) {
  runChild(JSON.parse(childTask) as ChildTask).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
