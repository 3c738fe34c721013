import type { API, FileInfo, Options } from 'jscodeshift';
import { runStandardTransform } from './standard.js';

/** A `TODO(rtm-migrate)` comment above every site no other transform rewrote, naming the fields read and their replacement methods. */
export default function transformer(file: FileInfo, _api: API, options: Options): string | undefined {
  return runStandardTransform('todo', file, options);
}
