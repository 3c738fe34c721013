import { originOf, resolveConst, unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { axiosTransport } from './axios.js';
import type { Node, TransportResult } from './common.js';
import { propertyOf, writtenObject } from './request-parts.js';

/**
 * `const slack = axios.create({ baseURL: …, …config })` then `slack.post('rtm.start', …)` /
 * `slack.get('rtm.start', …)`: the method name is a URL relative to the instance's `baseURL`, so
 * each method goes to the same instance (its base, headers, interceptors) by its own name; the rest
 * is axios's own call (see axios.ts). Undefined when the call is not on such an instance, so that
 * the app's own helpers are looked at instead.
 */
export function axiosInstanceTransport(parsed: ParsedFile, call: Node): TransportResult | undefined {
  if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const verb = callee.property.name;
  const made = unwrap(resolveConst(parsed.resolver, callee.object));
  const factory = made.type === AST_NODE_TYPES.CallExpression ? unwrap(made.callee) : undefined;
  const create = factory?.type === AST_NODE_TYPES.MemberExpression && !factory.computed && factory.property.type === AST_NODE_TYPES.Identifier && factory.property.name === 'create';
  if (!create || made.type !== AST_NODE_TYPES.CallExpression || originOf(parsed.resolver, factory.object)?.module !== 'axios') return undefined;
  if (verb !== 'get' && verb !== 'post') return { why: `the axios instance is called with \`${verb}\` (only \`get\` and \`post\` are rebuilt)` };
  const config = writtenObject(made.arguments[0]);
  if (!config || made.arguments.length > 1 || !propertyOf(parsed, config, 'baseURL')) return { why: 'the axios instance is not made with a `baseURL` written out (the method name is a URL relative to it)' };
  const name = unwrap(call.arguments[0] ?? call);
  const relative = name.type === AST_NODE_TYPES.Literal ? name.value : undefined;
  if (relative !== 'rtm.start' && relative !== '/rtm.start') return { why: "the method name is not the instance's URL `'rtm.start'` written out" };
  const slash = relative.startsWith('/') ? "'/' + " : '';
  return axiosTransport(parsed, call, verb, { node: name, url: (method) => `${slash}${method}`, query: undefined });
}
