import { memberName, propertyUrlReads, propertyUrlWrittenOnce } from '@rtm-migrate/analysis';
import type { TSESTree } from '@typescript-eslint/utils';

import type { ParsedFile } from '@rtm-migrate/analysis/project';
import { heldUrlGiven, requestUrl, wholeLines, type RequestUrl } from './request-parts.js';

/**
 * `X.prototype.startUrl = 'https://…/rtm.start'` read once, `this.startUrl + '?token=' + this.token`,
 * and provably written nowhere else (the analysis' propertyUrlWrittenOnce): the URL is the string
 * written there, given to the request where it is read; the statement that held it goes with it.
 */
export function heldProperty(parsed: ParsedFile, literal: TSESTree.Node): RequestUrl | undefined {
  const written = requestUrl(parsed, literal);
  const held = written ? propertyUrlWrittenOnce(parsed.resolver, literal) : undefined;
  // The URL is the whole value written (`API + 'rtm.start'`), no more and no less.
  return written && held?.value === written.node ? heldUrlGiven(parsed, literal, written, held.read, [wholeLines(parsed.text, held.statement)]) : undefined;
}

/**
 * Why a URL held in a property the code reads as `this.<key>` is not rebuilt: not proven written once
 * and read once where no other code holds an instance (blind corpus s40/09 saviogl/slack-rtm-bot: the
 * class is the package's exported main, and a user of the package may set `rtmApiUrl`).
 */
export function propertyUrlUnproven(parsed: ParsedFile, literal: TSESTree.Node): string | undefined {
  const [read] = propertyUrlReads(parsed.resolver, literal) ?? [];
  if (!read || propertyUrlWrittenOnce(parsed.resolver, literal)) return undefined;
  const key = memberName(parsed.resolver, read) ?? '…';
  return `the URL is kept in the property \`${key}\`, which rtm-migrate cannot prove that no other code sets before the request (the file exports its class, or an instance is kept or handed on), so it does not rebuild the request from the string written there`;
}
