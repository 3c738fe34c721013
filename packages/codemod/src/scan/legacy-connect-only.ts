import { legacyClientField, legacyClientInPlace, legacyClientReadsFollowed, legacyClientUnfollowedUse, wordCount } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { isConnectField } from '@rtm-migrate/core';
import type { TSESTree } from '@typescript-eslint/utils';
import { legacyClientKind } from '../helper-module/legacy-client-fits.js';
import type { FoundSite } from './found.js';

/**
 * A v3 `RtmClient` start that needs nothing of `rtm.start`'s data, so `useRtmConnect: true` alone
 * migrates it (3.10 to 3.16 then call `rtm.connect`, whose `self` and `team` the client and its
 * store's `cacheRtmStart` read): proven only where every field its AUTHENTICATED handlers read is one
 * `rtm.connect` returns and none escapes, its `new RtmClient(…)` is in this file, of an
 * `@slack/client` that takes the option (as the helper module's start needs too), and the client
 * stays in place with its store unread (`legacyClientInPlace`). Anything else keeps the helper
 * module's start, which fills the data and the store.
 */
export function legacyConnectOnly(parsed: ParsedFile, found: FoundSite, fieldsRead: readonly string[], count: (word: string) => number): boolean {
  const made = found.construction;
  // The site's own escape (the legacy client) is first; any other is data read where it is not followed.
  if (found.form !== 'legacy-client' || !made || found.madeIn || found.escapes.length !== 1) return false;
  if (!fieldsRead.every(isConnectField)) return false;
  return legacyClientKind(parsed, made) === 'use-rtm-connect' && legacyClientInPlace(parsed.resolver, parsed.program, made) && fieldOnlyHere(parsed, made, count);
}

/** A client kept in a private field of a class: no other file of the project spells the field (`bot['_rtm']`, which TypeScript lets through). */
function fieldOnlyHere(parsed: ParsedFile, made: TSESTree.NewExpression, count: (word: string) => number): boolean {
  const field = legacyClientField(made);
  return field === undefined || count(field) === wordCount(parsed.text, field);
}

/**
 * A v3 `RtmClient` start whose every read of `rtm.start`'s data is followed, so that the helper
 * module's start may fetch only the parts read: the client is made in this file, of an `@slack/client`
 * 3.x (before 3.10 the module gives its store its own user where no users are fetched), no data escape (the site's own marker alone), and the client and its
 * store go nowhere the analysis does not follow (`legacyClientReadsFollowed`: its store read only as
 * `client.dataStore`, each read a data-store site followed with it). The SDK itself needs nothing of
 * the lists: its `_onStart` reads `self.id`, `team.id` and `url` (`rtm.connect`'s), its store caches
 * what it is given (`data.users || []`…) and its event handlers' misses are caught and logged.
 */
export function legacyReadsFollowed(parsed: ParsedFile, found: FoundSite, count: (word: string) => number): boolean {
  const made = found.construction;
  if (found.form !== 'legacy-client' || !made || found.madeIn || found.escapes.length !== 1 || found.rtmClientMember !== undefined) return false;
  const kind = legacyClientKind(parsed, made);
  return (kind === 'use-rtm-connect' || kind === 'start-answered' || kind === 'slack-client') && legacyClientReadsFollowed(parsed.resolver, parsed.program, made) && fieldOnlyHere(parsed, made, count);
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
