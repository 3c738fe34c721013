import type { ASTPath } from 'jscodeshift';
import { HELPER_TYPES } from '../helper-module/source.js';
import { addImport, endOf, startOf, type AnyNode, type TransformContext } from './common.js';

/** A type node as the TypeScript parser of jscodeshift (babel) gives it: the parts read here. */
interface TypeNode extends AnyNode {
  readonly typeName?: TypeNode & { readonly name?: string };
  readonly typeParameters?: { readonly params: TypeNode[] } | null;
  readonly objectType?: TypeNode;
  readonly indexType?: TypeNode;
  readonly literal?: { readonly value?: unknown };
  readonly exprName?: TypeNode;
  readonly left?: TypeNode;
  readonly right?: TypeNode & { readonly name?: string };
  readonly name?: string;
}

interface ImportNode extends AnyNode {
  readonly source: { readonly value: unknown };
  readonly specifiers: (AnyNode & { readonly imported?: { readonly name?: string }; readonly local?: { readonly name?: string } })[];
}

/** The SDKs whose types describe `rtm.start`: their response and argument types, and what takes their place. */
const SDK_MODULES = new Set(['@slack/web-api', '@slack/client']);
const SDK_TYPES: Readonly<Record<string, string>> = { RtmStartResponse: HELPER_TYPES.data, RTMStartArguments: HELPER_TYPES.args };

/** `X['rtm']['start']`, `typeof x.rtm.start`: the type of `rtm.start` itself. */
function isStartMethodType(node: TypeNode | undefined): boolean {
  if (node?.type === 'TSIndexedAccessType') {
    const outer = node.indexType?.literal?.value;
    const inner = node.objectType?.type === 'TSIndexedAccessType' ? node.objectType.indexType?.literal?.value : undefined;
    return outer === 'start' && inner === 'rtm';
  }
  if (node?.type === 'TSTypeQuery') {
    const name = node.exprName;
    return name?.type === 'TSQualifiedName' && name.right?.name === 'start' && name.left?.type === 'TSQualifiedName' && name.left.right?.name === 'rtm';
  }
  return false;
}

function referenceName(node: TypeNode): string | undefined {
  return node.type === 'TSTypeReference' && node.typeName?.type === 'Identifier' ? node.typeName.name : undefined;
}

/** `ReturnType<X['rtm']['start']>`: the promise `rtm.start` returns. */
function isStartReturnType(node: TypeNode): boolean {
  return referenceName(node) === 'ReturnType' && node.typeParameters?.params.length === 1 && isStartMethodType(node.typeParameters.params[0]);
}

/**
 * Where the code types a response with `rtm.start`'s own types (`RtmStartResponse`,
 * `Awaited<ReturnType<WebClient['rtm']['start']>>`, `ReturnType<typeof web.rtm.start>`), once its
 * sites call the generated helper module: those types become the module's `RtmStartData` (a promise
 * of it for `ReturnType<…>`), `RTMStartArguments` its `RtmStartArgs`. @slack/web-api 8 has no
 * `rtm.start`, and `RtmStartData` types the data the helper builds; the SDK import of a type no longer
 * used goes. True when it changed a type.
 */
export function retypeStartResponses(ctx: TransformContext, module: string): boolean {
  const locals = new Map<string, string>();
  const specifiers = new Map<string, { declaration: ImportNode; specifier: AnyNode }>();
  ctx.root.find(ctx.j.ImportDeclaration).forEach((p: ASTPath) => {
    const declaration = p.node as ImportNode;
    if (!SDK_MODULES.has(String(declaration.source.value))) return;
    for (const specifier of declaration.specifiers) {
      const imported = specifier.type === 'ImportSpecifier' ? specifier.imported?.name : undefined;
      const replacement = imported === undefined ? undefined : SDK_TYPES[imported];
      const local = specifier.local?.name;
      if (replacement && local) {
        locals.set(local, replacement);
        specifiers.set(local, { declaration, specifier });
      }
    }
  });
  const used = new Set<string>();
  const replaced: AnyNode[] = [];
  const replace = (node: AnyNode, text: string, name: string): void => {
    if (replaced.some((r) => startOf(r) <= startOf(node) && endOf(node) <= endOf(r))) return;
    ctx.edits.push({ start: startOf(node), end: endOf(node), text });
    replaced.push(node);
    used.add(name);
  };
  ctx.root.find(ctx.j.Node).forEach((p: ASTPath<TypeNode>) => {
    const node = p.node;
    const name = referenceName(node);
    if (name === undefined) return;
    const params = node.typeParameters?.params;
    if (name === 'Awaited' && params?.length === 1 && params[0] && isStartReturnType(params[0])) replace(node, HELPER_TYPES.data, HELPER_TYPES.data);
    else if (isStartReturnType(node)) replace(node, `Promise<${HELPER_TYPES.data}>`, HELPER_TYPES.data);
    else {
      const replacement = locals.get(name);
      if (replacement && !node.typeParameters) replace(node, replacement, replacement);
    }
  });
  if (replaced.length === 0) return false;
  for (const name of used) addImport(ctx, module, name, true);
  dropUnusedSpecifiers(ctx, specifiers, replaced);
  return true;
}

/** Removes the SDK type imports whose every use was replaced (the whole declaration when nothing else is left in it). */
function dropUnusedSpecifiers(ctx: TransformContext, specifiers: ReadonlyMap<string, { declaration: ImportNode; specifier: AnyNode }>, replaced: readonly AnyNode[]): void {
  const inReplaced = (node: AnyNode): boolean => replaced.some((r) => startOf(r) <= startOf(node) && endOf(node) <= endOf(r));
  const gone = new Map<ImportNode, AnyNode[]>();
  for (const [local, { declaration, specifier }] of specifiers) {
    const uses = ctx.root.find(ctx.j.Identifier, { name: local }).filter((p: ASTPath<AnyNode>) => !inReplaced(p.node) && !(startOf(specifier) <= startOf(p.node) && endOf(p.node) <= endOf(specifier)));
    if (uses.size() === 0) gone.set(declaration, [...(gone.get(declaration) ?? []), specifier]);
  }
  for (const [declaration, removed] of gone) {
    const kept = declaration.specifiers.filter((s) => !removed.includes(s));
    const first = declaration.specifiers[0];
    const last = declaration.specifiers.at(-1);
    if (kept.length > 0 && first && last) {
      ctx.edits.push({ start: startOf(first), end: endOf(last), text: kept.map((s) => ctx.source.slice(startOf(s), endOf(s))).join(', ') });
      continue;
    }
    // With the line break before it (the new import may be written right after it); at the top, with the
    // one after it when another import follows (then the new one is written after that one).
    const start = startOf(declaration);
    const end = endOf(declaration);
    const lineStart = ctx.source.lastIndexOf('\n', start - 1) + 1;
    const after = /^\r?\n(?=[ \t]*import\b)/.exec(ctx.source.slice(end));
    if (lineStart > 0) ctx.edits.push({ start: lineStart - (ctx.source[lineStart - 2] === '\r' ? 2 : 1), end, text: '' });
    else ctx.edits.push({ start, end: end + (after?.[0].length ?? 0), text: '' });
  }
}
