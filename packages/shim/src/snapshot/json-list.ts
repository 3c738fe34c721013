import { gunzipSync, gzipSync } from 'node:zlib';

/** gzip level 1: Slack ids and JSON compress about 2.5× at it, at a small cost per page. */
const gzip = (data: Buffer | string): Buffer => gzipSync(data, { level: 1 });
const COMMA = Buffer.from(',');
const OPEN = gzip('[');
const CLOSE = gzip(']');
/** Parts are compressed in runs of about this size: few gzip members, none large to inflate. */
const RUN_BYTES = 256 * 1024;

function compress(pieces: readonly Buffer[]): Stored {
  const raw = Buffer.concat(pieces);
  return { gz: gzip(raw), bytes: raw.length };
}

/** A stored part: one gzip member holding the part's JSON, with its leading comma unless it is the first. */
interface Stored {
  readonly gz: Buffer;
  /** Bytes of its JSON, uncompressed. */
  readonly bytes: number;
}

/**
 * A list of Slack objects kept as compressed JSON text, never as objects: a page is serialized
 * once, when it arrives, and its objects can be collected. Items completed later (a conversation
 * waiting for its `members`) reserve their place, so the list keeps the order Slack sent. Parts are
 * stored as gzip members: concatenated, they are one valid gzip body (RFC 1952 allows several
 * members), which an HTTP answer can send as is to a client that accepts gzip.
 */
export class JsonList {
  /** Parts not yet stored: raw JSON, compressed ahead (large), `undefined` while reserved, `null` once taken. */
  private parts: (Buffer | Stored | undefined | null)[] = [];
  /** Parts before this index are in `sealed`. */
  private frontier = 0;
  private run: Buffer[] = [];
  private runBytes = 0;
  private readonly sealed: Stored[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Appends a page of items, serialized now. */
  push(items: readonly unknown[]): void {
    if (items.length === 0) return;
    const text = JSON.stringify(items);
    this.count += items.length;
    this.parts.push(undefined);
    this.place(this.parts.length - 1, Buffer.from(text.slice(1, -1)));
  }

  /** Holds the place of one item; the returned function puts the item's JSON text in that place. */
  reserve(): (json: string) => void {
    const index = this.parts.length;
    this.parts.push(undefined);
    this.count++;
    return (json) => this.place(index, Buffer.from(json));
  }

  /**
   * Large parts are compressed at once; small ones in runs, as soon as every part before them is
   * there (so raw JSON never piles up behind a conversation still waiting for its members).
   */
  private place(index: number, json: Buffer): void {
    this.parts[index] = json.length >= RUN_BYTES / 4 ? compress(index > 0 ? [COMMA, json] : [json]) : json;
    while (this.frontier < this.parts.length) {
      const part = this.parts[this.frontier];
      if (part === undefined) break;
      this.parts[this.frontier] = null;
      if (Buffer.isBuffer(part)) {
        if (this.frontier > 0) this.run.push(COMMA);
        this.run.push(part);
        this.runBytes += part.length + 1;
        if (this.runBytes >= RUN_BYTES) this.flush();
      } else if (part !== null) {
        this.flush();
        this.sealed.push(part);
      }
      this.frontier++;
    }
  }

  private flush(): void {
    if (this.run.length > 0) this.sealed.push(compress(this.run));
    this.run = [];
    this.runBytes = 0;
  }

  /** Stores the last run; every reserved place must be filled. */
  seal(): void {
    if (this.frontier < this.parts.length) throw new Error('JsonList: a reserved item was never filled');
    this.flush();
    this.parts = [];
  }

  private stored(): Stored[] {
    if (this.run.length > 0 || this.parts.length > 0) throw new Error('JsonList: read before seal()');
    return this.sealed;
  }

  /** The array's JSON as gzip members to send in order (shared, never copied). */
  gzipChunks(): Buffer[] {
    return [OPEN, ...this.stored().map((p) => p.gz), CLOSE];
  }

  /** The array's JSON, inflated one part at a time. */
  *jsonChunks(): Generator<Buffer> {
    yield Buffer.from('[');
    for (const p of this.stored()) yield gunzipSync(p.gz);
    yield Buffer.from(']');
  }

  /** Bytes of the array's JSON. */
  get bytes(): number {
    return this.stored().reduce((n, p) => n + p.bytes, 2);
  }

  /** Bytes kept (compressed). */
  get storedBytes(): number {
    return this.stored().reduce((n, p) => n + p.gz.length, 0);
  }

  /** A fresh copy of the items as objects. */
  parse(): unknown[] {
    return JSON.parse(Buffer.concat([...this.jsonChunks()]).toString('utf8')) as unknown[];
  }
}

export { gzip };
