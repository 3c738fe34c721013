import { PAGINATION } from '@rtm-migrate/core';

export type PageResult = { ok: true; offset: number; limit: number } | { ok: false; error: string };

const FALLBACK = { defaultLimit: 100, maxLimit: 1000 } as const;

/**
 * Reads `cursor` and `limit` as Slack does: `limit` defaults per method (core's PAGINATION; `users.list`
 * has none and answers with everyone), values above the maximum are capped, a garbage cursor is
 * `invalid_cursor`. Cursors are opaque base64 (`<kind>:<offset>`), valid only for the method that made them.
 */
export function readPage(method: string, kind: string, args: Record<string, string>, total: number): PageResult {
  const fact = PAGINATION[method] ?? FALLBACK;
  let limit = fact.defaultLimit ?? Number.MAX_SAFE_INTEGER;
  const rawLimit = args['limit'];
  if (rawLimit !== undefined && rawLimit !== '') {
    if (!/^\d+$/.test(rawLimit)) return { ok: false, error: 'invalid_limit' };
    const n = Number(rawLimit);
    if (n > 0) limit = Math.min(n, fact.maxLimit);
  }
  let offset = 0;
  const cursor = args['cursor'];
  if (cursor !== undefined && cursor !== '') {
    const decoded = decodeCursor(cursor, kind);
    if (decoded === undefined || decoded > total) return { ok: false, error: 'invalid_cursor' };
    offset = decoded;
  }
  return { ok: true, offset, limit };
}

export function encodeCursor(kind: string, offset: number): string {
  return Buffer.from(`${kind}:${offset}`, 'utf8').toString('base64');
}

function decodeCursor(cursor: string, kind: string): number | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(cursor)) return undefined;
  const m = /^([a-z]+):(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (m?.[1] !== kind) return undefined;
  return Number(m[2]);
}

/**
 * The page `offset … offset + limit` of `total` items, and the cursor of the next one (`''` at the
 * end). With `shortPages`, every third page stops halfway, as real Slack sometimes does.
 */
export function pageBounds(
  kind: string,
  offset: number,
  limit: number,
  total: number,
  shortPages: boolean,
): { start: number; end: number; nextCursor: string } {
  let size = limit;
  if (shortPages && limit > 1 && Math.floor(offset / limit) % 3 === 1) size = Math.ceil(limit / 2);
  const end = Math.min(total, offset + size);
  return { start: offset, end, nextCursor: end < total ? encodeCursor(kind, end) : '' };
}
