import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { frameText, parseJsonObject } from '@rtm-migrate/core';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import WebSocket from 'ws';

const SHIM_CLI = fileURLToPath(new URL('../../packages/shim/dist/cli.js', import.meta.url));

/*
 * bridge: events per second through `rtm-shim bridge` and the latency it adds, against the baseline
 * of a Socket Mode client connected straight to fake Slack (acking each envelope, as a Socket Mode
 * app does). Fake Slack and the receiving clients run in this process; the bridge runs as
 * `rtm-shim bridge` in its own, as in production, so the added latency is its own work (parse,
 * dedupe, re-encode, ack) plus the extra hop between processes.
 *
 * Latency: one event at a time, from the moment fake Slack emits it to the moment the client has
 * parsed it. Throughput: a burst of events emitted 100 at a time, until the last one has arrived.
 * BENCH_BRIDGE_SAMPLES (default 2000) and BENCH_BRIDGE_BURST (default 20000) shorten or lengthen it.
 */

const SAMPLES = Number(process.env['BENCH_BRIDGE_SAMPLES'] ?? 2000);
const BURST = Number(process.env['BENCH_BRIDGE_BURST'] ?? 20_000);

interface Receiver {
  /** Resolves with the time the event with this text arrived. */
  arrival(text: string): Promise<number>;
  /** Resolves when `n` events have arrived since the last reset. */
  received(n: number): Promise<void>;
  reset(): void;
  close(): void;
}

function receiver(ws: WebSocket, unwrap: (frame: Record<string, unknown>) => Record<string, unknown> | undefined): Receiver {
  const waiting = new Map<string, (t: number) => void>();
  let count = 0;
  let goal = Infinity;
  let reached: (() => void) | undefined;
  ws.on('message', (data) => {
    const now = performance.now();
    const frame = parseJsonObject(frameText(data));
    const event = frame && unwrap(frame);
    if (event?.['type'] !== 'message') return;
    count += 1;
    waiting.get(String(event['text']))?.(now);
    if (count >= goal) reached?.();
  });
  return {
    arrival: (text) => new Promise((resolve) => waiting.set(text, resolve)),
    received: (n) =>
      new Promise((resolve) => {
        goal = n;
        reached = resolve;
        if (count >= n) resolve();
      }),
    reset: () => {
      count = 0;
      goal = Infinity;
      waiting.clear();
    },
    close: () => ws.close(),
  };
}

async function open(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return ws;
}

async function directClient(fake: FakeSlack): Promise<Receiver> {
  const res = (await (await fetch(`${fake.apiUrl}apps.connections.open`, { method: 'POST', headers: { authorization: 'Bearer xapp-test' } })).json()) as { url: string };
  const ws = await open(res.url);
  return receiver(ws, (frame) => {
    if (typeof frame['envelope_id'] !== 'string') return undefined;
    ws.send(JSON.stringify({ envelope_id: frame['envelope_id'] }));
    return (frame['payload'] as Record<string, unknown> | undefined)?.['event'] as Record<string, unknown> | undefined;
  });
}

async function bridgeClient(apiUrl: string): Promise<Receiver> {
  const res = (await (await fetch(`${apiUrl}rtm.connect`, { method: 'POST' })).json()) as { url: string };
  return receiver(await open(res.url), (frame) => frame);
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

interface Path {
  readonly label: string;
  readonly fake: FakeSlack;
  readonly client: Receiver;
  readonly channel: string;
}

async function once(path: Path, text: string): Promise<number> {
  const arrived = path.client.arrival(text);
  const sent = performance.now();
  path.fake.socketMode.post({ channel: path.channel, text });
  return (await arrived) - sent;
}

/** Latencies of both paths, sample by sample in turn, so that a noisy moment of the machine hits both alike. */
async function latencies(paths: readonly Path[]): Promise<number[][]> {
  for (let i = 0; i < 200; i++) for (const p of paths) await once(p, `warm-${p.label}-${i}`);
  const out = paths.map(() => [] as number[]);
  for (let i = 0; i < SAMPLES; i++) {
    for (const [k, p] of paths.entries()) out[k]!.push(await once(p, `lat-${p.label}-${i}`));
  }
  return out.map((l) => l.sort((a, b) => a - b));
}

async function throughput(path: Path): Promise<number> {
  path.client.reset();
  const done = path.client.received(BURST);
  const started = performance.now();
  for (let i = 0; i < BURST; i++) {
    path.fake.socketMode.post({ channel: path.channel, text: `burst-${path.label}-${i}` });
    if (i % 100 === 99) await new Promise((r) => setImmediate(r));
  }
  await done;
  return BURST / ((performance.now() - started) / 1000);
}

async function settled(fake: FakeSlack): Promise<void> {
  while (fake.socketMode.stats().pending > 0) await new Promise((r) => setTimeout(r, 10));
}

/** `rtm-shim bridge` in its own process, as it runs in production; resolves with its API base. */
async function spawnBridge(upstream: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [SHIM_CLI, 'bridge', '--listen', '127.0.0.1:0', '--upstream', upstream, '--quiet'], {
    env: { PATH: process.env['PATH'] ?? '', SLACK_APP_TOKEN: 'xapp-test', SLACK_BOT_TOKEN: 'xoxb-modern' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /^(http:\/\/127\.0\.0\.1:\d+\/api\/)$/m.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`rtm-shim bridge exited (${code})`)));
  });
  return { url, child };
}

export async function runBridgeBench(): Promise<void> {
  const directFake = await startFakeSlack({ seed: 7, users: 200, channels: 10 });
  const bridgedFake = await startFakeSlack({ seed: 7, users: 200, channels: 10 });
  const bridge = await spawnBridge(bridgedFake.apiUrl);
  try {
    const channel = directFake.workspace.byType.public_channel[0]!.id;
    const direct: Path = { label: 'direct', fake: directFake, client: await directClient(directFake), channel };
    const bridged: Path = { label: 'bridge', fake: bridgedFake, client: await bridgeClient(bridge.url), channel };
    const [directLat, bridgedLat] = await latencies([direct, bridged]);
    const directRate = await throughput(direct);
    const bridgedRate = await throughput(bridged);
    await settled(directFake);
    await settled(bridgedFake);
    const sm = bridgedFake.socketMode.stats();
    console.log(`${SAMPLES} latency samples per path (one event at a time, the two paths in turn); ${BURST} events in a burst; loopback`);
    console.log('path                                             p50 ms    p99 ms    events/s');
    const row = (name: string, lat: number[], rate: number): void =>
      console.log(`${name.padEnd(46)} ${percentile(lat, 50).toFixed(3).padStart(8)} ${percentile(lat, 99).toFixed(3).padStart(9)} ${rate.toFixed(0).padStart(11)}`);
    row('Socket Mode client, direct (baseline)', directLat!, directRate);
    row('RTM client through rtm-shim bridge (process)', bridgedLat!, bridgedRate);
    console.log(
      `added by the bridge: p50 ${(percentile(bridgedLat!, 50) - percentile(directLat!, 50)).toFixed(3)} ms, ` +
        `p99 ${(percentile(bridgedLat!, 99) - percentile(directLat!, 99)).toFixed(3)} ms (target < 5 ms); ` +
        `throughput ${(bridgedRate / directRate).toFixed(2)}× the baseline`,
    );
    console.log(`fake Slack behind the bridge: ${sm.sent} envelopes sent, ${sm.acked} acked, ${sm.retries} retries, ${sm.pending} pending`);
    direct.client.close();
    bridged.client.close();
  } finally {
    bridge.child.kill('SIGTERM');
    await new Promise((resolve) => bridge.child.once('exit', resolve));
    await directFake.close();
    await bridgedFake.close();
  }
}
