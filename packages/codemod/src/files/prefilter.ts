import { dirname } from 'node:path';

import { declaringManifest, installedVersion } from '@rtm-migrate/analysis/modules';
import { mayMentionRtm, mayStartRequiredClient, SLACK_CLIENT_1 } from '@rtm-migrate/core';

/** The cheap string test run before any parsing (core's, shared with the lint rules). */
export const mayMatch = mayMentionRtm;

/**
 * A file without `rtm` that may log in a `slack-client` 1.x client another module of the app makes
 * (`require('./lib/slack')…login()`), whether or not that module is among the files: it calls `login(`,
 * requires a relative module, and its project installs or declares `slack-client` or it calls a look-up
 * only 1.x's client has. Only a file passing the text test reads a package.json (once per folder).
 */
export function mayLogInRequiredSlackClient(file: string, text: string): boolean {
  if (!/\.login\s*\(/.test(text) || !mayStartRequiredClient(text)) return false;
  if (SLACK_CLIENT_1.ownMethods.some((name) => text.includes(name))) return true;
  return declaringManifest(dirname(file), SLACK_CLIENT_1.module) !== undefined || installedVersion(file, SLACK_CLIENT_1.module) !== undefined;
}

/** Files the codemod will not touch: binary (a NUL byte in the first 8 Ki characters) or huge. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export function skipReason(text: string): string | undefined {
  // Bytes, not characters: a character takes 1 to 4 bytes (3 for a byte that is not valid UTF-8).
  const bytes = text.length * 4 > MAX_FILE_BYTES ? Buffer.byteLength(text) : text.length;
  if (bytes > MAX_FILE_BYTES) return `too large (${Math.round(bytes / 1024)} KiB > ${MAX_FILE_BYTES / 1024} KiB)`;
  if (text.slice(0, 8192).includes('\0')) return 'binary (NUL byte)';
  return undefined;
}
