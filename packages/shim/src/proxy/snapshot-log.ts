import { errorMessageOf } from './redact.js';
import type { SnapshotEvent } from '../snapshot/store.js';
import type { CompatProgress } from '../types.js';

const PROGRESS_EVERY_MS = 5000;

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Log lines for the proxy's snapshots: builds (with progress every 5 s, so that a long first build
 * is visibly at work), answers from a snapshot, failures. Snapshots are named by a hash of the
 * token, never the token.
 */
export function snapshotLog(log: (line: string) => void): { onEvent: (e: SnapshotEvent) => void; onProgress: (p: CompatProgress) => void } {
  let lastProgress = 0;
  return {
    onEvent(e) {
      switch (e.type) {
        case 'build':
          lastProgress = performance.now();
          log(`snapshot ${e.key}: building${e.background ? ' in the background (stale-while-revalidate)' : ''}`);
          break;
        case 'built': {
          const counts = Object.entries(e.snapshot.counts).map(([field, n]) => `${n} ${field}`).join(', ');
          log(`snapshot ${e.key}: built in ${(e.ms / 1000).toFixed(1)} s, ${e.snapshot.calls} calls: ${counts} (${mb(e.snapshot.bytes)} of JSON, ${mb(e.snapshot.storedBytes)} kept)`);
          break;
        }
        case 'failed':
          log(`snapshot ${e.key}: build failed${e.background ? ' (the stale snapshot keeps answering)' : ''}: ${errorMessageOf(e.error)}`);
          break;
        case 'hit':
          log(`snapshot ${e.key}: answering from a ${e.stale ? 'stale ' : ''}snapshot ${(e.ageMs / 1000).toFixed(0)} s old`);
          break;
      }
    },
    onProgress(p) {
      const now = performance.now();
      if (now - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = now;
      log(`snapshot: building, ${p.calls} calls so far (last: ${p.method}${p.detail ? ` ${p.detail}` : ''})`);
    },
  };
}
