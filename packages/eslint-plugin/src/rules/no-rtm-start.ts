import { FIX_MESSAGES, isStartOnlyField, MESSAGES, METHODS } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { unwrap } from '../util/ast.js';
import { createRule } from '../util/create-rule.js';
import { isObjectLiteral, propertyRemovalRange, removeProperties } from '../util/fix.js';
import { followFrom, followParameter, PROMISED_RESPONSE, RESPONSE, type Flow } from '../util/flow.js';
import { scanOptions } from '../util/options.js';
import { clientKindOfConstructor } from '../util/origin.js';
import { mentionsRtm } from '../util/prefilter.js';
import { classifyCall, useRtmConnectFalse, type MethodSite } from '../util/sites.js';
import { rtmMethodOfUrl, type StringNode } from '../util/url.js';

export type MessageIds =
  | 'rtmStart'
  | 'rtmStartFixable'
  | 'rtmStartUrl'
  | 'rtmClientUsesStart'
  | 'legacyRtmClient'
  | 'useRtmConnect'
  | 'useRtmConnectUrl'
  | 'dropUseRtmConnectFalse';

export type Options = [];

type Context = Readonly<TSESLint.RuleContext<MessageIds, Options>>;

/** The response of a method call, followed: through its callback, or as the promise the call returns. */
export function followMethodResponse(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, site: MethodSite): Flow {
  if (site.callback) return followParameter(context, site.callback, 1, RESPONSE);
  return followFrom(context, site.call, PROMISED_RESPONSE);
}

/** Provably safe to switch: every field read is on `rtm.connect`, nothing escapes, every argument is known. */
function isProvablySafe(context: Context, site: MethodSite): boolean {
  const options = site.options ? unwrap(site.options) : undefined;
  if (options && !isObjectLiteral(options)) return false;
  if (!scanOptions(context, options).complete) return false;
  const flow = followMethodResponse(context, site);
  return !flow.escaped && flow.reads.every((r) => !isStartOnlyField(r.path));
}

/** `start` → `connect` where the method is named, plus removal of the arguments `rtm.connect` refuses. */
function switchToConnect(context: Context, site: MethodSite): TSESLint.ReportFixFunction | null {
  const renamed = renameMethod(context, site.methodNode);
  if (!renamed) return null;
  const options = site.options ? unwrap(site.options) : undefined;
  const unsupported = scanOptions(context, options).unsupported;
  if (unsupported.some((u) => u.object === undefined || u.object !== options)) return null;
  return (fixer) => {
    const fixes = [renamed(fixer)];
    if (isObjectLiteral(options)) fixes.push(...removeProperties(context.sourceCode, fixer, options, unsupported.map((u) => u.node)));
    return fixes;
  };
}

function renameMethod(context: Context, node: TSESTree.Node): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | undefined {
  const computed = node.parent?.type === AST_NODE_TYPES.MemberExpression && node.parent.computed;
  if (node.type === AST_NODE_TYPES.Identifier && node.name === 'start' && !computed) return (fixer) => fixer.replaceText(node, 'connect');
  const isStringNode =
    (node.type === AST_NODE_TYPES.Literal && typeof node.value === 'string') ||
    (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0);
  if (!isStringNode) return undefined;
  const text = context.sourceCode.getText(node);
  const replaced = text.includes(METHODS.rtmStart)
    ? text.replace(METHODS.rtmStart, METHODS.rtmConnect)
    : text.replace(/(['"`])start\1/, `$1connect$1`);
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
      rtmStartUrl: MESSAGES.rtmStartUrl,
      rtmClientUsesStart: MESSAGES.rtmClientUsesStart,
      legacyRtmClient: MESSAGES.legacyRtmClient,
      useRtmConnect: FIX_MESSAGES.useRtmConnect,
      useRtmConnectUrl: FIX_MESSAGES.useRtmConnectUrl,
      dropUseRtmConnectFalse: FIX_MESSAGES.dropUseRtmConnectFalse,
    },
    defaultOptions: [],
  },
  create(context) {
    if (!mentionsRtm(context)) return {};

    const reportMethod = (site: MethodSite): void => {
      const fix = switchToConnect(context, site);
      const node = site.form === 'name' ? site.methodNode : site.call.callee;
      if (fix && isProvablySafe(context, site)) {
        context.report({ node, messageId: 'rtmStartFixable', fix });
        return;
      }
      context.report({ node, messageId: 'rtmStart', suggest: fix ? [{ messageId: 'useRtmConnect', fix }] : [] });
    };

    const checkUrl = (node: StringNode): void => {
      if (rtmMethodOfUrl(node) !== METHODS.rtmStart) return;
      const text = context.sourceCode.getText(node);
      const fixed = text.replace(METHODS.rtmStart, METHODS.rtmConnect);
      context.report({
        node,
        messageId: 'rtmStartUrl',
        suggest: fixed === text ? [] : [{ messageId: 'useRtmConnectUrl', fix: (fixer) => fixer.replaceText(node, fixed) }],
      });
    };

    return {
      CallExpression(call) {
        const site = classifyCall(context, call);
        if (!site) return;
        if (site.kind === 'method') {
          if (site.method === METHODS.rtmStart) reportMethod(site);
          return;
        }
        if (site.kind === 'client-start' && site.client === 'legacy-rtm-client') {
          context.report({ node: call, messageId: 'legacyRtmClient' });
        }
      },
      NewExpression(node) {
        if (clientKindOfConstructor(context, node.callee) !== 'rtm-client') return;
        const property = useRtmConnectFalse(context, node);
        if (!property) return;
        const options = node.arguments[1];
        const inline = options !== undefined && unwrap(options) === property.parent;
        context.report({
          node: property,
          messageId: 'rtmClientUsesStart',
          suggest: inline
            ? [{ messageId: 'dropUseRtmConnectFalse', fix: (fixer) => fixer.removeRange(propertyRemovalRange(context.sourceCode, property)) }]
            : [],
        });
      },
      Literal(node) {
        if (typeof node.value === 'string') checkUrl(node);
      },
      TemplateLiteral(node) {
        checkUrl(node);
      },
    };
  },
});
