import { join } from 'node:path';
import { expect } from 'vitest';
import { startFakeSlack, type FakeSlack, type FakeSlackOptions } from '@rtm-migrate/fake-slack';
import { JsonLinesProcess, JsonSocket, type Frame } from '../../../test/support/json-lines.js';
import { ROOT } from '../../../test/support/legacy-bot.js';
import { startBridge, type BridgeOptions, type RunningBridge } from '../src/index.js';

export const ECHO_BOT = join(ROOT, 'fixtures', 'echo-bot', 'index.js');
/** The modern app's tokens: fake Slack refuses rtm.connect / rtm.start to `xoxb-modern`. */
export const APP_TOKEN = 'xapp-test';
export const BOT_TOKEN = 'xoxb-modern';

export interface Stack {
  readonly fake: FakeSlack;
  readonly bridge: RunningBridge;
  /** Every line the bridge logged. */
  readonly log: string[];
  close(): Promise<void>;
}

/** Fake Slack with Socket Mode, and the bridge in front of it with the modern app's tokens. */
export async function startStack(fakeOptions: FakeSlackOptions = {}, bridgeOptions: Partial<BridgeOptions> = {}): Promise<Stack> {
  const fake = await startFakeSlack({ users: 30, channels: 6, ...fakeOptions });
  const log: string[] = [];
  const bridge = await startBridge({
    appToken: APP_TOKEN,
    botToken: BOT_TOKEN,
    upstream: fake.apiUrl,
    listen: '127.0.0.1:0',
    log: (line) => log.push(line),
    rtmStart: { rateLimit: false },
    ...bridgeOptions,
  });
  return {
    fake,
    bridge,
    log,
    close: async () => {
      await bridge.close();
      await fake.close();
    },
  };
}

/** An RTM connection to the bridge, as any RTM client makes one: rtm.connect, then the WebSocket. */
export async function rtmConnect(bridge: RunningBridge, token = 'xoxb-whatever-the-bot-has'): Promise<JsonSocket> {
  const res = (await (await fetch(`${bridge.url}rtm.connect`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).json()) as Frame;
  if (res['ok'] !== true) throw new Error(`rtm.connect: ${JSON.stringify(res)}`);
  const socket = await JsonSocket.open(String(res['url']));
  await socket.next((f) => f.type === 'hello');
  return socket;
}

/** The echo-bot fixture, unchanged, in its own process, with its API base set to `apiUrl`. */
export async function startEchoBot(apiUrl: string): Promise<JsonLinesProcess> {
  const bot = JsonLinesProcess.spawn(process.execPath, [ECHO_BOT], {
    PATH: process.env['PATH'] ?? '',
    SLACK_BOT_TOKEN: 'xoxb-legacy-token-the-bridge-replaces',
    SLACK_API_URL: apiUrl,
  });
  await bot.next((l) => l['kind'] === 'ready');
  return bot;
}

export const eventOf = (type: string) => (f: Frame) => f.type === type;

const isMessage = (l: Frame): boolean => l['kind'] === 'event' && l.type === 'message';

/** A user says "echo …"; the client's reply is acked (with reply_to) and lands in the channel. Returns the ack as the client printed it. */
export async function echoRoundTrip(s: Stack, bot: JsonLinesProcess, suffix: RegExp): Promise<Frame> {
  const channel = s.fake.workspace.byType.public_channel[1]!;
  const ts = s.fake.socketMode.post({ channel: channel.id, text: 'echo ping from a user' });
  expect(await bot.next(isMessage)).toMatchObject({ channel: channel.id, ts, text: 'echo ping from a user' });
  const replied = await bot.next((l) => l['kind'] === 'replied');
  expect(replied).toMatchObject({ ts: expect.stringMatching(/^\d+\.\d{6}$/) as unknown });
  const post = s.fake.calls.find((c) => c.method === 'chat.postMessage');
  expect(post).toMatchObject({ ok: true, args: { channel: channel.id } });
  expect(String(post?.args['text'])).toMatch(suffix);
  expect(s.fake.calls.map((c) => c.method)).not.toContain('rtm.connect');
  return replied;
}
