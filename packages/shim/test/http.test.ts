import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { createCompatFetch, compatCost, type RtmStartCompatResponse } from '@rtm-migrate/shim';
import { RTMClient, LogLevel as RtmLogLevel } from '@slack/rtm-api';
import { run } from '../../../test/support/run.js';
import { SHIM_CLI, client, countLog, countPlan, startCli } from './helpers.js';

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 31, users: 260, channels: 24, mode: 'connect_required' });
});
afterAll(async () => {
  await fake.close();
});

describe('createCompatFetch', () => {
  const compat = createCompatFetch(fetch, { rateLimit: false });

  it('answers POST (form) and GET (query) …/api/rtm.start compatibly with the caller\'s token', async () => {
    fake.resetCalls();
    const post = await compat(`${fake.apiUrl}rtm.start`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: 'xoxb-test', mpim_aware: '1', no_unreads: '1' }),
    });
    expect(post.status).toBe(200);
    const body = (await post.json()) as RtmStartCompatResponse;
    expect(body.ok).toBe(true);
    expect(body.users).toHaveLength(fake.workspace.users.length);
    expect(body.mpims).toHaveLength(fake.workspace.byType.mpim.length);
    expect(body.response_metadata.warnings).toContain('rtm_start_compat');
    const cost = compatCost(fake.workspace.size(), { mpim_aware: true });
    expect(countLog(fake.calls.slice(1))).toEqual(countPlan(cost.byMethod));
    expect(fake.calls[0]!.method).toBe('rtm.start');
    expect(fake.calls.at(-1)!.method).toBe('rtm.connect');

    const get = await compat(`${fake.apiUrl}rtm.start?mpim_aware=0`, { headers: { authorization: 'Bearer xoxb-test' } });
    const got = (await get.json()) as RtmStartCompatResponse;
    expect(got.ok).toBe(true);
    expect(got.mpims).toBeUndefined();
  });

  it('passes every other request through unchanged, and relays Slack\'s errors in Slack\'s shape', async () => {
    const auth = await compat(`${fake.apiUrl}auth.test`, { method: 'POST', headers: { authorization: 'Bearer xoxb-test' } });
    expect(((await auth.json()) as { ok: boolean }).ok).toBe(true);
    const bad = await compat(`${fake.apiUrl}rtm.start`, { method: 'POST', headers: { authorization: 'Bearer xoxb-bogus' } });
    expect(await bad.json()).toMatchObject({ ok: false, error: 'invalid_auth' });
  });
});

function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.setEncoding('utf8').on('data', (d: string) => (data += d));
    socket.on('end', () => resolve(data));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
    setTimeout(() => {
      socket.destroy();
      resolve(data);
    }, 3000);
  });
}

describe('rtm-shim proxy', () => {
  let proxy: Awaited<ReturnType<typeof startCli>>;
  let port: number;

  beforeAll(async () => {
    proxy = await startCli(['--listen', '127.0.0.1:0', '--upstream', fake.apiUrl, '--no-pace', '--max-body', '4096']);
    port = Number(new URL(proxy.url).port);
  });
  afterAll(async () => {
    await proxy.stop();
  });

  it('serves WebClient (slackApiUrl): rtm.start built, other methods forwarded', async () => {
    fake.resetCalls();
    const web = client(proxy.url);
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the retired method is what the proxy answers
    const res = (await web.rtm.start({ mpim_aware: true })) as unknown as RtmStartCompatResponse;
    expect(res.ok).toBe(true);
    expect(res.users).toHaveLength(fake.workspace.users.length);
    expect(res.channels).toHaveLength(fake.workspace.byType.public_channel.length);
    expect(fake.calls.at(-1)!.method).toBe('rtm.connect');
    const list = await web.conversations.list({ limit: 3 });
    expect(list.channels).toHaveLength(3);
    await expect(client(proxy.url, 'xoxb-bogus').auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
  });

  it('forwards status and Retry-After unchanged', async () => {
    fake.injectFault('users.list', { burst429: 1 });
    const res = await fetch(`${proxy.url}users.list`, { headers: { authorization: 'Bearer xoxb-test' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    fake.injectFault('users.list', { status500: 1 });
    expect((await fetch(`${proxy.url}users.list`, { headers: { authorization: 'Bearer xoxb-test' } })).status).toBe(500);
  });

  it("serves RTMClient({ useRtmConnect: false }): connects and gets hello", async () => {
    const rtm = new RTMClient('xoxb-test', { useRtmConnect: false, slackApiUrl: proxy.url, logLevel: RtmLogLevel.ERROR, autoReconnect: false });
    const hello = new Promise<void>((resolve) => rtm.once('ready', () => resolve()));
    const started = (await rtm.start()) as unknown as RtmStartCompatResponse;
    await hello;
    expect(started.ok).toBe(true);
    expect(started.users).toHaveLength(fake.workspace.users.length);
    expect(fake.stats().webSocketConnections).toBeGreaterThan(0);
    await rtm.disconnect();
  });

  it('serves curl', async () => {
    const out = await run('curl', ['-sS', '-X', 'POST', '--data', 'token=xoxb-test&mpim_aware=1', `${proxy.url}rtm.start`]);
    expect(out.code).toBe(0);
    const body = JSON.parse(out.stdout) as RtmStartCompatResponse;
    expect(body.ok).toBe(true);
    expect(body.mpims).toHaveLength(fake.workspace.byType.mpim.length);
  });

  it('refuses absolute URIs, CONNECT, other hosts, other paths and oversized bodies', async () => {
    expect(await raw(port, `GET http://127.0.0.2:${fake.port}/api/auth.test HTTP/1.1\r\nHost: 127.0.0.2\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(port, `CONNECT 127.0.0.2:443 HTTP/1.1\r\nHost: 127.0.0.2:443\r\n\r\n`)).toMatch(/^HTTP\/1\.1 405/);
    expect(await raw(port, `GET /api/auth.test HTTP/1.1\r\nHost: 127.0.0.2:${port}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 421/);
    for (const path of ['/', '/api/', '/api/../admin', '/other/auth.test', '/api/auth.test/x', '/api/%2e%2e/x']) {
      expect((await fetch(`http://127.0.0.1:${port}${path}`)).status, path).toBe(404);
    }
    const big = await fetch(`${proxy.url}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/x-www-form-urlencoded' },
      body: `text=${'x'.repeat(10_000)}`,
    });
    expect(big.status).toBe(413);
    const bigStart = await fetch(`${proxy.url}rtm.start`, { method: 'POST', body: `token=xoxb-test&x=${'y'.repeat(10_000)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(bigStart.status).toBe(413);
    const chunked = await new Promise<number>((resolve) => {
      const req = httpRequest(`${proxy.url}users.list`, { method: 'POST', headers: { 'content-type': 'text/plain' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', () => resolve(-1));
      for (let i = 0; i < 10; i++) req.write('z'.repeat(1000));
      req.end();
    });
    expect([413, -1]).toContain(chunked);
  });

  it('never logs a token', async () => {
    await fetch(`${proxy.url}auth.test?token=xoxb-test`);
    await fetch(`${proxy.url}rtm.start?token=xoxb-test`);
    await fetch(`${proxy.url}auth.test`, { method: 'POST', body: 'token=xoxb-test', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await raw(port, `GET http://127.0.0.2/api/auth.test?token=xoxb-test HTTP/1.1\r\nHost: 127.0.0.2\r\nAuthorization: Bearer xoxb-test\r\n\r\n`);
    // The child writes its log asynchronously: wait for the two lines the requests above must produce.
    await expect.poll(() => proxy.log(), { timeout: 5000 }).toMatch(/rtm\.start compat[\s\S]*refused|refused[\s\S]*rtm\.start compat/);
    const log = proxy.log();
    expect(log).not.toMatch(/xoxb-test/);
    expect(log).not.toMatch(/xox[a-z]-[A-Za-z0-9]/);
  });
});

describe('rtm-shim proxy: clear errors at start (exit 2)', () => {
  const cases: [string, string[], RegExp][] = [
    ['non-loopback listen', ['--listen', '0.0.0.0:0'], /not a loopback address.*--allow-remote/],
    ['bad port', ['--listen', '127.0.0.1:70000'], /port must be 0-65535/],
    ['bad listen', ['--listen', 'nonsense'], /--listen must be host:port/],
    ['bad upstream URL', ['--upstream', 'slack.com/api'], /--upstream must be an absolute http\(s\) URL/],
    ['unreachable upstream', ['--listen', '127.0.0.1:0', '--upstream', 'http://127.0.0.1:1/api/'], /not reachable: ECONNREFUSED/],
    ['ftp upstream', ['--upstream', 'ftp://127.0.0.1/api/'], /http or https/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const out = await run(process.execPath, [SHIM_CLI, 'proxy', ...args], { timeoutMs: 15_000 });
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(message);
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  it('a port in use', async () => {
    const busy = await startCli(['--listen', '127.0.0.1:0', '--upstream', fake.apiUrl]);
    const out = await run(process.execPath, [SHIM_CLI, 'proxy', '--listen', `127.0.0.1:${new URL(busy.url).port}`, '--upstream', fake.apiUrl]);
    await busy.stop();
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/cannot listen on 127\.0\.0\.1:\d+: address already in use/);
  });
});
