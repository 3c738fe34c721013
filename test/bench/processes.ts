import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { FakeSlackStats } from '@rtm-migrate/fake-slack';

/*
 * The shim benches run fake Slack and every implementation in their own processes, so that
 * neither side's event-loop stalls (GC, parsing a large page) shift the other's clock, and each
 * implementation's peak RSS is its own process's maxRSS.
 */

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FAKE_CLI = fileURLToPath(new URL('../../packages/fake-slack/dist/cli.js', import.meta.url));

export interface FakeSize {
  readonly users: number;
  readonly channels: number;
  /** Scales every tier's minute, in fake-slack and in the shim's pacer alike. */
  readonly timeScale: number;
}

/** Collects a child's stdout lines; `line(re)` waits for the first that matches. */
export function lines(child: ChildProcessByStdio<null, Readable, Readable>, name: string) {
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

/** fake-slack's CLI with Slack's tiers at `timeScale`, `connect_required`. */
export async function startFake(w: FakeSize) {
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

/** Runs `file` (a bench module in child mode) with `task` in `envName`; resolves with its `result {…}` line. */
export async function runChild<R>(file: string, envName: string, task: unknown, name: string, timeoutSeconds: number): Promise<R> {
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, [envName]: JSON.stringify(task) },
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSeconds * 1000);
  try {
    const [, json] = await lines(child, `${name} (killed after ${timeoutSeconds} s?)`)(/^result (\{.*\})$/);
    return JSON.parse(json!) as R;
  } finally {
    clearTimeout(timer);
    child.kill('SIGKILL');
  }
}

/** A table with the first two columns left-aligned, the rest right-aligned. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((t) => t[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < 2 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
