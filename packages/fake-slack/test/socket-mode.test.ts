import { LogLevel, SocketModeClient } from '@slack/socket-mode';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startFakeSlack, type FakeSlack } from '../src/index.js';
import { JsonSocket, type Frame } from '../../../test/support/json-lines.js';
import { clientFor, post } from './helpers.js';

class Link extends JsonSocket {
  ack(frame: Frame, payload?: unknown): void {
    this.send({ envelope_id: frame.envelope_id, ...(payload === undefined ? {} : { payload }) });
  }
}

async function openUrl(fake: FakeSlack): Promise<string> {
  const res = await post(`${fake.apiUrl}apps.connections.open`, undefined, { authorization: 'Bearer xapp-test' });
  expect(res['ok']).toBe(true);
  return res['url'] as string;
}

async function connect(fake: FakeSlack): Promise<Link> {
  const link = new Link(new WebSocket(await openUrl(fake)));
  await new Promise((resolve, reject) => link.ws.once('open', resolve).once('error', reject));
  return link;
}

const isEvent = (type: string) => (f: Frame) => f.type === 'events_api' && (f.payload?.['event'] as Frame | undefined)?.type === type;

let fake: FakeSlack;
afterEach(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when the set-up failed
  await fake?.close();
});

describe('fake Slack: token types', () => {
  it('refuses rtm.connect and rtm.start for a modern bot token, and app tokens anywhere but apps.connections.open', async () => {
    fake = await startFakeSlack({ users: 10, channels: 3 });
    const modern = clientFor(fake, 'xoxb-modern');
    await expect(modern.rtm.connect()).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the retired method is what this test calls
    await expect(modern.rtm.start({})).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
    await expect(modern.auth.test()).resolves.toMatchObject({ ok: true });
    await expect(clientFor(fake, 'xapp-test').auth.test()).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
    await expect(clientFor(fake, 'xoxb-test').apps.connections.open()).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
    const { url } = await clientFor(fake, 'xapp-test').apps.connections.open();
    expect(url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${fake.port}/link/\\?ticket=[0-9a-f]{32}&app_id=A0FAKEAPP1$`));
  });

  it('hands out single-use URLs: hello with num_connections and debug_info, a second use is refused', async () => {
    fake = await startFakeSlack({ users: 10, channels: 3 });
    const url = await openUrl(fake);
    const first = new Link(new WebSocket(url));
    const hello = await first.next();
    expect(hello).toMatchObject({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKEAPP1' } });
    expect(hello['debug_info']).toMatchObject({ host: expect.any(String) as unknown, approximate_connection_time: expect.any(Number) as unknown });
    const again = new WebSocket(url);
    const status = await new Promise<number | undefined>((resolve) => again.once('unexpected-response', (_req, res) => resolve(res.statusCode)));
    expect(status).toBe(410);
    const second = await connect(fake);
    expect(await second.next()).toMatchObject({ type: 'hello', num_connections: 2 });
    first.ws.close();
    second.ws.close();
  });
});

describe('fake Slack: envelopes', () => {
  it('delivers a user message and its app_mention twin as events_api envelopes, and tracks acks', async () => {
    fake = await startFakeSlack({ users: 10, channels: 3 });
    const link = await connect(fake);
    await link.next((f) => f.type === 'hello');
    const channel = fake.workspace.byType.public_channel[0]!.id;
    const ts = fake.socketMode.post({ channel, text: `hi <@${fake.workspace.self.id}>` });
    const message = await link.next(isEvent('message'));
    const mention = await link.next(isEvent('app_mention'));
    expect(message).toMatchObject({ type: 'events_api', accepts_response_payload: false, retry_attempt: 0, retry_reason: '' });
    expect(message.payload).toMatchObject({
      type: 'event_callback',
      team_id: fake.workspace.team.id,
      api_app_id: 'A0FAKEAPP1',
      event_id: expect.stringMatching(/^Ev/) as unknown,
      event: { type: 'message', channel, ts, channel_type: 'channel', text: expect.stringContaining('hi') as unknown },
    });
    expect(mention.payload?.['event']).toMatchObject({ type: 'app_mention', channel, ts });
    expect(mention.payload?.['event_id']).not.toBe(message.payload?.['event_id']);
    link.ack(message);
    link.ack(mention);
    await expect.poll(() => fake.socketMode.stats().acked).toBe(2);
    expect(fake.socketMode.stats()).toMatchObject({ sent: 2, pending: 0, retries: 0 });
    link.ws.close();
  });

  it('sends an unacknowledged envelope again with retry_attempt and retry_reason, same event_id', async () => {
    fake = await startFakeSlack({ users: 10, channels: 3, socketMode: { ackTimeoutMs: 50 } });
    const link = await connect(fake);
    const channel = fake.workspace.byType.public_channel[0]!.id;
    fake.socketMode.post({ channel, text: 'one' });
    const first = await link.next(isEvent('message'));
    const retry = await link.next(isEvent('message'));
    expect(retry).toMatchObject({ retry_attempt: 1, retry_reason: 'timeout' });
    expect(retry.payload?.['event_id']).toBe(first.payload?.['event_id']);
    expect(retry.envelope_id).not.toBe(first.envelope_id);
    link.ack(retry);
    await expect.poll(() => fake.socketMode.stats().pending).toBe(0);
    link.ack(first); // too late: a stray ack
    await expect.poll(() => fake.socketMode.stats().strayAcks).toBe(1);
    link.ws.close();
  });

  it('loses acks on demand, so the same event comes again', async () => {
    fake = await startFakeSlack({ users: 10, channels: 3, socketMode: { ackTimeoutMs: 50 } });
    const link = await connect(fake);
    fake.socketMode.loseAcks(1);
    fake.socketMode.join({ channel: fake.workspace.byType.public_channel[0]!.id });
    const first = await link.next(isEvent('member_joined_channel'));
    link.ack(first);
    const again = await link.next(isEvent('member_joined_channel'));
    expect(again.payload?.['event_id']).toBe(first.payload?.['event_id']);
    link.ack(again);
    await expect.poll(() => fake.socketMode.stats()).toMatchObject({ acked: 1, retries: 1, pending: 0 });
    link.ws.close();
  });

  it('holds envelopes while no connection is open, and re-sends what a dropped connection never acked, first and in order', async () => {
    fake = await startFakeSlack({ users: 10, channels: 3 });
    const channel = fake.workspace.byType.public_channel[0]!.id;
    fake.socketMode.post({ channel, text: 'before any connection' });
    const link = await connect(fake);
    const held = await link.next(isEvent('message'));
    expect((held.payload?.['event'] as Frame)['text']).toBe('before any connection');
    fake.socketMode.post({ channel, text: 'a' });
    fake.socketMode.post({ channel, text: 'b' });
    await link.next(isEvent('message'));
    await link.next(isEvent('message'));
    fake.socketMode.dropConnections();
    fake.socketMode.post({ channel, text: 'c' });
    const next = await connect(fake);
    const texts: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      const f = await next.next(isEvent('message'));
      texts.push((f.payload?.['event'] as Frame)['text']);
      next.ack(f);
    }
    expect(texts).toEqual(['before any connection', 'a', 'b', 'c']);
    await expect.poll(() => fake.socketMode.stats().pending).toBe(0);
    next.ws.close();
  });

  it('disconnect refresh_requested: new envelopes go to the next connection, the old one closes after the grace', async () => {
    fake = await startFakeSlack({ users: 10, channels: 3, socketMode: { closeGraceMs: 100 } });
    const old = await connect(fake);
    await old.next((f) => f.type === 'hello');
    fake.socketMode.disconnect('refresh_requested');
    expect(await old.next((f) => f.type === 'disconnect')).toMatchObject({ reason: 'refresh_requested', debug_info: { host: expect.any(String) as unknown } });
    const channel = fake.workspace.byType.public_channel[0]!.id;
    fake.socketMode.post({ channel, text: 'after refresh' });
    const fresh = await connect(fake);
    const f = await fresh.next(isEvent('message'));
    fresh.ack(f);
    await old.closed();
    expect(old.items.some(isEvent('message'))).toBe(false);
    fresh.ws.close();
  });

  it('link_disabled closes at once; slash commands and interactivity accept a response payload', async () => {
    fake = await startFakeSlack({ users: 10, channels: 3 });
    const link = await connect(fake);
    fake.socketMode.envelope('slash_commands', { command: '/echo', text: 'x' });
    const cmd = await link.next((f) => f.type === 'slash_commands');
    expect(cmd).toMatchObject({ accepts_response_payload: true, payload: { command: '/echo' } });
    link.ack(cmd, { text: 'ok' });
    await expect.poll(() => fake.socketMode.acks.length).toBe(1);
    expect(fake.socketMode.acks[0]).toMatchObject({ type: 'slash_commands', payload: { text: 'ok' } });
    fake.socketMode.disconnect('link_disabled');
    expect(await link.next((f) => f.type === 'disconnect')).toMatchObject({ reason: 'link_disabled' });
    await link.closed();
  });
});

describe('fake Slack: chat.postMessage', () => {
  it('posts as the bot and produces the message event; no_text, channel_not_found', async () => {
    fake = await startFakeSlack({ users: 10, channels: 3 });
    const link = await connect(fake);
    const web = clientFor(fake, 'xoxb-modern');
    const channel = fake.workspace.byType.public_channel[1]!.id;
    const res = await web.chat.postMessage({ channel, text: 'hello from the bot' });
    expect(res).toMatchObject({ ok: true, channel, ts: expect.stringMatching(/^\d+\.\d{6}$/) as unknown, message: { text: 'hello from the bot' } });
    const event = await link.next(isEvent('message'));
    expect(event.payload?.['event']).toMatchObject({
      type: 'message',
      channel,
      ts: res.ts,
      user: fake.workspace.self.id,
      bot_id: fake.workspace.self.profile.bot_id,
    });
    await expect(web.chat.postMessage({ channel, text: '' })).rejects.toMatchObject({ data: { error: 'no_text' } });
    await expect(web.chat.postMessage({ channel: 'C0NOPE', text: 'x' })).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    const narrow = await startFakeSlack({ users: 10, channels: 3, tokens: { 'xoxb-narrow': { scopes: ['channels:read'] } } });
    try {
      await expect(clientFor(narrow, 'xoxb-narrow').chat.postMessage({ channel, text: 'x' })).rejects.toMatchObject({
        data: { error: 'missing_scope', needed: 'chat:write' },
      });
    } finally {
      await narrow.close();
    }
    link.ws.close();
  });

  it('reactions carry the item; the same events reach classic RTM sockets', async () => {
    fake = await startFakeSlack({ users: 10, channels: 3 });
    const { url } = await clientFor(fake).rtm.connect();
    const rtm = new Link(new WebSocket(url!));
    await rtm.next((f) => f.type === 'hello');
    const channel = fake.workspace.byType.public_channel[0]!.id;
    const ts = fake.socketMode.post({ channel, text: 'react to me' });
    fake.socketMode.react({ channel, ts, reaction: 'tada' });
    expect(await rtm.next((f) => f.type === 'message')).toMatchObject({ channel, ts });
    expect(await rtm.next((f) => f.type === 'reaction_added')).toMatchObject({ reaction: 'tada', item: { type: 'message', channel, ts } });
    rtm.ws.close();
  });
});

describe("fake Slack's Socket Mode with Slack's own client (@slack/socket-mode SocketModeClient)", () => {
  it('connects, receives and acks events and slash commands, and follows a refresh to the next connection', async () => {
    fake = await startFakeSlack({ users: 10, channels: 3, socketMode: { closeGraceMs: 200 } });
    const client = new SocketModeClient({ appToken: 'xapp-test', logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: fake.apiUrl } });
    const seen: string[] = [];
    client.on('message', ({ event, ack }: { event: { text: string }; ack: () => Promise<void> }) => {
      seen.push(event.text);
      void ack();
    });
    client.on('slash_commands', ({ body, ack }: { body: { text: string }; ack: (r: unknown) => Promise<void> }) => {
      void ack({ text: `got ${body.text}` });
    });
    await client.start();
    try {
      const channel = fake.workspace.byType.public_channel[0]!.id;
      fake.socketMode.post({ channel, text: 'one' });
      await expect.poll(() => seen).toEqual(['one']);
      fake.socketMode.disconnect('refresh_requested');
      await expect.poll(() => fake.socketMode.stats().opened, { timeout: 10_000 }).toBe(2);
      fake.socketMode.post({ channel, text: 'two' });
      fake.socketMode.envelope('slash_commands', { command: '/x', text: 'hi' });
      await expect.poll(() => seen, { timeout: 10_000 }).toEqual(['one', 'two']);
      await expect.poll(() => fake.socketMode.acks.find((a) => a.type === 'slash_commands')).toMatchObject({ payload: { text: 'got hi' } });
      expect(fake.socketMode.stats()).toMatchObject({ retries: 0, expired: 0 });
    } finally {
      await client.disconnect();
    }
  });
});
