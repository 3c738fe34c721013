import { unwrap, variableOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { usesOwnThis } from './callback-this.js';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { isFunction, text, typescript, type Node } from './common.js';

/**
 * What `https.get` and `https.request` share: a response callback that only listens to the stream,
 * called with a stream of the rebuilt data instead, and the caller's reading of each method's body.
 */

/** The response stream is only listened to: `res.on(event, fn)`, `res.setEncoding(enc)`. */
function onlyListened(parsed: ParsedFile, param: Node | undefined): boolean {
  if (param?.type !== AST_NODE_TYPES.Identifier) return false;
  const references = variableOf(parsed.resolver, param)?.references ?? [];
  return references.every((r) => {
    const member = r.identifier.parent;
    const call = member.parent;
    return (
      member.type === AST_NODE_TYPES.MemberExpression && member.object === r.identifier && !member.computed && member.property.type === AST_NODE_TYPES.Identifier &&
      ['on', 'once', 'setEncoding'].includes(member.property.name) && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member
    );
  });
}

/**
 * A `(res) => …` written out that only listens to the response and can be called later with another
 * stream: why not, or undefined. In TypeScript the callback, called at once with a `Readable`, takes
 * its parameter's type from it: every member it may use (`on`, `once`, `setEncoding`) has there the
 * same listener types as on `IncomingMessage`.
 */
export function streamCallbackProblem(parsed: ParsedFile, callback: Node): string | undefined {
  const fn = unwrap(callback);
  if (!isFunction(fn)) return 'the response callback is not written out';
  if (fn.params.length !== 1 || !onlyListened(parsed, fn.params[0])) return 'the response is used for more than listening to its data';
  const param = fn.params[0];
  if (param?.type === AST_NODE_TYPES.Identifier && param.typeAnnotation) return "the response callback's parameter has a type written out";
  if (fn.type === AST_NODE_TYPES.FunctionExpression && usesOwnThis(parsed, fn)) return 'the callback uses `this`';
  const scope = parsed.resolver.getScope(fn.body);
  if (scope.block !== fn || scope.through.some((r) => r.identifier.name === 'data')) return 'the callback uses a name the rewrite would shadow';
  if (/\bReadable\b/.test(parsed.text)) return 'the file already uses the name `Readable`';
  return undefined;
}

/** The response callback of the caller: the body read as text, resolved once the stream ends. */
export const READ_BODY = "(res) => { let body = ''; res.setEncoding('utf8'); res.on('data', (chunk) => (body += chunk)); res.on('end', () => resolve(body)); }";

/** `new Promise<string>(…)` in TypeScript, so that the body parses as JSON. */
export function stringPromise(parsed: ParsedFile): string {
  return typescript(parsed) ? 'new Promise<string>' : 'new Promise';
}

/** The data handed to the callback as a stream of JSON in a Buffer (chunks as a response gives them), and to the error handler its error. */
export function streamedThen(parsed: ParsedFile, callback: Node, handler: Node | undefined): { then: string; imports: { module: string; name: string }[] } {
  return {
    then: `.then((data) => (${text(parsed, callback)})(Readable.from([Buffer.from(JSON.stringify(data))]))${handler ? `, ${text(parsed, handler)}` : ''})`,
    imports: [{ module: 'stream', name: 'Readable' }],
  };
}
