import { legacyClientField, legacyClientInPlace, legacyClientReadsFollowed, legacyClientUnfollowedUse, legacyStoreOption, wordCount } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { isConnectField, LEGACY_RTM_CONNECT_SUPPORT } from '@rtm-migrate/core';
import type { TSESTree } from '@typescript-eslint/utils';
import semver from 'semver';
import { legacyClientKind, type LegacyClientKind } from '../helper-module/legacy-client-fits.js';
import { sdkVersionOf } from '../helper-module/sdk-version.js';
import type { FoundSite } from './found.js';

/**
 * A v3 `RtmClient` start that needs nothing of `rtm.start`'s data, so `useRtmConnect: true` alone
 * migrates it (3.10 to 3.16 then call `rtm.connect`, whose `self` and `team` the client reads):
 * proven only where every field its AUTHENTICATED handlers read is one `rtm.connect` returns and none
 * escapes, its `new RtmClient(…)` is in this file, of an `@slack/client` that takes the option (as the
 * helper module's start needs too), with no store (`dataStore: false`), and the client stays in place
 * (`legacyClientInPlace`). Anything else keeps the helper module's start, which fills the data and the store.
 */
export function legacyConnectOnly(parsed: ParsedFile, found: FoundSite, fieldsRead: readonly string[], count: (word: string) => number): boolean {
  const made = found.construction;
  // The site's own escape (the legacy client) is first; any other is data read where it is not followed.
  if (found.form !== 'legacy-client' || !made || found.madeIn || found.escapes.length !== 1) return false;
  if (!fieldsRead.every(isConnectField)) return false;
  const kind = legacyClientKind(parsed, made);
  return kind === 'use-rtm-connect' && !keepsStore(parsed, made, kind) && legacyClientInPlace(parsed.resolver, parsed.program, made) && fieldOnlyHere(parsed, made, count);
}

/**
 * A v3 client keeps a store its start fills, which is what the bot knows whoever reads it (the SDK's own
 * event handlers, code added later, a debugger), so the store gets the whole data: blind s111/03 and
 * s108/08, where `fields: []` left @slack/client 3.8.1's default store with the bot alone (1 user, 0
 * channels, against 300 and 32) and every message with a subtype threw inside the SDK. It keeps one
 * where its options give one, or name none and its SDK makes one (3.4 on, or a release nothing pins
 * below it; a 2.x client never does).
 */
function keepsStore(parsed: ParsedFile, made: TSESTree.NewExpression, kind: LegacyClientKind | undefined): boolean {
  const option = legacyStoreOption(parsed.resolver, made);
  if (option !== undefined) return option === 'given';
  if (kind === 'slack-client') return false;
  const found = sdkVersionOf(parsed.file, LEGACY_RTM_CONNECT_SUPPORT.module);
  const since = LEGACY_RTM_CONNECT_SUPPORT.defaultStoreSince;
  if (found === undefined) return true;
  if (found.from !== 'declared') {
    const version = semver.coerce(found.version);
    return version === null || semver.gte(version, since);
  }
  return semver.validRange(found.range) === null || semver.intersects(found.range, `>=${since}`);
}

/** A client kept in a private field of a class: no other file of the project spells the field (`bot['_rtm']`, which TypeScript lets through). */
function fieldOnlyHere(parsed: ParsedFile, made: TSESTree.NewExpression, count: (word: string) => number): boolean {
  const field = legacyClientField(made);
  return field === undefined || count(field) === wordCount(parsed.text, field);
}

/**
 * A v3 `RtmClient` start whose every read of `rtm.start`'s data is followed, so that the helper
 * module's start may fetch only the parts read: the client is made in this file, keeps no store
 * (see legacyKeepsStore), no data escape (the site's own marker alone), and the client goes nowhere
 * the analysis does not follow (`legacyClientReadsFollowed`). The SDK itself needs nothing of the
 * lists: its `_onStart` reads `self.id`, `team.id` and `url` (`rtm.connect`'s).
 */
export function legacyReadsFollowed(parsed: ParsedFile, found: FoundSite, count: (word: string) => number): boolean {
  const made = found.construction;
  if (found.form !== 'legacy-client' || !made || found.madeIn || found.escapes.length !== 1 || found.rtmClientMember !== undefined) return false;
  const kind = legacyClientKind(parsed, made);
  return kind !== undefined && !keepsStore(parsed, made, kind) && legacyClientReadsFollowed(parsed.resolver, parsed.program, made) && fieldOnlyHere(parsed, made, count);
}

/** A v3 client made in this file that keeps a store (see keepsStore). */
export function legacyKeepsStore(parsed: ParsedFile, found: FoundSite): boolean {
  const made = found.construction;
  return found.form === 'legacy-client' && made !== undefined && !found.madeIn && keepsStore(parsed, made, legacyClientKind(parsed, made));
}

/**
 * Why a v3 client made in this file is started with all of its data: the first use of it whose reads are
 * not followed (`Action.execute(rtm, message)` in a module the analysis cannot read, `this.rtm = rtm`).
 * Undefined where the reason is not one use (its options, a store named in the file, data handed on:
 * the escapes say so) or the client is made elsewhere.
 */
export function legacyWholeDataUse(parsed: ParsedFile, found: FoundSite): TSESTree.Node | undefined {
  const made = found.construction;
  if (found.form !== 'legacy-client' || !made || found.madeIn || found.escapes.length !== 1) return undefined;
  const use = legacyClientUnfollowedUse(parsed.resolver, parsed.program, made);
  return use === made ? undefined : use;
}
