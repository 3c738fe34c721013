import type { API, FileInfo, Options } from 'jscodeshift';
import { runStandardTransform } from './standard.js';

/** The app's own helper given `'rtm.start'` → `'rtm.connect'`, start-only arguments dropped, a TODO for the data read. */
export default function transformer(file: FileInfo, _api: API, options: Options): string | undefined {
  return runStandardTransform('helper-method-name', file, options);
}
