import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PlanSite } from './plan.js';
import { ParseError } from './errors.js';
import { transformSource, type ParserName, type SiteOutcome } from './transforms/index.js';

export interface FileTask {
  readonly file: string;
  readonly sites: readonly PlanSite[];
  readonly parser?: ParserName;
  /** The specifier the file imports the generated helper module by (sites rewritten to call it). */
  readonly helperModule?: string;
}

export interface FileResult {
  readonly file: string;
  readonly changed: boolean;
  readonly input?: string;
  readonly output?: string;
  readonly outcomes: readonly SiteOutcome[];
  readonly error?: { readonly message: string; readonly line: number; readonly column: number };
}

/** Transforms one file (reads it; never writes). */
export function transformFile(task: FileTask): FileResult {
  let input: string;
  try {
    const bytes = readFileSync(task.file);
    const invalid = invalidUtf8At(bytes);
    if (invalid !== undefined) {
      // Decoding would turn those bytes into U+FFFD in the whole file: refused, never rewritten.
      if (task.sites.length === 0) return { file: task.file, changed: false, outcomes: [] };
      const { line, column } = positionOf(bytes, invalid);
      return { file: task.file, changed: false, outcomes: [], error: { message: `not valid UTF-8 (byte 0x${(bytes[invalid] ?? 0).toString(16)} at offset ${invalid}): not rewritten; convert the file to UTF-8 and run again`, line, column } };
    }
    input = bytes.toString('utf8');
  } catch (err) {
    return { file: task.file, changed: false, outcomes: [], error: { message: `unreadable: ${(err as Error).message}`, line: 1, column: 1 } };
  }
  try {
    const r = transformSource(input, task.file, task.sites, { parser: task.parser, helperModule: task.helperModule });
    return { file: task.file, changed: r.changed, input, output: r.output, outcomes: r.outcomes };
  } catch (err) {
    const line = err instanceof ParseError ? err.line : 1;
    const column = err instanceof ParseError ? err.column : 1;
    return { file: task.file, changed: false, outcomes: [], error: { message: err instanceof Error ? err.message : String(err), line, column } };
  }
}

/**
 * Runs the transforms over `tasks`, in this thread (`workers` ≤ 1) or in a pool of worker threads.
 * Results come back in task order.
 */
export async function runTransforms(
  tasks: readonly FileTask[],
  workers: number,
  onProgress?: (done: number, total: number) => void,
): Promise<FileResult[]> {
  const n = Math.max(1, Math.min(workers, tasks.length, cpus().length * 2));
  const results = new Array<FileResult>(tasks.length);
  let done = 0;
  if (n <= 1) {
    tasks.forEach((t, i) => {
      results[i] = transformFile(t);
      onProgress?.(++done, tasks.length);
    });
    return results;
  }
  let next = 0;
  const url = new URL('./worker-thread.js', import.meta.url);
  await Promise.all(
    Array.from({ length: n }, () =>
      new Promise<void>((resolve, reject) => {
        const worker = new Worker(url);
        const feed = (): void => {
          if (next >= tasks.length) {
            void worker.terminate().then(() => resolve());
            return;
          }
          const i = next++;
          worker.postMessage({ i, task: tasks[i] });
        };
        worker.on('message', (msg: { i: number; result: FileResult }) => {
          results[msg.i] = msg.result;
          onProgress?.(++done, tasks.length);
          feed();
        });
        worker.on('error', reject);
        feed();
      }),
    ),
  );
  return results;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The offset of the first byte that is not valid UTF-8, or undefined when the whole file is. */
export function invalidUtf8At(bytes: Buffer): number | undefined {
  try {
    UTF8.decode(bytes);
    return undefined;
  } catch {
    // The first U+FFFD of a lossy decode that the file does not spell as EF BF BD is where it breaks.
    let offset = 0;
    for (const char of bytes.toString('utf8')) {
      if (char === '\uFFFD' && !(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
      offset += Buffer.byteLength(char);
    }
    return undefined;
  }
}

function positionOf(bytes: Buffer, offset: number): { line: number; column: number } {
  const before = bytes.subarray(0, offset);
  let line = 1;
  for (const b of before) if (b === 10) line++;
  return { line, column: offset - (before.lastIndexOf(10) + 1) + 1 };
}
