import { lookup } from 'node:dns/promises';
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { METHODS, SLACK_API_URL, isLoopbackHost } from '@rtm-migrate/core';
import { answerRtmStartHttp, PacerPool, parseRtmStartRequest, type CompatFetchOptions } from '../fetch.js';
import type { FetchLike } from '../http-caller.js';
import { validateOptions } from '../with-compat.js';
import { hostHeaderCheck, parseListen, parseUpstream, type ListenAddress } from './address.js';
import { redact } from './redact.js';

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
  const connectionListed = String(headers['connection'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase());
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || HOP_BY_HOP.has(k) || connectionListed.includes(k)) continue;
    out[k] = v;
  }
  return out;
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
  const pacers = new PacerPool(options);
  const sink = options.log === false ? undefined : (options.log ?? ((line: string) => process.stderr.write(`${line}\n`)));
  const log = (line: string): void => sink?.(redact(`${new Date().toISOString()} ${line}`));
  const hostAllowed = hostHeaderCheck(listen, options.allowRemote === true);

  const refuse = (res: ServerResponse, status: number, error: string, reason: string): void => {
    log(`refused ${reason} → ${status}`);
    const body = JSON.stringify({ ok: false, error });
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' });
    res.end(body);
  };

  /** Reads a body up to the cap; undefined (after answering 413) when it is larger. */
  const readCapped = (req: IncomingMessage, res: ServerResponse, label: string): Promise<Buffer | undefined> =>
    new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let over = false;
      req.on('data', (chunk: Buffer) => {
        if (over) return;
        size += chunk.length;
        if (size > maxBody) {
          over = true;
          refuse(res, 413, 'request_too_large', `${label}: body over ${maxBody} bytes`);
          res.on('finish', () => req.destroy());
          resolve(undefined);
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => !over && resolve(Buffer.concat(chunks)));
      req.on('error', () => !over && resolve(undefined));
    });

  const forward = (req: IncomingMessage, res: ServerResponse, method: string, query: string, started: number, preRead?: Buffer): void => {
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
      res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, filterHeaders(upRes.headers));
      upRes.pipe(res);
      upRes.on('error', () => res.destroy());
      res.on('finish', () => {
        done = true;
        log(`${req.method} /api/${method} → ${upRes.statusCode} ${Math.round(performance.now() - started)}ms`);
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
    let form: string | FormData | undefined = body.length > 0 ? body.toString('utf8') : undefined;
    if (form !== undefined && contentType && /multipart\/form-data/i.test(contentType)) {
      form = await new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(body) })
        .formData()
        .catch(() => undefined);
    }
    const parsed = parseRtmStartRequest(new URL(`http://127.0.0.1${query ? `/${query}` : '/'}`), form, req.headers.authorization);
    const answer = await answerRtmStartHttp(fetchFn, upstream.href, parsed, options, pacers.for(parsed.token));
    const text = JSON.stringify(answer.body);
    res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(text) });
    res.end(text);
    const error = answer.body['ok'] === true ? '' : ` ${String(answer.body['error'])}`;
    log(`${req.method} /api/${METHODS.rtmStart} → ${answer.status}${error} (rtm.start compat) ${Math.round(performance.now() - started)}ms`);
  };

  const server = http.createServer((req, res) => {
    const started = performance.now();
    const raw = req.url ?? '';
    if (!raw.startsWith('/')) return refuse(res, 400, 'absolute_uri_refused', `${req.method} to an absolute-form URI (this is not an open proxy)`);
    if (!hostAllowed(req.headers.host)) return refuse(res, 421, 'host_refused', `${req.method} for another host (${req.headers.host ?? 'none'})`);
    const m = METHOD_PATH.exec(raw);
    if (!m) return refuse(res, 404, 'unknown_path', `${req.method} ${raw.split('?')[0]}: only /api/<method> is forwarded`);
    if (req.method !== 'GET' && req.method !== 'POST') return refuse(res, 405, 'method_not_allowed', `${req.method} /api/${m[1]}`);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) {
      refuse(res, 413, 'request_too_large', `${req.method} /api/${m[1]}: Content-Length ${declared} over ${maxBody}`);
      res.on('finish', () => req.destroy());
      return;
    }
    const method = m[1]!;
    const query = m[2] ?? '';
    if (method === METHODS.rtmStart) {
      answerStart(req, res, query, started).catch((e: Error) => {
        log(`rtm.start compat failed: ${e.message}`);
        if (!res.headersSent) refuse(res, 500, 'rtm_start_compat_failed', 'rtm.start compat failed');
        else res.destroy();
      });
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
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
