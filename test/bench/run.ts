// `pnpm bench [section…]`: every benchmark section prints its figures and ratios against a baseline
// run in the same process. Sections: fake-slack, lint, codemod, shim, bridge, coverage.
import { performance } from 'node:perf_hooks';

type Section = () => Promise<void>;

const sections: Record<string, () => Promise<Section>> = {
  'fake-slack': async () => (await import('./fake-slack.js')).runFakeSlackBench,
  lint: async () => (await import('./lint.js')).runLintBench,
  codemod: async () => (await import('./codemod.js')).runCodemodBench,
  shim: async () => (await import('./shim.js')).runShimBench,
  bridge: async () => (await import('./bridge.js')).runBridgeBench,
  coverage: async () => (await import('./coverage.js')).runCoverageBench,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in sections));
if (unknown.length > 0) {
  console.error(`pnpm bench: unknown section ${unknown.join(', ')}; sections: ${Object.keys(sections).join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(sections)) {
  console.log(`\n== ${name} ==`);
  const started = performance.now();
  await (await sections[name]!())();
  console.log(`(${name}: ${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
