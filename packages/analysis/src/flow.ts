import { CONVERSATION_LIST_FIELDS, isConnectField, isStartOnlyField, RTM_START_FIELDS, startOnlyItemFieldsOf } from '@rtm-migrate/core';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { calleeName, descendants, isPlainValue, isSpreadOfPlainConst, isThisLike, memberName, outermostValue, programOf, propertyKeyName, unwrap, variableOf } from './ast.js';
import { firstParameterIsError } from './callback-answer.js';
import { collectionMethodNamed, collectionMethodOf, collectionWrapperOf } from './collection-call.js';
import { isCoroutineAwait } from './coroutine.js';
import { usedOnlyOnFailure } from './failure-branch.js';
import { classConstructor, classOf, declaredBinding, enclosingFunction, functionOf, isFunctionValue, thisFunction, thisMethod, usesArguments, type FunctionNode } from './functions.js';
import { httpLibraryOf, isHttpRequest, isModuleRequest, thisOwner } from './origin.js';
import { sentByRequest } from './sent-out.js';
import { SUPERAGENT_CARRIERS, SUPERAGENT_KEPT, superagentHelperOf } from './superagent-helper.js';
import { UNIREST_CARRIERS, UNIREST_KEPT } from './unirest-request.js';
import { isJsonParse, otherWrites } from './reassigned.js';
import { keyedCacheReads } from './keyed-cache.js';
import { parsesOfText, streamReads } from './stream-body.js';
import { requestPromiseAnswer } from './request-promise.js';
import type { Located, Resolver } from './resolver.js';
import type { MethodSite, RtmSite } from './sites.js';
import type { ClientAnswer } from './unknown-client.js';
import { urlUseOf } from './url.js';
import { propertyUrlReads } from './property-url.js';
import { overrideOf } from './overrides.js';
import { everyCallOf, functionName, isExportedDeclaration, isExportUse } from './every-call.js';
import { returnedFunction } from './factory-client.js';

type Node = TSESTree.Node;

/**
 * What a tracked expression holds: (part of) a response at `path` (`''` the whole response,
 * `channels` a list, `channels[]` one of its items, `self`…), a promise of one, an array whose
 * item `index` is one (`Promise.all([…])`), the legacy client's `dataStore`, or the result of a raw
 * HTTP request to the method (`res.data` with axios, `res.body`, `await res.json()` with fetch).
 */
export type Shape =
  | { readonly kind: 'value'; readonly path: string }
  | { readonly kind: 'promise'; readonly of: Shape }
  | { readonly kind: 'tuple'; readonly index: number; readonly of: Shape }
  /** The v3 store, or (`map`) one of its maps by id, holding the `rtm.start` list named. */
  | { readonly kind: 'store'; readonly map?: string }
  /** An HTTP client's response; superagent's also holds the body's text in `text`. */
  | { readonly kind: 'http'; readonly library?: 'superagent' | 'unirest' };

export const RESPONSE: Shape = { kind: 'value', path: '' };
export const PROMISED_RESPONSE: Shape = { kind: 'promise', of: RESPONSE };
/** superagent's request: a thenable of its response, also ended by `.end((err, res) => …)`. */
const SUPERAGENT_REQUEST: Shape = { kind: 'promise', of: { kind: 'http', library: 'superagent' } };
const UNIREST_REQUEST: Shape = { kind: 'promise', of: { kind: 'http', library: 'unirest' } };
/** The request libraries followed link by link: the links that return the same request, and which parameter of `.end`'s callback gets the response. */
const REQUEST_CHAINS: Record<'superagent' | 'unirest', { readonly links: readonly ReadonlySet<string>[]; readonly answer: number }> = {
  superagent: { links: [SUPERAGENT_KEPT, SUPERAGENT_CARRIERS], answer: 1 },
  unirest: { links: [UNIREST_KEPT, UNIREST_CARRIERS], answer: 0 },
};

/** A read of a response field: `path` as core names it (`users`, `self.prefs`, `channels[].members`). */
export interface FieldRead {
  readonly path: string;
  readonly node: Node;
  /** The file the read is in, when it is not the site's (the resolver's `file`). */
  readonly file: string | undefined;
}

/** A use of the response this analysis cannot follow: what is read there is unknown. */
export interface Escape {
  readonly node: Node;
  /** Why, in words a report can quote: `the response is put in an array`. */
  readonly reason: string;
  /** The part of the response that escapes (`''`: all of it). */
  readonly path: string;
  readonly file: string | undefined;
  /** Where less than all of `path` goes: the parts the value escaping holds (the v3 store: DATA_STORE_HOLDS). */
  readonly holds?: readonly string[];
  /** The request of a known HTTP library the value goes out of the program in (its callee, `request.post`): see sentByRequest. */
  readonly sent?: string;
}

export interface Flow {
  readonly reads: FieldRead[];
  readonly escapes: Escape[];
}

const LIST_FIELDS = new Set([...Object.keys(CONVERSATION_LIST_FIELDS), 'users', 'bots', 'subteams']);
/** List methods whose callback gets items (indexes of the item parameters). */
const ITEM_CALLBACKS: Readonly<Record<string, readonly number[]>> = {
  forEach: [0], map: [0], filter: [0], find: [0], findLast: [0], findIndex: [0], findLastIndex: [0], some: [0], every: [0],
  flatMap: [0], reduce: [1], reduceRight: [1], sort: [0, 1], toSorted: [0, 1],
};
const LIST_RESULTS = new Set(['filter', 'slice', 'sort', 'toSorted', 'reverse', 'toReversed', 'concat']);
const ITEM_RESULTS = new Set(['find', 'findLast', 'at', 'pop', 'shift']);
/**
 * `dataStore` look-ups of the legacy v3 client: the `rtm.start` lists each one reads, the one it answers
 * from first (as the SDK's MemoryDataStore does: `getDMByName` finds the user, then the DM;
 * `getChannelGroupOrDMById` looks in three lists), and the lists whose item it answers (`team`: the
 * team itself). The store keeps `mpims` among its `groups`, as `rtm.start` did without `mpim_aware`.
 */
const DATA_STORE_LOOKUPS: Readonly<Record<string, { readonly reads: readonly string[]; readonly answers: readonly string[] }>> = {
  getUserById: one('users'), getUserByName: one('users'), getUserByEmail: one('users'), getUserByBotId: one('users'),
  getChannelById: one('channels'), getChannelByName: one('channels'),
  getChannelGroupOrDMById: { reads: ['channels', 'groups', 'ims'], answers: ['channels', 'groups', 'ims'] },
  getChannelOrGroupByName: { reads: ['channels', 'groups'], answers: ['channels', 'groups'] },
  getGroupById: one('groups'), getGroupByName: one('groups'), getDMById: one('ims'), getDMByName: { reads: ['ims', 'users'], answers: ['ims'] }, getDMByUserId: one('ims'),
  getBotById: one('bots'), getBotByName: one('bots'), getBotByUserId: { reads: ['bots', 'users'], answers: ['bots'] }, getTeamById: one('team'),
};
/** The store's maps, keyed by id, and the `rtm.start` list each holds. */
const DATA_STORE_MAPS: Readonly<Record<string, string>> = { users: 'users', channels: 'channels', groups: 'groups', dms: 'ims', bots: 'bots', teams: 'team' };
/**
 * What of `rtm.start`'s data the v3 store keeps (the SDK's `cacheRtmStart`): its lists (`mpims` among
 * the groups) and the team whole, `prefs` and all; not `dnd`, `subteams` nor `self`'s own fields. A
 * store handed on whole carries these, and nothing else of the data.
 */
export const DATA_STORE_HOLDS: readonly string[] = [...new Set([...Object.values(DATA_STORE_MAPS), 'mpims'])].sort();
/** Store methods that change it and read none of `rtm.start`'s data. */
const DATA_STORE_WRITES = /^(set|upsert|remove|clear)/;

function one(list: string): { reads: readonly string[]; answers: readonly string[] } {
  return { reads: [list], answers: [list] };
}

/** True for a look-up method of the legacy client's `dataStore` (`getUserById`, `getChannelByName`…). */
export function isDataStoreLookup(name: string): boolean {
  return DATA_STORE_LOOKUPS[name] !== undefined;
}

/**
 * Calls that take the response without reading fields off it: debug prints of a part of it (what
 * they print may change, what the program does does not; the whole answer printed is an escape, see
 * printedWhole), truth and `[object Object]` tests, and the built-in errors, which make text of their message
 * and read only `cause` of their options (blind s79/14b: `new Error('Error starting RTM', err || body)`).
 */
const HARMLESS_SINKS = /^(console\.\w+|Boolean|String|debug|log|logger\.\w+|(?:Eval|Range|Reference|Syntax|Type|URI)?Error)$/;
const LOG_SINKS = /^(console\.\w+|debug|log|logger\.\w+)$/;
/** The parsed body of an HTTP response: `res.data` (axios), `res.body` (request with `json: true`, got). */
const HTTP_BODIES = new Set(['data', 'body']);
/** The fields of Node's `http.IncomingMessage` an app checks a response by, which no Web API answer has. */
const HTTP_ENVELOPE = new Set(['statusCode', 'statusMessage', 'headers', 'rawHeaders', 'httpVersion']);
/** Calls that read every field of what they are given and hand back text. */
/**
 * Ways to an HTTP response's body besides `data`, `body` and `json()` (which are followed): the text
 * (`text()`, superagent aside), a copy (`clone()`), the raw bytes (got's `rawBody`, `buffer()`),
 * request's `toJSON()`, a pipe, or the request object axios keeps the XHR text on. Status and headers read nothing of it.
 */
const UNFOLLOWED_BODY_WAYS = new Set(['text', 'arrayBuffer', 'blob', 'formData', 'clone', 'rawBody', 'raw_body', 'buffer', 'toJSON', 'pipe', 'responseText', 'textConverted', 'request']);
const SERIALIZERS = /^(JSON\.stringify|(util\.)?inspect|(querystring|qs)\.stringify)$/;
/** Calls that print, write to a file, or turn into text, every field of what they are given. */
const WHOLE_PRINTS = /^(console\.\w+|debug|log|(this\.)?(logger|log)\.\w+|process\.std(out|err)\.write|JSON\.stringify|(util\.)?inspect|((fs|fsp|fs\.promises)\.)?(writeFile|appendFile)(Sync)?)$/;
const MAX_DEPTH = 60;
const MAX_STEPS = 5000;

/** True when a read at `path` finds nothing in a connect-shaped response and is worth its own report. */
export function isReportableRead(path: string): boolean {
  if (!isStartOnlyField(path)) return false;
  // Item attributes (`channels[].name`) come back with the replacement list; only named facts count.
  return !path.includes('[]') || RTM_START_FIELDS[path] !== undefined;
}

/**
 * Follows what a site hands back (the response of its call, the data its client hands its
 * `authenticated` handler, the legacy `dataStore`) and collects the fields read and the escapes.
 * Sites with no response of their own (URLs, tables, `useRtmConnect: false`) give an empty flow.
 */
export function followResponse(resolver: Resolver, site: RtmSite): Flow {
  const tracker = new Tracker(resolver);
  switch (site.kind) {
    case 'method':
      if (site.form === 'bound') {
        tracker.escape(site.call, 'the method is bound into a function that is called elsewhere', '');
        break;
      }
      {
        // `slack.get('rtm.start')` on an axios instance: the library's response, the data inside it.
        const library = site.form === 'name' ? httpLibraryOf(resolver, site.call) : undefined;
        if (library) {
          tracker.escape(site.call, `the call answers \`${library}\`'s own response, the data inside it`, '');
          break;
        }
      }
      if (site.callback) tracker.callback(site.callback, RESPONSE, site.form === 'name' ? site.call : undefined);
      // The app's own helper answering superagent's request (see superagent-helper.ts): its response, the data in `res.body`.
      else if (site.form === 'name' && superagentHelperOf(resolver, site.call)) tracker.follow(site.call, SUPERAGENT_REQUEST, 0);
      else tracker.follow(site.call, PROMISED_RESPONSE, 0);
      if (site.form === 'name') helperOwnAnswer(resolver, site, tracker);
      for (const arg of site.otherArgs) {
        if (!isPlainValue(arg) && !isSpreadOfPlainConst(resolver, arg)) tracker.escape(arg, `the call also gets \`${describeNode(arg)}\`, which may hand the response on`, '');
      }
      break;
    case 'client-start':
      if (site.client === 'rtm-client') tracker.follow(site.call, PROMISED_RESPONSE, 0);
      break;
    case 'client-authenticated':
      if (site.handler) tracker.bindParameter(site.handler, 0, RESPONSE, 0);
      break;
    case 'start-listener':
      tracker.bindParameter(site.handler, 0, RESPONSE, 0);
      break;
    case 'data-store':
      tracker.follow(site.store, { kind: 'store' }, 0);
      // What leaves whole here is the store (item reads have paths of their own): it holds only its lists and team.
      tracker.flow.escapes.forEach((e, i, all) => { if (e.path === '') all[i] = { ...e, holds: DATA_STORE_HOLDS }; });
      break;
    case 'store-cache':
      tracker.bindParameter(site.fn, 0, RESPONSE, 0);
      break;
    case 'url':
      // A URL held in a property (`X.prototype.rtmApiUrl = '…'`) goes to its request where it is read.
      for (const url of propertyUrlReads(resolver, site.node) ?? [site.node]) tracker.httpRequest(url);
      break;
    default:
      break;
  }
  return tracker.flow;
}

/**
 * What is read off the answer of the request a URL is given to (`post(api('rtm.start'), {}, cb)`,
 * where the app's `api()` only builds the URL): followed as a raw URL site's is (httpRequest).
 */
export function followUrl(resolver: Resolver, url: Node): Flow {
  const tracker = new Tracker(resolver);
  tracker.httpRequest(url);
  return tracker.flow;
}

/**
 * What a function written here reads off the data handed to it as its parameter `index` (Botkit's
 * `startRTM` callback gets `rtm.start`'s answer third), followed as a response is.
 */
export function followParameter(resolver: Resolver, fn: Node, index: number): Flow {
  const tracker = new Tracker(resolver);
  tracker.bindParameter(fn, index, RESPONSE, 0);
  return tracker.flow;
}

/**
 * What is read off the answer of a client the analysis does not know (see unknown-client.ts): its
 * results as promises of the answer, every parameter of the functions given to it as the answer. The
 * paths are as read off those values (`data.team.domain`): where the client keeps Slack's answer is not known.
 */
export function followClientAnswer(resolver: Resolver, answer: ClientAnswer): Flow {
  const tracker = new Tracker(resolver);
  for (const result of answer.results) tracker.follow(result, PROMISED_RESPONSE, 0);
  for (const { fn, at, texts } of answer.handlers) tracker.everyParameter(fn, at, texts);
  return tracker.flow;
}

/**
 * `slackApi('rtm.start', …)` where `slackApi` is the app's own function in this file that makes the
 * HTTP request itself, the method name in its URL: what it does with that request's answer changes
 * with the method too. Where it prints or serialises the whole answer (`console.log(body)`,
 * `util.inspect(data)`, `process.stdout.write(body)`) or reads a start-only field off it, the call
 * escapes whole, whatever its caller reads: on `rtm.connect` it would print or read a thin answer.
 */
function helperOwnAnswer(resolver: Resolver, site: MethodSite, tracker: Tracker): void {
  const fn = functionOf(resolver, site.call.callee);
  const index = site.call.arguments.findIndex((a) => a.range[0] <= site.methodNode.range[0] && site.methodNode.range[1] <= a.range[1]);
  const param = fn?.params[index];
  if (param?.type !== AST_NODE_TYPES.Identifier) return;
  // Its own flow: what the helper hands its callers is the site's to follow, not this one's.
  const inner = new Tracker(resolver, { flow: { reads: [], escapes: [] }, seen: new Set(), trackers: new Map(), steps: 0, printed: [], entries: new Map() });
  for (const reference of variableOf(resolver, param)?.references ?? []) {
    const { request } = urlUseOf(reference.identifier);
    if (reference.isRead() && request?.type === AST_NODE_TYPES.CallExpression && isHttpRequest(resolver, request)) inner.httpRequest(reference.identifier);
  }
  // What its callers do with what it returns (this call's, or another method's) is not its own doing.
  const inside = (node: Node): boolean => fn !== undefined && fn.range[0] <= node.range[0] && node.range[1] <= fn.range[1];
  const name = describeNode(site.call.callee);
  const printed = inner.printed.find(inside);
  if (printed) tracker.escape(site.call, `\`${name}\` prints or serialises the whole answer of its own request (\`${sourceText(printed)}\`, line ${printed.loc.start.line})`, '');
  const read = inner.flow.reads.find((r) => r.file === resolver.file && inside(r.node) && isStartOnlyField(r.path));
  if (read) tracker.escape(site.call, `\`${name}\` reads \`${read.path}\` off the answer of its own request (line ${read.node.loc.start.line})`, '');
}

function describeNode(node: Node): string {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.Identifier) return bare.name;
  if (bare.type === AST_NODE_TYPES.MemberExpression && !bare.computed && bare.property.type === AST_NODE_TYPES.Identifier) {
    return `${describeNode(bare.object)}.${bare.property.name}`;
  }
  if (bare.type === AST_NODE_TYPES.ThisExpression) return 'this';
  if (bare.type === AST_NODE_TYPES.SpreadElement) return `...${describeNode(bare.argument)}`;
  if (bare.type === AST_NODE_TYPES.CallExpression) return `${describeNode(bare.callee)}(…)`;
  return '…';
}

function childPath(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** Conversation lists: their items carry start-only attributes (`members`, `latest`…) the replacement list lacks. */
const CONVERSATION_LISTS = new Set(Object.keys(CONVERSATION_LIST_FIELDS));

/**
 * True when an escape may hide reads of start-only data not yet seen: the whole response, `self`,
 * `team`, a conversation list or one of its channels, and any list whose items carried attributes the
 * replacement list lacks (core's item facts: `bots[].icons`): code that gets the bots may read `icons`,
 * which `users.list`'s bot users never have. Not the users: `rtm.start` had stopped sending their
 * `presence` itself. A string escaping (`res.url`) or a member id does not.
 */
export function isSignificantEscape(escape: Escape): boolean {
  const { path } = escape;
  return path === '' || path === 'self' || path === 'team' || CONVERSATION_LISTS.has(path.replace(/\[\]$/, '')) || startOnlyItemFieldsOf(path).length > 0;
}

function isListPath(path: string): boolean {
  return LIST_FIELDS.has(path) || path.endsWith("[].members");
}

/** What the trackers of one flow share, whichever file they are in. */
interface Shared {
  readonly flow: Flow;
  readonly seen: Set<string>;
  readonly trackers: Map<Resolver, Tracker>;
  steps: number;
  /** Where set, the calls that print or serialise the whole response are also collected here (see helperOwnAnswer). */
  readonly printed?: (TSESTree.CallExpression | TSESTree.NewExpression)[];
  /** The calls through which (part of) the response entered each function, with the part: see parameterFunctions. */
  readonly entries: Map<FunctionNode, { readonly call: Located<TSESTree.CallExpression>; readonly path: string }[]>;
}

class Tracker {
  private readonly shared: Shared;

  constructor(
    private readonly resolver: Resolver,
    shared?: Shared,
  ) {
    this.shared = shared ?? { flow: { reads: [], escapes: [] }, seen: new Set(), trackers: new Map(), steps: 0, entries: new Map() };
    this.shared.trackers.set(resolver, this);
  }

  get flow(): Flow {
    return this.shared.flow;
  }

  get printed(): readonly (TSESTree.CallExpression | TSESTree.NewExpression)[] {
    return this.shared.printed ?? [];
  }

  /**
   * True (and an escape) when `call` prints, writes or serialises the whole response `shape` stands
   * for: what the program shows or keeps is then every field, and on `rtm.connect` a thin answer. A
   * field printed (`res.self.id`), or a promise (`Promise { <pending> }`), shows the same either way.
   * So does the answer printed (`value`) where it can only be a failure (`if (!body.ok) console.error(body)`):
   * Slack's error answer is the same for `rtm.connect`; the print is handled (true) but no escape.
   */
  private printedWhole(call: TSESTree.CallExpression | TSESTree.NewExpression | undefined, value: Node, shape: Shape): boolean {
    if (!call || shape.kind === 'promise' || shape.kind === 'store' || pathOf(shape) !== '') return false;
    const callee = sourceText(call.callee);
    if (!WHOLE_PRINTS.test(callee)) return false;
    if (shape.kind === 'value' && usedOnlyOnFailure(this.resolver, value)) return true;
    this.shared.printed?.push(call);
    this.escape(call, `the whole response is printed or serialised by \`${callee}\`: on \`rtm.connect\` what it shows or hands on would be a thin answer`, '');
    return true;
  }

  /**
   * True when `value` is the whole answer where it can only be Slack's failure answer: handed on
   * there (`reject(body)`, `cb(body)`, `throw body`), whatever reads it reads the failure answer,
   * which `rtm.connect` answers with the same fields (`ok`, `error`, `warning`, `response_metadata`,
   * `needed`, `provided`): no read of start-only data, and not followed further.
   */
  private failureOnly(value: Node, shape: Shape): boolean {
    return shape.kind === 'value' && shape.path === '' && usedOnlyOnFailure(this.resolver, value);
  }

  /** The tracker for another file of the project. */
  private in(resolver: Resolver): Tracker {
    return this.shared.trackers.get(resolver) ?? new Tracker(resolver, this.shared);
  }

  private visit(key: string): boolean {
    const full = `${this.resolver.file ?? ''}:${key}`;
    if (this.shared.seen.has(full)) return false;
    this.shared.seen.add(full);
    return true;
  }

  escape(node: Node, reason: string, path: string, sent?: string): void {
    this.flow.escapes.push({ node, reason, path, file: this.resolver.file, ...(sent === undefined ? {} : { sent }) });
  }

  private pushRead(path: string, node: Node): void {
    // An HTTP response's own field, read where the data may be handed (`(err, res, body)` of the app's helper:
    // blind s79/14b's `res.statusCode`): no answer of Slack's has one, so the read finds the same either way.
    if (HTTP_ENVELOPE.has(path)) return;
    this.flow.reads.push({ path, node, file: this.resolver.file });
  }

  private read(path: string, node: Node, depth: number, next: () => void): void {
    this.pushRead(path, node);
    if (depth < MAX_DEPTH) next();
  }

  /**
   * The function `node` stands for: in this file, or (in a project) in the file it is imported from; for
   * a call of a factory (`rtm.on(AUTHENTICATED, onOpen())`), the one function it returns.
   */
  private locate(node: Node, depth = 0): Located<FunctionNode> | undefined {
    const local = functionOf(this.resolver, node);
    if (local) return { node: local, resolver: this.resolver };
    const bare = unwrap(node);
    if (bare.type === AST_NODE_TYPES.CallExpression && depth < 2) {
      const factory = this.locate(bare.callee, depth + 1);
      const made = factory && returnedFunction(factory.resolver, factory.node);
      if (made) return { node: made, resolver: factory.resolver };
    }
    return this.resolver.project?.importedFunction(this.resolver, node);
  }

  /**
   * What `new X(…)` runs: a constructor function (`function User(data) { this.name = data.name }`) or
   * a class's `constructor`, of this file or imported from one; `no-constructor` for a class without
   * one and without a base class (it reads nothing it is given).
   */
  private locateConstructor(callee: Node): Located<FunctionNode> | 'no-constructor' | undefined {
    const fn = this.locate(callee);
    if (fn) return fn;
    const declaration = classOf(this.resolver, callee);
    if (declaration) {
      const constructor = classConstructor(declaration);
      if (constructor) return { node: constructor, resolver: this.resolver };
      return declaration.superClass ? undefined : 'no-constructor';
    }
    return this.resolver.project?.importedFunction(this.resolver, callee);
  }

  follow(node: Node, shape: Shape, depth: number): void {
    const parent = node.parent;
    if (!parent || depth > MAX_DEPTH || ++this.shared.steps > MAX_STEPS) return;
    if (!this.visit(`${node.type}:${node.range[0]}:${node.range[1]}:${JSON.stringify(shape)}`)) return;
    const d = depth + 1;
    const path = pathOf(shape);
    switch (parent.type) {
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.ChainExpression:
        { this.follow(parent, shape, d); return; }
      case AST_NODE_TYPES.AwaitExpression:
        { this.follow(parent, shape.kind === 'promise' ? shape.of : shape, d); return; }
      case AST_NODE_TYPES.LogicalExpression:
        if (parent.operator === '&&' && parent.left === node) return;
        // `if (err || !body.ok) return cb(err || body)`: what is handed on is the transport's error or
        // Slack's failure answer, as `cb(body)` there hands on (see failureOnly).
        if (parent.right === node && parent.operator !== '&&' && handedOn(parent) && this.failureOnly(node, shape)) return;
        { this.follow(parent, shape, d); return; }
      case AST_NODE_TYPES.ConditionalExpression:
        if (parent.test === node) return;
        { this.follow(parent, shape, d); return; }
      case AST_NODE_TYPES.SequenceExpression:
        if (parent.expressions.at(-1) === node) this.follow(parent, shape, d);
        return;
      case AST_NODE_TYPES.MemberExpression:
        if (parent.object === node) { this.member(parent, shape, d); return; }
        return;
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
        { this.argument(parent, node, shape, d); return; }
      case AST_NODE_TYPES.VariableDeclarator:
        if (parent.init === node) { this.bind(parent.id, shape, d); return; }
        return;
      case AST_NODE_TYPES.AssignmentExpression:
        if (parent.right === node && parent.operator === '=') { this.assign(parent.left, shape, d); return; }
        return;
      case AST_NODE_TYPES.ForOfStatement:
        if (parent.right === node) { this.iterate(parent.left, shape, d); return; }
        return;
      case AST_NODE_TYPES.ArrayExpression:
        { this.arrayItem(parent, node, shape, d); return; }
      case AST_NODE_TYPES.ReturnStatement:
        { this.returned(parent, shape, d); return; }
      case AST_NODE_TYPES.ArrowFunctionExpression:
        if (parent.body === node) { this.returned(node, shape, d); return; }
        return;
      case AST_NODE_TYPES.SpreadElement:
        // `[...res.channels]`, `[...res.channels, ...res.groups]`: a list holding the same items (each list's, followed as its own).
        if (shape.kind === 'value' && isListPath(path) && parent.parent.type === AST_NODE_TYPES.ArrayExpression && parent.parent.elements.every((e) => e?.type === AST_NODE_TYPES.SpreadElement)) { this.follow(parent.parent, shape, d); return; }
        { this.escape(parent, 'the response is spread into another value', path); return; }
      case AST_NODE_TYPES.Property:
        if (parent.value === node) {
          const sent = sentByRequest(this.resolver, node);
          this.escape(parent, sent === undefined ? 'the response is put in an object' : `the response is sent out of the program in the request of \`${sent}\``, path, sent);
        }
        return;
      case AST_NODE_TYPES.ForInStatement:
        // `for (i in res.users) res.users[i].name`: a list's keys are its indexes, the items are read where indexed.
        // A store's map (`for (id in store.users)`): its keys are the ids.
        if (parent.right === node && !(shape.kind === 'value' && isListPath(path)) && !(shape.kind === 'store' && shape.map !== undefined)) this.escape(parent, 'the response\'s keys are enumerated', path);
        return;
      case AST_NODE_TYPES.YieldExpression:
        // Under `co` / bluebird's `coroutine`, `yield promise` is `await promise`; under any other driver it hands the value out.
        if (shape.kind === 'promise' && isCoroutineAwait(this.resolver, parent)) { this.follow(parent, shape.of, d); return; }
        { this.escape(parent, 'the response is yielded', path); return; }
      case AST_NODE_TYPES.ExpressionStatement:
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.TemplateLiteral:
        // `console.log('answer: ' + body)`: body text printed whole (an object would print `[object Object]`, counted all the same).
        this.printedWhole(textSink(node), node, shape);
        return;
      case AST_NODE_TYPES.ThrowStatement:
        // `throw body`: whoever catches it reads what it likes; only Slack's failure answer (`if (!body.ok) throw body`) is the same on `rtm.connect`.
        if (shape.kind === 'value' && !this.failureOnly(node, shape)) this.escape(parent, 'the response is thrown', path);
        return;
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.SwitchStatement:
      case AST_NODE_TYPES.SwitchCase:
      case AST_NODE_TYPES.TSTypeQuery:
        return;
      default:
        { this.escape(parent, 'the response goes where it cannot be followed', path); return; }
    }
  }

  private member(member: TSESTree.MemberExpression, shape: Shape, depth: number): void {
    const name = memberName(this.resolver, member);
    if (shape.kind === 'promise') { this.promiseMember(member, name, shape, depth); return; }
    if (shape.kind === 'tuple') {
      if (name === String(shape.index)) this.follow(member, shape.of, depth);
      return;
    }
    if (shape.kind === 'http') { this.httpMember(member, name, shape, depth); return; }
    if (shape.kind === 'store') { if (shape.map === undefined) this.storeMember(member, name, depth); else this.mapMember(member, shape.map, depth); return; }
    const { path } = shape;
    // `body.toString()`: the text of a raw body, which `JSON.parse` makes the response of.
    if (name === 'toString' && member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member) { this.follow(member.parent, shape, depth); return; }
    if (isListPath(path)) { this.listMember(member, name, path, depth); return; }
    if (name === undefined || /^\d+$/.test(name)) {
      if (!path.endsWith('[]')) this.escape(member, 'the response is read with a computed property name', path);
      return;
    }
    // `res.self.me = true`: the code gives the field its own value, it reads nothing of the response there.
    if (member.parent.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member && member.parent.operator === '=') return;
    const next = childPath(path, name);
    this.read(next, member.property, depth, () => this.follow(member, { kind: 'value', path: next }, depth));
  }

  /**
   * `store.getUserById(id)`: the lists it reads, and what it answers followed as one of their items
   * (`.presence` read off it is `users[].presence`, as off AUTHENTICATED's data); a map of the store
   * (`store.users`) followed where it goes (mapMember, mapArgument). A member of the store that is no
   * look-up, map nor write (`getUnreadCount()`, a name computed) hides what it reads: an escape.
   */
  private storeMember(member: TSESTree.MemberExpression, name: string | undefined, depth: number): void {
    const lookup = name === undefined ? undefined : DATA_STORE_LOOKUPS[name];
    const call = member.parent;
    if (lookup && call.type === AST_NODE_TYPES.CallExpression && call.callee === member) {
      for (const list of lookup.reads) this.pushRead(list, member.property);
      for (const list of lookup.answers) this.follow(call, { kind: 'value', path: list === 'team' ? list : `${list}[]` }, depth);
      return;
    }
    const map = name === undefined ? undefined : DATA_STORE_MAPS[name];
    if (map === undefined) {
      if (name === undefined || !DATA_STORE_WRITES.test(name)) this.escape(member, `the store's \`${name ?? '[…]'}\` is used, which could not be followed`, '');
      return;
    }
    this.pushRead(map, member.property);
    this.follow(member, { kind: 'store', map }, depth);
  }

  /** `users[id]` of a store's map (`store.users`, or a name it is kept under): one of its list's items. */
  private mapMember(member: TSESTree.MemberExpression, map: string, depth: number): void {
    if (member.computed) { this.follow(member, { kind: 'value', path: map === 'team' ? map : `${map}[]` }, depth); return; }
    this.escape(member, `the store's \`${map}\` map is used where it cannot be followed`, map);
  }

  /**
   * A store's map given to a call: `Object.keys(users)` hands back the ids alone; `Object.values(users)`
   * the list's items, followed as the list is (`.filter(…)`, `.map(…)`); lodash's `_.filter(users, fn)`
   * reads the map as it does a list. False where the call is none of these (the caller goes on).
   */
  private mapArgument(call: TSESTree.CallExpression | TSESTree.NewExpression, index: number, map: string, depth: number): boolean {
    if (call.type !== AST_NODE_TYPES.CallExpression || index !== 0) return false;
    const callee = sourceText(call.callee);
    if (callee === 'Object.keys' && call.arguments.length === 1) return true;
    // The team map's items are teams, no list of `rtm.start`'s.
    if (map === 'team') return false;
    if (callee === 'Object.values' && call.arguments.length === 1) { this.follow(call, { kind: 'value', path: map }, depth); return true; }
    const collection = collectionMethodOf(this.resolver, call);
    if (collection === undefined) return false;
    this.listCall(call, collection ?? 'map', call.arguments[1], map, depth);
    if (collection === null && call.parent.type !== AST_NODE_TYPES.ExpressionStatement) this.escape(call, `the store's items are grouped by \`${callee}\``, map);
    return true;
  }

  private promiseMember(member: TSESTree.MemberExpression, name: string | undefined, shape: Shape & { kind: 'promise' }, depth: number): void {
    const call = member.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) { this.escape(member, 'the promise is used as a value', ''); return; }
    if (name === 'then') {
      const onFulfilled = call.arguments[0];
      // `.then(JSON.parse)` on a body's text: a promise of the parsed text, the response as the text was.
      if (onFulfilled && shape.of.kind === 'value' && isJsonParse(this.resolver, onFulfilled)) { this.follow(call, shape, depth); return; }
      if (onFulfilled) this.bindParameter(onFulfilled, 0, shape.of, depth);
      return;
    }
    if (name === 'catch' || name === 'finally') { this.follow(call, shape, depth); return; }
    const chain = shape.of.kind === 'http' && shape.of.library !== undefined ? REQUEST_CHAINS[shape.of.library] : undefined;
    // The request's links (superagent's `.type('form')`, `.query({ … })`, `.set(…)`; unirest's `.headers(…)`): the same request, its arguments set.
    if (chain && name !== undefined && chain.links.some((set) => set.has(name))) { this.follow(call, shape, depth); return; }
    // Its `.end(callback)`, the response the callback's parameter `answer` (superagent's `(err, res)`, unirest's `(response)`); `.end()` with no callback reads nothing.
    if (chain && name === 'end') {
      const callback = call.arguments[0];
      if (callback) this.bindParameter(callback, chain.answer, shape.of, depth);
      return;
    }
    // got: `got(url).json()` parses the body of the response the promise stands for.
    if (name === 'json' && shape.of.kind === 'http') { this.follow(call, PROMISED_RESPONSE, depth); return; }
    this.escape(call, `the promise is given to \`${name ?? '…'}\``, '');
  }

  private listMember(member: TSESTree.MemberExpression, name: string | undefined, path: string, depth: number): void {
    if (name === undefined || /^\d+$/.test(name)) { this.follow(member, { kind: 'value', path: `${path}[]` }, depth); return; }
    const call = member.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) return;
    // No Array has it (`.then` of bluebird's `promise.map(fn)`): the value may not be the list at all.
    if (!Reflect.has(Array.prototype, name)) { this.escape(call, `\`${name}\` is called on what should be a list`, path); return; }
    this.listCall(call, name, call.arguments[0], path, depth);
  }

  /** A list's Array method `name` (`list.filter(fn)`, or what lodash's `_.filter(list, fn)` reads it like): its callback's items, its result. */
  private listCall(call: TSESTree.CallExpression, name: string, callback: Node | undefined, path: string, depth: number): void {
    const item: Shape = { kind: 'value', path: `${path}[]` };
    for (const index of ITEM_CALLBACKS[name] ?? []) if (callback) this.bindParameter(callback, index, item, depth);
    if (LIST_RESULTS.has(name)) this.follow(call, { kind: 'value', path }, depth);
    else if (ITEM_RESULTS.has(name)) this.follow(call, item, depth);
  }

  /**
   * `_(res.users).filter(fn)`, `_.chain(res.channels).filter(fn).map(fn).value()`: lodash's or
   * underscore's wrapper of a list, followed link by link. Each collection method given one function
   * reads the items as its Array method does (listCall); what it hands back is the same items still
   * wrapped (`filter`, `sortBy`…), one item (`find`: wrapped in an explicit chain, plain from lodash's
   * `_(list)`), or no item of the answer (`map`, `some`). `.value()` unwraps; underscore's `_(list)`
   * hands back plain results, read as the Array method's. Any other use of a wrapper holding items
   * (`.pluck('name')`, `.first()`, handed on) is an escape.
   */
  private wrapperChain(call: TSESTree.CallExpression, wrapper: 'chain' | 'lodash' | 'underscore', path: string, depth: number): void {
    let link: TSESTree.CallExpression = call;
    // The path of what the wrapper holds: the list, or one item of it (`find` in an explicit chain).
    let held = path;
    for (;;) {
      const member = link.parent;
      const next = member.parent;
      const name = member.type === AST_NODE_TYPES.MemberExpression && member.object === link ? memberName(this.resolver, member) : undefined;
      if (member.type === AST_NODE_TYPES.ExpressionStatement) return;
      if (name === undefined || next?.type !== AST_NODE_TYPES.CallExpression || next.callee !== member) break;
      if ((name === 'value' || name === 'valueOf') && next.arguments.length === 0 && wrapper !== 'underscore') { this.follow(next, { kind: 'value', path: held }, depth); return; }
      const method = collectionMethodNamed(name);
      const [callback, ...more] = next.arguments;
      if (!isListPath(held) || !method || !callback || more.length > 0 || !isFunctionValue(this.resolver, callback)) break;
      if (wrapper === 'underscore') { this.listCall(next, method, callback, held, depth); return; }
      // Each collection method's function gets the item first; what comes back is a wrapper, followed here.
      this.bindParameter(callback, 0, { kind: 'value', path: `${held}[]` }, depth);
      if (method === 'filter') { link = next; continue; }
      if (method === 'find' && wrapper === 'lodash') { this.follow(next, { kind: 'value', path: `${held}[]` }, depth); return; }
      if (method === 'find') { held = `${held}[]`; link = next; continue; }
      return;
    }
    this.escape(link, `the response's items are in the wrapper of \`${sourceText(call.callee)}\`, used where rtm-migrate cannot follow it`, held);
  }

  /** The value passed as an argument: functions of this file are followed into; others are escapes. */
  private argument(call: TSESTree.CallExpression | TSESTree.NewExpression, node: Node, shape: Shape, depth: number): void {
    const path = pathOf(shape);
    if (call.callee === node) { this.escape(call, 'the response is called', path); return; }
    const index = call.arguments.indexOf(node as TSESTree.CallExpressionArgument);
    if (index < 0) return;
    // `if (!body.ok) return reject(body)`, `cb(body)`, `emitter.emit('error', body)`: what gets it gets
    // Slack's failure answer, whose fields `rtm.connect`'s is made of too (see usedOnlyOnFailure).
    if (this.failureOnly(node, shape)) return;
    if (shape.kind === 'store' && shape.map !== undefined && this.mapArgument(call, index, shape.map, depth)) return;
    if (isJsonParse(this.resolver, call.callee) || isStringCall(call)) { this.follow(call, shape, depth); return; }
    if (isPromiseResolve(this.resolver, call)) { this.follow(call, shape.kind === 'promise' ? shape : { kind: 'promise', of: shape }, depth); return; }
    const wrapper = index === 0 && shape.kind === 'value' && isListPath(path) && call.type === AST_NODE_TYPES.CallExpression ? collectionWrapperOf(this.resolver, call) : undefined;
    if (wrapper !== undefined && call.type === AST_NODE_TYPES.CallExpression) { this.wrapperChain(call, wrapper, path, depth); return; }
    // `_.filter(res.users, (u) => u.presence)`: read as `res.users.filter(…)` is; `_.groupBy`'s keyed items go where nothing follows them.
    const collection = index === 0 && shape.kind === 'value' && isListPath(path) && call.type === AST_NODE_TYPES.CallExpression ? collectionMethodOf(this.resolver, call) : undefined;
    if (collection !== undefined && call.type === AST_NODE_TYPES.CallExpression) {
      this.listCall(call, collection ?? 'map', call.arguments[1], path, depth);
      if (collection === null && call.parent.type !== AST_NODE_TYPES.ExpressionStatement) this.escape(call, `the response's items are grouped by \`${sourceText(call.callee)}\``, path);
      return;
    }
    const fn = call.type === AST_NODE_TYPES.CallExpression ? this.locate(call.callee) : this.locateConstructor(call.callee);
    if (fn === 'no-constructor') return;
    // An override may read more than the method seen here: its reads still count, and the rest is unknown.
    const override = fn && call.type === AST_NODE_TYPES.CallExpression ? this.overrideOfThisMethod(call.callee, fn.node) : undefined;
    if (override) this.escape(call, `the response is passed to \`${sourceText(call.callee)}\`, and ${override}`, path);
    // An instance is followed into only when it is used through its methods: a field read off it
    // elsewhere (`dir.workspace.users`) would be a read the class body does not show.
    const usable = call.type === AST_NODE_TYPES.CallExpression || (fn !== undefined && usedThroughMethods(this.resolver, call, methodNames(fn)));
    if (fn && usable) {
      if (call.type === AST_NODE_TYPES.CallExpression) this.enter(fn.node, call, path);
      this.in(fn.resolver).bindFunctionParameter(fn.node, index, shape, depth, call.callee); return;
    }
    const passed = call.type === AST_NODE_TYPES.CallExpression ? this.parameterFunctions(call.callee, path) : undefined;
    if (passed) { for (const target of passed) this.in(target.resolver).bindFunctionParameter(target.node, index, shape, depth, call.callee); return; }
    const callee = sourceText(call.callee);
    // `axios.post(url, data)`, `request({ body: JSON.stringify(data) })`: another service reads it, where the program cannot warn.
    const sent = sentByRequest(this.resolver, node);
    if (sent !== undefined) { this.escape(call, `the response is sent out of the program in the request of \`${sent}\``, path, sent); return; }
    if (this.printedWhole(call, node, shape)) return;
    if (HARMLESS_SINKS.test(callee)) return;
    if (SERIALIZERS.test(callee)) {
      // The text holds every field: sent or stored, it is read whole; only a debug print of it is harmless.
      if (!printedOnly(call)) this.escape(call, `the response is serialized by \`${callee}\` and the text handed on`, path);
      return;
    }
    this.escape(call, `the response is passed to \`${callee}\`, which could not be followed`, path);
  }

  /** For `this.name(…)` (or `self.name(…)`) that reaches `fn`: why another method may run there instead (see overrideOf). */
  private overrideOfThisMethod(callee: Node, fn: FunctionNode): string | undefined {
    const member = unwrap(callee);
    if (member.type !== AST_NODE_TYPES.MemberExpression || !isThisLike(this.resolver, member.object)) return undefined;
    const name = memberName(this.resolver, member);
    return name === undefined ? undefined : overrideOf(this.resolver, fn, name);
  }

  private arrayItem(array: TSESTree.ArrayExpression, node: Node, shape: Shape, depth: number): void {
    const call = array.parent;
    const index = array.elements.indexOf(node as TSESTree.Expression);
    if (call.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === array && isPromiseAll(this.resolver, call.callee)) {
      const item = shape.kind === 'promise' ? shape.of : shape;
      this.follow(call, { kind: 'promise', of: { kind: 'tuple', index, of: item } }, depth); return;
    }
    this.escape(array, 'the response is put in an array', pathOf(shape));
  }

  private iterate(left: TSESTree.ForOfStatement['left'], shape: Shape, depth: number): void {
    if (shape.kind !== 'value' || !isListPath(shape.path)) { this.escape(left, 'the response is iterated', pathOf(shape)); return; }
    const item: Shape = { kind: 'value', path: `${shape.path}[]` };
    if (left.type === AST_NODE_TYPES.VariableDeclaration) {
      const declarator = left.declarations[0];
      this.bind(declarator.id, item, depth);
      return;
    }
    this.bind(left, item, depth);
  }

  /** `x = value`: a variable, or `this.x` (every read of `this.x` in the class or program). */
  private assign(target: Node, shape: Shape, depth: number): void {
    if (target.type === AST_NODE_TYPES.MemberExpression && isThisLike(this.resolver, target.object)) {
      const name = memberName(this.resolver, target);
      const owner = thisOwner(target);
      if (name !== undefined && owner) { this.thisField(owner, name, target, shape, depth); return; }
    }
    if (target.type === AST_NODE_TYPES.MemberExpression && this.localObjectField(target, shape, depth)) return;
    const cached = target.type === AST_NODE_TYPES.MemberExpression ? keyedCacheReads(this.resolver, target) : undefined;
    if (cached) { for (const read of cached) this.follow(read, shape, depth); return; }
    if (target.type === AST_NODE_TYPES.MemberExpression) {
      this.escape(target, `the response is stored in \`${sourceText(target)}\``, pathOf(shape)); return;
    }
    this.bind(target, shape, depth);
  }

  /**
   * `state.workspace = value` on an object literal of this file (`const state = {}`) that is never used
   * but through a named member (`state.x`): not exported, passed, returned or spread. Every read of
   * `state.workspace` is then in this file, and each is followed. False when the object may be reached
   * otherwise (then the store is an escape).
   */
  private localObjectField(target: TSESTree.MemberExpression, shape: Shape, depth: number): boolean {
    const object = unwrap(target.object);
    const name = memberName(this.resolver, target);
    if (object.type !== AST_NODE_TYPES.Identifier || name === undefined) return false;
    const variable = variableOf(this.resolver, object);
    const def = variable?.defs[0];
    if (variable?.defs.length !== 1 || def?.type !== TSESLint.Scope.DefinitionType.Variable || def.node.id !== def.name) return false;
    const init = def.node.init ? unwrap(def.node.init) : undefined;
    if (init?.type !== AST_NODE_TYPES.ObjectExpression || isExported(def.name)) return false;
    // No method on it: one could read the response through `this` (`get count() { return this.workspace.users.length }`).
    const isMethod = (value: Node): boolean => isFunctionLike(unwrap(value)) || unwrap(value).type === AST_NODE_TYPES.ClassExpression;
    if (!init.properties.every((p) => p.type === AST_NODE_TYPES.Property && p.kind === 'init' && !p.method && !isMethod(p.value))) return false;
    const members: TSESTree.MemberExpression[] = [];
    for (const reference of variable.references) {
      if (reference.identifier === def.name && reference.init === true) continue;
      const member = reference.identifier.parent;
      if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || memberName(this.resolver, member) === undefined) return false;
      const use = member.parent;
      // Nor a function stored or called on it (called as `state.f()`, it reads the object through `this`).
      if (use.type === AST_NODE_TYPES.AssignmentExpression && use.left === member && isMethod(use.right)) return false;
      if (use.type === AST_NODE_TYPES.CallExpression && use.callee === member) return false;
      members.push(member);
    }
    for (const member of members) {
      if (member === target || memberName(this.resolver, member) !== name) continue;
      const parent = member.parent;
      if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) continue;
      this.follow(member, shape, depth);
    }
    return true;
  }

  private thisField(owner: Node, name: string, write: Node, shape: Shape, depth: number): void {
    // The reads followed are the `this.<name>` of the class (or program): one off the instance
    // elsewhere (`bot._users[0].presence`), or the instance's members read by code not seen, would be missed.
    const handed: Located<TSESTree.MemberExpression>[] = [];
    if (!this.membersSeen(owner, write, handed)) this.escape(write, `the response is stored in \`${sourceText(write)}\`, a member that may be read off the instance where it cannot be followed`, pathOf(shape));
    for (const read of handed) if (memberName(read.resolver, read.node) === name && !isAssigned(read.node)) this.in(read.resolver).follow(read.node, shape, depth);
    for (const node of descendants(this.resolver, owner)) {
      if (node === write || node.type !== AST_NODE_TYPES.MemberExpression || !isThisLike(this.resolver, node.object)) continue;
      if (memberName(this.resolver, node) !== name) continue;
      const parent = node.parent;
      if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === node) continue;
      this.follow(node, shape, depth);
    }
  }

  /**
   * True when every member of the instance `write` stores on is read as `this.<name>` in `owner`: the
   * class (or the ES5 constructor function and its `X.prototype.m = function` methods) is this file's,
   * not exported, not extended here; its instances are only called on through its methods; and `this`
   * is never handed on whole (`Object.keys(this)`, `this[name]`, `register(this)`). A leading `_` proves nothing.
   */
  private membersSeen(owner: Node, write: Node, handed: Located<TSESTree.MemberExpression>[]): boolean {
    const bound = write.type === AST_NODE_TYPES.MemberExpression ? thisFunction(this.resolver, write.object) : undefined;
    if (!bound) return false;
    const holder = owner.type === AST_NODE_TYPES.ClassBody ? (bound.parent.type === AST_NODE_TYPES.MethodDefinition && bound.parent.parent === owner ? owner.parent : undefined) : constructorName(this.resolver, bound);
    if (!holder || this.holderExported(holder)) return false;
    // `export function Bot() {…}`: the declaration is what is exported, not a use of its name.
    if (holder.parent.type === AST_NODE_TYPES.FunctionDeclaration && isExportedDeclaration(holder.parent)) return false;
    if ((holder.type === AST_NODE_TYPES.ClassDeclaration || holder.type === AST_NODE_TYPES.ClassExpression) && holder.superClass && classOf(this.resolver, holder.superClass)) return false;
    if (![...descendants(this.resolver, owner)].every((node) => node.type !== AST_NODE_TYPES.ThisExpression || this.memberUseOfThis(node, handed))) return false;
    const name = holder.type === AST_NODE_TYPES.Identifier ? holder : classBinding(holder);
    const variable = name && declaredBinding(this.resolver, holder, name);
    if (!variable) return false;
    const methods = holder.type === AST_NODE_TYPES.Identifier ? prototypeMethods(this.resolver, holder.name, programOf(holder)) : classMethods(holder.body);
    return variable.references.every((r) => {
      const use = r.identifier.parent;
      if (variable.defs.some((d) => d.name === r.identifier)) return true;
      if (use.type === AST_NODE_TYPES.NewExpression && use.callee === r.identifier) return usedThroughMethods(this.resolver, use, methods);
      // `X.prototype.m = function …` declares a method; `util.inherits(X, Base)` sets what X inherits from.
      if (use.type === AST_NODE_TYPES.MemberExpression && use.object === r.identifier && memberName(this.resolver, use) === 'prototype') {
        const method = use.parent;
        return method.type === AST_NODE_TYPES.MemberExpression && method.object === use && method.parent.type === AST_NODE_TYPES.AssignmentExpression && method.parent.left === method;
      }
      return use.type === AST_NODE_TYPES.CallExpression && use.arguments[0] === r.identifier && calleeName(this.resolver, use.callee)?.replace(/^util\./, '') === 'inherits';
    });
  }

  /**
   * A use of `this` (or `self`) that reads no member not seen: `this.<name>`, the `var self = this`
   * alias (its own uses are checked), a function of this file bound to it, a base constructor of another module called on it
   * (`EventEmitter.call(this)`), which knows nothing of the app's members, or a function of the project
   * given the instance (`printWorkspace(this)`) that only reads named members off it: those reads
   * are collected in `handed`.
   */
  private memberUseOfThis(node: Node, handed: Located<TSESTree.MemberExpression>[]): boolean {
    const parent = node.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node) return memberName(this.resolver, parent) !== undefined;
    if (node.type === AST_NODE_TYPES.ThisExpression && parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
      const alias = variableOf(this.resolver, parent.id);
      return alias?.references.every((r) => r.identifier === parent.id || (r.isRead() && !r.isWrite() && this.memberUseOfThis(r.identifier, handed))) ?? false;
    }
    if (parent.type !== AST_NODE_TYPES.CallExpression) return false;
    const given = this.locate(parent.callee);
    const param = given?.node.params[parent.arguments.indexOf(node as TSESTree.CallExpressionArgument)];
    if (given && param?.type === AST_NODE_TYPES.Identifier) return namedMembersOf(given.resolver, param, handed);
    const callee = unwrap(parent.callee);
    if (parent.arguments[0] !== node || callee.type !== AST_NODE_TYPES.MemberExpression) return false;
    // `function () {…}.bind(this)`: a function of this file, whose own `this.<name>` uses are those checked.
    if (memberName(this.resolver, callee) === 'bind') return functionOf(this.resolver, callee.object) !== undefined;
    return memberName(this.resolver, callee) === 'call' && !this.locate(callee.object) && !classOf(this.resolver, callee.object);
  }

  /** A returned value: the `.then` promise it resolves, or what callers of the (named) function get. */
  private returned(node: Node, shape: Shape, depth: number): void {
    const fn = enclosingFunction(node);
    const path = pathOf(shape);
    if (!fn) return;
    const call = fn.parent;
    if (call.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === fn) {
      const callee = unwrap(call.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(this.resolver, callee) === 'then') {
        this.follow(call, shape.kind === 'promise' ? shape : { kind: 'promise', of: shape }, depth); return;
      }
    }
    // `ids.map((id) => store.getUserById(id))`: a list of the items the callback hands back, read as their list is.
    const list = shape.kind === 'value' && shape.path.endsWith('[]') && !fn.async ? shape.path.slice(0, -2) : undefined;
    const mapped = list === undefined ? undefined : mapCallOf(fn);
    if (list !== undefined && mapped) { this.follow(mapped, { kind: 'value', path: list }, depth); return; }
    const resolved = fn.async && shape.kind !== 'promise' ? { kind: 'promise' as const, of: shape } : shape;
    const callers = this.callersOf(fn);
    if (callers === undefined) { this.escape(node, 'the response is returned to code that cannot be followed', path); return; }
    // Callers found here do not rule out others: an exported function or method that no other file of
    // the project calls is there for code outside it, which may read anything of the answer.
    if (callers.calls.length === 0 || callers.outside) this.escape(node, 'the response is returned to callers outside the project', path);
    for (const caller of callers.calls) this.in(caller.resolver).follow(caller.node, resolved, depth);
  }

  /**
   * The calls of a named function, method or `this` method, with those in other files when it is
   * exported; undefined when it is also used as a value (passed around: its callers are unknown).
   */
  private callersOf(fn: FunctionNode): { calls: Located<TSESTree.CallExpression>[]; outside: boolean } | undefined {
    const name = functionName(fn);
    if (!name) return undefined;
    const here = (call: TSESTree.CallExpression): Located<TSESTree.CallExpression> => ({ node: call, resolver: this.resolver });
    if (name.kind === 'method') {
      const calls = this.methodCallers(fn, name.name);
      // Calls of a method from other files are not looked for: any there are outside what is followed.
      return calls && { calls, outside: this.methodExported(fn) };
    }
    const variable = variableOf(this.resolver, name.identifier);
    if (!variable) return undefined;
    const calls: Located<TSESTree.CallExpression>[] = [];
    let exported = isExportedDeclaration(fn);
    for (const reference of variable.references) {
      if (reference.identifier === name.identifier || !reference.isRead()) continue;
      const identifier = reference.identifier;
      const parent = identifier.parent;
      if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === identifier) calls.push(here(parent));
      else if (identifier.type === AST_NODE_TYPES.Identifier && isExportUse(identifier)) exported = true;
      else return undefined;
    }
    if (exported) calls.push(...(this.resolver.project?.callersElsewhere(this.resolver, fn) ?? []));
    return { calls, outside: exported && calls.every((c) => c.resolver === this.resolver) };
  }

  /**
   * A method other modules can call: not private, of a class, constructor function (`X.prototype.m =`,
   * `X.m =`) that the file exports (`export class`, `module.exports = X`, `exports.X = X`, …).
   */
  private methodExported(fn: FunctionNode): boolean {
    const parent = fn.parent;
    if (parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) {
      if (parent.key.type === AST_NODE_TYPES.PrivateIdentifier || parent.accessibility === 'private') return false;
      return this.holderExported(parent.parent.parent);
    }
    if (parent.type !== AST_NODE_TYPES.AssignmentExpression || parent.left.type !== AST_NODE_TYPES.MemberExpression) return false;
    const object = unwrap(parent.left.object);
    const holder = object.type === AST_NODE_TYPES.MemberExpression && memberName(this.resolver, object) === 'prototype' ? unwrap(object.object) : object;
    return this.holderExported(holder);
  }

  /** A class (declared or an expression) or a name that the file exports, directly or through the variable holding it. */
  private holderExported(holder: Node): boolean {
    if (holder.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || holder.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration || isExportUse(holder)) return true;
    const declarator = holder.parent;
    const name =
      holder.type === AST_NODE_TYPES.Identifier ? holder
      : holder.type === AST_NODE_TYPES.ClassDeclaration ? holder.id
      : declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === holder && declarator.id.type === AST_NODE_TYPES.Identifier ? declarator.id
      : undefined;
    if (!name) return false;
    const variable = declaredBinding(this.resolver, holder, name);
    const declaration = variable?.defs[0]?.node.parent;
    if (declaration?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return true;
    return variable?.references.some((r) => r.isRead() && isExportUse(r.identifier)) ?? false;
  }

  /**
   * Calls of a method: `this.name()` in its class (or program, for prototype methods), and
   * `x.name()` on other receivers when no other function of the file is called `name`.
   */
  private methodCallers(fn: FunctionNode, name: string): Located<TSESTree.CallExpression>[] | undefined {
    const owner = thisOwner(fn);
    if (!owner) return undefined;
    const root = programOf(fn);
    const unique = [...descendants(this.resolver, root)].filter((n) => isFunctionNamed(n, name)).length === 1;
    const calls: Located<TSESTree.CallExpression>[] = [];
    for (const node of descendants(this.resolver, root)) {
      if (node.type !== AST_NODE_TYPES.CallExpression) continue;
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(this.resolver, callee) !== name) continue;
      const onThis = isThisLike(this.resolver, callee.object);
      if (onThis ? thisMethod(this.resolver, callee, name) === fn : unique) calls.push({ node, resolver: this.resolver });
    }
    return calls;
  }

  /** Binds a value to a pattern (variable, destructuring, default, rest) and follows its uses. */
  bind(pattern: Node, shape: Shape, depth: number): void {
    if (depth > MAX_DEPTH) return;
    switch (pattern.type) {
      case AST_NODE_TYPES.Identifier:
        { this.bindIdentifier(pattern, shape, depth); return; }
      case AST_NODE_TYPES.AssignmentPattern:
        { this.bind(pattern.left, shape, depth + 1); return; }
      case AST_NODE_TYPES.ObjectPattern:
        { this.bindObject(pattern, shape, depth + 1); return; }
      case AST_NODE_TYPES.ArrayPattern:
        { this.bindArray(pattern, shape, depth + 1); return; }
      case AST_NODE_TYPES.MemberExpression:
        { this.assign(pattern, shape, depth + 1); return; }
      default:
        { this.escape(pattern, 'the response is bound where it cannot be followed', pathOf(shape)); return; }
    }
  }

  private bindIdentifier(identifier: TSESTree.Identifier, shape: Shape, depth: number): void {
    const variable = variableOf(this.resolver, identifier);
    if (!variable) { this.escape(identifier, 'its variable could not be found', pathOf(shape)); return; }
    if (!this.visit(`${identifier.range[0]}:${JSON.stringify(shape)}`)) return;
    if (isExported(identifier)) this.escape(identifier, 'the response is exported', pathOf(shape));
    // Every read of the variable is followed, whatever it holds then: a write of another value would
    // hand on what is read after it unseen (`data = JSON.parse(data)` keeps the response).
    for (const write of otherWrites(this.resolver, variable, identifier)) {
      this.escape(write, `\`${identifier.name}\` is given another value (line ${write.loc.start.line}): what is read through it afterwards is not followed`, pathOf(shape));
    }
    for (const reference of variable.references) {
      if (reference.identifier === identifier || !reference.isRead()) continue;
      this.follow(reference.identifier, shape, depth + 1);
    }
  }

  private bindObject(pattern: TSESTree.ObjectPattern, shape: Shape, depth: number): void {
    if (shape.kind === 'http') { this.bindHttp(pattern, shape, depth); return; }
    if (shape.kind !== 'value') { this.escape(pattern, 'the response is destructured where it cannot be followed', pathOf(shape)); return; }
    for (const property of pattern.properties) {
      if (property.type === AST_NODE_TYPES.RestElement) {
        this.bind(property.argument, shape, depth);
        continue;
      }
      const name = propertyKeyName(this.resolver, property);
      if (name === undefined) {
        this.escape(property, 'the response is read with a computed property name', shape.path);
        continue;
      }
      if (isListPath(shape.path)) continue; // `const { length } = res.channels`
      const next = childPath(shape.path, name);
      this.read(next, property.key, depth, () => this.bind(property.value, { kind: 'value', path: next }, depth));
    }
  }

  /**
   * `const { data } = await axios.get(url)`, `.then(({ data }) => …)`: each property of the HTTP
   * response as `res.data` is (httpMember). A rest element (`{ status, ...rest }`) holds the body with
   * the rest: not followed.
   */
  private bindHttp(pattern: TSESTree.ObjectPattern, shape: Shape & { kind: 'http' }, depth: number): void {
    for (const property of pattern.properties) {
      const name = property.type === AST_NODE_TYPES.Property ? propertyKeyName(this.resolver, property) : undefined;
      if (property.type === AST_NODE_TYPES.RestElement || name === undefined || UNFOLLOWED_BODY_WAYS.has(name) || name === 'json') {
        this.escape(property, 'the response is destructured where it cannot be followed', '');
        continue;
      }
      if (HTTP_BODIES.has(name) || (name === 'text' && shape.library === 'superagent')) this.bind(property.value, RESPONSE, depth);
    }
  }

  private bindArray(pattern: TSESTree.ArrayPattern, shape: Shape, depth: number): void {
    pattern.elements.forEach((element, index) => {
      if (!element) return;
      if (shape.kind === 'tuple') {
        if (index === shape.index) this.bind(element, shape.of, depth);
        return;
      }
      if (shape.kind === 'value' && isListPath(shape.path)) {
        if (element.type === AST_NODE_TYPES.RestElement) this.bind(element.argument, shape, depth);
        else this.bind(element, { kind: 'value', path: `${shape.path}[]` }, depth);
        return;
      }
      this.escape(element, 'the response is destructured as an array', pathOf(shape));
    });
  }

  /**
   * A raw HTTP request to the method: the call the URL is given to (directly, or through the
   * variable that holds it, as it is or as an option: `request({ uri: url }, …)`), its promise or its
   * callback `(err, res, body)`.
   */
  httpRequest(url: Node): void {
    const { request, holder } = urlUseOf(url);
    const requests: (TSESTree.CallExpression | TSESTree.NewExpression)[] = request ? [request] : [];
    const variable = !request && holder ? variableOf(this.resolver, holder) : undefined;
    // Each read of the variable as the literal is followed: given as it is, as an option, or with a query added
    // (blind s99/03: `unirest.get(START_URI + '?token=' + token)`, whose answer went unseen).
    for (const reference of variable?.references ?? []) {
      const use = reference.isRead() ? urlUseOf(reference.identifier).request : undefined;
      if (use?.type === AST_NODE_TYPES.CallExpression) requests.push(use);
    }
    for (const call of requests) {
      if (call.type !== AST_NODE_TYPES.CallExpression) continue;
      const callback = call.arguments.at(-1);
      const fn = callback ? functionOf(this.resolver, callback) : undefined;
      if (!callback || !fn) this.promisedAnswer(call, url);
      else if (fn.params.length >= 3) {
        // request's `res` holds the same body (`res.body`, `res.toJSON()`): followed too, or a read of it would go unseen.
        this.bindFunctionParameter(fn, 1, { kind: 'http' }, 0, callback);
        this.bindFunctionParameter(fn, 2, RESPONSE, 0, callback);
      }
      else if (fn.params.length === 2) this.bindFunctionParameter(fn, 1, { kind: 'http' }, 0, callback);
      else if (fn.params.length === 1) this.streamedBody(fn, callback);
    }
  }

  /** A request's promise: request-promise's resolves the body (see request-promise.ts), the others their own response. */
  private promisedAnswer(call: TSESTree.CallExpression, url: Node): void {
    // superagent's own request (`superagent.get(url).query({ … }).end((err, res) => …)`): its links, its `.end`.
    if (isModuleRequest(this.resolver, call, 'superagent')) { this.follow(call, SUPERAGENT_REQUEST, 0); return; }
    // unirest's (`unirest.get(url).headers({ … }).end((response) => …)`): its links, its `.end` (blind s99/03).
    if (isModuleRequest(this.resolver, call, 'unirest')) { this.follow(call, UNIREST_REQUEST, 0); return; }
    const answer = requestPromiseAnswer(this.resolver, call, url);
    if (answer === undefined || answer === 'response') this.follow(call, { kind: 'promise', of: { kind: 'http' } }, 0);
    else if (answer === 'body') this.follow(call, PROMISED_RESPONSE, 0);
    else this.escape(call, answer.why, '');
  }

  /**
   * `(res) => { res.on('data', (c) => (raw += c)); res.on('end', () => JSON.parse(raw)) }` (Node's
   * `http.get`): the body is the text the `data` listeners add up, and what `JSON.parse` makes of it
   * is the response. Any other use of the stream is an escape: what is read then is not known.
   */
  private streamedBody(fn: FunctionNode, at: Node): void {
    const added = streamReads(this.resolver, fn);
    if (!added) { this.escape(at, 'the response stream could not be followed', ''); return; }
    if ('unfollowed' in added) { this.escape(added.unfollowed, 'the response stream is read in a way that could not be followed', ''); return; }
    // `handleResponse(res, callback)`: what the helper does with the answer is followed as entered through that call (see parameterFunctions).
    for (const helper of added.helpers) this.enter(helper.fn, helper.call, '');
    const texts = new Set([...added.adds.keys()].flatMap((add) => (add.type === AST_NODE_TYPES.Identifier ? (variableOf(this.resolver, add) ?? []) : [])));
    let parsed = false;
    for (const text of texts) {
      for (const reference of text.references) {
        for (const call of parsesOfText(this.resolver, reference.identifier)) {
          this.follow(call, RESPONSE, 0);
          parsed = true;
        }
      }
    }
    if (!parsed) this.escape(at, 'the response body is not read with `JSON.parse` of the text its `data` events add up', '');
  }

  /** `res.data` (axios), `res.body` (request with `json: true`, got), `res.json()` (fetch). */
  private httpMember(member: TSESTree.MemberExpression, name: string | undefined, shape: Shape & { kind: 'http' }, depth: number): void {
    // superagent's `res.text`: the body's text, which `JSON.parse` makes the response of.
    if ((name !== undefined && HTTP_BODIES.has(name)) || (name === 'text' && shape.library === 'superagent')) { this.follow(member, RESPONSE, depth); return; }
    const call = member.parent;
    if (name === 'json' && call.type === AST_NODE_TYPES.CallExpression && call.callee === member) { this.follow(call, PROMISED_RESPONSE, depth); return; }
    if (name === undefined || UNFOLLOWED_BODY_WAYS.has(name)) this.escape(member, `the response body is read through \`${sourceText(member)}\`, which is not followed`, '');
  }

  /**
   * The response handed to a callback: `(err, res)` gets it second; a one-parameter `function (res)`
   * (the app's own helpers) first, unless the parameter is named as an error. `helper`: the call of the
   * app's own helper the callback is given, whose convention is not known (see answerInFirst).
   */
  callback(node: Node, shape: Shape, helper?: TSESTree.CallExpression): void {
    const located = this.locate(node);
    if (!located) { this.escape(node, `the response goes to \`${describeNode(node)}\`, which could not be followed`, pathOf(shape)); return; }
    const { node: fn, resolver } = located;
    if (usesArguments(resolver, fn)) this.escape(node, 'the callback reads its arguments dynamically (`arguments`)', pathOf(shape));
    // `(err, res, body)`: which one the helper hands the data in is not known (`request` hands the
    // body text third): each is followed.
    if (fn.params.length >= 2) {
      for (let i = 1; i < fn.params.length; i++) this.in(resolver).bindFunctionParameter(fn, i, shape, 0, node);
      if (helper && !firstParameterIsError(resolver, fn, true)) this.in(resolver).answerInFirst(fn, shape, helper);
      return;
    }
    const only = fn.params[0];
    if (only && !(only.type === AST_NODE_TYPES.Identifier && /^e(rr(or)?)?$/i.test(only.name))) this.in(resolver).bindFunctionParameter(fn, 0, shape, 0, node);
    // `(e) => store.load(e.users)`: a name is no proof that a helper calls back the error alone.
    else if (only && helper && !firstParameterIsError(resolver, fn, false)) this.in(resolver).answerInFirst(fn, shape, helper);
  }

  /**
   * `svc.request('rtm.start', function (result, failure) {…})`: an app's helper whose callback does not
   * show its first parameter to be the error may call back `(data, err)`. The first parameter is followed
   * on its own; where it reads a field `rtm.connect` is not known to return, or escapes where start-only
   * data may be read (isSignificantEscape), the call escapes whole: the answer may be there, and
   * `rtm.connect` in place would hand it nothing of what is read.
   */
  private answerInFirst(fn: FunctionNode, shape: Shape, helper: TSESTree.CallExpression): void {
    const first = fn.params[0];
    if (!first) return;
    const inner = new Tracker(this.resolver, { flow: { reads: [], escapes: [] }, seen: new Set(), trackers: new Map(), steps: 0, entries: new Map() });
    inner.bindFunctionParameter(fn, 0, shape, 0, helper);
    const read = inner.flow.reads.find((r) => !isConnectField(r.path));
    const escaped = inner.flow.escapes.find(isSignificantEscape);
    if (!read && !escaped) return;
    this.flow.reads.push(...inner.flow.reads);
    const name = first.type === AST_NODE_TYPES.Identifier ? `\`${first.name}\`` : 'its first parameter';
    const shown = read ? `reads \`${read.path}\` off it (line ${read.node.loc.start.line})` : `hands it on (${escaped?.reason ?? ''})`;
    this.escape(fn, `the callback convention of \`${describeNode(helper.callee)}\` is not known: nothing in the callback uses ${name} as an error, so ${name} may be the answer, not the error of a Node-style \`(err, data)\`, and the callback ${shown}`, '');
  }

  /** Every parameter of `fn` as the whole answer, but for those the client fills with its own `texts`. */
  everyParameter(fn: FunctionNode, at: Node, texts: readonly number[] = []): void {
    fn.params.forEach((_, index) => { if (!texts.includes(index)) this.bindFunctionParameter(fn, index, RESPONSE, 0, at); });
  }

  /** Binds parameter `index` of the function `node` stands for; an escape when it cannot be found. */
  bindParameter(node: Node, index: number, shape: Shape, depth: number): void {
    const located = this.locate(node);
    // `users.find(Boolean)`, `forEach(console.log)`: a call that reads nothing off what it is given.
    if (!located && HARMLESS_SINKS.test(sourceText(node))) return;
    const targets = located ? [located] : this.parameterFunctions(node, pathOf(shape));
    if (!targets) { this.escape(node, `the response goes to \`${describeNode(node)}\`, which could not be followed`, pathOf(shape)); return; }
    for (const target of targets) this.in(target.resolver).bindFunctionParameter(target.node, index, shape, depth, node);
  }

  private enter(fn: FunctionNode, call: TSESTree.CallExpression, path: string): void {
    const entries = this.shared.entries.get(fn) ?? [];
    entries.push({ call: { node: call, resolver: this.resolver }, path });
    this.shared.entries.set(fn, entries);
  }

  /**
   * `describe(item)` where `describe` is a parameter (never assigned) of a function the response at
   * `path` entered through calls seen here (`printList('users', res.users, (u) => u.name)`): the
   * functions those calls pass there, only those of the calls that handed in the part `path` is in
   * (the users' item goes to the users' describer, not the channels'). Where the response entered no
   * such call (the function made the request itself: `function makeRequest(callback)`), the functions
   * every call of it passes there (see everyCall), in this file or, exported, in its importers. A
   * parameter passed on as it is (`handleResponse(res, callback)`) is followed to what is passed for it
   * in turn. Undefined when one is unknown.
   */
  private parameterFunctions(node: Node, path: string, visiting = new Set<TSESLint.Scope.Variable>()): Located<FunctionNode>[] | undefined {
    const callee = unwrap(node);
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = variableOf(this.resolver, callee);
    const def = variable?.defs[0];
    if (variable?.defs.length !== 1 || def?.type !== TSESLint.Scope.DefinitionType.Parameter) return undefined;
    if (variable.references.some((r) => r.isWrite())) return undefined;
    // A function passing its own parameter to itself: the other calls say what it is.
    if (visiting.has(variable)) return [];
    visiting.add(variable);
    const fn = def.node as FunctionNode;
    const position = fn.params.findIndex((p) => p === def.name);
    const within = (entered: string): boolean => entered === '' || path === entered || path.startsWith(`${entered}[]`) || path.startsWith(`${entered}.`);
    const entered = this.shared.entries.get(fn);
    // Sloppy-mode `arguments[1] = other` would change the parameter unseen.
    const calls = entered ? entered.filter((e) => within(e.path)).map((e) => e.call) : usesArguments(this.resolver, fn) ? undefined : everyCallOf(this.resolver, fn);
    if (position < 0 || !calls || calls.length === 0) return undefined;
    const targets: Located<FunctionNode>[] = [];
    for (const call of calls) {
      const arg = call.node.arguments[position];
      if (!arg || call.node.arguments.slice(0, position).some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return undefined;
      const there = this.in(call.resolver);
      const target = there.locate(arg);
      const passed = target ? [target] : there.parameterFunctions(arg, path, visiting);
      if (!passed) return undefined;
      targets.push(...passed);
    }
    return targets.length > 0 ? targets : undefined;
  }

  private bindFunctionParameter(fn: FunctionNode, index: number, shape: Shape, depth: number, at: Node): void {
    const param = fn.params[index];
    if (!param) {
      if (fn.params.some((p) => p.type === AST_NODE_TYPES.RestElement) || usesArguments(this.resolver, fn)) {
        this.escape(at, `\`${describeNode(at)}\` reads its arguments dynamically`, pathOf(shape));
      }
      return;
    }
    if (param.type === AST_NODE_TYPES.RestElement || param.type === AST_NODE_TYPES.TSParameterProperty) {
      this.escape(param, 'the response is passed to a rest parameter', pathOf(shape)); return;
    }
    this.bind(param, shape, depth + 1);
  }
}

/** `list.map(fn)` where `fn` is the callback: the call, whose result holds what `fn` returns. */
function mapCallOf(fn: FunctionNode): TSESTree.CallExpression | undefined {
  const call = fn.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== fn || call.arguments.length !== 1) return undefined;
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier && callee.property.name === 'map' ? call : undefined;
}

function pathOf(shape: Shape): string {
  if (shape.kind === 'value') return shape.path;
  if (shape.kind === 'store') return shape.map ?? '';
  if (shape.kind === 'http') return '';
  return pathOf(shape.of);
}

function sourceText(node: Node): string {
  return describeNode(node).slice(0, 40);
}

/** `cb(err || body)`, `throw err || body`: the value (through TypeScript's wrappers) handed to a call, or thrown. */
function handedOn(value: Node): boolean {
  const current = outermostValue(value);
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.ThrowStatement) return true;
  return (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) && parent.arguments.includes(current as TSESTree.CallExpressionArgument);
}

/** `String(body)`: the text of a raw body. */
function isStringCall(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const callee = unwrap(call.callee);
  return call.type === AST_NODE_TYPES.CallExpression && callee.type === AST_NODE_TYPES.Identifier && callee.name === 'String' && call.arguments.length === 1;
}

/** The call the text `node` makes goes into as an argument (alone, in a template or `+`). */
function textSink(node: Node): TSESTree.CallExpression | undefined {
  let current = node;
  while (current.parent?.type === AST_NODE_TYPES.TemplateLiteral || (current.parent?.type === AST_NODE_TYPES.BinaryExpression && current.parent.operator === '+')) current = current.parent;
  const parent = current.parent;
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(current as TSESTree.CallExpressionArgument) ? parent : undefined;
}

/** True when the text `call` makes only goes into a log call's arguments (alone, in a template or `+`). */
function printedOnly(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const sink = textSink(call);
  return sink !== undefined && LOG_SINKS.test(sourceText(sink.callee));
}

/** `Promise.resolve(value)`: a promise of the value. */
function isPromiseResolve(resolver: Resolver, call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
  const bare = unwrap(call.callee);
  return (
    call.type === AST_NODE_TYPES.CallExpression &&
    call.arguments.length === 1 &&
    bare.type === AST_NODE_TYPES.MemberExpression &&
    bare.object.type === AST_NODE_TYPES.Identifier &&
    bare.object.name === 'Promise' &&
    !variableOf(resolver, bare.object)?.defs.length &&
    memberName(resolver, bare) === 'resolve'
  );
}

function isPromiseAll(resolver: Resolver, callee: Node): boolean {
  const bare = unwrap(callee);
  return (
    bare.type === AST_NODE_TYPES.MemberExpression &&
    bare.object.type === AST_NODE_TYPES.Identifier &&
    bare.object.name === 'Promise' &&
    memberName(resolver, bare) === 'all'
  );
}

function isExported(identifier: TSESTree.Identifier): boolean {
  const declarator = identifier.parent;
  const declaration = declarator.parent;
  return declaration?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
}

/** A method or function stored or declared under `name`. */
function isFunctionNamed(node: Node, name: string): boolean {
  if ((node.type === AST_NODE_TYPES.MethodDefinition || node.type === AST_NODE_TYPES.Property) && !node.computed) {
    return node.key.type === AST_NODE_TYPES.Identifier && node.key.name === name && isFunctionLike(node.value);
  }
  if (node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && !node.left.computed) {
    return node.left.property.type === AST_NODE_TYPES.Identifier && node.left.property.name === name && isFunctionLike(node.right);
  }
  return node.type === AST_NODE_TYPES.FunctionDeclaration && node.id?.name === name;
}

function isFunctionLike(node: Node): boolean {
  return node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression;
}


/**
 * True when the object `new X(…)` makes is only used through methods of its class: discarded, called
 * on (`new X(r).print()`), or kept in a `const` that is only called on. Its fields are then read in the
 * class alone (which the analysis follows through `this`).
 */
function usedThroughMethods(resolver: Resolver, made: TSESTree.NewExpression, methods: ReadonlySet<string>): boolean {
  const calledMethod = (value: Node): boolean => {
    const member = value.parent;
    return member?.type === AST_NODE_TYPES.MemberExpression && member.object === value && methods.has(memberName(resolver, member) ?? '') &&
      member.parent.type === AST_NODE_TYPES.CallExpression && member.parent.callee === member;
  };
  const value = outermostValue(made);
  const parent = value.parent;
  if (parent?.type === AST_NODE_TYPES.ExpressionStatement || calledMethod(value)) return true;
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== value || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(resolver, parent.id);
  if (!variable) return false;
  return variable.references.filter((r) => r.identifier !== parent.id).every((r) => r.isRead() && !r.isWrite() && calledMethod(r.identifier));
}

/** The methods of the class a constructor belongs to (`X.prototype.m = function …` for a constructor function). */
function methodNames(constructor: Located<FunctionNode>): Set<string> {
  const definition = constructor.node.parent;
  if (definition.type === AST_NODE_TYPES.MethodDefinition) return classMethods(definition.parent);
  const name = constructor.node.type === AST_NODE_TYPES.FunctionDeclaration ? constructor.node.id?.name : undefined;
  return name === undefined ? new Set() : prototypeMethods(constructor.resolver, name, programOf(constructor.node));
}

function classMethods(body: TSESTree.ClassBody): Set<string> {
  const names = new Set<string>();
  for (const element of body.body) {
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'method' && !element.computed && element.key.type === AST_NODE_TYPES.Identifier) names.add(element.key.name);
  }
  return names;
}

/** True (the members collected) when a parameter is only read as `param.<name>`, never handed on whole. */
function namedMembersOf(resolver: Resolver, param: TSESTree.Identifier, handed: Located<TSESTree.MemberExpression>[]): boolean {
  const variable = variableOf(resolver, param);
  if (!variable) return false;
  for (const reference of variable.references) {
    const member = reference.identifier.parent;
    if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || memberName(resolver, member) === undefined) return false;
    handed.push({ node: member, resolver });
  }
  return true;
}

function isAssigned(node: Node): boolean {
  return node.parent?.type === AST_NODE_TYPES.AssignmentExpression && node.parent.left === node;
}

/**
 * The constructor function whose instance `this` is at `write`: the first function around it that is
 * declared by a name (`function Bot() {…}`, `var Bot = function …`) or stored as `Bot.prototype.m`.
 */
function constructorName(resolver: Resolver, fn: FunctionNode): TSESTree.Identifier | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ?? undefined;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === fn) return parent.id.type === AST_NODE_TYPES.Identifier ? parent.id : undefined;
  if (parent.type !== AST_NODE_TYPES.AssignmentExpression || parent.right !== fn || parent.left.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const prototype = unwrap(parent.left.object);
  if (prototype.type !== AST_NODE_TYPES.MemberExpression || memberName(resolver, prototype) !== 'prototype') return undefined;
  const name = unwrap(prototype.object);
  return name.type === AST_NODE_TYPES.Identifier ? name : undefined;
}


/** The name a class is used by: its declared name, or the `const` holding a class expression. */
function classBinding(holder: TSESTree.ClassDeclaration | TSESTree.ClassExpression): TSESTree.Identifier | undefined {
  if (holder.type === AST_NODE_TYPES.ClassDeclaration) return holder.id ?? undefined;
  const declarator = holder.parent;
  return declarator.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === holder && declarator.id.type === AST_NODE_TYPES.Identifier ? declarator.id : undefined;
}

/** The methods `<name>.prototype.m = function …` gives a constructor function in `program`. */
function prototypeMethods(resolver: Resolver, name: string, program: TSESTree.Program): Set<string> {
  const names = new Set<string>();
  for (const node of descendants(resolver, program)) {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.MemberExpression || !isFunctionLike(unwrap(node.right))) continue;
    const prototype = unwrap(node.left.object);
    const method = memberName(resolver, node.left);
    if (prototype.type === AST_NODE_TYPES.MemberExpression && memberName(resolver, prototype) === 'prototype' && unwrap(prototype.object).type === AST_NODE_TYPES.Identifier && (unwrap(prototype.object) as TSESTree.Identifier).name === name && method !== undefined) names.add(method);
  }
  return names;
}
