import { unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeText, params, text, typescript, usesCallerName, type TransportResult } from './common.js';
import { otherProperties, propertyOf, readsOnlyBody, typeArgument, writtenObject, type RequestUrl } from './request-parts.js';

const ARGUMENT_OPTIONS = ['searchParams', 'form', 'json'] as const;

/** `got(…).json()` / `.json<T>()` right after the request: the call that gives the body. */
function jsonCall(request: TSESTree.CallExpression): TSESTree.CallExpression | undefined {
  const member = request.parent;
  const call = member.parent;
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== request || member.computed || member.property.type !== AST_NODE_TYPES.Identifier || member.property.name !== 'json') return undefined;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === member && call.arguments.length === 0 ? call : undefined;
}

/**
 * `got(url[, { …options… }])`, `got.get` / `got.post`: the arguments in `searchParams`, `form` or
 * `json` (an object written out), or in the URL's query, or none; the body read with `.json()` right
 * after, or as `res.body` alone with `responseType: 'json'`. Each method goes through the same got
 * call, its arguments where the original put them.
 */
export function gotTransport(parsed: ParsedFile, request: TSESTree.CallExpression, url: RequestUrl): TransportResult {
  const ts = typescript(parsed);
  const apiArgs = ts ? 'apiArgs as Record<string, string>' : 'apiArgs';
  const [, second, ...rest] = request.arguments;
  const options = second ? writtenObject(second) : undefined;
  if (rest.length > 0 || (second && !options)) return { why: 'the got options are not written out' };
  const given = ARGUMENT_OPTIONS.map((name) => options && propertyOf(parsed, options, name)).filter((p) => p !== undefined);
  const [carrier, ...more] = given;
  const object = carrier && !carrier.shorthand ? writtenObject(carrier.value) : undefined;
  if (more.length > 0 || (carrier && !object)) return { why: 'the got arguments are not one object written out (`searchParams`, `form` or `json`)' };
  if (object && url.query) return { why: 'the request sends arguments both in the URL and in its options' };
  const key = carrier ? text(parsed, carrier.key) : 'searchParams';
  const kept = otherProperties(parsed, options, ...ARGUMENT_OPTIONS);
  const call = `${calleeText(parsed, request.callee)}(${url.url('apiMethod')}, { ${[...kept, `${key}: ${apiArgs}`].join(', ')} })`;
  if (usesCallerName(url.url(''), ...kept)) return { why: 'the request uses a name the rewrite would shadow' };
  const args = object ? text(parsed, object) : url.query;
  const json = jsonCall(request);
  const body = ts ? 'Record<string, unknown>' : undefined;
  if (json) {
    const type = ts ? typeArgument(parsed, json) : undefined;
    const caller = `${params(parsed)} => ${call}.json${body ? `<${body}>` : ''}()`;
    return { call: { start: json.range[0], end: json.range[1], caller, args, ...(type ? { then: `.then((data) => data as ${type})` } : {}) } };
  }
  const responseType = options && propertyOf(parsed, options, 'responseType');
  const value = responseType && unwrap(responseType.value);
  if (value?.type !== AST_NODE_TYPES.Literal || value.value !== 'json') return { why: 'the got response is not read with `.json()` nor with `responseType: \'json\'`' };
  if (!readsOnlyBody(parsed, request, 'body', false)) return { why: 'the got response is read for more than its `body`' };
  const caller = `${params(parsed)} => ${call}.then((res) => res.body${body ? ` as ${body}` : ''})`;
  // The code reads `res.body`: a response whose body is the rebuilt data.
  return { call: { start: request.range[0], end: request.range[1], caller, args, then: '.then((body) => ({ body }))' } };
}
