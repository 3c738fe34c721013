import { ESCAPED_ITEMS_TEMPLATE, ESCAPED_OBJECT_TEMPLATE, escapedItemsData, escapedObjectData, LEGACY_DATA_STORE_MESSAGE, START_LISTENER_TEMPLATE, START_ONLY_FIELD_TEMPLATE, startListenerData, startOnlyFieldReplacement } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  classifyNode,
  fileStores,
  followResponse,
  givesConnectData,
  isReportableRead,
  isSignificantEscape,
  memberName,
  propertyKeyName,
  readsFilledStore,
  siteNode,
  slackClientReads,
  typeDeclaredIn,
  typeIs,
  type Escape,
  type FieldRead,
  type FileStores,
  type Flow,
  type RtmSite,
  type StartListenerSite,
} from '@rtm-migrate/analysis';

import { createRule } from '../util/create-rule.js';
import { mentionsRtm } from '../util/prefilter.js';
import { isCoveredUse, resolverFor } from '../util/resolver.js';

export type MessageIds = 'startOnlyField' | 'legacyDataStore' | 'escapedItems' | 'escapedObject' | 'startListener';
export type Options = [];


/** Type names of Slack's response types whose values are (possibly) connect-shaped. */
const RESPONSE_TYPES = ['RtmStartResponse', 'RtmConnectResponse'];
/** Where `@slack/web-api` declares them (the alias name is lost through `Awaited<ReturnType<…>>`). */
const RESPONSE_FILES = /[\\/]Rtm(?:Start|Connect)Response\.d\.ts$/;

/** The data of a `startOnlyField` report: the field read and where it comes from now (core's facts). */
export function startOnlyFieldData(path: string): { field: string; replacement: string } {
  return { field: path, replacement: startOnlyFieldReplacement(path) };
}

export default createRule<Options, MessageIds>({
  name: 'no-rtm-start-only-fields',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow reading fields that `rtm.connect` does not return off an `rtm.start` or `rtm.connect` response',
      recommended: true,
    },
    schema: [],
    messages: { startOnlyField: START_ONLY_FIELD_TEMPLATE, legacyDataStore: LEGACY_DATA_STORE_MESSAGE, escapedItems: ESCAPED_ITEMS_TEMPLATE, escapedObject: ESCAPED_OBJECT_TEMPLATE, startListener: START_LISTENER_TEMPLATE },
    defaultOptions: [],
  },
  create(context) {
    const resolver = resolverFor(context);
    const services = resolver.types;
    const syntactic = mentionsRtm(context);
    if (!syntactic && !services) return {};
    const reported = new Set<TSESTree.Node>();

    // A node may read several lists (`dataStore.getChannelGroupOrDMById(id)` looks in three): one report each.
    const readsReported = new Map<TSESTree.Node, Set<string>>();
    const reportRead = (read: FieldRead): void => {
      const paths = readsReported.get(read.node) ?? new Set<string>();
      if (!isReportableRead(read.path) || paths.has(read.path) || (paths.size === 0 && reported.has(read.node))) return;
      reported.add(read.node);
      readsReported.set(read.node, paths.add(read.path));
      context.report({ node: read.node, messageId: 'startOnlyField', data: startOnlyFieldData(read.path) });
    };

    /**
     * A list handed to code the analysis cannot follow, whose items carried attributes only `rtm.start`
     * gave (`ims[].is_open`, `bots[].icons`), or `self` / `team` with attributes only it gave
     * (`self.prefs`, `team.plan`), not `rtm.connect`'s, which never had them: no read of them is seen,
     * so the hand-over is reported.
     */
    const reportEscape = (escape: Escape, site: RtmSite): void => {
      if ((escape.file !== undefined && escape.file !== resolver.file) || reported.has(escape.node)) return;
      const items = escapedItemsData([escape.path]);
      const objects = escape.path === '' || givesConnectData(site) ? undefined : escapedObjectData([escape.path]);
      if (items) context.report({ node: escape.node, messageId: 'escapedItems', data: items });
      else if (objects) context.report({ node: escape.node, messageId: 'escapedObject', data: objects });
      else return;
      reported.add(escape.node);
    };

    /** With types: a read off any expression typed as Slack's rtm response, wherever it came from. */
    const checkTyped = (object: TSESTree.Node, name: string | undefined, node: TSESTree.Node): void => {
      if (!services || name === undefined || !isReportableRead(name)) return;
      if (typeIs(services, object, RESPONSE_TYPES) || typeDeclaredIn(services, object, RESPONSE_FILES)) reportRead({ path: name, node, file: undefined });
    };

    /**
     * A listener of the `'rtm.start'` event reads the answer of a request made elsewhere: reported at the
     * listener where it reads start-only fields or hands data on. One that reads only what `rtm.connect`
     * returns too (`url`, `self.id`) is left alone: its data survive a migration to `rtm.connect`, and a
     * migration that rebuilds the answer through the publishing object names it (the codemod's report).
     */
    const reportListener = (site: StartListenerSite, flow: Flow): void => {
      const startOnly = [...new Set(flow.reads.map((r) => r.path).filter(isReportableRead))];
      const handedOn = flow.escapes.filter(isSignificantEscape).map((e) => e.path);
      if (startOnly.length > 0 || handedOn.length > 0) context.report({ node: site.call.callee, messageId: 'startListener', data: startListenerData(startOnly, handedOn) });
    };

    let stores: FileStores | undefined;
    /** A legacy client's data that the generated helper module fills (code `rtm-migrate apply` wrote): nothing to report. */
    const filled = (site: RtmSite): boolean => {
      if (site.kind !== 'data-store' && site.kind !== 'client-authenticated') return false;
      stores ??= fileStores(resolver, context.sourceCode.ast, context.sourceCode.text);
      return readsFilledStore(context.cwd, stores, site, resolver);
    };

    const visitors: TSESLint.RuleListener = {};
    if (syntactic) {
      const check = (node: TSESTree.Node): void => {
        const site = classifyNode(resolver, node);
        if (!site || filled(site) || isCoveredUse(context, site)) return;
        if (site.kind === 'data-store' && site.construction) context.report({ node: siteNode(site), messageId: 'legacyDataStore' });
        const flow = followResponse(resolver, site);
        if (site.kind === 'start-listener') reportListener(site, flow);
        flow.reads.forEach(reportRead);
        // A slack-client 1.x client's items read through its maps and look-ups: the reads the codemod asks for or leaves a TODO for.
        if (site.kind === 'library-start' && site.library === 'slack-client') for (const read of slackClientReads(resolver, site.call)) reportRead({ path: read.path, node: read.node, file: undefined });
        flow.escapes.forEach((escape) => reportEscape(escape, site));
      };
      visitors.CallExpression = check;
      visitors['MemberExpression[property.name=/^(dataStore|get)/]'] = check;
      visitors['FunctionExpression, FunctionDeclaration'] = check;
      visitors.Literal = check; // raw HTTP requests to the method: their responses
      visitors.TemplateLiteral = check;
    }
    if (services) {
      visitors.MemberExpression = (member) => checkTyped(member.object, memberName(resolver, member), member.property);
      visitors.ObjectPattern = (pattern) => {
        for (const property of pattern.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          checkTyped(pattern, propertyKeyName(resolver, property), property.key);
        }
      };
    }
    return visitors;
  },
});
