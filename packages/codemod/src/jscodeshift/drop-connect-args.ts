import type { API, FileInfo, Options } from 'jscodeshift';
import { runStandardTransform } from './standard.js';

/** `rtm.connect` given arguments only `rtm.start` took (`no_unreads`, `mpim_aware`…): those arguments dropped. */
export default function transformer(file: FileInfo, _api: API, options: Options): string | undefined {
  return runStandardTransform('drop-connect-args', file, options);
}
