import { dirname } from 'node:path';
import { originOf } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { CODEMOD_MESSAGES } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { declaredRange, nearestManifest } from '@rtm-migrate/analysis';
import { clientOfCall } from '../helper-module/fits.js';
import type { FoundSite } from './found.js';

/**
 * Why the inline rewrite, which reads every page with `client.paginate(…)`, may not go through this
 * site's client: it is typed as something that declares no `paginate` (the app's own interface), or
 * it is `@slack/client`'s `WebClient` (v3 and v4 have none), or nothing says what it is in a file that
 * uses only `@slack/client`. Undefined when `paginate` is there (or nothing says otherwise).
 */
export function paginateUnsure(parsed: ParsedFile, site: FoundSite): string | undefined {
  if (site.node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const client = clientOfCall(parsed, site.node);
  switch (client.kind) {
    case 'web-api':
      return undefined;
    case 'slack-client':
      return CODEMOD_MESSAGES.noPaginate("`@slack/client`'s `WebClient`");
    case 'typed':
      return declaresMember(parsed, client.name, 'paginate') ? undefined : CODEMOD_MESSAGES.noPaginate(`a client typed \`${client.name}\``);
    case 'module':
      return client.module === '@slack/web-api' ? undefined : CODEMOD_MESSAGES.noPaginate(`a value of \`${client.module}\``);
    default:
      return webApiInReach(parsed) ? undefined : CODEMOD_MESSAGES.noPaginate('a client nothing here says is `@slack/web-api`\'s');
  }
}

/**
 * A client nothing types or makes in the file is taken for `@slack/web-api`'s only where that SDK is
 * in reach and the old one is not: the file imports it, or its package depends on it. Callback-era
 * code passes `@slack/client` v3 clients, the `slack` package's API object and the app's own
 * wrappers around untyped, and none of them has `paginate`.
 */
function webApiInReach(parsed: ParsedFile): boolean {
  const from = (module: string): RegExp => new RegExp(`(from\\s*|require\\(\\s*)['"]${module.replace('/', '\\/')}['"]`);
  if (from('@slack/web-api').test(parsed.text)) return true;
  if (from('@slack/client').test(parsed.text)) return false;
  const manifest = nearestManifest(dirname(parsed.file))?.manifest;
  return manifest !== undefined && declaredRange(manifest, '@slack/web-api') !== undefined && declaredRange(manifest, '@slack/client') === undefined;
}


/** An interface, type literal or class of the file named `name` that declares `member` (a class: or extends @slack/web-api's `WebClient`). */
function declaresMember(parsed: ParsedFile, name: string, member: string): boolean {
  const named = (key: TSESTree.Node): boolean => key.type === AST_NODE_TYPES.Identifier && key.name === member;
  for (const statement of parsed.program.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
    if (!declaration) continue;
    if (declaration.type === AST_NODE_TYPES.TSInterfaceDeclaration && declaration.id.name === name) {
      return declaration.body.body.some((m) => (m.type === AST_NODE_TYPES.TSPropertySignature || m.type === AST_NODE_TYPES.TSMethodSignature) && named(m.key));
    }
    if (declaration.type === AST_NODE_TYPES.TSTypeAliasDeclaration && declaration.id.name === name) {
      const type = declaration.typeAnnotation;
      return type.type === AST_NODE_TYPES.TSTypeLiteral && type.members.some((m) => (m.type === AST_NODE_TYPES.TSPropertySignature || m.type === AST_NODE_TYPES.TSMethodSignature) && named(m.key));
    }
    if (declaration.type === AST_NODE_TYPES.ClassDeclaration && declaration.id?.name === name) {
      const base = declaration.superClass ? originOf(parsed.resolver, declaration.superClass) : undefined;
      if (base && !base.instance && base.module === '@slack/web-api' && base.name === 'WebClient') return true;
      return declaration.body.body.some((m) => (m.type === AST_NODE_TYPES.MethodDefinition || m.type === AST_NODE_TYPES.PropertyDefinition) && named(m.key));
    }
  }
  return false;
}
