import { originOf, unwrap, variableOf, type Resolver } from '@rtm-migrate/analysis';
import { LEGACY_RTM_CONNECT_SUPPORT } from '@rtm-migrate/core';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';

type Node = TSESTree.Node;

/**
 * `new RtmClient(token, opts)` whose options are a variable (`function init(token, opts) { opts.dataStore
 * = …; rtm = new RtmClient(token, opts); }`) can take `useRtmConnect: true` as
 * `Object.assign({}, opts, { useRtmConnect: true })`: every `@slack/client` release that knows the option
 * (3.10 to 3.16.1-sec.2) reads its options in the constructor only (`_useRtmConnect` and the rest are
 * copied into fields there; no release keeps the object), so the client sees what it saw, plus the
 * option, and the caller's object never gets it (another client made from the same object is left as
 * it was). Only where the code does nothing else with the variable that a copy could change: it is a
 * parameter or a variable whose every other use writes a property (`opts.dataStore = …`), or defaults
 * it (`opts = opts || {}`). The constructor's own writes to the object (`maxRequestConcurrency`,
 * `retryConfig`) then land on the copy: nothing in that function reads them again.
 */
export function optionsCopyFits(resolver: Resolver, options: Node): boolean {
  const name = unwrap(options);
  if (name.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(resolver, name);
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || !def) return false;
  if (def.type !== TSESLint.Scope.DefinitionType.Parameter && def.type !== TSESLint.Scope.DefinitionType.Variable) return false;
  if (def.type === TSESLint.Scope.DefinitionType.Parameter && def.name.parent !== def.node) return false; // destructured, defaulted, rest
  return variable.references.every((ref) => ref.identifier === name || isInit(ref, def) || writesProperty(ref.identifier) || defaultsItself(ref.identifier));
}

function isInit(ref: TSESLint.Scope.Reference, def: TSESLint.Scope.Definition): boolean {
  return ref.init === true && ref.identifier === def.name;
}

/** `opts.x = value`: a property of the object written, the object itself not read. */
function writesProperty(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const member = identifier.parent;
  const assignment = member.parent;
  return (
    member.type === AST_NODE_TYPES.MemberExpression &&
    member.object === identifier &&
    !member.computed &&
    assignment?.type === AST_NODE_TYPES.AssignmentExpression &&
    assignment.operator === '=' &&
    assignment.left === member &&
    assignment.parent.type === AST_NODE_TYPES.ExpressionStatement
  );
}

/** `opts = opts || {}` (either side of it): the variable gets an object of its own when none was given. */
function defaultsItself(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const parent = identifier.parent;
  const assignment = parent.type === AST_NODE_TYPES.LogicalExpression ? parent.parent : parent;
  if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.parent.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  const { left, right } = assignment;
  return (
    left.type === AST_NODE_TYPES.Identifier &&
    left.name === identifier.name &&
    right.type === AST_NODE_TYPES.LogicalExpression &&
    right.operator === '||' &&
    right.left.type === AST_NODE_TYPES.Identifier &&
    right.left.name === identifier.name &&
    right.right.type === AST_NODE_TYPES.ObjectExpression &&
    (identifier === left || identifier === right.left)
  );
}

/**
 * Where `useRtmConnect: true` goes for options held in a variable (`new RtmClient(token, opts)`): a copy
 * (`'copy'`, see optionsCopyFits), else the variable's own literal (see sharedOptionsLiteral); undefined
 * where neither fits. The scan's fit and the plan's edit both ask this, so they cannot choose apart.
 */
export function optionsVariableEdit(resolver: Resolver, options: Node): 'copy' | TSESTree.ObjectExpression | undefined {
  return optionsCopyFits(resolver, options) ? 'copy' : sharedOptionsLiteral(resolver, options);
}

/**
 * Options held in a variable declared with an object literal and never given another value, which
 * other clients of the SDK are made with too (`var clientConfig = { dataStore, logLevel, logger }` for
 * `new RtmClient(token, clientConfig)` and `new WebClient(token, clientConfig)`: blind s112/11,
 * supinbot): the literal itself takes `useRtmConnect: true`. A copy would not do: the RtmClient writes
 * `maxRequestConcurrency: 1` into the object it is given, which a WebClient made from it after reads;
 * the option, which only the RtmClient reads, changes nothing for them. Its other uses may only be
 * arguments of a `new` of the SDK's classes or reads of one of its properties.
 */
function sharedOptionsLiteral(resolver: Resolver, options: Node): TSESTree.ObjectExpression | undefined {
  const name = unwrap(options);
  if (name.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(resolver, name);
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.type !== TSESLint.Scope.DefinitionType.Variable || def.node.id !== def.name || !def.node.init) return undefined;
  const literal = unwrap(def.node.init);
  if (literal.type !== AST_NODE_TYPES.ObjectExpression || !literal.properties.every((p) => p.type === AST_NODE_TYPES.Property && p.kind === 'init' && !p.method && !p.computed)) return undefined;
  const fits = variable.references.every((ref) => isInit(ref, def) || ref.identifier === name || givenToSdkClient(resolver, ref.identifier) || readsProperty(ref.identifier));
  return fits ? literal : undefined;
}

/** `new WebClient(token, opts)` of the SDK's module. */
function givenToSdkClient(resolver: Resolver, identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const made = identifier.parent;
  return made.type === AST_NODE_TYPES.NewExpression && made.arguments.includes(identifier as TSESTree.Identifier) && originOf(resolver, made.callee)?.module === LEGACY_RTM_CONNECT_SUPPORT.module;
}

/** `opts.logger`: a property read, the object itself not handed on nor written. */
function readsProperty(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const member = identifier.parent;
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== identifier || member.computed) return false;
  const use = member.parent;
  return !(use.type === AST_NODE_TYPES.AssignmentExpression && use.left === member) && use.type !== AST_NODE_TYPES.UpdateExpression && !(use.type === AST_NODE_TYPES.UnaryExpression && use.operator === 'delete');
}
