import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { DATA_STORE_HOLDS, propertyKeyName, resolveConst, startedByHelperModule, unwrap, type Escape as FlowEscape, type FieldRead as FlowRead, type Resolver } from '@rtm-migrate/analysis';
import { Project, type ParsedFile } from '@rtm-migrate/analysis/project';
import { unreadEntryMessage, wordCounter, wordCountIn } from './unread-entry.js';
import { moduleGroups, modulesReached } from './module-group.js';
import { escapedReadState } from './escaped-read-state.js';
import { slackClientProgramReads } from './slack-client-program-reads.js';
import { goneFieldsNamed } from './gone-fields-named.js';
import {
  costOfReplacement,
  fetchedByMigration,
  fieldFact,
  isRtmConnectArg,
  isRtmStartOnlyArg,
  isConnectField,
  isStartOnlyField,
  isStartOnlyItemField,
  shimBuilds,
  METHODS,
  MESSAGES,
  startOnlyFieldMessage,
  CODEMOD_MESSAGES,
  HELPER_LIBRARY_STARTS,
  LEGACY_RTM_CONNECT_SUPPORT,
  escapedItemsMessage,
  escapedObjectMessage,
  objectGapsOf,
  RTM_START_ITEM_GAPS,
  startOnlyItemFieldsOf,
  todoComment,
  type PlannedCall,
  type WorkspaceSize,
  WRITTEN_SYNTAX,
} from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { leavesTodo, type Escape, type FieldRead, type Plan, type PlanSite, type RangeRaise, type RewriteKind, type SiteArgs } from '../plan.js';
import { boundCallFits, chosenMethodName, clientOfCall, helperModuleFits } from '../helper-module/fits.js';
import { legacyClientKind, packageClientTooOld, rangeRaise } from '../helper-module/legacy-client-fits.js';
import { optionsVariableEdit } from '../helper-module/legacy-client-options.js';
import { sdkVersion } from '../helper-module/sdk-version.js';
import { parsedTsconfig } from '../files/tsconfig.js';
import { legacyConnectOnly, legacyKeepsStore, legacyReadsFollowed, legacyWholeDataUse } from './legacy-connect-only.js';
import { transportOf } from '../helper-module/transport/index.js';
import { carriedEscapes, helperFetch, reachesUnfollowed, requiredScopes } from '../helper-module/escape-extras.js';
import { itemGapsNote } from '../helper-module/item-gaps.js';
import { helperIncludes } from '../helper-module/extras.js';
import { HELPER_BASENAME, HELPER_MARK, helperBuilds } from '../helper-module/source.js';
import { assemblePlan } from '../plan-assemble.js';
import { markFilledDataStores, type HelperStarted, type LegacySite } from './data-store-filled.js';
import { pairImportedClients } from './imported-client.js';
import { unfollowedFactoryStarts } from './factory-start.js';
import { inPlaceUnsure, methodAtOf, ownStartInView, ownStartUnsure } from './own-start.js';
import { foundSites, type FoundSite } from './found.js';
import { isConnectOnlyConst } from './connect-const.js';
import { methodTableOverride } from './method-table.js';
import { sdkFacetOverride } from './sdk-facet.js';
import { sdkBoundStartOverride } from './sdk-bound-start.js';
import { markBaseClassCovered } from './base-class-covered.js';
import { markSdkFacetCovered } from './sdk-facet-covered.js';
import { markCoveredUses, type PlannedSite, type WrapperUse } from './wrapper-covered.js';
import { markStubsRepointed, mockOfSite } from './mock-stub.js';
import { markTableCoveredUses } from './table-covered.js';
import { paginateUnsure } from './receiver.js';
import { importableDecision } from './plain-script.js';
import { builtUrlConnectAnswer, rawUrlAnswerUnread, rawUrlConnectMessage, rawUrlConnectOnly } from './raw-url-connect.js';
import { heldArgNames, heldArgsAt, heldArgsMessage } from './held-args.js';
import { argsKeptAt } from './args-kept.js';
import { slackPackageConnectUnfit } from '../helper-module/transport/slack-package.js';
import { typescriptOlderThan } from '../helper-module/older-typescript.js';
import { rollupWithoutCommonjs } from '../helper-module/bundled.js';
import { typescript } from '../helper-module/transport/common.js';
import { takesDataAt } from '../helper-module/transport/data-parameter.js';
import { helperDeclaration } from '../helper-module/transport/helper-contract.js';
import { answerPublisher, startListeners } from './published-answer.js';
import { settleStartTyped, usesStartTypes, type TypedDecision } from './start-types.js';

export { parseWorkspace, DEFAULT_WORKSPACE } from './workspace.js';
import { DEFAULT_WORKSPACE, type WorkspaceSpec } from './workspace.js';

type Node = TSESTree.Node;

export interface ScanOptions {
  /** Folder the plan's paths are relative to. */
  readonly root: string;
  /** Files to look for sites in (absolute). */
  readonly files: readonly string[];
  /** Other files of the project, where the callers of a function that returns a response are looked for. */
  readonly otherFiles?: readonly string[];
  /** A tsconfig.json whose files take part in following responses (callers in files without a site). */
  readonly tsconfig?: string | null;
  readonly workspace?: WorkspaceSpec;
  readonly helper?: 'inline' | 'shim';
  /** Called after each file is scanned (for a progress bar). */
  readonly onFile?: (done: number, total: number) => void;
  /** Called for a file the analysis could not read or parse, with the error: none of its sites are in the plan. */
  readonly onUnparsed?: (file: string, error: unknown) => void;
}

/** Fields the inline rewrite knows how to fetch: the lists (with their members, `latest` and read state), `bots`, `subteams`, `dnd`. */
const INLINE_TOPS = new Set(['users', 'channels', 'groups', 'mpims', 'ims', 'bots', 'subteams', 'dnd']);
/** `team.*` from these methods; `team.plan` (team.billing.info) is not rewritten. */
const INLINE_TEAM_METHODS: readonly string[] = [METHODS.teamInfo, METHODS.teamPreferencesList];

/** The start-only fields of `fields` that the inline rewrite cannot fetch (it leaves a TODO then). */
export function unsupportedInline(fields: readonly string[]): string[] {
  return fields.filter((f) => {
    if (!isStartOnlyField(f)) return false;
    if (isStartOnlyItemField(f)) return true;
    const top = f.split(/[.[]/)[0] ?? f;
    if (INLINE_TOPS.has(top)) return false;
    if (top === 'team') return !INLINE_TEAM_METHODS.includes(fieldFact(f)?.replacements[0]?.method ?? '');
    return true;
  });
}

/**
 * The attributes only `rtm.start` gave that code the analysis cannot follow may read off what it is
 * handed: a list's items (`channels[].has_pins`, `ims[].is_open`), `self` and `team` (`self.prefs`,
 * `team.plan`), all of them with the whole response. `rtmStartCompat()` does not build them, so
 * `--helper shim` leaves a TODO (the generated helper module's data warn on such a read instead).
 */
function escapedItemFields(escapes: readonly Escape[]): string[] {
  return [...new Set(escapes.flatMap((e) => gapsCarried(e.path ?? '')))].sort();
}

/** What only `rtm.start` gave of the part at `path` (`''`: the whole answer): its items' attributes, `self`'s and `team`'s own, the top-level keys. */
function gapsCarried(path: string): string[] {
  return [...(path === '' ? RTM_START_ITEM_GAPS : startOnlyItemFieldsOf(path)), ...objectGapsOf(path)];
}

/**
 * The answer, `self` or `team` (what carries fields no method returns now) sent to another service in a
 * request (the analysis' sentByRequest): a rewrite would send it without them, where no run-time warning
 * of the program reaches (blind s107/05: botanalytics posted the whole answer, 11 top-level keys short).
 * `where`: the escape's place as the site's TODO names it.
 */
function sentOutDecision(decision: Decision, escapes: readonly Escape[], where: (escape: Escape) => string): Decision {
  if (leavesTodo(decision.rewrite)) return decision;
  const sent = escapes.find((e) => e.sent !== undefined && objectGapsOf(e.path ?? '').length > 0);
  if (sent?.sent === undefined) return decision;
  const path = sent.path ?? '';
  const gaps = [...new Set([...objectGapsOf(path), ...gapsCarried(path)])];
  return { rewrite: 'todo', form: decision.form, reason: CODEMOD_MESSAGES.answerSentOut(sent.sent, path, where(sent), gaps) };
}

/**
 * A raw request addressed by a path under the base its client was made with (`api({ url: '/rtm.start' })`
 * of `request.defaults({ baseUrl, json: true })`): what that client does to the answers it is given
 * (parses them or not, adds a token) is set where it is made, which the generated transport does not
 * follow, so the data are not rebuilt through it (it parsed `json: true`'s object again). Renaming the
 * path where only `rtm.connect`'s fields are read stays.
 */
function basePathDecision(decision: Decision, found: FoundSite): Decision {
  const node = found.node;
  if (decision.rewrite !== 'helper-module' || found.form !== 'raw-url' || node.type !== AST_NODE_TYPES.Literal || typeof node.value !== 'string' || !/^\/rtm\.start\b/.test(node.value)) return decision;
  return { rewrite: 'todo', form: decision.form, reason: CODEMOD_MESSAGES.rawUrlUnderBase };
}

/**
 * A TODO's reason, naming the lists whose items' start-only attributes escape, and those of `self` /
 * `team` handed on (not of the whole response: the reason already says that it escapes, and what a
 * response holds is the list of fields the TODO names).
 */
function withEscapedItems(decision: Decision, escapes: readonly Escape[]): Decision {
  const paths = escapes.map((e) => e.path ?? '');
  const sentences = leavesTodo(decision.rewrite) ? [escapedItemsMessage(paths), escapedObjectMessage(paths.filter((p) => p !== ''))].filter((m) => m !== undefined) : [];
  return sentences.length === 0 ? decision : { ...decision, reason: [decision.reason ?? '', ...sentences].join(' ').trim() };
}

/** `users`, `channels`, `channels[].members`, `team.icon`: what a one-line message names. */
function headlineFields(fields: readonly string[]): string[] {
  return [
    ...new Set(
      fields.map((f) => {
        const top = f.split(/[.[]/)[0] ?? f;
        if (f.endsWith("[].members") || top === 'team' || top === 'self') return f;
        return top;
      }),
    ),
  ];
}

export function findTsconfig(paths: readonly string[]): string | null {
  for (const p of paths) {
    const candidate = join(resolve(p), 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** The files of the tsconfig's project (TypeScript is loaded only when there is a tsconfig). */
function tsconfigFiles(tsconfig: string): string[] {
  return parsedTsconfig(tsconfig)?.fileNames.filter((f) => !f.endsWith('.d.ts')) ?? [];
}

function lineAndColumn(parsed: ParsedFile, offset: number): { line: number; column: number } {
  const before = parsed.text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

function position(root: string, file: string, node: Node): { file: string; line: number; column: number } {
  return { file: relative(root, file) || file, line: node.loc.start.line, column: node.loc.start.column + 1 };
}

function argsOf(parsed: ParsedFile, site: FoundSite): SiteArgs {
  const node = site.argsNode ? unwrap(site.argsNode) : undefined;
  if (!site.argsKnown || (node && node.type !== AST_NODE_TYPES.ObjectExpression)) {
    return { known: site.form === 'rtm-client-option', names: [], kept: [], dropped: [] };
  }
  const names =
    node?.type === AST_NODE_TYPES.ObjectExpression
      ? node.properties.map((p) => (p.type === AST_NODE_TYPES.Property ? (propertyKeyName(parsed.resolver, p) ?? textOf(parsed, p.key)) : textOf(parsed, p)))
      : [];
  return {
    known: true,
    names,
    kept: names.filter((n) => isRtmConnectArg(n) || n === 'token'),
    dropped: names.filter((n) => isRtmStartOnlyArg(n)),
  };
}

function textOf(parsed: ParsedFile, node: Node): string {
  return parsed.text.slice(node.range[0], node.range[1]);
}

function mpimAwareOf(parsed: ParsedFile, site: FoundSite): boolean {
  const node = site.argsNode ? unwrap(site.argsNode) : undefined;
  if (node?.type !== AST_NODE_TYPES.ObjectExpression) return false;
  const prop = node.properties.find((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(parsed.resolver, p) === 'mpim_aware');
  if (prop?.type !== AST_NODE_TYPES.Property) return false;
  const v = textOf(parsed, prop.value);
  return v !== 'false' && v !== '0' && v !== "'0'" && v !== "'false'";
}

function shortCode(parsed: ParsedFile, node: Node): string {
  const text = textOf(parsed, node).replace(/\s+/g, ' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Where a legacy client is made (`file`: another module's), and whether it is one started without the option (`slack-client` 2.x, `@slack/client` before 3.10). */
function constructionOf(root: string, parsed: ParsedFile, found: FoundSite, made: TSESTree.NewExpression): NonNullable<PlanSite['construction']> {
  const source = madeSource(parsed, found);
  const options = made.arguments[1];
  // Options in a variable other clients are made with: the option goes into its literal (see optionsVariableEdit).
  const edit = options ? optionsVariableEdit(source.resolver, options) : undefined;
  const shared = edit === 'copy' ? undefined : edit;
  const range = { start: made.range[0], end: made.range[1], ...(source.file === parsed.file ? {} : { file: relative(root, source.file) }), ...(shared ? { options: { start: shared.range[0], end: shared.range[1] } } : {}) };
  const kind = legacyClientKind(source, made);
  return kind === 'slack-client' ? { ...range, slackClient: true } : kind === 'start-answered' ? { ...range, startAnswered: true } : range;
}

/** Whether a v3 client is given `useRtmConnect: true` though nothing names the `@slack/client` release it runs with. */
function releaseUnknown(parsed: ParsedFile, found: FoundSite, made: TSESTree.NewExpression): boolean {
  const source = madeSource(parsed, found);
  return legacyClientKind(source, made) === 'use-rtm-connect' && sdkVersion(source.file, LEGACY_RTM_CONNECT_SUPPORT.module) === undefined;
}

/** The package.json range a v3 client's `useRtmConnect: true` needs raised (its manifest relative to the root). */
function rangeRaiseOf(root: string, parsed: ParsedFile, found: FoundSite, made: TSESTree.NewExpression): RangeRaise | undefined {
  const source = madeSource(parsed, found);
  return legacyClientKind(source, made) === 'use-rtm-connect' ? relativeRaise(root, rangeRaise(source.file)) : undefined;
}

/** A range raise with its manifest relative to the root, as the plan gives paths. */
function relativeRaise(root: string, raise: RangeRaise | undefined): RangeRaise | undefined {
  return raise && { ...raise, manifest: relative(root, raise.manifest) };
}

/** The file a legacy client was made in: the site's own, or the module it was required from. */
function madeSource(parsed: ParsedFile, found: FoundSite): { readonly resolver: Resolver; readonly file: string } {
  return found.madeIn?.file === undefined ? parsed : { resolver: found.madeIn, file: found.madeIn.file };
}

/** Which client's helper a helper-module rewrite calls (for its message). */
function helperClient(parsed: ParsedFile, form: PlanSite['form'], found: FoundSite): Parameters<typeof CODEMOD_MESSAGES.helperModule>[0] {
  if (form === 'rtm-client-option') return 'rtm-api-client';
  if (form === 'library-start') return found.library ? HELPER_LIBRARY_STARTS[found.library].client : 'none';
  if (form !== 'legacy-client') return 'none';
  const kind = found.construction && legacyClientKind(madeSource(parsed, found), found.construction);
  return kind === 'slack-client' ? 'slack-client' : kind === 'start-answered' ? 'legacy-client-start' : 'legacy-client';
}

/** helper-module on `apiCall(method, args)` with `method` chosen at run time: where the constant is. */
function chosenMethodOf(parsed: ParsedFile, found: FoundSite, decision: Decision): Pick<PlanSite, 'chosenMethod'> {
  const name = decision.rewrite === 'helper-module' ? chosenMethodName(parsed, found, decision.form) : undefined;
  return name ? { chosenMethod: { start: name.range[0], end: name.range[1] } } : {};
}

interface Decision {
  readonly rewrite: RewriteKind;
  readonly form: PlanSite['form'];
  readonly reason?: string;
}

/**
 * `rtmStartCompat(client, args)` takes the place of a method call (`client.rtm.start(…)`,
 * `client.apiCall('rtm.start', …)`) only where nothing else is passed (a callback would be dropped, a
 * spread hides what is) and the client has `apiCall`, which the shim calls: `@slack/web-api`'s
 * `WebClient`. Elsewhere the site gets the decision it would get without `--helper shim`, and no TODO
 * suggests the flag.
 */
function shimApplies(parsed: ParsedFile, site: FoundSite): boolean {
  const call = site.node;
  if (site.form !== 'method-call' && site.form !== 'api-call') return false;
  if (call.type !== AST_NODE_TYPES.CallExpression || site.callback !== undefined || site.passesOn) return false;
  if (call.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return false;
  if (call.arguments.some((a) => a.type === AST_NODE_TYPES.ArrowFunctionExpression || a.type === AST_NODE_TYPES.FunctionExpression)) return false;
  return clientOfCall(parsed, call).kind === 'web-api';
}

/**
 * Arguments not written out that go to `rtm.connect` as they are where only its fields are read: those
 * given to the app's own helper whose declaration only reads them as data (so they are no callback
 * that gets the response), in JavaScript (in TypeScript their type may be rtm.start's own arguments,
 * which rtm.connect's refuses).
 */
function passableToConnect(parsed: ParsedFile, site: FoundSite): boolean {
  const call = site.node;
  if (typescript(parsed) || site.form !== 'helper' || call.type !== AST_NODE_TYPES.CallExpression || !site.argsNode) return false;
  const index = call.arguments.indexOf(site.argsNode as TSESTree.CallExpressionArgument);
  return index > 0 && takesDataAt(parsed, helperDeclaration(parsed, call), index);
}

function decide(parsed: ParsedFile, site: FoundSite, args: SiteArgs, startOnly: string[], escapes: readonly Escape[], helper: 'inline' | 'shim'): Decision | undefined {
  if (site.connect) {
    if (startOnly.length > 0) {
      return { rewrite: 'todo', form: 'connect-start-only-fields', reason: CODEMOD_MESSAGES.connectStartOnly(startOnly) };
    }
    const startOnlyArgs = args.known ? args.dropped : [];
    if (startOnlyArgs.length > 0) return { rewrite: 'drop-option', form: 'connect-unsupported-args' };
    const passedConst = site.argsNode && unwrap(site.argsNode).type === AST_NODE_TYPES.Identifier ? constArgs(parsed.resolver, site.argsNode) : [];
    // A constant only `rtm.connect` is given loses its start-only properties; one shared with other code keeps a TODO.
    if (passedConst.length > 0 && site.argsNode && isConnectOnlyConst(parsed.resolver, site.argsNode)) return { rewrite: 'drop-option', form: 'connect-unsupported-args' };
    if (passedConst.length > 0) {
      return { rewrite: 'todo', form: 'connect-unsupported-args', reason: CODEMOD_MESSAGES.connectArgsConst(passedConst) };
    }
    return undefined;
  }
  // Only a transport that can call the family again (the `slack` package's) rewrites it: see transportOf.
  if (site.detached) return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.detachedStart };
  // Made through the helper module's withLegacyRtmStart() where it is made (none under `--helper shim`); the TODO's reason goes along.
  if (site.clientToBase) {
    const tooOld = packageClientTooOld(parsed.file);
    if (tooOld !== undefined) return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.legacyClientTooOld(tooOld) };
    return { rewrite: helper === 'inline' ? 'helper-module' : 'todo', form: site.form, reason: CODEMOD_MESSAGES.legacyClientToBase(site.clientToBase.where) };
  }
  // Started through the helper module's run-time check of the client (none under `--helper shim`, whose layer has no such check);
  // the TODO's reason goes along, for a file the module cannot be imported into.
  if (site.rtmClientMember) {
    const tooOld = site.rtmClientStart !== undefined ? packageClientTooOld(parsed.file) : undefined;
    if (tooOld !== undefined) return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.legacyClientTooOld(tooOld) };
    return { rewrite: site.rtmClientStart !== undefined && helper === 'inline' ? 'helper-module' : 'todo', form: site.form, reason: site.clientChosen ? CODEMOD_MESSAGES.legacyClientUnfollowed(site.rtmClientMember, false) : site.clientReceived === undefined ? CODEMOD_MESSAGES.rtmClientMember(site.rtmClientMember) : CODEMOD_MESSAGES.rtmClientReceived(site.clientReceived.receiver, site.rtmClientMember, site.clientReceived.ownType) };
  }
  // A test's interceptor that names the method as a path of its own (`nock(base).post('/rtm.start')`): a stand-in, no helper of the app's.
  const helperMock = site.form === 'helper' ? mockOfSite(parsed, site) : undefined;
  if (helperMock !== undefined) return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.mockedRtmStart(helperMock) };
  if (site.methodModule) return { rewrite: 'todo', form: site.form, reason: escapes.length > 0 ? CODEMOD_MESSAGES.escapes(escapes) : CODEMOD_MESSAGES.methodModule };
  if (rawUrlConnectOnly(parsed, site)) return { rewrite: 'connect-only', form: site.form };
  if (site.form === 'raw-url' || site.form === 'legacy-client' || site.form === 'method-table' || site.form === 'legacy-data-store' || site.form === 'unfollowed-name' || site.form === 'library-start' || site.form === 'unfollowed-client' || site.form === 'start-listener' || site.form === 'stand-in') {
    const mock = mockOfSite(parsed, site);
    if (mock !== undefined) return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.mockedRtmStart(mock) };
    return { rewrite: 'todo', form: site.form, reason: site.form === 'raw-url' ? CODEMOD_MESSAGES.rawHttp(site.request ?? 'the request', urlMayBeRead(site)) : (escapes[0]?.reason ?? MESSAGES.rtmStartUrl) };
  }
  // `--helper shim` only where `rtmStartCompat()` builds every start-only field read here (not `users[].presence`, `latest`…).
  const shimmable = shimApplies(parsed, site) && [...startOnly, ...escapedItemFields(escapes)].every(shimBuilds);
  if (helper === 'shim' && shimmable && (startOnly.length > 0 || escapes.length > 0)) return { rewrite: 'shim', form: site.form };
  if (site.form === 'helper' && (startOnly.length > 0 || escapes.length > 0)) {
    // Never `rtm.connect` in place: the data read would be lost. Through the app's own helper, or left unchanged.
    return { rewrite: 'todo', form: site.form, reason: escapes.length > 0 ? CODEMOD_MESSAGES.escapes(escapes) : CODEMOD_MESSAGES.helper };
  }
  if (escapes.length > 0) return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.escapes(escapes) };
  if (site.form === 'rtm-client-option') {
    return startOnly.length === 0
      ? { rewrite: 'drop-option', form: site.form }
      : { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.rtmClientReads };
  }
  if (!args.known && (startOnly.length > 0 || !(passableToConnect(parsed, site) || heldArgNames(parsed, site)))) return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.argsUnknown };
  if (startOnly.length === 0) return { rewrite: 'connect-only', form: site.form };
  if (site.form === 'helper') return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.helper };
  if (site.form === 'call-apply') return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.callApply };
  const unsupported = unsupportedInline(startOnly);
  if (unsupported.length > 0) return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.noInline(unsupported) };
  if (!isAwaitedStatement(site.node)) return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.notAwaited(shimmable) };
  if (storedAsStartType(parsed, site.node)) return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.startTypes };
  return { rewrite: 'inline', form: site.form };
}

/** Nothing reads what the request answers: a raw request rawUrlAnswerUnread takes, or a method call the analysis' methodAnswerUnread takes. */
function answerUnread(parsed: ParsedFile, site: FoundSite): boolean {
  return site.form === 'raw-url' ? rawUrlAnswerUnread(parsed, site) : site.answerUnread === true;
}

/**
 * Whether the answer's `url` may be read: only an answer the analysis followed (some field read) with
 * no `url` among its reads and nothing handed where it is not followed (the site's own marker aside)
 * is known to open no socket. No read at all may as well be a request the analysis did not find.
 */
function urlMayBeRead(site: FoundSite): boolean {
  return site.reads.length === 0 || site.reads.some((r) => r.path === 'url') || site.escapes.length > 1;
}

/** Wrappers that leave a value as it is: `x!`, `x as T`, `<T>x`, `x satisfies T`, `a?.b()`. */
function isWrapper(node: Node): boolean {
  return unwrap(node) !== node;
}

function outerValue(node: Node): Node {
  let current = node;
  while (current.parent && isWrapper(current.parent)) current = current.parent;
  return current;
}

const START_TYPE = /RtmStart|rtm'?\]?\s*\[\s*'start'|rtm\.start|RTMStart/;

/** The type written for a variable / field, one alias (declared in the file) resolved. */
function typeTextOf(parsed: ParsedFile, annotation: TSESTree.TSTypeAnnotation | undefined): string {
  if (!annotation) return '';
  const type = annotation.typeAnnotation;
  let text = textOf(parsed, type);
  if (type.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier) {
    const name = type.typeName.name;
    for (const statement of parsed.program.body) {
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
      if (declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration && declaration.id.name === name) text += ' ' + textOf(parsed, declaration.typeAnnotation);
    }
  }
  return text;
}

/** True when the response goes into a variable or field typed as rtm.start's response (TS only). */
function storedAsStartType(parsed: ParsedFile, node: Node): boolean {
  let p = outerValue(node).parent;
  if (p?.type === AST_NODE_TYPES.AwaitExpression) p = outerValue(p).parent;
  if (p?.type === AST_NODE_TYPES.VariableDeclarator) return p.id.type === AST_NODE_TYPES.Identifier && START_TYPE.test(typeTextOf(parsed, p.id.typeAnnotation));
  if (p?.type !== AST_NODE_TYPES.AssignmentExpression) return false;
  const left = p.left;
  if (left.type === AST_NODE_TYPES.Identifier) {
    const id = findVariableDef(parsed.resolver, left)?.name;
    return id?.type === AST_NODE_TYPES.Identifier && START_TYPE.test(typeTextOf(parsed, id.typeAnnotation));
  }
  if (left.type !== AST_NODE_TYPES.MemberExpression || left.computed || left.property.type !== AST_NODE_TYPES.Identifier) return false;
  const name = left.property.name;
  let owner: Node | undefined = left.parent;
  while (owner && owner.type !== AST_NODE_TYPES.ClassBody) owner = owner.parent;
  if (owner?.type !== AST_NODE_TYPES.ClassBody) return false;
  return owner.body.some((member) => {
    if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === name) {
      return START_TYPE.test(typeTextOf(parsed, member.typeAnnotation));
    }
    return false;
  });
}

function findVariableDef(resolver: Resolver, identifier: TSESTree.Identifier) {
  for (let scope: ReturnType<Resolver['getScope']> | null = resolver.getScope(identifier); scope; scope = scope.upper) {
    const variable = scope.set.get(identifier.name);
    if (variable) return variable.defs[0];
  }
  return undefined;
}

/** `const x = await <call>` / `x = await <call>;`: where the inline rewrite can put calls before. */
function isAwaitedStatement(node: Node): boolean {
  const awaited = outerValue(node).parent;
  if (awaited?.type !== AST_NODE_TYPES.AwaitExpression) return false;
  const value = outerValue(awaited);
  const holder = value.parent;
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator) {
    const declaration = holder.parent;
    const statementList = declaration.parent;
    return holder.init === value && STATEMENT_LISTS.has(statementList.type);
  }
  if (holder?.type === AST_NODE_TYPES.AssignmentExpression) return holder.right === value && holder.parent.type === AST_NODE_TYPES.ExpressionStatement;
  return false;
}

const STATEMENT_LISTS = new Set<string>([
  AST_NODE_TYPES.Program,
  AST_NODE_TYPES.BlockStatement,
  AST_NODE_TYPES.StaticBlock,
  AST_NODE_TYPES.SwitchCase,
  AST_NODE_TYPES.TSModuleBlock,
  AST_NODE_TYPES.ExportNamedDeclaration,
]);

function constArgs(resolver: Resolver, node: Node): string[] {
  const value = resolveConst(resolver, node);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return [];
  return value.properties
    .map((p) => (p.type === AST_NODE_TYPES.Property ? (propertyKeyName(resolver, p) ?? '') : ''))
    .filter((n) => isRtmStartOnlyArg(n));
}

/** Where a read or escape is, relative to the plan's root (in the site's file unless it says otherwise). */
function located(root: string, parsed: ParsedFile, item: FlowRead | FlowEscape): { file: string; line: number; column: number } {
  return position(root, item.file ?? parsed.file, item.node);
}

/** Scans the files for `rtm.start` sites and follows each response: the plan the rewrite uses. */
export function scan(options: ScanOptions): Plan {
  const root = resolve(options.root);
  const projectFiles = [...new Set([...options.files.map((f) => resolve(f)), ...(options.tsconfig ? tsconfigFiles(options.tsconfig).map((f) => resolve(f)) : [])])];
  const project = new Project([...new Set([...projectFiles, ...(options.otherFiles ?? []).map((f) => resolve(f))])]);
  const spec = options.workspace ?? DEFAULT_WORKSPACE;
  const helper = options.helper ?? 'inline';
  const sites: PlanSite[] = [];
  const legacy: LegacySite[] = [];
  const helperStarted: HelperStarted[] = [];
  const planned: PlannedSite[] = [];
  const wrapperUses: WrapperUse[] = [];
  const listeners = startListeners(root, project, options.files);
  const countWord = wordCounter(project);
  const groupOf = moduleGroups(project);

  for (const [index, file] of options.files.entries()) {
    options.onFile?.(index, options.files.length);
    const parsed = project.file(file);
    if (!parsed) {
      options.onUnparsed?.(file, project.failure(file));
      continue;
    }
    // The module an earlier run generated starts the clients the app hands it (`startRtmClient(rtm)` →
    // `client.start()`): its own code, which asks for no `rtm.start`, is no site.
    if (parsed.text.startsWith(HELPER_MARK)) continue;
    const started = startedByHelperModule(parsed.resolver, parsed.program, parsed.text);
    for (const [made, file] of started) helperStarted.push({ file: file ?? parsed.file, constructions: [made] });
    const typed = usesStartTypes(parsed);
    const prepared: { found: FoundSite; reads: FieldRead[]; escapes: Escape[]; fieldsRead: string[]; startOnlyFields: string[]; args: SiteArgs; transport: ReturnType<typeof transportOf> | undefined; table: ReturnType<typeof methodTableOverride> | undefined; facet: ReturnType<typeof sdkFacetOverride>; choice: TypedDecision<Decision> }[] = [];
    // `started`: the clients this file hands to the helper module, read once for its sites and its package.
    for (const found of foundSites(parsed, started)) {
      if (ownStartInView(project, parsed, found)) continue;
      // `post(api('rtm.start'), …)` taken as a raw URL is: the request's answer is what is read.
      const followed = builtUrlConnectAnswer(parsed, found) ?? found;
      const reads: FieldRead[] = followed.reads.map((r) => ({ field: r.path, ...located(root, parsed, r) }));
      const escapes: Escape[] = followed.escapes.map((e) => ({ reason: e.reason, path: e.path, ...(e.holds ? { holds: e.holds } : {}), ...(e.sent === undefined ? {} : { sent: e.sent }), ...(e.own ? { own: true as const } : {}), ...located(root, parsed, e) }));
      const fieldsRead = [...new Set(reads.map((r) => r.field))].sort();
      const startOnlyFields = fieldsRead.filter(isStartOnlyField);
      const args = argsOf(parsed, found);
      // The TODO names places from its own file's folder: the same text wherever rtm-migrate is run from (blind s71/18).
      const byReads = decide(parsed, found, args, startOnlyFields, escapes.map((e) => ({ ...e, file: relative(dirname(parsed.file), resolve(root, e.file)) })), helper);
      if (!byReads) continue;
      // A URL no request is given: a report line, no TODO (see unread-entry.ts).
      const unread = unreadEntryMessage(parsed, found, countWord);
      if (unread !== undefined) {
        prepared.push({ found, reads, escapes, fieldsRead, startOnlyFields, args, transport: undefined, table: undefined, facet: undefined, choice: { decision: { rewrite: 'unread-entry', form: byReads.form, reason: unread } } });
        continue;
      }
      // `rtm.connect` in place only where every read is a field it is known to return.
      const unknownReads = byReads.rewrite === 'connect-only' ? fieldsRead.filter((f) => !isConnectField(f)) : [];
      const decided: Decision = unknownReads.length > 0 ? { rewrite: 'todo', form: byReads.form, reason: CODEMOD_MESSAGES.readsNotOnConnect(unknownReads) } : byReads;
      // The inline rewrite pages with `client.paginate()`: not on a client that may have none.
      const unsure = decided.rewrite === 'inline' ? paginateUnsure(parsed, found) : undefined;
      // `rtm.connect` in place only on a `slack` package version that has it (and is known).
      const connectUnfit = decided.rewrite === 'connect-only' ? slackPackageConnectUnfit(parsed, found) : undefined;
      // A call the analysis cannot tell is Slack's (the app's own `rtm.start`, a method name not first): never changed in place.
      const notInPlace = decided.rewrite === 'inline' || decided.rewrite === 'connect-only' ? inPlaceUnsure(root, project, parsed, found) : decided.rewrite === 'todo' ? ownStartUnsure(root, project, parsed, found) : undefined;
      const planned: Decision = notInPlace ? { rewrite: 'todo', form: decided.form, reason: notInPlace } : unsure ? { rewrite: 'todo', form: decided.form, reason: unsure } : connectUnfit ? { rewrite: 'todo', form: decided.form, reason: CODEMOD_MESSAGES.slackPackage(connectUnfit) } : decided;
      // A call that may be an RTM client's own `start()` goes to no helper either.
      // Nor one whose reads it does not know (`body.channels`): the helper module resolves the data itself, not a wrapper around it.
      // A list handed to code it cannot see may still go: the helper's items warn on a read of an attribute they lack (`channels[].has_pins`).
      const unbuilt = unsupportedInline(startOnlyFields).filter((f) => !helperBuilds(f));
      const helperBuildsAll = unknownReads.length === 0 && !found.rtmClientMember && unbuilt.length === 0;
      // What the inline rewrite leaves to a human goes to the generated helper module where it fits.
      // Not where the code's own types are rtm.start's response: those go below, a whole file at once.
      const toModule =
        helper === 'inline' &&
        planned.rewrite === 'todo' &&
        planned.reason !== CODEMOD_MESSAGES.startTypes &&
        // Nor where a field is read that the helper does not build either (`cache_ts`, `latest`, `self.prefs`…).
        helperBuildsAll &&
        helperModuleFits(parsed, found, planned.form, startOnlyFields.length > 0 || escapes.length > 0);
      // `client.apiCall.bind(client, 'rtm.start')`: `rtmStartData.bind(null, client)`, called the same way.
      const bound = helper === 'inline' && planned.rewrite === 'todo' && helperBuildsAll && boundCallFits(parsed, found);
      // A listed release of a legacy SDK's own rtm.start facet: its body resolves the helper module's data.
      const facet = planned.rewrite === 'todo' && planned.form === 'helper' && helperBuildsAll ? (sdkFacetOverride(parsed, found.node) ?? sdkBoundStartOverride(parsed, found.node)) : undefined;
      // A test's interceptor is no transport of the app's: nothing to rebuild through it.
      const mocked = mockOfSite(parsed, found) !== undefined;
      const transport = planned.rewrite === 'todo' && !bound && !facet && !connectUnfit && !mocked && (planned.form === 'helper' || planned.form === 'raw-url' || planned.form === 'method-call') && helperBuildsAll ? transportOf(parsed, found) : undefined;
      const table = planned.rewrite === 'todo' && planned.form === 'method-table' ? methodTableOverride(parsed, found.node) : undefined;
      const decision: Decision =
        toModule || bound || (transport && 'call' in transport) || (table && 'override' in table) || (facet && 'override' in facet)
          ? { ...planned, rewrite: 'helper-module' }
          : transport
            ? { ...planned, reason: transport.reason ?? `${planned.reason ?? ''} ${CODEMOD_MESSAGES.transportUnseen(transport.why)}`.trim() }
            : table
              ? { ...planned, reason: `${planned.reason ?? ''} ${CODEMOD_MESSAGES.tableUnseen(table.why)}`.trim() }
              : facet && 'why' in facet
                ? { ...planned, reason: `${planned.reason ?? ''} ${CODEMOD_MESSAGES.sdkUnseen(facet.why)}`.trim() }
                : planned.reason === CODEMOD_MESSAGES.legacyClient && unbuilt.length > 0 && unknownReads.length === 0 && !found.rtmClientMember && helperModuleFits(parsed, found, planned.form, true)
                  ? // Only those reads stand in the way: say so, not how to make the client followable.
                    { ...planned, reason: CODEMOD_MESSAGES.legacyClientUnbuilt(unbuilt) }
                  : found.library === 'slack-client' && planned.reason === CODEMOD_MESSAGES.slackClientLogin && unbuilt.length > 0 && helperModuleFits(parsed, found, planned.form, true)
                    ? // The same for a slack-client 1.x client read through its maps and look-ups (`slack.groups[k].is_open`).
                      { ...planned, reason: CODEMOD_MESSAGES.slackClientUnbuilt(unbuilt) }
                    : planned;
      // In a file that types responses with rtm.start's own types, the helper module's `RtmStartData` takes their place.
      const retypable =
        typed && helper === 'inline' && (decided.rewrite === 'inline' || decided.reason === CODEMOD_MESSAGES.startTypes) && helperBuildsAll && helperModuleFits(parsed, found, decided.form, true);
      // A URL builder's escapes are the URL's: where the answer goes is not seen at all (the reason says so).
      const answerEscapes = transport && 'urlOnly' in transport ? [] : escapes;
      prepared.push({ found, reads, escapes: answerEscapes, fieldsRead, startOnlyFields, args, transport, table, facet, choice: retypable ? { decision: { rewrite: 'helper-module', form: planned.form }, withoutTypes: decision } : { decision } });
    }
    const decisions = settleStartTyped(prepared.map((p) => p.choice));
    for (const [index, { found, reads, escapes: siteEscapes, fieldsRead: readAtSite, startOnlyFields: startOnlyAtSite, args, transport, table, facet, choice }] of prepared.entries()) {
      const heavy = importableDecision(parsed, decisions[index] ?? choice.decision);
      // A v3 client that needs nothing of rtm.start's data: `useRtmConnect: true` alone, no helper module (no list fetched).
      const byFile: Decision = heavy.rewrite === 'helper-module' && heavy.form === 'legacy-client' && legacyConnectOnly(parsed, found, readAtSite, countWord) ? { rewrite: 'connect-only', form: heavy.form } : withEscapedItems(heavy, siteEscapes);
      // A rewrite changes which events a transport that publishes its answers sends: listeners of `'rtm.start'`, in the project or in
      // plugins of the object handed in that no run sees (blind s65/04, b9's documented `'rtm.start'` event), would never fire again.
      const publisher = leavesTodo(byFile.rewrite) ? undefined : answerPublisher(parsed, found, listeners);
      const published: Decision = publisher ? { rewrite: 'todo', form: byFile.form, reason: CODEMOD_MESSAGES.answerPublished(publisher.transport, publisher.owner, listeners) } : byFile;
      const checked: Decision = published.rewrite === 'connect-only' && answerUnread(parsed, found) ? { ...published, rewrite: 'token-check' } : published;
      // The generated TypeScript module needs TypeScript 2.2+ (WRITTEN_SYNTAX.helperModule.older): an older tsc fails on it and emits JavaScript that throws
      // at load (blind s80/07: tsc 1.8.10 wrote `'self': }`), so such a package's sites are left to the user.
      const oldTypescript = checked.rewrite === 'helper-module' && typescript(parsed) ? typescriptOlderThan(parsed.file, WRITTEN_SYNTAX.helperModule.older) : undefined;
      const notBundled = checked.rewrite === 'helper-module' && !oldTypescript ? rollupWithoutCommonjs(root, parsed.file, parsed.text) : undefined;
      const aged: Decision = oldTypescript
        ? { rewrite: 'todo', form: checked.form, reason: CODEMOD_MESSAGES.helperTypescriptTooOld(oldTypescript) }
        : notBundled
          ? { rewrite: 'todo', form: checked.form, reason: CODEMOD_MESSAGES.helperNotBundled(notBundled) }
          : checked;
      // Data handed on to code the analysis does not follow, which names a field no method returns: the migration would answer `undefined` there.
      const goneNamed = aged.rewrite === 'helper-module' ? goneFieldsNamed(dirname(parsed.file), project, [resolve(parsed.file), ...groupOf(parsed.file).filter((f) => f !== resolve(parsed.file))], (field) => !startOnlyAtSite.includes(field) && reachesUnfollowed({ form: found.form, escapes: siteEscapes, ...(found.libraryReach ? { libraryReach: found.libraryReach.reach } : {}) }, field)) : [];
      const decision: Decision = goneNamed.length > 0 ? { rewrite: 'todo', form: aged.form, reason: CODEMOD_MESSAGES.goneFieldsNamed(goneNamed) } : basePathDecision(sentOutDecision(aged, siteEscapes, (e) => `${relative(dirname(parsed.file), resolve(root, e.file))}:${e.line}`), found);
      const startsClient = decision.rewrite === 'helper-module' && decision.form === 'legacy-client';
      const readsFollowed = startsClient && legacyReadsFollowed(parsed, found, countWord);
      const wholeDataUse = decision.rewrite === 'helper-module' && !readsFollowed ? legacyWholeDataUse(parsed, found) : undefined;
      // A store the client keeps holds the data as a store handed on does: all of it, the team's prefs among the extras. Not
      // the read state of every list, though (a `conversations.info` per conversation, ~40 s at 300 users): its models warn where it is read.
      const storeKept = startsClient && found.construction && legacyKeepsStore(parsed, found) ? found.construction : undefined;
      const escapes = storeKept ? [...siteEscapes, { reason: CODEMOD_MESSAGES.legacyClientStoreFilled, path: '', holds: DATA_STORE_HOLDS, ...position(root, parsed.file, storeKept) }] : siteEscapes;
      // The read state of lists handed where they are not followed, where the program reads it: fetched by the helper
      // module's start, not answered `undefined` with a warning (an `rtm.connect` call's data never had it).
      const inProgram = (word: string): number => wordCountIn(project, groupOf(parsed.file), word);
      // A slack-client 1.x client's file is read for its extras (found.reads); the other modules of its program by their words.
      const inOtherModules = (word: string): number => wordCountIn(project, groupOf(parsed.file).filter((f) => f !== resolve(parsed.file)), word);
      const readState = decision.rewrite !== 'helper-module' || found.connect ? [] : found.library === 'slack-client' ? slackClientProgramReads(inOtherModules) : escapedReadState(siteEscapes, inProgram);
      const fieldsRead = readState.length > 0 ? [...new Set([...readAtSite, ...readState])].sort() : readAtSite;
      const startOnlyFields = readState.length > 0 ? [...new Set([...startOnlyAtSite, ...readState])].sort() : startOnlyAtSite;
      const addsOption = decision.form === 'legacy-client' && (decision.rewrite === 'helper-module' || decision.rewrite === 'connect-only');
      const viaTransport = decision.rewrite === 'helper-module' && transport && 'call' in transport ? transport.call : undefined;
      const override = decision.rewrite === 'helper-module' && table && 'override' in table ? table.override : undefined;
      const facetOverride = decision.rewrite === 'helper-module' && facet && 'override' in facet ? facet.override : undefined;
      const mpimAware = mpimAwareOf(parsed, found);
      // The parts a call of the app's own transport fetches where every read is known (undefined: the whole data).
      const reach = decision.rewrite === 'helper-module' && found.library && found.libraryReach ? { libraryReach: found.libraryReach.reach, ...(found.libraryReach.fields ? { libraryFields: found.libraryReach.fields } : {}) } : {};
      const fetches = decision.rewrite === 'helper-module' ? helperFetch({ form: decision.form, escapes, fieldsRead, startOnlyFields, transport: viaTransport, library: found.library, ...reach, ...(readsFollowed ? { readsFollowed } : {}) }, mpimAware) : undefined;
      const parts = fetches?.parts;
      // The generated helper lists every conversation type in one conversations.list.
      const cost = costOfReplacement(spec.size, fetches?.fields ?? fetchedByMigration(startOnlyFields), { mpimAware, connect: fetches?.connect ?? true, listing: decision.rewrite === 'helper-module' ? 'one' : 'per-type' });
      // A client made out of sight runs with the @slack/client its package declares: a range reaching below 3.10 is raised as for one made here.
      const elsewhere = decision.rewrite === 'helper-module' && found.rtmClientStart !== undefined;
      const raise = addsOption && found.construction ? rangeRaiseOf(root, parsed, found, found.construction) : elsewhere ? relativeRaise(root, rangeRaise(parsed.file)) : undefined;
      const unknownRelease = addsOption && found.construction && releaseUnknown(parsed, found, found.construction) ? ` ${CODEMOD_MESSAGES.legacyClientReleaseUnknown()}` : '';
      const pos = position(root, parsed.file, found.node);
      const end = lineAndColumn(parsed, found.node.range[1]);
      // Which client's helper the rewrite calls, for its message.
      const client = decision.rewrite === 'helper-module' ? helperClient(parsed, decision.form, found) : 'none';
      const message = leavesTodo(decision.rewrite)
        ? todoComment(decision.reason ?? '', startOnlyFields)
        : decision.rewrite === 'unread-entry'
          ? (decision.reason ?? '')
        : override
          ? CODEMOD_MESSAGES.tableOverride(override.path, HELPER_BASENAME)
          : facetOverride && facet && 'message' in facet
          ? facet.message
          : elsewhere
          ? `${found.clientChosen ? CODEMOD_MESSAGES.rtmClientChosen(found.clientChosen.receiver, found.rtmClientStart, HELPER_BASENAME) : CODEMOD_MESSAGES.rtmClientElsewhere(found.rtmClientStart, HELPER_BASENAME, found.clientReceived?.receiver)}${raise ? ` ${CODEMOD_MESSAGES.rangeRaised(raise.manifest, raise.module, raise.from, raise.to)}` : ''}`
          : decision.rewrite === 'helper-module' && found.clientToBase
          ? CODEMOD_MESSAGES.legacyClientToBasePrepared(found.clientToBase.where, HELPER_BASENAME)
          : decision.rewrite === 'helper-module'
          ? `${found.libraryWhy ? `${found.libraryWhy} ` : ''}${parts && readsFollowed ? CODEMOD_MESSAGES.legacyClientParts(parts, HELPER_BASENAME, [...new Set(cost.byMethod.map((c) => c.method))], client === 'slack-client' || client === 'legacy-client-start' ? client : 'option-added') : parts && !found.library ? CODEMOD_MESSAGES.helperModuleParts(parts, HELPER_BASENAME, [...new Set(cost.byMethod.map((c) => c.method))]) : CODEMOD_MESSAGES.helperModule(client, headlineFields(startOnlyFields), HELPER_BASENAME, parts)}${parts && found.library ? ` ${CODEMOD_MESSAGES.libraryParts(parts, [...new Set(cost.byMethod.map((c) => c.method))], found.library)}` : ''}${viaTransport?.note ? ` ${viaTransport.note}` : ''}${raise ? ` ${CODEMOD_MESSAGES.rangeRaised(raise.manifest, raise.module, raise.from, raise.to)}` : ''}${unknownRelease}`
          : decision.rewrite === 'connect-only' && found.form === 'legacy-client'
          ? `${CODEMOD_MESSAGES.legacyConnectOnly(fieldsRead)}${raise ? ` ${CODEMOD_MESSAGES.rangeRaised(raise.manifest, raise.module, raise.from, raise.to)}` : ''}${unknownRelease}`
          : decision.rewrite === 'token-check'
          ? CODEMOD_MESSAGES.tokenCheck(found.form === 'raw-url')
          : decision.rewrite === 'connect-only' && found.form === 'raw-url'
          ? rawUrlConnectMessage(parsed, found)
          : decision.rewrite === 'connect-only' && !args.known
          ? (heldArgsMessage(parsed, found) ?? CODEMOD_MESSAGES.connectArgsPassed)
          : CODEMOD_MESSAGES.rewrite(decision.rewrite, headlineFields(startOnlyFields), cost.byMethod);
      // Not the site's own marker (a raw request's): only what really leaves code the analysis follows may be read off the data elsewhere.
      // Where every read is known (only `parts` are fetched, none handed on), no code the analysis cannot follow gets the data.
      const carried = carriedEscapes({ form: decision.form, escapes });
      const handedOn = carried.some((e) => e.own !== true);
      const gaps = decision.rewrite === 'helper-module' && (!parts || handedOn) ? itemGapsNote(carried, found.library, helperIncludes(startOnlyFields)) : undefined;
      sites.push({
        id: `${pos.file}:${pos.line}:${pos.column}`,
        ...pos,
        endLine: end.line,
        endColumn: end.column,
        start: found.node.range[0],
        end: found.node.range[1],
        ...(decision.rewrite === 'helper-module' && !viaTransport && found.callback ? { callback: { start: found.callback.range[0], end: found.callback.range[1] } } : {}),
        ...(addsOption && found.construction ? { construction: constructionOf(root, parsed, found, found.construction) } : {}),
        ...(raise ? { raisesRange: raise } : {}),
        ...(decision.rewrite === 'connect-only' && !args.known ? heldArgsAt(parsed, found) : {}),
        ...(decision.rewrite === 'connect-only' ? argsKeptAt(parsed, found) : {}),
        ...(decision.rewrite === 'helper-module' && found.library ? { library: found.library, ...reach } : {}),
        ...(viaTransport ? { transport: viaTransport } : {}),
        ...(override ? { table: override } : {}),
        ...(facetOverride ? { facet: facetOverride } : {}),
        ...chosenMethodOf(parsed, found, decision),
        ...((decision.rewrite === 'connect-only' || decision.rewrite === 'token-check') && found.node.type === AST_NODE_TYPES.CallExpression ? methodAtOf(parsed, found.node) : {}),
        ...(elsewhere ? { clientElsewhere: true as const } : {}),
        ...(decision.rewrite === 'helper-module' && found.clientToBase ? { prepares: { start: found.clientToBase.made.range[0], end: found.clientToBase.made.range[1] } } : {}),
        form: decision.form,
        code: shortCode(parsed, found.node),
        args,
        fieldsRead,
        ...(readsFollowed ? { readsFollowed } : {}),
        ...(wholeDataUse ? { wholeDataAt: { ...position(root, parsed.file, wholeDataUse), code: shortCode(parsed, wholeDataUse) } } : {}),
        startOnlyFields,
        reads,
        escapes,
        replacement: cost.byMethod,
        // An optional extra's scope is not needed: without it the start goes on, with a warning (the plan lists it as optional).
        scopes: fetches && fetches.optional.length > 0 ? requiredScopes(spec.size, fetches, cost.scopes) : cost.scopes,
        calls: cost.calls,
        floorSeconds: cost.floorSeconds,
        rewrite: decision.rewrite,
        ...(decision.reason === undefined ? {} : { reason: decision.reason }),
        ...(gaps ? { itemGaps: gaps } : {}),
        message: gaps ? `${message} ${gaps}` : message,
      });
      if (found.form === 'legacy-client' || found.form === 'legacy-data-store' || sites.at(-1)?.clientElsewhere === true) legacy.push({ index: sites.length - 1, file: parsed.file, found });
      const plan = sites.at(-1);
      if (plan) planned.push({ plan, found });
      if (decision.rewrite === 'todo') wrapperUses.push({ index: sites.length - 1, parsed, found });
    }
  }

  const paired = [...pairImportedClients(root, project, options.files, sites, legacy), ...unfollowedFactoryStarts(root, project, options.files, sites)];
  const filled = markFilledDataStores(root, paired, legacy, helperStarted);
  const covered = markBaseClassCovered(root, markSdkFacetCovered(root, markTableCoveredUses(root, project, markCoveredUses(root, project, filled, wrapperUses, planned), wrapperUses, planned), wrapperUses), wrapperUses);
  return assemblePlan(root, options.tsconfig, projectFiles.length, spec, markStubsRepointed(root, project, covered, wrapperUses, modulesReached(project)));
}

export function siteReadsMessage(field: string): string {
  return startOnlyFieldMessage(field);
}

export type { PlannedCall, WorkspaceSize };
export { dirname };
