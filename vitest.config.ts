import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/bench/**'],
    // Generous: hooks run the CLI over every pattern or install real bots, and CI machines have 2 cores;
    // tests never assert on time (benchmarks do), so a slow machine must not fail them.
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
