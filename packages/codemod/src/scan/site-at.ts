import { relative } from 'node:path';
import type { TSESTree } from '@typescript-eslint/utils';
import type { PlanSite } from '../plan.js';

/**
 * The place and empty findings of a site the scan adds at a node of its own (no response followed):
 * where it is, the code it shows, nothing read. The caller gives its outcome and message.
 */
export function siteAt(
  root: string,
  parsed: { readonly file: string; readonly text: string },
  node: TSESTree.Node,
  form: PlanSite['form'],
): Omit<PlanSite, 'rewrite' | 'message'> {
  const file = relative(root, parsed.file) || parsed.file;
  const line = node.loc.start.line;
  const column = node.loc.start.column + 1;
  const code = parsed.text.slice(node.range[0], node.range[1]).replace(/\s+/g, ' ');
  return {
    id: `${file}:${String(line)}:${String(column)}`,
    file,
    line,
    column,
    endLine: node.loc.end.line,
    endColumn: node.loc.end.column + 1,
    start: node.range[0],
    end: node.range[1],
    form,
    code: code.length > 80 ? `${code.slice(0, 77)}...` : code,
    args: { known: true, names: [], kept: [], dropped: [] },
    fieldsRead: [],
    startOnlyFields: [],
    reads: [],
    escapes: [],
    replacement: [],
    scopes: [],
    calls: 0,
    floorSeconds: 0,
  };
}
