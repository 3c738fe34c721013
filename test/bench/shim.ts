import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Workspace } from '@rtm-migrate/fake-slack';
import { compatCost, withRtmStartCompat, type RtmStartCompatArguments, type RtmStartCompatOptions } from '@rtm-migrate/shim';
import { printTable, runChild, startFake } from './processes.js';
import { runProxyBench } from './shim-proxy.js';

/*
 * shim: rebuilds rtm.start for workspaces of 1k/10k/50k users against fake-slack with Slack's rate
 * tiers enforced at a time scale, and prints calls vs core's costOfReplacement() (target 1.00), wall
 * time vs the scaled tier floor (target ≤ 1.05×), 429s (target 0) and the shim process's peak RSS,
 * then the same for a naive sequential implementation (stopped after a few seconds) and, in real
 * time, for what a user would write instead (`WebClient.paginate` + `conversations.members` per
 * channel, WebClient's default retry policy, run to completion). Then the proxy's answer latency
 * (shim-proxy.ts). `RTM_MIGRATE_BENCH_SHIM_SIZES=1k,10k` runs only those rows (iteration);
 * `RTM_MIGRATE_BENCH_SHIM_PARTS=build|proxy` only one table.
 */

const THIS_FILE = fileURLToPath(import.meta.url);
const CHILD_ENV = 'RTM_MIGRATE_SHIM_BENCH_RUN';

/** The build measured: what an rtm.start caller with `mpim_aware` reads, members of joined conversations. */
const ARGS: RtmStartCompatArguments = { mpim_aware: true };
const TOKEN = 'xoxb-test';

type Impl = 'shim' | 'naive sequential' | 'web-api paginate';

interface BenchWorkspace {
  /** Row name for RTM_MIGRATE_BENCH_SHIM_SIZES. */
  readonly name: string;
  readonly users: number;
  readonly channels: number;
  /** Scales every tier's minute, in fake-slack and in the shim's pacer alike. */
  readonly timeScale: number;
  readonly pageSize: number;
  readonly impls: readonly Impl[];
  /** Printed when the page size is not the shim's default. */
  readonly why?: string;
}

/**
 * Time scales keep the Tier 4 interval (600 ms × scale) at 3 ms or more: below that, timer
 * resolution (1 ms) and event-loop stalls are a large share of an interval. 50k users at the default
 * page size would be ~102k calls, a floor of 61 130 s: 306 s at that scale, over the bench's budget.
 */
const WORKSPACES: readonly BenchWorkspace[] = [
  { name: '1k', users: 1_000, channels: 200, timeScale: 0.04, pageSize: 200, impls: ['shim', 'naive sequential'] },
  // Real time: fake-slack's Retry-After is whole seconds of real time, so a client that meets 429s
  // is only compared fairly with the floor at time scale 1.
  { name: '2k-real', users: 2_000, channels: 30, timeScale: 1, pageSize: 200, impls: ['shim', 'web-api paginate'] },
  { name: '10k', users: 10_000, channels: 2_000, timeScale: 0.005, pageSize: 200, impls: ['shim', 'naive sequential'] },
  {
    name: '50k',
    impls: ['shim', 'naive sequential'],
    users: 50_000,
    channels: 5_000,
    timeScale: 0.005,
    pageSize: 999,
    why: 'at page size 200 it is ~102k calls, floor 306 s at Tier 4 ≥ 3 ms, over the ~2 min budget; 999 is conversations.list\'s maximum',
  },
];
/** The naive implementation is stopped after this many seconds (each 429 costs it ≥ 1 real second). */
const NAIVE_BUDGET_SECONDS = 3;

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

/**
 * What a user writes instead of the shim: `WebClient.paginate` for every list, `conversations.members`
 * per joined channel one after the other, WebClient's default retry policy (it waits `Retry-After`
 * on a 429 and tries again), to completion.
 */
async function webApiPaginate(web: InstanceType<ReturnType<typeof webApi>['WebClient']>, pageSize: number): Promise<boolean> {
  const all = async (method: string, args: Record<string, unknown>, field: string): Promise<Record<string, unknown>[]> => {
    const out: Record<string, unknown>[] = [];
    for await (const page of web.paginate(method, { ...args, limit: pageSize }) as AsyncIterable<Record<string, unknown>>) out.push(...((page[field] as Record<string, unknown>[] | undefined) ?? []));
    return out;
  };
  await all('users.list', {}, 'members');
  for (const types of ['public_channel', 'private_channel', 'mpim', 'im']) {
    const list = await all('conversations.list', { types }, 'channels');
    if (types === 'im') continue;
    for (const c of list) if (c['is_member']) c['members'] = await all('conversations.members', { channel: c['id'] }, 'members');
  }
  await web.team.info();
  await web.rtm.connect();
  return true;
}

async function runBuild(task: ChildTask): Promise<void> {
  const { WebClient, LogLevel } = webApi();
  // The shim handles a 429 per method (its pacer waits Retry-After); the others let WebClient pause everything.
  const web = new WebClient(TOKEN, { slackApiUrl: task.apiUrl, logLevel: LogLevel.ERROR, rejectRateLimitedCalls: task.impl === 'shim' });
  const started = performance.now();
  let finished: boolean;
  if (task.impl === 'shim') {
    const res = await withRtmStartCompat(web, options(task)).rtm.start(ARGS);
    finished = res.ok;
  } else if (task.impl === 'web-api paginate') {
    finished = await webApiPaginate(web, task.pageSize);
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

/** Rows named in RTM_MIGRATE_BENCH_SHIM_SIZES (all by default). */
export function selectedSizes<T extends { name: string }>(all: readonly T[]): T[] {
  const wanted = process.env['RTM_MIGRATE_BENCH_SHIM_SIZES']?.split(',').map((s) => s.trim()).filter(Boolean);
  return wanted ? all.filter((w) => wanted.includes(w.name)) : [...all];
}

export async function runShimBench(): Promise<void> {
  const part = process.env['RTM_MIGRATE_BENCH_SHIM_PARTS'];
  if (part !== 'proxy') await runBuildBench();
  if (part !== 'build') await runProxyBench();
}

async function runBuildBench(): Promise<void> {
  const started = performance.now();
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const w of selectedSizes(WORKSPACES)) {
    const label = `${w.users / 1000}k users / ${w.channels} ch`;
    // Same seed and size as fake-slack's CLI generates (default seed 1).
    const size = new Workspace({ users: w.users, channels: w.channels, seed: 1 }).size();
    const cost = compatCost(size, ARGS, options(w));
    const floor = cost.floorSeconds * w.timeScale;
    notes.push(
      `${label}: page size ${w.pageSize}${w.why ? ` (not 200: ${w.why})` : ''}, time scale ${w.timeScale} ` +
        `(Tier 4 interval ${(600 * w.timeScale).toFixed(1)} ms), plan ${cost.calls} calls, floor ${cost.floorSeconds} s × ${w.timeScale} = ${floor.toFixed(2)} s`,
    );
    for (const impl of w.impls) {
      const fake = await startFake(w);
      try {
        const task: ChildTask = { impl, apiUrl: fake.apiUrl, timeScale: w.timeScale, pageSize: w.pageSize, budgetSeconds: NAIVE_BUDGET_SECONDS };
        // The user's alternative runs to completion; anything else is killed at 3× the floor.
        const result = await runChild<ChildResult>(THIS_FILE, CHILD_ENV, task, impl, impl === 'web-api paginate' ? 3600 : 3 * floor + 30);
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
  printTable(header, table);
  console.log(
    `targets for the shim: calls/plan 1.00, wall/floor ≤ 1.05×, 0 429s, peak RSS < 300 MB; the naive one stops after ${NAIVE_BUDGET_SECONDS} s ` +
      `(calls/plan = how far it got); web-api paginate runs to completion (its calls include the retries of its 429s). ` +
      `Peak RSS: the implementation's process (maxRSS). Total ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  );
}

const childTask = process.env[CHILD_ENV];
if (childTask !== undefined) {
  runBuild(JSON.parse(childTask) as ChildTask).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
