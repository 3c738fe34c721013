import { LEGACY_DATA_STORE_MESSAGE, START_ONLY_FIELD_TEMPLATE, startOnlyFieldReplacement } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { memberName, propertyKeyName } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { followFrom, followParameter, isReportableRead, PROMISED_RESPONSE, RESPONSE, type FieldRead, type Flow } from '../util/flow.js';
import { clientKindOfConstructor, constructionOf } from '../util/origin.js';
import { mentionsRtm } from '../util/prefilter.js';
import { classifyCall, type RtmSite } from '../util/sites.js';
import { typeDeclaredIn, typeIs, typeServices } from '../util/types.js';
import { followMethodResponse } from './no-rtm-start.js';

export type MessageIds = 'startOnlyField' | 'legacyDataStore';
export type Options = [];

type Context = Readonly<TSESLint.RuleContext<MessageIds, Options>>;

/** Type names of Slack's response types whose values are (possibly) connect-shaped. */
const RESPONSE_TYPES = ['RtmStartResponse', 'RtmConnectResponse'];
/** Where `@slack/web-api` declares them (the alias name is lost through `Awaited<ReturnType<…>>`). */
const RESPONSE_FILES = /[\\/]Rtm(?:Start|Connect)Response\.d\.ts$/;

/** The data of a `startOnlyField` report: the field read and where it comes from now (core's facts). */
export function startOnlyFieldData(path: string): { field: string; replacement: string } {
  return { field: path, replacement: startOnlyFieldReplacement(path) };
}

function flowOfSite(context: Context, site: RtmSite): Flow | undefined {
  if (site.kind === 'method') return followMethodResponse(context, site);
  if (site.kind === 'client-start') return site.client === 'rtm-client' ? followFrom(context, site.call, PROMISED_RESPONSE) : undefined;
  return site.handler ? followParameter(context, site.handler, 0, RESPONSE) : undefined;
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
    messages: { startOnlyField: START_ONLY_FIELD_TEMPLATE, legacyDataStore: LEGACY_DATA_STORE_MESSAGE },
    defaultOptions: [],
  },
  create(context) {
    const services = typeServices(context);
    const syntactic = mentionsRtm(context);
    if (!syntactic && !services) return {};
    const reported = new Set<TSESTree.Node>();

    const reportRead = (read: FieldRead): void => {
      if (!isReportableRead(read.path) || reported.has(read.node)) return;
      reported.add(read.node);
      context.report({ node: read.node, messageId: 'startOnlyField', data: startOnlyFieldData(read.path) });
    };

    /** With types: a read off any expression typed as Slack's rtm response, wherever it came from. */
    const checkTyped = (object: TSESTree.Node, name: string | undefined, node: TSESTree.Node): void => {
      if (!services || name === undefined || !isReportableRead(name)) return;
      if (typeIs(services, object, RESPONSE_TYPES) || typeDeclaredIn(services, object, RESPONSE_FILES)) reportRead({ path: name, node });
    };

    const visitors: TSESLint.RuleListener = {};
    if (syntactic) {
      visitors.CallExpression = (call) => {
        const site = classifyCall(context, call);
        if (!site) return;
        flowOfSite(context, site)?.reads.forEach(reportRead);
      };
      visitors['MemberExpression[property.name="dataStore"]'] = (member: TSESTree.MemberExpression) => {
        const construction = constructionOf(context, member.object);
        if (construction && clientKindOfConstructor(context, construction.callee) === 'legacy-rtm-client') {
          context.report({ node: member.property, messageId: 'legacyDataStore' });
        }
      };
    }
    if (services) {
      visitors.MemberExpression = (member) => checkTyped(member.object, memberName(context, member), member.property);
      visitors.ObjectPattern = (pattern) => {
        for (const property of pattern.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          checkTyped(pattern, propertyKeyName(context, property), property.key);
        }
      };
    }
    return visitors;
  },
});
