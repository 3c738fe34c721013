import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { RTM_URL_LIFETIME_SECONDS, isLoopbackHost } from '@rtm-migrate/core';
import { knownError } from './errors.js';
import { Faults, type Fault } from './faults.js';
import { METHOD_HANDLERS, RTM_START_MODES, type MethodResult, type RtmStartMode } from './methods/index.js';
import { RateLimiter, type RateLimitOptions } from './rate-limit.js';
import { parseRequest, readBody } from './request.js';
import { tokenTable, type TokenOptions } from './tokens.js';
import { refusesTokenType, socketModeServer, type FakeSocketMode, type SocketModeOptions } from './socket-mode/index.js';
import { TicketDesk, rtmSocketServer } from './websocket.js';
import { Workspace, type WorkspaceOptions } from './workspace.js';

export interface FakeSlackOptions extends WorkspaceOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Loopback only (127.x.x.x, ::1, localhost); anything else throws. Default 127.0.0.1. */
  host?: string;
  /** How `rtm.start` answers (default `legacy`); change it later with `setMode`. */
  mode?: RtmStartMode;
  /** Tokens besides (or overriding) `xoxb-test` (every scope) and `xoxb-inactive` (`account_inactive`). */
  tokens?: Record<string, TokenOptions>;
  /** Off by default. `true` = Slack's tiers in real time; `{ timeScale: 0.001 }` = a minute lasts 60 ms. */
  rateLimits?: boolean | RateLimitOptions;
  /** Failures for the next requests of a method (`'*'` = any method). */
  faults?: Record<string, Fault>;
  /** Lifetime of a WebSocket URL; default 30 s, times `rateLimits.timeScale` when given. */
  urlLifetimeMs?: number;
  /** How long to wait for a POST body before answering `request_timeout` (default 2000 ms). */
  bodyTimeoutMs?: number;
  /** Every third page stops halfway, as real Slack's pages sometimes do (default false). */
  shortPages?: boolean;
  /** Answer `missing_charset` / `superfluous_charset` warnings (default true). */
  charsetWarnings?: boolean;
  /** Serve this workspace instead of generating one from seed / users / channels. */
  workspace?: Workspace;
  /** Called after every API request is answered (the CLI logs with it). */
  onCall?: (entry: CallLogEntry) => void;
  /** Socket Mode: app id, ack timeout, retries, grace before a refreshed connection closes. */
  socketMode?: SocketModeOptions;
}

/** One API request, as the fake answered it. The token is never stored. */
export interface CallLogEntry {
  readonly method: string;
  /** Arguments from query and body, without `token`. */
  readonly args: Readonly<Record<string, string>>;
  /** `Date.now()` when the request arrived. */
  readonly time: number;
  /** HTTP status; 0 for a dropped connection. */
  readonly status: number;
  readonly ok: boolean;
  readonly error?: string;
  readonly warnings?: readonly string[];
  readonly durationMs: number;
}

export interface MethodStats {
  calls: number;
  ok: number;
  errors: number;
  ratelimited: number;
  serverErrors: number;
  dropped: number;
}

export interface FakeSlackStats {
  requests: number;
  ratelimited: number;
  byMethod: Record<string, MethodStats>;
  webSocketConnections: number;
}

export interface FakeSlack {
  /** `http://127.0.0.1:PORT/api/`: what `WebClient`'s `slackApiUrl` takes. */
  readonly apiUrl: string;
  /** `ws://127.0.0.1:PORT/ws/`: base of the URLs `rtm.connect` hands out. */
  readonly wsUrl: string;
  readonly port: number;
  /** The call log; cleared by `resetCalls()` (same array). */
  readonly calls: CallLogEntry[];
  readonly workspace: Workspace;
  readonly mode: RtmStartMode;
  setMode(mode: RtmStartMode): void;
  injectFault(method: string, fault: Fault): void;
  clearFaults(method?: string): void;
  /** Turn rate limits on (`true` or `{ timeScale }`) or off, with fresh buckets. */
  setRateLimits(rateLimits: boolean | RateLimitOptions): void;
  resetCalls(): void;
  stats(): FakeSlackStats;
  /** Sends an RTM event to every open WebSocket. */
  sendEvent(event: Record<string, unknown>): void;
  /**
   * RTM events every WebSocket opened from now on gets right after its `hello`, in order (replacing those
   * set before; `[]`: none): what Slack sent a bot as soon as it connected, with no race against its start.
   */
  sendAfterHello(events: readonly Record<string, unknown>[]): void;
  /** `ws://127.0.0.1:PORT/link/`: base of the URLs `apps.connections.open` hands out. */
  readonly socketModeUrl: string;
  /** Socket Mode's test hooks: users post, react, join; disconnects; acks and counters. */
  readonly socketMode: FakeSocketMode;
  close(): Promise<void>;
}

function limiterOf(rateLimits: boolean | RateLimitOptions | undefined): RateLimiter | undefined {
  if (rateLimits === undefined || rateLimits === false) return undefined;
  return new RateLimiter(rateLimits === true ? {} : rateLimits);
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`fake-slack listens on loopback only; refusing host ${JSON.stringify(host)}`);
  const mode0 = options.mode ?? 'legacy';
  if (!RTM_START_MODES.includes(mode0)) throw new Error(`unknown mode ${JSON.stringify(mode0)}; use ${RTM_START_MODES.join(', ')}`);
  let mode: RtmStartMode = mode0;
  const workspace = options.workspace ?? new Workspace(options);
  const tokens = tokenTable(options.tokens);
  let limiter = limiterOf(options.rateLimits);
  const faults = new Faults(options.faults);
  const scale = typeof options.rateLimits === 'object' ? (options.rateLimits.timeScale ?? 1) : 1;
  const desk = new TicketDesk(options.urlLifetimeMs ?? RTM_URL_LIFETIME_SECONDS * 1000 * scale);
  const bodyTimeoutMs = options.bodyTimeoutMs ?? 2000;
  const charsetWarnings = options.charsetWarnings ?? true;
  const calls: CallLogEntry[] = [];
  const stats = new Map<string, MethodStats>();
  let wsUrl = '';
  let linkUrl = '';
  const sockets = rtmSocketServer(desk);
  const socketMode = socketModeServer(workspace, desk, (event) => sockets.broadcast(event), options.socketMode);

  const record = (entry: CallLogEntry): void => {
    calls.push(entry);
    const s = stats.get(entry.method) ?? { calls: 0, ok: 0, errors: 0, ratelimited: 0, serverErrors: 0, dropped: 0 };
    s.calls += 1;
    if (entry.status === 0) s.dropped += 1;
    else if (entry.status === 429) s.ratelimited += 1;
    else if (entry.status >= 500) s.serverErrors += 1;
    else if (entry.ok) s.ok += 1;
    else s.errors += 1;
    stats.set(entry.method, s);
    options.onCall?.(entry);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const time = Date.now();
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const encodedMethod = /^\/api\/([^/]+)$/.exec(url.pathname)?.[1];
    if (encodedMethod === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: the Web API lives under /api/<method>\n');
      return;
    }
    const method = decodeURIComponent(encodedMethod);
    let args: Record<string, string> = {};
    const send = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}, warnings: readonly string[] = []): void => {
      if (typeof body['error'] === 'string') knownError(body['error']);
      const payload: Record<string, unknown> = { ...body };
      if (warnings.length > 0) {
        payload['warning'] = warnings.join(',');
        const meta = (payload['response_metadata'] ?? {}) as Record<string, unknown>;
        payload['response_metadata'] = { ...meta, warnings: [...warnings] };
      }
      if (!res.destroyed) {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(payload));
      }
      const error = typeof body['error'] === 'string' ? body['error'] : undefined;
      record({
        method,
        args,
        time,
        status,
        ok: body['ok'] === true,
        ...(error === undefined ? {} : { error }),
        ...(warnings.length > 0 ? { warnings: [...warnings] } : {}),
        durationMs: performance.now() - started,
      });
    };

    if (req.method !== 'GET' && req.method !== 'POST') {
      res.writeHead(405, { allow: 'GET, POST', 'content-type': 'text/plain' }).end('use GET or POST\n');
      return;
    }
    const raw = await readBody(req, bodyTimeoutMs);
    if (!raw.complete) {
      send(200, { ok: false, error: 'request_timeout' }, { connection: 'close' });
      res.once('finish', () => req.socket.destroy());
      return;
    }
    const delay = faults.delayOf(method);
    if (delay > 0) await sleep(delay);
    const fault = faults.take(method);
    if (fault === 'drop') {
      req.socket.destroy();
      record({ method, args, time, status: 0, ok: false, error: 'dropped', durationMs: performance.now() - started });
      return;
    }
    if (fault === 'status500') {
      send(500, { ok: false, error: 'fatal_error' });
      return;
    }
    if (fault === 'burst429') {
      send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
      return;
    }

    const parsed = await parseRequest(req, url, raw.body);
    const requestWarnings = (w: readonly string[]): string[] => (charsetWarnings ? [...w] : []);
    if (!parsed.ok) {
      send(200, { ok: false, error: parsed.error }, {}, requestWarnings(parsed.warnings));
      return;
    }
    args = parsed.request.args;
    const warnings = requestWarnings(parsed.request.warnings);
    const handler = METHOD_HANDLERS.get(method);
    if (!handler) {
      send(200, { ok: false, error: 'unknown_method', req_method: method }, {}, warnings);
      return;
    }
    const { token } = parsed.request;
    if (token === undefined) {
      send(200, { ok: false, error: 'not_authed' }, {}, warnings);
      return;
    }
    const info = tokens.get(token);
    if (!info) {
      send(200, { ok: false, error: 'invalid_auth' }, {}, warnings);
      return;
    }
    if (info.inactive) {
      send(200, { ok: false, error: 'account_inactive' }, {}, warnings);
      return;
    }
    if (refusesTokenType(method, info)) {
      send(200, { ok: false, error: 'not_allowed_token_type' }, {}, warnings);
      return;
    }
    const retryAfter = limiter?.take(method, token);
    if (retryAfter !== undefined) {
      send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) }, warnings);
      return;
    }
    let result: MethodResult;
    try {
      result = handler({
        workspace,
        args,
        scopes: info.scopes,
        mode,
        shortPages: options.shortPages ?? false,
        issueWebSocketUrl: () => wsUrl + desk.issue(),
        issueSocketModeUrl: () => socketMode.hub.issueUrl(linkUrl),
        activity: socketMode.activity,
      });
    } catch (e) {
      console.error(`fake-slack: ${method} failed:`, e);
      send(500, { ok: false, error: 'fatal_error' });
      return;
    }
    const headers: Record<string, string> = { 'x-oauth-scopes': info.scopes.join(',') };
    if (result.acceptedScopes) headers['x-accepted-oauth-scopes'] = result.acceptedScopes.join(',');
    send(200, result.body, headers, [...warnings, ...(result.warnings ?? [])]);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('fake-slack: request failed:', e);
      if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/link/' || path === '/link') socketMode.hub.upgrade(req, socket, head);
    else sockets.upgrade(req, socket, head);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const apiUrl = `http://${urlHost}:${port}/api/`;
  wsUrl = `ws://${urlHost}:${port}/ws/`;
  linkUrl = `ws://${urlHost}:${port}/link/`;

  return {
    apiUrl,
    wsUrl,
    port,
    calls,
    workspace,
    get mode() {
      return mode;
    },
    setMode(next) {
      if (!RTM_START_MODES.includes(next)) throw new Error(`unknown mode ${JSON.stringify(next)}`);
      mode = next;
    },
    injectFault: (method, fault) => faults.inject(method, fault),
    clearFaults: (method) => faults.clear(method),
    setRateLimits(rateLimits) {
      limiter = limiterOf(rateLimits);
    },
    resetCalls() {
      calls.length = 0;
      stats.clear();
    },
    stats() {
      const byMethod = Object.fromEntries([...stats].map(([k, v]) => [k, { ...v }]));
      return {
        requests: calls.length,
        ratelimited: Object.values(byMethod).reduce((n, s) => n + s.ratelimited, 0),
        byMethod,
        webSocketConnections: sockets.connections(),
      };
    },
    sendEvent: (event) => sockets.broadcast(event),
    sendAfterHello: (events) => sockets.afterHello(events),
    socketModeUrl: linkUrl,
    socketMode: socketMode.hooks,
    close() {
      sockets.close();
      socketMode.hub.close();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
