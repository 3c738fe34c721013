import type { API, FileInfo, Options } from 'jscodeshift';
import { runStandardTransform } from './standard.js';

/** A raw HTTP URL that spells `rtm.start` out → `rtm.connect`, start-only arguments of the same request dropped, a TODO for the data read. */
export default function transformer(file: FileInfo, _api: API, options: Options): string | undefined {
  return runStandardTransform('raw-http-url', file, options);
}
