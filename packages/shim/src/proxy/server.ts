import { lookup } from 'node:dns/promises';
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { METHODS, SLACK_API_URL, isLoopbackHost } from '@rtm-migrate/core';
import { Readable } from 'node:stream';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { answerFromSnapshot, httpSnapshotStore, isRetiredAnswer, parseRtmStartRequest, rtmStartRequestBody, type CompatFetchOptions } from '../fetch.js';
import type { FetchLike } from '../http-caller.js';
import type { RtmStartSnapshot } from '../snapshot/snapshot.js';
import type { SnapshotStore } from '../snapshot/store.js';
import type { RtmStartCompatArguments } from '../types.js';
import { validateOptions } from '../with-compat.js';
import { hostHeaderCheck, parseListen, parseUpstream, type ListenAddress } from './address.js';
import { errorMessageOf, serverLog } from './redact.js';
import { snapshotLog } from './snapshot-log.js';
import { BODY_TOO_LARGE, readRequestBody } from '../request-body.js';

export interface ProxyOptions extends CompatFetchOptions {
  /** `host:port` or `{ host, port }` (default `127.0.0.1:8787`; port 0 picks a free one). */
  readonly listen?: string | ListenAddress;
  /** The one Web API base every request goes to (default `https://slack.com/api/`). */
  readonly upstream?: string;
  /** Listen on a non-loopback address and accept any `Host` (default false: loopback only). */
  readonly allowRemote?: boolean;
  /** Largest request body accepted, in bytes (default 1 MiB): above it, 413. */
  readonly maxBodyBytes?: number;
  /** Resolve the upstream's host and open a TCP connection to it before listening (default true). */
  readonly checkUpstream?: boolean;
  /** Where log lines go (default stderr); every line is redacted first. `false` for none. */
  readonly log?: ((line: string) => void) | false;
  /** The `fetch` the `rtm.start` answers call the upstream with (default global fetch). */
  readonly fetch?: FetchLike;
}

export interface RunningProxy {
  /** `http://host:port/api/`: what clients use as `slackApiUrl` / `SLACK_API_URL`. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly upstream: string;
  /** The snapshots `rtm.start` is answered from (`stats()` counts builds and answers). */
  readonly store: SnapshotStore;
  /**
   * Builds the snapshot for `token` now, so that even the first client is answered at once. In
   * `fallback` mode asks `rtm.start` first: if Slack still answers it in full there is nothing to
   * build (resolves undefined).
   */
  prewarm(token: string, args?: RtmStartCompatArguments): Promise<RtmStartSnapshot | undefined>;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);
const METHOD_PATH = /^\/api\/([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)(\?[^#]*)?$/;
const DEFAULT_MAX_BODY = 1024 * 1024;

function filterHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const connectionListed = (headers.connection ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase());
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || HOP_BY_HOP.has(k) || connectionListed.includes(k)) continue;
    out[k] = v;
  }
  return out;
}

/** A body's text for inspection, whatever `Content-Encoding` Slack chose (the client still gets the bytes as sent). */
function decoded(body: Buffer, encoding: string | undefined): string {
  try {
    switch (encoding?.trim().toLowerCase()) {
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(body).toString('utf8');
      case 'deflate':
        return inflateSync(body).toString('utf8');
      case 'br':
        return brotliDecompressSync(body).toString('utf8');
      default:
        return body.toString('utf8');
    }
  } catch {
    return '';
  }
}

/** True when `Accept-Encoding` takes gzip (and does not refuse it with q=0). */
function acceptsGzip(header: string | undefined): boolean {
  return /(?:^|,)\s*(?:gzip|\*)\s*(?:;\s*q=(?!0(?:\.0*)?\s*(?:,|$))[\d.]+)?\s*(?:,|$)/i.test(header ?? '');
}

/** The `error` of an (uncompressed) JSON error answer, for the log. */
function errorOf(chunks: Iterable<Buffer>): string {
  try {
    return String((JSON.parse(Buffer.concat([...chunks]).toString('utf8')) as { error?: unknown }).error);
  } catch {
    return '';
  }
}

/** A clear one-line error for a failure at start. */
export class ProxyStartError extends Error {}

async function probeUpstream(upstream: URL, timeoutMs: number): Promise<void> {
  const host = upstream.hostname.replace(/^\[|\]$/g, '');
  try {
    await lookup(host);
  } catch (e) {
    throw new ProxyStartError(`upstream ${upstream.href} cannot be resolved: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const port = Number(upstream.port || (upstream.protocol === 'https:' ? 443 : 80));
  await new Promise<void>((resolve, reject) => {
    const socket: Socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new ProxyStartError(`upstream ${upstream.href} is not reachable: no TCP connection within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.end();
      resolve();
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new ProxyStartError(`upstream ${upstream.href} is not reachable: ${e.code ?? e.message}`));
    });
  });
}

/**
 * A loopback HTTP proxy for any language's Slack client: every `/api/<method>` is forwarded to the
 * one configured upstream unchanged (headers, status, `Retry-After`, body streamed), except
 * `rtm.start`, answered compatibly with the caller's own token. Absolute-form URIs, `CONNECT`,
 * other hosts and paths are refused; bodies are capped; tokens never reach the log.
 */
export async function startProxy(options: ProxyOptions = {}): Promise<RunningProxy> {
  validateOptions(options);
  const listen = typeof options.listen === 'string' ? parseListen(options.listen) : (options.listen ?? { host: '127.0.0.1', port: 8787 });
  if (!options.allowRemote && !isLoopbackHost(listen.host)) {
    throw new ProxyStartError(`refusing to listen on ${listen.host}: not a loopback address (pass --allow-remote to expose the proxy)`);
  }
  const upstream = parseUpstream(options.upstream ?? SLACK_API_URL);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  if (!Number.isInteger(maxBody) || maxBody < 1) throw new ProxyStartError(`--max-body must be a positive integer, got ${maxBody}`);
  if (options.checkUpstream ?? true) await probeUpstream(upstream, Math.min(timeoutMs, 5000));
  const fetchFn = options.fetch ?? globalThis.fetch;
  const log = serverLog(options.log);
  const logs = snapshotLog(log);
  const store = httpSnapshotStore(fetchFn, upstream.href, { onProgress: logs.onProgress, ...options }, logs.onEvent);
  const fallback = (options.mode ?? 'fallback') === 'fallback';
  const hostAllowed = hostHeaderCheck(listen, options.allowRemote === true);

  const refuse = (res: ServerResponse, status: number, error: string, reason: string): void => {
    log(`refused ${reason} → ${status}`);
    const body = JSON.stringify({ ok: false, error });
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
    res.end(body);
  };

  /** Reads a body up to the cap; undefined (after answering 413, or when the request broke off) otherwise. */
  const readCapped = async (req: IncomingMessage, res: ServerResponse, label: string): Promise<Buffer | undefined> => {
    const body = await readRequestBody(req, res, maxBody);
    if (body !== BODY_TOO_LARGE) return body;
    refuse(res, 413, 'request_too_large', `${label}: body over ${maxBody} bytes`);
    return undefined;
  };

  /**
   * Sends the request upstream as it came (method, headers, body) and its answer back as it came
   * (status, headers, body). With `onRetired`, the answer is read first: an answer saying
   * `rtm.start` is retired goes to `onRetired` instead of the client.
   */
  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    query: string,
    started: number,
    preRead?: Buffer,
    onRetired?: () => void,
  ): void => {
    const target = new URL(method + query, upstream);
    const transport = target.protocol === 'https:' ? https : http;
    const headers = filterHeaders(req.headers);
    if (preRead) headers['content-length'] = String(preRead.length);
    const up = transport.request(target, { method: req.method, headers: { ...headers, host: target.host }, timeout: timeoutMs });
    let done = false;
    const fail = (status: number, error: string, why: string): void => {
      if (done) return;
      done = true;
      up.destroy();
      if (res.headersSent) {
        res.destroy();
      } else {
        const body = JSON.stringify({ ok: false, error });
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      }
      log(`${req.method} /api/${method} → ${status} (${why}) ${Math.round(performance.now() - started)}ms`);
    };
    up.on('timeout', () => fail(504, 'upstream_timeout', `no answer within ${timeoutMs} ms`));
    up.on('error', (e: NodeJS.ErrnoException) => fail(502, 'upstream_unreachable', e.code ?? e.message));
    up.on('response', (upRes) => {
      const logWhenSent = (): void => {
        res.on('finish', () => {
          done = true;
          log(`${req.method} /api/${method} → ${upRes.statusCode} ${Math.round(performance.now() - started)}ms`);
        });
      };
      upRes.on('error', () => res.destroy());
      if (!onRetired) {
        logWhenSent();
        res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, filterHeaders(upRes.headers));
        upRes.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      upRes.on('data', (chunk: Buffer) => chunks.push(chunk));
      upRes.on('end', () => {
        const body = Buffer.concat(chunks);
        if (isRetiredAnswer(upRes.statusCode ?? 0, decoded(body, upRes.headers['content-encoding']))) {
          done = true;
          onRetired();
          return;
        }
        logWhenSent();
        res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, filterHeaders(upRes.headers));
        res.end(body);
      });
    });
    if (preRead) {
      up.end(preRead);
      return;
    }
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) {
        if (!done) {
          done = true;
          up.destroy();
          refuse(res, 413, 'request_too_large', `${req.method} /api/${method}: body over ${maxBody} bytes`);
          res.on('finish', () => req.destroy());
        }
        return;
      }
      if (!up.write(chunk)) {
        req.pause();
        up.once('drain', () => req.resume());
      }
    });
    req.on('end', () => up.end());
    req.on('aborted', () => up.destroy());
  };

  const answerStart = async (req: IncomingMessage, res: ServerResponse, query: string, started: number): Promise<void> => {
    const body = await readCapped(req, res, `${req.method} /api/${METHODS.rtmStart}`);
    if (body === undefined) return;
    const contentType = req.headers['content-type'];
    if (contentType && /json/i.test(contentType)) {
      forward(req, res, METHODS.rtmStart, query, started, body); // Slack refuses JSON for rtm.start: let it say so
      return;
    }
    const form = await rtmStartRequestBody(body, contentType);
    const parsed = parseRtmStartRequest(new URL(`http://127.0.0.1${query ? `/${query}` : '/'}`), form, req.headers.authorization);
    let gone = false;
    res.once('close', () => (gone = !res.writableFinished));
    const answer = async (): Promise<void> => {
      const out = await answerFromSnapshot(store, parsed, { stillWanted: () => !gone, gzip: acceptsGzip(req.headers['accept-encoding']) });
      const ms = Math.round(performance.now() - started);
      if (out === undefined) {
        log(`${req.method} /api/${METHODS.rtmStart}: the client hung up before the snapshot was ready (kept for its retry; no rtm.connect) ${ms}ms`);
        return;
      }
      res.writeHead(out.status, out.headers);
      Readable.from(out.chunks, { objectMode: false }).pipe(res);
      const error = out.status === 200 && !out.headers['retry-after'] ? '' : ` ${errorOf(out.chunks)}`;
      log(`${req.method} /api/${METHODS.rtmStart} → ${out.status}${error} (rtm.start compat) ${ms}ms`);
    };
    if (fallback && !store.isRtmStartRetired(parsed.token)) {
      // Slack's own answer, as it came, unless it says rtm.start is retired.
      forward(req, res, METHODS.rtmStart, query, started, body, () => {
        store.markRtmStartRetired(parsed.token);
        answer().catch(failed(res));
      });
      return;
    }
    await answer();
  };

  const failed = (res: ServerResponse) => (e: unknown): void => {
    log(`rtm.start compat failed: ${errorMessageOf(e)}`);
    if (!res.headersSent) refuse(res, 500, 'rtm_start_compat_failed', 'rtm.start compat failed');
    else res.destroy();
  };

  const server = http.createServer((req, res) => {
    const started = performance.now();
    const raw = req.url ?? '';
    if (!raw.startsWith('/')) {
      refuse(res, 400, 'absolute_uri_refused', `${req.method} to an absolute-form URI (this is not an open proxy)`);
      return;
    }
    if (!hostAllowed(req.headers.host)) {
      refuse(res, 421, 'host_refused', `${req.method} for another host (${req.headers.host ?? 'none'})`);
      return;
    }
    const [, method, query = ''] = METHOD_PATH.exec(raw) ?? [];
    if (method === undefined) {
      refuse(res, 404, 'unknown_path', `${req.method} ${raw.split('?')[0]}: only /api/<method> is forwarded`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      refuse(res, 405, 'method_not_allowed', `${req.method} /api/${method}`);
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) {
      refuse(res, 413, 'request_too_large', `${req.method} /api/${method}: Content-Length ${declared} over ${maxBody}`);
      res.on('finish', () => req.destroy());
      return;
    }
    if (method === METHODS.rtmStart) {
      answerStart(req, res, query, started).catch(failed(res));
      return;
    }
    forward(req, res, method, query, started);
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = timeoutMs;
  const refuseSocket = (what: string) => (req: IncomingMessage, socket: Duplex): void => {
    log(`refused ${what} ${req.url ?? ''} → 405 (this is not an open proxy)`);
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  };
  server.on('connect', refuseSocket('CONNECT'));
  server.on('upgrade', refuseSocket('upgrade to'));
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'EADDRINUSE' ? 'address already in use' : e.code === 'EACCES' ? 'permission denied' : (e.code ?? e.message);
      reject(new ProxyStartError(`cannot listen on ${listen.host}:${listen.port}: ${why}`));
    });
    server.listen(listen.port, listen.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : listen.port;
  const hostForUrl = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${hostForUrl}:${port}/api/`,
    host: listen.host,
    port,
    upstream: upstream.href,
    store,
    async prewarm(token, args = {}) {
      if (fallback && !store.isRtmStartRetired(token)) {
        const res = await fetchFn(new URL(METHODS.rtmStart, upstream), {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(Object.entries(args).map(([k, v]): [string, string] => [k, String(v)])),
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        const text = await res.text();
        if (!isRetiredAnswer(res.status, text)) {
          if (res.status === 200 && /^\s*\{\s*"ok"\s*:\s*true/.test(text)) return undefined; // Slack still serves rtm.start in full
          throw new Error(`rtm.start answered HTTP ${res.status}${res.headers.get('retry-after') ? ` (Retry-After: ${res.headers.get('retry-after')})` : ''}: ${text.slice(0, 200)}`);
        }
        store.markRtmStartRetired(token);
      }
      return store.get(token, args);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
