import { CONVERSATION_LIST_FIELDS } from '@rtm-migrate/core';
import { Node, SyntaxKind, type Identifier } from 'ts-morph';
import type { FlowStart } from './sites.js';
import { staticString } from './resolve.js';

export interface RawRead {
  readonly field: string;
  readonly node: Node;
}
export interface RawEscape {
  readonly node: Node;
  readonly reason: string;
}

/** Array-valued fields of an rtm.start response: reads of their items are `<field>[].x`. */
const ARRAY_FIELDS = new Set([...Object.keys(CONVERSATION_LIST_FIELDS), 'users', 'bots', 'subteams']);
const ITEM_CALLBACK = new Set(['forEach', 'map', 'filter', 'find', 'findLast', 'some', 'every', 'flatMap', 'findIndex', 'sort']);
const SAME_ARRAY = new Set(['filter', 'slice', 'sort', 'reverse', 'concat', 'toSorted', 'toReversed']);
const ITEM_RESULT = new Set(['find', 'findLast', 'at', 'pop', 'shift']);
const MAX_STEPS = 5000;

function isArrayPath(path: string): boolean {
  if (path === '') return false;
  if (path.endsWith('[]')) return false;
  return ARRAY_FIELDS.has(path) || /\[\]\.members$/.test(path);
}

const join = (path: string, name: string): string => (path ? `${path}.${name}` : name);

/**
 * Follows the value an `rtm.start` site produces, through variables, destructuring, `await`, `.then`,
 * casts, fields (`this.x = res`), arguments and return values, across functions and files, and
 * collects every field path read off it.
 */
export class FlowFollower {
  readonly reads: RawRead[] = [];
  readonly escapes: RawEscape[] = [];
  private readonly seen = new Set<string>();
  private steps = 0;

  follow(start: FlowStart): this {
    if (start.kind === 'value') this.value(start.node, '', start.promise);
    else this.binding(start.node, '', false);
    return this;
  }

  private read(field: string, node: Node): void {
    this.reads.push({ field, node });
  }

  private escape(node: Node, reason: string): void {
    this.escapes.push({ node, reason });
  }

  private key(node: Node, path: string, promise: boolean): string {
    return `${node.getSourceFile().getFilePath()}:${node.getStart()}:${node.getEnd()}:${path}:${promise}`;
  }

  /** `node` evaluates to the value at `path` (a promise of it when `promise`). */
  value(node: Node, path: string, promise: boolean): void {
    const k = this.key(node, path, promise);
    if (this.seen.has(k) || ++this.steps > MAX_STEPS) return;
    this.seen.add(k);
    const parent = node.getParent();
    if (!parent) return;

    if (
      Node.isParenthesizedExpression(parent) ||
      Node.isAsExpression(parent) ||
      Node.isNonNullExpression(parent) ||
      Node.isTypeAssertion(parent) ||
      Node.isSatisfiesExpression(parent)
    ) {
      return this.value(parent, path, promise);
    }
    if (Node.isAwaitExpression(parent)) return this.value(parent, path, false);
    if (Node.isConditionalExpression(parent) && parent.getCondition() !== node) return this.value(parent, path, promise);
    if (Node.isBinaryExpression(parent)) {
      const op = parent.getOperatorToken().getKind();
      if (op === SyntaxKind.EqualsToken && parent.getRight() === node) return this.assigned(parent.getLeft(), path, promise);
      if ((op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken || op === SyntaxKind.AmpersandAmpersandToken) && parent.getRight() === node) {
        return this.value(parent, path, promise);
      }
      if (op === SyntaxKind.BarBarToken || op === SyntaxKind.QuestionQuestionToken) return this.value(parent, path, promise);
      return;
    }
    if (Node.isPropertyAccessExpression(parent) && parent.getExpression() === node) {
      return this.member(parent, parent.getName(), path, promise);
    }
    if (Node.isElementAccessExpression(parent) && parent.getExpression() === node) {
      const name = staticString(parent.getArgumentExpression());
      if (name !== undefined) return this.member(parent, name, path, promise);
      if (isArrayPath(path)) return this.value(parent, `${path}[]`, false);
      if (path === '') this.escape(parent, 'read with a computed property name');
      return;
    }
    if (Node.isVariableDeclaration(parent) && parent.getInitializer() === node) return this.binding(parent.getNameNode(), path, promise);
    if (Node.isCallExpression(parent) && parent.getArguments().includes(node)) return this.argument(parent, parent.getArguments().indexOf(node), path, promise);
    if (Node.isReturnStatement(parent)) return this.returned(parent, path, promise);
    if (Node.isArrowFunction(parent) && parent.getBody() === node) return this.returned(node, path, promise);
    if (Node.isForOfStatement(parent) && parent.getExpression() === node) {
      if (!isArrayPath(path)) return;
      const init = parent.getInitializer();
      if (Node.isVariableDeclarationList(init)) {
        const decl = init.getDeclarations()[0];
        if (decl) this.binding(decl.getNameNode(), `${path}[]`, false);
      }
      return;
    }
    if (Node.isTypeQuery(parent) || Node.isTypeNode(parent) || Node.isExpressionStatement(parent)) return;
    if (Node.isTemplateSpan(parent) || Node.isPrefixUnaryExpression(parent) || Node.isIfStatement(parent) || Node.isTypeOfExpression(parent)) return;
    if (path === '' || (promise && path === '')) {
      this.escape(parent, `the response is ${describe(parent)}`);
    }
  }

  private member(access: Node, name: string, path: string, promise: boolean): void {
    if (promise) {
      if (name === 'then') {
        const call = access.getParent();
        if (call && Node.isCallExpression(call)) {
          const cb = call.getArguments()[0];
          if (cb && (Node.isArrowFunction(cb) || Node.isFunctionExpression(cb))) {
            const p = cb.getParameters()[0];
            if (p) this.binding(p.getNameNode(), path, false);
          } else if (cb && path === '') {
            this.escape(cb, `the response goes to \`${cb.getText().slice(0, 40)}\``);
          }
        }
      } else if (name === 'catch' || name === 'finally') {
        const call = access.getParent();
        if (call && Node.isCallExpression(call)) this.value(call, path, true);
      }
      return;
    }
    if (isArrayPath(path)) {
      const call = access.getParent();
      const isCall = call && Node.isCallExpression(call) && call.getExpression() === access;
      if (isCall && ITEM_CALLBACK.has(name)) {
        const cb = call.getArguments()[0];
        if (cb && (Node.isArrowFunction(cb) || Node.isFunctionExpression(cb))) {
          const p = cb.getParameters()[0];
          if (p) this.binding(p.getNameNode(), `${path}[]`, false);
        }
      }
      if (isCall && SAME_ARRAY.has(name)) this.value(call, path, false);
      if (isCall && ITEM_RESULT.has(name)) this.value(call, `${path}[]`, false);
      return;
    }
    const field = join(path, name);
    this.read(field, access);
    this.value(access, field, false);
  }

  /** A binding (variable, parameter, destructuring pattern) that receives the value at `path`. */
  binding(name: Node, path: string, promise: boolean): void {
    if (Node.isIdentifier(name)) return this.references(name, path, promise);
    if (Node.isObjectBindingPattern(name)) {
      for (const el of name.getElements()) {
        if (el.getDotDotDotToken()) {
          if (path === '') this.escape(el, 'the rest of the response is kept in an object');
          continue;
        }
        const prop = el.getPropertyNameNode();
        const key = prop ? (staticString(prop) ?? prop.getText()) : el.getName();
        const field = join(path, key);
        this.read(field, el);
        this.binding(el.getNameNode(), field, false);
      }
      return;
    }
    if (Node.isArrayBindingPattern(name) && isArrayPath(path)) {
      for (const el of name.getElements()) if (Node.isBindingElement(el)) this.binding(el.getNameNode(), `${path}[]`, false);
    }
  }

  private references(id: Identifier, path: string, promise: boolean): void {
    let refs: Node[];
    try {
      refs = localReferences(id) ?? id.findReferencesAsNodes();
    } catch {
      if (path === '') this.escape(id, 'its references could not be found');
      return;
    }
    for (const ref of refs) {
      if (ref === id) continue;
      if (ref.getFirstAncestor((a) => Node.isTypeNode(a) || Node.isTypeQuery(a))) continue;
      const parent = ref.getParent();
      if (parent && Node.isBinaryExpression(parent) && parent.getLeft() === ref && parent.getOperatorToken().getKind() === SyntaxKind.EqualsToken) continue;
      this.value(ref, path, promise);
    }
  }

  private assigned(target: Node, path: string, promise: boolean): void {
    if (Node.isIdentifier(target)) return this.references(target, path, promise);
    if (Node.isPropertyAccessExpression(target)) {
      // this.workspace = res: follow every read of the field, in any method.
      const name = target.getNameNode();
      for (const ref of referencesOf(name)) {
        if (ref === name) continue;
        const access = ref.getParent();
        if (!access) continue;
        if (Node.isPropertyAccessExpression(access) && access.getNameNode() === ref) {
          const outer = access.getParent();
          if (outer && Node.isBinaryExpression(outer) && outer.getLeft() === access && outer.getOperatorToken().getKind() === SyntaxKind.EqualsToken) continue;
          this.value(access, path, promise);
        } else if (Node.isPropertyDeclaration(access) || Node.isParameterDeclaration(access)) {
          continue;
        }
      }
      return;
    }
    if (path === '') this.escape(target, `the response is stored in \`${target.getText().slice(0, 40)}\``);
  }

  private argument(call: Node & { getExpression(): Node }, index: number, path: string, promise: boolean): void {
    const callee = call.getExpression();
    const fn = functionOf(callee);
    if (fn) {
      const param = fn.getParameters()[index];
      if (param) {
        if (param.getDotDotDotToken()) {
          if (path === '') this.escape(param, 'passed to a rest parameter');
          return;
        }
        return this.binding(param.getNameNode(), path, promise);
      }
      return;
    }
    const calleeText = callee.getText();
    if (path === '' && !/^(console\.\w+|JSON\.stringify|Boolean|String)$/.test(calleeText)) {
      this.escape(call, `the response is passed to \`${calleeText.slice(0, 40)}\`, which could not be followed`);
    }
  }

  private returned(node: Node, path: string, promise: boolean): void {
    const fn = node.getFirstAncestor(
      (a) => Node.isFunctionDeclaration(a) || Node.isFunctionExpression(a) || Node.isArrowFunction(a) || Node.isMethodDeclaration(a),
    );
    if (!fn) return;
    const isAsync = (fn as Node & { isAsync?(): boolean }).isAsync?.() ?? false;
    // A `.then` callback: its return value is what the then() promise resolves to.
    const parent = fn.getParent();
    if (parent && Node.isCallExpression(parent) && parent.getArguments()[0] === fn) {
      const access = parent.getExpression();
      if (Node.isPropertyAccessExpression(access) && access.getName() === 'then') return this.value(parent, path, true);
    }
    const nameNode = functionNameNode(fn);
    if (!nameNode) {
      if (path === '') this.escape(node, 'the response is returned from an anonymous function');
      return;
    }
    let callers = 0;
    for (const ref of referencesOf(nameNode)) {
      if (ref === nameNode) continue;
      if (ref.getFirstAncestor((a) => Node.isImportDeclaration(a) || Node.isExportDeclaration(a) || Node.isExportAssignment(a))) continue;
      let callee: Node = ref;
      const p = ref.getParent();
      if (p && Node.isPropertyAccessExpression(p) && p.getNameNode() === ref) callee = p;
      const call = callee.getParent();
      if (call && Node.isCallExpression(call) && call.getExpression() === callee) {
        callers++;
        this.value(call, path, promise || isAsync);
      } else if (path === '') {
        this.escape(ref, `\`${nameNode.getText()}\` is used as a value`);
      }
    }
    if (callers === 0 && path === '') this.escape(node, `the response is returned from \`${nameNode.getText()}\` to callers outside the project`);
  }
}

/**
 * References of a local binding (a parameter, or a variable that is not exported), found by walking
 * its function (or file) and comparing symbols: much cheaper than the language service's
 * find-all-references, which also computes display texts. Undefined when the binding may be used
 * from other files.
 */
function localReferences(id: Identifier): Node[] | undefined {
  const symbol = id.getSymbol();
  const decl = symbol?.getDeclarations()[0];
  if (!symbol || !decl) return undefined;
  const container = decl.getFirstAncestor((a) => Node.isFunctionLikeDeclaration(a) || Node.isArrowFunction(a) || Node.isFunctionExpression(a)) ?? decl.getSourceFile();
  if (Node.isSourceFile(container)) {
    const statement = decl.getFirstAncestorByKind(SyntaxKind.VariableStatement);
    if (!statement || statement.isExported()) return undefined;
    if (container.getExportSymbols().some((e) => e.getName() === id.getText())) return undefined;
  }
  const name = id.getText();
  const target = symbol.compilerSymbol;
  const out: Node[] = [];
  for (const candidate of container.getDescendantsOfKind(SyntaxKind.Identifier)) {
    if (candidate === id || candidate.getText() !== name) continue;
    const s = candidate.getSymbol();
    if (s && s.compilerSymbol === target) out.push(candidate);
  }
  return out;
}

type FunctionLike = Node & { getParameters(): import('ts-morph').ParameterDeclaration[] };

function functionOf(callee: Node): FunctionLike | undefined {
  let symbol = callee.getSymbol();
  if (symbol?.isAlias()) symbol = symbol.getAliasedSymbol() ?? symbol;
  for (let decl of symbol?.getDeclarations() ?? []) {
    if (Node.isVariableDeclaration(decl)) {
      const init = decl.getInitializer();
      if (init) decl = init;
    }
    if (Node.isPropertyAssignment(decl)) {
      const init = decl.getInitializer();
      if (init) decl = init;
    }
    if (
      Node.isFunctionDeclaration(decl) ||
      Node.isFunctionExpression(decl) ||
      Node.isArrowFunction(decl) ||
      Node.isMethodDeclaration(decl)
    ) {
      return decl;
    }
  }
  return undefined;
}

function functionNameNode(fn: Node): Identifier | undefined {
  if (Node.isFunctionDeclaration(fn) || Node.isMethodDeclaration(fn)) {
    const n = fn.getNameNode();
    return n && Node.isIdentifier(n) ? n : undefined;
  }
  const parent = fn.getParent();
  if (parent && Node.isVariableDeclaration(parent)) {
    const n = parent.getNameNode();
    return Node.isIdentifier(n) ? n : undefined;
  }
  if (parent && Node.isPropertyAssignment(parent)) {
    const n = parent.getNameNode();
    return Node.isIdentifier(n) ? n : undefined;
  }
  return undefined;
}

function describe(node: Node): string {
  if (Node.isArrayLiteralExpression(node)) return 'put in an array';
  if (Node.isObjectLiteralExpression(node) || Node.isPropertyAssignment(node) || Node.isShorthandPropertyAssignment(node)) return 'put in an object';
  if (Node.isSpreadElement(node) || Node.isSpreadAssignment(node)) return 'spread';
  return `used in \`${node.getText().slice(0, 40).replace(/\s+/g, ' ')}\``;
}

/** Every reference to a declared name; none where the language service cannot resolve it. */
function referencesOf(name: Node & { findReferencesAsNodes(): Node[] }): Node[] {
  try {
    return name.findReferencesAsNodes();
  } catch {
    return [];
  }
}
