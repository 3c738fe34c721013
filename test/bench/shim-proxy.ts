import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Workspace, type FakeSlackStats } from '@rtm-migrate/fake-slack';
import { compatCost } from '@rtm-migrate/shim';
import { ROOT, lines, percentile, printTable, startFake, type FakeSize } from './processes.js';
import { selectedSizes } from './shim.js';

/*
 * shim proxy: `rtm-shim proxy` (the CLI in its own process, default options but the time scale) in front of
 * fake-slack with Slack's tiers, answering `rtm.start` (mpim_aware) for one token:
 * - cold: the first answer (the build, then rtm.connect);
 * - warm: 20 more, one per scaled Tier 1 interval (rtm.connect's own limit), p50/p95;
 * - 10 clients at once against a fresh proxy: how many builds (target 1), each client's time to a
 *   complete answer, and the 429s of rtm.connect (Tier 1) Slack answered and the proxy passed on
 *   (the clients wait their Retry-After, as WebClient does).
 * Calls per build vs core's costOfReplacement() (rtm.connect excluded: one per answer), the proxy's
 * peak RSS (VmHWM of its process, read from /proc: Linux) and builds (its log).
 */

const SHIM_CLI = fileURLToPath(new URL('../../packages/shim/dist/cli.js', import.meta.url));
const TOKEN = 'xoxb-test';
const BODY = `token=${TOKEN}&mpim_aware=1`;
const WARM_ANSWERS = 20;
const CLIENTS = 10;

interface ProxyWorkspace extends FakeSize {
  readonly name: string;
  readonly pageSize: number;
}

const WORKSPACES: readonly ProxyWorkspace[] = [
  { name: '10k', users: 10_000, channels: 2_000, timeScale: 0.005, pageSize: 200 },
  { name: '50k', users: 50_000, channels: 5_000, timeScale: 0.005, pageSize: 999 },
];

interface ProxyResult {
  readonly peakRssMb: number;
  readonly builds: number;
}

/** `rtm-shim proxy` as a user runs it, in front of `upstream`. */
async function startShimProxy(w: ProxyWorkspace, upstream: string) {
  const child = spawn(
    process.execPath,
    [SHIM_CLI, 'proxy', '--listen', '127.0.0.1:0', '--upstream', upstream, '--time-scale', String(w.timeScale), '--page-size', String(w.pageSize)],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (log += d));
  const [, url] = await lines(child, 'rtm-shim proxy')(/listening on (\S+)/);
  return {
    url: url!,
    stop(): ProxyResult {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      child.kill('SIGTERM');
      return { peakRssMb: Number(hwm?.[1] ?? NaN) / 1024, builds: log.match(/snapshot [0-9a-f]{12}[^:\n]*: building/g)?.length ?? 0 };
    },
    kill: () => child.kill('SIGKILL'),
  };
}

// ---------------------------------------------------------------------------------------------
// coordinator

interface Answer {
  /** Seconds from the first request to the last byte of the complete answer. */
  readonly seconds: number;
  readonly bytes: number;
  /** 429s met on the way (each waited out). */
  readonly ratelimited: number;
}

/** One HTTP answer, read to its last byte as sent (gzip when the proxy chose it: the client inflates it afterwards). */
function post(url: string): Promise<{ status: number; retryAfter: number; bytes: number; head: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}rtm.start`,
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-encoding': 'gzip' } },
      (res) => {
        let bytes = 0;
        let first: Buffer | undefined;
        res.on('data', (c: Buffer) => {
          first ??= c;
          bytes += c.length;
        });
        res.on('end', () => {
          const head = first === undefined ? '' : res.headers['content-encoding'] === 'gzip' ? gunzipHead(first) : first.toString('utf8', 0, 40);
          resolve({ status: res.statusCode ?? 0, retryAfter: Number(res.headers['retry-after'] ?? 1), bytes, head });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(BODY);
  });
}

/** The start of a gzip body's text (its first member holds the head of the answer). */
function gunzipHead(first: Buffer): string {
  try {
    return zlib.gunzipSync(first, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString('utf8', 0, 40);
  } catch {
    return '';
  }
}

/** One client's rtm.start through the proxy: on a 429 it waits Retry-After and asks again, as WebClient does. */
async function ask(url: string): Promise<Answer> {
  const started = performance.now();
  let ratelimited = 0;
  for (;;) {
    const res = await post(url);
    if (res.status === 429) {
      ratelimited++;
      await new Promise((r) => setTimeout(r, res.retryAfter * 1000));
      continue;
    }
    if (res.status !== 200 || !res.head.startsWith('{"ok":true')) throw new Error(`rtm.start through the proxy: HTTP ${res.status} ${res.head}`);
    return { seconds: (performance.now() - started) / 1000, bytes: res.bytes, ratelimited };
  }
}

/** Calls of the build methods (not rtm.start / rtm.connect), 429s excluded. */
function buildCalls(stats: FakeSlackStats): number {
  let calls = 0;
  for (const [method, m] of Object.entries(stats.byMethod)) if (method !== 'rtm.start' && method !== 'rtm.connect') calls += m.calls - m.ratelimited;
  return calls;
}

async function withProxy<T>(w: ProxyWorkspace, work: (url: string) => Promise<T>): Promise<{ value: T; proxy: ProxyResult; fake: FakeSlackStats }> {
  const fake = await startFake(w);
  const proxy = await startShimProxy(w, fake.apiUrl).catch((e: unknown) => {
    fake.kill();
    throw e;
  });
  try {
    const value = await work(proxy.url);
    return { value, proxy: proxy.stop(), fake: await fake.stop() };
  } finally {
    proxy.kill();
    fake.kill();
  }
}

const ms = (s: number): string => (s * 1000).toFixed(0);

export async function runProxyBench(): Promise<void> {
  const started = performance.now();
  const rows: string[][] = [];
  for (const w of selectedSizes(WORKSPACES)) {
    const size = new Workspace({ users: w.users, channels: w.channels, seed: 1 }).size();
    const cost = compatCost(size, { mpim_aware: true }, { pageSize: w.pageSize });
    const tier1Ms = 60_000 * w.timeScale;

    const sequential = await withProxy(w, async (url) => {
      const cold = await ask(url);
      const warm: Answer[] = [];
      for (let i = 0; i < WARM_ANSWERS; i++) {
        await new Promise((r) => setTimeout(r, tier1Ms * 1.1));
        warm.push(await ask(url));
      }
      return { cold, warm };
    });
    const concurrent = await withProxy(w, (url) => Promise.all(Array.from({ length: CLIENTS }, () => ask(url))));

    const warm = sequential.value.warm.map((a) => a.seconds).sort((a, b) => a - b);
    const together = concurrent.value.map((a) => a.seconds).sort((a, b) => a - b);
    const planned = cost.calls - 1; // without rtm.connect
    rows.push([
      `${w.users / 1000}k users / ${w.channels} ch`,
      `${(sequential.value.cold.bytes / 1024 / 1024).toFixed(1)} MB`,
      ms(sequential.value.cold.seconds),
      (sequential.value.cold.seconds / (cost.floorSeconds * w.timeScale)).toFixed(2) + '×',
      ms(percentile(warm, 50)),
      ms(percentile(warm, 95)),
      String(sequential.value.warm.reduce((n, a) => n + a.ratelimited, 0)),
      String(concurrent.proxy.builds),
      ms(percentile(together, 50)),
      ms(together.at(-1)!),
      String(concurrent.value.reduce((n, a) => n + a.ratelimited, 0)),
      `${(buildCalls(sequential.fake) / planned).toFixed(2)} / ${(buildCalls(concurrent.fake) / planned).toFixed(2)}`,
      String(sequential.fake.ratelimited - sequential.value.warm.reduce((n, a) => n + a.ratelimited, 0)),
      Math.max(sequential.proxy.peakRssMb, concurrent.proxy.peakRssMb).toFixed(0),
      `scale ${w.timeScale}, page ${w.pageSize}`,
    ]);
  }
  console.log(`\nrtm-shim proxy (the CLI, default options but the time scale), rtm.start mpim_aware for one token, Accept-Encoding: gzip, answers read to their last byte as sent`);
  printTable(
    ['workspace', 'answer (gzip)', 'cold ms', 'cold/floor', 'warm p50', 'warm p95', 'warm 429', `${CLIENTS} clients: builds`, 'p50 ms', 'max ms', '429 passed', 'calls/plan', 'build 429s', 'peak RSS MB', ''],
    rows,
  );
  console.log(
    `targets: warm p95 < 1000 ms, ${CLIENTS} clients → 1 build, calls/plan 1.00 per build (sequential / concurrent run), 0 429s in builds, peak RSS < 300 MB. ` +
      `Warm answers come one per scaled Tier 1 interval; ${CLIENTS} clients at once meet rtm.connect's Tier 1 limit (1 a minute, scaled) and wait the Retry-After Slack sends. ` +
      `Total ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  );
}
