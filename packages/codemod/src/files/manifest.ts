import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What rtm-migrate reads of a package.json. */
export interface Manifest {
  readonly name?: string;
  readonly type?: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

const manifests = new Map<string, { readonly dir: string; readonly manifest: Manifest } | undefined>();

/** The nearest package.json at or above `dir` (its folder, and its contents: `{}` when unreadable), read once per folder. */
export function nearestManifest(dir: string): { readonly dir: string; readonly manifest: Manifest } | undefined {
  if (manifests.has(dir)) return manifests.get(dir);
  let found: { dir: string; manifest: Manifest } | undefined;
  const file = join(dir, 'package.json');
  if (existsSync(file)) {
    let manifest: Manifest = {};
    try {
      manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    } catch {
      // an unreadable manifest still marks the package's folder
    }
    found = { dir, manifest };
  } else if (dirname(dir) !== dir) {
    found = nearestManifest(dirname(dir));
  }
  manifests.set(dir, found);
  return found;
}

/** The range a manifest declares for `module` (dependencies, then dev, then peer). */
export function declaredRange(manifest: Manifest, module: string): string | undefined {
  return manifest.dependencies?.[module] ?? manifest.devDependencies?.[module] ?? manifest.peerDependencies?.[module];
}
