import { descendants, isThisLike, memberName, originOf, thisOwner, unwrap, type Origin } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { CODEMOD_MESSAGES, SLACK_PACKAGE } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { FoundSite } from '../../scan/found.js';
import { helperExtraOf } from '../extras.js';
import { sdkVersion } from '../legacy-client-fits.js';
import { params, text, typescript, usesCallerName, type Node, type TransportResult } from './common.js';

/**
 * The `slack` package's API object (`const slack = require('slack')`, `import slack from 'slack'`) or
 * one of its token-bound instances (`new Slack({ token })`, 9+) that `client.rtm.start(…)` is called
 * on: the receiver, as a name or `this.…` (read the same when read again). Undefined for any other client.
 */
function slackPackageReceiver(parsed: ParsedFile, call: TSESTree.CallExpression): { node: Node; instance: boolean } | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(parsed.resolver, callee) !== 'start') return undefined;
  const rtm = unwrap(callee.object);
  if (rtm.type !== AST_NODE_TYPES.MemberExpression || memberName(parsed.resolver, rtm) !== 'rtm') return undefined;
  const receiver = unwrap(rtm.object);
  const origin = originOf(parsed.resolver, receiver) ?? fieldOrigin(parsed, receiver);
  if (origin?.module !== SLACK_PACKAGE.module || (origin.name !== '*' && origin.name !== 'default')) return undefined;
  return { node: receiver, instance: origin.instance };
}

/**
 * The origin of `this.<name>` where the class (or constructor function) assigns that field once,
 * `this.slack = require('slack')`: bots kept the package's object on themselves.
 */
function fieldOrigin(parsed: ParsedFile, member: Node): Origin | undefined {
  if (member.type !== AST_NODE_TYPES.MemberExpression || !isThisLike(parsed.resolver, member.object)) return undefined;
  const name = memberName(parsed.resolver, member);
  const owner = thisOwner(member);
  if (name === undefined || !owner) return undefined;
  const values: Node[] = [];
  for (const node of descendants(parsed.resolver, owner)) {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression || node.left.type !== AST_NODE_TYPES.MemberExpression) continue;
    if (isThisLike(parsed.resolver, node.left.object) && memberName(parsed.resolver, node.left) === name) values.push(node.right);
  }
  const [only] = values;
  return values.length === 1 && only ? originOf(parsed.resolver, only) : undefined;
}

type Version = readonly [number, number, number];

function parseVersion(version: string): Version {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map((n) => Number.parseInt(n, 10) || 0);
  return [major, minor, patch];
}

function atLeast(version: Version, since: readonly number[]): boolean {
  for (let i = 0; i < 3; i++) {
    const a = version[i] ?? 0;
    const b = since[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

const range = (since: readonly number[]): string => since.join('.');

/** A name or `this.a.b`: the caller put before the statement reads the same object. */
function isStableReference(node: Node): boolean {
  let bare = unwrap(node);
  while (bare.type === AST_NODE_TYPES.MemberExpression && !bare.computed) bare = unwrap(bare.object);
  return bare.type === AST_NODE_TYPES.Identifier || bare.type === AST_NODE_TYPES.ThisExpression;
}

/**
 * Why the `slack` package version a file runs with cannot take the rewrite (undefined when it can):
 * its methods must include `conversations.list` / `conversations.members` (8.4+), return a promise
 * where the code uses one (9+), and be a version rtm-migrate checked. When nothing says which version
 * is installed or declared, code that uses a method's promise or a `new Slack({ token })` instance
 * runs on 9 or later (8.x and before have neither), where every version has the methods; a callback
 * alone says nothing.
 */
function versionUnfit(file: string, usesPromise: boolean, instance: boolean, needs: readonly number[]): string | undefined {
  const found = sdkVersion(file, SLACK_PACKAGE.module);
  if (found === undefined) {
    if (usesPromise || instance) return undefined;
    return `nothing says which version of the \`slack\` package this runs with (none installed, no package.json declares it), and only 8.4 and later have ${needs === SLACK_PACKAGE.connectSince ? '`rtm.connect`' : '`conversations.list` and `conversations.members`'}: install it or declare it, then run rtm-migrate again`;
  }
  const version = parseVersion(found);
  if (version[0] > SLACK_PACKAGE.checkedThroughMajor) return `slack@${found} is newer than the versions rtm-migrate checked (up to ${SLACK_PACKAGE.checkedThroughMajor}.x)`;
  if (!atLeast(version, needs)) {
    return needs === SLACK_PACKAGE.connectSince
      ? `slack@${found} has no \`rtm.connect\` (added in ${range(SLACK_PACKAGE.connectSince)}): upgrade the \`slack\` package first`
      : `slack@${found} has no \`conversations.list\` / \`conversations.members\` (added in ${range(SLACK_PACKAGE.conversationsSince)}): upgrade the \`slack\` package first`;
  }
  if (instance && !atLeast(version, SLACK_PACKAGE.promisesSince)) return `slack@${found} has no \`new Slack({ token })\` (added in ${range(SLACK_PACKAGE.promisesSince)})`;
  if (usesPromise && !atLeast(version, SLACK_PACKAGE.promisesSince)) {
    return `slack@${found}'s methods take a callback and return no promise (they do from ${range(SLACK_PACKAGE.promisesSince)}), so this call does not work as written`;
  }
  return undefined;
}

/**
 * Why `rtm.start` → `rtm.connect` in place (only `url`, `self`, `team` read) may not go through this
 * `slack` package call: its version has no `rtm.connect`, or is not known. Undefined for other clients.
 */
export function slackPackageConnectUnfit(parsed: ParsedFile, site: FoundSite): string | undefined {
  if (site.node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const receiver = slackPackageReceiver(parsed, site.node);
  if (!receiver) return undefined;
  return versionUnfit(parsed.file, site.callback === undefined, receiver.instance, SLACK_PACKAGE.connectSince);
}

/**
 * `slack.rtm.start(args[, callback])` on the `slack` package (github.com/smallwins/slack) or one of
 * its `new Slack({ token })` instances: the replacement methods go through the same object, each
 * `slack.users.list(args, callback)` and so on (the same token, the package's own errors), as a
 * `(method, args) => Promise` caller of the generated helper module. The callback form is kept,
 * called once `(err, data)` (a statement of its own); a promise is the helper's native one, as the
 * package's own is. Undefined when the call is not on that package.
 */
export function slackPackageTransport(parsed: ParsedFile, site: FoundSite): TransportResult | undefined {
  const call = site.node;
  if (site.form !== 'method-call' || call.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const receiver = slackPackageReceiver(parsed, call);
  if (!receiver) return undefined;
  const [args, callback, ...more] = call.arguments;
  if (more.length > 0 || (callback !== undefined && callback !== site.callback)) return unfit('the call is given more than its arguments and a callback');
  if (args && (args.type === AST_NODE_TYPES.SpreadElement || args === site.callback)) return unfit('the call is not given its arguments first');
  const missing = site.reads.map((r) => r.path).find((f) => helperExtraOf(f) === 'team.prefs');
  if (missing) return unfit(`\`${missing}\` comes from ${SLACK_PACKAGE.missingMethods.join(', ')}, which no version of the \`slack\` package has`);
  const versionWhy = versionUnfit(parsed.file, callback === undefined, receiver.instance, SLACK_PACKAGE.conversationsSince);
  if (versionWhy) return unfit(versionWhy);
  if (!isStableReference(receiver.node)) return unfit('the `slack` object is not a name the rewrite can call again');
  if (callback && call.parent.type !== AST_NODE_TYPES.ExpressionStatement) return unfit("the call's return value is used besides its callback");
  const client = text(parsed, receiver.node);
  if (usesCallerName(client)) return unfit(`\`${client}\` uses a name the rewrite would shadow`);
  const caller = typescript(parsed)
    ? `${params(parsed)} => new Promise<Record<string, unknown>>((resolve, reject) => (apiMethod.split('.').reduce<unknown>((methods, name) => (methods as Record<string, unknown>)[name], ${client}) as (args: Record<string, unknown>, callback: (err: unknown, data: Record<string, unknown>) => void) => void)(apiArgs, (err, data) => (err ? reject(err) : resolve(data))))`
    : `${params(parsed)} => new Promise((resolve, reject) => apiMethod.split('.').reduce((methods, name) => methods[name], ${client})(apiArgs, (err, data) => (err ? reject(err) : resolve(data))))`;
  return {
    call: {
      start: call.range[0],
      end: call.range[1],
      caller,
      args: args ? text(parsed, args) : undefined,
      ...(callback ? { callback: { start: callback.range[0], end: callback.range[1] } } : {}),
    },
  };
}

/** A TODO of the `slack` package's own, in place of the site's (which speaks of `paginate` and `await`). */
function unfit(why: string): TransportResult {
  return { why, reason: CODEMOD_MESSAGES.slackPackage(why) };
}
