import { deepFreeze } from './freeze.js';

export interface SlackErrorFact {
  readonly code: string;
  readonly meaning: string;
  /** HTTP status Slack answers with (200 for ordinary `ok:false`). */
  readonly status: number;
}

const fact = (code: string, meaning: string, status = 200): SlackErrorFact => ({ code, meaning, status });

/** Reference §1 and §2: the errors every tool must recognise, with what they mean. */
export const SLACK_ERRORS: Readonly<Record<string, SlackErrorFact>> = deepFreeze(
  Object.fromEntries(
    [
      fact(
        'rtm_connect_required',
        '`rtm.start` is deprecated. Please use `rtm.connect` instead of `rtm.start`. Read https://docs.slack.dev/changelog/2021-10-rtm-start-to-stop for more info.',
      ),
      fact('method_deprecated', 'The method has been deprecated (the changelog names this error for apps created from 2021-11-30).'),
      fact('migration_in_progress', 'Team is being migrated between servers; retry later.'),
      fact('not_authed', 'No authentication token provided.'),
      fact('invalid_auth', 'Some aspect of authentication cannot be validated.'),
      fact('account_inactive', 'Authentication token is for a deleted user or workspace, or the app has been removed.'),
      fact('no_permission', 'The workspace token used does not have necessary permissions.'),
      fact('missing_scope', 'The token used is not granted the specific scope permissions required.'),
      fact('invalid_arg_name', 'The method was passed an argument whose name falls outside the bounds of accepted or expected values.'),
      fact('invalid_array_arg', 'The method was passed an array as an argument (PHP-style `foo[7]` names).'),
      fact('invalid_charset', 'The method was called via a POST request, but the charset is not utf-8 or iso-8859-1.'),
      fact('invalid_form_data', 'The method was called via a POST request with a form body that could not be read.'),
      fact('invalid_post_type', 'The method was called via a POST request with a Content-Type it does not accept.'),
      fact('missing_post_type', 'The method was called via a POST request and included a body but no Content-Type.'),
      fact('team_added_to_org', 'The workspace is being migrated into an Enterprise Grid org; retry later.'),
      fact('request_timeout', 'The method was called via a POST request, but the POST data was missing or truncated.'),
      fact('ratelimited', 'The request has been rate limited; retry after the `Retry-After` header, in seconds.', 429),
      fact('channel_not_found', 'Value passed for `channel` was invalid.'),
      fact('user_not_found', 'Value passed for `user` was invalid.'),
      fact('bot_not_found', 'Value passed for `bot` was invalid.'),
      fact('not_in_channel', 'The caller is not a member of the conversation (`conversations.history`).'),
      fact('invalid_cursor', 'Value passed for `cursor` was not valid or is no longer valid.'),
      fact('invalid_limit', 'Value passed for `limit` is not understood.'),
      fact('fatal_error', 'The server could not complete the operation.', 500),
    ].map((f) => [f.code, f]),
  ),
);

/** Warnings Slack puts in `warning` (comma-separated) and `response_metadata.warnings`. */
export const SLACK_WARNINGS: Readonly<Record<string, string>> = deepFreeze({
  missing_charset: 'The request had a body but no charset in its Content-Type.',
  superfluous_charset: 'The request declared a charset where none is expected.',
  member_list_truncated: 'rtm.start cut a conversation\'s `members` list short: call conversations.members for the rest.',
  method_deprecated: 'The method is deprecated.',
});

/**
 * The token errors `auth.test` answers just as `rtm.start` did (https://docs.slack.dev/reference/methods/auth.test):
 * a request whose answer nobody reads goes there (the codemod's `token-check`), since it checks the token alone,
 * at special rate limits (METHOD_TIERS), without handing out a socket URL.
 */
export const TOKEN_CHECK_ERRORS = deepFreeze(['not_authed', 'invalid_auth', 'account_inactive'] as const);

/** The `ok:false` code that says a retired `rtm.start` must become `rtm.connect`. */
export const RTM_CONNECT_REQUIRED = 'rtm_connect_required';

/**
 * Every `ok:false` code a retired `rtm.start` may answer with: the method page documents
 * `rtm_connect_required`, the changelog names `method_deprecated` (see REFERENCE_CORRECTIONS).
 */
export const RTM_START_RETIRED_ERRORS: readonly string[] = deepFreeze([RTM_CONNECT_REQUIRED, 'method_deprecated']);

/**
 * How many entries `rtm.start` left in a conversation's `members` before adding `member_list_truncated`:
 * 1,500 from 2017-12-01, lowered to 500 by 2018-03-06, which stayed (see REFERENCE_CORRECTIONS).
 */
export const RTM_START_MEMBER_LIMIT = 500;

/** The `url` of both methods must be used within this many seconds. */
export const RTM_URL_LIFETIME_SECONDS = 30;
