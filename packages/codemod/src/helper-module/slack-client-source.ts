import { HELPER_EXPORTS, METHODS } from '@rtm-migrate/core';
import { clientParameter, clientViewLines } from './client-view.js';

/**
 * `startSlackClientRtm(rtm, args, options)`: starts a `slack-client` 2.x `RtmClient`, which has no
 * `useRtmConnect`, with its `rtm.start` request answered by rtmStartData() through the client's own
 * request queue. The client then caches the data in its `dataStore` and runs its AUTHENTICATED
 * handlers as it did, on every start and reconnect; in between, the dataStore's models get the getters
 * its copying left behind (markCopiedItems).
 */
export function slackClientSource(typescript: boolean, exp: string): string[] {
  const t = (typed: string): string => (typescript ? typed : '');
  const lines: string[] = [];
  if (typescript) {
    lines.push(
      '/** The parts of a slack-client 2.x `RtmClient` that startSlackClientRtm() uses. */',
      'export interface SlackClientRtm {',
      '  start(args?: RtmStartArgs): void;',
      '  emit(event: string, ...rest: unknown[]): boolean;',
      '  makeAPICall(method: string, data: { opts: Record<string, unknown> }, done: (error: Error | null, res: SlackObject) => void): void;',
      '  _rtm: { start(args: RtmStartArgs | undefined, done: (error: unknown, data: object) => void): void };',
      '  logger?: (level: string, message: unknown) => void;',
      '  dataStore?: CopiedItems;',
      '}',
      '',
    );
  }
  lines.push(
    '/**',
    ' * Starts a slack-client 2.x RtmClient (the SDK before it was @slack/client 3; it has no',
    ' * `useRtmConnect`) so that its AUTHENTICATED handlers and its dataStore get `rtm.start`\'s data again:',
    ' * the rtm.start request it makes on every start and reconnect is answered by rtmStartData() instead,',
    ` * through the client's own request queue (same token, API URL, retries), with ${METHODS.rtmConnect} last,`,
    ' * and the extras `options` names (as rtmStartData() fetches them). Its dataStore copies the items into',
    " * models of its own by their enumerable keys, which leaves the items' getters behind (a read of an",
    " * unfetched `unread_count` off a channel model would be `undefined` with no word): the models get",
    ' * getters of their own before the AUTHENTICATED handlers run.',
    ' */',
    `${exp}function startSlackClientRtm(${clientParameter(typescript)}, args${t(': RtmStartArgs')} = {}, options${t(': RtmStartDataOptions')} = {})${t(': void')} {`,
    ...clientViewLines(typescript, { name: HELPER_EXPORTS.slackClientStart, view: 'SlackClientRtm', members: ['start', 'emit', 'makeAPICall', '_rtm.start'], expected: 'a slack-client 2.x RtmClient' }),
    `  const send${t(': SlackCall')} = (method, callArgs) =>`,
    '    new Promise((resolve, reject) => {',
    '      rtm.makeAPICall(method, { opts: callArgs }, (error, res) => (error ? reject(error) : resolve(res)));',
    '    });',
    "  // The client opens its socket at `url` and reads `self` and `team` off the answer, and its dataStore",
    "  // looks its own user up among `users`: `options.fields` (the parts the app reads) gets those, and the bot",
    '  // itself as the users where none were fetched.',
    `  const started${t(': RtmStartDataOptions')} = options.fields ? Object.assign({}, options, { fields: options.fields.concat(['self', 'url']) }) : options;`,
    '  rtm._rtm.start = (startArgs, done) => {',
    "    // The client's own request callback catches what its handlers throw and logs it (2.x's `_callTransport`):",
    '    // so does the answer handed over here, rather than leaving a rejection nobody handles, which ends the process.',
    `    const handOver = (error${t(': unknown')}, data${t(': object')}) => {`,
    '      try {',
    '        done(error, data);',
    // No annotation: TypeScript parses one on a catch variable only from 4.0.
    '      } catch (thrown) {',
    "        if (typeof rtm.logger !== 'function') throw thrown;",
    "        rtm.logger('error', thrown);",
    '      }',
    '    };',
    '    rtmStartData(send, startArgs || {}, started).then(',
    '      (data) => {',
    `        if (options.fields && !data.users && data.self) data.users = [${typescript ? 'data.self as SlackUser' : 'data.self'}];`,
    "        // `done` caches the data in the dataStore, then emits AUTHENTICATED: the models are marked in between",
    "        // (as rtm.start gave them for these arguments: no_unreads…; a reconnect's are none, as its rtm.start's were).",
    "        const ownEmit = Object.prototype.hasOwnProperty.call(rtm, 'emit');",
    '        const emit = rtm.emit;',
    `        rtm.emit = function (event${t(': string')}, ...rest${t(': unknown[]')}) {`,
    "          if (event === 'authenticated' && rtm.dataStore) markCopiedItems(rtm.dataStore, startArgs || {});",
    '          return emit.call(rtm, event, ...rest);',
    '        };',
    '        try {',
    '          handOver(null, data);',
    '        } finally {',
    "          // The client's own emit again, as it was (its prototype's, or one the app set).",
    '          if (ownEmit) rtm.emit = emit;',
    `          else delete ${typescript ? '(rtm as Partial<SlackClientRtm>).emit' : 'rtm.emit'};`,
    '        }',
    '      },',
    `      (error${t(': unknown')}) => {`,
    "        // Slack's `ok: false` answer goes back as data with no error, as the client's makeAPICall gives it:",
    '        // its start reads `data.error` to disconnect (invalid_auth…) rather than reconnect.',
    `        const answer = ${typescript ? '((error || {}) as { data?: SlackObject }).data' : '(error || {}).data'};`,
    '        if (answer && answer.ok === false) handOver(null, answer);',
    '        else handOver(error, {});',
    '      }',
    '    );',
    '  };',
    '  rtm.start(args);',
    '}',
  );
  return lines;
}
