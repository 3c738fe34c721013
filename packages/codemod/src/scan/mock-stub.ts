import { relative, resolve } from 'node:path';
import { isThisLike, originOf, propertyKeyName, singleValueOfName, thisFieldWrites, unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile, Project } from '@rtm-migrate/analysis/project';
import { CODEMOD_MESSAGES, HELPER_EXPORTS, HELPER_MARK, todoComment } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { PlanSite } from '../plan.js';
import { chosenStubPaths, stubPathOf, stubSplitOf } from './nock-stub-split.js';
import { rtmStartPathsIn } from '../text/rtm-start-path.js';
import { HELPER_BASENAME } from '../helper-module/source.js';
import { typescriptFile } from '../files/discover.js';
import type { WrapperUse } from './wrapper-covered.js';
import type { FoundSite } from './found.js';

/** HTTP mocking libraries whose interceptors name the path they answer: `nock(base).post('/api/rtm.start')`. */
const MOCK_LIBRARIES = ['nock'];

/** The generated module's starts of a legacy client, which still call a `start` a test set on the object itself. */
const STAND_IN_STARTS: readonly string[] = [HELPER_EXPORTS.legacyStart, HELPER_EXPORTS.slackClientStart, HELPER_EXPORTS.elsewhereStart];

/** The method of Slack mocks that takes a canned answer for a URL: slack-mock's `slackMock.web.addResponse({ url, body })`. */
const ADD_RESPONSE = 'addResponse';

/**
 * The mocking library whose interceptor the URL is given to (`nock('https://slack.com').post('/api/rtm.start')`,
 * blind s55/10), or the mock's own `addResponse({ url: '…/rtm.start' })` (slack-mock, blind s103/01): a
 * test's stand-in for Slack, no request of the app.
 */
export function mockedBy(parsed: ParsedFile, url: TSESTree.Node): string | undefined {
  const canned = cannedResponseCall(parsed, url);
  if (canned !== undefined) return canned;
  const call = url.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(url as TSESTree.CallExpressionArgument)) return undefined;
  return chainLibrary(parsed, call.callee, 0);
}

/** How many names holding an interceptor's scope are followed (`const scope = nock(base)`, `this.webApi = nock(base)…`). */
const MAX_HELD = 2;

/** The mocking library a call chain starts from: `nock(base).post(…)`, or a scope kept in a name or in a field of `this` first. */
function chainLibrary(parsed: ParsedFile, start: TSESTree.Node, held: number): string | undefined {
  for (let callee: TSESTree.Node = unwrap(start); ; ) {
    if (callee.type !== AST_NODE_TYPES.MemberExpression) {
      const module = originOf(parsed.resolver, callee)?.module;
      if (module !== undefined && MOCK_LIBRARIES.includes(module)) return module;
      return callee.type === AST_NODE_TYPES.Identifier && held < MAX_HELD ? heldScopeLibrary(parsed, heldValues(parsed, callee), held) : undefined;
    }
    const object = unwrap(callee.object);
    if (object.type === AST_NODE_TYPES.CallExpression) {
      callee = unwrap(object.callee);
      continue;
    }
    // `this.webApi.post('/rtm.start')`, where every value the file puts in `this.webApi` is an interceptor's scope (blind s134/11, gynoid).
    if (held >= MAX_HELD) return undefined;
    if (object.type === AST_NODE_TYPES.Identifier) return heldScopeLibrary(parsed, heldValues(parsed, object), held);
    const field = object.type === AST_NODE_TYPES.MemberExpression && isThisLike(parsed.resolver, object.object) && !object.computed && object.property.type === AST_NODE_TYPES.Identifier ? object.property.name : undefined;
    return field === undefined ? undefined : heldScopeLibrary(parsed, thisFieldWrites(parsed.resolver, parsed.program, field).map((write) => write.right), held);
  }
}

/** The one library every value starts from (none where there is no value, or they differ). */
function heldScopeLibrary(parsed: ParsedFile, values: readonly TSESTree.Node[], held: number): string | undefined {
  const libraries = new Set(values.map((v) => (unwrap(v).type === AST_NODE_TYPES.CallExpression ? chainLibrary(parsed, (unwrap(v) as TSESTree.CallExpression).callee, held + 1) : undefined)));
  const [library] = libraries;
  return values.length > 0 && libraries.size === 1 ? library : undefined;
}

/** The value a name is bound to once (a call's, to be followed), none otherwise. */
function heldValues(parsed: ParsedFile, name: TSESTree.Identifier): TSESTree.Node[] {
  const value = singleValueOfName(parsed.resolver, name);
  return value ? [value] : [];
}


/**
 * The string a site's stub names `rtm.start` by: a raw URL site's, or the method-name argument of a call
 * the analysis takes for an app's helper (`nock(base).post('/rtm.start')`: a stand-in whose path, joined to
 * a base ending in `/api`, has no `api/` of its own; blind s124/08).
 */
function stubPath(found: FoundSite): TSESTree.Node | undefined {
  if (found.form === 'raw-url') return found.node;
  if (found.form !== 'helper' || found.node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  return found.node.arguments.find((a) => stubPathOf(a, 'rtm.start') !== undefined || chosenStubPaths(a) !== undefined);
}

/** The mocking library a site's string is given to (see mockedBy), for a raw URL or a helper-form method name. */
export function mockOfSite(parsed: ParsedFile, found: FoundSite): string | undefined {
  const path = stubPath(found);
  return path === undefined ? undefined : mockedBy(parsed, path);
}

/** `x.addResponse({ url: <url>, … })`: the call's callee as written, which names the mock. */
function cannedResponseCall(parsed: ParsedFile, url: TSESTree.Node): string | undefined {
  const property = url.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== url || propertyKeyName(parsed.resolver, property) !== 'url') return undefined;
  const object = property.parent;
  const call = object.parent;
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== object) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== ADD_RESPONSE) return undefined;
  return parsed.text.slice(callee.range[0], callee.range[1]);
}

/**
 * A test's stand-in for `rtm.start` (nock's interceptor, a mock's canned answer) follows the code it
 * tests where that code now asks `rtm.connect` in place of `rtm.start`: every rtm.start site in the
 * modules the test file runs (its relative loads, followed one way) is rewritten connect-only, so it
 * reads only what `rtm.connect` answers too. The interceptor's path then names `rtm.connect` and the
 * test keeps passing (blind s101/09, s103/01). Where that code now builds the data through the generated
 * helper module, a nock interceptor the module's stubRtmStart() can take answers the replacement methods
 * in its place (scan/nock-stub-split.ts); any other stub gets a TODO naming those files, in this run and the
 * next (which sees the module loaded). In a
 * project with no `rtm.start` of its own (its SDK asks `rtm.connect` already), the stub is left as it is with a
 * note: nothing it answers changes. Any other stub stays a TODO as it was.
 */
export function markStubsRepointed(root: string, project: Project, sites: readonly PlanSite[], uses: readonly WrapperUse[], reached: (file: string) => readonly string[]): PlanSite[] {
  const out = [...sites];
  const stubs = new Map(
    uses.flatMap((use) => {
      const library = mockOfSite(use.parsed, use.found);
      return library === undefined ? [] : [[use.index, { use, library }] as const];
    }),
  );
  // No `rtm.start` of the project's own code, in this run (a site besides the stubs) or an earlier one (its module), blind s104/09.
  let idle: boolean | undefined;
  const untouched = (): boolean =>
    (idle ??= sites.every((s, i) => stubs.has(i) || s.form === 'stand-in' || s.form.startsWith('connect-')) && !project.fileList.some((f) => project.text(f).startsWith(HELPER_MARK)));
  for (const [index, { use, library }] of stubs) {
    const plan = sites[index];
    if (plan?.rewrite !== 'todo') continue;
    const runs = reached(use.parsed.file);
    const tested = sites.filter((s, i) => !stubs.has(i) && runs.includes(resolve(root, s.file)) && s.rewrite !== 'covered' && !s.form.startsWith('connect-'));
    const url = stubPath(use.found) ?? use.found.node;
    const once = use.found.literal && rtmStartPathsIn(use.parsed.text.slice(url.range[0], url.range[1])).length === 1;
    if (once && tested.length > 0 && tested.every((s) => s.rewrite === 'connect-only')) {
      out[index] = { ...plan, rewrite: 'connect-only', message: CODEMOD_MESSAGES.stubRepointed(library, tested.map((s) => `${s.file}:${s.line}`)) };
      continue;
    }
    if (!tested.every((s) => s.rewrite === 'connect-only' || s.rewrite === 'helper-module')) continue;
    const building = tested.length > 0 ? tested.filter((s) => s.rewrite === 'helper-module').map((s) => s.file) : runs.slice(1).filter((f) => project.text(f).includes(HELPER_BASENAME)).map((f) => relative(root, f));
    if (building.length === 0) {
      if (tested.length === 0 && untouched()) out[index] = { ...plan, rewrite: 'idle-stub', message: CODEMOD_MESSAGES.stubIdle(library) };
      continue;
    }
    const files = [...new Set(building)].sort();
    const reason = CODEMOD_MESSAGES.mockedTestedBuilds(library, files);
    // Split where nock's chain is read whole, in JavaScript (a TypeScript test's nock types are not written for the module's function).
    const split = library === 'nock' && !typescriptFile(use.parsed.file) ? stubSplitOf(use.parsed, url) : undefined;
    out[index] = split
      ? { ...plan, rewrite: 'helper-module', stub: split, reason, message: CODEMOD_MESSAGES.stubSplit(library, files, split.call) }
      : { ...plan, reason, message: todoComment(reason, plan.startOnlyFields) };
  }
  // A stand-in for a v3 client's `start` (`bot.slack.rtm.start = sandbox.stub()`, blind s130/09, s124/03): the migrated
  // starts of a v3 client (startRtmClient(), a `useRtmConnect` option) still call the client's own `start`.
  for (const use of uses) {
    const plan = out[use.index];
    if (use.found.form !== 'stand-in' || plan?.rewrite !== 'todo') continue;
    const runs = reached(use.parsed.file);
    // A store's look-up the migrated start fills (`filled`) starts nothing: not one of the starts that decide (blind s137/06, slack-irc).
    const tested = sites.filter((s) => s.form !== 'stand-in' && runs.includes(resolve(root, s.file)) && s.rewrite !== 'covered' && s.rewrite !== 'filled');
    const startsClient = (s: PlanSite): boolean => (s.form === 'legacy-client' && (s.rewrite === 'helper-module' || s.rewrite === 'connect-only')) || (s.clientElsewhere === true && s.rewrite === 'helper-module');
    if (tested.length > 0) {
      if (!tested.every(startsClient)) continue;
      const starter = tested.every((s) => s.construction?.slackClient === true) ? HELPER_EXPORTS.slackClientStart : HELPER_EXPORTS.legacyStart;
      out[use.index] = { ...plan, rewrite: 'idle-stub', message: CODEMOD_MESSAGES.standInStillCalled(plan.code, tested.map((s) => `${s.file}:${String(s.line)}`), starter) };
      continue;
    }
    // Started so by an earlier run: the run that checks it (`--check`) finds the module's starts, not the sites (blind s137/06, 07, 10).
    const earlier = runs.slice(1).flatMap((file) => {
      const text = project.text(file);
      const starter = text.includes(HELPER_BASENAME) ? STAND_IN_STARTS.find((name) => text.includes(`${name}(`)) : undefined;
      return starter === undefined ? [] : [{ place: relative(root, file), starter }];
    });
    const [first] = earlier;
    if (first !== undefined) out[use.index] = { ...plan, rewrite: 'idle-stub', message: CODEMOD_MESSAGES.standInStillCalled(plan.code, earlier.map((e) => e.place), first.starter) };
    // No start of the project's own asks `rtm.start` (an @slack/client 4 RTMClient's asks `rtm.connect`): nothing the stub stands in for changes (blind s137/08).
    else if (untouched()) out[use.index] = { ...plan, rewrite: 'idle-stub', message: CODEMOD_MESSAGES.standInIdle(plan.code) };
  }
  return out;
}
