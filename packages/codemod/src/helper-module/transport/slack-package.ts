import { descendants, destructuredKey, isThisLike, memberName, originOf, requiredModule, singleValueOf, singleValueOfName, thisOwner, unwrap, variableOf, type Origin } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { CODEMOD_MESSAGES, SLACK_PACKAGE } from '@rtm-migrate/core';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { FoundSite } from '../../scan/found.js';
import { SLACK_PACKAGE_LACKS, helperExtraOf } from '../extras.js';
import { sdkVersion } from '../sdk-version.js';
import { params, text, typescript, usesCallerName, type Node, type TransportResult } from './common.js';

/**
 * The `slack` package's object whose methods `rtm.start` is called through, as the rewrite reaches it
 * again: `text` calls its `users.list` and the others. `instance`: a token-bound `new Slack({ token })`
 * (9+); `apiClient`: an 8.x `slack.api.client(token)`. `why`: the call is on the package, but the
 * object is not one the rewrite can name.
 */
type PackageObject = { readonly text: string; readonly instance: boolean; readonly apiClient: boolean } | { readonly why: string };

/**
 * The `slack` package (github.com/smallwins/slack) object `rtm.start` is called on, or undefined for
 * any other client:
 * - `slack.rtm.start(…)` on the package (`require('slack')`, `import slack from 'slack'`), an instance
 *   (`new Slack({ token })`, 9+) or an 8.x `slack.api.client(token)`, as a name or `this.…`;
 * - `rtm.start(…)` on its `rtm` family taken out: `const { rtm } = slack`, `const rtm = slack.rtm`,
 *   `const { rtm } = require('slack')` (the package is `require('slack')` again, the same cached
 *   module), `import { rtm } from 'slack'` (through the file's default or namespace import of the
 *   package, when it has one);
 * - `start(…)` taken off the family: `const { start } = require('slack').rtm` (see detachedStartObject).
 */
function slackPackageObject(parsed: ParsedFile, call: TSESTree.CallExpression): PackageObject | undefined {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return detachedStartObject(parsed, callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(parsed.resolver, callee) !== 'start') return undefined;
  return familyObject(parsed, callee.object);
}

/**
 * `start(…)` taken off the family first: `const { start } = require('slack').rtm`, `const { start } =
 * slack.rtm`, `const start = rtm.start` (the package's methods need no `this`, so the rest of the family
 * is called through the package object the same way).
 */
function detachedStartObject(parsed: ParsedFile, start: TSESTree.Identifier): PackageObject | undefined {
  const variable = variableOf(parsed.resolver, start);
  const def = variable?.defs[0];
  const value = variable ? singleValueOf(variable) : undefined;
  if (!value || def?.type !== TSESLint.Scope.DefinitionType.Variable) return undefined;
  if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) return destructuredKey(parsed.resolver, def.node.id, def.name) === 'start' ? familyObject(parsed, value) : undefined;
  const init = unwrap(value);
  return init.type === AST_NODE_TYPES.MemberExpression && memberName(parsed.resolver, init) === 'start' ? familyObject(parsed, init.object) : undefined;
}

/** The package object behind an `rtm` family: `slack.rtm`, or a name holding it. */
function familyObject(parsed: ParsedFile, family: Node): PackageObject | undefined {
  const rtm = unwrap(family);
  if (rtm.type === AST_NODE_TYPES.MemberExpression) return memberName(parsed.resolver, rtm) === 'rtm' ? packageObject(parsed, rtm.object) : undefined;
  if (rtm.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(parsed.resolver, rtm);
  const def = variable?.defs[0];
  if (def?.type === TSESLint.Scope.DefinitionType.ImportBinding) return importedFamily(parsed, def.node);
  const value = variable ? singleValueOf(variable) : undefined;
  if (!value || def?.type !== TSESLint.Scope.DefinitionType.Variable) return undefined;
  if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) return destructuredKey(parsed.resolver, def.node.id, def.name) === 'rtm' ? packageObject(parsed, value) : undefined;
  const init = unwrap(value);
  return init.type === AST_NODE_TYPES.MemberExpression && memberName(parsed.resolver, init) === 'rtm' ? packageObject(parsed, init.object) : undefined;
}

/** The package object, when `node` is one, by a name the rewrite can read again. */
function packageObject(parsed: ParsedFile, node: Node): PackageObject | undefined {
  const bare = unwrap(node);
  if (requiredModule(bare) === SLACK_PACKAGE.module) return { text: `require('${SLACK_PACKAGE.module}')`, instance: false, apiClient: false };
  const origin = originOf(parsed.resolver, bare) ?? fieldOrigin(parsed, bare);
  if (origin?.module !== SLACK_PACKAGE.module) return undefined;
  const apiClient = origin.instance && origin.name === 'api' && madeByApiClient(parsed, bare);
  if (!apiClient && origin.name !== '*' && origin.name !== 'default') return undefined;
  if (!isStableReference(bare)) return { why: 'the `slack` object is not a name the rewrite can call again' };
  return { text: text(parsed, bare), instance: origin.instance && !apiClient, apiClient };
}

/** `bot` holds what `slack.api.client(token)` returned (the 8.x client whose methods add the token). */
function madeByApiClient(parsed: ParsedFile, node: Node): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const value = singleValueOfName(parsed.resolver, node);
  const made = value ? unwrap(value) : undefined;
  if (made?.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(made.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(parsed.resolver, callee) !== 'client') return false;
  const api = unwrap(callee.object);
  return api.type === AST_NODE_TYPES.MemberExpression && memberName(parsed.resolver, api) === 'api';
}

/**
 * `import { rtm } from 'slack'`: the rest of the package is reached through the file's own default or
 * namespace import of it (`import slack, { rtm } from 'slack'`); without one the rewrite would have to
 * add an import whose meaning depends on the compiler's interop settings, so it does not.
 */
function importedFamily(parsed: ParsedFile, specifier: Node): PackageObject | undefined {
  if (specifier.type !== AST_NODE_TYPES.ImportSpecifier || specifier.parent.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
  if (specifier.parent.source.value !== SLACK_PACKAGE.module) return undefined;
  for (const statement of parsed.program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.source.value !== SLACK_PACKAGE.module || statement.importKind === 'type') continue;
    const whole = statement.specifiers.find((s) => s.type !== AST_NODE_TYPES.ImportSpecifier);
    if (whole) return packageObject(parsed, whole.local);
  }
  return { why: '`rtm` is imported by name from the `slack` package, and the file has no import of the whole package to call `users.list` and the others on: import it (`import slack from \'slack\'`) and call `slack.rtm.start(…)`, then run rtm-migrate again' };
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
 * Why the `slack` package version a file runs with cannot take the rewrite through `object` (undefined
 * when it can): its methods must include `conversations.list` / `conversations.members` (8.4+), return
 * a promise where the code uses one (9+), have the object's kind (`new Slack({ token })` from 9.0,
 * `slack.api.client(token)` before it) and be a version rtm-migrate checked. When nothing says which
 * version is installed or declared, code that uses a method's promise or a `new Slack({ token })`
 * instance runs on 9 or later (8.x and before have neither), where every version has the methods; a
 * callback alone says nothing, nor does `slack.api.client` (8.0 to 8.x).
 */
function versionUnfit(file: string, usesPromise: boolean, object: { readonly instance: boolean; readonly apiClient: boolean }, needs: readonly number[]): string | undefined {
  const found = sdkVersion(file, SLACK_PACKAGE.module);
  if (found === undefined) {
    if ((usesPromise || object.instance) && !object.apiClient) return undefined;
    return `nothing says which version of the \`slack\` package this runs with (none installed, no package.json declares it), and only 8.4 and later have ${needs === SLACK_PACKAGE.connectSince ? '`rtm.connect`' : '`conversations.list` and `conversations.members`'}: install it or declare it, then run rtm-migrate again`;
  }
  const version = parseVersion(found);
  if (version[0] > SLACK_PACKAGE.checkedThroughMajor) return `slack@${found} is newer than the versions rtm-migrate checked (up to ${SLACK_PACKAGE.checkedThroughMajor}.x)`;
  if (!atLeast(version, needs)) {
    return needs === SLACK_PACKAGE.connectSince
      ? `slack@${found} has no \`rtm.connect\` (added in ${range(SLACK_PACKAGE.connectSince)}): upgrade the \`slack\` package first`
      : `slack@${found} has no \`conversations.list\` / \`conversations.members\` (added in ${range(SLACK_PACKAGE.conversationsSince)}): upgrade the \`slack\` package first`;
  }
  const promises = atLeast(version, SLACK_PACKAGE.promisesSince);
  if (object.instance && !promises) return `slack@${found} has no \`new Slack({ token })\` (added in ${range(SLACK_PACKAGE.promisesSince)})`;
  if (object.apiClient && promises) return `slack@${found} has no \`slack.api.client(token)\` (dropped in ${range(SLACK_PACKAGE.promisesSince)}, where \`new Slack({ token })\` took its place)`;
  if (usesPromise && !promises) {
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
  const object = slackPackageObject(parsed, site.node);
  if (!object) return undefined;
  return 'why' in object ? undefined : versionUnfit(parsed.file, site.callback === undefined, object, SLACK_PACKAGE.connectSince);
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
  const object = slackPackageObject(parsed, call);
  if (!object) return undefined;
  if ('why' in object) return unfit(object.why);
  const [args, callback, ...more] = call.arguments;
  if (more.length > 0 || (callback !== undefined && callback !== site.callback)) return unfit('the call is given more than its arguments and a callback');
  if (args && (args.type === AST_NODE_TYPES.SpreadElement || args === site.callback)) return unfit('the call is not given its arguments first');
  const missing = site.reads.map((r) => r.path).find((f) => helperExtraOf(f) === 'team.prefs');
  if (missing) return unfit(`\`${missing}\` comes from ${SLACK_PACKAGE.missingMethods.join(', ')}, which no version of the \`slack\` package has`);
  const versionWhy = versionUnfit(parsed.file, callback === undefined, object, SLACK_PACKAGE.conversationsSince);
  if (versionWhy) return unfit(versionWhy);
  if (callback && call.parent.type !== AST_NODE_TYPES.ExpressionStatement) return unfit("the call's return value is used besides its callback");
  const client = object.text;
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
      lacks: SLACK_PACKAGE_LACKS,
    },
  };
}

/** A TODO of the `slack` package's own, in place of the site's (which speaks of `paginate` and `await`). */
function unfit(why: string): TransportResult {
  return { why, reason: CODEMOD_MESSAGES.slackPackage(why) };
}
