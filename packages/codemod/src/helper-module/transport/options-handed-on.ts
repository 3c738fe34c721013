import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { originOf, propertyKeyName, unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { calleeText, type Node } from './common.js';
import { heldIn } from './request-parts.js';

const SOURCE_ENDINGS = ['', '.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '/index.js', '/index.ts'];

/** Where the function that gets the options comes from, for the TODO: a package, a file of the project, or a file not there. */
function whereFrom(parsed: ParsedFile, module: string | undefined): string {
  if (module === undefined) return '';
  if (!module.startsWith('.')) return `, from the \`${module}\` package`;
  const path = resolve(dirname(parsed.file), module);
  return SOURCE_ENDINGS.some((ending) => existsSync(path + ending))
    ? `, from \`${module}\`, another file of the project (rtm-migrate does not follow request options into another module)`
    : `, from \`${module}\`, which is not in the project`;
}

/**
 * `const data = { url: base + 'rtm.start', form: { token } }; new Engine(user, data)`: request
 * options, written in place or held in a variable, handed to a function or class that makes the
 * request: why the request is not followed (the TODO names where the options go).
 */
export function optionsHandedOn(parsed: ParsedFile, url: Node): string | undefined {
  const property = url.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.value !== url || property.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const key = propertyKeyName(parsed.resolver, property);
  if (key !== 'url' && key !== 'uri') return undefined;
  const object = property.parent;
  const uses: Node[] = heldIn(parsed, object)?.uses ?? [object];
  for (const use of uses) {
    const handed = use.parent;
    if ((handed?.type !== AST_NODE_TYPES.CallExpression && handed?.type !== AST_NODE_TYPES.NewExpression) || !handed.arguments.some((a) => a === use)) continue;
    const callee = unwrap(handed.callee);
    const module = originOf(parsed.resolver, callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee)?.module;
    const made = handed.type === AST_NODE_TYPES.NewExpression ? 'new ' : '';
    return `the URL is the \`${key}\` of request options handed to \`${made}${calleeText(parsed, callee)}(…)\` on line ${handed.loc.start.line}${whereFrom(parsed, module)}: that makes the request, and rtm-migrate rebuilds a request only where it sees it made`;
  }
  return undefined;
}
