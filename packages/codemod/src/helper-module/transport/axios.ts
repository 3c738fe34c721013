import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { params, text, typescript, usesCallerName, type TransportResult } from './common.js';
import { encodedArgs, otherProperties, propertyOf, readsOnlyBody, typeArgument, writtenObject, type RequestUrl } from './request-parts.js';

/**
 * `axios.get(url[, { params: { … }, …config }])` and `axios.post(url[, data[, config]])`, the data
 * `qs.stringify({ … })`, `querystring.stringify({ … })`, `new URLSearchParams({ … })` or an object
 * (JSON), the body read only as `res.data` (`{ data }`). Each method goes through the same axios
 * call, its arguments where the original put them, and comes back as a response whose `data` is the
 * rebuilt `rtm.start` data.
 */
export function axiosTransport(parsed: ParsedFile, request: TSESTree.CallExpression, verb: string, url: RequestUrl): TransportResult {
  const ts = typescript(parsed);
  const apiArgs = ts ? 'apiArgs as Record<string, string>' : 'apiArgs';
  const axios = request.callee.type === AST_NODE_TYPES.MemberExpression ? text(parsed, request.callee.object) : 'axios';
  const [, second, third, ...rest] = request.arguments;
  if (rest.length > 0) return { why: 'the axios call takes more arguments than a URL, data and a config' };
  let args: string | undefined;
  let call: string;
  if (verb === 'get') {
    if (third) return { why: '`axios.get` is given more than a URL and a config' };
    const config = second ? writtenObject(second) : undefined;
    if (second && !config) return { why: 'the axios config is not written out' };
    const given = config && propertyOf(parsed, config, 'params');
    const object = given && !given.shorthand ? writtenObject(given.value) : undefined;
    if (given && !object) return { why: 'the query `params` are not an object written out' };
    if (object && url.query) return { why: 'the request sends arguments both in the URL and in `params`' };
    args = object ? text(parsed, object) : url.query;
    call = `${axios}.get(${url.url('apiMethod')}, { ${[...otherProperties(parsed, config, 'params'), `params: ${apiArgs}`].join(', ')} })`;
  } else {
    const config = third ? writtenObject(third) : undefined;
    if (third && !config) return { why: 'the axios config is not written out' };
    if (config && propertyOf(parsed, config, 'params')) return { why: 'the request sends arguments in `params` as well as in its data' };
    const encoded = second ? encodedArgs(parsed, second) : undefined;
    const json = second && !encoded ? writtenObject(second) : undefined;
    if (second && !encoded && !json) return { why: "the request's data is not `qs.stringify({ … })`, `new URLSearchParams({ … })` or an object written out" };
    if (second && url.query) return { why: 'the request sends arguments both in the URL and in its data' };
    args = encoded?.args ?? (json ? text(parsed, json) : url.query);
    const data = encoded ? encoded.encode(apiArgs) : json ? 'apiArgs' : undefined;
    call = data
      ? `${axios}.post(${url.url('apiMethod')}, ${data}${third ? `, ${text(parsed, third)}` : ''})`
      : `${axios}.post(${url.url('apiMethod')} + '?' + new URLSearchParams(${apiArgs}))`;
  }
  if (!readsOnlyBody(parsed, request, 'data', false)) return { why: "the axios response is read for more than its `data`" };
  if (usesCallerName(url.url(''), ...request.arguments.slice(1).map((a) => text(parsed, a)))) return { why: 'the request uses a name the rewrite would shadow' };
  const type = ts ? typeArgument(parsed, request) : undefined;
  return {
    call: {
      start: request.range[0],
      end: request.range[1],
      caller: `${params(parsed)} => ${call}.then((res) => res.data)`,
      args,
      // The code reads `res.data`: a response whose data is the rebuilt data, typed as the code typed it
      // (axios's own default is `any`: the code's reads compile as they did).
      then: `.then((data) => ({ data${ts ? `: data as ${type ?? 'any'}` : ''} }))`,
    },
  };
}
