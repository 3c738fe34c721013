import { unreadEntryKey, wordCount } from '@rtm-migrate/analysis';
import type { Project, ParsedFile } from '@rtm-migrate/analysis/project';
import { CODEMOD_MESSAGES } from '@rtm-migrate/core';
import type { FoundSite } from './found.js';

/**
 * How often each word is spelled in the project's files (code, strings and comments alike: a key
 * written anywhere else, `.rtmStartApi`, `['rtmStartApi']`, `{ rtmStartApi }`, may read the entry).
 */
export function wordCounter(project: Project): (word: string) => number {
  return (word) => wordCountIn(project, project.fileList, word);
}

/** How often `word` is spelled in `files` of the project. */
export function wordCountIn(project: Project, files: readonly string[], word: string): number {
  return files.reduce((n, file) => n + wordCount(project.text(file), word), 0);
}

/**
 * A raw `rtm.start` URL written as an entry of a table whose key the project names only there (see
 * `unreadEntryKey`): the report line that says so, or undefined for a URL some code may request.
 */
export function unreadEntryMessage(parsed: ParsedFile, found: FoundSite, count: (word: string) => number): string | undefined {
  if (found.form !== 'raw-url') return undefined;
  // The entry's own key is one spelling of it: any other is a possible read.
  const key = unreadEntryKey(parsed.resolver, found.node, (k) => count(k) > 1, true);
  return key === undefined ? undefined : CODEMOD_MESSAGES.unreadEntry(key);
}
