import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { APP_TOKEN_PREFIX, METHODS, SLACK_API_URL, SOCKET_MODE_METHODS, isLoopbackHost } from '@rtm-migrate/core';
import { WebSocketServer } from 'ws';
import { errorAnswer, parseRtmStartRequest, rtmStartRequestBody } from '../fetch.js';
import { httpCaller, type FetchLike } from '../http-caller.js';
import { hostHeaderCheck, parseListen, parseUpstream, type ListenAddress } from '../proxy/address.js';
import { redact, serverLog } from '../proxy/redact.js';
import { BODY_TOO_LARGE, readRequestBody } from '../request-body.js';
import type { RtmStartCompatOptions, SlackObject } from '../types.js';
import { EventDeduper, type InnerEvent } from './dedupe.js';
import { forwardAsBot } from './forward.js';
import { RtmSockets, type RtmSocketsStats } from './rtm-sockets.js';
import { bridgeSnapshotStore } from './rtm-start.js';
import { SocketModeLink, type Envelope } from './socket-mode-link.js';
import { RtmTickets } from './tickets.js';

export interface BridgeOptions {
  /** The app-level token (`xapp-…`, scope `connections:write`). */
  readonly appToken: string;
  /** The modern app's bot token (`xoxb-…`): every Web API call goes out with it. */
  readonly botToken: string;
  /** `host:port` on loopback (default `127.0.0.1:8788`; port 0 picks one). */
  readonly listen?: string | ListenAddress;
  /** Web API base (default `https://slack.com/api/`). */
  readonly upstream?: string;
  /** Where log lines go (default stderr), tokens removed first; `false` for none. */
  readonly log?: ((line: string) => void) | false;
  /** Most events held while no bot is connected (default 10 000). */
  readonly maxBuffered?: number;
  /** How `rtm.start`'s data is rebuilt (fields, members, page size, pacing), as for the proxy. */
  readonly rtmStart?: RtmStartCompatOptions;
  /** Timeout of every upstream request (default 30 s). */
  readonly timeoutMs?: number;
  /** Largest request body accepted (default 1 MiB). */
  readonly maxBodyBytes?: number;
  /** The `fetch` the bridge calls Slack with (default global fetch). */
  readonly fetch?: FetchLike;
}

export interface BridgeStats extends RtmSocketsStats {
  /** Envelopes acknowledged to Slack. */
  acked: number;
  /** Events Slack sent again (same `event_id`), acknowledged and not forwarded. */
  redeliveries: number;
  /** `app_mention` / `message` twins not forwarded. */
  twins: number;
  /** Open Socket Mode connections. */
  socketModeConnections: number;
}

export interface RunningBridge {
  /** `http://127.0.0.1:PORT/api/`: the API base the bot uses. */
  readonly url: string;
  readonly port: number;
  readonly upstream: string;
  /** Who the bot is (`auth.test`). */
  readonly self: { readonly id: string; readonly name: string };
  readonly team: { readonly id: string; readonly name: string; readonly domain: string };
  stats(): BridgeStats;
  close(): Promise<void>;
}

/** A clear one-line error for a failure at start. */
export class BridgeStartError extends Error {}

const METHOD_PATH = /^\/api\/([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)(?:\?([^#]*))?$/;
const RTM_PATH = /^\/rtm\/([0-9a-f]{32})$/;
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

function checkTokens(appToken: string, botToken: string): void {
  if (!appToken.startsWith(APP_TOKEN_PREFIX)) throw new BridgeStartError(`the app-level token must start with ${APP_TOKEN_PREFIX} (Basic Information → App-Level Tokens, scope connections:write)`);
  if (!botToken.startsWith('xoxb-')) throw new BridgeStartError('the bot token must start with xoxb- (OAuth & Permissions → Bot User OAuth Token)');
}

/**
 * `rtm-shim bridge`: an RTM server on loopback for unchanged RTM bots, fed by Slack's Socket Mode.
 * Web API calls go upstream with the bot token; `rtm.connect` / `rtm.start` are answered here with
 * the bridge's own WebSocket URL; events are forwarded once to every connected bot, then acknowledged.
 */
export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  checkTokens(options.appToken, options.botToken);
  const listen = typeof options.listen === 'string' ? parseListen(options.listen) : (options.listen ?? { host: '127.0.0.1', port: 8788 });
  if (!isLoopbackHost(listen.host)) throw new BridgeStartError(`refusing to listen on ${listen.host}: the bridge acts with the bot's token and listens on loopback only`);
  const upstream = parseUpstream(options.upstream ?? SLACK_API_URL);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const fetchFn = options.fetch ?? globalThis.fetch;
  const secrets = [options.appToken, options.botToken];
  const log = serverLog(options.log, secrets);

  const asBot = httpCaller(fetchFn, upstream.href, options.botToken, { timeoutMs });
  const postAsBot = httpCaller(fetchFn, upstream.href, options.botToken, { timeoutMs, requestRetries: 0 });
  const asApp = httpCaller(fetchFn, upstream.href, options.appToken, { timeoutMs });

  let identity: SlackObject;
  try {
    identity = await asBot(METHODS.authTest, {});
  } catch (e) {
    throw new BridgeStartError(`auth.test with the bot token failed: ${redact(e instanceof Error ? e.message : String(e), secrets)}`);
  }
  const self = { id: String(identity['user_id']), name: String(identity['user']) };
  const domain = /^https?:\/\/([^./]+)\./.exec(typeof identity['url'] === 'string' ? identity['url'] : '')?.[1] ?? '';
  const team = { id: String(identity['team_id']), name: String(identity['team']), domain };

  const tickets = new RtmTickets();
  const rtm = new RtmSockets({
    maxBuffered: options.maxBuffered,
    log,
    postMessage: async (message) => {
      const res = await postAsBot(SOCKET_MODE_METHODS.chatPostMessage, message);
      return { ts: String(res['ts']) };
    },
  });
  const deduper = new EventDeduper();
  const counters = { acked: 0, redeliveries: 0, twins: 0 };

  const onEnvelope = (envelope: Envelope, ack: () => void): void => {
    const done = (): void => {
      ack();
      counters.acked += 1;
    };
    if (envelope.type !== 'events_api') {
      const command = envelope.payload?.['command'];
      const what = envelope.type === 'slash_commands' ? ` ${typeof command === 'string' ? command : ''}` : '';
      log(`socket mode: ${envelope.type}${what} acknowledged; RTM bots have no such events`);
      done();
      return;
    }
    const payload = envelope.payload ?? {};
    const event = payload['event'] as InnerEvent | undefined;
    if (!event || typeof event.type !== 'string') {
      done();
      return;
    }
    const eventId = typeof payload['event_id'] === 'string' ? payload['event_id'] : undefined;
    const verdict = deduper.check(eventId, event);
    if (verdict !== 'new') {
      counters[verdict === 'twin' ? 'twins' : 'redeliveries'] += 1;
      done();
      return;
    }
    // RTM bots know mentions as messages: an app_mention whose message twin has not come is one.
    const frame = event.type === 'app_mention' ? { ...event, type: 'message' } : event;
    void rtm.forward(frame).then(done);
  };

  const link = new SocketModeLink({
    openUrl: async () => {
      const res = await asApp(SOCKET_MODE_METHODS.appsConnectionsOpen, {});
      if (typeof res['url'] !== 'string') throw new Error('apps.connections.open answered without a url');
      return res['url'];
    },
    onEnvelope,
    onLinkDisabled: () => {
      log('Slack disabled Socket Mode for this app (link_disabled): RTM bots get goodbye; retrying the link');
      rtm.goodbye();
    },
    log,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no hello within ${timeoutMs} ms`)), timeoutMs);
      link.start().then(resolve, reject).finally(() => clearTimeout(timer));
    });
  } catch (e) {
    link.stop();
    throw new BridgeStartError(`cannot open Socket Mode: ${redact(e instanceof Error ? e.message : String(e), secrets)}`);
  }

  let wsBase = '';
  const connectAnswer = (): SlackObject => ({ ok: true, url: wsBase + tickets.issue(), self, team });
  const snapshots = bridgeSnapshotStore(asBot, connectAnswer, options.rtmStart ?? {});
  const hostAllowed = hostHeaderCheck(listen, false);

  const reply = (res: ServerResponse, status: number, body: SlackObject, headers: Record<string, string> = {}): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { ...JSON_TYPE, ...headers, 'content-length': String(Buffer.byteLength(text)) }).end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const raw = req.url ?? '';
    if (!raw.startsWith('/')) {
      reply(res, 400, { ok: false, error: 'absolute_uri_refused' });
      return;
    }
    if (!hostAllowed(req.headers.host)) {
      reply(res, 421, { ok: false, error: 'host_refused' });
      return;
    }
    const m = METHOD_PATH.exec(raw);
    const method = m?.[1];
    const query = m?.[2] ?? '';
    if (method === undefined) {
      reply(res, 404, { ok: false, error: 'unknown_path' });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      reply(res, 405, { ok: false, error: 'method_not_allowed' });
      return;
    }
    const body = await readRequestBody(req, res, maxBody);
    if (body === BODY_TOO_LARGE) {
      reply(res, 413, { ok: false, error: 'request_too_large' });
      return;
    }
    if (body === undefined) return; // the bot hung up mid-request
    const done = (status: number, note = ''): void => log(`${req.method} /api/${method} → ${status}${note} ${Math.round(performance.now() - started)}ms`);
    if (method === METHODS.rtmConnect) {
      reply(res, 200, connectAnswer());
      done(200, ' (bridge)');
      return;
    }
    if (method === METHODS.rtmStart) {
      const form = await rtmStartRequestBody(body, req.headers['content-type']);
      const parsed = parseRtmStartRequest(new URL(`http://127.0.0.1/?${query}`), form, undefined);
      try {
        const { snapshot, connection } = await snapshots.answer(undefined, parsed.args);
        reply(res, 200, snapshot.toResponse(connection));
        done(200, ' (bridge, rebuilt)');
        return;
      } catch (e) {
        const answer = errorAnswer(e);
        reply(res, answer.status, answer.body, answer.headers);
        done(answer.status, ` ${String(answer.body['error'])} (bridge)`);
        return;
      }
    }
    try {
      const answer = await forwardAsBot(fetchFn, upstream, method, new URLSearchParams(query), req.method, req.headers, body, options.botToken, timeoutMs);
      res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length) }).end(answer.body);
      done(answer.status);
    } catch (e) {
      const why = e instanceof Error && e.name === 'TimeoutError' ? 'upstream_timeout' : 'upstream_unreachable';
      reply(res, why === 'upstream_timeout' ? 504 : 502, { ok: false, error: why });
      done(502, ` ${why}`);
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(`request failed: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) reply(res, 500, { ok: false, error: 'bridge_failed' });
      else res.destroy();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const ticket = RTM_PATH.exec(req.url ?? '')?.[1];
    const state = ticket && hostAllowed(req.headers.host) ? tickets.take(ticket) : 'unknown';
    if (state !== 'ok') {
      const [status, text] = state === 'unknown' ? [401, 'Unauthorized'] : [410, 'Gone'];
      log(`rtm connect refused: url ${state}`);
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => rtm.add(ws));
  });
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      link.stop();
      reject(new BridgeStartError(`cannot listen on ${listen.host}:${listen.port}: ${e.code === 'EADDRINUSE' ? 'address already in use' : (e.code ?? e.message)}`));
    });
    server.listen(listen.port, listen.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  const hostForUrl = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  wsBase = `ws://${hostForUrl}:${port}/rtm/`;
  log(`bridge for ${self.name} (${self.id}) on ${team.domain || team.id}: Socket Mode open, RTM at ${wsBase}`);

  return {
    url: `http://${hostForUrl}:${port}/api/`,
    port,
    upstream: upstream.href,
    self,
    team,
    stats: () => ({ ...rtm.stats(), ...counters, socketModeConnections: link.size }),
    close: () =>
      new Promise<void>((resolve) => {
        link.stop();
        rtm.closeAll();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
