import { dirname, join, relative, sep } from 'node:path';
import { sdkFileExport } from '@rtm-migrate/core';

import { nearestManifest, packageName, resolveRelativeModule } from './modules.js';
import type { Origin } from './origin.js';
import type { Resolver } from './resolver.js';

/**
 * What a relative `require`/`import` inside a Slack SDK's own package stands for: the SDK's export
 * (`require('../lib/clients/rtm/client')` in `@slack/client`'s examples is its `RtmClient`,
 * `require('./WebClient')` in its `dist/` exports its `WebClient`, `require('./')` is the package).
 * Undefined outside the SDKs, for a file core does not list, or when the module is not on disk.
 */
export function sdkOwnOrigin(resolver: Resolver, specifier: string): Origin | undefined {
  const file = resolver.file;
  if (file === undefined || !specifier.startsWith('.')) return undefined;
  // Asked for every relative `require` an origin is looked for through: the project's answers are kept.
  const resolveModule = resolver.project?.resolveModule?.bind(resolver.project) ?? resolveRelativeModule;
  const found = nearestManifest(dirname(file));
  const pkg = found && packageName(found);
  const target = resolveModule(file, specifier);
  if (!found || pkg === undefined || target === undefined) return undefined;
  const path = relative(found.dir, target).split(sep).join('/');
  if (path.startsWith('../')) return undefined;
  const main = resolveModule(join(found.dir, 'package.json'), `./${found.manifest.main ?? 'index.js'}`);
  const name = target === main ? '*' : sdkFileExport(pkg, path);
  return name === undefined ? undefined : { module: pkg, name, instance: false };
}

/**
 * The Slack SDK release a file belongs to and the file's path inside it (`/`-separated, no extension):
 * its nearest package.json's name (the SDK's, for a fork: packageName) and version. Undefined outside a package with both.
 */
export function sdkOwnFile(file: string): { readonly module: string; readonly version: string; readonly dir: string; readonly path: string } | undefined {
  const found = nearestManifest(dirname(file));
  const name = found && packageName(found);
  const version = found?.manifest.version;
  if (!found || typeof name !== 'string' || typeof version !== 'string') return undefined;
  const path = relative(found.dir, file).split(sep).join('/').replace(/\.[cm]?js$/, '');
  return path.startsWith('../') ? undefined : { module: name, version, dir: found.dir, path };
}
