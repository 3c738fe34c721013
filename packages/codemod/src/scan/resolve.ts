import { Node, SyntaxKind, type Identifier, type SourceFile } from 'ts-morph';

/** Where an identifier's value was imported from, if it was. */
export interface ImportOrigin {
  readonly module: string;
  /** The exported name (`default`, `*` for a namespace / whole-module require). */
  readonly imported: string;
}

const MAX_DEPTH = 8;

/** The string a node evaluates to when it is statically known (literals, templates, consts, `+`). */
export function staticString(node: Node | undefined, depth = 0): string | undefined {
  if (!node || depth > MAX_DEPTH) return undefined;
  if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
  if (Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isSatisfiesExpression(node)) {
    return staticString(node.getExpression(), depth + 1);
  }
  if (Node.isTemplateExpression(node)) {
    let text = node.getHead().getLiteralText();
    for (const span of node.getTemplateSpans()) {
      const value = staticString(span.getExpression(), depth + 1);
      if (value === undefined) return undefined;
      text += value + span.getLiteral().getLiteralText();
    }
    return text;
  }
  if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SyntaxKind.PlusToken) {
    const left = staticString(node.getLeft(), depth + 1);
    const right = staticString(node.getRight(), depth + 1);
    return left !== undefined && right !== undefined ? left + right : undefined;
  }
  if (Node.isIdentifier(node)) {
    const decl = constInitializer(node);
    return decl ? staticString(decl, depth + 1) : undefined;
  }
  return undefined;
}

/** The initializer of the `const` an identifier refers to, if it is one. */
export function constInitializer(id: Identifier): Node | undefined {
  const symbol = id.getSymbol();
  for (const decl of symbol?.getDeclarations() ?? []) {
    if (Node.isVariableDeclaration(decl) && Node.isIdentifier(decl.getNameNode())) {
      const list = decl.getVariableStatement();
      if (list && list.getDeclarationKind() !== 'const') return undefined;
      return decl.getInitializer();
    }
  }
  return undefined;
}

/** `require('m')` → 'm'. */
export function requiredModule(node: Node | undefined): string | undefined {
  if (!node || !Node.isCallExpression(node)) return undefined;
  const callee = node.getExpression();
  if (!Node.isIdentifier(callee) || callee.getText() !== 'require') return undefined;
  const [arg] = node.getArguments();
  return arg && Node.isStringLiteral(arg) ? arg.getLiteralValue() : undefined;
}

/** Follows an identifier to the import / require it came from. */
export function importOrigin(id: Identifier): ImportOrigin | undefined {
  const symbol = id.getSymbol();
  for (const decl of symbol?.getDeclarations() ?? []) {
    if (Node.isImportSpecifier(decl)) {
      const module = decl.getImportDeclaration().getModuleSpecifierValue();
      return { module, imported: decl.getName() };
    }
    if (Node.isImportClause(decl)) {
      const importDecl = decl.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
      return importDecl ? { module: importDecl.getModuleSpecifierValue(), imported: 'default' } : undefined;
    }
    if (Node.isNamespaceImport(decl)) {
      const importDecl = decl.getFirstAncestorByKind(SyntaxKind.ImportDeclaration);
      return importDecl ? { module: importDecl.getModuleSpecifierValue(), imported: '*' } : undefined;
    }
    if (Node.isImportEqualsDeclaration(decl)) {
      const ref = decl.getModuleReference();
      if (Node.isExternalModuleReference(ref)) {
        const expr = ref.getExpression();
        if (expr && Node.isStringLiteral(expr)) return { module: expr.getLiteralValue(), imported: '*' };
      }
      return undefined;
    }
    if (Node.isBindingElement(decl)) {
      // const { RTMClient: R } = require('m')
      const pattern = decl.getParent();
      const varDecl = pattern?.getParent();
      if (varDecl && Node.isVariableDeclaration(varDecl)) {
        const module = requiredModule(varDecl.getInitializer());
        if (module) return { module, imported: decl.getPropertyNameNode()?.getText() ?? decl.getName() };
      }
      return undefined;
    }
    if (Node.isVariableDeclaration(decl)) {
      const init = skipWrappers(decl.getInitializer());
      const module = requiredModule(init);
      if (module) return { module, imported: '*' };
      // const WebClient = require('m').WebClient
      if (init && Node.isPropertyAccessExpression(init)) {
        const inner = requiredModule(init.getExpression());
        if (inner) return { module: inner, imported: init.getName() };
      }
      return undefined;
    }
  }
  return undefined;
}

/** The import origin of a class / factory expression: `R`, `ns.RTMClient`, `require('m').RTMClient`. */
export function originOfExpression(node: Node | undefined): ImportOrigin | undefined {
  const expr = skipWrappers(node);
  if (!expr) return undefined;
  if (Node.isIdentifier(expr)) return importOrigin(expr);
  if (Node.isPropertyAccessExpression(expr)) {
    const inner = expr.getExpression();
    const module = requiredModule(inner);
    if (module) return { module, imported: expr.getName() };
    if (Node.isIdentifier(inner)) {
      const origin = importOrigin(inner);
      if (origin && (origin.imported === '*' || origin.imported === 'default')) return { module: origin.module, imported: expr.getName() };
    }
  }
  return undefined;
}

export function skipWrappers(node: Node | undefined): Node | undefined {
  let n = node;
  while (
    n &&
    (Node.isParenthesizedExpression(n) ||
      Node.isAsExpression(n) ||
      Node.isNonNullExpression(n) ||
      Node.isTypeAssertion(n) ||
      Node.isSatisfiesExpression(n) ||
      Node.isAwaitExpression(n))
  ) {
    n = n.getExpression();
  }
  return n;
}

/** Every module specifier a file imports or requires. */
export function modulesOf(sf: SourceFile): string[] {
  const modules = sf.getImportDeclarations().map((d) => d.getModuleSpecifierValue());
  for (const call of sf.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const m = requiredModule(call);
    if (m) modules.push(m);
  }
  for (const d of sf.getDescendantsOfKind(SyntaxKind.ImportEqualsDeclaration)) {
    const ref = d.getModuleReference();
    if (Node.isExternalModuleReference(ref)) {
      const e = ref.getExpression();
      if (e && Node.isStringLiteral(e)) modules.push(e.getLiteralValue());
    }
  }
  return modules;
}

/** The identifier at the root of `a.b.c` / `a['b']` / `this.a` (`this` yields undefined). */
export function rootIdentifier(node: Node): Identifier | undefined {
  let n: Node | undefined = node;
  while (n) {
    n = skipWrappers(n);
    if (!n) return undefined;
    if (Node.isIdentifier(n)) return n;
    if (Node.isPropertyAccessExpression(n) || Node.isElementAccessExpression(n)) n = n.getExpression();
    else return undefined;
  }
  return undefined;
}
