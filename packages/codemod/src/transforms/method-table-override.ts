import { HELPER_EXPORTS } from '../helper-module/source.js';
import { addImport, commentLines, endedBefore, indentAt, styled, type Transform } from './common.js';

/**
 * A method table's `rtm.start` entry → gone from the table, and after the generator an override
 * that stores the same wrapper: `rtmStartData()` through the wrappers' own transport, calling back once
 * `(err, data)` (see scan/method-table.ts for the tables this takes).
 */
export const methodTableOverrideTransform: Transform = (ctx) => {
  const module = ctx.helperModule;
  if (!module) return;
  for (const site of ctx.sites) {
    const table = site.table;
    if (ctx.handled.has(site) || site.rewrite !== 'helper-module' || !table) continue;
    const indent = indentAt(ctx.source, table.after);
    const code = table.lines.map((l) => styled(ctx, l.replace(/^( {2})+/, (lead) => table.unit.repeat(lead.length / 2))));
    const lines = endedBefore(ctx.source, table.after, [...commentLines(`rtm-migrate: ${site.message}`), ...code]).map((l) => indent + l);
    ctx.edits.push({ start: table.removal.start, end: table.removal.end, text: '' });
    // A blank line on each side, unless the block ends right after it.
    const spaced = /^[ \t]*\r?\n[ \t]*(\r?\n|\})/.test(ctx.source.slice(table.after));
    ctx.edits.push({ start: table.after, end: table.after, text: ctx.eol + ctx.eol + lines.join(ctx.eol) + (spaced ? '' : ctx.eol) });
    addImport(ctx, 'util', 'callbackify', false);
    addImport(ctx, module, HELPER_EXPORTS.data, false);
    ctx.handled.add(site);
    ctx.outcomes.push({ site, rewrite: 'helper-module', changed: true, message: site.message });
  }
};
