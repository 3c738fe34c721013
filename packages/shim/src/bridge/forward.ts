import type { IncomingHttpHeaders } from 'node:http';
import type { FetchLike } from '../http-caller.js';
import { parseMultipart } from '../fetch.js';

/** A Web API request as the bridge forwards it: the caller's token taken out, the bot's put in. */
export interface ForwardedAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** Response headers not passed back: hop-by-hop ones, and those `fetch` invalidated by decoding the body. */
const DROPPED_RESPONSE_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-encoding', 'content-length']);

/**
 * The body without its `token` field, whatever its type: urlencoded (and text/plain) forms,
 * multipart forms and JSON. Anything else goes unchanged (Slack will refuse it itself).
 */
async function withoutToken(body: Buffer, contentType: string | undefined): Promise<{ body?: string | FormData | Uint8Array; contentType?: string }> {
  if (body.length === 0) return {};
  const type = (contentType ?? '').replace(/;.*/s, '').trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded' || type === 'text/plain') {
    const form = new URLSearchParams(body.toString('utf8'));
    form.delete('token');
    return { body: form.toString(), contentType: 'application/x-www-form-urlencoded; charset=utf-8' };
  }
  if (type === 'multipart/form-data' && contentType !== undefined) {
    const form = await parseMultipart(body, contentType);
    form.delete('token');
    return { body: form }; // fetch writes the new boundary
  }
  if (type === 'application/json') {
    try {
      const json = JSON.parse(body.toString('utf8')) as unknown;
      if (json && typeof json === 'object' && !Array.isArray(json)) delete (json as Record<string, unknown>)['token'];
      return { body: JSON.stringify(json), contentType: 'application/json; charset=utf-8' };
    } catch {
      // not JSON after all: Slack answers it
    }
  }
  return { body: new Uint8Array(body), ...(contentType ? { contentType } : {}) };
}

/**
 * Forwards `/api/<method>?query` with `body` to the upstream as the bot: whatever token the caller
 * sent (header, query or body) is replaced by `botToken`. Status, headers (`Retry-After`, scopes)
 * and body come back as Slack sent them.
 */
export async function forwardAsBot(
  fetchFn: FetchLike,
  upstream: URL,
  method: string,
  query: URLSearchParams,
  httpMethod: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
  botToken: string,
  timeoutMs: number,
): Promise<ForwardedAnswer> {
  query.delete('token');
  const target = new URL(method, upstream);
  target.search = query.toString();
  const outgoing = httpMethod === 'POST' ? await withoutToken(body, headers['content-type']) : {};
  const response = await fetchFn(target.href, {
    method: httpMethod,
    headers: { authorization: `Bearer ${botToken}`, ...(outgoing.contentType ? { 'content-type': outgoing.contentType } : {}) },
    ...(outgoing.body === undefined ? {} : { body: outgoing.body }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!DROPPED_RESPONSE_HEADERS.has(name)) out[name] = value;
  });
  return { status: response.status, headers: out, body: Buffer.from(await response.arrayBuffer()) };
}
