import { Node } from 'ts-morph';
import type { PlanSite } from '../plan.js';
import type { FoundSite } from '../scan/sites.js';

/**
 * True when a site the inline rewrite leaves to a human can call the generated helper module instead:
 * a WebClient call (`client.rtm.start(args)`, `.call` / `.apply`, `apiCall('rtm.start', args)`, or an
 * `rtm.connect` call whose response is read for start-only fields) becomes `rtmStartData(client, args)`,
 * an expression of the same type wherever it stands; a legacy v3 `RtmClient#start()` becomes
 * `startRtmClient(rtm, args)` when the client's `new RtmClient(token[, { … }])` can take `useRtmConnect: true`.
 * Never for Node-style callbacks (the helper returns a promise) or spread arguments.
 */
export function helperModuleFits(site: FoundSite, form: PlanSite['form'], dataRead: boolean): boolean {
  const call = site.node;
  if (!Node.isCallExpression(call)) return false;
  const args = call.getArguments();
  if (args.some((a) => Node.isSpreadElement(a) || Node.isArrowFunction(a) || Node.isFunctionExpression(a))) return false;
  if (form === 'legacy-client') return legacyClientOptionsWritable(call.getExpression());
  if (!dataRead) return false;
  return form === 'method-call' || form === 'api-call' || form === 'call-apply' || form === 'connect-start-only-fields';
}

/** `rtm.start()` on a variable made by `new RtmClient(token)` or `new RtmClient(token, { …written out… })`. */
function legacyClientOptionsWritable(callee: Node): boolean {
  if (!Node.isPropertyAccessExpression(callee)) return false;
  const receiver = callee.getExpression();
  if (!Node.isIdentifier(receiver)) return false;
  const decl = receiver.getSymbol()?.getDeclarations()[0];
  if (!decl || !Node.isVariableDeclaration(decl)) return false;
  const init = decl.getInitializer();
  if (!init || !Node.isNewExpression(init)) return false;
  const [token, options, ...rest] = init.getArguments();
  if (!token || rest.length > 0) return false;
  if (!options) return true;
  return Node.isObjectLiteralExpression(options) && options.getProperties().every((p) => Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p));
}
