import { ErrorCode, type WebAPIRateLimitedError } from '@slack/web-api';
import { RATE_TIERS, frameText, parseJsonObject, tierOf } from '@rtm-migrate/core';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../src/index.js';
import { clientFor } from './helpers.js';

let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** What `p` rejected with; the test fails if it resolves. */
const failure = (p: Promise<unknown>): Promise<unknown> => p.then(() => expect.fail('expected a failure'), (e: unknown) => e);

describe('rate limits', () => {
  it('are off by default', async () => {
    fake = await startFakeSlack({ users: 5, channels: 2 });
    const web = clientFor(fake);
    for (let i = 0; i < 5; i++) await web.rtm.connect();
    expect(fake.stats().ratelimited).toBe(0);
  });

  it('answer 429 + Retry-After past the burst; the bucket refills in scaled time', async () => {
    // A scaled minute of 600 ms: long enough that the calls below never race the refill.
    fake = await startFakeSlack({ users: 5, channels: 2, rateLimits: { timeScale: 0.01 } });
    const web = clientFor(fake, 'xoxb-test', { rejectRateLimitedCalls: true });
    const burst = RATE_TIERS[tierOf('rtm.connect')!].burst;
    for (let i = 0; i < burst; i++) await web.rtm.connect();
    const e = (await failure(web.rtm.connect())) as WebAPIRateLimitedError;
    expect(e.code).toBe(ErrorCode.RateLimitedError);
    expect(e.retryAfter).toBeGreaterThanOrEqual(1);
    const raw = await fetch(`${fake.apiUrl}rtm.connect`, { method: 'POST', headers: { authorization: 'Bearer xoxb-test' } });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(await raw.json()).toEqual({ ok: false, error: 'ratelimited' });
    // Per method: another method is not limited.
    await expect(web.auth.test()).resolves.toMatchObject({ ok: true });
    expect(fake.stats().ratelimited).toBe(2);
    expect(fake.stats().byMethod['rtm.connect']?.ratelimited).toBe(2);
    await new Promise((r) => setTimeout(r, 700)); // one scaled minute: 600 ms
    await expect(web.rtm.connect()).resolves.toMatchObject({ ok: true });
  });

  it('WebClient waits Retry-After and retries by itself', async () => {
    fake = await startFakeSlack({ users: 5, channels: 2, faults: { 'auth.test': { burst429: 1 } } });
    const web = clientFor(fake, 'xoxb-test', { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } });
    await expect(web.auth.test()).resolves.toMatchObject({ ok: true });
    expect(fake.calls.map((c) => c.status)).toEqual([429, 200]);
  });
});

describe('faults', () => {
  it('HTTP 500, then success on retry', async () => {
    fake = await startFakeSlack({ users: 5, channels: 2 });
    fake.injectFault('users.list', { status500: 1 });
    expect(await failure(clientFor(fake).users.list({}))).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 500 });
    fake.injectFault('users.list', { status500: 1 });
    const retrying = clientFor(fake, 'xoxb-test', { retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 } });
    await expect(retrying.users.list({})).resolves.toMatchObject({ ok: true });
    expect(fake.calls.map((c) => c.status)).toEqual([500, 500, 200]);
    expect(fake.stats().byMethod['users.list']?.serverErrors).toBe(2);
  });

  it('dropped connection → RequestError', async () => {
    fake = await startFakeSlack({ users: 5, channels: 2 });
    fake.injectFault('auth.test', { drop: 1 });
    expect(await failure(clientFor(fake).auth.test())).toMatchObject({ code: ErrorCode.RequestError });
    await expect(clientFor(fake).auth.test()).resolves.toMatchObject({ ok: true });
    expect(fake.stats().byMethod['auth.test']).toMatchObject({ dropped: 1, ok: 1 });
  });

  it('delay: an answer later than the client waits is a timeout; cleared, the method answers', async () => {
    fake = await startFakeSlack({ users: 5, channels: 2, faults: { 'team.info': { delayMs: 10_000 } } });
    const web = clientFor(fake, 'xoxb-test', { timeout: 500 });
    await expect(web.team.info()).rejects.toMatchObject({ code: ErrorCode.RequestError });
    fake.clearFaults('team.info');
    await expect(web.team.info()).resolves.toMatchObject({ ok: true });
  });
});

describe('WebSocket', () => {
  const open = (url: string): Promise<{ ws: WebSocket; first: Record<string, unknown> | undefined }> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.once('message', (d) => resolve({ ws, first: parseJsonObject(frameText(d)) }));
      ws.once('error', reject);
    });
  const refused = (url: string): Promise<number> =>
    new Promise((resolve) => {
      const ws = new WebSocket(url);
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
      ws.once('error', () => resolve(-1));
    });

  it('greets with hello, answers ping, and refuses a reused URL', async () => {
    fake = await startFakeSlack({ users: 5, channels: 2 });
    const { url } = (await clientFor(fake).rtm.connect()) as { url: string };
    expect(url).not.toContain('xoxb');
    const { ws, first } = await open(url);
    expect(first).toEqual({ type: 'hello' });
    const pong = new Promise((r) => ws.once('message', (d) => r(parseJsonObject(frameText(d)))));
    ws.send(JSON.stringify({ id: 1, type: 'ping' }));
    expect(await pong).toEqual({ type: 'pong', reply_to: 1 });
    expect(await refused(url)).toBe(410);
    expect(await refused(`${fake.wsUrl}deadbeef`)).toBe(401);
    ws.close();
  });

  it('sends the events set with sendAfterHello right after the hello of every connection opened since', async () => {
    const slack = await startFakeSlack({ users: 5, channels: 2 });
    fake = slack;
    const frames = (url: string, count: number): Promise<unknown[]> =>
      new Promise((resolve, reject) => {
        const got: unknown[] = [];
        const ws = new WebSocket(url);
        ws.on('message', (d) => {
          got.push(parseJsonObject(frameText(d)));
          if (got.length === count) {
            ws.close();
            resolve(got);
          }
        });
        ws.once('error', reject);
      });
    const connectUrl = async (): Promise<string> => ((await clientFor(slack).rtm.connect()) as { url: string }).url;
    const pref = { type: 'team_pref_change', name: 'msg_edit_window_mins', value: 15 };
    slack.sendAfterHello([pref, { type: 'pref_change', name: 'emoji_mode', value: 'as_text' }]);
    expect(await frames(await connectUrl(), 3)).toEqual([{ type: 'hello' }, pref, { type: 'pref_change', name: 'emoji_mode', value: 'as_text' }]);
    slack.sendAfterHello([]);
    const quiet = await connectUrl();
    const { ws, first } = await open(quiet);
    const next = await Promise.race([new Promise((r) => ws.once('message', r)), new Promise((r) => setTimeout(() => r('nothing'), 200))]);
    ws.close();
    expect([first, next]).toEqual([{ type: 'hello' }, 'nothing']);
  });

  it('refuses an expired URL (lifetime scaled)', async () => {
    fake = await startFakeSlack({ users: 5, channels: 2, urlLifetimeMs: 50 });
    fake.setMode('connect_shape');
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the retired method is what this test calls
    const { url } = (await clientFor(fake).rtm.start({})) as { url: string };
    await new Promise((r) => setTimeout(r, 80));
    expect(await refused(url)).toBe(410);
  });
});
