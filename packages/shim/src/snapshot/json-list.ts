const COMMA = Buffer.from(',');
const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');
/** Parts are merged up to this size when the list is sealed: few writes, no large copies. */
const CHUNK_BYTES = 256 * 1024;

/**
 * A list of Slack objects kept as JSON text, never as objects: a page is serialized once, when it
 * arrives, and its objects can be collected. Items that are completed later (a conversation waiting
 * for its `members`) reserve their place, so the list keeps the order Slack sent.
 */
export class JsonList {
  private parts: (Buffer | undefined)[] = [];
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Appends a page of items, serialized now. */
  push(items: readonly unknown[]): void {
    if (items.length === 0) return;
    const text = JSON.stringify(items);
    this.parts.push(Buffer.from(text.slice(1, -1)));
    this.count += items.length;
  }

  /** Holds the place of one item; the returned function serializes it into that place. */
  reserve(): (item: unknown) => void {
    const index = this.parts.length;
    this.parts.push(undefined);
    this.count++;
    return (item) => {
      this.parts[index] = Buffer.from(JSON.stringify(item));
    };
  }

  /** Merges small parts into chunks of up to 256 KiB; every reserved place must be filled. */
  seal(): void {
    const sealed: Buffer[] = [];
    let run: Buffer[] = [];
    let runBytes = 0;
    const flush = (): void => {
      if (run.length > 0) sealed.push(run.length === 1 ? run[0]! : Buffer.concat(run, runBytes));
      run = [];
      runBytes = 0;
    };
    for (const part of this.parts) {
      if (part === undefined) throw new Error('JsonList: a reserved item was never filled');
      if (part.length >= CHUNK_BYTES) {
        flush();
        sealed.push(part);
        continue;
      }
      if (runBytes + part.length + 1 > CHUNK_BYTES) flush();
      if (run.length > 0) {
        run.push(COMMA);
        runBytes++;
      }
      run.push(part);
      runBytes += part.length;
    }
    flush();
    this.parts = sealed;
  }

  /** The array's JSON as chunks to write in order (shared, never copied). */
  chunks(): Buffer[] {
    const out: Buffer[] = [OPEN];
    this.parts.forEach((part, i) => {
      if (i > 0) out.push(COMMA);
      out.push(part!);
    });
    out.push(CLOSE);
    return out;
  }

  /** Bytes of the array's JSON. */
  get bytes(): number {
    return this.parts.reduce((n, p) => n + (p?.length ?? 0) + 1, 1);
  }

  /** A fresh copy of the items as objects. */
  parse(): unknown[] {
    return JSON.parse(Buffer.concat(this.chunks()).toString('utf8')) as unknown[];
  }
}
