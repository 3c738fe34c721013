import type { API, FileInfo, Options } from 'jscodeshift';
import { runStandardTransform } from './standard.js';

/** `new RTMClient(token, { useRtmConnect: false })` whose `authenticated` data reads nothing start-only: the option dropped. */
export default function transformer(file: FileInfo, _api: API, options: Options): string | undefined {
  return runStandardTransform('rtm-client-option', file, options);
}
