import { frameText, parseJsonObject } from '@rtm-migrate/core';
import WebSocket from 'ws';

/** A Socket Mode envelope as Slack sends it. */
export interface Envelope {
  readonly envelope_id: string;
  readonly type: string;
  readonly payload?: Record<string, unknown>;
  readonly retry_attempt?: number;
  readonly retry_reason?: string;
  readonly accepts_response_payload?: boolean;
}

export interface SocketModeLinkOptions {
  /** A fresh Socket Mode URL (`apps.connections.open` with the app-level token). */
  readonly openUrl: () => Promise<string>;
  /** Called for each envelope; `ack()` sends `{"envelope_id"}` back on the connection it came on. */
  readonly onEnvelope: (envelope: Envelope, ack: () => void) => void;
  /** Slack turned Socket Mode off for the app (`disconnect` / `link_disabled`). */
  readonly onLinkDisabled: () => void;
  readonly log: (line: string) => void;
  /** First reconnect delay; doubles up to `maxBackoffMs` (defaults 100 ms, 10 s). */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
}

interface Connection {
  readonly ws: WebSocket;
  readonly n: number;
  ready: boolean;
  /** Slack asked to replace it: closed once the next connection said hello. */
  retiring: boolean;
}

/**
 * The bridge's side of Socket Mode: one connection at a time, and a second one while Slack
 * refreshes the first (`disconnect` `warning` / `refresh_requested`: the next connection is opened
 * and said hello before the old one is closed, so no envelope waits for a connection). A connection
 * that drops is replaced at once, then with backoff; `link_disabled` is reported, then retried slowly.
 */
export class SocketModeLink {
  private readonly connections = new Set<Connection>();
  private opening: Promise<void> | undefined;
  private stopped = false;
  private count = 0;
  private backoff: number;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SocketModeLinkOptions) {
    this.backoff = options.backoffMs ?? 100;
  }

  /** Opens the first connection; resolves at its `hello`. */
  start(): Promise<void> {
    return this.open();
  }

  /** Open connections, the retiring one included. */
  get size(): number {
    return this.connections.size;
  }

  private open(): Promise<void> {
    this.opening ??= this.connect().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  private async connect(): Promise<void> {
    const url = await this.options.openUrl();
    const ws = new WebSocket(url);
    const c: Connection = { ws, n: ++this.count, ready: false, retiring: false };
    this.connections.add(c);
    await new Promise<void>((resolve, reject) => {
      ws.on('message', (data) => {
        const frame = parseJsonObject(frameText(data));
        if (!frame) {
          this.options.log(`socket mode #${c.n}: a frame that is not a JSON object, ignored`);
          return;
        }
        if (frame['type'] === 'hello') {
          c.ready = true;
          this.backoff = this.options.backoffMs ?? 100;
          this.options.log(`socket mode #${c.n}: hello (${typeof frame['num_connections'] === 'number' ? frame['num_connections'] : '?'} connection(s))`);
          this.retireOld(c);
          resolve();
          return;
        }
        if (frame['type'] === 'disconnect') {
          this.onDisconnect(c, typeof frame['reason'] === 'string' ? frame['reason'] : 'unknown');
          return;
        }
        if (typeof frame['envelope_id'] === 'string') {
          const envelope = frame as unknown as Envelope;
          this.options.onEnvelope(envelope, () => {
            if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ envelope_id: envelope.envelope_id }));
          });
        }
      });
      ws.on('error', (e) => {
        this.options.log(`socket mode #${c.n}: ${e.message}`);
        reject(e);
      });
      ws.on('close', (code) => {
        this.connections.delete(c);
        reject(new Error(`socket mode connection closed (${code}) before hello`));
        if (!c.retiring && !this.stopped) this.options.log(`socket mode #${c.n}: closed (${code})`);
        if (!this.stopped && ![...this.connections].some((x) => !x.retiring)) this.reconnectSoon(0);
      });
    });
  }

  private retireOld(fresh: Connection): void {
    for (const c of this.connections) {
      if (c !== fresh && c.retiring) c.ws.close(1000);
    }
  }

  private onDisconnect(c: Connection, reason: string): void {
    this.options.log(`socket mode #${c.n}: disconnect (${reason})`);
    if (reason === 'link_disabled') {
      c.retiring = true;
      this.options.onLinkDisabled();
      c.ws.close(1000);
      this.reconnectSoon(this.options.maxBackoffMs ?? 10_000);
      return;
    }
    // warning, refresh_requested and any reason Slack adds later: the next connection first.
    c.retiring = true;
    this.open().catch((e: unknown) => {
      this.options.log(`socket mode: could not open the next connection: ${e instanceof Error ? e.message : String(e)}`);
      this.reconnectSoon(this.backoff);
    });
  }

  private reconnectSoon(delay: number): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.stopped || [...this.connections].some((x) => !x.retiring)) return;
      this.open().catch((e: unknown) => {
        this.backoff = Math.min(this.backoff * 2, this.options.maxBackoffMs ?? 10_000);
        this.options.log(`socket mode: reconnect failed (${e instanceof Error ? e.message : String(e)}); next try in ${this.backoff} ms`);
        this.reconnectSoon(this.backoff);
      });
    }, delay);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    for (const c of this.connections) c.ws.terminate();
    this.connections.clear();
  }
}
