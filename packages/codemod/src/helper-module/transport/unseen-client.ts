import { originOf, unwrap } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeText } from './common.js';

const KNOWN = 'only `fetch`, axios, got, request, request-promise, superagent, needle, unirest, `https.get` and `https.request` calls are rebuilt';

/**
 * Why a request made with a client rtm-migrate does not rebuild stays a TODO: another package's, or
 * the app's own function from a module of its own (in the run or not: said, with what to do by hand).
 */
export function unseenClientWhy(parsed: ParsedFile, request: TSESTree.CallExpression): string {
  const callee = unwrap(request.callee);
  const name = calleeText(parsed, callee);
  const root = callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : callee;
  const module = originOf(parsed.resolver, root)?.module;
  if (!module?.startsWith('.')) return `${KNOWN} (other clients are not yet)`;
  const where = parsed.resolver.project?.importedFunction(parsed.resolver, callee)
    ? `\`${name}\` is the app's own function from \`${module}\`, and rtm-migrate does not follow a request made in another module`
    : `\`${name}\` comes from \`${module}\`, which is not among the files rtm-migrate was run on`;
  return `${where}: how it sends the request and what it hands its callback are not known, so change this call by hand: make the request to \`rtm.connect\`, and fetch the data its answer is read for with the replacement methods above (through \`${name}\` or a Web API client)`;
}
