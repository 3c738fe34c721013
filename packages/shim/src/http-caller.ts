import { CompatHTTPError, CompatPlatformError, CompatRateLimitedError, CompatRedirectError, CompatRequestError } from './errors.js';
import type { CallFn } from './build-response.js';
import type { SlackObject } from './types.js';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface HttpCallerOptions {
  /** Per-request timeout in ms (default 30 000). */
  readonly timeoutMs?: number;
  /** Retries of a request that failed on the network (default 2), as WebClient retries them. */
  readonly requestRetries?: number;
}

/** Seconds from a `Retry-After` header (default 1 when missing or unreadable). */
export function retryAfterSeconds(value: string | null | undefined): number {
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : 1;
}

function formValue(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return String(v);
}

/**
 * Web API calls over plain HTTP (for `createCompatFetch` and the proxy): a form POST to
 * `<apiBase><method>` with the caller's token as `Authorization: Bearer`, errors thrown in
 * WebClient's shapes (`ok: false` → platform error with `data`, 429 → rate-limited with `retryAfter`).
 */
export function httpCaller(fetchFn: FetchLike, apiBase: string, token: string | undefined, options: HttpCallerOptions = {}): CallFn {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retries = options.requestRetries ?? 2;
  return async (method, args) => {
    const body = new URLSearchParams();
    let callToken = token;
    for (const [k, v] of Object.entries(args)) {
      if (v === undefined) continue;
      if (k === 'token') callToken = formValue(v);
      else body.set(k, formValue(v));
    }
    const form = body.toString();
    // A charset only where there is a body: Slack warns `superfluous_charset` otherwise.
    const headers: Record<string, string> = form === '' ? {} : { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    if (callToken) headers['authorization'] = `Bearer ${callToken}`;
    let response: Response | undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        response = await fetchFn(new URL(method, apiBase).href, {
          method: 'POST',
          headers,
          ...(form === '' ? {} : { body: form }),
          // Never to another host: a redirect is an error, not a new destination for the token.
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
        break;
      } catch (e) {
        if (attempt >= retries) throw new CompatRequestError(e instanceof Error ? e : new Error(String(e)));
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      throw new CompatRedirectError(response.status, Object.fromEntries(response.headers), response.headers.get('location') ?? undefined);
    }
    if (response.status === 429) {
      await response.body?.cancel();
      throw new CompatRateLimitedError(retryAfterSeconds(response.headers.get('retry-after')));
    }
    const text = await response.text();
    if (response.status !== 200) {
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // keep the text
      }
      throw new CompatHTTPError(response.status, response.statusText, Object.fromEntries(response.headers), parsed);
    }
    let json: SlackObject;
    try {
      json = JSON.parse(text) as SlackObject;
    } catch {
      throw new CompatHTTPError(response.status, 'invalid JSON', Object.fromEntries(response.headers), text);
    }
    if (json['ok'] !== true) {
      throw new CompatPlatformError({ ...json, ok: false, error: typeof json['error'] === 'string' ? json['error'] : 'unknown_error' });
    }
    return json;
  };
}
