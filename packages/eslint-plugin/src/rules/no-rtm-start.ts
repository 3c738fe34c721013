import { FIX_MESSAGES, isConnectField, MESSAGES, METHODS, methodSwappedIn } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  baseClassPrepared,
  classifyNode,
  connectsClientNeedsStartData,
  findSites,
  followResponse,
  isSignificantEscape,
  methodAnswerUnread,
  rtmClientInMember,
  runsSlackbotapiOnInstance,
  runsSlackbotsOnInstance,
  scanOptions,
  siteNode,
  startedThrough,
  unreadEntryKey,
  unwrap,
  wordCount,
  type ClientOptionSite,
  type LibraryStartSite,
  type MethodSite,
  type Resolver,
  type StringNode,
} from '@rtm-migrate/analysis';

import { createRule } from '../util/create-rule.js';
import { isObjectLiteral, propertyRemovalRange, removeProperties } from '../util/fix.js';
import { mentionsRtm } from '../util/prefilter.js';
import { isCoveredUse, ownRtmStart, resolverFor } from '../util/resolver.js';

export type MessageIds =
  | 'rtmStart'
  | 'rtmStartFixable'
  | 'rtmStartUnread'
  | 'rtmStartUrl'
  | 'rtmStartTable'
  | 'rtmStartUnfollowed'
  | 'rtmStartStandIn'
  | 'rtmStartInLibrary'
  | 'rtmStartInSlackClientLogin'
  | 'rtmStartInBotkit'
  | 'rtmStartInBotkitAppObject'
  | 'rtmStartInVendoredBotkit'
  | 'rtmStartInSlackPackageFork'
  | 'rtmStartInSlackbots'
  | 'slackbotsListsUnfilled'
  | 'rtmStartInSlackbotapi'
  | 'rtmStartInSlackbotsCall'
  | 'rtmStartInSlackbotapiCall'
  | 'rtmClientUsesStart'
  | 'legacyRtmClient'
  | 'legacyRtmClientUnfollowed'
  | 'legacyRtmClientModuleChosen'
  | 'legacyRtmClientOfUnknownModule'
  | 'legacyRtmClientReceived'
  | 'legacyRtmClientToBase'
  | 'rtmStartInRequiredSlackClient'
  | 'useRtmConnect'
  | 'useRtmConnectUrl'
  | 'dropUseRtmConnectFalse';

export type Options = [];

type Context = Readonly<TSESLint.RuleContext<MessageIds, Options>>;

/** Each library's own start, by which library it is. */
const LIBRARY_MESSAGES: Readonly<Record<LibraryStartSite['library'], MessageIds>> = { 'slack-package': 'rtmStartInLibrary', 'slack-client': 'rtmStartInSlackClientLogin', botkit: 'rtmStartInBotkit', slackbots: 'rtmStartInSlackbots', slackbotapi: 'rtmStartInSlackbotapi' };

/** The message of a library's own start: its library's, but for a Botkit start on the app's object and an ES5 subclass's run of slackbots' or slackbotapi's constructor. */
function libraryMessage(site: LibraryStartSite): MessageIds {
  if (site.library === 'botkit' && site.appObject) return 'rtmStartInBotkitAppObject';
  if (runsSlackbotsOnInstance(site)) return 'rtmStartInSlackbotsCall';
  if (runsSlackbotapiOnInstance(site)) return 'rtmStartInSlackbotapiCall';
  return LIBRARY_MESSAGES[site.library];
}

/** A module specifier naming the `rtm.start` method's own module (`'./rtm.start'`). */
const REQUIRES_METHOD_MODULE = /['"][^'"\n]*\/rtm\.start(?:\.js)?['"]/;
/** A file that may make a stand-in function for a test (`jest.fn()`, `sinon.stub()`, `td.func()`): see standInOf. */
const MAKES_STAND_IN = /\b(?:fn|stub|spy|fake|func|createSpy)\(/;

/**
 * Provably safe to switch: every field read is known to be on `rtm.connect` (an unknown one may be data
 * wrapped in an HTTP response, `body.channels`), the response never goes where the
 * analysis cannot follow it (an escape leaves a suggestion at most), every argument is known.
 */
function isProvablySafe(resolver: Resolver, site: MethodSite): boolean {
  const options = site.options ? unwrap(site.options) : undefined;
  if (options && !isObjectLiteral(options)) return false;
  if (site.call.arguments.some((a) => a.type === AST_NODE_TYPES.SpreadElement)) return false;
  if (!scanOptions(resolver, options).complete) return false;
  const flow = followResponse(resolver, site);
  return !flow.escapes.some(isSignificantEscape) && flow.reads.every((r) => isConnectField(r.path));
}

/** `start` → `connect` where the method is named, plus removal of the arguments `rtm.connect` refuses. */
function switchToConnect(context: Context, resolver: Resolver, site: MethodSite): TSESLint.ReportFixFunction | null {
  const renamed = renameMethod(context, site.methodNode);
  if (!renamed) return null;
  const options = site.options ? unwrap(site.options) : undefined;
  const unsupported = scanOptions(resolver, options).unsupported;
  if (unsupported.some((u) => u.object === undefined || u.object !== options)) return null;
  return (fixer) => {
    const fixes = [renamed(fixer)];
    if (isObjectLiteral(options)) fixes.push(...removeProperties(context.sourceCode, fixer, options, unsupported.map((u) => u.node)));
    return fixes;
  };
}

/**
 * `web.rtm.start()` → `web.auth.test()`, `web.apiCall('rtm.start')` → `web.apiCall('auth.test')`: the
 * codemod's token-check, for a call methodAnswerUnread takes. Null where the names are computed.
 */
function switchToTokenCheck(context: Context, site: MethodSite): TSESLint.ReportFixFunction | null {
  const callee = unwrap(site.call.callee);
  if (site.form === 'member') {
    const facet = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : undefined;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || facet?.type !== AST_NODE_TYPES.MemberExpression) return null;
    const rtm = renamedProperty(context, facet, 'auth');
    const start = renamedProperty(context, callee, 'test');
    return rtm && start ? (fixer) => [rtm(fixer), start(fixer)] : null;
  }
  const name = site.call.arguments[0];
  if (!name) return null;
  // A path the app's helper is given (`api.get('/rtm.start')`) keeps what surrounds the method's name.
  const written = (isStringNode(name) ? methodSwappedIn(context.sourceCode.getText(name), METHODS.authTest) : undefined) ?? quoted(context, name, METHODS.authTest);
  return (fixer) => fixer.replaceText(name, written);
}

/** `x.rtm` / `x['rtm']` with the property named `name`; undefined where it is an expression. */
function renamedProperty(context: Context, member: TSESTree.MemberExpression, name: string): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | undefined {
  const property = member.property;
  if (!member.computed) return property.type === AST_NODE_TYPES.Identifier ? (fixer) => fixer.replaceText(property, name) : undefined;
  return property.type === AST_NODE_TYPES.Literal && typeof property.value === 'string' ? (fixer) => fixer.replaceText(property, quoted(context, property, name)) : undefined;
}

/** `text` as a string literal in the quotes `node` is written with (`'` for any other expression). */
function quoted(context: Context, node: TSESTree.Node, text: string): string {
  const first = context.sourceCode.getText(node).charAt(0);
  const quote = node.type === AST_NODE_TYPES.Literal && (first === "'" || first === '"') ? first : "'";
  return `${quote}${text}${quote}`;
}

/** A string literal, or a template literal without expressions. */
function isStringNode(node: TSESTree.Node): boolean {
  return (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') || (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0);
}

function renameMethod(context: Context, node: TSESTree.Node): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | undefined {
  const computed = node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.computed;
  if (node.type === AST_NODE_TYPES.Identifier && node.name === 'start' && !computed) return (fixer) => fixer.replaceText(node, 'connect');
  if (!isStringNode(node)) return undefined;
  const text = context.sourceCode.getText(node);
  const replaced = methodSwappedIn(text, METHODS.rtmConnect) ?? text.replace(/(['"`])start\1/, `$1connect$1`);
  if (replaced === text) return undefined;
  return (fixer) => fixer.replaceText(node, replaced);
}

export default createRule<Options, MessageIds>({
  name: 'no-rtm-start',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow calls of the retired Slack Web API method `rtm.start`, in every form',
      recommended: true,
    },
    fixable: 'code',
    hasSuggestions: true,
    schema: [],
    messages: {
      rtmStart: MESSAGES.rtmStart,
      rtmStartFixable: MESSAGES.rtmStartFixable,
      rtmStartUnread: MESSAGES.rtmStartUnread,
      rtmStartUrl: MESSAGES.rtmStartUrl,
      rtmStartTable: MESSAGES.rtmStartTable,
      rtmStartUnfollowed: MESSAGES.rtmStartUnfollowed,
      rtmStartStandIn: MESSAGES.rtmStartStandIn,
      rtmStartInLibrary: MESSAGES.rtmStartInLibrary,
      rtmStartInSlackClientLogin: MESSAGES.rtmStartInSlackClientLogin,
      rtmStartInBotkit: MESSAGES.rtmStartInBotkit,
      rtmStartInBotkitAppObject: MESSAGES.rtmStartInBotkitAppObject,
      rtmStartInVendoredBotkit: MESSAGES.rtmStartInVendoredBotkit,
      rtmStartInSlackPackageFork: MESSAGES.rtmStartInSlackPackageFork,
      rtmStartInSlackbots: MESSAGES.rtmStartInSlackbots,
      slackbotsListsUnfilled: MESSAGES.slackbotsListsUnfilled,
      rtmStartInSlackbotapi: MESSAGES.rtmStartInSlackbotapi,
      rtmStartInSlackbotsCall: MESSAGES.rtmStartInSlackbotsCall,
      rtmStartInSlackbotapiCall: MESSAGES.rtmStartInSlackbotapiCall,
      rtmClientUsesStart: MESSAGES.rtmClientUsesStart,
      legacyRtmClient: MESSAGES.legacyRtmClient,
      legacyRtmClientUnfollowed: MESSAGES.legacyRtmClientUnfollowed,
      legacyRtmClientModuleChosen: MESSAGES.legacyRtmClientModuleChosen,
      legacyRtmClientOfUnknownModule: MESSAGES.legacyRtmClientOfUnknownModule,
      legacyRtmClientReceived: MESSAGES.legacyRtmClientReceived,
      legacyRtmClientToBase: MESSAGES.legacyRtmClientToBase,
      rtmStartInRequiredSlackClient: MESSAGES.rtmStartInRequiredSlackClient,
      useRtmConnect: FIX_MESSAGES.useRtmConnect,
      useRtmConnectUrl: FIX_MESSAGES.useRtmConnectUrl,
      dropUseRtmConnectFalse: FIX_MESSAGES.dropUseRtmConnectFalse,
    },
    defaultOptions: [],
  },
  create(context) {
    if (!mentionsRtm(context)) return {};
    const resolver = resolverFor(context);

    const reportMethod = (site: MethodSite): void => {
      // An RTM client's own `start()` (kept in a member named `rtm`) has no `connect` to switch to, nor
      // has a `start` taken off the `rtm` family (renaming the call would name no function), nor the
      // app's own `rtm.start` function (no `rtm.connect` beside it): reported, never renamed.
      const own = ownRtmStart(context, site);
      // Its own request of Slack is in view: that is the site (blind s79/14: a report here outlived its migration).
      if (own === 'requesting') return;
      const noFix = site.form === 'detached' || rtmClientInMember(context.sourceCode.ast, resolver, site.call) !== undefined || own !== undefined;
      const fix = noFix ? null : switchToConnect(context, resolver, site);
      const node = siteNode(site);
      // Nothing reads the answer: the token check the codemod writes too, never a second Tier-1 `rtm.connect`.
      if (!noFix && methodAnswerUnread(resolver, site)) {
        const check = switchToTokenCheck(context, site);
        if (check) context.report({ node, messageId: 'rtmStartUnread', fix: check });
        else context.report({ node, messageId: 'rtmStart' });
        return;
      }
      if (fix && isProvablySafe(resolver, site)) {
        context.report({ node, messageId: 'rtmStartFixable', fix });
        return;
      }
      context.report({ node, messageId: 'rtmStart', suggest: fix ? [{ messageId: 'useRtmConnect', fix }] : [] });
    };

    const reportUrl = (node: StringNode): void => {
      const text = context.sourceCode.getText(node);
      const fixed = text.replace(METHODS.rtmStart, METHODS.rtmConnect);
      context.report({
        node,
        messageId: 'rtmStartUrl',
        suggest: fixed === text ? [] : [{ messageId: 'useRtmConnectUrl', fix: (fixer) => fixer.replaceText(node, fixed) }],
      });
    };

    const reportClientOption = ({ construction, property }: ClientOptionSite): void => {
      const options = construction.arguments[1];
      const inline = options !== undefined && unwrap(options) === property.parent;
      context.report({
        node: property,
        messageId: 'rtmClientUsesStart',
        suggest: inline
          ? [{ messageId: 'dropUseRtmConnectFalse', fix: (fixer) => fixer.removeRange(propertyRemovalRange(context.sourceCode, property)) }]
          : [],
      });
    };

    const check = (node: TSESTree.Node): void => {
      const site = classifyNode(resolver, node);
      if (!site || isCoveredUse(context, site)) return;
      switch (site.kind) {
        case 'method':
          if (site.method === METHODS.rtmStart) reportMethod(site);
          return;
        case 'client-start':
          // Made with `useRtmConnect: true`, it calls `rtm.connect` already: reported only where it still needs `rtm.start`'s data.
          if (site.client === 'legacy-rtm-client' && (!site.connects || connectsClientNeedsStartData(resolver, findSites(context.sourceCode.ast, resolver), site))) {
            context.report({ node: site.call, messageId: 'legacyRtmClient' });
          }
          return;
        case 'client-option':
          { reportClientOption(site); return; }
        case 'url':
          // An entry of a table no code of this file reads and the file never hands on: no request is made with it (the codemod's `unread-entry`).
          if (site.method === METHODS.rtmStart && unreadEntryKey(resolver, site.node, (key) => wordCount(context.sourceCode.text, key) > 1, false) === undefined) reportUrl(site.node);
          return;
        case 'table':
          context.report({ node: site.node, messageId: 'rtmStartTable' });
          return;
        case 'unfollowed-name':
          context.report({ node: site.node, messageId: 'rtmStartUnfollowed' });
          return;
        case 'stand-in':
          context.report({ node: site.node, messageId: 'rtmStartStandIn' });
          return;
        case 'library-start':
          if (site.library === 'botkit' && site.vendoredFrom !== undefined) context.report({ node: site.call.callee, messageId: 'rtmStartInVendoredBotkit', data: { module: site.vendoredFrom } });
          else if (site.library === 'slack-package' && site.fork !== undefined) context.report({ node: site.call.callee, messageId: 'rtmStartInSlackPackageFork', data: { module: site.fork } });
          else if (site.library === 'slackbots' && site.unfilledRead) context.report({ node: startedThrough(site), messageId: 'slackbotsListsUnfilled', data: { read: context.sourceCode.getText(site.unfilledRead), line: site.unfilledRead.loc.start.line } });
          else context.report({ node: startedThrough(site), messageId: libraryMessage(site) });
          return;
        case 'unfollowed-client':
          if (site.handedToBase) context.report({ node: site.call, messageId: 'legacyRtmClientToBase' });
          else if (site.unknownModule !== undefined) context.report({ node: site.call, messageId: 'legacyRtmClientOfUnknownModule', data: { module: site.unknownModule } });
          else if (site.moduleChosen !== undefined) context.report({ node: site.call, messageId: 'legacyRtmClientModuleChosen', data: { module: site.moduleChosen } });
          else if (site.received) {
            // The app's own class around the client, each of its instances given one made through the generated module.
            if (site.received.ownType !== undefined && baseClassPrepared(context.cwd, resolver, site.received.ownType)) return;
            context.report({ node: site.call, messageId: 'legacyRtmClientReceived', data: { receiver: site.received.receiver } });
          }
          else if (site.slackClientFrom === undefined) context.report({ node: site.call, messageId: 'legacyRtmClientUnfollowed' });
          else context.report({ node: site.call.callee, messageId: 'rtmStartInRequiredSlackClient', data: { module: site.slackClientFrom } });
          return;
        default:
          return;
      }
    };

    // A class that extends slackbots' is where its bots' login comes from, wherever they are made.
    const visitors: TSESLint.RuleListener = { CallExpression: check, AssignmentExpression: check, NewExpression: check, ClassDeclaration: check, ClassExpression: check, Literal: check, TemplateLiteral: check };
    // Tables of generated one-module-per-method wrappers (`{ start: require('./rtm.start') }`).
    // And a client made up for a test (`{ rtm: { start: jest.fn() } }`).
    if (REQUIRES_METHOD_MODULE.test(context.sourceCode.text) || MAKES_STAND_IN.test(context.sourceCode.text)) visitors.Property = check;
    return visitors;
  },
});
