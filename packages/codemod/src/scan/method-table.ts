import { descendants, propertyKeyName, unwrap, variableOf, within } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { METHODS } from '@rtm-migrate/core';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { UNSEEN_CALLERS_OPTIONS } from '../helper-module/extras.js';
import { params, text, typescript, usesCallerName } from '../helper-module/transport/common.js';
import { transportCallsBackNodeStyle } from '../helper-module/transport/node-style-callback.js';
import type { TableOverride } from '../plan.js';

type Node = TSESTree.Node;
type Generator = (TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression) & { body: TSESTree.BlockStatement };
type Table = TSESTree.ArrayExpression | TSESTree.ObjectExpression;

/** What the generator is given for the `rtm.start` entry: the table's element, or (object tables) its key. */
interface Entry {
  readonly table: Table;
  readonly element: Node;
  /** The value the generator's parameter takes for this entry. */
  readonly loopValue: string;
  readonly object: boolean;
}

type Result = { readonly override: TableOverride } | { readonly why: string };

/**
 * A method table whose one generator rtm-migrate can follow:
 * - the table is a variable of its own holding an array of method names (`var methods = ['auth.test',
 *   …, 'rtm.start']`) or an object of them (`var RTM = { start: 'rtm.start' }`), never assigned again and
 *   read only by its generator, `methods.forEach(function (name) {…})` / `Object.keys(RTM).forEach(…)`;
 * - the generator stores one wrapper per entry, `target = function (options, cb) { transport(name,
 *   options, cb); }` (`RTM[key]` for an object table), whose transport is declared in the file and calls
 *   its callback Node-style;
 * - the wrapper's place is known: `root[name.replace('.', '_')]`, `root.rtm[key]`, or botkit's walk down
 *   `name.split('.')` (`group[method]` after `groups.forEach(…)` made each group).
 * Then the entry goes and an override follows the generator: the same wrapper, which calls
 * `rtmStartData()` through the same transport and calls back once, `(err, data)`.
 */
export function methodTableOverride(parsed: ParsedFile, node: Node): Result {
  if (typescript(parsed)) return { why: 'the generated wrappers are typed by the code, and rtm-migrate rewrites method tables in JavaScript only' };
  const entry = entryOf(parsed, node);
  if (typeof entry === 'string') return { why: entry };
  const generator = generatorOf(parsed, entry);
  if (typeof generator === 'string') return { why: generator };
  const { fn, statement } = generator;
  const wrapper = wrapperOf(parsed, fn, entry);
  if (typeof wrapper === 'string') return { why: wrapper };
  const target = targetOf(parsed, fn, wrapper.assignment.left, entry);
  if (typeof target === 'string') return { why: target };
  const { call, names } = wrapper;
  const contract = transportCallsBackNodeStyle(parsed, call, names.length);
  if (!contract) {
    return { why: "the wrappers' transport is not declared in the file as a function that calls its callback Node-style, `(err, data)`" };
  }
  const transport = text(parsed, call.callee);
  if (usesCallerName(transport, ...names)) return { why: `\`${transport}\` uses a name the rewrite would shadow` };
  const [options, callback] = names;
  const caller = `${params(parsed)} => new Promise((resolve, reject) => ${transport}(apiMethod, apiArgs, (err, data) => (err ? reject(err) : resolve(data))))`;
  const lines = [
    ...target.ensure.map((group) => `${group} = ${group} || {};`),
    `${target.path} = function (${options}, ${callback}) {`,
    `  // Calls one Slack Web API method as the table's wrappers do (rtmStartData calls it for each method it needs).`,
    `  const callSlack = ${caller};`,
    ...(contract.defaults ? [`  // Without a callback the answer goes nowhere, as the transport's own default did.`] : []),
    `  callbackify(rtmStartData)(callSlack, ${options}, ${UNSEEN_CALLERS_OPTIONS}, ${contract.defaults ? `${callback} || function () {}` : callback});`,
    '};',
  ];
  return { override: { removal: removalOf(entry), after: statement.range[1], path: target.path, lines, unit: indentStep(parsed, statement, fn) } };
}

/** The `rtm.start` entry and its table, which must be a variable of its own. */
function entryOf(parsed: ParsedFile, node: Node): Entry | string {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.ArrayExpression) return { table: parent, element: node, loopValue: METHODS.rtmStart, object: false };
  if (parent?.type === AST_NODE_TYPES.Property && parent.parent.type === AST_NODE_TYPES.ObjectExpression && parent.kind === 'init' && !parent.method) {
    const key = propertyKeyName(parsed.resolver, parent);
    if (key === undefined) return 'the entry is stored under a key chosen at run time';
    return { table: parent.parent, element: parent, loopValue: key, object: true };
  }
  return 'the entry is not a plain element of an array or object literal';
}

/** The table's one reader: `table.forEach(fn)` / `Object.keys(table).forEach(fn)`, a statement of its own. */
function generatorOf(parsed: ParsedFile, entry: Entry): { fn: Generator; statement: TSESTree.ExpressionStatement } | string {
  const declarator = entry.table.parent;
  if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== entry.table || declarator.id.type !== AST_NODE_TYPES.Identifier) {
    return 'the table is not held in a variable of its own';
  }
  const variable = variableOf(parsed.resolver, declarator.id);
  const refs = variable?.references.filter((r) => r.identifier !== declarator.id) ?? [];
  if (variable?.defs.length !== 1 || refs.some((r) => r.isWrite())) return 'the table is assigned again';
  const uses = refs.flatMap((r) => (r.identifier.type === AST_NODE_TYPES.Identifier ? [r.identifier] : []));
  const iterated = uses.map((id) => iteration(id, entry.object)).filter((g) => g !== undefined);
  const [generator] = iterated;
  if (!generator || iterated.length !== 1) return 'the table is not read by exactly one `forEach` that generates its wrappers';
  // An object table is read inside its generator as `table[key]`; any other read may see the removed entry.
  const elsewhere = uses.filter((id) => !(entry.object && within(id, generator.fn) && isKeyRead(parsed, id, generator.fn)) && iteration(id, entry.object) === undefined);
  if (elsewhere.length > 0 || uses.length !== refs.length) return `the table is read besides its generator (line ${elsewhere[0]?.loc.start.line ?? '?'}), which would no longer see the entry`;
  return generator;
}

/** `table.forEach(fn)` (array) or `Object.keys(table).forEach(fn)` (object) as a statement, from the table's name. */
function iteration(id: TSESTree.Identifier, object: boolean): { fn: Generator; statement: TSESTree.ExpressionStatement } | undefined {
  let iterated: Node = id;
  if (object) {
    const keys = id.parent;
    if (keys.type !== AST_NODE_TYPES.CallExpression || keys.arguments[0] !== id || keys.arguments.length !== 1) return undefined;
    const callee = keys.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== 'Object') return undefined;
    if (callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'keys') return undefined;
    iterated = keys;
  }
  const member = iterated.parent;
  if (member.type !== AST_NODE_TYPES.MemberExpression || member.object !== iterated || member.computed || member.property.type !== AST_NODE_TYPES.Identifier || member.property.name !== 'forEach') return undefined;
  const call = member.parent;
  const [fn] = call.type === AST_NODE_TYPES.CallExpression ? call.arguments : [];
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member || call.arguments.length !== 1 || !fn) return undefined;
  if ((fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression) || fn.body.type !== AST_NODE_TYPES.BlockStatement) return undefined;
  return call.parent.type === AST_NODE_TYPES.ExpressionStatement ? { fn: fn as Generator, statement: call.parent } : undefined;
}

/** The generator's parameter, never reassigned: the method name (array) or the key (object). */
function loopParam(parsed: ParsedFile, fn: Generator): TSESLint.Scope.Variable | undefined {
  const [param] = fn.params;
  if (param?.type !== AST_NODE_TYPES.Identifier || fn.params.length !== 1) return undefined;
  const variable = variableOf(parsed.resolver, param);
  return variable && !variable.references.some((r) => r.isWrite() && r.identifier !== param) ? variable : undefined;
}

function isLoopParam(parsed: ParsedFile, node: Node, param: TSESLint.Scope.Variable): boolean {
  const bare = unwrap(node);
  return bare.type === AST_NODE_TYPES.Identifier && variableOf(parsed.resolver, bare) === param;
}

/** `table[key]` with `key` the generator's parameter. */
function isKeyRead(parsed: ParsedFile, id: TSESTree.Identifier, fn: Generator): boolean {
  const param = loopParam(parsed, fn);
  const member = id.parent;
  return param !== undefined && member.type === AST_NODE_TYPES.MemberExpression && member.object === id && member.computed && isLoopParam(parsed, member.property, param);
}

/**
 * The one wrapper the generator stores: `target = function (options, cb) { transport(name, options, cb); }`,
 * its parameters handed on in order after the method name, nothing else done.
 */
function wrapperOf(parsed: ParsedFile, fn: Generator, entry: Entry): { assignment: TSESTree.AssignmentExpression & { left: TSESTree.MemberExpression }; call: TSESTree.CallExpression; names: string[] } | string {
  const param = loopParam(parsed, fn);
  if (!param) return "the generator's parameter is not a name of its own";
  const stored = [...descendants(parsed.resolver, fn.body)].filter(
    (n): n is TSESTree.AssignmentExpression => n.type === AST_NODE_TYPES.AssignmentExpression && (n.right.type === AST_NODE_TYPES.FunctionExpression || n.right.type === AST_NODE_TYPES.ArrowFunctionExpression),
  );
  const [assignment] = stored;
  if (!assignment || stored.length !== 1 || assignment.left.type !== AST_NODE_TYPES.MemberExpression) return 'the generator does not store exactly one wrapper function';
  const wrapper = assignment.right as TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
  if (wrapper.body.type !== AST_NODE_TYPES.BlockStatement) return "the wrapper returns its transport's value";
  const [only] = wrapper.body.body;
  const call = only?.type === AST_NODE_TYPES.ExpressionStatement ? only.expression : undefined;
  if (wrapper.body.body.length !== 1 || call?.type !== AST_NODE_TYPES.CallExpression) return 'the wrapper does more than hand its arguments to one transport call';
  const names = wrapper.params.map((p) => (p.type === AST_NODE_TYPES.Identifier ? p.name : ''));
  const [method, ...rest] = call.arguments;
  const methodGiven = method !== undefined && (entry.object ? isTableRead(parsed, method, entry, param) : isLoopParam(parsed, method, param));
  if (!methodGiven) return 'the wrapper does not give its transport the method name first';
  if (names.length !== 2 || names.includes('') || rest.length !== 2 || rest.some((a, i) => a.type !== AST_NODE_TYPES.Identifier || a.name !== names[i])) {
    return 'the wrapper does not hand exactly its arguments and its callback to the transport';
  }
  return { assignment: assignment as TSESTree.AssignmentExpression & { left: TSESTree.MemberExpression }, call, names };
}

function isTableRead(parsed: ParsedFile, node: Node, entry: Entry, param: TSESLint.Scope.Variable): boolean {
  const bare = unwrap(node);
  const declarator = entry.table.parent;
  return (
    bare.type === AST_NODE_TYPES.MemberExpression &&
    bare.computed &&
    bare.object.type === AST_NODE_TYPES.Identifier &&
    declarator.type === AST_NODE_TYPES.VariableDeclarator &&
    declarator.id.type === AST_NODE_TYPES.Identifier &&
    bare.object.name === declarator.id.name &&
    isLoopParam(parsed, bare.property, param)
  );
}

/** Where the wrapper is stored for this entry, as code that reads the same after the generator, and the groups to make first. */
function targetOf(parsed: ParsedFile, fn: Generator, left: TSESTree.MemberExpression, entry: Entry): { path: string; ensure: string[] } | string {
  const param = loopParam(parsed, fn);
  if (!param || !left.computed) return 'the wrapper is stored under a fixed name';
  const walked = groupWalk(parsed, fn, left, param);
  if (walked) {
    if ('why' in walked) return walked.why;
    const parts = entry.loopValue.split('.');
    const method = parts.pop() ?? '';
    let path = walked.root;
    const ensure: string[] = [];
    for (const [i, group] of parts.entries()) {
      path += access(group);
      // A group another entry of the table makes exists already; the removed entry's own group is made here.
      const prefix = `${parts.slice(0, i + 1).join('.')}.`;
      if (!otherEntries(entry).some((m) => m.startsWith(prefix))) ensure.push(path);
    }
    return { path: path + access(method), ensure };
  }
  const key = evaluate(left.property, param, entry.loopValue);
  if (key === undefined) return "the wrapper's name is not computed from the method name in a way rtm-migrate follows";
  const root = outerPath(parsed, fn, left.object);
  if (!root) return 'the wrapper is stored on an object the code after the generator may not see the same';
  if (left.object.type !== AST_NODE_TYPES.Identifier && otherEntries(entry).length === 0) return 'the object the wrappers are stored on may not exist without the entry';
  return { path: root + access(key), ensure: [] };
}

/** The table's other entries, as far as they are written out. */
function otherEntries(entry: Entry): string[] {
  const values = entry.object ? (entry.table as TSESTree.ObjectExpression).properties.map((p) => (p.type === AST_NODE_TYPES.Property ? p.value : p)) : (entry.table as TSESTree.ArrayExpression).elements;
  const element = entry.object ? (entry.element as TSESTree.Property).value : entry.element;
  return values.flatMap((v) => (v && v !== element && v.type === AST_NODE_TYPES.Literal && typeof v.value === 'string' ? [v.value] : []));
}

/** `.name`, or `['a-b']` for a key that is no identifier. */
function access(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** The wrapper's key from the loop value: the parameter itself, or `name.replace('.', '_')` with literal strings. */
function evaluate(node: Node, param: TSESLint.Scope.Variable, value: string): string | undefined {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.Identifier) return param.references.some((r) => r.identifier === bare) ? value : undefined;
  if (bare.type !== AST_NODE_TYPES.CallExpression || bare.callee.type !== AST_NODE_TYPES.MemberExpression || bare.callee.computed) return undefined;
  const { object, property } = bare.callee;
  const [from, to] = bare.arguments;
  const literal = (n: Node | undefined): n is TSESTree.StringLiteral => n?.type === AST_NODE_TYPES.Literal && typeof n.value === 'string';
  if (property.type !== AST_NODE_TYPES.Identifier || property.name !== 'replace' || bare.arguments.length !== 2 || !literal(from) || !literal(to)) return undefined;
  const base = evaluate(object, param, value);
  return base === undefined ? undefined : base.replace(from.value, () => to.value);
}

/**
 * `root.a.b` made of names and fixed members, `root` a variable declared outside the generator and
 * bound once (or `this` in an arrow generator): it reads the same right after the generator.
 */
function outerPath(parsed: ParsedFile, fn: Generator, node: Node): string | undefined {
  const bare = unwrap(node);
  if (bare.type === AST_NODE_TYPES.ThisExpression) return fn.type === AST_NODE_TYPES.ArrowFunctionExpression ? 'this' : undefined;
  if (bare.type === AST_NODE_TYPES.MemberExpression) {
    if (bare.computed || bare.property.type !== AST_NODE_TYPES.Identifier) return undefined;
    const object = outerPath(parsed, fn, bare.object);
    return object === undefined ? undefined : `${object}.${bare.property.name}`;
  }
  if (bare.type !== AST_NODE_TYPES.Identifier) return undefined;
  const variable = variableOf(parsed.resolver, bare);
  const def = variable?.defs[0];
  if (!variable || !def || variable.defs.length !== 1 || within(def.name, fn)) return undefined;
  if (variable.references.some((r) => r.isWrite() && r.identifier !== def.name)) return undefined;
  return bare.name;
}

/**
 * botkit's walk down the method name's groups, `group[method]` where
 *   var groups = name.split('.'); var method = groups.pop(); var group = root;
 *   groups.forEach(function (g) { if (!group[g]) group[g] = {}; group = group[g]; });
 * (or `group[g] = group[g] || {}`): the root's path. Undefined when the target is not such a walk.
 */
function groupWalk(parsed: ParsedFile, fn: Generator, left: TSESTree.MemberExpression, param: TSESLint.Scope.Variable): { root: string } | { why: string } | undefined {
  if (left.object.type !== AST_NODE_TYPES.Identifier || left.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const local = (id: TSESTree.Identifier): TSESTree.VariableDeclarator | undefined => {
    const def = variableOf(parsed.resolver, id)?.defs[0];
    return def?.type === TSESLint.Scope.DefinitionType.Variable && within(def.node, fn.body) ? def.node : undefined;
  };
  const groupDecl = local(left.object);
  const methodDecl = local(left.property);
  if (!groupDecl || !methodDecl) return undefined;
  const strip = (n: Node): string => text(parsed, n).replace(/\s+/g, '');
  const group = left.object.name;
  const popped = /^([A-Za-z_$][\w$]*)\.pop\(\)$/.exec(methodDecl.init ? strip(methodDecl.init) : '');
  const groups = popped?.[1];
  const groupsDecl = fn.body.body.flatMap((s) => (s.type === AST_NODE_TYPES.VariableDeclaration ? s.declarations : [])).find((d) => d.id.type === AST_NODE_TYPES.Identifier && d.id.name === groups);
  const name = param.name;
  const split = groupsDecl?.init ? strip(groupsDecl.init) : '';
  const unfollowed = { why: 'the wrapper is stored by a walk down the method name that rtm-migrate does not follow' };
  if (!groups || (split !== `${name}.split('.')` && split !== `${name}.split(".")`)) return unfollowed;
  const walk = fn.body.body.find((s) => s.type === AST_NODE_TYPES.ExpressionStatement && strip(s).startsWith(`${groups}.forEach(`));
  const loop = walk?.type === AST_NODE_TYPES.ExpressionStatement && walk.expression.type === AST_NODE_TYPES.CallExpression ? walk.expression.arguments[0] : undefined;
  const g = loop && (loop.type === AST_NODE_TYPES.FunctionExpression || loop.type === AST_NODE_TYPES.ArrowFunctionExpression) && loop.params[0]?.type === AST_NODE_TYPES.Identifier ? loop.params[0].name : undefined;
  const body = loop && (loop.type === AST_NODE_TYPES.FunctionExpression || loop.type === AST_NODE_TYPES.ArrowFunctionExpression) ? strip(loop.body) : '';
  const makes = [`if(!${group}[${g}]){${group}[${g}]={};}`, `if(!${group}[${g}])${group}[${g}]={};`, `${group}[${g}]=${group}[${g}]||{};`];
  if (!g || !makes.some((m) => body === `{${m}${group}=${group}[${g}];}`)) return unfollowed;
  // The walk is the only thing that moves `group`, and `method` is only read.
  const groupVariable = variableOf(parsed.resolver, left.object);
  const writes = groupVariable?.references.filter((r) => r.isWrite() && r.identifier !== groupDecl.id) ?? [];
  if (writes.length !== 1 || !within(writes[0]?.identifier ?? left, loop ?? left)) return unfollowed;
  const root = groupDecl.init ? outerPath(parsed, fn, groupDecl.init) : undefined;
  return root ? { root } : { why: 'the wrappers are stored on an object the code after the generator may not see the same' };
}

/** The entry's text and what separates it from its neighbours: the entry after takes its place (or the one before ends the list). */
function removalOf(entry: Entry): { start: number; end: number } {
  const items: Node[] = entry.object ? (entry.table as TSESTree.ObjectExpression).properties : (entry.table as TSESTree.ArrayExpression).elements.filter((e): e is TSESTree.Expression | TSESTree.SpreadElement => e !== null);
  const at = items.indexOf(entry.element);
  const next = items[at + 1];
  const previous = items[at - 1];
  if (next) return { start: entry.element.range[0], end: next.range[0] };
  if (previous) return { start: previous.range[1], end: entry.element.range[1] };
  return { start: entry.element.range[0], end: entry.element.range[1] };
}

/** The file's indentation step as the generator shows it: its body's indentation past its own. */
function indentStep(parsed: ParsedFile, statement: Node, fn: Generator): string {
  const lead = (node: Node): string => /^[ \t]*/.exec(parsed.text.slice(parsed.text.lastIndexOf('\n', node.range[0] - 1) + 1))?.[0] ?? '';
  const outer = lead(statement);
  const inner = fn.body.body[0] ? lead(fn.body.body[0]) : '';
  return inner.startsWith(outer) && inner.length > outer.length ? inner.slice(outer.length) : '  ';
}
