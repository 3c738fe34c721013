import { WEB_CLIENT_ERROR_CODES } from '@rtm-migrate/core';
import type { SlackObject } from './types.js';

/**
 * Errors in `WebClient`'s shapes. On the `WebClient` path the shim lets the client's own errors
 * through (so `instanceof WebAPIPlatformError` on v8 and `code === ErrorCode.PlatformError` on v7
 * both keep working) and only adds context to their message. These classes are for the HTTP paths
 * (`createCompatFetch`, the proxy), which speak Slack's wire format, and for the rare answer the
 * shim cannot use (e.g. a list without its array): same `code`, `data`, `retryAfter` as the SDK's.
 */
export class CompatPlatformError extends Error {
  readonly code = WEB_CLIENT_ERROR_CODES.PlatformError;
  constructor(readonly data: SlackObject & { ok: false; error: string }) {
    super(`An API error occurred: ${data.error}`);
    this.name = 'CompatPlatformError';
  }
}

export class CompatRateLimitedError extends Error {
  readonly code = WEB_CLIENT_ERROR_CODES.RateLimitedError;
  constructor(readonly retryAfter: number) {
    super(`A rate-limit has been reached, you may retry this request in ${retryAfter} seconds`);
    this.name = 'CompatRateLimitedError';
  }
}

export class CompatHTTPError extends Error {
  readonly code = WEB_CLIENT_ERROR_CODES.HTTPError;
  constructor(
    readonly statusCode: number,
    readonly statusMessage: string,
    readonly headers: Record<string, string>,
    readonly body: unknown,
  ) {
    super(`An HTTP protocol error occurred: statusCode = ${statusCode}`);
    this.name = 'CompatHTTPError';
  }
}

/** The upstream answered a redirect: the shim's own calls go to their API base only, never elsewhere. */
export class CompatRedirectError extends CompatHTTPError {
  constructor(statusCode: number, headers: Record<string, string>, readonly location: string | undefined) {
    super(statusCode, 'redirect refused', headers, undefined);
    this.message = `The upstream answered ${statusCode} redirecting to ${location ?? '(no Location)'}: refused (rtm.start compat calls only its API base)`;
    this.name = 'CompatRedirectError';
  }
}

export class CompatRequestError extends Error {
  readonly code = WEB_CLIENT_ERROR_CODES.RequestError;
  constructor(readonly original: Error) {
    super(`A request error occurred: ${original.message}`, { cause: original });
    this.name = 'CompatRequestError';
  }
}

interface Coded { code?: unknown }

export function isPlatformError(e: unknown): e is Error & { data: SlackObject & { error?: string } } {
  return e instanceof Error && (e as Coded).code === WEB_CLIENT_ERROR_CODES.PlatformError && typeof (e as { data?: unknown }).data === 'object';
}

export function isRateLimitedError(e: unknown): e is Error & { retryAfter: number } {
  return e instanceof Error && (e as Coded).code === WEB_CLIENT_ERROR_CODES.RateLimitedError;
}

export function isHttpError(e: unknown): e is Error & { statusCode: number; headers?: unknown; body?: unknown } {
  return e instanceof Error && (e as Coded).code === WEB_CLIENT_ERROR_CODES.HTTPError;
}

export function isRedirectError(e: unknown): e is CompatRedirectError {
  return e instanceof CompatRedirectError;
}

export function isRequestError(e: unknown): e is Error {
  return e instanceof Error && (e as Coded).code === WEB_CLIENT_ERROR_CODES.RequestError;
}

/** The Slack error code of a platform error (`missing_scope`, `rtm_connect_required`…). */
export function slackErrorOf(e: unknown): string | undefined {
  return isPlatformError(e) && typeof e.data.error === 'string' ? e.data.error : undefined;
}

/** What the shim attaches to `error.data.rtm_start_compat` when a field cannot be built. */
export interface CompatErrorDetail {
  readonly field: string;
  readonly method: string;
  readonly scopes: readonly string[];
}

/**
 * A `missing_scope` error, kept in the client's own class and shape, with a message that names the
 * scope and the field that needs it, and `data.rtm_start_compat` saying the same as data.
 */
export function explainMissingScope(e: Error & { data: SlackObject }, detail: CompatErrorDetail): Error {
  const scopes = detail.scopes.map((s) => `\`${s}\``).join(', ');
  e.message =
    `An API error occurred: missing_scope (rtm.start compat: \`${detail.field}\` needs scope ${scopes} for ${detail.method}; ` +
    `grant it, leave the field out with \`fields\`, or pass onMissingScope: 'omit')`;
  e.data['rtm_start_compat'] = { ...detail };
  return e;
}

/** Adds where in the build an error happened, keeping the error itself (class, code, data). */
export function withContext<E>(e: E, context: string): E {
  if (e instanceof Error && !e.message.includes('(rtm.start compat:')) {
    e.message = `${e.message} (rtm.start compat: ${context})`;
  }
  return e;
}
