import { RTM_CONNECT_ARGS, RTM_START_ONLY_ARGS, type RtmStartOnlyArg } from './args.js';
import type { PlannedCall } from './cost.js';
import { RTM_URL_LIFETIME_SECONDS, TOKEN_CHECK_ERRORS } from './errors.js';
import { fieldFact, startOnlyItemFieldsOf, type FieldFact } from './fields.js';
import { deepFreeze } from './freeze.js';
import { HELPER_EXPORTS, RTM_START_WRITTEN_GAPS, objectGapsOf, writtenByEvent } from './helper-module.js';
import { BOTKIT, HUBOT_SLACK, LEGACY_RTM_CONNECT_SUPPORT, releaseAtLeast, SLACK_PACKAGE, SLACKBOTS } from './modules.js';
import { METHODS } from './methods.js';
import { WRITTEN_SYNTAX } from './written-syntax.js';
import { METHOD_TIERS, RATE_TIERS } from './rate-tiers.js';

/**
 * The sentences the lint rules and the codemod show a user about rtm.start (lint messages and fixes, the
 * codemod's reports, TODO comments and the comments above the code it writes) come from this module, so
 * that both word a fact the same way.
 */

/** What says which release of a library a file runs with (analysis's `LibraryVersion`): an installed copy, a lockfile's pin, or a declared range. */
interface KnownVersion {
  readonly from: 'installed' | 'locked' | 'declared';
  readonly text: string;
}

/** "installed here is 0.4.2", "the lockfile pins here is 0.4.2": the rest of a sentence naming an installed or locked release. */
function versionHere(version: KnownVersion): string {
  return version.from === 'locked' ? `the lockfile pins here is ${version.text}` : `installed here is ${version.text}`;
}

export const MESSAGES = {
  rtmStart:
    '`rtm.start` is retired: Slack answers `rtm_connect_required` or a thin `rtm.connect`-shaped response. Call `rtm.connect` and fetch only the data you read with its replacement methods.',
  rtmStartFixable: 'Replace `rtm.start` with `rtm.connect`: only fields that `rtm.connect` also returns are read.',
  rtmStartUnread:
    'Replace `rtm.start` with `auth.test`: nothing reads its answer, and `auth.test` checks the same token at no Tier-1 cost, where `rtm.connect` would hand out a socket URL nobody uses and count against the Tier-1 limit of the `rtm.connect` the app may ask next.',
  rtmClientUsesStart:
    '`useRtmConnect: false` makes RTMClient call the retired `rtm.start`. Drop the option (RTMClient uses `rtm.connect` by default) and fetch the data you read with its replacement methods.',
  legacyRtmClient:
    "The legacy `@slack/client` v3 `RtmClient` starts with the retired `rtm.start`. Move to `@slack/rtm-api`'s `RTMClient` (it uses `rtm.connect`) and fetch the data you read with its replacement methods.",
  legacyRtmClientUnfollowed:
    "What is started here is given more than one value (set again, or chosen by a condition), and one of them is a legacy `@slack/client` v3 `RtmClient` (or `slack-client` 1.x client), which starts with the retired `rtm.start`. Keep the client in one variable or field made once, then move to `@slack/rtm-api`'s `RTMClient` (it uses `rtm.connect`) and fetch the data you read with its replacement methods.",
  legacyRtmClientModuleChosen:
    "What is started here is an `RtmClient` made from `{{module}}`, which is given more than one module (chosen by a condition, such as a test's stand-in beside the SDK), and one of them is the legacy `@slack/client` v3, whose `RtmClient` starts with the retired `rtm.start`. Where it is that SDK, make the client with `useRtmConnect: true` (3.10 or later) and fetch the data you read with its replacement methods before it starts, or move to `@slack/rtm-api`'s `RTMClient` (it uses `rtm.connect`).",
  legacyRtmClientToBase:
    "A legacy `@slack/client` v3 `RtmClient` is handed to the base class's constructor here; where the base class starts it, `start()` calls the retired `rtm.start`, and rtm-migrate does not follow the client there. Make it with `useRtmConnect: true` and fetch the data you read with its replacement methods, or move to `@slack/rtm-api`'s `RTMClient` (it uses `rtm.connect`).",
  legacyRtmClientOfUnknownModule:
    "What is started here is an `RtmClient` made from `{{module}}`, a package rtm-migrate does not know. `RtmClient` is the name of the legacy Slack SDK's client alone (`@slack/client` before 4, `slack-client` 2), whose `start()` calls the retired `rtm.start`. If `{{module}}` is (a copy of) that SDK, require it by its own name (`@slack/client`, 3.10 or later) and run `rtm-migrate apply`, or move to `@slack/rtm-api`'s `RTMClient` (it uses `rtm.connect`) and fetch the data you read with its replacement methods.",
  legacyRtmClientReceived:
    "`{{receiver}}` is handed in (a parameter, or a field set from one) and used here as a legacy `@slack/client` v3 `RtmClient` (its `CLIENT_EVENTS`/`RTM_EVENTS` or `dataStore`), whose `start()` calls the retired `rtm.start`. rtm-migrate does not see where it is made, so it fixes nothing here. Run `rtm-migrate apply`, which starts such a client through `startRtmClientMadeElsewhere()` of its generated module, or make it with `useRtmConnect: true` and fetch the data you read with its replacement methods.",
  rtmStartUrl:
    '`rtm.start` over HTTP is retired: request `rtm.connect` instead and fetch the data you read with its replacement methods.',
  rtmStartTable:
    "`rtm.start` in a table of methods: the wrapper generated from it calls the retired `rtm.start`. Use `rtm.connect` and fetch the data its callers read with the replacement methods.",
  rtmStartInLibrary:
    "`listen()` of the `slack` package's `rtm.client()` bot requests the retired `rtm.start` inside the package (it has no option to call `rtm.connect`). Let `rtm-migrate apply` start the bot through `withSlackPackageRtmStart()` of its generated module (JavaScript, or TypeScript compiled to CommonJS), whose `listen()` rebuilds the data through the package's own methods (users.list, conversations.list…, `rtm.connect` last; what a release before 8.4.0 lacks through its own `methods/_exec`) and opens the socket with the package's `ws`, or open the socket yourself from the package's `rtm.connect` (8.3.0 and later), or move the bot to `@slack/rtm-api`'s `RTMClient`.",
  rtmStartInSlackClientLogin:
    "`login()` of a `slack-client` 1.x client requests the retired `rtm.start` inside the SDK (no 1.x release can call `rtm.connect`). Let `rtm-migrate apply` log the client in through `withSlackClientRtmStart()` of its generated module, which answers the SDK's own `rtm.start` request with the data rebuilt through the client's `_apiCall` (users.list, conversations.list…, `rtm.connect` last), or move the bot to `@slack/rtm-api`'s `RTMClient` (or another current SDK), which starts with `rtm.connect`.",
  rtmStartInRequiredSlackClient:
    "`login()` of a value required from the app's own module `{{module}}`, used here as a `slack-client` 1.x client (the project depends on `slack-client` 1.x, or the value has its look-ups): that client's `login()` requests the retired `rtm.start` inside the SDK. rtm-migrate does not follow `{{module}}` to that client's `new Slack(…)` (the file is not there to read, or makes its client where it cannot be followed), so it fixes nothing here. Run `rtm-migrate apply` on the whole project (with `{{module}}`), which logs such a client in through `withSlackClientRtmStart()` of its generated module, or move the bot to `@slack/rtm-api`'s `RTMClient`.",
  rtmStartInBotkit:
    "`startRTM()` of a Botkit Slack bot requests the retired `rtm.start` inside Botkit before 0.5.4 (0.5.4 and later call `rtm.connect`), and this project's Botkit may be older (installed, declared, or not declared at all). Upgrade `botkit` to 0.5.4 or later, or let `rtm-migrate apply` start the bot through `withBotkitRtmStart()` of its generated module, which answers Botkit's own `rtm.start` request with the data rebuilt through the bot's `bot.api` (users.list, conversations.list…, `rtm.connect` last).",
  rtmStartInBotkitAppObject:
    "`startRTM()` here is called on the app's own object (`this`, or `new` of a class of this file), which nothing shows to be a bot Botkit made (`controller.spawn(…)`, a Botkit handler's `bot`). If it is, or starts, a Botkit bot older than 0.5.4, that bot's `startRTM()` requests the retired `rtm.start`: `rtm-migrate apply` leaves this call to you (a TODO); pass that bot to `withBotkitRtmStart()` of its generated module, or upgrade `botkit` to 0.5.4 or later.",
  rtmStartInSlackPackageFork:
    "`listen()` of this `rtm.client()` bot of `{{module}}`, a package with the `slack` package's API (a fork or a wrapper of it), requests the retired `rtm.start` as every `rtm.client()` up to 8.x did, and `rtm-migrate apply` cannot start it otherwise: make the bot with `require('slack').rtm.client()` of `slack` 5.3 to 8.x (`rtm-migrate apply` then starts it through `withSlackPackageRtmStart()`), or move it to `@slack/rtm-api`'s `RTMClient`.",
  rtmStartInVendoredBotkit:
    "`startRTM()` of a bot spawned from the copy of Botkit this app loads from `{{module}}`, a file that is not there to read: Botkit before 0.5.4 requests the retired `rtm.start` inside `startRTM()`. rtm-migrate fixes nothing here. Run `rtm-migrate apply` on the project with that copy in it (its own `rtm.start` call is then migrated where Botkit makes it), or replace the copy with `botkit` 0.5.4 or later from npm.",
  rtmStartInSlackbots:
    "`new SlackBot(…)` of `slackbots` (or of a class that `extends` it) logs in from its constructor, and through 1.2.x that login requests the retired `rtm.start` (1.3.0 and later call `rtm.connect`); this project's `slackbots` may be older (installed, declared, or not declared at all). Upgrade `slackbots` to 1.3.0 or later, or let `rtm-migrate apply` make the bot with `withSlackbotsRtmStart()` of its generated module, a subclass whose `_api` answers that `rtm.start` request with the data rebuilt through the bot's own `_api` (users.list, conversations.list…, `rtm.connect` last).",
  slackbotsListsUnfilled:
    "This bot's `slackbots` logs in with `rtm.connect` (1.3.0 and later), which keeps none of the `users`, `channels`, `groups` and `ims` its login kept of the retired `rtm.start`'s data through 1.2.x, yet the app reads `{{read}}` (line {{line}}): it finds nothing. Let `rtm-migrate apply` make the bot with `withSlackbotsRtmStart()` of its generated module, a subclass whose `_api` answers the login's request with the data rebuilt through the bot's own `_api` (users.list, conversations.list…, `rtm.connect` last) and puts those lists on the bot again, or read them through `getUsers()`, `getChannels()` and the like, which fetch them.",
  rtmStartInSlackbotapi:
    "`new slackAPI(…)` of `slackbotapi` requests the retired `rtm.start` from its constructor (and again on each reconnect) through its own `reqAPI`, and keeps the answer's `users`, `channels`, `groups` and `ims` for `getUser()`, `getChannel()` and the like; no release calls `rtm.connect`. Let `rtm-migrate apply` make the bot with `withSlackbotapiRtmStart()` of its generated module, a subclass whose `reqAPI` answers that `rtm.start` request with the data rebuilt through the package's own `reqAPI` (users.list, conversations.list…, `rtm.connect` last), or move the bot to `@slack/rtm-api`'s `RTMClient`.",
  rtmStartInSlackbotapiCall:
    "This call runs the constructor of `slackbotapi` on an instance (`slackAPI.call(this, …)`, or `X.super_.call(this, …)` after `util.inherits(X, slackAPI)`: an ES5 subclass), and that constructor requests the retired `rtm.start` (and again on each reconnect) through its own `reqAPI`; no release calls `rtm.connect`. `withSlackbotapiRtmStart()` of `rtm-migrate apply`'s generated module answers that request, but it returns a class, which cannot be run on an instance this way, so `rtm-migrate apply` leaves this to you (a TODO): make the subclass a `class … extends withSlackbotapiRtmStart(slackAPI)`, or move the bot to `@slack/rtm-api`'s `RTMClient`.",
  rtmStartInSlackbotsCall:
    "This call runs the constructor of `slackbots` on an instance (`SlackBot.call(this, …)`, or `X.super_.call(this, …)` after `util.inherits(X, SlackBot)`: an ES5 subclass), and that constructor logs in; before 1.3.0 the login requests the retired `rtm.start` (1.3.0 and later call `rtm.connect`, and from 1.0 on the constructor is a class, which cannot be called this way); this project's `slackbots` may be older (installed, declared, or not declared at all). Upgrade `slackbots` to 1.3.0 or later (with the subclass made a `class … extends`), or let `rtm-migrate apply` hand the constructor the instance through `withSlackbotsRtmStartOn()` of its generated module, which gives it an `_api` that answers that `rtm.start` request with the data rebuilt through the bot's own `_api` (users.list, conversations.list…, `rtm.connect` last).",
  rtmStartStandIn:
    "This replaces the client's `rtm.start` with a stand-in (a test's stub): once the code it stands in for is migrated, that code calls `rtm.connect` and the methods that replace `rtm.start`'s data (users.list, conversations.list, conversations.members, team.info) and never this one, so the stub answers nothing. Stub those methods instead, or run the test against a fake Slack that answers them.",
  rtmStartUnfollowed:
    "The method name `rtm.start` is handed on where its use cannot be followed (a name chosen at run time, an object, a variable set in a branch): a request made with it calls the retired `rtm.start`. Call `rtm.connect` there and fetch the data read with its replacement methods.",
} as const;

export function unsupportedArgMessage(name: RtmStartOnlyArg): string {
  const arg = RTM_START_ONLY_ARGS[name];
  return `\`rtm.connect\` does not accept \`${name}\` (on \`rtm.start\` it ${arg.did}): ${arg.instead}.`;
}

/** Where a start-only field comes from now, with scope and tier: `users.list` (scope `users:read`, Tier 2). */
export function replacementSummary(fact: FieldFact): string {
  const first = fact.replacements[0];
  if (!first) return fact.advice;
  const scopes = first.scopes.length > 0 ? `scope ${first.scopes.map((s) => `\`${s}\``).join(', ')}, ` : '';
  return `${fact.advice} (${scopes}${RATE_TIERS[first.tier].description})`;
}

/** The sentence for a read of a start-only field, with `{{field}}` and `{{replacement}}` to fill in. */
export const START_ONLY_FIELD_TEMPLATE =
  "`{{field}}` is not in `rtm.connect`'s response (and a retired `rtm.start` may answer in that shape): {{replacement}}.";

/** What fills `{{replacement}}` for `path`: where the field comes from now. */
export function startOnlyFieldReplacement(path: string): string {
  const fact = fieldFact(path);
  return fact ? replacementSummary(fact) : "it is not part of `rtm.connect`'s response";
}

/**
 * The sentence for lists (or items of them) handed to code no tool follows whose items carried
 * attributes only `rtm.start` gave (core's item facts), with `{{list}}`, `{{fields}}` and `{{replacements}}` to fill in.
 */
export const ESCAPED_ITEMS_TEMPLATE =
  'Code rtm-migrate cannot follow gets {{list}} and may read {{fields}}: item attributes only `rtm.start` gave, which the replacement lists lack ({{replacements}}).';

/**
 * What fills ESCAPED_ITEMS_TEMPLATE for escaping `paths` (`users`, `ims[]`); undefined when their items lack
 * nothing. `fetched`: the attributes the data carry after all (a helper module's `include`, `groups[].is_open`),
 * which the items do not lack.
 */
export function escapedItemsData(paths: readonly string[], fetched: readonly string[] = []): { list: string; fields: string; replacements: string } | undefined {
  const lacked = (path: string): string[] => startOnlyItemFieldsOf(path).filter((f) => !fetched.includes(f));
  const lists = [...new Set(paths.filter((p) => lacked(p).length > 0))];
  const fields = [...new Set(lists.flatMap(lacked))];
  if (fields.length === 0) return undefined;
  // One advice per fact: `channels[].has_pins` and `ims[].has_pins` come from the same place.
  return { list: list(lists), fields: list(fields), replacements: [...new Set(fields.map((f) => fieldFact(f)?.advice ?? f))].join('; ') };
}

export function escapedItemsMessage(paths: readonly string[]): string | undefined {
  const data = escapedItemsData(paths);
  return data && ESCAPED_ITEMS_TEMPLATE.replace('{{list}}', () => data.list).replace('{{fields}}', () => data.fields).replace('{{replacements}}', () => data.replacements);
}

/**
 * The sentence for `self`, `team` or the whole response handed to code no tool follows, which may read
 * attributes of them only `rtm.start` gave (core's `RTM_START_OBJECT_GAPS`), with `{{object}}`,
 * `{{fields}}` and `{{replacements}}` to fill in.
 */
export const ESCAPED_OBJECT_TEMPLATE =
  'Code rtm-migrate cannot follow gets {{object}} and may read {{fields}}: attributes only `rtm.start` gave, which neither `rtm.connect` nor `team.info` returns ({{replacements}}).';

/** What fills ESCAPED_OBJECT_TEMPLATE for escaping `paths` (`self`, `team`, `''`); undefined when they carry none. */
export function escapedObjectData(paths: readonly string[]): { object: string; fields: string; replacements: string; written: string; events: string } | undefined {
  const holders = [...new Set(paths.filter((p) => objectGapsOf(p).length > 0))];
  const fields = [...new Set(holders.flatMap(objectGapsOf))];
  if (fields.length === 0) return undefined;
  const object = holders.includes('') ? 'the whole response' : list(holders);
  const written = fields.filter((f) => RTM_START_WRITTEN_GAPS.includes(f));
  const events = written.map((f) => `\`${writtenByEvent(f) ?? f}\``).join(', ');
  return {
    object,
    fields: list(fields),
    replacements: byAdvice(fields),
    written: written.length > 0 ? list(written) : '',
    events,
  };
}

/** `a`, `b`: advice; `c`: other advice — fields grouped by what replaces them (the no-replacement keys share one). */
function byAdvice(fields: readonly string[]): string {
  const grouped = new Map<string, string[]>();
  for (const f of fields) {
    const advice = fieldFact(f)?.advice ?? f;
    grouped.set(advice, [...(grouped.get(advice) ?? []), f]);
  }
  return [...grouped].map(([advice, named]) => `${list(named)}: ${advice}`).join('; ');
}

/** The report's sentence for the RTM_START_WRITTEN_GAPS among an escaping object's gaps (`written`: their list, or empty; `events`: what writes into them). */
function writtenGapsSentence(data: { written: string; events: string }): string {
  return data.written === ''
    ? ''
    : ` Except ${data.written}: RTM events write into it (${data.events}), so it is an empty object that keeps what they write, and a read of a key never written answers \`undefined\` and warns once.`;
}

export function escapedObjectMessage(paths: readonly string[]): string | undefined {
  const data = escapedObjectData(paths);
  return data && ESCAPED_OBJECT_TEMPLATE.replace('{{object}}', () => data.object).replace('{{fields}}', () => data.fields).replace('{{replacements}}', () => data.replacements);
}

export function startOnlyFieldMessage(path: string): string {
  return START_ONLY_FIELD_TEMPLATE.replace('{{field}}', () => path).replace('{{replacement}}', () => startOnlyFieldReplacement(path));
}

/** What opens every TODO comment the codemod writes: how a later run tells its own comments from the app's. */
export const TODO_MARKER = 'TODO(rtm-migrate)';

/** `2018-01` as `January 2018`. */
function monthOf(yearMonth: string): string {
  return new Date(`${yearMonth}-01T00:00:00Z`).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The text of a `// TODO(rtm-migrate): …` comment the codemod leaves where it cannot rewrite safely. */
export function todoComment(reason: string, fields: readonly string[] = []): string {
  // One entry per fact (`channels[].name` is served by `channels`' list), each method named once.
  const facts = new Map<string, FieldFact>();
  for (const f of fields.map((p) => fieldFact(p))) if (f && !f.onRtmConnect && !facts.has(f.path)) facts.set(f.path, f);
  const needs = [...facts.values()].map(
    (f) =>
      `${f.path}: ${[...new Set(f.replacements.map((r) => r.method))].join(' / ') || 'no replacement'}${f.droppedFromRtmStart ? ` (only if needed: \`rtm.start\` had sent none since ${monthOf(f.droppedFromRtmStart.since)})` : ''}`,
  );
  return `${TODO_MARKER}: ${reason}${needs.length > 0 ? ` Fields read → replacements: ${needs.join('; ')}.` : ''}`;
}

/** Texts of the fixes and suggestions a tool offers next to the findings of `MESSAGES`. */
export const FIX_MESSAGES = deepFreeze({
  useRtmConnect:
    'Call `rtm.connect` instead of `rtm.start` and drop the arguments it does not accept; then fetch the start-only fields this code reads with their replacement methods.',
  dropUseRtmConnectFalse:
    'Remove `useRtmConnect: false` so that RTMClient calls `rtm.connect`; then fetch the start-only data this code reads with its replacement methods.',
  useRtmConnectUrl: 'Request `rtm.connect` instead of `rtm.start`; then fetch the start-only data this code reads with its replacement methods.',
} as const);

/** The legacy v3 `RtmClient`'s `dataStore` (`MemoryDataStore`) is filled from `rtm.start`'s response (reference §6). */
export const LEGACY_DATA_STORE_MESSAGE =
  "The legacy `RtmClient`'s `dataStore` is filled from the retired `rtm.start`'s response, which may come back in `rtm.connect`'s shape and leave it empty: look users and conversations up with `users.info` / `conversations.info` (or page through `users.list` / `conversations.list`).";

const list = (items: readonly string[]): string => items.map((i) => `\`${i}\``).join(', ');

/** Why a fact about a plan's slowest method: "users.list: 25 calls at Tier 2: 20+ per minute". */
function slowest(byMethod: readonly PlannedCall[]): PlannedCall | undefined {
  return [...byMethod].sort((a, b) => b.floorSeconds - a.floorSeconds)[0];
}

/** The `rtm.start` fields code most often read, for a TODO when the reads could not be followed. */
const COMMON_START_FIELDS = ['users', 'channels', 'groups', 'mpims', 'ims', 'channels[].members', 'bots', 'team.icon'] as const;

/** "`users` → users.list; `channels`, `groups`… → conversations.list; …", from the field facts. */
function commonReplacements(): string {
  const byMethods = new Map<string, string[]>();
  for (const path of COMMON_START_FIELDS) {
    const methods = [...new Set(fieldFact(path)?.replacements.map((r) => r.method) ?? [])].join(' / ');
    if (!methods) continue;
    byMethods.set(methods, [...(byMethods.get(methods) ?? []), path === 'team.icon' ? 'team.*' : path]);
  }
  return [...byMethods].map(([methods, fields]) => `${list(fields)} → ${methods}`).join('; ');
}


/**
 * The sentence for a listener of the `'rtm.start'` event (a framework that publishes each Web API answer
 * as an event named after its method), with `{{what}}` and `{{replacements}}` to fill in.
 */
export const START_LISTENER_TEMPLATE =
  "This listener gets `rtm.start`'s answer, which other code publishes as an event named after the method, and {{what}}: once that request is migrated the event stops coming (or carries `rtm.connect`'s answer: `url`, `self` and `team` only), and rtm-migrate does not follow the event back to the request. Fetch that data where it is needed ({{replacements}}) or have the code that migrates the request publish the rebuilt answer under `'rtm.start'`.";

/** What fills START_LISTENER_TEMPLATE: the start-only fields a listener reads, the parts it hands on (`''`: the whole answer). */
export function startListenerData(startOnly: readonly string[], handedOn: readonly string[]): { what: string; replacements: string } {
  const facts = [...new Set(startOnly.map((p) => fieldFact(p)))].filter((f): f is FieldFact => f !== undefined && !f.onRtmConnect);
  // A field read and then handed on (`app.channels = data.channels`) is named once, as read.
  const passed = [...new Set(handedOn)].filter((p) => !startOnly.includes(p));
  const what = [
    ...(startOnly.length > 0 ? [`reads ${list(startOnly)}`] : []),
    ...(passed.length > 0 ? [`hands ${passed.includes('') ? 'the whole answer' : list(passed)} on to code rtm-migrate cannot follow`] : []),
  ].join(' and ');
  const replacements = [
    ...facts.map((f) => `\`${f.path}\` → ${[...new Set(f.replacements.map((r) => r.method))].join(' / ') || 'no replacement'}`),
    ...(passed.length > 0 ? [commonReplacements()] : []),
  ].join('; ');
  return { what, replacements };
}

export function startListenerMessage(startOnly: readonly string[], handedOn: readonly string[]): string {
  const data = startListenerData(startOnly, handedOn);
  return START_LISTENER_TEMPLATE.replace('{{what}}', () => data.what).replace('{{replacements}}', () => data.replacements);
}

/**
 * What upgrading Botkit past its `rtm.start` release does to the migrated code: nothing, where the code
 * asks the wrapper for no part that only `rtm.start` answered (`parts`: those it asks for, undefined for the whole data); where it does, the release that
 * calls `rtm.connect` itself is no substitute, as the wrapper then leaves its login alone (blind s73/12 on
 * botkit 0.5.4 read lists that login no longer gives). slackbots' wrapper answers both logins.
 */
function botkitUpgrade(parts: readonly string[] | undefined): string {
  const release = `\`${BOTKIT.module}\` ${BOTKIT.connectSince.join('.')} or later`;
  const lost = parts?.filter((part) => part !== 'url' && part !== 'self');
  if (lost?.length === 0) return `Upgrading to ${release} needs no change back (it then calls \`rtm.connect\` itself).`;
  const missing = lost === undefined ? 'what only `rtm.start` answered (users, channels…), which code here hands on,' : `${list(lost)}, which this code reads,`;
  return `Upgrading to ${release} is no substitute: that release calls \`rtm.connect\` itself, which the wrapper leaves alone, so ${missing} would be missing again.`;
}

/** After "remove it from package.json": a package the app requires that only the dependency brought in (blind s73/15: standup-steve brought slackbots) would go with it. */
const KEEP_WHAT_IT_BROUGHT = ', declaring first any package the app requires that only it brought in';

/**
 * Sentences the codemod (`rtm-migrate`) prints in reports and writes into TODO comments and the code it
 * emits. Kept in core with the other messages so that every tool words Slack facts the same way.
 */
export const CODEMOD_MESSAGES = {
  /** A raw `rtm.start` URL as the entry of a table no code reads by that entry's key (the codemod's `unread-entry`). */
  unreadEntry: (key: string): string =>
    `This string names the retired \`rtm.start\` in the \`${key}\` entry of a table, and no code reads that entry (\`${key}\` is named nowhere else in the project, and the table is not enumerated): no request is made with it, so rtm-migrate changes nothing here. Delete the entry.`,
  standInRtmStart: (written: string): string =>
    `${written} stands in for the client's \`rtm.start\` (a test's stub): once the code it stands in for is migrated, that code calls the replacement methods (users.list, conversations.list, conversations.members, team.info, then \`rtm.connect\`) and never this one, so the stub answers nothing. Stub those methods instead (or run the test against a fake Slack that answers them), then delete this one.`,
  mockedRtmStart: (library: string): string =>
    `this \`${library}\` interceptor stands in for Slack's \`rtm.start\` in a test: once the code it tests is migrated, that code asks the replacement methods (users.list, conversations.list, conversations.members, team.info, then \`rtm.connect\`) and this stub no longer answers it. Stub those methods instead (or run the test against a fake Slack that answers them), then delete this one.`,
  /** A test's stand-in for `rtm.start` whose tested code (`places`) now asks `rtm.connect` in its place: the stub's path follows. */
  stubRepointed: (library: string, places: readonly string[]): string =>
    `this \`${library}\` stub now answers \`rtm.connect\`: the code the test runs (${places.slice(0, 3).join(', ')}) asks \`rtm.connect\` in place of \`rtm.start\` and reads only what both answer.`,
  /** A test's stand-in for `rtm.start` in a project that asks `rtm.start` nowhere else (blind s104/09: its SDK asks `rtm.connect`). */
  stubIdle: (library: string): string =>
    `unchanged: this \`${library}\` stub answers \`rtm.start\`, which the project's own code does not ask (and no earlier run migrated such a request), so this run changes nothing it stands in for. Where the code the test runs asks \`rtm.connect\` (an RTM client of @slack/client 4+ does), a stub of \`rtm.connect\` answers it and this one can go; where it is an installed library that asks \`rtm.start\` itself, that library is what needs replacing.`,
  /** A test's stand-in for a client's `start` in a project none of whose own code asks `rtm.start`. */
  standInIdle: (code: string): string =>
    `unchanged: \`${code}\` stands in for a client's \`start\`, and no code of the project's own asks \`rtm.start\` (and no earlier run migrated such a request): an RTM client of @slack/client 4+ or @slack/rtm-api starts with \`rtm.connect\`, so nothing the stub stands in for changes.`,
  /** A test's stand-in for a v3 client's `start` where every start of the code the test runs (`places`) still calls the client's own `start` once migrated. */
  standInStillCalled: (code: string, places: readonly string[], starter: string): string =>
    `unchanged: \`${code}\` stands in for a legacy \`RtmClient\`'s \`start\`, and the code the test runs (${places.join(', ')}) is migrated to start its client through \`${starter}()\` of the generated module, which still calls the client's own \`start\` (a stand-in's as it is): the stub keeps answering what it answered.`,
  /** The same stub where the tested code (`files`) now builds the data through the generated helper module. */
  mockedTestedBuilds: (library: string, files: readonly string[]): string =>
    `this \`${library}\` interceptor stands in for Slack's \`rtm.start\` in a test, and the code the test runs (${files.slice(0, 3).join(', ')}) now builds that data through the generated helper module from the replacement methods (users.list, conversations.list, conversations.members, team.info…, then \`rtm.connect\`, only those its reads need), which this stub does not answer. Stub each method that code asks with the part of this answer it returns (or run the test against a fake Slack that answers them), then delete this one.`,
  /** The same stub, split: `stubRtmStart()` of the generated module answers each replacement method with its part of the stub's answer. */
  stubSplit: (library: string, files: readonly string[], stub: string): string =>
    `this \`${library}\` interceptor stood in for Slack's \`rtm.start\` in a test, and the code the test runs (${files.slice(0, 3).join(', ')}) now builds that data through the generated helper module: \`${stub}()\` of that module answers, on the same scope and for as many starts, each method a start asks in its place (users.list, conversations.list, conversations.members, team.info…, then \`rtm.connect\`) with its part of the same answer, and the test's other interceptors stay as they were. Slack's \`bots\` are rebuilt from the answer's bot users, as from users.list.`,
  connectStartOnly: (fields: readonly string[]): string =>
    `this code reads ${list(fields)} off an \`rtm.connect\` response, which never carries them (only \`url\`, \`self\` and \`team\`): fetch them with their replacement methods before \`rtm.connect\`.`,
  connectArgsConst: (args: readonly string[]): string =>
    `\`rtm.connect\` does not accept ${list(args)} (passed through a shared object): keep only ${list(RTM_CONNECT_ARGS)}.`,
  escapes: (escapes: readonly { file: string; line: number; reason: string }[]): string =>
    `the response leaves code rtm-migrate can follow (${[...new Set(escapes.map((e) => `${e.file}:${e.line}: ${e.reason}`))]
      .slice(0, 3)
      .join('; ')}), so the fields it reads are not all known: move the reads next to the call, or fetch them by hand before \`rtm.connect\`.`,
  rtmClientReads:
    '`RTMClient` hands this `rtm.start` data to `authenticated` and `start()`; after `rtm.connect` they carry only `url`, `self` and `team`. Fetch the data read with its replacement methods, then drop `useRtmConnect: false`.',
  detachedStart:
    '`start` is taken off the `rtm` methods before it is called, and rtm-migrate rewrites such a call only on the `slack` package (whose methods it can call again by name): call `client.rtm.start(…)` on the client itself and run rtm-migrate again, or fetch the data read with its replacement methods before `rtm.connect` by hand.',
  rtmClientMember: (where: string): string =>
    `this \`rtm\` may be the RTM client kept in a member of that name (${where}), whose \`start()\` is no Web API call: \`rtm.connect\` here would be wrong. If it is that client, start it with \`useRtmConnect: true\` and fetch the data its handlers and \`dataStore\` read with their replacement methods; if it is a Web API client's \`rtm\`, make that visible (a \`WebClient\` variable) and run rtm-migrate again.`,
  /** A v3 client handed in (`receiver`, a parameter or a field set from one) whose start is no statement the generated helper module's start can take over, or under `--helper shim`. */
  rtmClientReceived: (receiver: string, where: string, ownType: string | undefined): string =>
    `\`${receiver}\` is handed in and used as a legacy \`@slack/client\` v3 \`RtmClient\` (${where}), whose \`start()\` calls the retired \`rtm.start\`. rtm-migrate does not see where it is made, ${
      ownType === undefined
        ? `and starts such a client through \`${HELPER_EXPORTS.elsewhereStart}()\` of its generated module only where \`${receiver}.start()\` (or with an options object) is a statement of its own, and not under \`--helper shim\``
        : `and it is declared as \`${ownType}\`, a type of the app's own that may wrap the client (forwarding \`on\` and \`start\`), which \`${HELPER_EXPORTS.elsewhereStart}()\` of its generated module would refuse`
    }: so it changes nothing here. Make the client with \`useRtmConnect: true\` where it is made and fetch the data its handlers and \`dataStore\` read with their replacement methods, or start the client itself here and run rtm-migrate again.`,
  /** `x.rtm.start()` (or `receiver.start()` of a v3 client handed in) of an RTM client made where rtm-migrate cannot see it (`where`: its use as one), now checked and started at run time. */
  rtmClientElsewhere: (where: string, module: string, receiver = 'rtm'): string =>
    `this \`${receiver}\` is used as an RTM client (${where}) made where rtm-migrate cannot see it, so it now starts through \`${HELPER_EXPORTS.elsewhereStart}()\` of the generated \`${module}\`, which looks at the client when it starts: a \`@slack/client\` v3 \`RtmClient\` is started through \`${HELPER_EXPORTS.legacyStart}()\` with \`rtm.connect\` (given \`useRtmConnect: true\` from ${LEGACY_RTM_CONNECT_SUPPORT.since.join('.')}; before that, its \`rtm.start\` request is sent as \`rtm.connect\`), its AUTHENTICATED data and \`dataStore\` filled first from users.list, conversations.list, conversations.members, team.info; an \`RTMClient\` of \`@slack/client\` 4+ or \`@slack/rtm-api\`, which calls \`rtm.connect\` itself, starts as it did. A client of any other kind (a 2.x \`RtmClient\`, an \`RTMClient\` made with \`useRtmConnect: false\`, a Web API client's \`rtm\`) makes it throw a TypeError at start.`,
  /** `receiver.start()` of a holder every value of which is a v3 `new RtmClient(…)` (`where`: those lines), now started through the run-time check. */
  rtmClientChosen: (receiver: string, where: string, module: string): string =>
    `\`${receiver}\` is given more than one value (set again, or chosen by a condition), and ${where}: whichever one is started, it is a \`@slack/client\` v3 \`RtmClient\`, so it now starts through \`${HELPER_EXPORTS.elsewhereStart}()\` of the generated \`${module}\`, which starts it through \`${HELPER_EXPORTS.legacyStart}()\` with \`rtm.connect\` (its AUTHENTICATED data and \`dataStore\` filled first from users.list, conversations.list, conversations.members, team.info), whatever its 3.x release.`,
  argsUnknown: `the arguments are not written out, so rtm-migrate cannot tell which ones \`rtm.connect\` accepts (only ${list(RTM_CONNECT_ARGS)}).`,
  helper:
    "the app's own helper is given `rtm.start`: call `rtm.connect` through it and fetch the fields read with their replacement methods first.",
  /** The name `rtm.start` as a string that reaches code rtm-migrate cannot follow (`use`: where, as a report names it). */
  unfollowedName: (use: string): string =>
    `rtm-migrate cannot follow how this \`rtm.start\` method name is used (it reaches ${use}, chosen at run time or handed on): a request made with it calls the retired \`rtm.start\`. Make that request call \`rtm.connect\` and first fetch the data read from its response with the replacement methods (${commonReplacements()}), or call \`rtm.start\` where rtm-migrate can see it and run it again.`,
  /** `urlRead` false: no code reads the answer's `url` (and none it cannot see gets the answer), so no socket is opened from it. */
  rawHttp: (request: string, urlRead = true): string =>
    urlRead
      ? `\`rtm.start\` over HTTP is retired: request \`rtm.connect\` instead, and first fetch the data the code reads from ${request}'s response with its replacement methods (rtm-migrate cannot follow a raw HTTP response: ${commonReplacements()}).`
      : `\`rtm.start\` over HTTP is retired, and no code reads its \`url\` (no socket is opened from it): fetch the data the code reads from ${request}'s response with its replacement methods instead, and drop the request (rtm-migrate cannot follow a raw HTTP response: ${commonReplacements()}).`,
  /** Reads no field table knows (`body.channels` off a helper that resolves an HTTP response): no `rtm.connect` in place. */
  readsNotOnConnect: (fields: readonly string[]): string =>
    `this code reads ${list(fields)} off the response: fields \`rtm.connect\` does not return (read through an HTTP client's response, \`body.channels\` is \`channels\`) or that rtm-migrate does not know, so \`rtm.connect\` in place could leave data the code needs empty. Fetch what it reads with the replacement methods (${commonReplacements()}) before \`rtm.connect\`, or make the helper resolve the data itself and run rtm-migrate again.`,
  /** A raw HTTP request whose answer is read for `rtm.connect`'s fields only: its URL now names `rtm.connect`. */
  /** The answer of an `rtm.start` request is read nowhere (the codemod's `token-check`): `url` for a raw request, whose URL changes. */
  tokenCheck: (url: boolean): string =>
    `Nothing reads the answer: the ${url ? "request's URL now names" : 'call now names'} \`${METHODS.authTest}\`, which checks the same token (the same ${list([...TOKEN_CHECK_ERRORS])} errors) at no Tier-1 cost, rather than \`${METHODS.rtmConnect}\`, which would hand out a socket URL nobody uses and count against the Tier-1 limit of the \`${METHODS.rtmConnect}\` the app may ask next. The call does nothing else: it can be removed.`,
  /** A raw request addressed by a path under the base its client was made with (`request.defaults({ baseUrl })`). */
  rawUrlUnderBase:
    "the request's address is a path under the base its client was made with (`request.defaults({ baseUrl })`, `axios.create({ baseURL })`): that client's own options (`json`, `qs`, headers) are set where it is made, so rtm-migrate does not rebuild `rtm.start`'s data through it. Request `/rtm.connect` instead and fetch the data the code reads with its replacement methods first (users.list, conversations.list, conversations.members, team.info).",
  rawUrlConnect: (startOnlyArgs: readonly string[]): string =>
    `Only fields that \`rtm.connect\` also returns are read: the request's URL now names \`rtm.connect\`, the request is otherwise the same.${startOnlyArgs.length > 0 ? ` Its query keeps ${list(startOnlyArgs)}, which only \`rtm.start\` knew: Slack ignores ${startOnlyArgs.length === 1 ? 'it' : 'them'} on \`rtm.connect\`.` : ''}`,
  /** Why a site on the app's own transport (its helper, raw HTTP) is left unchanged. */
  /** A helper of the app's that only builds the URL of `rtm.start` (`builder`), handed to a request (`request`, where it is an argument of one). */
  urlBuilt: (builder: string, request: string | undefined): string =>
    `\`${builder}\` only builds the URL of the retired \`rtm.start\` (a string made from the method name), which the code hands to a request of its own${request === undefined ? '' : ` (\`${request}\`)`}: rtm-migrate does not follow that URL to the request, nor its answer to what is read of it, so it changes nothing here. Request \`rtm.connect\` there and fetch the data the answer is read for with its replacement methods (users.list, conversations.list…), or make the call through a Slack client rtm-migrate knows (\`@slack/web-api\`'s \`WebClient\`) and run rtm-migrate again.`,
  transportUnseen: (why: string): string =>
    `rtm-migrate leaves the call unchanged: it rebuilds \`rtm.start\`'s data through the app's own transport only where it sees how that is called, and here ${why}.`,
  /** A script that loads no modules (a browser or phone script): nothing may be imported into it. */
  loadsNoModules: (helperModule: string): string =>
    `This file loads no modules (no \`require\`, \`import\` or \`exports\`: a script run as it is, by a browser or a phone app, say), so rtm-migrate does not import its generated \`${helperModule}\` helper module into it: fetch the data read with their replacement methods through the script's own transport before \`rtm.connect\`, or make the file a module and run rtm-migrate again.`,
  /** An AMD module (RequireJS): the generated helper module, CommonJS, would not load there. */
  amdModule: (helperModule: string): string =>
    `This file is an AMD module (\`define(…)\`, loaded by RequireJS, which evaluates the files it requires as AMD modules too), so rtm-migrate does not import its generated \`${helperModule}\` helper module into it: that module is CommonJS and would fail there (\`module is not defined\`). Start the client with \`rtm.connect\` and fetch the data read with their replacement methods, or load this code with Node's own \`require\` and run rtm-migrate again.`,
  /** A legacy client the generated helper module would start, in a file nothing can be imported into (the reason why follows). */
  legacyClientNotImportable:
    "the legacy `RtmClient` starts with `rtm.start` and hands its data to the AUTHENTICATED event and `dataStore`; rtm-migrate would start it through its generated helper module, which fetches that data with the replacement methods and then calls `rtm.connect`.",
  /** A Meteor server file that loads npm packages through `Npm.require` only: it has no way to load a file of the app that works on every Meteor release. */
  meteorLoadsNoModules: (helperModule: string): string =>
    `This Meteor file loads npm packages through \`Npm.require\` only, which cannot load a file of the app, and has no \`require\`, \`import\` or \`exports\`, so rtm-migrate does not import its generated \`${helperModule}\` helper module into it. On Meteor 1.3 or later (its \`modules\` package) a server file may load the app's own files: add a \`require\` or \`import\` to this file (\`module.exports\` of what it defines will do) and run rtm-migrate again; on an older Meteor, fetch the data read with their replacement methods before \`rtm.connect\` yourself.`,
  /** A CoffeeScript method that returned its helper's request only because CoffeeScript returns every last expression. */
  implicitReturnDropped: (method: string): string =>
    `\`${method}()\` returned the request of its \`rtm.start\` call only because CoffeeScript returns a function's last expression (no call of it in its file uses that value): it now returns \`undefined\`. An app that used the request \`${method}()\` returned must keep its own handle.`,
  /**
   * `listen()` of a `slack.rtm.client()` bot: the package requests `rtm.start` itself, with no option to avoid it, and
   * `withSlackPackageRtmStart()` does not fit here (`why`: a TypeScript file, or a release without the conversations
   * methods; undefined for a call it cannot wrap as written).
   */
  slackPackageBot: (botThroughMajor: number, why: string | undefined): string =>
    `\`listen()\` of the \`slack\` package's \`rtm.client()\` bot requests the retired \`rtm.start\` inside the package (every version that has \`rtm.client()\`, up to ${botThroughMajor}.x; later ones dropped it), and the package has no option to make it call \`rtm.connect\`. rtm-migrate starts such a bot through \`${HELPER_EXPORTS.slackPackageStart}()\` of its generated module, which answers that request (through the package's own methods, and its \`methods/_exec\` for those a release before ${SLACK_PACKAGE.conversationsSince.join('.')} lacks), but leaves this one unchanged: ${why ?? 'the call is not one it can wrap as written (an optional call, or a run with `--helper shim`)'}. Otherwise open the socket yourself: call the package's \`rtm.connect\` (from 8.3.0) with the same token and hand the answer's \`url\` to a \`ws\` WebSocket whose messages go to your handlers by their \`type\` (your \`started\` handlers and \`listen\`'s callback then get \`rtm.connect\`'s data: \`url\`, \`self\` and \`team\` only; fetch anything else they read with users.list, conversations.list and the like), or move the bot to \`@slack/rtm-api\`'s \`RTMClient\`.`,
  /** Why `withSlackPackageRtmStart()` does not fit a bot made by another package with the `slack` package's API (a fork: blind s87/10's `slack-promise`). */
  slackPackageFork: (module: string): string =>
    `the bot is made by \`${module}\`, a package rtm-migrate does not know that has the \`slack\` package's \`rtm.client()\` (a fork or a wrapper of it, whose \`listen()\` requests \`rtm.start\` as every \`rtm.client()\` up to ${SLACK_PACKAGE.botThroughMajor}.x did), while the wrapper loads \`slack\` itself (make the bot with \`require('slack').rtm.client()\` of \`slack\` ${SLACK_PACKAGE.execSince.join('.')} to ${SLACK_PACKAGE.botThroughMajor}.x and run rtm-migrate again)`,
  /** Why `withSlackPackageRtmStart()` does not fit a TypeScript file: what its compiler emits is not known to be CommonJS (`why`). */
  slackPackageBotTypescript: (why: string): string =>
    `this file is TypeScript, and the wrapper loads the package's own \`ws\` through Node's \`require\`, which only the CommonJS your compiler may emit has: ${why}`,
  /** Why the module system a TypeScript file compiles to is not known to be CommonJS. */
  typescriptEmitUnknown: "no tsconfig.json in its package says which module system your compiler emits (with one that has `\"module\": \"commonjs\"`, run rtm-migrate again)",
  typescriptEmitUnreadable: (tsconfig: string): string => `${tsconfig} could not be read, so rtm-migrate cannot tell which module system your compiler emits`,
  typescriptEmitsEsm: (tsconfig: string, module: string): string => `${tsconfig} has your compiler emit ES modules (\`module\` ${module}), which have no \`require\``,
  typescriptEsmFile: 'it is an ES module (`.mts`), which has no `require`',
  /** `login()` of a `slack-client` 1.x client: the SDK requests `rtm.start` itself, and no 1.x release can do otherwise. */
  slackClientLogin:
    "`login()` of this `slack-client` 1.x client requests the retired `rtm.start` inside the SDK (`slack-client` 1.x has no `rtm.connect` and no option for it), so rtm-migrate leaves it unchanged. Move the bot to `@slack/rtm-api`'s `RTMClient` (it starts with `rtm.connect`; fetch what the bot reads of the client's users, channels and groups with users.list, conversations.list and the like) or another current SDK.",
  /** `login()` of a value required from the app's own `module`, which is not read, used as a `slack-client` 1.x client. */
  slackClientLoginRequired: (module: string): string =>
    `\`login()\` here is called on what \`${module}\` exports, used as a \`slack-client\` 1.x client (the project depends on \`slack-client\` 1.x, or the value has its look-ups), and that client's \`login()\` requests the retired \`rtm.start\` inside the SDK. rtm-migrate does not follow \`${module}\` to that client's \`new Slack(…)\` (the file is not there to read, or makes its client where it cannot be followed), so it changes nothing here. Run rtm-migrate on the whole project, \`${module}\` included (a client that module makes with \`new Slack(token, …)\` and exports is then logged in through \`${HELPER_EXPORTS.slackClientLogin}()\` of the generated module), or move the bot to \`@slack/rtm-api\`'s \`RTMClient\`.`,
  /** `new slackAPI(…)` of `slackbotapi`, whose constructor requests `rtm.start` in every release. */
  slackbotapiLogin:
    "`new slackAPI(…)` of `slackbotapi` (or of a class that `extends` it) requests the retired `rtm.start` from its constructor (and again on each reconnect) through the package's own `reqAPI` (no release of `slackbotapi` calls `rtm.connect`), and its `getUser()`, `getChannel()`, `getGroup()` and `getIM()` read the `users`, `channels`, `groups` and `ims` of that answer. rtm-migrate answers that request only where it makes the bot with `withSlackbotapiRtmStart()` of its generated module, which it does not here, so it leaves this unchanged. Make the bot with that function's subclass (`new (withSlackbotapiRtmStart(slackAPI))({…})`), or move the bot to `@slack/rtm-api`'s `RTMClient` (it starts with `rtm.connect`; fetch what the bot looks up with users.list, conversations.list and the like).",
  /**
   * A class extending slackbots' (`library` 'slackbots') or slackbotapi's whose own `_api` / `reqAPI` (`override`
   * says where) would take the place of the generated module's, which answers `rtm.start` through it. `form`: the
   * site is a subclass (`class`), `new SlackBot(…)` / `new slackAPI(…)` of the library's class, whose bot is given
   * that method itself (`bot`), or slackbots' constructor run on an ES5 subclass's instance (`instance`), which
   * `withSlackbotsRtmStartOn()` would give an `_api` of its own that a later assignment replaces.
   */
  libraryMethodOverridden: (library: 'slackbots' | 'slackbotapi', method: string, override: string, form: 'class' | 'bot' | 'instance' = 'class'): string => {
    const wrapper = library === 'slackbots' ? HELPER_EXPORTS.slackbotsStart : HELPER_EXPORTS.slackbotapiStart;
    const requests = library === 'slackbots' ? 'logs in (before 1.3.0, from its constructor and from each later `login()`) with' : 'requests the retired `rtm.start` (and again on each reconnect) with';
    const upgrade = library === 'slackbots' ? ', or upgrade `slackbots` to 1.3.0 or later' : '';
    if (form === 'instance') {
      return `This call runs \`slackbots\`' constructor on an instance (an ES5 subclass), and that constructor ${requests} \`this.${method}('rtm.start', …)\`, and ${override}. \`${HELPER_EXPORTS.slackbotsStartOn}()\` of the generated module answers that request in an \`${method}\` it gives the instance itself, which the app's \`${method}\` would then stand in front of or replace, so a login through it would still reach Slack, which refuses it; rtm-migrate leaves this unchanged rather than wrap the instance for nothing. Have the app's \`${method}\` answer \`rtm.start\` itself from \`rtm.connect\` plus users.list, conversations.list and conversations.members, or drop it${upgrade} (from 1.0 slackbots is a class: make the subclass a \`class … extends ${wrapper}(SlackBot)\`).`;
    }
    return form === 'bot'
      ? `This bot is made with \`${library}\`'s class, which ${requests} \`this.${method}('rtm.start', …)\`, and ${override}. \`${wrapper}()\` of the generated module answers that request in a \`${method}\` of the class it would make the bot with, so with the app's \`${method}\` in front of it the request would still reach Slack, which refuses it; rtm-migrate leaves this unchanged rather than wrap the bot for nothing. Move the app's \`${method}\` into a subclass that hands its calls on with \`return super.${method}(…)\` (then \`rtm-migrate apply\` wraps the parent: \`extends ${wrapper}(…)\`), or answer \`rtm.start\` in it yourself from \`rtm.connect\` plus users.list, conversations.list and conversations.members${upgrade}.`
      : `This class extends \`${library}\`'s, whose constructor ${library === 'slackbots' ? 'logs in (before 1.3.0) with' : 'requests the retired `rtm.start` (and again on each reconnect) with'} \`this.${method}('rtm.start', …)\`, and ${override}. \`${wrapper}()\` of the generated module answers that request in a \`${method}\` of its own, put between this class and \`${library}\`'s, so with the app's \`${method}\` in front of it the request would still reach Slack, which refuses it; rtm-migrate leaves this unchanged rather than wrap the class for nothing. Make the app's \`${method}\` hand its calls on with \`return super.${method}(…)\` (then \`rtm-migrate apply\` wraps the parent: \`extends ${wrapper}(…)\`), or answer \`rtm.start\` in it yourself from \`rtm.connect\` plus users.list, conversations.list and conversations.members${upgrade}.`;
  },
  /** slackbotapi's constructor run on an instance (an ES5 subclass): the module's subclass cannot be `.call`ed. */
  slackbotapiCall:
    "This call runs `slackbotapi`'s constructor on an instance (an ES5 subclass: `slackAPI.call(this, …)`, or `X.super_.call(this, …)` after `util.inherits(X, slackAPI)`), and that constructor requests the retired `rtm.start` (and again on each reconnect) through the package's own `reqAPI`; `getUser()`, `getChannel()`, `getGroup()` and `getIM()` read that answer. `withSlackbotapiRtmStart()` of the generated module answers that request for a class it returns, and a class cannot be run on an instance this way, so rtm-migrate leaves this unchanged. Make the subclass a `class … extends withSlackbotapiRtmStart(slackAPI)` (its constructor calling `super(…)`), or move the bot to `@slack/rtm-api`'s `RTMClient`.",
  /** `startRTM()` of a Botkit bot whose Botkit may be older than the release that calls `rtm.connect` (`version`: the installed one, or the declared range; undefined when neither is known). */
  botkitStartRtm: (connectSince: string, version: KnownVersion | undefined): string =>
    `\`startRTM()\` of this Botkit bot requests the retired \`rtm.start\` inside Botkit before ${connectSince} (${connectSince} and later call \`rtm.connect\`), and ${
      version === undefined
        ? 'nothing says which Botkit this runs with (none installed, no package.json declares it)'
        : version.from !== 'declared'
          ? `the Botkit ${versionHere(version)}`
          : `its package.json's \`"botkit": "${version.text}"\` allows such a release`
    }, so rtm-migrate leaves it unchanged. Upgrade \`botkit\` to ${connectSince} or later (the \`startRTM\` callback's third argument is then \`rtm.connect\`'s answer: \`url\`, \`self\` and \`team\` only; fetch anything else it reads with users.list, conversations.list and the like), or move the bot off Botkit to \`@slack/rtm-api\`'s \`RTMClient\`.`,
  /** `startRTM()` of a bot spawned from a copy of Botkit kept in the app (`module`, a relative path) whose file is not there to read. */
  botkitStartRtmVendored: (module: string, connectSince: string): string =>
    `\`startRTM()\` here starts a bot spawned from the copy of Botkit this file loads from \`${module}\`, which is not there to read, so rtm-migrate cannot tell which Botkit it is and changes nothing here. Botkit before ${connectSince} requests the retired \`rtm.start\` inside \`startRTM()\` (its \`Slackbot_worker.js\` calls \`bot.api.rtm.start\`). Run rtm-migrate on the project with \`${module}\` in it (that copy's own \`rtm.start\` call is then migrated where Botkit makes it), or replace the copy with \`botkit\` ${connectSince} or later from npm (the \`startRTM\` callback's third argument is then \`rtm.connect\`'s answer: \`url\`, \`self\` and \`team\` only).`,
  /** `startRTM()` on the app's own object (`this`, `new` of a class of the file) that nothing shows to be a Botkit bot. */
  botkitStartRtmAppObject: (connectSince: string): string =>
    `\`startRTM()\` here is called on the app's own object (\`this\`, or \`new\` of a class of this file), not on a bot Botkit made (\`controller.spawn(…)\`, a Botkit handler's \`bot\`), so rtm-migrate does not wrap it in \`${HELPER_EXPORTS.botkitStart}()\`, which needs the bot's \`bot.api\`. If this object is, or starts, a Botkit bot older than ${connectSince}, that bot's \`startRTM()\` requests the retired \`rtm.start\`: pass that bot to \`${HELPER_EXPORTS.botkitStart}()\` of the generated module (or upgrade \`botkit\` to ${connectSince} or later).`,
  /**
   * `new SlackBot(…)` of a `slackbots` release that may log in with `rtm.start` (`version`: the installed one, or the declared range; undefined when neither is known),
   * or (`onInstance`) its constructor called on an instance by an ES5 subclass.
   */
  slackbotsLogin: (connectSince: string, version: KnownVersion | undefined, onInstance = false): string =>
    `${onInstance ? "This call runs `slackbots`' constructor on an instance (an ES5 subclass: only slackbots 0.x, a function, can be run so; from 1.0 it is a class, so an upgrade makes the subclass a `class … extends`); the constructor logs in" : '`new SlackBot(…)` of `slackbots` (or of a class that `extends` it) logs in from its constructor'}, and before ${connectSince} that login requests the retired \`rtm.start\` (${connectSince} and later call \`rtm.connect\`); ${
      version === undefined
        ? 'nothing says which slackbots this runs with (none installed, no package.json declares it)'
        : version.from !== 'declared'
          ? `the slackbots ${versionHere(version)}`
          : `its package.json's \`"slackbots": "${version.text}"\` allows such a release`
    }, so rtm-migrate leaves it unchanged. Upgrade \`slackbots\` to ${connectSince} or later: the bot's \`users\`, \`channels\`, \`ims\` and \`groups\` are then no longer filled at login (read them through \`getUsers()\`, \`getChannels()\` and the like, which fetch them), and ${connectSince} looks groups up with usergroups.list, not groups.list (check \`postMessageToGroup\` and \`getGroup…\`); or move the bot to \`@slack/rtm-api\`'s \`RTMClient\`.`,
  /**
   * A bot of a slackbots release that logs in with `rtm.connect` (`version`) whose lists the app reads (`read`, at `line`)
   * as if its login still kept them of `rtm.start`'s data: the bot is wrapped all the same (blind s77/07).
   */
  slackbotsListsUnfilled: (version: KnownVersion, read: string, line: number): string =>
    `The slackbots ${versionHere(version)}, whose login requests \`rtm.connect\` and no longer keeps the ${list(SLACKBOTS.connectLeaves)} its login before ${SLACKBOTS.connectSince.join('.')} kept of \`rtm.start\`'s data; this code reads \`${read}\` (line ${String(line)}), which finds nothing there.`,
  /** Why `rtm.start` on the `slack` package's API object (smallwins/slack) is left unchanged. */
  slackPackage: (why: string): string =>
    `the call goes through the \`slack\` package, and ${why}. rtm-migrate rewrites such a call (to that package's \`rtm.connect\`, or to the generated helper module calling its \`users.list\`, \`conversations.list\`, \`conversations.members\` and \`rtm.connect\`) only on a version whose methods it checked (8.4 to 11.x, a promise from 9 on), called as the package takes it: \`client.rtm.start(args[, callback])\`.`,
  /** AUTHENTICATED data of a legacy client this file makes or gets but never starts (the start is where it is handed on). */
  authenticatedStartedElsewhere: (startOnly: readonly string[]): string =>
    `this \`authenticated\` handler reads the start data of a legacy \`@slack/client\` v3 \`RtmClient\` that this file does not start: its \`start()\` is called where the client is handed on (an importer of this module, say), which rtm-migrate does not follow from here, so it does not change that start. ${
      startOnly.length === 0
        ? "The fields read here also come with `rtm.connect`: make the client with `useRtmConnect: true` once the code that starts it is known to read nothing more (its `dataStore`, other handlers)"
        : `Fetch ${list(startOnly)} with their replacement methods before starting the client with \`useRtmConnect: true\``
    }, or run rtm-migrate on the code that starts it as well.`,
  /**
   * The app's transport is a method of an object its caller hands in (`owner`, a parameter): a framework
   * object that may publish each answer as an event named after its method. `listeners`: the
   * `'rtm.start'` listeners found in the project (`file:line`); with or without any, the call is left unchanged.
   */
  answerPublished: (transport: string, owner: string, listeners: readonly string[]): string =>
    `\`${transport}\` belongs to the caller's object \`${owner}\` (handed in as a parameter), which may publish each answer as an event named after its method (\`${owner}.emit('rtm.start', data)\`): rebuilt through it, \`rtm.start\`'s data come from users.list, conversations.list, \`rtm.connect\` and the like, so it publishes those events instead and listeners of \`'rtm.start'\` never fire. ${
      listeners.length === 0
        ? `No \`'rtm.start'\` listener is in the files rtm-migrate was given, but plugins of \`${owner}\` it never sees (other packages, the app's users) may listen, so rtm-migrate leaves this call unchanged: where none does, rewrite it to the replacement methods by hand; where one may, publish the rebuilt answer as \`'rtm.start'\` too.`
        : `The project listens for \`'rtm.start'\` (${listeners.join(', ')}), so rtm-migrate leaves this call unchanged: migrate those listeners' reads to the replacement methods (or publish the rebuilt answer as \`'rtm.start'\` yourself), then run rtm-migrate again.`
    }`,
  legacyDataStore:
    "this reads the legacy `@slack/client` v3 `dataStore`, which only `rtm.start`'s data fills, and rtm-migrate found no start of this client that it rewrites (not every legacy start of the package goes through the generated helper module, which fills the store): under `rtm.connect` (a client made to start with it too) the store holds only the bot and its team. Start the client through `startRtmClient()` of the module rtm-migrate generates (it writes that module where it rewrites a client's start), or fetch the data read with its replacement methods (or keep your own cache of them).",
  /** A Hubot script's read of hubot-slack's client's store (HUBOT_SLACK.store): filled inside the adapter, which rtm-migrate does not rewrite. */
  hubotDataStore: `this reads the data store of hubot-slack's RTM client (\`robot.${HUBOT_SLACK.store}\`), which the adapter's own \`rtm.start\` fills inside \`node_modules\`, where rtm-migrate rewrites nothing. On a Slack that retired it, hubot-slack before ${HUBOT_SLACK.connectSince.join('.')} does not start at all; from ${HUBOT_SLACK.connectSince.join('.')} (or with \`useRtmConnect\` in \`${HUBOT_SLACK.optionsEnv}\`) it starts with \`rtm.connect\`, and this store holds only the bot itself. Fetch the data read with its replacement methods through \`robot.adapter.client.web\` (users.list, conversations.list…), or keep the adapter on \`rtm.start\` through \`rtm-shim proxy\`, which answers it with all of it.`,
  /** A `dataStore` look-up left as it is: every v3 client start of its package now fills the store. */
  dataStoreFilled: (starts: number): string =>
    `unchanged: this \`dataStore\` look-up is right again, because every legacy \`RtmClient\` start in this package (${starts === 1 ? 'one start' : `${starts} starts`}) now goes through the generated helper module (\`startRtmClient()\`, \`startSlackClientRtm()\`), which fills the client's \`dataStore\` from the replacement methods before its AUTHENTICATED handlers run. Keep it that way: a client started otherwise (\`rtm.start()\`, \`login()\`) leaves its store empty.`,
  /** An AUTHENTICATED handler of a client started in another module, left as it is: every start of it in this package goes through the helper module. */
  authenticatedFilled: (starts: number): string =>
    `unchanged: this \`authenticated\` handler gets \`rtm.start\`'s data again, because every legacy \`RtmClient\` start in this package (${starts === 1 ? 'one start' : `${starts} starts`}) now goes through the generated helper module (\`startRtmClient()\`, \`startSlackClientRtm()\`), which adds the lists and team details it reads to the client's \`rtm.connect\` answer before its AUTHENTICATED handlers run. Keep it that way: a client started otherwise (\`rtm.start()\`, \`login()\`) hands this handler \`rtm.connect\`'s data alone.`,
  /**
   * AUTHENTICATED data of a client every start of which goes through the helper module in another
   * module, reading what that start does not fetch: extras it does not ask for (`asked`), fields no
   * replacement returns (`unbuilt`), or the data handed on (`handsOn`). `lookup`: a look-up in such a
   * client's `dataStore` (`getUserById(id).presence`), which the same start fills.
   */
  authenticatedNotAsked: (asked: readonly string[], unbuilt: readonly string[], handsOn: boolean, lookup = false): string =>
    `this ${lookup ? '`dataStore` look-up' : '`authenticated` handler'} reads the start data of a legacy \`@slack/client\` v3 \`RtmClient\` that another module of this package starts through \`${HELPER_EXPORTS.legacyStart}()\` of the generated helper module, which fetches only what that module's code reads, so rtm-migrate leaves this ${lookup ? 'look-up' : 'handler'} to you: ${[
      ...(asked.length > 0
        ? [
            `${list(asked)} ${asked.length === 1 ? 'comes' : 'come'} only when that start asks (\`${HELPER_EXPORTS.legacyStart}(rtm, {}, { include: [${asked.map((e) => `'${e}'`).join(', ')}] })\` where it is started), which rtm-migrate does not add for ${lookup ? 'a look-up' : 'a handler'} of another module nor reads back: fetch ${asked.length === 1 ? 'it' : 'them'} here with the replacement methods below, or add that option and remove this comment`,
          ]
        : []),
      ...(unbuilt.length > 0 ? [`no replacement method returns ${list(unbuilt)}`] : []),
      ...(handsOn ? ['the data go on to code rtm-migrate does not follow, which may read more (`subteams`, `dnd`, `team.prefs`: `optional` in the same options)'] : []),
    ].join('; ')}.`,
  /**
   * A call of (or a table entry re-exporting) the app's own wrapper whose `rtm.start` call goes through
   * the generated helper module: it is left as it is, the wrapper hands it the whole data as before.
   */
  wrapperCovered: (use: 'callback' | 'promise' | 'table', wrapper: string, place: string, previousRun: boolean): string =>
    `unchanged: ${use === 'table' ? 'this entry re-exports' : 'this call goes to'} the app's own \`${wrapper}\` (${place}), whose \`rtm.start\` call ${previousRun ? 'already goes' : 'now goes'} through \`rtmStartData()\` of the generated helper module: ${use === 'table' ? 'its callers get' : use === 'callback' ? 'the callback passed here gets' : 'the promise returned here gives'} the whole \`rtm.start\`-shaped data, rebuilt from users.list, conversations.list, conversations.members, team.info and \`rtm.connect\`, in the same way as before. Keep the wrapper that way: if it calls \`rtm.start\` again, this use breaks with it.`,
  methodModule:
    "this calls the app's own module for `rtm.start` (one module per Web API method): there is no method name here to change. Migrate that module (run rtm-migrate on it too): once it hands back the whole data through the generated helper module, this call needs no change.",
  /** A v3 client made in another module whose other starts are left unchanged: none of its starts is rewritten. */
  legacyClientOtherStarts:
    "the legacy `@slack/client` v3 `RtmClient` started here is made in another module, and not every start of it can go to the generated helper module: starting it with `rtm.connect` (`useRtmConnect: true` where it is made) would leave the other starts' AUTHENTICATED data and `dataStore` empty. Move every start of the client to `startRtmClient()` (or make them start it the same way), then run rtm-migrate again.",
  /** A v3 client started in a file of its package this run was not given (or made in one): no start of it is rewritten. */
  legacyClientUnseen: (files: readonly string[], made: boolean): string =>
    `the legacy \`@slack/client\` v3 \`RtmClient\` started here is ${made ? 'made' : 'also started'} in ${files.map((f) => `\`${f}\``).join(', ')}, which rtm-migrate was not given: starting it with \`rtm.connect\` (\`useRtmConnect: true\` where it is made) needs every start of it to go to \`startRtmClient()\`, or a start left as it was gets no AUTHENTICATED data and an empty \`dataStore\`. Run rtm-migrate on ${files.length === 1 ? 'that file' : 'those files'} and this one together.`,
  /** A start of what a function of the app's own module returns, where that module makes a v3 client the analysis could not tie to the value. */
  legacyClientFactoryUnseen: (module: string): string =>
    `this starts what a function of \`${module}\` returns, and that module makes a legacy \`@slack/client\` v3 \`RtmClient\`, which starts with \`rtm.start\`; rtm-migrate could not tell that the value is that client (every return of the function must return the variable the client is made into, only ever assigned \`new RtmClient(…)\`, or the \`new\` itself). If it is: make it so, and run rtm-migrate again (it then makes the client with \`useRtmConnect: true\` and starts it through the generated helper module), or move to \`@slack/rtm-api\`'s \`RTMClient\` and fetch the data read with its replacement methods.`,
  /** The `new RtmClient(…)` of a client other modules start through the helper module. */
  legacyClientMadeHere: (startedIn: readonly string[], ignoredArgs: boolean): string =>
    `the v3 \`RtmClient\` made here now takes \`useRtmConnect: true\`${ignoredArgs ? ' in its options, its second argument (the constructor is `RtmClient(token, opts)`: it ignores the arguments after them, and so any `useRtmConnect` given there, which left it calling `rtm.start`)' : ''}: ${startedIn.map((f) => `\`${f}\``).join(', ')} start${startedIn.length === 1 ? 's' : ''} it through \`startRtmClient()\` of the generated helper module, which fills its AUTHENTICATED data and \`dataStore\` first.`,
  methodTable:
    "`rtm.start` is an entry of a table the app generates its API wrappers from: the wrapper calls the retired method and its callers' reads are not followed. Use `rtm.connect` there and fetch the data the callers read with its replacement methods.",
  /** Why a method table is left unchanged. */
  tableUnseen: (why: string): string =>
    `rtm-migrate leaves the table unchanged: it moves the \`rtm.start\` entry to a wrapper that rebuilds the data through the app's own transport only where it follows the table's generator, and here ${why}.`,
  /** A method table's `rtm.start` entry moved to an override after its generator. */
  tableOverride: (path: string, module: string): string =>
    `the \`rtm.start\` entry left the method table: \`${path}\` is now stored after the generator, with the same arguments and callback, and rebuilds \`rtm.start\`'s data with \`rtmStartData()\` of the generated \`${module}\` through the same transport (users.list, conversations.list, conversations.members, team.info, then \`rtm.connect\`), calling back once, \`(err, data)\`.`,
  /** A listed release of a legacy SDK's own `rtm.start` facet, rewritten (core's SDK_RTM_START_FACETS). */
  sdkFacet: (module: string, okFalse: 'error-and-answer' | 'answer', promise: 'bluebird' | 'none'): string =>
    `the SDK's own \`rtm.start\` facet now rebuilds \`rtm.start\`'s data with \`rtmStartData()\` of the generated \`${module}\` through the same \`makeAPICall\` (users.list, conversations.list, conversations.members, team.info, then \`rtm.connect\`), with the same contract: ${promise === 'bluebird' ? "the SDK's own kind of promise without a callback, else one call back" : 'one call back (a no-op without a callback)'} \`(err, data)\`, and on an \`ok: false\` answer ${okFalse === 'answer' ? "Slack's answer as the data, with no error, as the SDK gave it" : "the SDK's own `(err, res)`"}.`,
  /** A listed release of a later SDK's own bound `rtm.start` (core's SDK_BOUND_RTM_START), rewritten. */
  sdkBoundStart: (module: string, callback: boolean): string =>
    `the SDK's own WebClient \`rtm.start\` now rebuilds \`rtm.start\`'s data with \`rtmStartData()\` of the generated \`${module}\` through the same client's \`apiCall\` (users.list, conversations.list, conversations.members, team.info, then \`rtm.connect\`), with the same contract: a promise that rejects with the platform error \`apiCall\` throws${callback ? ', or with a callback one call back through `callbackify` with that error or the data' : ''}.`,
  /** Why an SDK's own `rtm.start` in a listed release is left unchanged. */
  sdkUnseen: (why: string): string => `rtm-migrate rewrites an SDK's own \`rtm.start\` only as its release writes it, and ${why}.`,
  /** The SDK's own RTM client's call of that facet, left as it is. */
  sdkFacetCovered: (place: string, previousRun: boolean): string =>
    `unchanged: this call goes to the SDK's own \`rtm.start\` facet (${place}), which ${previousRun ? 'already goes' : 'now goes'} through \`rtmStartData()\` of the generated helper module and hands \`rtm.start\`'s data back the same way, Slack's error answer included (so \`invalid_auth\` still disconnects rather than reconnects). Keep the facet that way: if it calls \`rtm.start\` again, this use breaks with it.`,
  /** A start of what may be a v3 client, held where the analysis cannot follow one value (`where`: the `new` or `require` that may have made it). */
  /** A v3 client handed to a base class's constructor (`super(…)`), started by the base class where rtm-migrate does not follow it. */
  legacyClientToBase: (where: string): string =>
    `this legacy \`@slack/client\` v3 \`RtmClient\` (${where}) is handed to the base class's constructor, which rtm-migrate does not follow to where the client is started: that \`start()\` calls the retired \`rtm.start\`, so it changes nothing here. Make the client with \`useRtmConnect: true\` and fetch the data its AUTHENTICATED handlers and \`dataStore\` read with their replacement methods, or make and start it in one class and run rtm-migrate again.`,
  /** A v3 client handed to a base class's constructor, now made through the generated module's withLegacyRtmStart() (`where`: the `new`). */
  legacyClientToBasePrepared: (where: string, module: string): string =>
    `this legacy \`@slack/client\` v3 \`RtmClient\` (${where}) is handed to the base class's constructor, which starts it where rtm-migrate does not follow it: it is now made through \`${HELPER_EXPORTS.legacyPrepare}()\` of the generated \`${module}\`, so that whatever starts it, its \`rtm.start\` request goes as \`rtm.connect\` and its AUTHENTICATED data and \`dataStore\` are filled first from users.list, conversations.list, conversations.members, team.info, as \`rtm.start\` filled them.`,
  /** The start of the app's own class (`type`) whose every instance holds a v3 client made through withLegacyRtmStart() (`places`: the `super(…)` calls handing it). */
  baseClassCovered: (receiver: string, type: string, places: readonly string[], previousRun: boolean): string =>
    `unchanged: \`${receiver}\` is a \`${type}\`, and every \`${type}\` is made by a subclass that hands it a legacy \`@slack/client\` v3 \`RtmClient\` ${previousRun ? 'made' : 'now made'} through \`${HELPER_EXPORTS.legacyPrepare}()\` of the generated helper module (${places.map((p) => `\`${p}\``).join(', ')}): whatever \`${type}\` forwards this \`start()\` to, that client starts with \`rtm.connect\` and its AUTHENTICATED data and \`dataStore\` are filled first. Keep it so: a \`${type}\` made otherwise (\`new ${type}(…)\`, another subclass) would need its client made the same way.`,
  /** `start()` of an `RtmClient` made from a package rtm-migrate does not know (`where`: the `new`). */
  legacyClientOfUnknownModule: (module: string, where: string): string =>
    `what is started here is an \`RtmClient\` made from \`${module}\` (${where}), a package rtm-migrate does not know, so it changes nothing here. \`RtmClient\` is the name of the legacy Slack SDK's client alone (\`@slack/client\` before 4, \`slack-client\` 2), whose \`start()\` calls the retired \`rtm.start\`. If \`${module}\` is (a copy of) that SDK, require it by its own name (\`@slack/client\`, 3.10 or later) and run rtm-migrate again, or move to \`@slack/rtm-api\`'s \`RTMClient\` and fetch the data read with its replacement methods.`,
  /** A v3 client made by the `RtmClient` of a holder given more than one module (`module`), one of them the SDK. */
  legacyClientModuleChosen: (module: string, where: string): string =>
    `what is started here is made by ${where}, and \`${module}\` is given more than one module (chosen by a condition, such as a test's stand-in beside the SDK), one of them the legacy \`@slack/client\` v3, whose \`RtmClient\` starts with \`rtm.start\`: rtm-migrate cannot tell which one is loaded, so it changes nothing here. Where it is that SDK, make the client with \`useRtmConnect: true\` (3.10 or later) and fetch the data its handlers and \`dataStore\` read with their replacement methods before it starts, or move to \`@slack/rtm-api\`'s \`RTMClient\`.`,
  legacyClientUnfollowed: (where: string, slackClient = false): string =>
    `what is started here is given more than one value (set again, or chosen by a condition), and one of them is a legacy ${slackClient ? '`slack-client` 1.x client' : '`@slack/client` v3 `RtmClient`'} (${where}), which starts with \`rtm.start\`: rtm-migrate cannot tell which one is started, so it changes nothing here. Make the client once, in one variable or field (its options written out), and run rtm-migrate again, or move to \`@slack/rtm-api\`'s \`RTMClient\` and fetch the data read with its replacement methods.`,
  /** A v3 client given `useRtmConnect: true` where nothing names the `@slack/client` release it runs with (blind s83/01: 2.3.0, no package.json); `files`: the warning's, naming them. */
  legacyClientReleaseUnknown: (files?: readonly string[]): string =>
    `${files === undefined ? 'N' : `\`useRtmConnect: true\` is given to the v3 \`RtmClient\` of ${files.join(', ')}, but n`}othing says which \`${LEGACY_RTM_CONNECT_SUPPORT.module}\` this code runs with (no package.json above it names it, and none is installed): \`useRtmConnect\` is read from ${LEGACY_RTM_CONNECT_SUPPORT.since.join('.')} on, and an older release (2.x, 3.0 to 3.9) ignores it and keeps requesting \`rtm.start\`. Make sure the app runs ${LEGACY_RTM_CONNECT_SUPPORT.since.join('.')} or later: declare \`"${LEGACY_RTM_CONNECT_SUPPORT.module}": "^${LEGACY_RTM_CONNECT_SUPPORT.since.join('.')}"\` and install.`,
  /** A v3 client proven to need nothing of rtm.start's data: the option alone. */
  legacyConnectOnly: (fields: readonly string[]): string =>
    `\`useRtmConnect: true\` added: the client now starts with \`rtm.connect\`; ${fields.length > 0 ? `its AUTHENTICATED data is read only for ${fields.map((f) => `\`${f}\``).join(', ')}, which \`rtm.connect\` returns too` : 'nothing reads its AUTHENTICATED data'}, and it keeps no \`dataStore\` (\`dataStore: false\`), so no list is fetched.`,
  /**
   * A client made out of sight whose package runs an SDK before 3 (`which`: `the \`slack-client\` its
   * package.json allows (\`^2.0.4\`)`, `\`@slack/client\` 2.3.0`…): the package's version is the user's to raise.
   */
  legacyClientTooOld: (which: string): string =>
    `the legacy \`RtmClient\` starts with \`rtm.start\` and hands its data to the AUTHENTICATED event and \`dataStore\`, and ${which} has no \`useRtmConnect\` (added in ${LEGACY_RTM_CONNECT_SUPPORT.since.join('.')}) nor the v3 request queue the generated module's run-time start sends \`rtm.connect\` through, so rtm-migrate cannot start a client made where it cannot see it with \`rtm.connect\` and leaves the version to you: raise \`@slack/client\` to \`^${LEGACY_RTM_CONNECT_SUPPORT.since.join('.')}\` (still 3.x, the same API), install, and run rtm-migrate again: it then starts the client with \`rtm.connect\`, filling first the part of its data and \`dataStore\` the app reads (none, where nothing reads them). Or move to \`@slack/rtm-api\`'s \`RTMClient\` (it uses \`rtm.connect\`) and fetch the data read with its replacement methods.`,
  /** TypeScript files changed under a tsconfig.json, but the project has no TypeScript installed to check them with. */
  typeCheckNotRun:
    'the changed TypeScript files were not type-checked: the project has no `typescript` installed for rtm-migrate to load (install the project\'s dependencies and run rtm-migrate again, or run `tsc --noEmit` before committing).',
  /** The project's own TypeScript is older than the compiler API the type-check runs it through (blind s66/01: 1.5 and 2.4 lack it, 2.8 fails in it). */
  typeCheckTooOld: (version: string, since: string): string =>
    `the changed TypeScript files were not type-checked: the project's \`typescript\` ${version} is older than ${since}, whose compiler API the check needs (run the project's own \`tsc\` before committing).`,
  /** A v3 client the helper module would start, but whose handlers read fields no list call returns (`has_pins`, `bots[].icons`). */
  legacyClientUnbuilt: (unbuilt: readonly string[]): string =>
    `the legacy \`@slack/client\` v3 \`RtmClient\` starts with \`rtm.start\` and hands its data to the AUTHENTICATED event and \`dataStore\`. rtm-migrate would start it with \`rtm.connect\` and fill that data first, but the code reads ${list(unbuilt)}, which no list method returns (a call per item, or none at all: see the replacements below), so it leaves this start to you: fetch ${unbuilt.length === 1 ? 'that field' : 'those fields'} where ${unbuilt.length === 1 ? 'it is' : 'they are'} read (or stop reading ${unbuilt.length === 1 ? 'it' : 'them'}) and run rtm-migrate again, or move to \`@slack/rtm-api\`'s \`RTMClient\` (it uses \`rtm.connect\`) and fetch the data read with its replacement methods.`,
  slackClientUnbuilt: (unbuilt: readonly string[]): string =>
    `\`login()\` of this \`slack-client\` 1.x client requests the retired \`rtm.start\` inside the SDK. rtm-migrate would log it in through \`${HELPER_EXPORTS.slackClientLogin}()\` of its generated module, which rebuilds the client's users, channels, groups and DMs from the list methods, but the code reads ${list(unbuilt)} of the client's items, which no list method returns (a call per item: see the replacements below), so it leaves this login to you: fetch ${unbuilt.length === 1 ? 'that field' : 'those fields'} where ${unbuilt.length === 1 ? 'it is' : 'they are'} read (or stop reading ${unbuilt.length === 1 ? 'it' : 'them'}) and run rtm-migrate again, or move the bot to \`@slack/rtm-api\`'s \`RTMClient\` (it uses \`rtm.connect\`) and fetch the data read with its replacement methods.`,
  /** A v3 client the helper module starts with all of its data (scan's report): the use of it that is why. */
  /** Why a v3 client whose every read is followed still gets the whole data: its store, where it goes. */
  legacyClientStoreFilled: `the client keeps a \`dataStore\` (@slack/client ${LEGACY_RTM_CONNECT_SUPPORT.defaultStoreSince} and later make one where the options name none), which holds what the bot knows: it is filled with all of the data, as \`rtm.start\` filled it (with \`dataStore: false\` in the options, rtm-migrate would fetch only what the code reads)`,
  legacyClientWholeData: (where: string, code: string): string =>
    `all of its data is fetched: the client is used at ${where} (\`${code}\`), where rtm-migrate does not follow what is read of its data or \`dataStore\``,
  legacyClient:
    "the legacy `@slack/client` v3 `RtmClient` starts with `rtm.start` and hands its data to the AUTHENTICATED event and `dataStore`: move to `@slack/rtm-api`'s `RTMClient` (it uses `rtm.connect`) and fetch the data read with its replacement methods. Or upgrade to `@slack/client` 3.10 or later (`slack-client` 2.x and older releases have no `useRtmConnect`), make the client in a variable or a field of `this` with its options written out, and run rtm-migrate again: it then starts the client with `rtm.connect` and fills its data and `dataStore` first.",
  startTypes:
    "the response is stored where the code's own types are those of `rtm.start`'s response (`RtmStartResponse`, `ReturnType<WebClient['rtm']['start']>`; @slack/web-api 8 removed `rtm.start`), and rtm-migrate retypes them to its helper module's `RtmStartData` only where every `rtm.start` call of the file goes to that module: type it after the data you fetch, then run rtm-migrate again.",
  noPaginate: (client: string): string =>
    `the call goes through ${client}, which may have no \`paginate\` (only @slack/web-api's \`WebClient\` is sure to): fetch the fields read by hand before \`rtm.connect\`, or type the client as @slack/web-api's \`WebClient\` and run rtm-migrate again.`,
  /** `shim`: `--helper shim` would rewrite this very site (the codemod's `shimApplies`); only then is it suggested. */
  notAwaited: (shim: boolean): string =>
    `the response is used in a promise chain or a callback: rewrite it to \`const res = await …\` first (then run rtm-migrate again)${shim ? ', or run rtm-migrate with `--helper shim`' : ''}.`,
  /** `rtm.start` on an `rtm` held alone (`import { rtm } from 'slack'`, `const { rtm } = web`): `callee` as written. */
  facetAlone: (callee: string): string =>
    `\`${callee}\` is called on an \`rtm\` held alone (imported or destructured from its client), and the fields read are fetched through that client (\`users.list\`, \`conversations.list\`, …), which this call does not name: call \`rtm.start\` on the client itself (\`slack.rtm.start(…)\`, \`web.rtm.start(…)\`) and run rtm-migrate again, or fetch the fields read by hand before \`rtm.connect\`.`,
  callApply: '`rtm.start` is called through `.call` / `.apply`: call `client.rtm.connect(args)` directly and fetch the fields read first.',
  // No `--helper shim` hint: rtmStartCompat() builds none of the fields the inline rewrite cannot fetch (shimBuilds).
  noInline: (fields: readonly string[]): string => `rtm-migrate has no inline rewrite for ${list(fields)}: replace these reads by hand.`,
  /** The answer (or a part of it, `path`) sent to another service in a request of `request`, at `at`; `gaps`: what no method returns now of it. */
  answerSentOut: (request: string, path: string, at: string, gaps: readonly string[]): string =>
    `${path === '' ? 'the whole answer' : `\`${path}\` of the answer`} is sent out of the program in the request of \`${request}\` (${at}): the service that gets it may read any of its fields, and a rewrite would send it without ${gaps.length} of them (${list(gaps.slice(0, 6))}${gaps.length > 6 ? '…' : ''}: no Web API method returns ${path === '' ? 'the top-level ones and those of `self` and `team`' : 'those'} now${path === '' ? ", a list item's only by a call per item" : ''}), where no warning of this program reaches, so rtm-migrate changes nothing here. Send what that service needs: the lists and members \`rtmStartData()\` of the generated helper module rebuilds (users.list, conversations.list, conversations.members…), without what no method returns; then run rtm-migrate again.`,
  /**
   * The data reach code the analysis does not follow, and that code names fields the migrated data do not have
   * (`spelled`: each with where it is first written and core's advice): the migration would answer `undefined` there.
   */
  goneFieldsNamed: (spelled: readonly { readonly field: string; readonly at: string; readonly advice: string }[]): string =>
    `the data go on to code rtm-migrate does not follow, and that code names ${spelled.map((s) => `\`${s.field}\` (${s.at})`).join(', ')}, which the migrated data do not have, so after the migration ${spelled.length === 1 ? 'that read answers' : 'those reads answer'} \`undefined\` where \`rtm.start\` answered a value (${spelled.map((s) => `\`${s.field}\`: ${s.advice}`).join('; ')}). Replace ${spelled.length === 1 ? 'that read' : 'those reads'}, then run rtm-migrate again.`,
  /** `connect-only` on arguments not written out, passed on as they are (the codemod's `passableToConnect`). */
  connectArgsPassed: `Only fields that \`rtm.connect\` also returns are read: \`rtm.start\` → \`rtm.connect\`, given the same arguments (not written out here). It uses ${list(RTM_CONNECT_ARGS)} and Slack ignores the others, which only shaped the data \`rtm.start\` returned and this code does not read.`,
  /** `connect-only` on arguments held in a name whose one value is an object literal (the codemod's `heldArgNames`). */
  connectArgsHeld: (name: string, startOnlyArgs: readonly string[]): string =>
    `Only fields that \`rtm.connect\` also returns are read: \`rtm.start\` → \`rtm.connect\`, given \`${name}\` as before${startOnlyArgs.length > 0 ? `, without ${list(startOnlyArgs)}, which only \`rtm.start\` knew` : ''}.`,
  rewrite: (kind: string, fields: readonly string[], byMethod: readonly PlannedCall[]): string => {
    if (kind === 'connect-only') return 'Only fields that `rtm.connect` also returns are read: `rtm.start` → `rtm.connect`, start-only arguments dropped.';
    if (kind === 'drop-option') return 'Arguments / options that only `rtm.start` knew are dropped: the client now uses `rtm.connect`.';
    const methods = [...new Set(byMethod.map((c) => c.method))].filter((m) => m !== 'rtm.connect');
    const via = kind === 'shim' ? '`rtmStartCompat()` from @rtm-migrate/shim' : methods.join(', ');
    return `${list(fields)} now come from ${via}, fetched before \`rtm.connect\`.`;
  },
  /** A helper-module call whose response escapes: the extras it fetches as `optional`, and what it still leaves out. */
  /** Why a scope an optional extra of the generated module needs is optional (`extra`: `team.prefs`, `dnd`, `subteams`). */
  optionalExtraScope: (extra: string): string => `to fill \`${extra}\` for code rtm-migrate cannot follow; without it the start goes on without \`${extra}\`, with a warning`,
  escapeExtras: (extras: readonly string[]): string =>
    `The data leave code rtm-migrate can follow, so ${list(extras)} ${extras.length === 1 ? 'is' : 'are'} fetched too (\`optional\`: left out, with a warning, where the token lacks the scope). Not fetched for whoever gets the data: per-conversation \`latest\`, \`last_read\` and unread counts (one call per conversation: fetch them where they are read); \`cache_ts\` and \`latest_event_ts\` have no replacement.`,
  /**
   * A helper-module call whose response escapes, through an app transport that does not hand errors
   * back (`why`): the extras whoever gets the data may read are not asked for, since one Slack refuses
   * (a token without its scope) would end the start where `optional` means "left out".
   */
  extrasErrorsNotReturned: (extras: readonly string[], why: string): string =>
    `The data leave code rtm-migrate can follow, but ${list(extras)} ${extras.length === 1 ? 'is' : 'are'} not fetched for whoever gets them: ${why}, so an extra Slack refuses (a token without its scope answers \`missing_scope\`) would stop the start where \`rtm.start\` simply left it out. Where they are read, fetch them by hand through a call that hands Slack's error back. Not fetched either: per-conversation \`latest\`, \`last_read\` and unread counts; \`cache_ts\` and \`latest_event_ts\` have no replacement.`,
  /**
   * A helper-module site whose lists reach code rtm-migrate cannot follow, with item attributes only
   * `rtm.start` gave (`escapedItemsData`): not fetched (a call per item at every start), but the
   * generated module's items warn on a read of one, so the loss is loud.
   */
  itemGapsWarned: (data: { list: string; fields: string; replacements: string }): string =>
    `Code rtm-migrate cannot follow gets ${data.list} and may read ${data.fields}, which the replacement lists lack: they are not fetched (a call per item at every start); on the helper module's items a read of one answers \`undefined\` and warns once at run time (${data.replacements}).`,
  /**
   * A helper-module site whose conversation lists (`lists`: `channels`, `ims`…) reach code rtm-migrate cannot
   * follow, their read state not fetched: the generated module's items (and a v3 dataStore's models) warn on a read.
   */
  readStateWarned: (lists: readonly string[]): string =>
    `The read state (\`last_read\`, \`unread_count\`, \`unread_count_display\`) of ${list(lists)} is not fetched (a \`conversations.info\` per conversation the bot is in) unless \`include\` names it: on the helper module's items, and a v3 dataStore's models, a read of it answers \`undefined\` and warns once at run time, naming the entry to add.`,
  /**
   * A helper-module site whose `self` / `team` reach code rtm-migrate cannot follow, with attributes only
   * `rtm.start` gave (`escapedObjectData`): the generated module's `self` and `team` warn on a read of one
   * (the warning, not this line, says where each comes from now: it would repeat for every such site).
   */
  objectGapsWarned: (data: { object: string; fields: string; written: string; events: string }): string =>
    `Code rtm-migrate cannot follow gets ${data.object} and may read ${data.fields}, which neither \`rtm.connect\` nor the helper module's calls return: on the module's data a read of one answers \`undefined\` and warns once at run time, saying where it comes from now (code that hands the data on whole, to a log or another service, hands them on without).${writtenGapsSentence(data)}`,
  /** The same for a `slack-client` 1.x client, which copies `self` into a User of its own: the wrapper gives the copy the getters. */
  objectGapsCopied: (data: { object: string; fields: string; written: string; events: string }): string =>
    `Code rtm-migrate cannot follow may read ${data.fields} off the client's \`self\`, which neither \`rtm.connect\` nor the helper module's calls return: \`slack-client\` copies \`self\` into a User of its own, and the wrapper gives that copy the module's getters, so a read of one answers \`undefined\` and warns once at run time, saying where it comes from now.${writtenGapsSentence(data)}`,
  /**
   * A `slack-client` 1.x client logged in through the generated module: it keeps `rtm.start`'s lists as
   * objects of its own (`client.groups`), whose attributes the replacement lists lack warn on a read as the
   * module's items do; read state and `is_open` are fetched only where the analysis saw them read (presence never).
   */
  slackClientItemGaps: (data: { list: string; fields: string; replacements: string }, extras: readonly string[]): string =>
    `The client keeps ${data.list} as objects of its own, and code rtm-migrate cannot follow may read ${data.fields} off them, which the replacement lists lack: they are not fetched (a call per item at every start); the wrapper gives the client's copies the module's getters, so a read of one answers \`undefined\` and warns once at run time (${data.replacements}). ${extras.length > 0 ? `${list(extras)} ${extras.length === 1 ? 'is' : 'are'} fetched because the bot's code reads ${extras.length === 1 ? 'it' : 'them'} (this file through the client, or another module of its program names ${extras.length === 1 ? 'it' : 'them'}); ` : ''}Read state (\`unread_count\`, \`last_read\`) and \`is_open\` of groups and DMs are fetched only where this file reads them through the client (its maps, look-ups, \`getUnreadCount()\`) or another module of its program (the files it loads or is loaded by) names them: read by code out of this run, add them to the wrapper's \`include\`, or they answer \`undefined\`; \`users[].presence\`, which \`rtm.start\` had not sent since January 2018, is not fetched.`,
  /** A bound helper-module function (`rtmStartData.bind(null, client)`) whose data escape: the extras it cannot ask for. */
  boundExtras: (extras: readonly string[]): string =>
    `The data leave code rtm-migrate can follow, and a bound \`rtmStartData\` cannot ask for more: ${list(extras)} are not fetched (where it is called, pass \`{ optional: [${extras.map((e) => `'${e}'`).join(', ')}] }\` after the arguments if they are read), nor per-conversation \`latest\`, \`last_read\` and unread counts; \`cache_ts\` and \`latest_event_ts\` have no replacement.`,
  /** A client started through the helper module whose handlers read extras beyond the lists. */
  clientExtras: (extras: readonly string[]): string => `It also fetches ${list(extras)}, which the client's handlers read (an error fetching them fails the start).`,
  /**
   * A rewritten site that reads `users[].presence`, which `rtm.start` had stopped sending (its fact's
   * `droppedFromRtmStart`): the rewrite keeps the `undefined` the read found and fetches nothing; the
   * report names the read, what fetching it costs at the assumed size, and how (`include`, for the helper module).
   */
  presenceNotFetched: (data: { since: string; users: number; floorSeconds: number; include?: string }): string =>
    `\`users[].presence\` is read, but \`rtm.start\` had sent no presence since ${monthOf(data.since)}: the read answers \`undefined\`, as it did, and presence is not fetched. Where the bot needs it, ${data.include === undefined ? '' : `add \`'users[].presence'\` to the \`include\` option of the call into \`${data.include}\`, which makes `}one ${METHODS.usersGetPresence} call per user at every start (${RATE_TIERS[METHOD_TIERS[METHODS.usersGetPresence]].description}, so at least ${data.floorSeconds} s for ${data.users} users), or keep it from \`presence_change\` events.`,
  /**
   * A package the project depends on whose entry file loads a client that starts with `rtm.start` in the
   * releases its own package.json allows (core's RTM_START_PACKAGES): rtm-migrate rewrites the project's
   * files, never an installed package, so what that package starts is left to the user, said loudly.
   */
  dependencyStarts: (data: { dependency: string; version: string | undefined; entry: string; module: string; range: string; since: readonly number[] | undefined }): string =>
    `\`${data.dependency}\`${data.version === undefined ? '' : ` ${data.version}`}, a dependency, loads \`${data.module}\` ${data.range} in ${data.entry}, whose client starts with the retired \`rtm.start\` (${data.since === undefined ? 'in every release' : `before ${data.since.join('.')}`}): rtm-migrate does not rewrite installed packages. ${data.dependency === HUBOT_SLACK.module ? hubotSlackAdvice(data.version) : 'Upgrade it to a release that calls `rtm.connect`, replace it, or run the bot through `rtm-shim proxy`'}; where the app does not use it, remove it from package.json${KEEP_WHAT_IT_BROUGHT}.`,
  /** A Botkit plugin the project depends on whose own code calls `startRTM()` (`at`) on the bots of the controller the app hands it, the app's `botkit` being `botkit` (a version or range) before `since`. */
  dependencyStartsBotkit: (data: { dependency: string; version: string | undefined; at: string; botkit: string; since: readonly number[] }): string =>
    `\`${data.dependency}\`${data.version === undefined ? '' : ` ${data.version}`}, a dependency, calls \`startRTM()\` in its own code (${data.at}) on Botkit bots of the controller the app hands it, and the app's \`botkit\` ${data.botkit} starts them with the retired \`rtm.start\` (before ${data.since.join('.')}): rtm-migrate rewrites the app's own \`startRTM()\` calls, not those in installed packages. Upgrade \`botkit\` to ${data.since.join('.')} or later (its \`startRTM()\` calls \`rtm.connect\`; the data its callback gets then has no lists), replace the plugin, or run the bot through \`rtm-shim proxy\`; where the app does not use it, remove it from package.json${KEEP_WHAT_IT_BROUGHT}.`,
  /** A helper-module rewrite left undone in a TypeScript file whose package compiles with a TypeScript older than the generated module needs (`says`: which one, and how it is known). */
  helperTypescriptTooOld: (says: string): string => {
    const needed = WRITTEN_SYNTAX.helperModule.older.replace(/\.0$/, '');
    return `The rewrite here would call the module rtm-migrate generates, whose TypeScript needs ${needed}+ (it uses ${WRITTEN_SYNTAX.helperModule.olderNeeds}), and this package compiles with an older one (${says}): tsc would report errors in it and emit JavaScript that fails when loaded, so rtm-migrate leaves this unchanged. Allow TypeScript ${needed}+ and run rtm-migrate again, or migrate this start by hand: \`rtm.connect\`, with what the code reads fetched from users.list, conversations.list and conversations.members.`;
  },
  /** A CommonJS file of a package that bundles with rollup and no CommonJS plugin (`manifest`: its package.json): the helper module would be left out of the bundle. */
  helperNotBundled: (manifest: string): string =>
    `The rewrite here would \`require()\` the module rtm-migrate generates, and this file's package builds with rollup (${manifest}) without a CommonJS plugin: rollup leaves a \`require()\` of a local module as it is, so the bundle would look for that module beside itself, where it is not, and fail when loaded. rtm-migrate leaves this unchanged. Add \`@rollup/plugin-commonjs\` to the build (or write this file with \`import\`) and run rtm-migrate again, or migrate this start by hand: \`rtm.connect\`, with what the code reads fetched from users.list, conversations.list and conversations.members.`,
  /** A package the project depends on whose own code (`at`) starts a client of `module` the app makes and hands it, the app's `module` being `range` (a version or range) that may start with `rtm.start`. */
  dependencyStartsHanded: (data: { dependency: string; version: string | undefined; at: string; module: string; range: string; since: readonly number[] | undefined }): string =>
    `\`${data.dependency}\`${data.version === undefined ? '' : ` ${data.version}`}, a dependency, starts in its own code (${data.at}) a \`${data.module}\` client the app makes and hands it, and the app's \`${data.module}\` ${data.range} starts such a client with the retired \`rtm.start\` (${data.since === undefined ? 'in every release' : `before ${data.since.join('.')}`}): rtm-migrate rewrites the app's own starts, not those in installed packages. ${data.module === LEGACY_RTM_CONNECT_SUPPORT.module ? `Make the client it is handed with \`useRtmConnect: true\` (@slack/client ${LEGACY_RTM_CONNECT_SUPPORT.since.join('.')}+) and fill what the package reads of its \`dataStore\` yourself (users.list, conversations.list, conversations.members); or upgrade or replace the package, or run the bot through \`rtm-shim proxy\`.` : 'Upgrade or replace the package, or run the bot through `rtm-shim proxy`.'}`,
  /** A package the project depends on, named for Slack, whose own code names `rtm.start` (`at`): its client may request it. */
  /** Dependencies named for Slack that are declared but not installed: their code could not be read. */
  dependencyUnread: (manifest: string, dependencies: readonly string[]): string =>
    `${manifest} declares ${dependencies.join(', ')}, named for Slack, but ${dependencies.length === 1 ? 'it is' : 'they are'} not installed, so rtm-migrate could not read whether ${dependencies.length === 1 ? 'its' : 'their'} own code requests \`rtm.start\` (a Slack library of its time may, and the bot then breaks with no line of its own naming it). Install the dependencies and run rtm-migrate again.`,
  dependencyNamesRtmStart: (data: { dependency: string; version: string | undefined; at: string }): string =>
    `\`${data.dependency}\`${data.version === undefined ? '' : ` ${data.version}`}, a dependency, names the retired \`rtm.start\` in its own code (${data.at}): where its client requests it, it fails as the app's own call would, and rtm-migrate does not rewrite installed packages. Upgrade it to a release that calls \`rtm.connect\`, replace it, or run the bot through \`rtm-shim proxy\`; where the app does not use it, remove it from package.json${KEEP_WHAT_IT_BROUGHT}.`,
  /** A site rewritten to call the helper module rtm-migrate generates into the project. */
  /** `parts`: what a library's wrapper is asked for where every read is known (undefined: the whole data). */
  helperModule: (client: 'none' | 'legacy-client' | 'legacy-client-start' | 'slack-client' | 'slack-client-login' | 'rtm-api-client' | 'botkit' | 'slackbots' | 'slackbots-call' | 'slackbotapi' | 'slack-package', fields: readonly string[], module: string, parts?: readonly string[]): string =>
    client === 'slack-package'
      ? `\`listen()\` of this \`slack\` package bot now goes through \`${HELPER_EXPORTS.slackPackageStart}()\` of the generated \`${module}\`, whose \`listen()\` does what the package's did but for \`rtm.start\`: the data come from users.list, conversations.list, conversations.members, team.info, then \`rtm.connect\`, called through the package's own methods (the token of \`listen\`'s arguments, the package's API URL), and the socket is opened at \`rtm.connect\`'s url with the package's own \`ws\`, so its \`started\` handlers and \`listen\`'s callback get the whole data again and its event handlers the socket's messages. \`team.prefs\` is not fetched (no version of the package has ${SLACK_PACKAGE.missingMethods.join(', ')}): it is an empty object that keeps what is written into it, and a read of a key never written warns once.`
      : client === 'slackbots-call'
      ? `the instance this call runs \`slackbots\`' constructor on now goes through \`${HELPER_EXPORTS.slackbotsStartOn}()\` of the generated \`${module}\`, which gives it an \`_api\` of its own: the \`rtm.start\` request the constructor's login makes (before ${SLACKBOTS.connectSince.join('.')}) is answered from users.list, conversations.list, conversations.members, team.info, then \`rtm.connect\`, called through the bot's \`_api\` as it was (its token and API URL), so its \`users\`, \`channels\`, \`groups\` and \`ims\` are filled again; every other call goes through as it did.`
      : client === 'slackbotapi'
      ? `\`new slackAPI(…)\` (or a class that \`extends\` it) now makes its bots with \`${HELPER_EXPORTS.slackbotapiStart}()\` of the generated \`${module}\` (a subclass: \`instanceof\` still holds): the \`rtm.start\` request \`slackbotapi\` makes from its constructor and on each reconnect is answered from users.list, conversations.list, conversations.members, team.info, then \`rtm.connect\`, called through the package's own \`reqAPI\` (its token and API URL), so its \`users\`, \`channels\`, \`groups\` and \`ims\` (for \`getUser()\`, \`getChannel()\`, \`getGroup()\`, \`getIM()\`) are filled again; every other call goes through as it did.`
      : client === 'slack-client-login'
      ? `\`login()\` of this \`slack-client\` 1.x client now goes through \`${HELPER_EXPORTS.slackClientLogin}()\` of the generated \`${module}\`: the \`rtm.start\` request the SDK makes inside it is answered from users.list, conversations.list, conversations.members, team.info, then \`rtm.connect\`, called through the client's own \`_apiCall\` (its token and API host), so its \`users\`, \`channels\`, \`groups\` and \`dms\` are filled again before \`loggedIn\`; every other call goes through as it did.`
      : client === 'botkit'
      ? `\`startRTM()\` of this Botkit bot now goes through \`${HELPER_EXPORTS.botkitStart}()\` of the generated \`${module}\`: the \`rtm.start\` request Botkit makes inside it (before ${BOTKIT.connectSince.join('.')}) is answered from users.list, conversations.list, conversations.members, team.info, then \`rtm.connect\`, called through the bot's own \`bot.api.callAPI\` (its token and API URL), so its callback gets the whole data again. ${botkitUpgrade(parts)}`
      : client === 'slackbots'
      ? `\`new SlackBot(…)\` (or a class that \`extends\` it) now makes its bots with \`${HELPER_EXPORTS.slackbotsStart}()\` of the generated \`${module}\` (a subclass: \`instanceof\` still holds): the \`rtm.start\` request its login makes before ${SLACKBOTS.connectSince.join('.')}, and the \`rtm.connect\` one it makes from then on, are answered from users.list, conversations.list, conversations.members, team.info, then \`rtm.connect\`, called through the bot's own \`_api\` (its token and API URL), so its \`users\`, \`channels\`, \`groups\` and \`ims\` are filled again, whichever release runs.`
      : client === 'slack-client'
      ? `the 2.x \`RtmClient\` (\`slack-client\`, \`@slack/client\` 2; it has no \`useRtmConnect\`) now starts through \`startSlackClientRtm()\` of the generated \`${module}\`: its \`rtm.start\` request is answered from users.list, conversations.list, conversations.members, team.info, then \`rtm.connect\`, before its \`dataStore\` caches the data and its AUTHENTICATED handlers run.`
      : client === 'legacy-client-start'
      ? `the v3 \`RtmClient\` (an \`@slack/client\` before ${LEGACY_RTM_CONNECT_SUPPORT.since.join('.')}: it has no \`useRtmConnect\`) now starts through \`startRtmClient()\` of the generated \`${module}\`: the \`rtm.start\` request it makes on every start and reconnect is sent as \`rtm.connect\` through its own request queue, its answer completed from users.list, conversations.list, conversations.members, team.info before its \`dataStore\` caches the data and its AUTHENTICATED handlers run. Raising \`@slack/client\` to ${LEGACY_RTM_CONNECT_SUPPORT.since.join('.')} or a later 3.x needs no change back.`
      : client === 'legacy-client'
      ? `the v3 \`RtmClient\` now starts with \`rtm.connect\` (\`useRtmConnect: true\`); \`startRtmClient()\` of the generated \`${module}\` fills its AUTHENTICATED data and \`dataStore\` first (users.list, conversations.list, conversations.members, team.info).`
      : client === 'rtm-api-client'
        ? `\`RTMClient\` now starts with \`rtm.connect\` (\`useRtmConnect: false\` dropped); \`withRtmStartData()\` of the generated \`${module}\` gives its \`authenticated\` event and \`start()\` result ${fields.length > 0 ? `${list(fields)} and the rest of \`rtm.start\`'s data` : `\`rtm.start\`'s data`} (users.list, conversations.list, conversations.members, team.info, then \`rtm.connect\`).`
        : `${fields.length > 0 ? `${list(fields)} and the rest of \`rtm.start\`'s data` : `\`rtm.start\`'s data`} now come from \`rtmStartData()\` of the generated \`${module}\` (users.list, conversations.list, conversations.members, team.info, then \`rtm.connect\`).`,
  /**
   * A legacy client started through the helper module whose every read of its data and store is followed: only the lists in `parts` are
   * fetched. `client`: a v3 client made with `useRtmConnect: true` (`option-added`), a v3 release before it, whose `rtm.start` request the
   * module sends as `rtm.connect` (`legacy-client-start`), or a `slack-client` 2.x client, whose request the module answers (`slack-client`).
   */
  legacyClientParts: (parts: readonly string[], module: string, methods: readonly string[], client: 'option-added' | 'legacy-client-start' | 'slack-client'): string => {
    const starts =
      client === 'slack-client'
        ? `the 2.x \`RtmClient\` (\`slack-client\`, \`@slack/client\` 2; it has no \`useRtmConnect\`) now starts through \`${HELPER_EXPORTS.slackClientStart}()\` of the generated \`${module}\`, which answers its \`rtm.start\` request`
        : `the v3 \`RtmClient\` now starts with \`rtm.connect\` ${client === 'option-added' ? '(`useRtmConnect: true`)' : `(an \`@slack/client\` before ${LEGACY_RTM_CONNECT_SUPPORT.since.join('.')}: the \`rtm.start\` request it makes is sent as \`rtm.connect\`)`} through \`startRtmClient()\` of the generated \`${module}\``;
    return parts.length === 0
      ? `${starts}, asked for no list (\`fields: []\`): the code reads nothing of its AUTHENTICATED data that \`rtm.connect\` does not answer, and the client keeps no \`dataStore\`.`
      : `${starts}, which fills its AUTHENTICATED data first with only the parts the code reads, ${list(parts)} (the client keeps no \`dataStore\`): it calls ${methods.join(', ')}.`;
  },
  /** A helper-module call that names the parts of the data its code reads (`fields`): only `methods` are called. */
  helperModuleParts: (fields: readonly string[], module: string, methods: readonly string[]): string =>
    `${list(fields)} of \`rtm.start\`'s data now come from \`rtmStartData()\` of the generated \`${module}\`, asked for only the parts the code reads: it calls ${methods.join(', ')}${methods.includes(METHODS.rtmConnect) ? '' : ` (no \`${METHODS.rtmConnect}\`: nothing read needs it)`}.`,
  /** A library start whose every use of the bot is known (slackbots): only the parts those uses and the library read are fetched. */
  libraryParts: (parts: readonly string[], methods: readonly string[], library?: string): string =>
    `${library === 'botkit' ? 'Every read of the data is known (Botkit\'s own, the `startRTM` callback\'s, the project\'s of `bot.identity` and `bot.team_info`), so only the parts they need are fetched' : 'Every use of the bot here is known, so only the parts it and the library read are fetched'} (\`fields: [${parts.map((p) => `'${p}'`).join(', ')}]\`): it calls ${methods.join(', ')}.`,
  /** A helper-module rewrite of a v3 `RtmClient` whose package.json range was raised to a version that has `useRtmConnect`. */
  rangeRaised: (manifest: string, module: string, from: string, to: string): string =>
    `${manifest}: \`${module}\` \`${from}\` → \`${to}\` (it allowed releases without \`useRtmConnect\`): run npm install.`,
  /** The comment above the calls the inline rewrite emits. */
  inlineComment: (fields: readonly string[], methods: readonly string[]): string =>
    `rtm-migrate: \`rtm.start\` is retired. ${fields.join(', ')} now come from ${methods.join(', ')}, fetched before \`rtm.connect\` (its url lives ${RTM_URL_LIFETIME_SECONDS} s).`,
  startupSummary: (calls: number, floorSeconds: number, byMethod: readonly PlannedCall[]): string => {
    const s = slowest(byMethod);
    const tail =
      s && s.floorSeconds > 0
        ? `the rate tiers make that take at least ${floorSeconds} s (slowest: ${s.method}, ${s.calls} calls at ${RATE_TIERS[s.tier].description})`
        : 'the rate tiers allow that within a few seconds (every method stays within its burst)';
    return `${calls} API call${calls === 1 ? '' : 's'} per start-up; ${tail}.`;
  },
} as const;

/** What makes a hubot-slack release start with `rtm.connect`, or reach Slack through the proxy (see HUBOT_SLACK). */
function hubotSlackAdvice(version: string | undefined): string {
  const since = (release: readonly number[]): boolean => version !== undefined && releaseAtLeast(version, release);
  const env = HUBOT_SLACK.optionsEnv;
  const ways = [`Upgrade \`hubot-slack\` to ${HUBOT_SLACK.connectSince.join('.')} or later, which starts with \`rtm.connect\``];
  if (since(HUBOT_SLACK.connectOptionSince)) ways.push(`set \`${env}\` to \`{"useRtmConnect":true}\` (from ${HUBOT_SLACK.connectOptionSince.join('.')} the adapter itself reads nothing of \`rtm.start\`'s data; a script reading \`robot.adapter.client.rtm.dataStore\` finds only the bot itself there)`);
  if (since(HUBOT_SLACK.optionsEnvSince)) ways.push(`run it through \`rtm-shim proxy\`, its API base set in \`${env}\` (\`{"slackAPIUrl":"http://127.0.0.1:8787/api/"}\`)`);
  return ways.join(', or ');
}
