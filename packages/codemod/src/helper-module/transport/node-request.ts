import { descendants, propertyKeyName, unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeText, params, text, typescript, usesCallerName, type Node, type TransportResult } from './common.js';
import { READ_BODY, streamCallbackProblem, streamedThen, stringPromise } from './node-stream.js';
import { encodedArgs, formText, heldIn, wholeLines, writtenObject, type RequestUrl } from './request-parts.js';

interface Range {
  readonly start: number;
  readonly end: number;
}

/** A call on the request object: `on('error', h)`, `write(body)`, `end([body])`. */
interface Use {
  readonly method: string;
  readonly call: TSESTree.CallExpression;
}

/** `x.name(…)` with `x` the node: the call, or undefined. */
function calledOn(node: Node): { method: string; call: TSESTree.CallExpression } | undefined {
  const member = node.parent;
  const call = member?.parent;
  if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== node || member.computed || member.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === member ? { method: member.property.name, call } : undefined;
}

/**
 * How the request is sent, where that is plain: chained as a statement of its own
 * (`https.request(…).on('error', h).end(body)`), or held once (`const req = https.request(…)`) and
 * then only used by statements of the same block after it (`req.on('error', h); req.write(body);
 * req.end();`). `replaced` is what the rebuilt call takes the place of; `removals` the rest.
 */
function requestUses(parsed: ParsedFile, request: TSESTree.CallExpression): { uses: Use[]; replaced: Range; removals: Range[] } | string {
  const chain: Use[] = [];
  let node: Node = request;
  for (let used = calledOn(node); used && ['on', 'write', 'end'].includes(used.method); used = calledOn(node)) {
    chain.push(used);
    node = used.call;
  }
  if (chain.length > 0 || node.parent.type === AST_NODE_TYPES.ExpressionStatement) {
    if (node.parent.type !== AST_NODE_TYPES.ExpressionStatement) return "the request's return value is used besides sending it";
    return { uses: chain, replaced: { start: node.range[0], end: node.range[1] }, removals: [] };
  }
  const held = heldIn(parsed, request);
  const block = held?.declaration.parent;
  if (!held || (block?.type !== AST_NODE_TYPES.BlockStatement && block?.type !== AST_NODE_TYPES.Program)) return 'the request object is not held in a `const` of its own and only used after it';
  const uses: Use[] = [];
  const statements: Node[] = [];
  for (const id of held.uses) {
    const used = calledOn(id);
    const statement = used?.call.parent;
    if (!used || !['on', 'write', 'end'].includes(used.method) || statement?.type !== AST_NODE_TYPES.ExpressionStatement || statement.parent !== block || statement.range[0] < held.declaration.range[1]) {
      return 'the request object is used for more than `on(\'error\', …)`, `write(body)` and `end()` statements after it';
    }
    uses.push(used);
    statements.push(statement);
  }
  const removals = [{ start: held.declaration.range[0], end: request.range[0] }, ...statements.map((s) => wholeLines(parsed.text, s))];
  return { uses: uses.sort((a, b) => a.call.range[0] - b.call.range[0]), replaced: { start: request.range[0], end: request.range[1] }, removals };
}

/** The body sent, as the caller sends each method's arguments: `encode` of `apiArgs`, and the `rtm.start` arguments. */
interface Body {
  readonly args: string;
  readonly encode: (apiArgs: string) => string;
  /** A body held in a name the options use too (`'Content-Length': Buffer.byteLength(form)`): the caller binds the same name. */
  readonly held?: { readonly name: string; readonly removal: Range };
}

/** `qs.stringify({ … })`, `querystring.stringify({ … })`, `new URLSearchParams({ … }).toString()`, or form text. */
function encodedBody(parsed: ParsedFile, node: Node): Omit<Body, 'held'> | undefined {
  const bare = unwrap(node);
  const used = bare.type === AST_NODE_TYPES.CallExpression && bare.arguments.length === 0 ? calledOnCallee(bare) : undefined;
  const made = used === 'toString' && bare.type === AST_NODE_TYPES.CallExpression && bare.callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(bare.callee.object) : undefined;
  const encoded = made?.type === AST_NODE_TYPES.NewExpression ? encodedArgs(parsed, made) : bare.type === AST_NODE_TYPES.CallExpression ? encodedArgs(parsed, bare) : undefined;
  if (encoded) return { args: encoded.args, encode: (apiArgs) => `${encoded.encode(apiArgs)}${made ? '.toString()' : ''}` };
  const form = formText(parsed, bare);
  return form ? { args: form, encode: (apiArgs) => `new URLSearchParams(${apiArgs}).toString()` } : undefined;
}

function calledOnCallee(call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : undefined;
}

/** The body, written where it is sent or held in a name used only by the request (its options and the send). */
function bodyOf(parsed: ParsedFile, node: Node, request: TSESTree.CallExpression): Body | undefined {
  const bare = unwrap(node);
  if (bare.type !== AST_NODE_TYPES.Identifier) return encodedBody(parsed, bare);
  const def = variableOf(parsed.resolver, bare)?.defs[0];
  const init = def?.node.type === AST_NODE_TYPES.VariableDeclarator ? def.node.init : undefined;
  const held = init ? heldIn(parsed, init) : undefined;
  const encoded = init ? encodedBody(parsed, init) : undefined;
  const inRequest = (id: Node): boolean => id.range[0] >= request.range[0] && id.range[1] <= request.range[1];
  if (!held || !encoded || !held.uses.every((id) => id === bare || inRequest(id))) return undefined;
  return { ...encoded, held: { name: bare.name, removal: wholeLines(parsed.text, held.declaration) } };
}

/** A `Content-Length` header in the options: its value, which must follow the body's own name. */
function contentLength(parsed: ParsedFile, options: Node | undefined): TSESTree.Property | undefined {
  if (!options) return undefined;
  for (const node of descendants(parsed.resolver, options)) {
    if (node.type === AST_NODE_TYPES.Property && /^content-length$/i.test(propertyKeyName(parsed.resolver, node) ?? '')) return node;
  }
  return undefined;
}

/**
 * `https.request(url[, options], (res) => …)` or `https.request({ hostname, path, …options }, (res) =>
 * …)` (and `http.request`, and `get` given options with a `path`), the body written by `write(body)` /
 * `end(body)` as form text or `querystring.stringify({ … })` (held in a name or written there), or
 * none (the arguments in the query), an `on('error', handler)` or none: each method is asked with
 * the same request, options and headers (a `Content-Length` computed from the body's name is computed
 * again from each method's body), its arguments where the original put them; the callback gets a
 * stream of the rebuilt data, as `https.get`'s does.
 */
export function nodeRequestTransport(parsed: ParsedFile, request: TSESTree.CallExpression, url: RequestUrl): TransportResult {
  const args = request.arguments;
  const callback = args.at(-1);
  const [first, second, ...rest] = args.slice(0, -1);
  const pathOptions = first && unwrap(first) !== url.node ? writtenObject(first) : undefined;
  const pathProperty = pathOptions?.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && p.value === url.node && propertyKeyName(parsed.resolver, p) === 'path');
  const options = pathOptions ?? (second ? writtenObject(second) : undefined);
  if (!callback || !first || rest.length > 0 || (pathOptions ? !pathProperty || second : second && !options)) {
    return { why: 'the request is not `request(url[, { …options }], (res) => …)` nor `request({ …options, path }, (res) => …)`' };
  }
  const problem = streamCallbackProblem(parsed, callback);
  if (problem) return { why: problem };
  const sent = requestUses(parsed, request);
  if (typeof sent === 'string') return { why: sent };
  const ends = sent.uses.filter((u) => u.method === 'end');
  const writes = sent.uses.filter((u) => u.method === 'write');
  const errors = sent.uses.filter((u) => u.method === 'on');
  const [end] = ends;
  if (!end || ends.length > 1 || sent.uses.at(-1) !== end || writes.length > 1 || errors.length > 1) return { why: 'the request is not sent once, with `end()` last (one `write(body)` before it at most)' };
  const [event, handler, ...more] = errors[0]?.call.arguments ?? [];
  if (errors[0] && (event?.type !== AST_NODE_TYPES.Literal || event.value !== 'error' || !handler || more.length > 0)) return { why: "the request is listened to for more than its `'error'`" };
  if (handler && /\bdata\b/.test(text(parsed, handler))) return { why: 'the error handler uses a name the rewrite would shadow' };
  const pieces = [...writes, end].flatMap((u) => u.call.arguments);
  if (end.call.arguments.length > 1 || writes.some((w) => w.call.arguments.length !== 1) || pieces.length > 1) return { why: 'the body is sent in more than one piece, or with an encoding or a callback' };
  const [bodyNode] = pieces;
  const body = bodyNode ? bodyOf(parsed, bodyNode, request) : undefined;
  if (bodyNode && !body) return { why: 'the body is not form text or `querystring.stringify({ … })` written out, nor held in a name only the request uses' };
  if (body && url.query) return { why: 'the request sends arguments both in the URL and in its body' };
  const length = contentLength(parsed, options);
  if (length && !(body?.held && new RegExp(`\\b${body.held.name}\\b`).test(text(parsed, length.value)))) return { why: 'the request sends a `Content-Length` that is not computed from the body it sends' };
  const apiArgs = typescript(parsed) ? 'apiArgs as Record<string, string>' : 'apiArgs';
  // Arguments go where the original put them: in the body, or in the query when it sent none.
  const to = `${url.url('apiMethod')}${body ? '' : ` + '?' + new URLSearchParams(${apiArgs})`}`;
  const given = pathOptions
    ? [`{ ${pathOptions.properties.map((p) => (p === pathProperty ? `${text(parsed, p.key)}: ${to}` : text(parsed, p))).join(', ')} }`]
    : [to, ...(second ? [text(parsed, second)] : [])];
  const kept = pathOptions ? pathOptions.properties.filter((p) => p !== pathProperty).map((p) => text(parsed, p)) : second ? [text(parsed, second)] : [];
  if (usesCallerName(url.url(''), ...kept, body?.held?.name ?? '')) return { why: 'the request uses a name the rewrite would shadow' };
  const bodyText = body ? (body.held ? body.held.name : body.encode(apiArgs)) : '';
  const send = `${stringPromise(parsed)}((resolve, reject) => ${calleeText(parsed, request.callee)}(${[...given, READ_BODY].join(', ')}).on('error', reject).end(${bodyText})).then((body) => JSON.parse(body))`;
  const caller = body?.held ? `${params(parsed)} => { const ${body.held.name} = ${body.encode(apiArgs)}; return ${send}; }` : `${params(parsed)} => ${send}`;
  return {
    call: {
      start: sent.replaced.start,
      end: sent.replaced.end,
      caller,
      args: body?.args ?? url.query,
      removals: [...sent.removals, ...(body?.held ? [body.held.removal] : [])],
      ...streamedThen(parsed, callback, handler),
    },
  };
}
