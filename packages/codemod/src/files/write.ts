import { chmodSync, closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Writes `content` to `file` atomically: a temp file beside it, fsync, the original's mode, rename.
 * A read-only file is refused (never silently made writable).
 */
export function writeAtomic(file: string, content: string): void {
  const st = statSync(file);
  if ((st.mode & 0o200) === 0) throw new Error('file is read-only: not written');
  const tmp = join(dirname(file), `.${basename(file)}.rtm-migrate-${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', st.mode & 0o777);
  try {
    writeSync(fd, content, null, 'utf8');
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    unlinkSync(tmp);
    throw err;
  }
  closeSync(fd);
  try {
    chmodSync(tmp, st.mode & 0o7777);
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw err;
  }
}
