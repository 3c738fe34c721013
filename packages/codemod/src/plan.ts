import type { HelperLibrary, PlannedCall, WorkspaceSize } from '@rtm-migrate/core';
import type { WorkspaceSpec } from './scan/workspace.js';

/** How a site reaches `rtm.start` (reference §7). */
export type SiteForm =
  | 'method-call' // web.rtm.start(...), web.rtm?.start(...), web.rtm['start'](...)
  | 'call-apply' // web.rtm.start.call(web, ...) / .apply(web, [...])
  | 'api-call' // web.apiCall('rtm.start', ...) (literal, template or const method name)
  | 'helper' // the app's own helper given the method name: api.post('rtm.start', ...)
  | 'raw-url' // an HTTP URL that ends in rtm.start
  | 'rtm-client-option' // new RTMClient(token, { useRtmConnect: false })
  | 'legacy-client' // @slack/client v3 RtmClient#start()
  | 'unfollowed-client' // start() of a holder given several values, one a v3 RtmClient (set again, chosen by a condition); of a v3 client handed in as a parameter; a v3 client handed to super()
  | 'method-table' // 'rtm.start' in a table of methods the app generates wrappers from
  | 'library-start' // a library's own call of rtm.start: listen() of the `slack` package's rtm.client() bot, slack-client 1.x's login(), Botkit's startRTM() before 0.5.4, `new SlackBot()` before 1.3.0
  | 'unfollowed-name' // 'rtm.start' as a string handed where its use is not followed (a name chosen at run time)
  | 'start-listener' // x.on('rtm.start', (data) => …): a listener of the answer a framework publishes under the method's name
  | 'stand-in' // web.rtm.start = sinon.stub()…, sinon.stub(web.rtm, 'start'): a test's stand-in for the method
  | 'legacy-data-store' // look-ups in the legacy client's dataStore / a store's cacheRtmStart(data), away from the client
  | 'connect-start-only-fields' // start-only fields read off an rtm.connect response
  | 'connect-unsupported-args'; // rtm.connect given arguments only rtm.start accepted

/** What the rewrite does with a site. */
export type RewriteKind =
  /** rtm.connect + the replacement calls, placed before it. */
  | 'inline'
  /** Only fields rtm.connect also returns are read: rename, drop start-only arguments. */
  | 'connect-only'
  /**
   * The answer is read nowhere (no field, nothing handed on): the request goes to `auth.test`, which
   * checks the same token at no Tier-1 cost and hands out no socket URL.
   */
  | 'token-check'
  /** Drop `useRtmConnect: false` / start-only arguments on rtm.connect. */
  | 'drop-option'
  /**
   * `rtmStartData(client, args)` (a v3 `RtmClient`: `startRtmClient(rtm, args)`) from the helper module
   * generated into the project: the whole `rtm.start` data, where the fields read are not all known
   * or have no inline rewrite.
   */
  | 'helper-module'
  /** `rtmStartCompat(client, args)` from @rtm-migrate/shim (`--helper shim`). */
  | 'shim'
  /**
   * Left as it is, with a report line: a legacy `dataStore` look-up that every client start of its
   * package, rewritten to `startRtmClient()`, fills again.
   */
  | 'filled'
  /**
   * Left as it is, with a report line: a call of the app's own wrapper (or a table entry re-exporting
   * it) whose `rtm.start` call is rewritten to the helper module and hands back the whole data.
   */
  | 'covered'
  /**
   * Left as it is, with a report line: an `rtm.start` URL written as an entry of a table whose key
   * no code names, so no request is ever given it (the user may delete it).
   */
  | 'unread-entry'
  /**
   * Left as it is, with a report line: a test's stand-in for `rtm.start` (nock's interceptor, a mock's canned
   * answer) in a project with no other `rtm.start`, migrated now or by an earlier run: nothing it answers changes.
   */
  | 'idle-stub'
  /** Cannot be rewritten safely: a TODO(rtm-migrate) comment and a report line. */
  | 'todo';

/** True for the kinds that leave a TODO(rtm-migrate) comment (and a report line) for a human. */
export function leavesTodo(kind: RewriteKind): boolean {
  return kind === 'todo';
}

/** True for the kinds that leave the site as it is, right once the rest of the project is migrated (a report line only). */
export function leavesUnchanged(kind: RewriteKind): boolean {
  return kind === 'filled' || kind === 'covered' || kind === 'unread-entry' || kind === 'idle-stub';
}

export interface SourcePosition {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units, BOM not counted. */
  readonly column: number;
}

export interface FieldRead extends SourcePosition {
  readonly field: string;
}

export interface Escape extends SourcePosition {
  readonly reason: string;
  /** The part of the response that escapes (`''`: all of it), where the analysis tells it. */
  readonly path?: string;
  /** Where less than all of `path` goes (a v3 `dataStore` handed on: its lists and team), the parts it holds. */
  readonly holds?: readonly string[];
  /** The request of a known HTTP library the data go out of the program in (`request.post`): see the analysis' sentByRequest. */
  readonly sent?: string;
  /** The site's own reason for a TODO (a v3 client, a `dataStore` read, a raw request…), listed first: no place its data go. */
  readonly own?: true;
}

export interface SiteArgs {
  /** False for spreads, identifiers and anything else not written out as an object literal. */
  readonly known: boolean;
  readonly names: readonly string[];
  /** Arguments `rtm.connect` accepts too. */
  readonly kept: readonly string[];
  /** Arguments only `rtm.start` accepted. */
  readonly dropped: readonly string[];
}

/**
 * A helper-module rewrite through the app's own transport: the text from `start` to `end` becomes
 * `rtmStartData(caller, args)` (`callbackify(rtmStartData)(caller, args, callback)` with a callback).
 */
export interface TransportCall {
  readonly start: number;
  readonly end: number;
  /** A `(method, args) => Promise<response>` function that calls Slack as the original call did. */
  readonly caller: string;
  /** The `rtm.start` arguments' text, when the call had some. */
  readonly args: string | undefined;
  /** The Node-style callback kept, called once `(err, data)`. */
  readonly callback?: { readonly start: number; readonly end: number };
  /** The helper's own kind of promise must come back (`rtmStartDataAs`): it is handed on or chained with other methods. */
  readonly ownPromise?: boolean;
  /** Appended to the helper's promise: a response of the HTTP library's shape around the data (`.then((data) => ({ data }))`). */
  readonly then?: string;
  /** Around the kept callback: what turns `(err, data)` into the library's own callback arguments (`(err, res, body)`). */
  readonly callbackAround?: { readonly before: string; readonly after: string };
  /** Statements that only served the original request (a `new URL(…)` and the query it set), removed. */
  readonly removals?: readonly { readonly start: number; readonly end: number }[];
  /** Text replaced besides the request: the call that gave a function of the file the URL gives it the arguments instead. */
  readonly edits?: readonly { readonly start: number; readonly end: number; readonly text: string }[];
  /** Named imports the replacement uses besides the helper module (`Readable` from `stream`). */
  readonly imports?: readonly { readonly module: string; readonly name: string }[];
  /** The callback gets the response alone (`ok: false` on an error), as the helper's declaration calls it. */
  readonly responseOnly?: boolean;
  /** With `responseOnly`: the falsy value (`null`) the helper answers a failure with, which the callback gets on any failure. */
  readonly falsyFailure?: string;
  /** The callback may be missing (the transport checked for it): `callback || function () {}`, as callbackify needs a function. */
  readonly optionalCallback?: boolean;
  /** What the rewrite changes besides the data, for the site's report line (what a method returns now). */
  readonly note?: string;
  /** TypeScript: the helper's declared promise type, which the native promise is cast to (`Promise<any>`). */
  readonly cast?: string;
  /**
   * A raw HTTP request, which got Slack's `ok: false` answer as its body: the rewrite answers it the
   * same way (the helper's error carries it as `data`) instead of rejecting or calling back an error.
   */
  readonly answersSlackErrors?: boolean;
  /**
   * What the app's helper does with an error instead of handing it back (`process.exit`, a throw in
   * its request's callback): no `optional` extra is asked for through it, as one Slack refuses would end the start.
   */
  readonly errorsNotReturned?: string;
  /** Optional extras no call through it can fetch (the `slack` package has no `team.preferences.list`): never asked for, so a read warns. */
  readonly lacks?: readonly string[];
}

/**
 * helper-module, method-table: the `rtm.start` entry leaves the table, and after its generator an
 * override stores the same wrapper, rebuilding the data through the same transport.
 */
export interface TableOverride {
  /** The entry and the separator it goes with. */
  readonly removal: { readonly start: number; readonly end: number };
  /** The end of the generator's statement: the override follows it. */
  readonly after: number;
  /** Where the override stores the wrapper (`slack_api.rtm.start`). */
  readonly path: string;
  /** The override's lines, indented relative to the generator's statement (two spaces a step). */
  readonly lines: readonly string[];
  /** One indentation step of the generator's code. */
  readonly unit: string;
}

/**
 * helper-module, a listed release of an SDK's own `rtm.start`: the legacy facet's one statement gives way
 * to a body that resolves `rtmStartData()` through its `makeAPICall` (scan/sdk-facet.ts), a later
 * WebClient's bound method to a function that resolves it through the client (scan/sdk-bound-start.ts).
 */
export interface FacetOverride {
  /** The statement replaced. */
  readonly start: number;
  readonly end: number;
  /** The body's lines, at the statement's indentation. */
  readonly lines: readonly string[];
  /** The body returns the SDK's own kind of promise through the helper's `rtmStartDataAs()`. */
  readonly ownPromise?: true;
  /** An expression replaced (a bound `rtm.start`): the note goes above the line that starts here. */
  readonly noteAt?: number;
}

/**
 * helper-module, a test's nock interceptor for `rtm.start` whose tested code builds the data through the
 * generated module (scan/nock-stub-split.ts): the chain from its scope to its `reply()` becomes
 * `stubRtmStart(scope, answer, { …options })`, which answers the replacement methods on that scope; an
 * interceptor handed on before its `reply()`, `rtmStartInterceptor(scope, { …options })`.
 */
export interface StubSplit {
  /** The chain replaced, from its scope to the end of `reply(…)` (of `post(…)` for an interceptor handed on). */
  readonly start: number;
  readonly end: number;
  /** The scope's text, as written (`nock(base)`, `this.webApi`). */
  readonly scope: string;
  /** The module's function: `stubRtmStart` for a whole chain, `rtmStartInterceptor` for an interceptor handed on before its `reply()`. */
  readonly call: string;
  /** The answer given to `reply()`, as written (none for an interceptor handed on: its `reply()` gives it). */
  readonly answer?: string;
  /** The options' entries (`prefix: '/api/'`, `times: 2`, `status: 200`, `connectOnly: useConnect`), in single quotes. */
  readonly options: readonly string[];
}

/**
 * A dependency range raised in a package.json: the rewrite needs a release the range allowed but did
 * not require (`@slack/client` `^3.8.1` → `^3.10.0`, for `useRtmConnect`).
 */
export interface RangeRaise {
  /** The package.json, relative to the plan's root (absolute as the analysis finds it). */
  readonly manifest: string;
  readonly module: string;
  readonly from: string;
  readonly to: string;
}

export interface PlanSite extends SourcePosition {
  readonly id: string;
  readonly endLine: number;
  readonly endColumn: number;
  /** The site node's offsets in the file's text (BOM not counted): where the rewrite finds it. */
  readonly start?: number;
  readonly end?: number;
  /** helper-module: the Node-style callback argument's offsets; the rewrite keeps calling it once, `(err, data)`. */
  readonly callback?: { readonly start: number; readonly end: number };
  /**
   * helper-module, legacy-client: the `new RtmClient(…)` offsets, where `useRtmConnect: true` goes;
   * `slackClient` for a `slack-client` 2.x client (no such option: `startSlackClientRtm()` instead);
   * `startAnswered` for an `@slack/client` 3.x before 3.10 (no such option either: `startRtmClient()`
   * sends its `rtm.start` request as `rtm.connect`); `file` when the client is made in another module
   * (the option goes there, by its own site).
   */
  readonly construction?: {
    readonly start: number;
    readonly end: number;
    readonly slackClient?: true;
    readonly startAnswered?: true;
    readonly file?: string;
    /** The object literal of the variable its options are held in, which other clients of the SDK are made with: the option goes there. */
    readonly options?: { readonly start: number; readonly end: number };
  };
  /**
   * legacy-client at a `new RtmClient(…)` that other modules require and start (`startedIn`): the
   * client gets `useRtmConnect: true` here, their starts go to `startRtmClient()` there.
   */
  readonly startedIn?: readonly string[];
  /** helper-module, legacy-client: the range of the package.json that declares the client raised to one with `useRtmConnect`. */
  readonly raisesRange?: RangeRaise;
  /**
   * helper-module, api-call: the constant holding a method name chosen at run time
   * (`cond ? 'rtm.connect' : 'rtm.start'`); the rewrite keeps the choice and sends only `rtm.start` to the module.
   */
  readonly chosenMethod?: { readonly start: number; readonly end: number };
  /** connect-only given a name whose one value is an object literal read only by the call: that literal's offsets (its start-only properties go). */
  readonly heldArgs?: { readonly start: number; readonly end: number };
  /** connect-only, token-check through the app's helper given the method name after other arguments (`apiRequest(token, 'rtm.start', …)`): its index. */
  readonly methodAt?: number;
  /** connect-only through the app's helper whose declaration reads or sets fields of the options it is given: an emptied options object stays `{}`. */
  readonly argsKept?: true;
  /** helper-module, method-call: `x.rtm.start()` of an RTM client made elsewhere, started through the helper module's run-time check of the client. */
  readonly clientElsewhere?: true;
  /** unfollowed-client of a v3 client handed to the base class's constructor: its `new RtmClient(…)`, made through withLegacyRtmStart(). */
  readonly prepares?: { readonly start: number; readonly end: number };
  /** helper-module, library-start: the library whose own `rtm.start` request the helper module answers. */
  readonly library?: HelperLibrary;
  /** helper-module, library-start: the parts of the data the app can reach through the library (`''`: all of it); an extra none holds is not fetched. */
  readonly libraryReach?: readonly string[];
  /** helper-module, library-start: where every read of the library's data is known, the parts it and the app need (the `fields` option). */
  readonly libraryFields?: readonly string[];
  /** helper-module through the app's own transport (its helper, `fetch`): what replaces what. */
  readonly transport?: TransportCall;
  readonly table?: TableOverride;
  readonly facet?: FacetOverride;
  readonly stub?: StubSplit;
  readonly form: SiteForm;
  /** The call's text, shortened. */
  readonly code: string;
  readonly args: SiteArgs;
  /** Every path read off the response: `users`, `channels[].members`, `self.name`… sorted. */
  readonly fieldsRead: readonly string[];
  /** legacy-client started through the helper module: every read of its data and store is followed (`fieldsRead` are all), so only those parts are fetched. */
  readonly readsFollowed?: true;
  /** legacy-client started through the helper module with all of its data: the first use of the client whose reads are not followed (the report says why). */
  readonly wholeDataAt?: SourcePosition & { readonly code: string };
  /** Those that `rtm.connect` does not return. */
  readonly startOnlyFields: readonly string[];
  /** Where each field is read (across functions and files). */
  readonly reads: readonly FieldRead[];
  /** Where the response leaves code we can follow. */
  readonly escapes: readonly Escape[];
  /** The calls that rebuild what is read, `rtm.connect` last, for the plan's workspace. */
  readonly replacement: readonly PlannedCall[];
  readonly scopes: readonly string[];
  readonly calls: number;
  readonly floorSeconds: number;
  readonly rewrite: RewriteKind;
  /** covered: the id of the wrapper's own site this run rewrites (absent when a previous run did); its TODO if that rewrite fails. */
  readonly covers?: string;
  /** Why the site is left to a human (rewrite === 'todo'; covered: had the wrapper not been rewritten). */
  readonly reason?: string;
  /**
   * helper-module: the note on item attributes the replacement lists lack that code rtm-migrate cannot
   * follow may read (the module's items warn on a read); `message` ends with it, the text report shows it alone.
   */
  readonly itemGaps?: string;
  /** The message of the TODO comment / report line. */
  readonly message: string;
}

export interface Plan {
  readonly version: 1;
  readonly tool: 'rtm-migrate';
  /** Files are relative to this folder. */
  readonly root: string;
  readonly project: { readonly tsconfig: string | null; readonly files: number };
  readonly workspace: WorkspaceSize & { readonly assumptions: readonly string[] };
  readonly sites: readonly PlanSite[];
  /** Union of the scopes the migrated app needs, over the project. */
  readonly scopes: readonly string[];
  readonly optionalScopes: readonly { readonly scope: string; readonly when: string }[];
  /** One start-up of the migrated app: the union of the fields read at every site. */
  readonly startup: {
    readonly fieldsRead: readonly string[];
    readonly calls: number;
    readonly floorSeconds: number;
    readonly byMethod: readonly PlannedCall[];
    readonly summary: string;
  };
}

/** The part of a plan one file's transform needs (sent to worker threads). */
export interface FileSites {
  readonly file: string;
  readonly sites: readonly PlanSite[];
}

/** The plan of a run that found no file that could hold a site: nothing to fetch, nothing loaded to find it. */
export function emptyPlan(root: string, spec: WorkspaceSpec): Plan {
  return {
    version: 1,
    tool: 'rtm-migrate',
    root,
    project: { tsconfig: null, files: 0 },
    workspace: { ...spec.size, assumptions: spec.assumptions },
    sites: [],
    scopes: [],
    optionalScopes: [],
    startup: NO_SITE_STARTUP,
  };
}

/** The start-up of a plan with no site: nothing the migration fetches (not the `rtm.connect` a client may make already: blind s126, s128). */
export const NO_SITE_STARTUP: Plan['startup'] = { fieldsRead: [], calls: 0, floorSeconds: 0, byMethod: [], summary: 'no rtm.start site: nothing to fetch at start-up.' };
