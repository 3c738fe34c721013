import { afterEach, describe, expect, it } from 'vitest';
import type { SocketModeDisconnectReason } from '@rtm-migrate/core';
import type { JsonLinesProcess, Frame } from '../../../test/support/json-lines.js';
import { startEchoBot, startStack, type Stack } from './bridge-helpers.js';

/*
 * The echo-bot fixture (@slack/rtm-api RTMClient + @slack/web-api WebClient, unchanged: only
 * SLACK_API_URL points at the bridge) in its own process, against fake Slack's Socket Mode through
 * the bridge. The bot's token is one fake Slack does not know: the bridge replaces it.
 */

let stack: Stack | undefined;
const bots: JsonLinesProcess[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
  await stack?.close();
  stack = undefined;
});

async function echoBot(s: Stack): Promise<JsonLinesProcess> {
  const bot = await startEchoBot(s.bridge.url);
  bots.push(bot);
  return bot;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const isEvent = (l: Frame): boolean => l['kind'] === 'event' && l.type === 'message';

describe('echo bot through the bridge', () => {
  it("gets a user's message as an RTM message event and replies to the right channel, acked with reply_to", async () => {
    stack = await startStack();
    const { fake } = stack;
    const bot = await echoBot(stack);
    const channel = fake.workspace.byType.public_channel[2]!;
    const ts = fake.socketMode.post({ channel: channel.id, text: 'echo hello there' });
    expect(await bot.next(isEvent)).toMatchObject({ channel: channel.id, ts, text: 'echo hello there' });
    const replied = await bot.next((l) => l['kind'] === 'replied');
    expect(replied).toMatchObject({ channel: channel.id, to: ts, reply_to: expect.any(Number) as unknown, ts: expect.stringMatching(/^\d+\.\d{6}$/) as unknown });
    const post = fake.calls.find((c) => c.method === 'chat.postMessage');
    expect(post).toMatchObject({ ok: true, args: { channel: channel.id, text: `hello there (echoed in #${channel.name})` } });
    // WebClient's call went upstream with the bot token; RTMClient's rtm.connect never left the bridge.
    expect(fake.calls.find((c) => c.method === 'conversations.info')).toMatchObject({ ok: true, args: { channel: channel.id } });
    expect(fake.calls.map((c) => c.method)).not.toContain('rtm.connect');
    // Slack sends the bot's own reply back as an event, as RTM did; the bot sees it and ignores it.
    const [own] = await bot.count((l) => isEvent(l) && l['ts'] === replied['ts'], 1);
    expect(own).toMatchObject({ channel: channel.id, user: fake.workspace.self.id });
  });

  it('1,000 events through 5 forced reconnects (refresh_requested, dropped sockets, warning) arrive exactly once, in order per channel', async () => {
    stack = await startStack({ socketMode: { closeGraceMs: 200, ackTimeoutMs: 500 } });
    const { fake, bridge } = stack;
    const bot = await echoBot(stack);
    const channels = fake.workspace.byType.public_channel.slice(0, 4).map((c) => c.id);
    const disturbances: [number, () => void][] = [
      [150, () => fake.socketMode.disconnect('refresh_requested')],
      [300, () => fake.socketMode.dropConnections()],
      [450, () => fake.socketMode.disconnect('warning')],
      [600, () => fake.socketMode.loseAcks(5)],
      [700, () => fake.socketMode.dropConnections()],
      [850, () => fake.socketMode.disconnect('refresh_requested' satisfies SocketModeDisconnectReason)],
    ];
    for (let i = 0; i < 1000; i++) {
      for (const [at, act] of disturbances) if (at === i) act();
      fake.socketMode.post({ channel: channels[i % channels.length]!, text: `n-${i}` });
      if (i % 25 === 24) await sleep(5);
    }
    const seen = await bot.count((l) => isEvent(l) && /^n-\d+$/.test(String(l['text'])), 1000, 60_000);
    await expect.poll(() => fake.socketMode.stats().pending, { timeout: 10_000 }).toBe(0);
    await sleep(300); // room for any duplicate to show up
    const all = bot.items.filter((l) => isEvent(l) && /^n-\d+$/.test(String(l['text']))).map((l) => Number(String(l['text']).slice(2)));
    expect(all).toHaveLength(1000);
    expect(new Set(all).size).toBe(1000);
    for (const channel of channels) {
      const order = seen.filter((l) => l['channel'] === channel).map((l) => Number(String(l['text']).slice(2)));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
    const sm = fake.socketMode.stats();
    expect(sm.opened).toBeGreaterThanOrEqual(6); // the first connection and one per reconnect
    expect(sm.retries).toBeGreaterThan(0); // Slack did send some again: the bridge forwarded them once
    expect(bridge.stats().redeliveries).toBeGreaterThan(0);
    expect(bot.child.exitCode).toBeNull(); // the bot's own socket was never dropped
  });

  it('a bot that restarts gets the events of its downtime once, then live events', async () => {
    stack = await startStack();
    const { fake, bridge } = stack;
    const first = await echoBot(stack);
    const channel = fake.workspace.byType.public_channel[0]!.id;
    fake.socketMode.post({ channel, text: 'before restart' });
    await first.next((l) => isEvent(l) && l['text'] === 'before restart');
    await first.stop();
    await expect.poll(() => bridge.stats().bots).toBe(0);
    for (let i = 0; i < 20; i++) fake.socketMode.post({ channel, text: `down-${i}` });
    await expect.poll(() => bridge.stats().buffered).toBe(20);
    const second = await echoBot(stack);
    fake.socketMode.post({ channel, text: 'live' });
    await second.next((l) => isEvent(l) && l['text'] === 'live');
    const texts = second.items.filter(isEvent).map((l) => l['text']);
    expect(texts).toEqual([...Array.from({ length: 20 }, (_, i) => `down-${i}`), 'live']);
  });
});
