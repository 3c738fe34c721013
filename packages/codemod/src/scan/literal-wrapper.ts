import { descendants, propertyKeyName, unwrap, variableOf, type FunctionLike, type Located, type WholeData } from '@rtm-migrate/analysis';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { migratedWhole, type PlannedSite } from './wrapper-covered.js';

type Node = TSESTree.Node;

/** The value of the one plain property `key` of an object literal; undefined when it has none, several, or spreads. */
function onlyProperty(resolver: Located<FunctionLike>['resolver'], object: Node, key: string): Node | undefined {
  const bare = unwrap(object);
  if (bare.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  let found: Node | undefined;
  for (const p of bare.properties) {
    if (p.type !== AST_NODE_TYPES.Property) return undefined;
    const name = propertyKeyName(resolver, p);
    if (name === undefined) return undefined;
    if (name !== key) continue;
    if (found || p.kind !== 'init') return undefined;
    found = p.value;
  }
  return found;
}

/**
 * A use of the object only reads it (`slack_api.callAPI(…)`, `this.api_url`) or returns it: never
 * stores on its `rtm` (or replaces that), never hands the whole object on.
 */
function onlyRead(reference: TSESTree.Identifier): boolean {
  const use = reference.parent;
  if (use.type === AST_NODE_TYPES.ReturnStatement) return true;
  if (use.type !== AST_NODE_TYPES.MemberExpression || use.object !== reference) return false;
  if (use.computed || use.property.type !== AST_NODE_TYPES.Identifier) return false;
  if (use.property.name !== 'rtm') return true;
  // `slack_api.rtm` read, or `slack_api.rtm.start` read (called): nothing stored on it.
  const outer = use.parent;
  const written = (node: Node): boolean => node.parent?.type === AST_NODE_TYPES.AssignmentExpression && node.parent.left === node;
  if (written(use)) return false;
  return !(outer.type === AST_NODE_TYPES.MemberExpression && outer.object === use && written(outer));
}

/**
 * The wrapper written out in the object literal the factory returns (botkit 0.2's `var slack_api = {
 * …, rtm: { start: function (options, cb) { slack_api.callAPI('rtm.start', options, cb); } } };
 * return slack_api;`), when that name is bound once to the literal, only read elsewhere, and the
 * wrapper is migrated whole (`migratedWhole`: this run's rewrite, or a previous run's).
 */
export function literalWrapper(factory: Located<FunctionLike>, returned: string, planned: readonly PlannedSite[]): { whole: WholeData; line: number } | undefined {
  const { resolver } = factory;
  let declarator: TSESTree.VariableDeclarator | undefined;
  for (const node of descendants(resolver, factory.node.body)) {
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.id.name === returned) {
      if (declarator) return undefined;
      declarator = node;
    }
  }
  const id = declarator?.id;
  if (!declarator?.init || id?.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(resolver, id);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || def?.type !== TSESLint.Scope.DefinitionType.Variable || def.node !== declarator) return undefined;
  if (!variable.references.every((r) => (r.isWrite() ? r.identifier === id : onlyRead(r.identifier as TSESTree.Identifier)))) return undefined;
  const rtm = onlyProperty(resolver, declarator.init, 'rtm');
  const start = rtm && onlyProperty(resolver, rtm, 'start');
  const fn = start && unwrap(start);
  if (fn?.type !== AST_NODE_TYPES.FunctionExpression) return undefined;
  const whole = migratedWhole({ node: fn, resolver }, planned);
  return whole && { whole, line: fn.loc.start.line };
}
