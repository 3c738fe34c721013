import { availableParallelism } from 'node:os';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/bench/**'],
    // Generous: hooks run the CLI over every pattern or install real bots, and CI machines have 2 cores;
    // tests never assert on time (benchmarks do), so a slow machine must not fail them.
    testTimeout: 300_000,
    hookTimeout: 600_000,
    // Vitest's default is one worker less than the cores: one on a 2-core CI machine. Most test time is
    // spent waiting on child processes (the CLI, bots, fake Slack), so two files at once keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
