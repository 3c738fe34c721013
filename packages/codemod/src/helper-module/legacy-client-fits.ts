import { constructedClass, constructionOf, descendants, instanceFieldConstruction, isThisLike, memberName, originOf, type Resolver, thisOwner, unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { isPackageOrFile, LEGACY_RTM_CONNECT_SUPPORT } from '@rtm-migrate/core';
import { optionsVariableEdit } from './legacy-client-options.js';
import { raisedRange, sdkVersion, sdkVersionOf } from './sdk-version.js';
import semver from 'semver';
import type { RangeRaise } from '../plan.js';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

type Node = TSESTree.Node;

/**
 * How the helper module starts a legacy client: `@slack/client` ≥ 3.10 with `useRtmConnect: true`;
 * `@slack/client` 3.0 to 3.9, which has no such option, with its `rtm.start` request sent as
 * `rtm.connect` and answered with the lists (`start-answered`); `slack-client` 2.x in place of its
 * `rtm.start` request.
 */
export type LegacyClientKind = 'use-rtm-connect' | 'start-answered' | 'slack-client';

/**
 * A legacy `rtm.start()` that the helper module can take over: the client is made by
 * `new RtmClient(token[, options])` of a `@slack/client` that knows `useRtmConnect` (so the option can
 * be added: options written out, or a variable `optionsCopyFits` lets it copy), of one before 3.10 or
 * of `slack-client` 2.x (any options: nothing changes where it is made), and the call's receiver names that client
 * without doubt: in this file, the variable it was declared in or assigned to once, or the field of `this` it is assigned to once
 * (`this._rtm = new RtmClient(…)`, also through Babel's `_this`) or, for a client of a kind whose construction the rewrite
 * leaves alone (before 3.10, `slack-client` 2.x), only ever assigned such a `new` (one per branch of a log level), the parameter every call hands it in, or the member of an object literal
 * built once that holds it (`this.slack = { web, rtm }`, `this.slack.rtm`); made in another module of the project
 * (`madeIn`), the binding this file required it into, which the analysis resolved to that module's
 * one export, or the field of `this` that every construction of the class hands that client.
 */
export function legacyClientFits(parsed: ParsedFile, call: TSESTree.CallExpression, construction: TSESTree.NewExpression | undefined, madeIn?: Resolver): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !construction) return false;
  let kind: LegacyClientKind | undefined;
  if (madeIn) {
    if (madeIn.file === undefined) return false;
    kind = legacyClientKind({ resolver: madeIn, file: madeIn.file }, construction);
    // The binding this file required it into, or the field of `this` its class's constructor is handed it in.
    const receiver = unwrap(callee.object);
    if (receiver.type !== AST_NODE_TYPES.Identifier && !(receiver.type === AST_NODE_TYPES.MemberExpression && isThisLike(parsed.resolver, receiver.object))) return false;
  } else {
    if (!inFile(parsed, construction)) return false;
    const made = legacyClientKind(parsed, construction);
    const receiver = unwrap(callee.object);
    if (!receiverIsClient(parsed, receiver, construction)) {
      // Where nothing changes where it is made, the helper starts whichever client the field holds: each of them one of this kind (blind s69/02).
      if (made === undefined || made === 'use-rtm-connect') return false;
      return fieldClients(parsed, receiver, construction)?.every((other) => legacyClientKind(parsed, other) === made && argumentsFit(other, made)) === true;
    }
    kind = made;
  }
  return kind !== undefined && argumentsFit(construction, kind);
}

/** What `new RtmClient(…)` is given lets the helper module take it over: see legacyClientFits. */
function argumentsFit(construction: TSESTree.NewExpression, kind: LegacyClientKind): boolean {
  const [token, options, ...rest] = construction.arguments;
  if (!token || token.type === AST_NODE_TYPES.SpreadElement) return false;
  // `RtmClient(token, opts)` takes two: what follows is ignored (`useRtmConnect` given there too),
  // so the option goes into the second. slack-client 2.x's constructor is not checked for that.
  if (rest.length > 0 && (kind === 'slack-client' || !options || rest.some((a) => a.type === AST_NODE_TYPES.SpreadElement))) return false;
  if (!options) return true;
  // `use-rtm-connect` only where the options take the option (legacyClientKind); any other kind adds none where
  // it is made: its helper answers the rtm.start request itself.
  return kind === 'use-rtm-connect' || options.type !== AST_NODE_TYPES.SpreadElement;
}

/** The options of `new RtmClient(token, options)` can be given `useRtmConnect: true`: none, written out, or a variable optionsVariableEdit edits. */
function optionsTakeFlag(construction: TSESTree.NewExpression, resolver: Resolver): boolean {
  const options = construction.arguments[1];
  if (!options) return true;
  if (options.type === AST_NODE_TYPES.ObjectExpression) {
    return options.properties.every((p) => p.type === AST_NODE_TYPES.Property && p.kind === 'init' && !p.method && !p.computed);
  }
  return options.type !== AST_NODE_TYPES.SpreadElement && optionsVariableEdit(resolver, options) !== undefined;
}

/**
 * The clients a field of `this` (`this.rtm`, `self.rtm`) is given where `construction` is one of them:
 * each assignment of its class or constructor function (one that empties it aside), when every one is a
 * `new` (`if (debug) this.rtm = new RtmClient(t, { logLevel: 'debug' }); else this.rtm = new RtmClient(t);`).
 */
function fieldClients(parsed: ParsedFile, receiver: Node, construction: TSESTree.NewExpression): TSESTree.NewExpression[] | undefined {
  const holder = construction.parent;
  if (receiver.type !== AST_NODE_TYPES.MemberExpression || !isThisLike(parsed.resolver, receiver.object) || holder.type !== AST_NODE_TYPES.AssignmentExpression) return undefined;
  const name = memberName(parsed.resolver, receiver);
  const owner = thisOwner(receiver);
  if (name === undefined || !owner || owner !== thisOwner(holder)) return undefined;
  const made: TSESTree.NewExpression[] = [];
  for (const node of descendants(parsed.resolver, owner)) {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.MemberExpression || isEmpty(node)) continue;
    if (memberName(parsed.resolver, node.left) !== name || !isThisLike(parsed.resolver, node.left.object)) continue;
    const value = unwrap(node.right);
    if (node.operator !== '=' || value.type !== AST_NODE_TYPES.NewExpression) return undefined;
    made.push(value);
  }
  return made.includes(construction) ? made : undefined;
}

function inFile(parsed: ParsedFile, node: Node): boolean {
  let root: Node = node;
  while (root.parent) root = root.parent;
  return root === parsed.program;
}

function receiverIsClient(parsed: ParsedFile, receiver: Node, construction: TSESTree.NewExpression): boolean {
  const holder = construction.parent;
  // The variable it is declared in, or its only assignment (`var rtm; … rtm = new RtmClient(…)` in an init function),
  // or a parameter every call hands this client (`function connect(slack) { slack.start() }`).
  if (receiver.type === AST_NODE_TYPES.Identifier) return (constructionOf(parsed.resolver, receiver) ?? parsed.resolver.project?.importedConstruction(parsed.resolver, receiver)?.node) === construction;
  if (receiver.type !== AST_NODE_TYPES.MemberExpression) return false;
  // A member of an object literal built once and never given another (`this.slack = { web, rtm }`).
  // Or a field of an instance of the file's own class or ES5 constructor (`instance._client` of `new slack()`).
  if (!isThisLike(parsed.resolver, receiver.object)) return (constructionOf(parsed.resolver, receiver) ?? instanceFieldConstruction(parsed.resolver, receiver)?.node) === construction;
  // The field every construction of its class (or ES5 constructor function) of this file is handed this client in.
  if (holder.type !== AST_NODE_TYPES.AssignmentExpression && parsed.resolver.project?.importedConstruction(parsed.resolver, receiver)?.node === construction) return true;
  // Set once, by this `new`: another assignment could put another client in the field. One that
  // empties it (`this.client = null` before an `init()` makes the client) is no client to start.
  return fieldClients(parsed, receiver, construction)?.length === 1 || startedRightAfter(parsed, receiver, holder);
}

/**
 * `this.rtm = new RtmClient(token); this.rtm.start();`: the start is the statement right after the one that
 * puts this client in the field, in the same block, so the field holds it there whatever other functions
 * write to a field of that name (blind s109/01, node-red-contrib-chatbot 0.6.11: another ES5 constructor of
 * the file sets its own `node.rtm`).
 */
function startedRightAfter(parsed: ParsedFile, receiver: Node, holder: Node): boolean {
  const assigned = holder.parent;
  const started = receiver.parent?.parent?.parent;
  if (holder.type !== AST_NODE_TYPES.AssignmentExpression || holder.operator !== '=' || assigned?.type !== AST_NODE_TYPES.ExpressionStatement || started?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const left = unwrap(holder.left);
  if (left.type !== AST_NODE_TYPES.MemberExpression || receiver.type !== AST_NODE_TYPES.MemberExpression || !isThisLike(parsed.resolver, left.object) || memberName(parsed.resolver, left) !== memberName(parsed.resolver, receiver)) return false;
  const block = assigned.parent;
  if (block.type !== AST_NODE_TYPES.BlockStatement && block.type !== AST_NODE_TYPES.Program) return false;
  const at = block.body.indexOf(assigned);
  return at >= 0 && block.body[at + 1] === started && unwrap(left.object).type === unwrap(receiver.object).type;
}

/** `x = null`, `x = undefined`: a plain `=` that leaves nothing to call a method on. */
function isEmpty(assignment: TSESTree.AssignmentExpression): boolean {
  const value = unwrap(assignment.right);
  return assignment.operator === '=' && ((value.type === AST_NODE_TYPES.Literal && value.value === null) || (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined'));
}

/**
 * `use-rtm-connect` for `@slack/client` whose version the file runs with takes the option (3.10 or
 * later), or is not known, or is only declared by a range that reaches 3.10 (whose floor the rewrite
 * raises: `rangeRaise`); `start-answered` for a 3.x before 3.10 installed or locked, or declared by a
 * range that allows no later one; `slack-client` for the SDK's 2.x, under either name (no option: its
 * `rtm.start` request is replaced); undefined for anything else.
 */
export function legacyClientKind(parsed: { readonly resolver: Resolver; readonly file: string }, construction: TSESTree.NewExpression): LegacyClientKind | undefined {
  const kind = versionKind(parsed, construction);
  // Options the option cannot be added to (`new RtmClient(token, opt.rtmOptions)`): the start's `rtm.start`
  // request is answered instead, as before 3.10, which every 3.x takes (blind s123/06, norrisbot on 3.14.1).
  return kind === 'use-rtm-connect' && !optionsTakeFlag(construction, parsed.resolver) ? 'start-answered' : kind;
}

/** legacyClientKind by the SDK and its version alone. */
function versionKind(parsed: { readonly resolver: Resolver; readonly file: string }, construction: TSESTree.NewExpression): LegacyClientKind | undefined {
  const made = constructedClass(parsed.resolver, construction.callee);
  const module = originOf(made.resolver, made.node)?.module;
  const { module: supported, since, before, major2 } = LEGACY_RTM_CONNECT_SUPPORT;
  if (isPackageOrFile(module, before)) return (sdkVersion(parsed.file, before) ?? '2.').startsWith('2.') ? 'slack-client' : undefined;
  if (!isPackageOrFile(module, supported)) return undefined;
  const version = sdkVersion(parsed.file, supported);
  // A subclass's constructor of its own takes arguments of its own: no option goes there; the start's `rtm.start` request is answered instead.
  if (made.ownConstructor && !(version ?? '3.').startsWith(`${String(major2)}.`)) return 'start-answered';
  if (version === undefined) return 'use-rtm-connect';
  const parts = version.split(/[.-]/).slice(0, 3).map(Number);
  if (parts[0] === major2) return 'slack-client';
  if (rangeRaise(parsed.file) !== undefined) return 'use-rtm-connect';
  for (const [i, least] of since.entries()) {
    const part = parts[i] ?? 0;
    if (part !== least) return part > least ? 'use-rtm-connect' : parts[0] === since[0] ? 'start-answered' : undefined;
  }
  return 'use-rtm-connect';
}

/**
 * Which SDK keeps a client made out of sight (handed in, kept by another module), which runs with the
 * SDK of the file's package, from the generated module's run-time start (it would throw at start):
 * `@slack/client` before 3, or, where the package has no `@slack/client`, the SDK under its name
 * before 3 (`slack-client` 2.x), whose clients have none of the request queue that start sends through.
 */
export function packageClientTooOld(file: string): string | undefined {
  const { module, since, before } = LEGACY_RTM_CONNECT_SUPPORT;
  const version = semver.coerce(sdkVersion(file, module));
  if (version === null) {
    const older = sdkVersionOf(file, before);
    if (older === undefined) return undefined;
    return older.from === 'declared' ? `the \`${before}\` its package.json allows (\`${older.range}\`)` : `the ${older.from === 'locked' ? 'locked' : 'installed'} \`${before}\` ${older.version}`;
  }
  return version.major >= since[0] ? undefined : `\`${module}\` ${version.version}`;
}

/**
 * The package.json edit a `useRtmConnect: true` rewrite needs where nothing installed or locked says
 * the version and the declared range (`^3.8.1`) allows versions before 3.10 as well as later ones:
 * the range raised to `^3.10.0`, so that the next install cannot put a client without the option
 * under the rewritten code. Undefined where no edit is needed or none is certain.
 */
export function rangeRaise(file: string): RangeRaise | undefined {
  const { module, since } = LEGACY_RTM_CONNECT_SUPPORT;
  const found = sdkVersionOf(file, module);
  if (found?.from !== 'declared') return undefined;
  const to = raisedRange(found.range, since);
  return to === undefined ? undefined : { manifest: found.manifest, module, from: found.range, to };
}

/** The major version of `@slack/client` the file runs with, when known. */
export function slackClientMajor(file: string): number | undefined {
  const version = sdkVersion(file, LEGACY_RTM_CONNECT_SUPPORT.module);
  return version === undefined ? undefined : Number(version.split('.')[0]);
}
