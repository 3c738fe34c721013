import { mayMentionRtm } from '@rtm-migrate/core';

/** The cheap string test run before any parsing (core's, shared with the lint rules). */
export const mayMatch = mayMentionRtm;

/** Files the codemod will not touch: binary (a NUL byte in the first 8 Ki characters) or huge. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export function skipReason(text: string): string | undefined {
  // Bytes, not characters: a character takes 1 to 4 bytes (3 for a byte that is not valid UTF-8).
  const bytes = text.length * 4 > MAX_FILE_BYTES ? Buffer.byteLength(text) : text.length;
  if (bytes > MAX_FILE_BYTES) return `too large (${Math.round(bytes / 1024)} KiB > ${MAX_FILE_BYTES / 1024} KiB)`;
  if (text.slice(0, 8192).includes('\0')) return 'binary (NUL byte)';
  return undefined;
}
