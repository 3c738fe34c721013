import { clientAnswerUnread, followClientAnswer, followUrl, helperAnswerUnread, isSignificantEscape, isHttpLibraryModule, propertyUrlReads, isHttpRequest, localFunction, originOf, readsOwnArguments, REQUEST_PROMISE_MODULES, streamParsedOnly, unknownClientAnswer, unwrap, variableOf, type FieldRead, type FunctionNode as AnalysisFunction } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { CODEMOD_MESSAGES, COMMON_RESPONSE_FIELDS, fieldFact, isConnectTextThroughClient, isRtmStartOnlyArg, readsErrorText, readsNoStartOnlyField } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { rtmStartPathsIn } from '../text/rtm-start-path.js';
import { buildsUrl } from '../helper-module/transport/url-builder.js';
import { isFetch } from '../helper-module/transport/index.js';
import type { FoundSite } from './found.js';

type Node = TSESTree.Node;
type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;
type Request = TSESTree.CallExpression | TSESTree.NewExpression;

/**
 * How a known HTTP library hands the answer over, as the analysis follows it (flow.ts `httpRequest`):
 * - `promise`: `fetch`, axios's `get` / `post`, got, request-promise (which resolves the body, or the
 *   whole response only with `resolveWithFullResponse`: see the analysis' request-promise.ts): the
 *   call's promise (no callback given);
 * - `callback`: request's `(err, res[, body])`, written out in place or a function this file declares
 *   once and never reassigns (`request.post(opts, onStart)`), which reads no `arguments`;
 * - `stream`: Node's `https.get(url, (res) => …)` / `https.request(options, (res) => …)`; taken only
 *   where the stream is never read, or where the body text its `data` events add up is read by
 *   `JSON.parse` alone (text handed on elsewhere raises no escape: see the analysis' `streamParsedOnly`).
 * Any other library (a wrapper of the app's, say) may resolve the body where the analysis
 * expects the response object (or the reverse), so what it reads is not known: undefined.
 */
type Answer = 'promise' | 'callback' | 'stream';

const NODE_HTTP = new Set(['http', 'https', 'node:http', 'node:https']);
const CONSOLE_METHODS = new Set(['log', 'info', 'warn', 'error', 'debug', 'dir', 'trace']);

/** The last argument, when it is a function written out in place. */
function writtenFunction(call: TSESTree.CallExpression): FunctionNode | undefined {
  const last = call.arguments.at(-1);
  const fn = last ? unwrap(last) : undefined;
  return fn?.type === AST_NODE_TYPES.ArrowFunctionExpression || fn?.type === AST_NODE_TYPES.FunctionExpression ? fn : undefined;
}

/**
 * `function onStart(err, res, body) {…}` given by name: the function the analysis follows, when the
 * name is never given another (a function declaration can be reassigned) and the function reads its
 * parameters only by name (`arguments[2]` is the body under no name the analysis follows).
 */
function declaredCallback(parsed: ParsedFile, call: TSESTree.CallExpression): AnalysisFunction | undefined {
  const last = call.arguments.at(-1);
  const name = last ? unwrap(last) : undefined;
  if (name?.type !== AST_NODE_TYPES.Identifier || call.arguments.length < 2) return undefined;
  const fn = localFunction(parsed.resolver, name);
  const variable = variableOf(parsed.resolver, name);
  const declared = variable?.defs[0]?.name;
  if (!fn || !variable || variable.references.some((r) => r.isWrite() && r.identifier !== declared)) return undefined;
  return readsOwnArguments(parsed.resolver, fn) ? undefined : fn;
}

/**
 * `function post(url, data, cb) { return request.post(url, data, cb); }`: the app's own function of
 * this file, never reassigned, that hands its parameters on as they are, in their order, to one call
 * whose value it returns: called with as many plain arguments, it is that call (its library, its
 * answer). Anything more in its body (a default, a header added, `arguments`) may change the request.
 */
function forwardedTo(parsed: ParsedFile, call: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const fn = localFunction(parsed.resolver, callee);
  const variable = variableOf(parsed.resolver, callee);
  const declared = variable?.defs[0]?.name;
  if (!fn || fn.async || fn.generator || !variable || variable.references.some((r) => r.isWrite() && r.identifier !== declared) || readsOwnArguments(parsed.resolver, fn)) return undefined;
  const body = fn.body.type === AST_NODE_TYPES.BlockStatement ? (fn.body.body.length === 1 && fn.body.body[0]?.type === AST_NODE_TYPES.ReturnStatement ? fn.body.body[0].argument : undefined) : fn.body;
  const inner = body ? unwrap(body) : undefined;
  if (inner?.type !== AST_NODE_TYPES.CallExpression || inner.arguments.length !== fn.params.length || call.arguments.length !== fn.params.length) return undefined;
  if (call.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return undefined;
  const handsOn = fn.params.every((param, i) => {
    const arg = inner.arguments[i];
    if (param.type !== AST_NODE_TYPES.Identifier || arg?.type !== AST_NODE_TYPES.Identifier || arg.name !== param.name) return false;
    return !variableOf(parsed.resolver, param)?.references.some((r) => r.isWrite());
  });
  return handsOn ? inner : undefined;
}

function answerOf(parsed: ParsedFile, call: TSESTree.CallExpression): Answer | undefined {
  const callee = unwrap(forwardedTo(parsed, call)?.callee ?? call.callee);
  const fn = writtenFunction(call);
  const last = call.arguments.at(-1);
  // A promise library handed a callback besides (written out or by name): what the analysis follows of it is not known here.
  const handsCallback = fn !== undefined || (last !== undefined && unwrap(last).type === AST_NODE_TYPES.Identifier && call.arguments.length > 1);
  if (isFetch(parsed, callee)) return handsCallback ? undefined : 'promise';
  const member = callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
  if (callee.type === AST_NODE_TYPES.MemberExpression && member === undefined) return undefined;
  const module = originOf(parsed.resolver, callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee)?.module;
  if (module === 'axios' && (member === 'get' || member === 'post')) return handsCallback ? undefined : 'promise';
  if (module === 'got' && (member === undefined || member === 'get' || member === 'post')) return handsCallback ? undefined : 'promise';
  if (module !== undefined && REQUEST_PROMISE_MODULES.has(module) && (member === undefined || member === 'get' || member === 'post')) return handsCallback ? undefined : 'promise';
  const callback = fn ?? declaredCallback(parsed, call);
  // A callback given fewer than `(err, res)` (and no `arguments`) gets no answer to read.
  if (module === 'request' && (member === undefined || member === 'get' || member === 'post')) return callback && (callback.params.length >= 2 || !readsOwnArguments(parsed.resolver, callback)) ? 'callback' : undefined;
  if (module !== undefined && NODE_HTTP.has(module) && (member === 'get' || member === 'request')) return fn?.params.length === 1 ? 'stream' : undefined;
  return undefined;
}

/**
 * The request the URL string is given to as it is: its first argument is the URL (a `+` chain or a
 * template the string is part of), or an options object whose `url` / `uri` / `path` it is; or a
 * variable declared with the URL or those options and given once, as it is (or, the URL, as the
 * options' `url` / `uri`), as a request's first argument (what the analysis follows). A URL used in any other way (`START + '?token=' + t`) is not followed here.
 */
function requestGiven(parsed: ParsedFile, node: Node): Request | undefined {
  const url = outermost(node);
  const given = urlOption(url);
  // `const options = { host, path: '/api/rtm.start?token=' + t }` is held like a URL.
  const declarator = given.parent;
  if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === given && declarator.id.type === AST_NODE_TYPES.Identifier) {
    return heldUrlRequest(parsed, declarator.id, given === url);
  }
  const call = given.parent;
  return (call?.type === AST_NODE_TYPES.CallExpression || call?.type === AST_NODE_TYPES.NewExpression) && call.arguments[0] === given ? call : undefined;
}

/** The whole URL a string is the start of: its `+` chain, through parentheses and type assertions. */
function outermost(node: Node): Node {
  let url: Node = node;
  while (url.parent?.type === AST_NODE_TYPES.BinaryExpression && url.parent.operator === '+') url = url.parent;
  while (url.parent && unwrap(url.parent) !== url.parent) url = url.parent;
  return url;
}

/**
 * What a URL is given as: the options object it is the `url` / `uri` of (or the `path` of, for Node's
 * `https.request({ host, path })`), else itself.
 */
function urlOption(url: Node): Node {
  const property = url.parent;
  return optionKey(url) !== undefined && property ? property.parent ?? url : url;
}

/** The option (`url`, `uri`, `path`) a URL is the value of in an object written out. */
function optionKey(url: Node): string | undefined {
  const property = url.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== url || property.computed || property.key.type !== AST_NODE_TYPES.Identifier) return undefined;
  return ['url', 'uri', 'path'].includes(property.key.name) ? property.key.name : undefined;
}

/**
 * `var url = base + 'rtm.start?token=' + t; request(url, …)` or `request({ uri: url, qs }, …)`: the one
 * request the URL is given to (as it is, or as its options' `url` / `uri`), never reassigned. `url`
 * false: the variable holds the options themselves (`https.request(options, …)`), given as they are.
 */
function heldUrlRequest(parsed: ParsedFile, id: TSESTree.Identifier, url: boolean): Request | undefined {
  const variable = variableOf(parsed.resolver, id);
  if (variable?.defs.length !== 1 || id.parent.parent?.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return undefined;
  if (variable.references.some((r) => r.isWrite() && r.identifier !== id)) return undefined;
  const [only, ...more] = variable.references.filter((r) => r.isRead());
  const given = only && url ? urlOption(only.identifier) : only?.identifier;
  const use = given?.parent;
  return more.length === 0 && (use?.type === AST_NODE_TYPES.CallExpression || use?.type === AST_NODE_TYPES.NewExpression) && use.arguments[0] === given ? use : undefined;
}

/** `(res) => console.log(res)`: the response stream is only handed to `console`, its body never read. */
function onlyLogged(parsed: ParsedFile, fn: FunctionNode): boolean {
  const param = fn.params[0];
  // `arguments[0]` is the stream under another name.
  if (param?.type !== AST_NODE_TYPES.Identifier || readsOwnArguments(parsed.resolver, fn)) return false;
  const references = variableOf(parsed.resolver, param)?.references ?? [];
  return references.every((r) => {
    const call = r.identifier.parent;
    if (call.type !== AST_NODE_TYPES.CallExpression || !call.arguments.some((a) => a === r.identifier)) return false;
    const callee = call.callee;
    return (
      callee.type === AST_NODE_TYPES.MemberExpression &&
      callee.object.type === AST_NODE_TYPES.Identifier &&
      callee.object.name === 'console' &&
      !variableOf(parsed.resolver, callee.object)?.defs.length &&
      callee.property.type === AST_NODE_TYPES.Identifier &&
      CONSOLE_METHODS.has(callee.property.name)
    );
  });
}

/** A field `rtm.connect` answers too: `ok` / `error`… (`error.message` inside its text), `url`, `self.id`, `self.name`, `team.id`, `team.name`, `team.domain`. */
function onConnect(field: string): boolean {
  return COMMON_RESPONSE_FIELDS.includes(field) || readsErrorText(field) || fieldFact(field)?.onRtmConnect === true;
}

/**
 * A raw HTTP request whose URL string spells `rtm.start` out once (`…/api/rtm.start`,
 * `'rtm.start?token=' + t`), given as it is to a known library, whose answer the analysis follows
 * to reads of `rtm.connect`'s fields only, or to no read at all (nothing leaves code it follows; a
 * stream only handed to `console` is not read): the same request to `rtm.connect` answers the same
 * fields. The string may be held in a property written once (`X.prototype.rtmApiUrl = '…'`,
 * `X.prototype.uris = { start: '…' }`: the analysis' property-url.ts), each read judged as the string
 * would be there, and it then changes where it is defined; or handed to the app's own helper whose
 * answer nobody reads. Anything else keeps its decision (the generated helper module, or a TODO).
 */
export function rawUrlConnectOnly(parsed: ParsedFile, found: FoundSite): boolean {
  return rawUrlVerdict(parsed, found) !== undefined;
}

/**
 * A raw request rawUrlConnectOnly takes whose answer no code reads at all (no field, nothing handed
 * on, a stream never read or only logged, the app's own helper's answer dropped, an unknown client's answer going nowhere: the analysis' clientAnswerUnread): it can go to
 * `auth.test`, which checks the same token, rather than to a Tier-1 `rtm.connect` whose socket URL
 * nobody uses (and which an app that asks `rtm.connect` next would then call twice).
 */
export function rawUrlAnswerUnread(parsed: ParsedFile, found: FoundSite): boolean {
  return rawUrlVerdict(parsed, found) === 'unread';
}

/**
 * The answer of the request an app's URL builder's `rtm.start` URL goes to (builtUrlAnswer), where
 * rawUrlConnectOnly takes the site: what the plan reports as read there (the builder's own value is
 * a string handed on).
 */
export function builtUrlConnectAnswer(parsed: ParsedFile, found: FoundSite): RequestAnswer | undefined {
  const built = builtUrlAnswer(parsed, found);
  return built && requestVerdict(parsed, built, found.node) !== undefined ? built : undefined;
}

/** `connect`: only `rtm.connect`'s fields are read; `unread`: nothing is; undefined: neither is seen. */
type Verdict = 'connect' | 'unread' | undefined;

function rawUrlVerdict(parsed: ParsedFile, found: FoundSite): Verdict {
  const built = builtUrlAnswer(parsed, found);
  if (built) return requestVerdict(parsed, built, found.node);
  if (found.form !== 'raw-url' || !found.literal) return undefined;
  const node = found.node;
  const raw = parsed.text.slice(node.range[0], node.range[1]);
  const paths = rtmStartPathsIn(raw);
  if (paths.length !== 1) return undefined;
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    const at = node.range[0] + (paths[0] ?? 0);
    if (!node.quasis.some((q) => at >= q.range[0] && at < q.range[1])) return undefined;
  }
  // A URL held in a property (`X.prototype.rtmApiUrl`, `this.uris.start`): each read goes to a request, judged as the string would be there.
  const urls = propertyUrlReads(parsed.resolver, node) ?? [node];
  // The site's own escape (a raw HTTP response) comes first: the others are where the answer goes.
  const answer = { reads: found.reads, escapes: found.escapes.slice(1) };
  const verdicts = urls.map((url) => requestVerdict(parsed, answer, url));
  if (verdicts.length === 0 || verdicts.includes(undefined)) return undefined;
  return verdicts.every((v) => v === 'unread') ? 'unread' : 'connect';
}

/** What the analysis follows of a request's answer: the reads, and where it goes besides. */
export interface RequestAnswer {
  readonly reads: readonly FieldRead[];
  readonly escapes: FoundSite['escapes'];
}

/**
 * `post(api('rtm.start'), {}, cb)`: the app's helper given the method name only builds the URL
 * (url-builder.ts), which goes to a request as the string itself would: that request's answer, as a
 * raw URL site's is followed. The helper's call then changes as a raw URL's string does.
 */
function builtUrlAnswer(parsed: ParsedFile, found: FoundSite): RequestAnswer | undefined {
  const call = found.node;
  if (found.form !== 'helper' || !found.literal || found.methodChosen === true || call.type !== AST_NODE_TYPES.CallExpression || !buildsUrl(parsed, call)) return undefined;
  const flow = followUrl(parsed.resolver, call);
  return { reads: flow.reads, escapes: flow.escapes.filter(isSignificantEscape) };
}

/**
 * The request a URL (the string, or a read of the property holding it) is given to answers only what
 * `rtm.connect` answers too (`connect`), or its answer is not read at all (`unread`).
 */
function requestVerdict(parsed: ParsedFile, flow: RequestAnswer, url: Node): Verdict {
  const request = requestGiven(parsed, url);
  // Any escape means reads not seen, but for a field's text handed on (`self.id` passed to a query):
  // rtm.connect answers the same text.
  const unseen = flow.escapes.every((e) => isConnectText(e.path));
  // Nothing read off the answer, nothing handed on.
  const nothingRead = flow.reads.length === 0 && flow.escapes.length === 0;
  // What a callback given besides reads (`post(url, {}, (err, res, body) => …)`): only rtm.connect's fields.
  const connectReads = flow.reads.every((r) => onConnect(r.path));
  if (!request) return unseen && connectReads && helperAnswerDropped(parsed, url) ? (nothingRead ? 'unread' : 'connect') : undefined;
  if (!knownLibrary(parsed, request)) {
    if (unknownClientConnectOnly(parsed, request)) return nothingRead && unseen && clientAnswerUnread(parsed.resolver, request) ? 'unread' : 'connect';
    return unseen && connectReads && helperAnswerDropped(parsed, url) ? (nothingRead ? 'unread' : 'connect') : undefined;
  }
  if (request.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const answer = answerOf(parsed, request);
  if (!answer) return undefined;
  // Only Node's own `http` takes the URL's `path` as an option; another library given one asks elsewhere.
  if (answer !== 'stream' && optionKey(outermost(url)) === 'path') return undefined;
  // Other ways to the body (`res.text()`, `res.toJSON()`, `JSON.stringify(body)`) are escapes of this request's
  // answer the analysis reports where the value goes (a `.text` of another value in the file is none of them).
  if (!connectReads) return undefined;
  // A stream's body text may go elsewhere besides `JSON.parse` unseen: taken only never read, or read by `JSON.parse` alone.
  const fn = writtenFunction(request);
  if (answer === 'stream') {
    if (fn === undefined) return undefined;
    if (flow.reads.length === 0 && onlyLogged(parsed, fn)) return 'unread';
    if (!streamParsedOnly(parsed.resolver, fn)) return undefined;
  }
  if (!unseen) return undefined;
  return nothingRead ? 'unread' : 'connect';
}

/**
 * `this.request('get', url)`: the URL, as it is, handed (at any place) to the app's own helper of this
 * file whose answer nobody reads, the helper included (see the analysis' helper-answer.ts): the same
 * request to `rtm.connect` does the same.
 */
function helperAnswerDropped(parsed: ParsedFile, url: Node): boolean {
  const call = outermost(url).parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee !== outermost(url) && outermost(url) === url && helperAnswerUnread(parsed.resolver, call);
}

/** A request of an HTTP library rtm-migrate knows (`fetch`, axios, request, Node's `https`, unirest…), or of a value one of them made: judged by what it is (answerOf), never as an unknown client. */
function knownLibrary(parsed: ParsedFile, given: Request): boolean {
  const request = (given.type === AST_NODE_TYPES.CallExpression ? forwardedTo(parsed, given) : undefined) ?? given;
  const callee = unwrap(request.callee);
  if (request.type === AST_NODE_TYPES.CallExpression && isHttpRequest(parsed.resolver, request)) return true;
  const module = originOf(parsed.resolver, callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee)?.module;
  return module !== undefined && (isHttpLibraryModule(module) || REQUEST_PROMISE_MODULES.has(module) || module === 'unirest');
}

/**
 * A client the analysis does not know (AngularJS's `$http.get(url)`, a runtime's `new Http(url)`):
 * where its wrapping keeps Slack's answer is unknown, so every way back must be seen (unknown-client.ts)
 * and every read off it, at any depth, name no start-only field (`res.data.users` blocks, though `data`
 * is the client's); what leaves is only a text `rtm.connect` answers the same (`data.url`, `self.id`).
 */
function unknownClientConnectOnly(parsed: ParsedFile, request: Request): boolean {
  const answer = unknownClientAnswer(parsed.resolver, request);
  if ('unclear' in answer) return false;
  const flow = followClientAnswer(parsed.resolver, answer);
  return flow.reads.every((r) => readsNoStartOnlyField(r.path)) && flow.escapes.every((e) => isConnectTextThroughClient(e.path));
}

/** A field `rtm.connect` answers with the same text (`url`, `self.id`, `team.domain`…), not an object that has more fields on `rtm.start`. */
function isConnectText(path: string): boolean {
  return path !== '' && path !== 'self' && path !== 'team' && path !== 'response_metadata' && onConnect(path);
}

/** The report line: the request now names `rtm.connect`; the query's start-only arguments, which it ignores, stay. */
export function rawUrlConnectMessage(parsed: ParsedFile, found: FoundSite): string {
  let url: Node = found.node;
  while (url.parent?.type === AST_NODE_TYPES.BinaryExpression && url.parent.operator === '+') url = url.parent;
  const query = parsed.text.slice(found.node.range[0], url.range[1]);
  const names = [...query.matchAll(/[?&]([A-Za-z_]+)=/g)].map((m) => m[1] ?? '');
  return CODEMOD_MESSAGES.rawUrlConnect([...new Set(names.filter(isRtmStartOnlyArg))]);
}
