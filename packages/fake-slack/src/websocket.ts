import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { frameText } from '@rtm-migrate/core';
import { WebSocketServer, type WebSocket } from 'ws';

export type TicketState = 'ok' | 'unknown' | 'used' | 'expired';

/**
 * Single-use WebSocket tickets, as `rtm.connect` / `rtm.start` hand out in `url`: random, never
 * derived from the token, refused once used or older than the URL lifetime (30 s at Slack).
 */
export class TicketDesk {
  private readonly issued = new Map<string, { at: number; used: boolean }>();

  constructor(readonly lifetimeMs: number) {}

  issue(now = Date.now()): string {
    const ticket = randomBytes(16).toString('hex');
    this.issued.set(ticket, { at: now, used: false });
    return ticket;
  }

  consume(ticket: string, now = Date.now()): TicketState {
    const entry = this.issued.get(ticket);
    if (!entry) return 'unknown';
    if (entry.used) return 'used';
    if (now - entry.at > this.lifetimeMs) return 'expired';
    entry.used = true;
    return 'ok';
  }
}

const REFUSAL: Record<Exclude<TicketState, 'ok'>, [number, string]> = {
  unknown: [401, 'Unauthorized'],
  used: [410, 'Gone'],
  expired: [410, 'Gone'],
};

/** Answers a WebSocket upgrade whose ticket is unknown (401), used or expired (410). */
export function refuseUpgrade(socket: Duplex, state: Exclude<TicketState, 'ok'>): void {
  const [status, text] = REFUSAL[state];
  const body = `websocket url ${state === 'unknown' ? 'not recognised' : state === 'used' ? 'already used' : 'expired'}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export interface RtmSocketServer {
  /** Serves an upgrade to `/ws/<ticket>`. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends an event to every open connection. */
  broadcast(event: Record<string, unknown>): void;
  /** Events every connection opened from now on gets right after its `hello`, in order (replacing those set before). */
  afterHello(events: readonly Record<string, unknown>[]): void;
  readonly connections: () => number;
  close(): void;
}

/**
 * Serves `ws://…/ws/<ticket>`: greets with `{"type":"hello"}`, answers `ping` with `pong`, acknowledges
 * `message` sends as Slack's RTM did (`{ok:true, reply_to, ts, text}`).
 */
export function rtmSocketServer(desk: TicketDesk): RtmSocketServer {
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  let seq = 0;
  let greeting: readonly string[] = [];
  const upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const m = /^\/ws\/([0-9a-f]+)$/.exec(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const ticket = m?.[1];
    const state: TicketState = ticket === undefined ? 'unknown' : desk.consume(ticket);
    if (state !== 'ok') {
      refuseUpgrade(socket, state);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        let msg: { id?: unknown; type?: unknown; text?: unknown };
        try {
          msg = JSON.parse(frameText(data)) as typeof msg;
        } catch {
          ws.send(JSON.stringify({ type: 'error', error: { code: 2, msg: 'message was not valid JSON' } }));
          return;
        }
        if (msg.type === 'ping') ws.send(JSON.stringify({ type: 'pong', reply_to: msg.id }));
        else if (msg.type === 'message') {
          seq += 1;
          ws.send(JSON.stringify({ ok: true, reply_to: msg.id, ts: `${Math.floor(Date.now() / 1000)}.${String(seq).padStart(6, '0')}`, text: msg.text }));
        }
      });
      ws.send(JSON.stringify({ type: 'hello' }));
      for (const text of greeting) ws.send(text);
    });
  };
  return {
    upgrade,
    broadcast(event) {
      const text = JSON.stringify(event);
      for (const ws of sockets) ws.send(text);
    },
    afterHello(events) {
      greeting = events.map((event) => JSON.stringify(event));
    },
    connections: () => sockets.size,
    close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
    },
  };
}
