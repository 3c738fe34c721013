import { parseJsonObject, RTM_DROPPED_SENDS, RTM_MAX_FRAME_BYTES, RTM_SEND_ERROR_CODE } from '@rtm-migrate/core';
import type { WebSocket } from 'ws';

/** Posts a bot's RTM message through the Web API; resolves with the message's `ts` or rejects with the Slack error. */
export type PostMessage = (message: { channel: string; text: string; thread_ts?: string }) => Promise<{ ts: string }>;

export interface RtmSocketsOptions {
  readonly postMessage: PostMessage;
  /** Most events held while no bot is connected (default 10 000); past it the oldest are dropped, and logged. */
  readonly maxBuffered?: number;
  readonly log: (line: string) => void;
}

export interface RtmSocketsStats {
  bots: number;
  forwarded: number;
  buffered: number;
  /** Events dropped because the buffer was full. */
  overflowed: number;
  sends: number;
  sendErrors: number;
}

interface Bot {
  readonly ws: WebSocket;
  readonly n: number;
  /** The bot's sends, answered in order. */
  chain: Promise<void>;
}

/** How long a bot has to answer the close that follows `goodbye` before its socket is cut. */
const CLOSE_GRACE_MS = 1_000;

const sendError = (replyTo: unknown, msg: string): string =>
  JSON.stringify({ ok: false, reply_to: replyTo, error: { code: RTM_SEND_ERROR_CODE, msg } });

/**
 * The RTM side: every connected bot gets `hello`, then every event; a bot's `message` sends become
 * `chat.postMessage` calls, answered in order with `reply_to`; `ping` gets `pong`. While no bot is
 * connected, events wait in a bounded buffer and go, once, to the next bot that connects.
 */
export class RtmSockets {
  private readonly bots = new Set<Bot>();
  private readonly buffer: string[] = [];
  private count = 0;
  private readonly counters = { forwarded: 0, overflowed: 0, sends: 0, sendErrors: 0 };
  private readonly maxBuffered: number;

  constructor(private readonly options: RtmSocketsOptions) {
    this.maxBuffered = options.maxBuffered ?? 10_000;
  }

  add(ws: WebSocket): void {
    const bot: Bot = { ws, n: ++this.count, chain: Promise.resolve() };
    this.bots.add(bot);
    ws.on('close', () => {
      this.bots.delete(bot);
      this.options.log(`rtm bot #${bot.n}: disconnected (${this.bots.size} connected)`);
    });
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => this.onFrame(bot, data as Buffer, isBinary));
    ws.send(JSON.stringify({ type: 'hello' }));
    const held = this.buffer.splice(0);
    for (const text of held) ws.send(text);
    this.counters.forwarded += held.length;
    this.options.log(`rtm bot #${bot.n}: connected (${this.bots.size} connected${held.length ? `, ${held.length} held event(s) delivered` : ''})`);
  }

  /** Sends an event to every bot (or holds it); resolves once it is written to every socket or held. */
  forward(event: Record<string, unknown>): Promise<void> {
    const text = JSON.stringify(event);
    const open = [...this.bots].filter((b) => b.ws.readyState === b.ws.OPEN);
    if (open.length === 0) {
      this.hold(text);
      return Promise.resolve();
    }
    this.counters.forwarded += 1;
    return new Promise((resolve) => {
      let left = open.length;
      let written = 0;
      for (const b of open) {
        b.ws.send(text, (err) => {
          if (!err) written += 1;
          if (--left > 0) return;
          // Every socket failed under it: keep the event for the next bot rather than lose it.
          if (written === 0) {
            this.counters.forwarded -= 1;
            this.hold(text);
          }
          resolve();
        });
      }
    });
  }

  /** RTM `goodbye` to every bot, then close: the server is going away. */
  goodbye(): void {
    for (const b of this.bots) {
      b.ws.send(JSON.stringify({ type: 'goodbye', source: 'gateway_server' }));
      b.ws.close(1000);
      // A bot that never answers the close (golang.org/x/net/websocket, under nlopes/slack) would
      // otherwise keep a dead socket for ws's 30 s close timeout, and only then reconnect.
      const cut = setTimeout(() => b.ws.terminate(), CLOSE_GRACE_MS);
      cut.unref();
      b.ws.once('close', () => clearTimeout(cut));
    }
  }

  stats(): RtmSocketsStats {
    return { bots: this.bots.size, buffered: this.buffer.length, ...this.counters };
  }

  closeAll(): void {
    for (const b of this.bots) b.ws.terminate();
  }

  private hold(text: string): void {
    this.buffer.push(text);
    if (this.buffer.length > this.maxBuffered) {
      this.buffer.shift();
      this.counters.overflowed += 1;
      if (this.counters.overflowed === 1 || this.counters.overflowed % 1000 === 0) {
        this.options.log(`no RTM bot connected and ${this.maxBuffered} events held: dropped the oldest (${this.counters.overflowed} so far)`);
      }
    }
  }

  private onFrame(bot: Bot, data: Buffer, isBinary: boolean): void {
    if (data.length > RTM_MAX_FRAME_BYTES) {
      const id = /"id"\s*:\s*(\d+)/.exec(data.subarray(0, 256).toString('utf8'))?.[1];
      bot.ws.send(sendError(id === undefined ? null : Number(id), `message too long: ${data.length} bytes, RTM takes at most ${RTM_MAX_FRAME_BYTES}`));
      return;
    }
    const frame = isBinary ? undefined : parseJsonObject(data.toString('utf8'));
    if (!frame) {
      bot.ws.send(JSON.stringify({ type: 'error', error: { code: RTM_SEND_ERROR_CODE, msg: 'frame is not a JSON object' } }));
      return;
    }
    const { id, type, ...rest } = frame;
    if (type === 'ping') {
      bot.ws.send(JSON.stringify({ ...rest, type: 'pong', reply_to: id }));
      return;
    }
    if (typeof type === 'string' && Object.hasOwn(RTM_DROPPED_SENDS, type)) return;
    if (type !== 'message') {
      bot.ws.send(sendError(id, `unsupported RTM frame type ${JSON.stringify(type)} (the bridge sends messages and answers pings)`));
      return;
    }
    const channel = rest['channel'];
    const text = rest['text'];
    if (typeof channel !== 'string' || typeof text !== 'string' || text === '') {
      bot.ws.send(sendError(id, typeof channel !== 'string' ? 'channel is missing' : 'message text is missing'));
      return;
    }
    const threadTs = typeof rest['thread_ts'] === 'string' ? { thread_ts: rest['thread_ts'] } : {};
    this.counters.sends += 1;
    // One call at a time per bot: its messages reach the channel, and its acks, in the order sent.
    bot.chain = bot.chain.then(() =>
      this.options.postMessage({ channel, text, ...threadTs }).then(
        ({ ts }) => bot.ws.send(JSON.stringify({ ok: true, reply_to: id, ts, text })),
        (e: unknown) => {
          this.counters.sendErrors += 1;
          const code = (e as { data?: { error?: unknown } }).data?.error;
          bot.ws.send(sendError(id, typeof code === 'string' ? code : e instanceof Error ? e.message : String(e)));
        },
      ),
    );
  }
}
