import type { API, FileInfo, Options } from 'jscodeshift';
import { runStandardTransform } from './standard.js';

/** `rtm.start(args)` / `apiCall('rtm.start', args)` → `rtm.connect` plus the calls that fetch the fields read. */
export default function transformer(file: FileInfo, _api: API, options: Options): string | undefined {
  return runStandardTransform('rtm-start-call', file, options);
}
