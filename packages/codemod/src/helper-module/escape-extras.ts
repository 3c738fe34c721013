import { CODEMOD_MESSAGES, costOfReplacement, helperDataFields, isConnectField, type WorkspaceSize } from '@rtm-migrate/core';
import type { PlanSite } from '../plan.js';
import { OPTIONAL_EXTRAS, SLACK_PACKAGE_LACKS, helperIncludes } from './extras.js';
import { HELPER_FIELDS, helperConnects, helperFieldsRead } from './source.js';

/**
 * Where `rtm.start`'s answer leaves code the analysis follows (returned to callers, handed to a function
 * it cannot read), whoever gets it may read `subteams`, `dnd` or `team.prefs`, which rtm.start gave
 * every caller. The generated module then fetches them too, as `optional` extras: left out with a
 * warning where the token may not read them, so a bot without `usergroups:read` starts as before (the
 * shim's snapshot does the same). Per-conversation `latest` and read state stay unfetched (one call per
 * conversation), and `cache_ts` / `latest_event_ts` have no replacement: the report says so.
 */

/** What tells where a site's data go. */
type EscapingSite = Pick<PlanSite, 'form' | 'escapes' | 'startOnlyFields' | 'transport' | 'library' | 'libraryReach'>;

/** What tells whether anything of a site's data leaves code the analysis follows. */
type CarryingSite = Pick<PlanSite, 'form' | 'escapes'>;

/**
 * The extras no call of the site's transport can fetch: the `slack` package, whose methods its bot's wrapper
 * calls, has no `team.preferences.list` (the wrapper marks `team.prefs` a gap that warns on a read); nor
 * has it for a call of its `rtm.start` (blind s93/03: asked for as optional, the missing method threw).
 */
function unfetchable(site: EscapingSite): readonly string[] {
  return site.library === 'slack-package' ? SLACK_PACKAGE_LACKS : (site.transport?.lacks ?? []);
}

/** An extra the app cannot reach through the site's library: none of the parts it keeps or hands on holds it (slackbots never keeps `dnd`). */
function unreachable(site: Pick<EscapingSite, 'libraryReach'>, extra: string): boolean {
  return site.libraryReach !== undefined && !site.libraryReach.some((part) => holds(part, extra));
}

/** The site's own reason for a TODO (a v3 client, a raw request…), listed first among its escapes but not a place the data goes. */
function ownMarker(site: CarryingSite, index: number): boolean {
  const reason = site.escapes[index]?.reason;
  return reason === CODEMOD_MESSAGES.legacyClient || reason === CODEMOD_MESSAGES.legacyDataStore || reason === CODEMOD_MESSAGES.hubotDataStore || reason === CODEMOD_MESSAGES.methodTable || rawRequestMarker(site, index);
}

/** A raw request's own marker, first among its escapes: its answer is followed where it is read, it goes nowhere by this. */
function rawRequestMarker(site: Pick<CarryingSite, 'form'>, index: number): boolean {
  return site.form === 'raw-url' && index === 0;
}

/** An extra held in the escaping part: all of the response (`''`), or a part that holds it (`team` holds `team.prefs`). */
function holds(path: string, extra: string): boolean {
  return path === '' || extra === path || extra.startsWith(`${path}.`);
}

/**
 * The places the site's data go that the analysis does not follow: its escapes but a raw request's own
 * marker (a method table's or a v3 client's marks data that do go on, to the table's callers, the client's handlers).
 */
export function carriedEscapes<E extends CarryingSite['escapes'][number]>(site: { readonly form: CarryingSite['form']; readonly escapes: readonly E[] }): E[] {
  return site.escapes.filter((_, i) => !rawRequestMarker(site, i));
}

/**
 * The `fields` a helper-module call of the app's own transport (`transport`) asks for (core's `helperDataFields`): the
 * parts its reads need and, where parts of the data leave code the analysis follows, those parts whole (blind
 * s98/10, ferdServer: `self` and `team` kept on the instance made it fetch every list and member list, 323 calls,
 * for a bot that reads `users` besides); a v3 client's start where the scan found every read of its data and
 * store followed (`readsFollowed`). Undefined (the whole data) where all of it leaves, or a part core has no fact for.
 */
export function knownDataFields(site: CarryingSite & Pick<PlanSite, 'fieldsRead' | 'transport' | 'readsFollowed' | 'libraryFields'>): string[] | undefined {
  if (site.form === 'legacy-client' && site.readsFollowed === true) return clientDataFields(site.fieldsRead);
  if (site.form === 'library-start') return site.libraryFields === undefined ? undefined : [...site.libraryFields];
  const escaped = site.transport === undefined ? undefined : escapedParts(carriedEscapes(site).flatMap((e) => e.holds ?? [e.path ?? '']));
  return escaped === undefined ? undefined : helperDataFields([...site.fieldsRead, ...escaped]);
}

/**
 * What code the analysis does not follow may read of the parts that reach it (`paths`): each part whole, and
 * of a list or its items (`channels`, `channels[]`) the member lists the whole data has (HELPER_FIELDS: not
 * the DMs'). Undefined where all of the data goes.
 */
function escapedParts(paths: readonly string[]): string[] | undefined {
  if (paths.includes('')) return undefined;
  const memberLists: readonly string[] = HELPER_FIELDS;
  return paths.flatMap((path) => {
    const part = path.replace(/\[\]$/, '');
    const members = `${part}[].members`;
    return memberLists.includes(members) ? [part, members] : [part];
  });
}

/**
 * The `fields` of `startRtmClient()` for a v3 client whose every read is followed (`readsFollowed`): the
 * client calls `rtm.connect` itself (the token is tried, `[]` is a start, and what that call answers is
 * no part to fetch), and its store keeps group DMs among its groups whatever `mpim_aware` says, so a
 * read of `groups` (or of their members) asks for `mpims` (or theirs) too. A conversation list fetched
 * comes with its members: the store's own handlers of `channel_join` / `group_join` / `*_left` read them
 * (`baseChannel.members.push(…)`), and without them they throw, which the client only logs, and the
 * store's members and history go stale (blind s105/02: 914 members known before, 0 after).
 */
function clientDataFields(fieldsRead: readonly string[]): string[] | undefined {
  // What `rtm.connect` answers (`self.name`, `team.domain`, `url`) comes from the client's own call.
  const parts = helperDataFields(fieldsRead.filter((f) => !isConnectField(f)), true);
  if (!parts) return undefined;
  const mpims = parts.filter((p) => p === 'groups' || p === 'groups[].members').map((p) => p.replace('groups', 'mpims'));
  const lists = [...parts, ...mpims];
  const memberLists: readonly string[] = HELPER_FIELDS;
  const members = lists.map((p) => `${p}[].members`).filter((m) => memberLists.includes(m));
  return [...new Set([...lists, ...members])].sort();
}

/** The extras the site's escapes may carry and it does not read itself. */
function escapingExtras(site: EscapingSite): string[] {
  const read = helperIncludes(site.startOnlyFields);
  return OPTIONAL_EXTRAS.filter((extra) => !read.includes(extra) && !unfetchable(site).includes(extra) && reachesUnfollowed(site, extra));
}

/** A field of the data (`self.prefs`) that may reach code the analysis does not follow: an escape holds it, and the site's library hands it on. */
export function reachesUnfollowed(site: Pick<EscapingSite, 'form' | 'escapes' | 'libraryReach'>, field: string): boolean {
  // A v3 store handed on carries its lists and team (`team.prefs`), never `dnd` nor `subteams`.
  const paths = site.escapes.filter((_, i) => !ownMarker(site, i)).flatMap((e) => e.holds ?? [e.path ?? '']);
  return !unreachable(site, field) && paths.some((p) => holds(p, field));
}

/**
 * The optional extras a helper-module call fetches for the site: those its escapes may carry, unless
 * its transport does not hand errors back (then Slack's refusal of one would end the start, not leave it out).
 */
export function escapeExtras(site: EscapingSite): string[] {
  return site.transport?.errorsNotReturned === undefined ? escapingExtras(site) : [];
}

/**
 * What the report adds for a helper-module site: the extras a started client fetches because its
 * handlers read them, and those fetched as optional because the data escape (which a bound
 * `rtmStartData` cannot ask for: the report says so).
 */
export function extrasNote(site: PlanSite, call: 'client' | 'data' | 'bound'): string {
  const read = helperIncludes(site.startOnlyFields);
  const optional = escapingExtras(site);
  const fatal = site.transport?.errorsNotReturned;
  const escaping =
    optional.length === 0 ? '' : ` ${fatal !== undefined ? CODEMOD_MESSAGES.extrasErrorsNotReturned(optional, fatal) : call === 'bound' ? CODEMOD_MESSAGES.boundExtras(optional) : CODEMOD_MESSAGES.escapeExtras(optional)}`;
  return `${call === 'client' && read.length > 0 ? ` ${CODEMOD_MESSAGES.clientExtras(read)}` : ''}${escaping}`;
}

/** What a helper-module call fetches for a site, for its cost: the fields whose calls it makes and whether it calls rtm.connect. */
export interface HelperFetch {
  /** The parts its `fields` option names; undefined: the whole data. */
  readonly parts: string[] | undefined;
  readonly fields: string[];
  /** The optional extras among them (fetched where the token may read them, left out with a warning where not). */
  readonly optional: string[];
  readonly connect: boolean;
}

/** What a helper-module call fetches for `site` (`mpimAware`: its call asks for `mpims` apart). */
export function helperFetch(site: EscapingSite & Pick<PlanSite, 'fieldsRead' | 'readsFollowed' | 'libraryFields'>, mpimAware: boolean): HelperFetch {
  const parts = knownDataFields(site);
  // A v3 client calls `rtm.connect` itself, whatever the helper fetches first.
  const optional = escapeExtras(site);
  return { parts, fields: helperFieldsRead(mpimAware, [...site.startOnlyFields, ...optional], parts), optional, connect: site.form === 'legacy-client' || helperConnects(parts) };
}

/** Of `all`, the scopes of a helper-module fetch, those its calls need without its optional extras (blind s75/02 listed `team.preferences:read` as needed). */
export function requiredScopes(size: WorkspaceSize, fetch: HelperFetch, all: readonly string[]): string[] {
  const required = costOfReplacement(size, fetch.fields.filter((f) => !fetch.optional.includes(f)), { connect: fetch.connect }).scopes;
  return all.filter((scope) => required.includes(scope));
}

/** The scopes only a fetch's optional extras need (none of `needed`), each with the extra it fills. */
export function optionalExtraScopes(size: WorkspaceSize, fetch: HelperFetch, needed: readonly string[]): { readonly scope: string; readonly when: string }[] {
  return fetch.optional.flatMap((extra) =>
    costOfReplacement(size, [extra], { connect: false })
      .scopes.filter((scope) => !needed.includes(scope))
      .map((scope) => ({ scope, when: CODEMOD_MESSAGES.optionalExtraScope(extra) })),
  );
}
