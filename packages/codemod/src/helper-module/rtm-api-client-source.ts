import { METHODS } from '@rtm-migrate/core';

/**
 * `withRtmStartData(rtm)`: an `@slack/rtm-api` `RTMClient` (its `useRtmConnect: false` dropped) whose
 * `authenticated` event and `start()` result carry `rtm.start`'s data again. The client asks its own
 * WebClient for `rtm.connect` on every start and reconnect; the copy of that WebClient it is given
 * answers with rtmStartData() instead, through the same WebClient (token, API URL, retries). The
 * WebClient itself is not changed: code that shares it still gets plain `rtm.connect` answers.
 */
export function rtmApiClientSource(typescript: boolean, exp: string): string[] {
  const t = (typed: string): string => (typescript ? typed : '');
  /** The client, as its WebClient can be read and replaced (private in RTMClient's types). */
  const client = typescript ? 'internals' : 'rtm';
  const lines: string[] = [];
  if (typescript) {
    lines.push(
      '/** The part of an @slack/rtm-api RTMClient that withRtmStartData() uses (its WebClient is private). */',
      'interface RtmApiClientInternals {',
      '  webClient: ApiCaller;',
      '}',
      '',
    );
  }
  lines.push(
    '/**',
    ' * Makes an @slack/rtm-api RTMClient (which starts with rtm.connect) hand `rtm.start`\'s data to its',
    ' * `authenticated` handlers and `start()` result again, on every start and reconnect: when the client',
    ` * calls ${METHODS.rtmConnect}, rtmStartData() answers instead, through the client's own WebClient (same token,`,
    ' * API URL and retries), with the lists fetched first, the extras `options` names, and rtm.connect last.',
    ' * Returns the client.',
    ' */',
    `${exp}function withRtmStartData${t('<T extends object>')}(rtm${t(': T')}, options${t(': RtmStartDataOptions')} = {})${t(': T')} {`,
    ...(typescript ? ['  const internals = rtm as unknown as RtmApiClientInternals;'] : []),
    `  const web = ${client}.webClient;`,
    '  // A copy for this client only: code sharing the WebClient still gets plain rtm.connect answers.',
    `  ${client}.webClient = Object.create(web, {`,
    '    apiCall: {',
    `      value: (method${t(': string')}, args${t(': Record<string, unknown>')} = {}) =>`,
    `        method === '${METHODS.rtmConnect}' ? rtmStartData(web, args${t(' as RtmStartArgs')}, options) : web.apiCall(method, args),`,
    '    },',
    '  });',
    '  return rtm;',
    '}',
  );
  return lines;
}
