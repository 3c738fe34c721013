import { asKnownPackage, isLegacyRtmClientModule, isPossiblySlackModule, LEGACY_RTM_CLIENT_MODULES, RTM_CLIENT_MODULES, SLACK_CLIENT_1 } from '@rtm-migrate/core';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

import { descendants, destructuredKey, heldValueOfName, implicitGlobalValue, isThisLike, memberName, requiredModule, singleValueOf, soleValueOf, unwrap, variableOf } from './ast.js';

type Node = TSESTree.Node;
import { continuationArgument } from './continuation.js';
import { destructuredConstruction } from './factory-client.js';
import { mapEntryValue } from './map-entry.js';
import { fieldModule, loadedModule } from './module-load.js';
import { objectMemberValue } from './object-member.js';
import type { Resolver } from './resolver.js';
import { sdkOwnOrigin } from './sdk-files.js';
import { staticFieldOrigin } from './static-field.js';

/** Where a value comes from: an export of a module (`*` for the namespace), possibly an instance of it. */
export interface Origin {
  readonly module: string;
  readonly name: string;
  readonly instance: boolean;
}

const MAX_HOPS = 6;

/** The module itself (`require(module)`, its default or namespace import), not a value it made. */
export function isWholeModule(origin: Origin | undefined, module: string): boolean {
  return origin?.module === module && !origin.instance && (origin.name === '*' || origin.name === 'default');
}

/**
 * `superagent.get(url)`, `unirest.post(url)`: the request a chaining HTTP module makes by its `get` or `post`,
 * the module known by its import under any name.
 */
export function isModuleRequest(resolver: Resolver, call: TSESTree.CallExpression, module: string): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const verb = memberName(resolver, callee);
  return (verb === 'get' || verb === 'post') && originOf(resolver, callee.object)?.module === module;
}

/**
 * The module an expression's value comes from, following `import`, `require`, `new`, member access
 * and single-assignment variables. Undefined when unknown (parameters, globals, calls…).
 */
export function originOf(resolver: Resolver, node: Node, hops = 0): Origin | undefined {
  if (hops > MAX_HOPS) return undefined;
  const bare = unwrap(node);
  const required = loadedModule(resolver, bare) ?? fieldModule(resolver, bare);
  if (required !== undefined) return sdkOwnOrigin(resolver, required) ?? { module: required, name: '*', instance: false };
  switch (bare.type) {
    case AST_NODE_TYPES.Identifier:
      return originOfIdentifier(resolver, bare, hops);
    case AST_NODE_TYPES.MemberExpression: {
      const held = staticFieldOrigin(resolver, bare, hops);
      if (held) return held;
      const base = originOf(resolver, bare.object, hops + 1);
      if (!base) return undefined;
      const name = memberName(resolver, bare);
      // `_client.default`: a CommonJS module seen through an ES default import is the module itself.
      if (base.name === '*' && !base.instance && name === 'default') return base;
      if ((base.name === '*' || base.name === 'default') && !base.instance && name !== undefined) return { module: base.module, name, instance: false };
      return { ...base, instance: base.instance };
    }
    case AST_NODE_TYPES.CallExpression:
      if (isInteropHelper(bare) && bare.arguments[0]) return originOf(resolver, bare.arguments[0], hops + 1);
    // falls through
    case AST_NODE_TYPES.NewExpression: {
      // `new X()` and factories (`acme.createClient()`): the value is provided by X's module.
      const ctor = originOf(resolver, bare.callee, hops + 1);
      return ctor ? { ...ctor, instance: true } : undefined;
    }
    default:
      return undefined;
  }
}

/** Babel's and TypeScript's `_interopRequireDefault(require('m'))`, `__importStar(…)`: the module itself. */
function isInteropHelper(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : '';
  return call.arguments.length === 1 && /^_?_?(interopRequire(Default|Wildcard)|importDefault|importStar)$/.test(name);
}

function originOfIdentifier(resolver: Resolver, identifier: TSESTree.Identifier, hops: number): Origin | undefined {
  const variable = variableOf(resolver, identifier);
  const def = variable?.defs[0];
  if (!variable || !def) {
    const value = implicitGlobalValue(resolver, identifier);
    return value ? originOf(resolver, value, hops + 1) : undefined;
  }
  if (def.type === TSESLint.Scope.DefinitionType.ImportBinding) return importOrigin(resolver, def.node);
  if (def.type !== TSESLint.Scope.DefinitionType.Variable) return undefined;
  const value = singleValueOf(variable);
  if (!value) return undefined;
  const source = originOf(resolver, value, hops + 1);
  if (!source) return undefined;
  if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
    const key = destructuredKey(resolver, def.node.id, def.name);
    if (key === undefined) return undefined;
    // A namespace, or a CommonJS module's default import (`import sdk from '@slack/client'; const { WebClient } = sdk`).
    const wholeModule = (source.name === '*' || source.name === 'default') && !source.instance;
    return wholeModule ? { module: source.module, name: key, instance: false } : source;
  }
  return source;
}

function importOrigin(resolver: Resolver, node: Node): Origin | undefined {
  // A known package spelt in other case (`import Botkit from 'Botkit'`) is that package (asKnownPackage).
  const source = node.parent?.type === AST_NODE_TYPES.ImportDeclaration ? asKnownPackage(node.parent.source.value) : undefined;
  const own = source === undefined ? undefined : sdkOwnOrigin(resolver, source);
  if (own) return node.type === AST_NODE_TYPES.ImportSpecifier && own.name === '*' ? { ...own, name: importedName(node) } : own;
  switch (node.type) {
    case AST_NODE_TYPES.ImportSpecifier: {
      return source === undefined ? undefined : { module: source, name: importedName(node), instance: false };
    }
    case AST_NODE_TYPES.ImportDefaultSpecifier:
      return { module: asKnownPackage(node.parent.source.value), name: 'default', instance: false };
    case AST_NODE_TYPES.ImportNamespaceSpecifier:
      return { module: asKnownPackage(node.parent.source.value), name: '*', instance: false };
    case AST_NODE_TYPES.TSImportEqualsDeclaration: {
      const ref = node.moduleReference;
      if (ref.type === AST_NODE_TYPES.TSExternalModuleReference) {
        return { module: asKnownPackage(ref.expression.value), name: '*', instance: false };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function importedName(node: TSESTree.ImportSpecifier): string {
  return node.imported.type === AST_NODE_TYPES.Identifier ? node.imported.name : node.imported.value;
}

/** True when the value provably comes from a module that is not Slack's (another vendor's SDK). */
export function isFromOtherVendor(resolver: Resolver, node: Node): boolean {
  const origin = originOf(resolver, node);
  return origin !== undefined && !isPossiblySlackModule(origin.module);
}

export type ClientKind = 'rtm-client' | 'legacy-rtm-client';

/** What `new X(...)` constructs, when X is one of Slack's RTM clients. */
export function clientKindOfConstructor(resolver: Resolver, callee: Node, hops = 0): ClientKind | undefined {
  const origin = originOf(resolver, callee);
  const bare = unwrap(callee);
  // A class of the file extending the client is one (`class Bot extends RtmClient {}`).
  const inherited = inheritingClass(resolver, bare);
  if (inherited) return clientKindOfConstructor(resolver, inherited.superClass, hops);
  if (bare.type === AST_NODE_TYPES.ClassExpression && bare.superClass) return clientKindOfConstructor(resolver, bare.superClass, hops);
  // So is such a class of another project module (`const Bot = require('./lib')`: slacky 2.1.0, blind s106/03).
  const exported = (): ClientKind | undefined => {
    const value = hops < MAX_HOPS ? projectModuleValue(resolver, bare, origin) : undefined;
    return value && clientKindOfConstructor(value.resolver, value.node, hops + 1);
  };
  if (!origin) {
    // Unknown origin (global, parameter…): judge by the name alone for the current client.
    const name = bare.type === AST_NODE_TYPES.Identifier ? bare.name : undefined;
    return name === 'RTMClient' ? 'rtm-client' : exported();
  }
  if (origin.instance) return undefined;
  if (LEGACY_RTM_CLIENT_MODULES.includes(origin.module) && origin.name === 'RtmClient') return 'legacy-rtm-client';
  if (isLegacyRtmClientModule(origin.module) && (origin.name === '*' || origin.name === 'default')) return 'legacy-rtm-client';
  if (RTM_CLIENT_MODULES.includes(origin.module) && origin.name === 'RTMClient') return 'rtm-client';
  const elsewhere = exported();
  if (elsewhere) return elsewhere;
  if (!isPossiblySlackModule(origin.module)) return undefined;
  return origin.name === 'RTMClient' ? 'rtm-client' : undefined;
}

/**
 * What `new <callee>(…)` makes: the class a class of the file extends (inheritingClass, followed up), or one
 * of another project module does (its `resolver` then), else the callee; `ownConstructor` where one of those
 * classes has a constructor of its own, or is another module's, so the `new`'s arguments need not be the
 * client's (no option is added there).
 */
export function constructedClass(resolver: Resolver, callee: Node, hops = 0): { readonly node: Node; readonly resolver: Resolver; readonly ownConstructor: boolean } {
  const bare = unwrap(callee);
  const inherited = inheritingClass(resolver, bare);
  if (inherited) {
    const up = constructedClass(resolver, inherited.superClass, hops);
    return { ...up, ownConstructor: up.ownConstructor || inherited.ownConstructor };
  }
  if (bare.type === AST_NODE_TYPES.ClassExpression && bare.superClass) {
    const up = constructedClass(resolver, bare.superClass, hops);
    return { ...up, ownConstructor: up.ownConstructor || bare.body.body.some(isConstructor) };
  }
  // Another module's class only where it is a legacy client's subclass (not a package's own class extending EventEmitter).
  const exported = hops < MAX_HOPS ? projectModuleValue(resolver, bare, originOf(resolver, bare)) : undefined;
  const elsewhere = exported && constructedClass(exported.resolver, exported.node, hops + 1);
  if (elsewhere && elsewhere.node !== exported.node && clientKindOfConstructor(elsewhere.resolver, elsewhere.node) === 'legacy-rtm-client') return { ...elsewhere, ownConstructor: true };
  return { node: callee, resolver, ownConstructor: false };
}

/**
 * The value another project module exports that `node` is: a name bound to `require('./lib')`, that require
 * itself (`module.exports = require('./lib')`), or the package's own entry point required as `require('..')`.
 */
function projectModuleValue(resolver: Resolver, node: Node, origin: Origin | undefined): { readonly node: Node; readonly resolver: Resolver } | undefined {
  const module = origin?.module ?? requiredModule(node);
  if (module?.startsWith('.')) return resolver.project?.importedValue?.(resolver, node);
  return module !== undefined && origin?.name === '*' && !origin.instance ? resolver.project?.ownPackageValue?.(resolver, module) : undefined;
}

function isConstructor(member: TSESTree.ClassElement): boolean {
  return member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor';
}

/**
 * The class a class declared in the file (never given another value) extends, and whether it has a
 * constructor of its own; or the parent a function of the file is given by `util.inherits(Bot, RtmClient)`
 * (slacky 2.1.0, blind s106/03), whose body is its own constructor.
 */
function inheritingClass(resolver: Resolver, callee: Node): { readonly superClass: Node; readonly ownConstructor: boolean } | undefined {
  const variable = callee.type === AST_NODE_TYPES.Identifier ? variableOf(resolver, callee) : undefined;
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (variable?.references.some((r) => r.isWrite())) return undefined;
  if (def?.type === TSESLint.Scope.DefinitionType.FunctionName && callee.type === AST_NODE_TYPES.Identifier) {
    const parent = utilInheritsParent(resolver, callee);
    return parent && { superClass: parent, ownConstructor: true };
  }
  if (def?.type !== TSESLint.Scope.DefinitionType.ClassName) return undefined;
  const cls = def.node;
  const ownConstructor = cls.body.body.some(isConstructor);
  return cls.superClass ? { superClass: cls.superClass, ownConstructor } : undefined;
}

/**
 * What Node's `util.inherits(X, P)` makes the function X inherit from: P, where X is given a parent by
 * exactly one such call; undefined otherwise (several parents, none).
 */
export function utilInheritsParent(resolver: Resolver, name: TSESTree.Identifier): Node | undefined {
  const parents = (variableOf(resolver, name)?.references ?? []).flatMap((reference) => {
    const use = reference.identifier.parent;
    if (use.type !== AST_NODE_TYPES.CallExpression || use.arguments[0] !== reference.identifier || use.arguments.length !== 2) return [];
    const inherits = originOf(resolver, use.callee);
    return inherits && !inherits.instance && inherits.name === 'inherits' && (inherits.module === 'util' || inherits.module === 'node:util') && use.arguments[1] ? [use.arguments[1]] : [];
  });
  return parents.length === 1 ? parents[0] : undefined;
}

/**
 * `new` of a client whose start requests `rtm.start` itself: a legacy `RtmClient` (`@slack/client` v3,
 * `slack-client` 2.x), or the `slack-client` 1.x module itself (`new Slack(token, …)`, started by `login()`).
 */
export function isLegacyClientConstruction(resolver: Resolver, made: TSESTree.NewExpression): boolean {
  return clientKindOfConstructor(resolver, made.callee) === 'legacy-rtm-client' || isWholeModule(originOf(resolver, made.callee), SLACK_CLIENT_1.module);
}

/**
 * The `new X(...)` an expression's value comes from (itself, or a single-assignment variable's value,
 * or a `this.x = new X(...)` assignment in the enclosing class, or the member of an object literal
 * built once: `this.slack = { web, rtm }` then `this.slack.rtm`).
 */
export function constructionOf(resolver: Resolver, node: Node, hops = 0): TSESTree.NewExpression | undefined {
  const bare = soleValueOf(node);
  if (hops > MAX_HOPS) return undefined;
  if (bare.type === AST_NODE_TYPES.NewExpression) return bare;
  if (bare.type === AST_NODE_TYPES.Identifier) {
    const value = heldValueOfName(resolver, bare);
    // `const { rtm } = clientsFor(token)`: the member a function of this file hands out, only ever that `new`;
    // `init(function (conn) { conn.login(); })`: what `init` gives its callback.
    if (!value) return destructuredConstruction(resolver, bare) ?? continuationArgument(resolver, bare, (argument) => constructionOf(resolver, argument, hops + 1));
    // `var slack = this.connection`: the variable holds what the field holds (blind s48/12).
    const init = soleValueOf(value);
    return init.type === AST_NODE_TYPES.NewExpression ? init : init.type === AST_NODE_TYPES.MemberExpression || init.type === AST_NODE_TYPES.CallExpression ? constructionOf(resolver, init, hops + 1) : undefined;
  }
  if (bare.type === AST_NODE_TYPES.CallExpression) {
    // `privates.get(this)`: the one value a WeakMap of this file is given.
    const entry = mapEntryValue(resolver, bare);
    return entry ? constructionOf(resolver, entry, hops + 1) : undefined;
  }
  if (bare.type === AST_NODE_TYPES.MemberExpression && isThisLike(resolver, bare.object)) {
    const name = memberName(resolver, bare);
    return name === undefined ? undefined : thisAssignment(resolver, bare, name);
  }
  if (bare.type === AST_NODE_TYPES.MemberExpression) {
    const value = objectMemberValue(resolver, bare);
    return value ? constructionOf(resolver, value, hops + 1) : undefined;
  }
  return undefined;
}

/**
 * The class body (or, for constructor functions and prototype methods, the program) in which
 * `this.<name>` means the same field as at `node`.
 */
export function thisOwner(node: Node): Node | undefined {
  let owner: Node | undefined = node.parent;
  while (owner && owner.type !== AST_NODE_TYPES.ClassBody && owner.type !== AST_NODE_TYPES.Program) owner = owner.parent;
  return owner;
}

/** `this.<name> = new X(...)` inside the class (or constructor function) enclosing `node`. */
function thisAssignment(resolver: Resolver, node: Node, name: string): TSESTree.NewExpression | undefined {
  const owner = thisOwner(node);
  return owner ? findThisNew(resolver, owner, name) : undefined;
}

function findThisNew(resolver: Resolver, root: Node, name: string): TSESTree.NewExpression | undefined {
  for (const write of thisFieldWrites(resolver, root, name)) {
    const right = unwrap(write.right);
    if (right.type === AST_NODE_TYPES.NewExpression) return right;
  }
  return undefined;
}

/** The assignments to `this.<name>` (or a name holding `this`) under `root`, in source order. */
export function thisFieldWrites(resolver: Resolver, root: Node, name: string): TSESTree.AssignmentExpression[] {
  return [...descendants(resolver, root)].filter(
    (node): node is TSESTree.AssignmentExpression =>
      node.type === AST_NODE_TYPES.AssignmentExpression && node.left.type === AST_NODE_TYPES.MemberExpression && isThisLike(resolver, node.left.object) && memberName(resolver, node.left) === name,
  );
}

/** HTTP clients whose calls answer a response of their own, the data inside it. */
const HTTP_LIBRARIES = new Set(['http', 'https', 'node:http', 'node:https', 'axios', 'got', 'request', 'superagent', 'needle', 'node-fetch', 'ky', 'undici']);

/**
 * The call is a request of an HTTP client: `fetch` (the global one), or a call of one of the HTTP
 * libraries or of a value it provides (`request.post(…)`, `axios.get(…)`, node-fetch's `fetch`).
 */
/** A module the analysis knows as an HTTP library (`axios`, `https`, `got`…): its answers are followed by what it is. */
export function isHttpLibraryModule(module: string): boolean {
  return HTTP_LIBRARIES.has(module);
}

export function isHttpRequest(resolver: Resolver, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  const module = originOf(resolver, callee)?.module;
  if (module !== undefined) return HTTP_LIBRARIES.has(module);
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'fetch' && !variableOf(resolver, callee)?.defs.length;
}

/**
 * The HTTP library whose value the call is a method of (`slack.get(…)` with `const slack =
 * axios.create(…)`): such a call answers the library's response, not Slack's data.
 */
export function httpLibraryOf(resolver: Resolver, call: TSESTree.CallExpression): string | undefined {
  const callee = unwrap(call.callee);
  const module = callee.type === AST_NODE_TYPES.MemberExpression ? originOf(resolver, callee.object)?.module : undefined;
  return module !== undefined && HTTP_LIBRARIES.has(module) ? module : undefined;
}
