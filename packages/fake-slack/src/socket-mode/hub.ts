import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  frameText,
  parseJsonObject,
  SOCKET_MODE_ACK_SECONDS,
  SOCKET_MODE_MAX_RETRIES,
  SOCKET_MODE_RETRY_REASON,
  type SocketModeDisconnectReason,
  type SocketModeEnvelopeType,
} from '@rtm-migrate/core';
import { WebSocketServer, type WebSocket } from 'ws';
import { TicketDesk, refuseUpgrade, type TicketState } from '../websocket.js';

export interface SocketModeOptions {
  /** The app's id, in `hello` and every payload (default `A0FAKEAPP1`). */
  appId?: string;
  /** How long an envelope waits for its ack before it is sent again (default 3 s, as Slack). */
  ackTimeoutMs?: number;
  /** How often an unacknowledged envelope is sent again (default 3, as the Events API). */
  maxRetries?: number;
  /** After `warning` / `refresh_requested`, the old connection is closed this much later (default 10 s). */
  closeGraceMs?: number;
}

export interface SocketModeStats {
  /** Open connections (draining ones included). */
  connections: number;
  /** Connections accepted since the start. */
  opened: number;
  /** Envelopes written to a socket, first attempts and retries. */
  sent: number;
  retries: number;
  acked: number;
  /** Envelopes given up after `maxRetries`. */
  expired: number;
  /** Acks that arrived for no outstanding envelope (late or repeated). */
  strayAcks: number;
  /** Envelopes not yet acknowledged. */
  pending: number;
}

/** An ack the app sent, with the response payload it carried (slash commands, interactivity). */
export interface SocketModeAck {
  readonly envelopeId: string;
  readonly type: SocketModeEnvelopeType;
  readonly payload?: unknown;
}

interface Connection {
  readonly ws: WebSocket;
  readonly id: number;
  draining: boolean;
}

interface Envelope {
  readonly type: SocketModeEnvelopeType;
  readonly payload: Record<string, unknown>;
  attempt: number;
  envelopeId: string;
  connection?: Connection;
  timer?: NodeJS.Timeout;
}

/**
 * Socket Mode's server side: single-use `…/link/?ticket=` URLs, `hello`, envelopes delivered to the
 * newest connection that is not being refreshed, acks by `envelope_id`, an unacknowledged envelope
 * sent again after `ackTimeoutMs` (or at once when its connection closes) with `retry_attempt` and
 * `retry_reason`, in the order they were first sent; `disconnect` on demand.
 */
export class SocketModeHub {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly connections: Connection[] = [];
  /** Sent, not yet acknowledged, by envelope id. */
  private readonly outstanding = new Map<string, Envelope>();
  /** Waiting for a connection, oldest first. */
  private readonly queue: Envelope[] = [];
  private nextConnection = 1;
  private acksToLose = 0;
  private readonly counters = { opened: 0, sent: 0, retries: 0, acked: 0, expired: 0, strayAcks: 0 };
  readonly acks: SocketModeAck[] = [];
  readonly appId: string;
  private readonly ackTimeoutMs: number;
  private readonly maxRetries: number;
  private readonly closeGraceMs: number;

  constructor(
    private readonly desk: TicketDesk,
    options: SocketModeOptions = {},
  ) {
    this.appId = options.appId ?? 'A0FAKEAPP1';
    this.ackTimeoutMs = options.ackTimeoutMs ?? SOCKET_MODE_ACK_SECONDS * 1000;
    this.maxRetries = options.maxRetries ?? SOCKET_MODE_MAX_RETRIES;
    this.closeGraceMs = options.closeGraceMs ?? 10_000;
  }

  /** A fresh URL for `apps.connections.open`. */
  issueUrl(base: string): string {
    return `${base}?ticket=${this.desk.issue()}&app_id=${this.appId}`;
  }

  /** Serves an upgrade to `/link/?ticket=…`; refuses unknown, used and expired tickets as the RTM endpoint does. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const ticket = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('ticket');
    const state: TicketState = ticket && /^[0-9a-f]+$/.test(ticket) ? this.desk.consume(ticket) : 'unknown';
    if (state !== 'ok') {
      refuseUpgrade(socket, state);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(ws));
  }

  private open(ws: WebSocket): void {
    const connection: Connection = { ws, id: this.nextConnection++, draining: false };
    this.connections.push(connection);
    this.counters.opened += 1;
    ws.on('message', (data) => this.onMessage(frameText(data)));
    ws.on('close', () => this.onClose(connection));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.connections.length,
        debug_info: { host: `applink-fake-${connection.id}`, build_number: 1, approximate_connection_time: 18_060 },
        connection_info: { app_id: this.appId },
      }),
    );
    this.flush();
  }

  private onMessage(text: string): void {
    const msg = parseJsonObject(text);
    const envelopeId = msg?.['envelope_id'];
    if (typeof envelopeId !== 'string') return;
    if (this.acksToLose > 0) {
      this.acksToLose -= 1;
      return;
    }
    const envelope = this.outstanding.get(envelopeId);
    if (!envelope) {
      this.counters.strayAcks += 1;
      return;
    }
    clearTimeout(envelope.timer);
    this.outstanding.delete(envelopeId);
    this.counters.acked += 1;
    const payload = msg?.['payload'];
    this.acks.push({ envelopeId, type: envelope.type, ...(payload === undefined ? {} : { payload }) });
  }

  private onClose(connection: Connection): void {
    const i = this.connections.indexOf(connection);
    if (i >= 0) this.connections.splice(i, 1);
    // What was sent on it and never acknowledged goes out again first, in the order it was sent.
    const orphans = [...this.outstanding.values()].filter((e) => e.connection === connection);
    for (const e of orphans) {
      clearTimeout(e.timer);
      this.outstanding.delete(e.envelopeId);
    }
    const again = orphans.filter((e) => this.prepareRetry(e));
    this.queue.unshift(...again);
    this.flush();
  }

  /** Counts a retry; false when the envelope has used up its retries. */
  private prepareRetry(e: Envelope): boolean {
    if (e.attempt >= this.maxRetries) {
      this.counters.expired += 1;
      return false;
    }
    e.attempt += 1;
    e.envelopeId = randomUUID();
    this.counters.retries += 1;
    return true;
  }

  private target(): Connection | undefined {
    return this.connections.findLast((c) => !c.draining && c.ws.readyState === c.ws.OPEN);
  }

  private flush(): void {
    const to = this.target();
    if (!to) return;
    for (const e of this.queue.splice(0)) this.send(e, to);
  }

  private send(e: Envelope, to: Connection): void {
    e.connection = to;
    this.outstanding.set(e.envelopeId, e);
    const body: Record<string, unknown> = { envelope_id: e.envelopeId, payload: e.payload, type: e.type, accepts_response_payload: e.type !== 'events_api' };
    if (e.type === 'events_api') Object.assign(body, { retry_attempt: e.attempt, retry_reason: e.attempt > 0 ? SOCKET_MODE_RETRY_REASON : '' });
    to.ws.send(JSON.stringify(body));
    this.counters.sent += 1;
    e.timer = setTimeout(() => {
      if (this.outstanding.get(e.envelopeId) !== e) return;
      this.outstanding.delete(e.envelopeId);
      if (!this.prepareRetry(e)) return;
      this.queue.push(e);
      this.flush();
    }, this.ackTimeoutMs);
  }

  /** Delivers an envelope now, or as soon as a connection is open. */
  publish(type: SocketModeEnvelopeType, payload: Record<string, unknown>): string {
    const e: Envelope = { type, payload, attempt: 0, envelopeId: randomUUID() };
    this.queue.push(e);
    this.flush();
    return e.envelopeId;
  }

  /**
   * Sends `{"type":"disconnect","reason":…}` to every open connection. `warning` and
   * `refresh_requested` stop new envelopes going to them and close them after `closeGraceMs`;
   * `link_disabled` closes them at once.
   */
  disconnect(reason: SocketModeDisconnectReason): void {
    for (const c of [...this.connections]) {
      if (c.ws.readyState !== c.ws.OPEN) continue;
      c.ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: `applink-fake-${c.id}` } }));
      if (reason === 'link_disabled') {
        c.ws.close(1000, reason);
        continue;
      }
      c.draining = true;
      setTimeout(() => c.ws.close(1000, reason), this.closeGraceMs).unref();
    }
  }

  /** Cuts every connection without a close frame, as a network failure would. */
  dropConnections(): void {
    for (const c of [...this.connections]) c.ws.terminate();
  }

  /** The next `n` acks are lost on the way (as on a failing network): those envelopes are retried. */
  loseAcks(n: number): void {
    this.acksToLose += n;
  }

  stats(): SocketModeStats {
    return { connections: this.connections.length, ...this.counters, pending: this.outstanding.size + this.queue.length };
  }

  close(): void {
    for (const e of this.outstanding.values()) clearTimeout(e.timer);
    for (const c of this.connections) c.ws.terminate();
    this.wss.close();
  }
}
