import { gunzipSync, gzipSync } from 'node:zlib';

/** gzip level 1: Slack ids and JSON compress about 2.5× at it, at a small cost per page. */
const gzip = (data: Buffer | string): Buffer => gzipSync(data, { level: 1 });
const COMMA = Buffer.from(',');
const OPEN = gzip('[');
const CLOSE = gzip(']');
/** Parts are compressed in runs of about this size: few gzip members, none large to inflate. */
const RUN_BYTES = 256 * 1024;

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
  private parts: (Buffer | Stored | undefined)[] = [];
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

  /** Holds the place of one item; the returned function serializes it into that place. */
  reserve(): (item: unknown) => void {
    const index = this.parts.length;
    this.parts.push(undefined);
    this.count++;
    return (item) => this.place(index, Buffer.from(JSON.stringify(item)));
  }

  /** Large parts are compressed at once (a page of 50k members is not kept raw until the end). */
  private place(index: number, json: Buffer): void {
    this.parts[index] = json.length >= RUN_BYTES / 4 ? this.compress(index > 0 ? [COMMA, json] : [json]) : json;
  }

  private compress(pieces: readonly Buffer[]): Stored {
    const raw = Buffer.concat(pieces);
    return { gz: gzip(raw), bytes: raw.length };
  }

  /** Compresses the remaining small parts in runs; every reserved place must be filled. */
  seal(): void {
    const sealed: Stored[] = [];
    let run: Buffer[] = [];
    let runBytes = 0;
    const flush = (): void => {
      if (run.length > 0) sealed.push(this.compress(run));
      run = [];
      runBytes = 0;
    };
    this.parts.forEach((part, index) => {
      if (part === undefined) throw new Error('JsonList: a reserved item was never filled');
      if (!Buffer.isBuffer(part)) {
        flush();
        sealed.push(part);
        return;
      }
      if (index > 0) run.push(COMMA);
      run.push(part);
      runBytes += part.length + 1;
      if (runBytes >= RUN_BYTES) flush();
    });
    flush();
    this.parts = sealed;
  }

  private stored(): Stored[] {
    return this.parts.map((p) => {
      if (p === undefined || Buffer.isBuffer(p)) throw new Error('JsonList: read before seal()');
      return p;
    });
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
