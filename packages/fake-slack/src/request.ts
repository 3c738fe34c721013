import type { IncomingMessage } from 'node:http';

/** A request as a method sees it: arguments by name (token taken out), warnings to answer with. */
export interface ParsedRequest {
  readonly args: Record<string, string>;
  /** The token from `Authorization: Bearer` or the `token` field; never logged. */
  readonly token: string | undefined;
  readonly warnings: string[];
}

export type ParseOutcome =
  | { readonly ok: true; readonly request: ParsedRequest }
  | { readonly ok: false; readonly error: string; readonly warnings: string[] };

export interface RawBody {
  readonly body: Buffer;
  /** False when the body stopped short of its `Content-Length` (or never ended) before the timeout. */
  readonly complete: boolean;
}

const ACCEPTED_CHARSETS = new Set(['utf-8', 'utf8', 'iso-8859-1', 'latin1']);
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'text/plain']);
const MULTIPART = 'multipart/form-data';

/** Reads the whole body, or gives up after `timeoutMs` (a truncated POST: `request_timeout`). */
export function readBody(req: IncomingMessage, timeoutMs: number): Promise<RawBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (complete: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ body: Buffer.concat(chunks), complete });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => finish(true));
    req.on('error', () => finish(false));
    req.on('close', () => finish(req.complete));
  });
}

function contentTypeOf(header: string | undefined): { mime: string; charset: string | undefined } | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const [mime = '', ...params] = header.split(';');
  let charset: string | undefined;
  for (const p of params) {
    const m = /^\s*charset\s*=\s*"?([^";\s]*)"?\s*$/i.exec(p);
    if (m) charset = (m[1] ?? '').toLowerCase();
  }
  return { mime: mime.trim().toLowerCase(), charset };
}

/**
 * Reference §2's request rules: query string always; a POST body as urlencoded (or text/plain) or
 * multipart form; JSON and other types are `invalid_post_type`, a body without a type
 * `missing_post_type`, a charset other than utf-8 / iso-8859-1 `invalid_charset`.
 * Warnings, as Slack's error pages define them: `missing_charset` on a `text/plain` body without
 * charset (the non-form type for which a charset is recommended; a urlencoded form, as `WebClient`
 * sends, gets none); `superfluous_charset` on a charset where none applies (a request without body,
 * or a multipart body, whose parts carry their own).
 */
export async function parseRequest(req: IncomingMessage, url: URL, body: Buffer): Promise<ParseOutcome> {
  const warnings: string[] = [];
  const fail = (error: string): ParseOutcome => ({ ok: false, error, warnings });
  const args: Record<string, string> = {};
  const names: string[] = [];
  for (const [k, v] of url.searchParams) {
    args[k] = v;
    names.push(k);
  }
  const type = contentTypeOf(req.headers['content-type']);
  if (body.length === 0) {
    if (type?.charset !== undefined) warnings.push('superfluous_charset');
  } else {
    if (type === undefined) return fail('missing_post_type');
    if (type.charset !== undefined && !ACCEPTED_CHARSETS.has(type.charset)) return fail('invalid_charset');
    if (FORM_TYPES.has(type.mime)) {
      if (type.charset === undefined && type.mime === 'text/plain') warnings.push('missing_charset');
      const text = type.charset === 'iso-8859-1' || type.charset === 'latin1' ? body.toString('latin1') : body.toString('utf8');
      if (/%(?![0-9A-Fa-f]{2})/.test(text)) return fail('invalid_form_data');
      try {
        for (const piece of text.split('&')) if (piece) decodeURIComponent(piece.replace(/\+/g, ' '));
      } catch {
        return fail('invalid_form_data');
      }
      for (const [k, v] of new URLSearchParams(text)) {
        args[k] = v;
        names.push(k);
      }
    } else if (type.mime === MULTIPART) {
      if (type.charset !== undefined) warnings.push('superfluous_charset');
      let form: FormData;
      try {
        form = await new Request('http://127.0.0.1/', {
          method: 'POST',
          headers: { 'content-type': req.headers['content-type'] ?? '' },
          body: new Uint8Array(body),
          // eslint-disable-next-line @typescript-eslint/no-deprecated -- bodies are small and in memory; the standard parser is what a faithful fake needs
        }).formData();
      } catch {
        return fail('invalid_form_data');
      }
      for (const [k, v] of form) {
        args[k] = typeof v === 'string' ? v : v.name;
        names.push(k);
      }
    } else {
      return fail('invalid_post_type');
    }
  }
  for (const name of names) {
    if (/\[[^\]]*\]$/.test(name)) return fail('invalid_array_arg');
    if (!/^[a-z0-9_]+$/.test(name)) return fail('invalid_arg_name');
  }
  const auth = req.headers.authorization;
  const bearer = auth === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(auth)?.[1];
  // An empty `token=` counts as no token, as at Slack.
  const token = bearer ?? (args['token'] === '' ? undefined : args['token']);
  delete args['token'];
  return { ok: true, request: { args, token, warnings } };
}
