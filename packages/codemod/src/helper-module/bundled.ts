import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { declaredRange, nearestManifest } from '@rtm-migrate/analysis';
import { moduleSystemOf } from './place.js';

/** The plugins that let rollup bundle CommonJS: without one it leaves each `require()` as it is. */
const COMMONJS_PLUGINS = ['@rollup/plugin-commonjs', 'rollup-plugin-commonjs'];

/**
 * The package.json (relative to `root`) of a CommonJS file whose package builds with rollup and no CommonJS
 * plugin, or undefined: its bundle keeps the `require('./rtm-start-data')` the rewrite adds, and run from
 * its output folder it fails to find the module (blind s123/04: three rollup bundles in `dist/` threw at load).
 */
export function rollupWithoutCommonjs(root: string, file: string, source: string): string | undefined {
  const owner = nearestManifest(dirname(file));
  if (!owner || declaredRange(owner.manifest, 'rollup') === undefined) return undefined;
  if (COMMONJS_PLUGINS.some((plugin) => declaredRange(owner.manifest, plugin) !== undefined)) return undefined;
  const system = moduleSystemOf(file, source);
  return system.commonjs && !system.typescript && buildsWithRollup(owner.dir, owner.manifest.scripts) ? relative(root, join(owner.dir, 'package.json')) : undefined;
}

/**
 * Whether the package's build runs rollup, not only declares it: a script names it, or a rollup config, or a
 * gulpfile or Gruntfile that loads it (s123/04: gulp's task called `rollup.rollup`), is in the package's folder.
 */
function buildsWithRollup(dir: string, scripts: Readonly<Record<string, string>> | undefined): boolean {
  if (Object.values(scripts ?? {}).some((script) => typeof script === 'string' && /\brollup\b/.test(script))) return true;
  // Asked for each site the module would serve: the package's folder is read once.
  let found = rollupFiles.get(dir);
  if (found === undefined) {
    const files = readdirSync(dir);
    found =
      files.some((name) => /^rollup(?:\.[\w-]+)*\.config\.[cm]?[jt]s$/i.test(name)) ||
      files.some((name) => /^(?:gulpfile|gruntfile)\.[cm]?[jt]s$/i.test(name) && /\brequire\(\s*['"](?:rollup|@rollup\/)|from\s+['"](?:rollup|@rollup\/)/.test(readFileSync(join(dir, name), 'utf8')));
    rollupFiles.set(dir, found);
  }
  return found;
}

/** Package folder → whether a rollup config, or a gulpfile or Gruntfile loading rollup, is in it. */
const rollupFiles = new Map<string, boolean>();
