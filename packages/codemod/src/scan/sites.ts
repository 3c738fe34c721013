import {
  CODEMOD_MESSAGES,
  LEGACY_RTM_CLIENT_MODULES,
  RTM_CLIENT_MODULES,
  METHODS,
  isPossiblySlackModule,
  isRtmStartMethodName,
  isRtmStartUrl,
  isRtmStartUrlTail,
} from '@rtm-migrate/core';
import { Node, SyntaxKind, type CallExpression, type SourceFile } from 'ts-morph';
import type { SiteForm } from '../plan.js';
import { importOrigin, modulesOf, originOfExpression, rootIdentifier, skipWrappers, staticString } from './resolve.js';

/** Where the response of a site can be picked up by the flow follower. */
export type FlowStart =
  | { readonly kind: 'value'; readonly node: Node; readonly promise: boolean }
  | { readonly kind: 'binding'; readonly node: Node };

export interface FoundSite {
  readonly form: SiteForm;
  /** The call / new expression / literal the site is reported at. */
  readonly node: Node;
  /** The call's arguments that carry the method arguments (an object literal, usually). */
  readonly argsNode: Node | undefined;
  readonly argsKnown: boolean;
  readonly starts: readonly FlowStart[];
  /** Reasons the response cannot be followed at all. */
  readonly escapes: readonly { readonly node: Node; readonly reason: string }[];
  /** Whether this is an rtm.connect call (only reported when it misuses start-only fields/args). */
  readonly connect?: boolean;
  /**
   * raw-url: the literal spells `rtm.start` out (so the rewrite can turn it into `rtm.connect` in place);
   * helper: the method name is a literal argument. False when it comes from a constant or is computed.
   */
  readonly literal?: boolean;
  /** raw-url: the request, as the TODO names it (`` `fetch(…)` ``, "the request"). */
  readonly request?: string;
}

const ARRAY_CALLBACK_METHODS = new Set(['then']);

/** Every `rtm.start` site of a file (reference §7), and the `rtm.connect` calls to check. */
export function findSites(sf: SourceFile): FoundSite[] {
  const sites: FoundSite[] = [];
  const fileIsSlacky = modulesOf(sf).some((m) => /slack/i.test(m));
  const fileModules = modulesOf(sf);
  const claimed = new Set<Node>();

  for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const site = methodSite(call, fileIsSlacky) ?? apiCallSite(call, fileIsSlacky, fileModules) ?? legacyClientSite(call);
    if (site) {
      sites.push(site);
      for (const a of call.getArguments()) claimed.add(a);
    }
  }
  for (const expr of sf.getDescendantsOfKind(SyntaxKind.NewExpression)) {
    const site = rtmClientOptionSite(expr);
    if (site) sites.push(site);
    const urlSite = newUrlSite(expr);
    if (urlSite) {
      sites.push(urlSite);
      for (const a of expr.getArguments()) claimed.add(a);
    }
  }
  // URLs name the method in a literal piece: skip the literal walk when no piece can.
  if (/rtm\.start/.test(sf.getFullText())) {
    const literals = [
      ...sf.getDescendantsOfKind(SyntaxKind.StringLiteral),
      ...sf.getDescendantsOfKind(SyntaxKind.NoSubstitutionTemplateLiteral),
      ...sf.getDescendantsOfKind(SyntaxKind.TemplateExpression),
    ];
    for (const lit of literals) {
      if (claimed.has(lit)) continue;
      const site = urlSite(lit);
      if (site) sites.push(site);
    }
  }
  return sites.sort((a, b) => a.node.getStart() - b.node.getStart());
}

function nameOf(access: Node): string | undefined {
  if (Node.isPropertyAccessExpression(access)) return access.getName();
  if (Node.isElementAccessExpression(access)) return staticString(access.getArgumentExpression());
  return undefined;
}

/** `x.rtm.start` (also `x.rtm?.start`, `x.rtm['start']`, `x['rtm']['start']`): the `x.rtm` part. */
function rtmMethodAccess(callee: Node, method: 'start' | 'connect'): Node | undefined {
  const c = skipWrappers(callee);
  if (!c || nameOf(c) !== method) return undefined;
  const rtm = (c as Node & { getExpression(): Node }).getExpression();
  const inner = skipWrappers(rtm);
  return inner && nameOf(inner) === 'rtm' ? inner : undefined;
}

/** Is `x.rtm` a Slack `WebClient`'s `rtm` (and not another vendor's SDK of the same shape)? */
function isSlackRtm(rtmAccess: Node, methodAccess: Node, fileIsSlacky: boolean): boolean {
  const decls = methodAccess.getSymbol()?.getDeclarations() ?? [];
  if (decls.length > 0) return decls.some((d) => /[\\/]@slack[\\/]/.test(d.getSourceFile().getFilePath()));
  const root = rootIdentifier((rtmAccess as Node & { getExpression(): Node }).getExpression());
  if (root) {
    const origin = importOrigin(root) ?? originOfValue(root);
    if (origin) return isPossiblySlackModule(origin.module);
  }
  return fileIsSlacky;
}

/** `const x = new C(...)` / `const x = createClient(...)` → where C / createClient came from. */
function originOfValue(id: Node): { module: string } | undefined {
  if (!Node.isIdentifier(id)) return undefined;
  for (const decl of id.getSymbol()?.getDeclarations() ?? []) {
    if (Node.isVariableDeclaration(decl)) {
      const init = skipWrappers(decl.getInitializer());
      if (init && (Node.isNewExpression(init) || Node.isCallExpression(init))) {
        const o = originOfExpression(init.getExpression());
        if (o) return o;
      }
    }
    if (Node.isParameterDeclaration(decl)) {
      const type = decl.getTypeNode()?.getText();
      if (type && /WebClient/.test(type)) return { module: '@slack/web-api' };
    }
  }
  return undefined;
}

function argsInfo(arg: Node | undefined): { argsNode: Node | undefined; argsKnown: boolean } {
  if (!arg) return { argsNode: undefined, argsKnown: true };
  const a = skipWrappers(arg);
  if (a && Node.isObjectLiteralExpression(a)) {
    const known = a.getProperties().every((p) => Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p));
    return { argsNode: a, argsKnown: known && a.getProperties().every((p) => !Node.isComputedPropertyName((p as { getNameNode(): Node }).getNameNode())) };
  }
  return { argsNode: arg, argsKnown: false };
}

function responseStarts(call: CallExpression): FlowStart[] {
  const starts: FlowStart[] = [{ kind: 'value', node: call, promise: true }];
  // Node-style callback as the last argument: (err, data) => …
  const last = call.getArguments().at(-1);
  if (last && (Node.isArrowFunction(last) || Node.isFunctionExpression(last))) {
    const params = last.getParameters();
    const data = params.length >= 2 ? params[1] : undefined;
    if (data) starts.push({ kind: 'binding', node: data.getNameNode() });
  }
  return starts;
}

function methodSite(call: CallExpression, fileIsSlacky: boolean): FoundSite | undefined {
  const callee = call.getExpression();
  // web.rtm.start.call(web, args) / .apply(web, [args])
  const c = skipWrappers(callee);
  if (c && Node.isPropertyAccessExpression(c) && (c.getName() === 'call' || c.getName() === 'apply')) {
    const inner = c.getExpression();
    const rtm = rtmMethodAccess(inner, 'start');
    if (rtm && isSlackRtm(rtm, skipWrappers(inner)!, fileIsSlacky)) {
      const args = call.getArguments()[1];
      const unwrapped = c.getName() === 'apply' && args && Node.isArrayLiteralExpression(args) ? args.getElements()[0] : args;
      return { form: 'call-apply', node: call, ...argsInfo(unwrapped), starts: responseStarts(call), escapes: [] };
    }
    return undefined;
  }
  for (const method of ['start', 'connect'] as const) {
    const rtm = rtmMethodAccess(callee, method);
    if (!rtm || !isSlackRtm(rtm, skipWrappers(callee)!, fileIsSlacky)) continue;
    const args = call.getArguments();
    if (args.some((a) => Node.isSpreadElement(a))) {
      return { form: 'method-call', node: call, argsNode: args[0], argsKnown: false, starts: responseStarts(call), escapes: [], connect: method === 'connect' };
    }
    return { form: 'method-call', node: call, ...argsInfo(args[0]), starts: responseStarts(call), escapes: [], connect: method === 'connect' };
  }
  return undefined;
}

/** `x.apiCall('rtm.start', args)`, and any call given the method name (the app's own helpers). */
function apiCallSite(call: CallExpression, fileIsSlacky: boolean, modules: string[]): FoundSite | undefined {
  const [first, second] = call.getArguments();
  if (!first) return undefined;
  const name = staticString(first);
  const isStart = name !== undefined && isRtmStartMethodName(name);
  const isConnect = name === METHODS.rtmConnect;
  if (!isStart && !isConnect) return undefined;
  const callee = skipWrappers(call.getExpression());
  const calleeName = callee && (Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : undefined);
  const isApiCall = calleeName === 'apiCall';
  if (isConnect && !isApiCall) return undefined;
  if (isApiCall && !fileIsSlacky && !modules.some(isPossiblySlackModule) && modules.length > 0) return undefined;
  return {
    form: isApiCall ? 'api-call' : 'helper',
    literal: Node.isStringLiteral(first) || Node.isNoSubstitutionTemplateLiteral(first),
    node: call,
    ...argsInfo(second && !Node.isArrowFunction(second) && !Node.isFunctionExpression(second) ? second : undefined),
    starts: responseStarts(call),
    escapes: [],
    connect: isConnect,
  };
}

/** `client.start()` on a legacy `@slack/client` v3 `RtmClient`, whatever the variable's name. */
function legacyClientSite(call: CallExpression): FoundSite | undefined {
  const callee = skipWrappers(call.getExpression());
  if (!callee || !Node.isPropertyAccessExpression(callee) || callee.getName() !== 'start') return undefined;
  const receiver = skipWrappers(callee.getExpression());
  if (!receiver || !Node.isIdentifier(receiver)) return undefined;
  const created = newExpressionOf(receiver);
  if (!created) return undefined;
  const origin = originOfExpression(created.getExpression());
  if (!origin || origin.imported !== 'RtmClient' || !LEGACY_RTM_CLIENT_MODULES.includes(origin.module)) return undefined;
  const escapes = [{ node: call, reason: CODEMOD_MESSAGES.legacyClient }];
  return { form: 'legacy-client', node: call, argsNode: undefined, argsKnown: true, starts: [...authenticatedHandlers(receiver, 'legacy')], escapes };
}

function newExpressionOf(id: Node): import('ts-morph').NewExpression | undefined {
  for (const decl of id.getSymbol()?.getDeclarations() ?? []) {
    if (Node.isVariableDeclaration(decl)) {
      const init = skipWrappers(decl.getInitializer());
      if (init && Node.isNewExpression(init)) return init;
    }
  }
  return undefined;
}

/** The handlers of `client.on('authenticated', (data) => …)` and the results of `client.start()`. */
function authenticatedHandlers(client: Node, kind: 'legacy' | 'rtm-api'): FlowStart[] {
  if (!Node.isIdentifier(client)) return [];
  const starts: FlowStart[] = [];
  const decl = client.getSymbol()?.getDeclarations()[0];
  const name = decl && Node.isVariableDeclaration(decl) ? decl.getNameNode() : undefined;
  if (!name || !Node.isIdentifier(name)) return [];
  for (const ref of name.findReferencesAsNodes()) {
    const access = ref.getParent();
    if (!access || !Node.isPropertyAccessExpression(access) || access.getExpression() !== ref) continue;
    const call = access.getParent();
    if (!call || !Node.isCallExpression(call) || call.getExpression() !== access) continue;
    if (access.getName() === 'on' || access.getName() === 'once') {
      const [event, handler] = call.getArguments();
      const eventText = event ? (staticString(event) ?? event.getText()) : '';
      const isAuth = kind === 'legacy' ? /AUTHENTICATED$/.test(eventText) : eventText === 'authenticated';
      if (isAuth && handler && (Node.isArrowFunction(handler) || Node.isFunctionExpression(handler))) {
        const p = handler.getParameters()[0];
        if (p) starts.push({ kind: 'binding', node: p.getNameNode() });
      }
    }
    if (access.getName() === 'start' && kind === 'rtm-api') starts.push({ kind: 'value', node: call, promise: true });
  }
  return starts;
}

/** `new RTMClient(token, { useRtmConnect: false })`, the class under any name. */
function rtmClientOptionSite(expr: import('ts-morph').NewExpression): FoundSite | undefined {
  const origin = originOfExpression(expr.getExpression());
  if (!origin || origin.imported !== 'RTMClient' || !RTM_CLIENT_MODULES.includes(origin.module)) return undefined;
  const options = skipWrappers(expr.getArguments()[1]);
  if (!options || !Node.isObjectLiteralExpression(options)) return undefined;
  const prop = options.getProperty('useRtmConnect');
  if (!prop || !Node.isPropertyAssignment(prop) || prop.getInitializer()?.getKind() !== SyntaxKind.FalseKeyword) return undefined;
  const varDecl = expr.getParent();
  const client = varDecl && Node.isVariableDeclaration(varDecl) ? varDecl.getNameNode() : undefined;
  return {
    form: 'rtm-client-option',
    node: expr,
    argsNode: prop,
    argsKnown: true,
    starts: client ? authenticatedHandlers(client, 'rtm-api') : [],
    escapes: client ? [] : [{ node: expr, reason: 'the RTMClient is not kept in a variable we can follow' }],
  };
}

/** `new URL('rtm.start', 'https://slack.com/api/')` / `new URL('https://slack.com/api/rtm.start')`. */
function newUrlSite(expr: import('ts-morph').NewExpression): FoundSite | undefined {
  const callee = expr.getExpression();
  if (!Node.isIdentifier(callee) || callee.getText() !== 'URL') return undefined;
  const [path, base] = expr.getArguments();
  const p = staticString(path);
  if (p === undefined) return undefined;
  const b = base ? staticString(base) : '';
  const full = b === undefined ? p : b + p;
  if (!(isRtmStartUrl(full) || (base !== undefined && isRtmStartUrlTail(p)))) return undefined;
  return {
    form: 'raw-url',
    node: path!,
    argsNode: undefined,
    argsKnown: false,
    starts: [],
    escapes: [{ node: expr, reason: httpReason(expr) }],
    literal: spellsRtmStart(path!),
    request: describeHttpCall(expr),
  };
}

function httpReason(node: Node): string {
  return CODEMOD_MESSAGES.rawHttp(describeHttpCall(node));
}

function describeHttpCall(node: Node): string {
  const call = node.getFirstAncestor((a) => Node.isCallExpression(a) && a.getArguments().some((x) => x.getPos() <= node.getPos() && x.getEnd() >= node.getEnd()));
  return call && Node.isCallExpression(call) ? `\`${call.getExpression().getText().replace(/\s+/g, '').slice(0, 40)}(…)\`` : 'the request';
}

/** A string that addresses rtm.start over HTTP: a URL literal, a template, or a tail after a base URL. */
function urlSite(node: Node): FoundSite | undefined {
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) {
    const parent = node.getParent();
    if (parent && Node.isTemplateSpan(parent)) return undefined;
    const text = node.getLiteralValue();
    const isTail = parent && Node.isBinaryExpression(parent) && parent.getRight() === node && isRtmStartUrlTail(text);
    if (!isRtmStartUrl(text) && !isTail) return undefined;
    if (inTypePosition(node)) return undefined;
    return raw(node);
  }
  if (Node.isTemplateExpression(node)) {
    const pieces = [node.getHead().getLiteralText(), ...node.getTemplateSpans().map((s) => s.getLiteral().getLiteralText())];
    const whole = staticString(node);
    const hit =
      (whole !== undefined && isRtmStartUrl(whole)) ||
      pieces.some((p, i) => isRtmStartUrl(p) || (i > 0 && isRtmStartUrlTail(p)));
    return hit ? raw(node) : undefined;
  }
  return undefined;
}

function raw(node: Node): FoundSite {
  return {
    form: 'raw-url',
    node,
    argsNode: undefined,
    argsKnown: false,
    starts: [],
    escapes: [{ node, reason: httpReason(node) }],
    literal: spellsRtmStart(node),
    request: describeHttpCall(node),
  };
}

/** The literal's own source text names `rtm.start` as a URL path (not through a constant or an escape). */
function spellsRtmStart(node: Node): boolean {
  return (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node) || Node.isTemplateExpression(node)) && /(^|[/`'"}])rtm\.start(?=$|[?#`'"$])/.test(node.getText());
}

function inTypePosition(node: Node): boolean {
  return node.getFirstAncestor((a) => Node.isTypeNode(a)) !== undefined;
}

export { ARRAY_CALLBACK_METHODS };
