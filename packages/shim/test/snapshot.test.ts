import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import {
  compatCost,
  createSnapshotStore,
  startProxy,
  withRtmStartCompat,
  type RtmStartCompatResponse,
  type RunningProxy,
  type SlackObject,
} from '@rtm-migrate/shim';
import { client, countLog, countPlan, startCli } from './helpers.js';

let fake: FakeSlack | undefined;
let proxy: RunningProxy | undefined;
const servers: http.Server[] = [];
afterEach(async () => {
  await proxy?.close();
  await fake?.close();
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  proxy = undefined;
  fake = undefined;
});

const count = (f: FakeSlack, method: string): number => f.calls.filter((c) => c.method === method).length;

describe('snapshot store', () => {
  it('10 concurrent rtm.start calls share one build; each answer gets its own rtm.connect URL, rtm.connect last', async () => {
    fake = await startFakeSlack({ seed: 4, users: 400, channels: 30, mode: 'connect_required' });
    const web = withRtmStartCompat(client(fake.apiUrl), { rateLimit: false });
    const answers = await Promise.all(Array.from({ length: 10 }, () => web.rtm.start({ mpim_aware: true })));
    const cost = compatCost(fake.workspace.size(), { mpim_aware: true });
    const log = countLog(fake.calls);
    // One rtm.start (fallback mode asks until Slack says it is retired) per caller that asked before the first answer.
    expect(log['rtm.start']).toBeGreaterThanOrEqual(1);
    delete log['rtm.start'];
    expect(log).toEqual({ ...countPlan(cost.byMethod), 'rtm.connect': 10 });
    expect(new Set(answers.map((a) => a.url)).size).toBe(10);
    for (const a of answers) expect(a.users).toHaveLength(fake.workspace.users.length);
    // Every caller gets its own objects.
    answers[0]!.users!.length = 0;
    expect(answers[1]!.users).toHaveLength(fake.workspace.users.length);
    expect(fake.calls.at(-1)!.method).toBe('rtm.connect');

    // A reconnect: Slack is not asked rtm.start again, the snapshot answers, rtm.connect gives a new URL.
    fake.resetCalls();
    const again = await web.rtm.start({ mpim_aware: true });
    expect(fake.calls.map((c) => c.method)).toEqual(['rtm.connect']);
    expect(again.channels).toHaveLength(fake.workspace.byType.public_channel.length);
  });

  it('past its TTL a snapshot answers at once and is rebuilt in the background (stale-while-revalidate); past staleMs callers wait', async () => {
    fake = await startFakeSlack({ seed: 6, users: 120, channels: 10, mode: 'connect_required' });
    const events: string[] = [];
    const web = client(fake.apiUrl);
    const store = createSnapshotStore({
      call: async (method, args) => (await web.apiCall(method, args)) as unknown as SlackObject,
      rateLimit: false,
      ttlMs: 0,
      staleMs: 60_000,
      onEvent: (e) => events.push(e.type === 'build' ? `build${e.background ? ' (background)' : ''}` : e.type === 'hit' ? `hit${e.stale ? ' (stale)' : ''}` : e.type),
    });
    const first = await store.get('xoxb-test');
    const second = await store.get('xoxb-test');
    expect(second).toBe(first); // answered from the stale one…
    await expect.poll(() => store.stats().builds).toBe(2); // …while a rebuild runs
    await expect.poll(() => events.at(-1)).toBe('built');
    const third = await store.get('xoxb-test');
    expect(third).not.toBe(first);
    expect(events.slice(0, 5)).toEqual(['build', 'built', 'hit (stale)', 'build (background)', 'built']);

    const strict = createSnapshotStore({ call: async (m, a) => (await web.apiCall(m, a)) as unknown as SlackObject, rateLimit: false, ttlMs: 0, staleMs: 0 });
    const a = await strict.get('xoxb-test');
    const b = await strict.get('xoxb-test');
    expect(b).not.toBe(a);
    expect(strict.stats()).toMatchObject({ builds: 2, waited: 2, stale: 0, fresh: 0 });

    // Past ttlMs + staleMs a snapshot is dropped (its memory with it): the next caller waits for a build.
    const brief = createSnapshotStore({ call: async (m, a) => (await web.apiCall(m, a)) as unknown as SlackObject, rateLimit: false, ttlMs: 0, staleMs: 20 });
    await brief.get('xoxb-test');
    await new Promise((r) => setTimeout(r, 60));
    await brief.get('xoxb-test');
    expect(brief.stats()).toMatchObject({ builds: 2, waited: 2, stale: 0 });
  });

  it('one snapshot per token and shape: mpim_aware and include_locale build apart, presence args only reach rtm.connect', async () => {
    fake = await startFakeSlack({ seed: 8, users: 60, channels: 6, mode: 'connect_required' });
    const web = withRtmStartCompat(client(fake.apiUrl), { rateLimit: false, mode: 'always' });
    const plain = await web.rtm.start({});
    const aware = await web.rtm.start({ mpim_aware: true });
    expect(plain.mpims).toBeUndefined();
    expect(aware.mpims).toHaveLength(fake.workspace.byType.mpim.length);
    fake.resetCalls();
    await web.rtm.start({ batch_presence_aware: true, no_unreads: true });
    expect(fake.calls.map((c) => [c.method, c.args])).toEqual([['rtm.connect', { batch_presence_aware: 'true' }]]);
  });
});

describe('rtm-shim proxy with snapshots', () => {
  it('a build whose client hung up completes into the snapshot: the retry is answered from it, rtm.connect only for the retry', async () => {
    fake = await startFakeSlack({ seed: 12, users: 300, channels: 20, mode: 'connect_required', faults: { 'team.info': { delayMs: 600 } } });
    const lines: string[] = [];
    proxy = await startProxy({ listen: '127.0.0.1:0', upstream: fake.apiUrl, rateLimit: false, log: (l) => lines.push(l) });
    const abort = new AbortController();
    const first = fetch(`${proxy.url}rtm.start`, { method: 'POST', body: 'token=xoxb-test', headers: { 'content-type': 'application/x-www-form-urlencoded' }, signal: abort.signal });
    await expect.poll(() => count(fake!, 'users.list')).toBeGreaterThan(0);
    abort.abort();
    await expect(first).rejects.toThrow();
    await expect.poll(() => lines.join('\n'), { timeout: 10_000 }).toMatch(/hung up before the snapshot was ready/);
    expect(count(fake, 'rtm.connect')).toBe(0);
    const retry = (await (await fetch(`${proxy.url}rtm.start`, { headers: { authorization: 'Bearer xoxb-test' } })).json()) as RtmStartCompatResponse;
    expect(retry.ok).toBe(true);
    expect(retry.users).toHaveLength(fake.workspace.users.length);
    expect(count(fake, 'users.list')).toBe(compatCost(fake.workspace.size()).byMethod.find((c) => c.method === 'users.list')!.calls);
    expect(count(fake, 'rtm.connect')).toBe(1);
    expect(proxy.store.stats().builds).toBe(1);
  });

  it('passes what it does not rebuild through as Slack sent it: status, body, X-OAuth-Scopes, no added warning', async () => {
    fake = await startFakeSlack({ seed: 2, users: 40, channels: 5, mode: 'legacy' });
    proxy = await startProxy({ listen: '127.0.0.1:0', upstream: fake.apiUrl, log: false });
    const ask = async (base: string) => {
      const res = await fetch(`${base}rtm.start`, { method: 'POST', body: 'token=xoxb-test&mpim_aware=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      const body = (await res.json()) as SlackObject;
      delete body['url']; // a fresh WebSocket URL per call
      return { status: res.status, scopes: res.headers.get('x-oauth-scopes'), accepted: res.headers.get('x-accepted-oauth-scopes'), body };
    };
    const direct = await ask(fake.apiUrl);
    const proxied = await ask(proxy.url);
    expect(proxied).toEqual(direct);
    expect(proxied.scopes).toMatch(/users:read/);
    expect(JSON.stringify(proxied.body)).not.toMatch(/superfluous_charset/);
  });

  it("no local hold for Tier 1: Slack's 429 and Retry-After reach the client (rtm.start in legacy mode, rtm.connect under the snapshot)", async () => {
    fake = await startFakeSlack({ seed: 3, users: 30, channels: 4, mode: 'legacy', rateLimits: true });
    proxy = await startProxy({ listen: '127.0.0.1:0', upstream: fake.apiUrl, log: false });
    const start = () => fetch(`${proxy!.url}rtm.start`, { headers: { authorization: 'Bearer xoxb-test' } });
    expect((await start()).status).toBe(200);
    const limited = await start();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(count(fake, 'rtm.start')).toBe(2); // asked Slack, not held locally

    fake.setMode('connect_required');
    fake.setRateLimits({ timeScale: 0.5 });
    await proxy.prewarm('xoxb-test');
    expect((await start()).status).toBe(200);
    const second = await start();
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await second.json()) as SlackObject)['error']).toBe('ratelimited');
  });

  it('reads a retired rtm.start answer that Slack sent gzip-encoded (as it does to clients that accept gzip)', async () => {
    fake = await startFakeSlack({ seed: 14, users: 50, channels: 5, mode: 'connect_required' });
    // fake Slack answers uncompressed; this front compresses its answers like Slack's edge does.
    const front = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => {
        void fetch(new URL(req.url!.replace(/^\/api\//, ''), fake!.apiUrl), {
          method: req.method,
          headers: { ...(req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {}), ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) },
          ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
        }).then(async (up) => {
          const body = Buffer.from(await up.arrayBuffer());
          const gzip = String(req.headers['accept-encoding']).includes('gzip');
          res.writeHead(up.status, { 'content-type': 'application/json; charset=utf-8', ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
          res.end(gzip ? gzipSync(body) : body);
        });
      });
    });
    servers.push(front);
    await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
    proxy = await startProxy({ listen: '127.0.0.1:0', upstream: `http://127.0.0.1:${(front.address() as AddressInfo).port}/api/`, rateLimit: false, log: false });
    const res = await fetch(`${proxy.url}rtm.start`, { headers: { authorization: 'Bearer xoxb-test', 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip'); // the snapshot's own gzip, decoded by fetch
    const body = (await res.json()) as RtmStartCompatResponse;
    expect(body.ok).toBe(true);
    expect(body.users).toHaveLength(fake.workspace.users.length);
  });

  it('follows no redirect: an upstream answering 307 to another host (127.0.0.2) is an error, and nothing reaches that host', async () => {
    let elsewhere = 0;
    const other = http.createServer((_req, res) => {
      elsewhere++;
      res.end('{"ok":true}');
    });
    servers.push(other);
    await new Promise<void>((r) => other.listen(0, '127.0.0.2', r));
    const otherPort = (other.address() as AddressInfo).port;
    // A misbehaving upstream (fake Slack cannot redirect): rtm.start is retired, every other method redirects.
    const upstream = http.createServer((req, res) => {
      if (req.url?.startsWith('/api/rtm.start')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":false,"error":"rtm_connect_required"}');
        return;
      }
      res.writeHead(307, { location: `http://127.0.0.2:${otherPort}${req.url ?? '/'}` }).end();
    });
    servers.push(upstream);
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    const lines: string[] = [];
    proxy = await startProxy({ listen: '127.0.0.1:0', upstream: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/api/`, rateLimit: false, log: (l) => lines.push(l) });
    const res = await fetch(`${proxy.url}rtm.start`, { headers: { authorization: 'Bearer xoxb-test' } });
    const body = (await res.json()) as { error: string; response_metadata: { messages: string[] } };
    expect(res.status).toBe(502);
    expect(body.error).toBe('upstream_redirect_refused');
    expect(body.response_metadata.messages.join('\n')).toMatch(/307 redirecting to http:\/\/127\.0\.0\.2:\d+\/api\/[a-z.]+: refused/);
    expect(elsewhere).toBe(0);
    expect(lines.join('\n')).toMatch(/build failed: .*307 redirecting to http:\/\/127\.0\.0\.2/);
  });

  it('--prewarm: builds at start with SLACK_BOT_TOKEN from the environment, logs progress without the token; the first client is answered from the snapshot', async () => {
    fake = await startFakeSlack({ seed: 21, users: 500, channels: 30, mode: 'connect_required' });
    const cli = await startCli(['--listen', '127.0.0.1:0', '--upstream', fake.apiUrl, '--no-pace', '--prewarm', '--prewarm-args', 'mpim_aware=1'], {
      ...process.env,
      SLACK_BOT_TOKEN: 'xoxb-test',
    });
    try {
      await expect.poll(() => cli.log(), { timeout: 20_000 }).toMatch(/prewarm \(mpim_aware=1\): done in [\d.]+ s/);
      expect(cli.log()).toMatch(/snapshot [0-9a-f]{12} mpim_aware: built in [\d.]+ s, \d+ calls: 500 users/);
      const built = fake.calls.length;
      const res = (await (await fetch(`${cli.url}rtm.start?mpim_aware=1`, { headers: { authorization: 'Bearer xoxb-test' } })).json()) as RtmStartCompatResponse;
      expect(res.mpims).toHaveLength(fake.workspace.byType.mpim.length);
      expect(fake.calls.slice(built).map((c) => c.method)).toEqual(['rtm.connect']);
      await expect.poll(() => cli.log()).toMatch(/answering from a snapshot/);
      expect(cli.log()).not.toMatch(/xoxb-test|xox[a-z]-[A-Za-z0-9]/);
    } finally {
      await cli.stop();
    }
    const noToken = await startCli(['--listen', '127.0.0.1:0', '--upstream', fake.apiUrl, '--prewarm'], { ...process.env, SLACK_BOT_TOKEN: '' }).catch((e: unknown) => e);
    expect(noToken instanceof Error ? noToken.message : 'started').toMatch(/--prewarm needs the token in the SLACK_BOT_TOKEN environment variable/);
  });
});
