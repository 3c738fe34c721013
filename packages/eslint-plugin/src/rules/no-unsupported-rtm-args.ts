import { isRtmStartOnlyArg, METHODS, RTM_START_ONLY_ARGS, unsupportedArgMessage, type RtmStartOnlyArg } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

import {
  classifyNode,
  queryParameterNames,
  scanHolder,
  scanOptions,
  scanPassedTo,
  scanRequestArguments,
  templateText,
  urlUseOf,
  type Resolver,
  type RtmMethod,
  type StringNode,
  type UnsupportedArg,
} from '@rtm-migrate/analysis';

import { createRule } from '../util/create-rule.js';
import { propertyRemovalRange } from '../util/fix.js';
import { mentionsRtm } from '../util/prefilter.js';
import { isCoveredUse, resolverFor } from '../util/resolver.js';

export type MessageIds = RtmStartOnlyArg;
export type Options = [];

type Context = Readonly<TSESLint.RuleContext<MessageIds, Options>>;

const messages = Object.fromEntries(
  (Object.keys(RTM_START_ONLY_ARGS) as RtmStartOnlyArg[]).map((name) => [name, unsupportedArgMessage(name)]),
) as Record<RtmStartOnlyArg, string>;

/** Report each argument; on `rtm.connect` (which refuses them) remove a literal property. */
function report(context: Context, method: RtmMethod, found: readonly UnsupportedArg[]): void {
  for (const arg of found) {
    const removable = method === METHODS.rtmConnect && arg.object !== undefined && arg.node.type === AST_NODE_TYPES.Property;
    context.report({
      node: arg.node,
      messageId: arg.name,
      fix: removable ? (fixer) => fixer.removeRange(propertyRemovalRange(context.sourceCode, arg.node)) : null,
    });
  }
}

function checkUrl(context: Context, resolver: Resolver, node: StringNode, method: RtmMethod): void {
  const text = node.type === AST_NODE_TYPES.Literal ? node.value : templateText(node);
  const names = queryParameterNames(text.includes('?') ? text : '').filter(isRtmStartOnlyArg);
  for (const name of new Set(names)) context.report({ node, messageId: name });
  const { request, holder } = urlUseOf(node);
  const found: UnsupportedArg[] = [];
  if (request) {
    const others = request.arguments.filter((a) => a.range[1] <= node.range[0] || a.range[0] >= node.range[1]);
    found.push(...scanRequestArguments(resolver, others));
  }
  if (holder) found.push(...scanHolder(resolver, holder, 1), ...scanPassedTo(resolver, holder));
  report(context, method, unique(found));
}

function unique(found: readonly UnsupportedArg[]): UnsupportedArg[] {
  const seen = new Set<string>();
  return found.filter((f) => {
    const key = `${f.name}@${f.node.range[0]}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export default createRule<Options, MessageIds>({
  name: 'no-unsupported-rtm-args',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow arguments of `rtm.start` that `rtm.connect` does not accept',
      recommended: true,
    },
    fixable: 'code',
    schema: [],
    messages,
    defaultOptions: [],
  },
  create(context) {
    if (!mentionsRtm(context)) return {};
    const resolver = resolverFor(context);
    const check = (node: TSESTree.Node): void => {
      const site = classifyNode(resolver, node);
      if (site && isCoveredUse(context, site)) return;
      switch (site?.kind) {
        case 'method':
          { report(context, site.method, scanOptions(resolver, site.options).unsupported); return; }
        case 'client-start':
          { report(context, site.usesStart ? METHODS.rtmStart : METHODS.rtmConnect, scanOptions(resolver, site.options).unsupported); return; }
        case 'url':
          { checkUrl(context, resolver, site.node, site.method); return; }
        default:
          return;
      }
    };
    return { CallExpression: check, Literal: check, TemplateLiteral: check };
  },
});
