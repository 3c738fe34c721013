import { followResponse } from '@rtm-migrate/analysis';
import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { helperBuilds, isStartOnlyField, METHODS } from '@rtm-migrate/core';
import type { TSESTree } from '@typescript-eslint/utils';

/**
 * The start-only fields the code reads off the data `replaced` promises (the call the rebuilt one
 * takes the place of, which gave the data itself, not a library's response around it) that the
 * helper module does not rebuild: why the rewrite would lose them, or undefined when none is read.
 * For a request whose answer the site's own analysis does not follow as data (a body parsed by the
 * code, a request made inside a function the URL is given to).
 */
export function unbuiltReads(parsed: ParsedFile, replaced: TSESTree.CallExpression, reader: string): string | undefined {
  const flow = followResponse(parsed.resolver, { kind: 'method', method: METHODS.rtmStart, form: 'member', call: replaced, methodNode: replaced, options: undefined, callback: undefined, otherArgs: [] });
  const unbuilt = [...new Set(flow.reads.map((r) => r.path).filter((f) => isStartOnlyField(f) && !helperBuilds(f)))];
  return unbuilt.length > 0 ? `${reader} reads ${unbuilt.map((f) => `\`${f}\``).join(', ')}, which the helper module does not rebuild` : undefined;
}
