import { createHash } from 'node:crypto';
import { isRtmStartUrl } from '@rtm-migrate/core';
import { isHttpError, isPlatformError, isRateLimitedError, isRequestError } from './errors.js';
import { httpCaller, type FetchLike, type HttpCallerOptions } from './http-caller.js';
import { Pacer } from './pacer.js';
import type { RtmStartCompatArguments, RtmStartCompatOptions, SlackObject } from './types.js';
import { answerRtmStart, validateOptions } from './with-compat.js';

export interface CompatFetchOptions extends RtmStartCompatOptions, HttpCallerOptions {}

/** An HTTP answer: status, headers, JSON body. */
export interface CompatHttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: SlackObject;
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

/** Arguments and token of an `rtm.start` request: query string, urlencoded or multipart body. */
export interface ParsedRtmStartRequest {
  readonly args: RtmStartCompatArguments;
  readonly token: string | undefined;
}

export function parseRtmStartRequest(url: URL, body: string | FormData | undefined, authorization: string | undefined): ParsedRtmStartRequest {
  const args: Record<string, unknown> = {};
  for (const [k, v] of url.searchParams) args[k] = v;
  if (body instanceof FormData) {
    for (const [k, v] of body) if (typeof v === 'string') args[k] = v;
  } else if (body !== undefined && body !== '') {
    for (const [k, v] of new URLSearchParams(body)) args[k] = v;
  }
  const bearer = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
  const token = bearer ?? (typeof args['token'] === 'string' && args['token'] !== '' ? (args['token']) : undefined);
  delete args['token'];
  return { args: args, token };
}

/** The base URL (`…/api/`) of a request for `…/api/rtm.start`. */
export function apiBaseOf(url: URL): string {
  return `${url.origin}${url.pathname.replace(/rtm\.start$/, '')}`;
}

/** Per token (kept as a hash, never the token itself), one pacer: the rate budget is per token. */
export class PacerPool {
  private readonly pacers = new Map<string, Pacer>();
  constructor(private readonly options: RtmStartCompatOptions) {}
  for(token: string | undefined): Pacer {
    const key = createHash('sha256').update(token ?? '').digest('hex');
    let pacer = this.pacers.get(key);
    if (!pacer) {
      pacer = new Pacer(this.options.rateLimit ?? {});
      this.pacers.set(key, pacer);
    }
    return pacer;
  }
}

/**
 * Answers an `rtm.start` request over HTTP with the caller's own token, in Slack's wire format:
 * the response (200), an `ok: false` body (200), a 429 with `Retry-After`, or the upstream's HTTP error.
 */
export async function answerRtmStartHttp(
  fetchFn: FetchLike,
  apiBase: string,
  request: ParsedRtmStartRequest,
  options: CompatFetchOptions,
  pacer: Pacer,
): Promise<CompatHttpAnswer> {
  const call = httpCaller(fetchFn, apiBase, request.token, options);
  try {
    const body = await answerRtmStart(call, request.args, options, pacer);
    return { status: 200, headers: { ...JSON_TYPE }, body };
  } catch (e) {
    return errorAnswer(e);
  }
}

export function errorAnswer(e: unknown): CompatHttpAnswer {
  const messages = [`[ERROR] ${e instanceof Error ? e.message : String(e)}`];
  if (isPlatformError(e)) {
    return { status: 200, headers: { ...JSON_TYPE }, body: { ...e.data, ok: false, response_metadata: { messages } } };
  }
  if (isRateLimitedError(e)) {
    return {
      status: 429,
      headers: { ...JSON_TYPE, 'retry-after': String(e.retryAfter) },
      body: { ok: false, error: 'ratelimited', response_metadata: { messages } },
    };
  }
  if (isHttpError(e)) {
    const upstream = typeof e.body === 'object' && e.body !== null ? (e.body as SlackObject) : {};
    return { status: e.statusCode, headers: { ...JSON_TYPE }, body: { ok: false, error: 'upstream_http_error', ...upstream, response_metadata: { messages } } };
  }
  if (isRequestError(e)) {
    return { status: 502, headers: { ...JSON_TYPE }, body: { ok: false, error: 'upstream_unreachable', response_metadata: { messages } } };
  }
  return { status: 500, headers: { ...JSON_TYPE }, body: { ok: false, error: 'rtm_start_compat_failed', response_metadata: { messages } } };
}

/**
 * A `fetch` that answers GET/POST `…/api/rtm.start` (query string, urlencoded or multipart form)
 * compatibly, calling the same API base with the caller's token, and passes every other request
 * to `fetchFn` unchanged.
 */
export function createCompatFetch(fetchFn: FetchLike = globalThis.fetch, options: CompatFetchOptions = {}): typeof globalThis.fetch {
  validateOptions(options);
  const pacers = new PacerPool(options);
  const compatFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return fetchFn(input, init);
    }
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (!isRtmStartUrl(url.origin + url.pathname) || (method !== 'GET' && method !== 'POST')) return fetchFn(input, init);
    const request = new Request(input, init);
    const contentType = request.headers.get('content-type') ?? undefined;
    if (contentType && /json/i.test(contentType)) return fetchFn(input, init); // Slack refuses JSON for rtm.start: let it say so
    let body: string | FormData | undefined;
    if (method === 'POST' && request.body) {
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- the bot's own request, already in memory: the standard parser reads it as Slack would
      body = contentType && /multipart\/form-data/i.test(contentType) ? await request.formData() : await request.text();
    }
    const parsed = parseRtmStartRequest(url, body, request.headers.get('authorization') ?? undefined);
    const answer = await answerRtmStartHttp(fetchFn, apiBaseOf(url), parsed, options, pacers.for(parsed.token));
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
  };
  return compatFetch;
}

