import { dirname, join, relative } from 'node:path';
import { declaringManifest } from '@rtm-migrate/analysis/modules';
import { CODEMOD_MESSAGES, LEGACY_RTM_CONNECT_SUPPORT, SLACK_CLIENT_1 } from '@rtm-migrate/core';
import semver from 'semver';
import type { PlanSite } from '../plan.js';
import { sdkVersion, sdkVersionOf } from './sdk-version.js';

/**
 * Warnings for the packages whose code starts a legacy client of an API their package.json's release
 * of the SDK no longer has: a v3 `RtmClient` of `@slack/client` (a `legacy-client` site: the client's
 * `dataStore`, `CLIENT_EVENTS.RTM.AUTHENTICATED` handlers and all) where `@slack/client` 4 or later is
 * declared, which has none of that API; or a `slack-client` 1.x client (`new Slack(token, …)`, its
 * `login()`: a `library-start` site) where `slack-client` 2 or later is declared, whose module is no
 * longer that constructor (blind s69/12). That code was broken before the migration: rtm-migrate
 * rewrites it as the code it is, which runs only on the older release, so the user is told rather than
 * left to find the manifest and the code disagree. The version is the one the files run with
 * (installed, locked, else the lowest the range allows, as the rewrite itself decides): a
 * `^3.8.0 || ^4.0.0` whose lowest is a 3 says nothing certain. One warning per package.json, naming the files;
 * and one naming the files whose v3 client is given `useRtmConnect: true` though nothing names the release.
 */
export function v3CodeRangeWarnings(cwd: string, sites: readonly PlanSite[]): string[] {
  const { module, v3Removed, since } = LEGACY_RTM_CONNECT_SUPPORT;
  // slack-client 2.x (also published as @slack/client 2.x) is no v3 client.
  const v3 = declaredTooNew(cwd, sites.filter((s) => s.form === 'legacy-client' && s.construction?.slackClient !== true), module, v3Removed);
  const v1 = declaredTooNew(cwd, sites.filter((s) => s.form === 'library-start' && s.library === 'slack-client'), SLACK_CLIENT_1.module, SLACK_CLIENT_1.throughMajor + 1);
  // A client given `useRtmConnect: true` (neither 2.x nor answered at start) whose release nothing names (blind s83/01).
  const unnamed = sites.filter((s) => s.form === 'legacy-client' && (s.rewrite === 'connect-only' || s.rewrite === 'helper-module') && s.construction !== undefined && s.construction.slackClient !== true && s.construction.startAnswered !== true);
  const unknown = [...new Set(unnamed.map((s) => s.construction?.file ?? s.file))].filter((file) => sdkVersion(join(cwd, file), module) === undefined);
  return [
    ...(unknown.length > 0 ? [CODEMOD_MESSAGES.legacyClientReleaseUnknown(unknown)] : []),
    ...v3.map(
      ({ manifest, declared, files }) =>
        `${manifest} declares \`${module}\` ${declared}, but ${files.join(', ')} start${files.length === 1 ? 's' : ''} a v3 \`RtmClient\` (the v3 API, with its \`dataStore\` and \`CLIENT_EVENTS\`), which ${module} ${v3Removed} removed: that code did not run on the declared version before this migration either. rtm-migrate treats it as the v3 code it is, and what it writes for it needs ${module} ${since.join('.')} or a later 3.x: declare \`${module}\` ^${since.join('.')}, or port the code to the \`RTMClient\` of ${module} ${v3Removed}+ (now @slack/rtm-api).`,
    ),
    ...v1.map(
      ({ manifest, declared, files }) =>
        `${manifest} declares \`${SLACK_CLIENT_1.module}\` ${declared}, but ${files.join(', ')} log${files.length === 1 ? 's' : ''} in a ${SLACK_CLIENT_1.module} ${SLACK_CLIENT_1.throughMajor}.x client (\`new Slack(token, …)\`, \`login()\`), whose API ${SLACK_CLIENT_1.module} ${SLACK_CLIENT_1.throughMajor + 1} replaced with its \`RtmClient\`: that code did not run on the declared version before this migration either. rtm-migrate treats it as the ${SLACK_CLIENT_1.throughMajor}.x code it is, and what it writes for it runs on ${SLACK_CLIENT_1.module} ${SLACK_CLIENT_1.throughMajor}.x only: declare \`${SLACK_CLIENT_1.module}\` ^${SLACK_CLIENT_1.throughMajor}.5.0, or port the code to the \`RtmClient\` of ${SLACK_CLIENT_1.module} ${SLACK_CLIENT_1.throughMajor + 1}.`,
    ),
  ];
}

/** The package.json files (from `cwd`) that declare `module` in a range whose release the `sites`' files run with is `major` or later: the range as written (and the release, where installed or locked), and those files. */
function declaredTooNew(cwd: string, sites: readonly PlanSite[], module: string, major: number): { manifest: string; declared: string; files: string[] }[] {
  const byManifest = new Map<string, { declared: string; files: Set<string> }>();
  for (const site of sites) {
    const file = join(cwd, site.file);
    const found = declaringManifest(dirname(file), module);
    const range = found?.range;
    const known = sdkVersionOf(file, module);
    // The SDK's own files (its examples) run with the SDK they ship in: not the app's declaration.
    if (!found || range === undefined || known === undefined || known.from === 'own') continue;
    const runs = semver.coerce(sdkVersion(file, module) ?? '')?.major;
    if (runs === undefined || runs < major) continue;
    const manifest = join(found.dir, 'package.json');
    const entry = byManifest.get(manifest) ?? { declared: known.from === 'declared' ? range : `${range} (${known.version} ${known.from})`, files: new Set() };
    for (const f of [site.file, site.construction?.file]) if (f !== undefined) entry.files.add(relative(found.dir, join(cwd, f)));
    byManifest.set(manifest, entry);
  }
  return [...byManifest].map(([manifest, { declared, files }]) => ({ manifest: relative(cwd, manifest), declared, files: [...files] }));
}
