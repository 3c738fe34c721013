import { propertyUrlWrittenOnce } from '@rtm-migrate/analysis';
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
