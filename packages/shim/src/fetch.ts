import { RTM_START_RETIRED_ERRORS, isRtmStartUrl } from '@rtm-migrate/core';
import { isConnectShaped } from './build-response.js';
import { isHttpError, isPlatformError, isRateLimitedError, isRedirectError, isRequestError } from './errors.js';
import { httpCaller, type FetchLike, type HttpCallerOptions } from './http-caller.js';
import { createSnapshotStore, type SnapshotStore, type SnapshotStoreOptions } from './snapshot/store.js';
import type { RtmStartCompatArguments, RtmStartCompatOptions, SlackObject } from './types.js';
import { snapshotStoreOptions, validateOptions } from './with-compat.js';

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
/** A multipart body already in memory, parsed by the platform's own form parser (as Slack reads it). */
export function parseMultipart(body: Uint8Array, contentType: string): Promise<FormData> {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the bot's own request, already in memory: the standard parser reads it as Slack would
  return new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(body) }).formData();
}

/** An `rtm.start` request body as `parseRtmStartRequest` takes it: a multipart form, text, or none. */
export async function rtmStartRequestBody(body: Buffer, contentType: string | undefined): Promise<string | FormData | undefined> {
  if (body.length === 0) return undefined;
  if (contentType && /multipart\/form-data/i.test(contentType)) return parseMultipart(body, contentType).catch(() => undefined);
  return body.toString('utf8');
}

export function apiBaseOf(url: URL): string {
  return `${url.origin}${url.pathname.replace(/rtm\.start$/, '')}`;
}

/** Slack's answer to an `rtm.start` request, when it says `rtm.start` is retired (or answers in `rtm.connect`'s shape). */
export function isRetiredAnswer(status: number, body: string): boolean {
  if (status !== 200) return false;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return false;
  }
  if (typeof json !== 'object' || json === null) return false;
  const res = json as SlackObject;
  return isConnectShaped(res) || (res['ok'] === false && typeof res['error'] === 'string' && RTM_START_RETIRED_ERRORS.includes(res['error']));
}

/** A snapshot store whose builds call `apiBase` over HTTP with each caller's own token. */
export function httpSnapshotStore(fetchFn: FetchLike, apiBase: string, options: CompatFetchOptions, onEvent?: SnapshotStoreOptions['onEvent']): SnapshotStore {
  return createSnapshotStore({
    ...options,
    ...snapshotStoreOptions(options),
    call: httpCaller(fetchFn, apiBase, undefined, options),
    ...(onEvent ? { onEvent } : {}),
  });
}

/** An HTTP answer whose body is written as chunks (a snapshot's buffers, shared). */
export interface CompatHttpChunks {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly chunks: Iterable<Buffer>;
}

/**
 * Answers an `rtm.start` request from `store`'s snapshot and a fresh `rtm.connect`, in Slack's wire
 * format: the response (200), an `ok: false` body (200), a 429 with `Retry-After`, or the
 * upstream's HTTP error. `stillWanted` is asked before `rtm.connect`: a caller that hung up gets no URL.
 */
export async function answerFromSnapshot(
  store: SnapshotStore,
  request: ParsedRtmStartRequest,
  options: { stillWanted?: () => boolean; gzip?: boolean } = {},
): Promise<CompatHttpChunks | undefined> {
  try {
    const snapshot = await store.get(request.token, request.args);
    if (options.stillWanted?.() === false) return undefined;
    const connection = await store.connect(request.token, request.args);
    const { chunks, length } = snapshot.toJsonChunks(connection, { gzip: options.gzip ?? false });
    const encoding: Record<string, string> = options.gzip ? { 'content-encoding': 'gzip', vary: 'accept-encoding' } : {};
    return { status: 200, headers: { ...JSON_TYPE, ...encoding, 'content-length': String(length) }, chunks };
  } catch (e) {
    const answer = errorAnswer(e);
    const text = Buffer.from(JSON.stringify(answer.body));
    return { status: answer.status, headers: { ...answer.headers, 'content-length': String(text.length) }, chunks: [text] };
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
  if (isRedirectError(e)) {
    return { status: 502, headers: { ...JSON_TYPE }, body: { ok: false, error: 'upstream_redirect_refused', response_metadata: { messages } } };
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
 * to `fetchFn` unchanged. In `fallback` mode the request itself goes to Slack first, and whatever
 * Slack answers, unless it says `rtm.start` is retired, is handed back as Slack sent it.
 */
export function createCompatFetch(fetchFn: FetchLike = globalThis.fetch, options: CompatFetchOptions = {}): typeof globalThis.fetch {
  validateOptions(options);
  const stores = new Map<string, SnapshotStore>();
  const storeFor = (apiBase: string): SnapshotStore => {
    let store = stores.get(apiBase);
    if (!store) stores.set(apiBase, (store = httpSnapshotStore(fetchFn, apiBase, options)));
    return store;
  };
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
    const store = storeFor(apiBaseOf(url));
    let body: string | FormData | undefined;
    if (method === 'POST' && request.body) {
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- the bot's own request, already in memory: the standard parser reads it as Slack would
      body = contentType && /multipart\/form-data/i.test(contentType) ? await request.clone().formData() : await request.clone().text();
    }
    const parsed = parseRtmStartRequest(url, body, request.headers.get('authorization') ?? undefined);
    if ((options.mode ?? 'fallback') === 'fallback' && !store.isRtmStartRetired(parsed.token)) {
      const upstream = await fetchFn(request);
      const text = await upstream.clone().text();
      if (!isRetiredAnswer(upstream.status, text)) return upstream;
      store.markRtmStartRetired(parsed.token);
    }
    // Without `stillWanted`, answerFromSnapshot always answers.
    const answer = await answerFromSnapshot(store, parsed);
    if (answer === undefined) throw new Error('unreachable: no answer without stillWanted');
    return new Response(Buffer.concat([...answer.chunks]), { status: answer.status, headers: answer.headers });
  };
  return compatFetch;
}
