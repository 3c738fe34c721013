import { setFlagsFromString } from 'node:v8';

/**
 * Keeps V8's young generation at the size it has at start (1–2 MB a semi-space) in a process that holds
 * snapshots. A build allocates gigabytes that die young (pages parsed, serialized, compressed),
 * and by default V8 grows the young generation to 16 MB a semi-space for it: 32 MB of RSS, on top
 * of a 50k-user snapshot's 128 MB of gzip, that nothing needs (measured: peak RSS 306 MB → 275 MB,
 * build time within run-to-run noise, since a build mostly waits for its rate tiers). The growth
 * factor is read each time V8 considers growing the space, so setting it at start takes effect
 * (the maximum size is fixed when the heap is created: that one only a node flag can change).
 * Only for the CLI's own process: a library must not change its host's V8 flags.
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
