import { propertyKeyName, unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeText, params, typescript, type TransportResult } from './common.js';
import { usedAsPromise } from './helper.js';
import { requestOptions } from './request-library.js';
import type { RequestUrl } from './request-parts.js';

/** The rebuilt data handed on as the body text request-promise resolved without `json: true`. */
export const AS_BODY_TEXT = '.then((data) => JSON.stringify(data))';

/** Options that change what request-promise resolves: the whole response, or whatever a transform makes. */
const RESOLVES_OTHERWISE = new Set(['resolveWithFullResponse', 'transform']);

/**
 * request-promise without a callback, `rp[.get|.post](url | { uri, qs | form, json, …options }[,
 * options])`, resolving the body (text, or parsed with `json: true`): each method goes through the
 * same call, its arguments where the original put them; the request's promise becomes the helper's,
 * resolving the rebuilt data as the same body (as text where the original had text). request-promise
 * and request-promise-any resolve a Bluebird promise: a native one takes its place only where it is
 * awaited or chained with `.then` / `.catch` / `.finally` alone.
 */
export function requestPromiseTransport(parsed: ParsedFile, request: TSESTree.CallExpression, url: RequestUrl, module: string): TransportResult {
  if (typescript(parsed)) return { why: `the \`${module}\` call is in TypeScript, where the type of what it resolves is not known here` };
  const args = request.arguments;
  for (const argument of args) {
    const bare = unwrap(argument);
    if (bare.type !== AST_NODE_TYPES.ObjectExpression) continue;
    const other = bare.properties.find((p) => p.type === AST_NODE_TYPES.Property && RESOLVES_OTHERWISE.has(propertyKeyName(parsed.resolver, p) ?? ''));
    if (other) return { why: `the \`${module}\` call resolves something other than the body (\`${propertyKeyName(parsed.resolver, other as TSESTree.Property) ?? ''}\`)` };
  }
  const options = requestOptions(parsed, args, url);
  if ('why' in options) return options;
  if (module !== 'request-promise-native') {
    const handed = usedAsPromise(request);
    if (handed) return { why: handed.replace("the helper's promise", `\`${module}\`'s Bluebird promise`).replace("the helper's own", 'its own') };
  }
  const send = `${calleeText(parsed, request.callee)}(${options.given})`;
  return {
    call: {
      start: request.range[0],
      end: request.range[1],
      caller: `${params(parsed)} => ${send}${options.parsedBody ? '' : '.then((body) => JSON.parse(body))'}`,
      args: options.args,
      ...(options.parsedBody ? {} : { then: AS_BODY_TEXT }),
    },
  };
}
