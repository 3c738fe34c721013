import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RTM_MAX_FRAME_BYTES } from '@rtm-migrate/core';
import { ROOT } from '../../../test/support/legacy-bot.js';
import { run } from '../../../test/support/run.js';
import { RtmTickets } from '../src/bridge/tickets.js';
import { rtmBotManifest, startBridge } from '../src/index.js';
import { client } from './helpers.js';
import { APP_TOKEN, BOT_TOKEN, eventOf, rtmConnect, startStack, type Stack } from './bridge-helpers.js';

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const channelOf = (s: Stack, i = 0): string => s.fake.workspace.byType.public_channel[i]!.id;

describe('bridge: Web API', () => {
  it('forwards every method with the bot token, whatever token the caller sent (header, form, multipart, JSON, query)', async () => {
    stack = await startStack();
    const { bridge, fake } = stack;
    const web = client(bridge.url, 'xoxb-not-a-token-fake-slack-knows');
    await expect(web.auth.test()).resolves.toMatchObject({ ok: true, user_id: fake.workspace.self.id });
    const channel = channelOf(stack);
    const form = await fetch(`${bridge.url}conversations.info`, { method: 'POST', body: new URLSearchParams({ token: 'xoxb-bogus', channel }) });
    expect(await form.json()).toMatchObject({ ok: true, channel: { id: channel } });
    const multipart = new FormData();
    multipart.set('token', 'xoxb-bogus');
    multipart.set('channel', channel);
    expect(await (await fetch(`${bridge.url}conversations.info`, { method: 'POST', body: multipart })).json()).toMatchObject({ ok: true });
    const query = await fetch(`${bridge.url}conversations.info?token=xoxb-bogus&channel=${channel}`);
    expect(await query.json()).toMatchObject({ ok: true });
    // fake Slack, like Slack, refuses JSON bodies for this method: the refusal comes back unchanged.
    const json = await fetch(`${bridge.url}conversations.info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'x', channel }) });
    expect(await json.json()).toMatchObject({ ok: false, error: 'invalid_post_type' });
    expect(fake.calls.map((c) => c.method)).not.toContain('rtm.connect');
  });

  it("passes Slack's rate limits and errors back unchanged: 429 with Retry-After, ok:false bodies", async () => {
    stack = await startStack();
    const { bridge, fake } = stack;
    fake.injectFault('users.info', { burst429: 1 });
    const limited = await fetch(`${bridge.url}users.info?user=${fake.workspace.self.id}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toEqual({ ok: false, error: 'ratelimited' });
    const missing = await fetch(`${bridge.url}users.info?user=U0NOBODY`);
    expect(await missing.json()).toMatchObject({ ok: false, error: 'user_not_found' });
    expect(missing.headers.get('x-oauth-scopes')).toContain('users:read');
  });

  it('answers rtm.connect itself (the modern token would get not_allowed_token_type) with a one-time URL, self and team from auth.test', async () => {
    stack = await startStack();
    const { bridge, fake } = stack;
    await expect(client(fake.apiUrl, BOT_TOKEN).rtm.connect()).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
    const res = await client(bridge.url, 'xoxb-anything').rtm.connect();
    expect(res).toMatchObject({
      ok: true,
      url: expect.stringMatching(new RegExp(`^ws://127\\.0\\.0\\.1:${bridge.port}/rtm/[0-9a-f]{32}$`)) as unknown,
      self: { id: fake.workspace.self.id, name: fake.workspace.self.name },
      team: { id: fake.workspace.team.id, name: fake.workspace.team.name, domain: fake.workspace.team.domain },
    });
    const first = new WebSocket(res.url!);
    await new Promise((resolve) => first.once('open', resolve));
    const again = new WebSocket(res.url!);
    expect(await new Promise((resolve) => again.once('unexpected-response', (_q, r) => resolve(r.statusCode)))).toBe(410);
    const unknown = new WebSocket(`ws://127.0.0.1:${bridge.port}/rtm/${'0'.repeat(32)}`);
    expect(await new Promise((resolve) => unknown.once('unexpected-response', (_q, r) => resolve(r.statusCode)))).toBe(401);
    first.close();
  });

  it('answers rtm.start with the rebuilt snapshot and its own WebSocket URL', async () => {
    stack = await startStack();
    const { bridge, fake } = stack;
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the retired method is what the bridge answers
    const res = (await client(bridge.url).rtm.start({ mpim_aware: true })) as unknown as Record<string, unknown> & { channels: { id: string }[]; users: unknown[] };
    expect(res['url']).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${bridge.port}/rtm/`));
    expect(res.users).toHaveLength(fake.workspace.users.length);
    expect(res.channels.map((c) => c.id)).toEqual(fake.workspace.byType.public_channel.map((c) => c.id));
    expect(res['response_metadata']).toMatchObject({ warnings: ['rtm_start_compat'] });
    expect(fake.calls.map((c) => c.method)).not.toContain('rtm.start');

    // A second bot (or a reconnect) is answered from the same snapshot, with a URL of its own.
    const listCalls = (): number => fake.calls.filter((c) => c.method === 'users.list').length;
    const before = listCalls();
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- as above
    const again = (await client(bridge.url).rtm.start({ mpim_aware: true })) as unknown as Record<string, unknown> & { users: unknown[] };
    expect(again.users).toHaveLength(fake.workspace.users.length);
    expect(again['url']).not.toBe(res['url']);
    expect(listCalls()).toBe(before);
  });

  it('refuses to start with the wrong tokens or off loopback, never printing a token', async () => {
    await expect(startBridge({ appToken: 'xoxb-oops', botToken: BOT_TOKEN, listen: '127.0.0.1:0' })).rejects.toThrow(/xapp-/);
    await expect(startBridge({ appToken: APP_TOKEN, botToken: 'xapp-oops', listen: '127.0.0.1:0' })).rejects.toThrow(/xoxb-/);
    await expect(startBridge({ appToken: APP_TOKEN, botToken: BOT_TOKEN, listen: '0.0.0.0:0' })).rejects.toThrow(/loopback/);
    stack = await startStack();
    const e = await startBridge({ appToken: APP_TOKEN, botToken: 'xoxb-unknown-secret', upstream: stack.fake.apiUrl, listen: '127.0.0.1:0', log: false }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Error);
    const message = e instanceof Error ? e.message : '';
    expect(message).toMatch(/auth\.test .*invalid_auth/);
    expect(message).not.toContain('xoxb-unknown-secret');
  });
});

describe('bridge: RTM side', () => {
  it('pong echoes the ping; messages become chat.postMessage, acked with reply_to in order; errors in RTM form; typing dropped', async () => {
    stack = await startStack();
    const { bridge, fake } = stack;
    const bot = await rtmConnect(bridge);
    bot.send({ id: 1, type: 'ping', time: 1234, note: 'x' });
    expect(await bot.next((f) => f.type === 'pong')).toEqual({ type: 'pong', reply_to: 1, time: 1234, note: 'x' });
    bot.send({ id: 2, type: 'typing', channel: channelOf(stack) });
    bot.send({ id: 3, type: 'presence_sub', ids: [] });
    const channel = channelOf(stack, 1);
    for (let id = 4; id < 14; id++) bot.send({ id, type: 'message', channel, text: `reply ${id}` });
    bot.send({ id: 14, type: 'message', channel: 'C0MISSING', text: 'nowhere' });
    const acks = await bot.count((f) => typeof f['reply_to'] === 'number' && f['reply_to'] >= 2, 11);
    expect(acks.map((a) => a['reply_to'])).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(acks[0]).toMatchObject({ ok: true, ts: expect.stringMatching(/^\d+\.\d{6}$/) as unknown, text: 'reply 4' });
    expect(acks.at(-1)).toEqual({ ok: false, reply_to: 14, error: { code: 2, msg: 'channel_not_found' } });
    const posts = fake.calls.filter((c) => c.method === 'chat.postMessage' && c.ok);
    expect(posts.map((c) => [c.args['channel'], c.args['text']])).toEqual(Array.from({ length: 10 }, (_, i) => [channel, `reply ${i + 4}`]));
    bot.send({ id: 15, type: 'message', channel, text: 'x'.repeat(RTM_MAX_FRAME_BYTES) });
    expect(await bot.next((f) => f['reply_to'] === 15)).toMatchObject({ ok: false, error: { code: 2, msg: expect.stringMatching(/too long/) as unknown } });
    bot.ws.close();
  });

  it('every connected bot gets every event', async () => {
    stack = await startStack();
    const { bridge, fake } = stack;
    const [a, b] = [await rtmConnect(bridge), await rtmConnect(bridge)];
    const channel = channelOf(stack);
    const ts = fake.socketMode.post({ channel, text: 'to everyone' });
    fake.socketMode.react({ channel, ts, reaction: 'eyes' });
    fake.socketMode.join({ channel });
    for (const bot of [a, b]) {
      expect(await bot.next(eventOf('message'))).toMatchObject({ type: 'message', channel, ts, text: 'to everyone' });
      expect(await bot.next(eventOf('reaction_added'))).toMatchObject({ reaction: 'eyes', item: { channel, ts } });
      expect(await bot.next(eventOf('member_joined_channel'))).toMatchObject({ channel });
    }
    await expect.poll(() => bridge.stats()).toMatchObject({ bots: 2, acked: 3, forwarded: 3 });
    await expect.poll(() => fake.socketMode.stats()).toMatchObject({ acked: 3, pending: 0, retries: 0 });
    a.ws.close();
    b.ws.close();
  });
});

describe('bridge: Socket Mode side', () => {
  it('does not forward a redelivery (lost ack) or the app_mention twin of a message', async () => {
    stack = await startStack({ socketMode: { ackTimeoutMs: 100 } });
    const { bridge, fake } = stack;
    const bot = await rtmConnect(bridge);
    const channel = channelOf(stack);
    fake.socketMode.loseAcks(1);
    fake.socketMode.post({ channel, text: 'first' });
    fake.socketMode.post({ channel, text: `hey <@${fake.workspace.self.id}>` });
    await expect.poll(() => fake.socketMode.stats()).toMatchObject({ retries: 1, pending: 0, acked: 3 });
    await expect.poll(() => bridge.stats()).toMatchObject({ redeliveries: 1, twins: 1, forwarded: 2 });
    const messages = bot.items.filter(eventOf('message'));
    expect(messages.map((m) => m['text'])).toEqual(['first', `hey <@${fake.workspace.self.id}>`]);
    expect(bot.items.some(eventOf('app_mention'))).toBe(false);
    bot.ws.close();
  });

  it('holds events while no bot is connected and delivers them once to the next bot', async () => {
    stack = await startStack();
    const { bridge, fake } = stack;
    const channel = channelOf(stack);
    for (let i = 0; i < 5; i++) fake.socketMode.post({ channel, text: `while away ${i}` });
    await expect.poll(() => bridge.stats().buffered).toBe(5);
    expect(fake.socketMode.stats()).toMatchObject({ acked: 5, pending: 0 });
    const bot = await rtmConnect(bridge);
    const held = await bot.count(eventOf('message'), 5);
    expect(held.map((m) => m['text'])).toEqual([0, 1, 2, 3, 4].map((i) => `while away ${i}`));
    const second = await rtmConnect(bridge);
    fake.socketMode.post({ channel, text: 'live' });
    await second.next(eventOf('message'));
    expect(second.items.filter(eventOf('message')).map((m) => m['text'])).toEqual(['live']);
    bot.ws.close();
    second.ws.close();
  });

  it('drops the oldest held event past the bound, and says so', async () => {
    stack = await startStack({}, { maxBuffered: 3 });
    const { bridge, fake } = stack;
    for (let i = 0; i < 5; i++) fake.socketMode.post({ channel: channelOf(stack), text: `m${i}` });
    await expect.poll(() => bridge.stats()).toMatchObject({ buffered: 3, overflowed: 2 });
    expect(stack.log.some((l) => l.includes('dropped the oldest'))).toBe(true);
    const bot = await rtmConnect(bridge);
    expect((await bot.count(eventOf('message'), 3)).map((m) => m['text'])).toEqual(['m2', 'm3', 'm4']);
    bot.ws.close();
  });

  it('refresh_requested: opens the next connection before the old one closes; bots keep their socket', async () => {
    // Slack would close the old connection 30 s later: the bridge closes it itself, once the next said hello.
    stack = await startStack({ socketMode: { closeGraceMs: 30_000 } });
    const { bridge, fake } = stack;
    const bot = await rtmConnect(bridge);
    fake.socketMode.disconnect('refresh_requested');
    await expect.poll(() => fake.socketMode.stats()).toMatchObject({ opened: 2, connections: 1 });
    expect(fake.calls.filter((c) => c.method === 'apps.connections.open')).toHaveLength(2);
    fake.socketMode.post({ channel: channelOf(stack), text: 'after refresh' });
    expect(await bot.next(eventOf('message'))).toMatchObject({ text: 'after refresh' });
    expect(bot.ws.readyState).toBe(WebSocket.OPEN);
    bot.ws.close();
  });

  it('link_disabled: bots get RTM goodbye', async () => {
    stack = await startStack();
    const bot = await rtmConnect(stack.bridge);
    stack.fake.socketMode.disconnect('link_disabled');
    expect(await bot.next(eventOf('goodbye'))).toMatchObject({ type: 'goodbye' });
    await bot.closed();
    expect(stack.log.some((l) => l.includes('link_disabled'))).toBe(true);
  });

  it('acks slash commands and interactivity and logs them; no token in any log line', async () => {
    stack = await startStack();
    const { fake } = stack;
    fake.socketMode.envelope('slash_commands', { command: '/deploy', text: 'now' });
    fake.socketMode.envelope('interactive', { type: 'block_actions' });
    await expect.poll(() => fake.socketMode.acks.length).toBe(2);
    expect(stack.log.some((l) => l.includes('slash_commands /deploy acknowledged'))).toBe(true);
    expect(stack.log.some((l) => l.includes('interactive acknowledged'))).toBe(true);
    await client(stack.bridge.url, 'xoxb-caller-secret').auth.test();
    const all = stack.log.join('\n');
    for (const secret of [APP_TOKEN, BOT_TOKEN, 'xoxb-caller-secret']) expect(all).not.toContain(secret);
  });
});

describe('rtm-shim bridge / manifest (CLI)', () => {
  const CLI = join(ROOT, 'packages', 'shim', 'dist', 'cli.js');

  it('prints the API base on a line of its own, serves it, and never prints a token', async () => {
    stack = await startStack();
    const child = spawn(process.execPath, [CLI, 'bridge', '--listen', '127.0.0.1:0', '--upstream', stack.fake.apiUrl], {
      env: { PATH: process.env['PATH'] ?? '', SLACK_APP_TOKEN: APP_TOKEN, SLACK_BOT_TOKEN: BOT_TOKEN },
    });
    let out = '';
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const url = await new Promise<string>((resolve) =>
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        const m = /^(http:\/\/127\.0\.0\.1:\d+\/api\/)$/m.exec(out);
        if (m) resolve(m[1]!);
      }),
    );
    await expect(client(url, 'xoxb-anything').auth.test()).resolves.toMatchObject({ ok: true });
    child.kill('SIGTERM');
    expect(await new Promise((resolve) => child.once('exit', resolve))).toBe(0);
    expect(err).toMatch(/auth\.test → 200/);
    for (const secret of [APP_TOKEN, BOT_TOKEN]) expect(out + err).not.toContain(secret);
  });

  it('refuses to start without the tokens in the environment (exit 2, one line)', async () => {
    const res = await run(process.execPath, [CLI, 'bridge', '--listen', '127.0.0.1:0'], { env: { PATH: process.env['PATH'] ?? '' } });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/SLACK_APP_TOKEN/);
  });

  it('manifest: Socket Mode on, the bot events and scopes of the RTM events asked for; refuses events Socket Mode lacks', async () => {
    const res = await run(process.execPath, [CLI, 'manifest', '--events', 'message,reaction_added']);
    expect(res.code).toBe(0);
    const manifest = JSON.parse(res.stdout) as ReturnType<typeof rtmBotManifest>;
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['message.channels', 'message.groups', 'message.im', 'message.mpim', 'reaction_added']);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['chat:write', 'channels:history', 'reactions:read', 'users:read']));
    const lost = await run(process.execPath, [CLI, 'manifest', '--events', 'user_typing']);
    expect(lost.code).toBe(2);
    expect(lost.stderr).toMatch(/Socket Mode has no user_typing event/);
    expect(rtmBotManifest().settings.event_subscriptions.bot_events).toContain('team_join');
  });
});

describe("bridge: the bots' WebSocket URLs", () => {
  it('are single use and live 30 s, as Slack said of rtm.connect URLs', () => {
    const tickets = new RtmTickets();
    const t0 = 1_000_000;
    const fresh = tickets.issue(t0);
    const stale = tickets.issue(t0);
    expect(tickets.take(fresh, t0 + 29_999)).toBe('ok');
    expect(tickets.take(fresh, t0 + 30_000)).toBe('used');
    expect(tickets.take(stale, t0 + 30_001)).toBe('expired');
    expect(tickets.take('f'.repeat(32), t0)).toBe('unknown');
  });
});
