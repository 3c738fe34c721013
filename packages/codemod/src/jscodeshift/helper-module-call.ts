import type { API, FileInfo, Options } from 'jscodeshift';
import { runStandardTransform } from './standard.js';

/** Calls the generated helper module where the fields read are unknown or the call cannot get inline calls before it: `client.rtm.start(args)` → `rtmStartData(client, args)`; a v3 `RtmClient`'s `start()` → `startRtmClient(rtm)` (slack-client 2.x: `startSlackClientRtm(rtm)`); `new RTMClient(token, { useRtmConnect: false })` → `withRtmStartData(new RTMClient(token))` (give `--helperModule=./rtm-start-data.js`). */
export default function transformer(file: FileInfo, _api: API, options: Options): string | undefined {
  return runStandardTransform('helper-module-call', file, options);
}
