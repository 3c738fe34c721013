import type { IncomingMessage, ServerResponse } from 'node:http';

/** What `readRequestBody` hands back for a body over the cap. */
export const BODY_TOO_LARGE = Symbol('body too large');

/**
 * A request's body, read up to `maxBytes`: the bytes, `BODY_TOO_LARGE` (the caller answers 413; the
 * connection is closed once that answer is sent, so the rest is never read), or `undefined` when the
 * request broke off.
 */
export function readRequestBody(req: IncomingMessage, res: ServerResponse, maxBytes: number): Promise<Buffer | typeof BODY_TOO_LARGE | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > maxBytes) {
        over = true;
        res.once('finish', () => req.destroy());
        resolve(BODY_TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on('error', () => {
      if (!over) resolve(undefined);
    });
  });
}
