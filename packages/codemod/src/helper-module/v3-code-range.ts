import { dirname, join, relative } from 'node:path';
import { declaringManifest } from '@rtm-migrate/analysis/modules';
import { LEGACY_RTM_CONNECT_SUPPORT } from '@rtm-migrate/core';
import semver from 'semver';
import type { PlanSite } from '../plan.js';
import { sdkVersion, sdkVersionOf } from './sdk-version.js';

/**
 * Warnings for the packages whose code starts a v3 `RtmClient` of `@slack/client` (a `legacy-client`
 * site: the client's `dataStore`, `CLIENT_EVENTS.RTM.AUTHENTICATED` handlers and all) while their
 * package.json declares a `@slack/client` of 4 or later, which has none of that API. That code was
 * broken before the migration: rtm-migrate rewrites it as the v3 code it is (`useRtmConnect: true`,
 * `startRtmClient()`), which runs only on a 3.x, so the user is told rather than left to find the
 * manifest and the code disagree. The version is the one the files run with (installed, locked, else
 * the lowest the range allows, as the rewrite itself decides): a `^3.8.0 || ^4.0.0` whose lowest is a 3
 * says nothing certain. One warning per package.json, naming the files.
 */
export function v3CodeRangeWarnings(cwd: string, sites: readonly PlanSite[]): string[] {
  const { module, v3Removed } = LEGACY_RTM_CONNECT_SUPPORT;
  const byManifest = new Map<string, { range: string; runs: string | undefined; files: Set<string> }>();
  for (const site of sites) {
    // slack-client 2.x (also published as @slack/client 2.x) is no v3 client.
    if (site.form !== 'legacy-client' || site.construction?.slackClient === true) continue;
    const file = join(cwd, site.file);
    const found = declaringManifest(dirname(file), module);
    const range = found?.range;
    const known = sdkVersionOf(file, module);
    // The SDK's own files (its examples) run with the SDK they ship in: not the app's declaration.
    if (!found || range === undefined || known === undefined || known.from === 'own') continue;
    const major = semver.coerce(sdkVersion(file, module) ?? '')?.major;
    if (major === undefined || major < v3Removed) continue;
    const manifest = join(found.dir, 'package.json');
    const entry = byManifest.get(manifest) ?? { range, runs: known.from === 'declared' ? undefined : `${known.version} ${known.from}`, files: new Set() };
    for (const f of [site.file, site.construction?.file]) if (f !== undefined) entry.files.add(relative(found.dir, join(cwd, f)));
    byManifest.set(manifest, entry);
  }
  return [...byManifest].map(
    ([manifest, { range, runs, files }]) =>
      `${relative(cwd, manifest)} declares \`${module}\` ${range}${runs ? ` (${runs})` : ''}, but ${[...files].join(', ')} start${files.size === 1 ? 's' : ''} a v3 \`RtmClient\` (the v3 API, with its \`dataStore\` and \`CLIENT_EVENTS\`), which ${module} ${v3Removed} removed: that code did not run on the declared version before this migration either. rtm-migrate treats it as the v3 code it is, and what it writes for it needs ${module} ${LEGACY_RTM_CONNECT_SUPPORT.since.join('.')} or a later 3.x: declare \`${module}\` ^${LEGACY_RTM_CONNECT_SUPPORT.since.join('.')}, or port the code to the \`RTMClient\` of ${module} ${v3Removed}+ (now @slack/rtm-api).`,
  );
}
