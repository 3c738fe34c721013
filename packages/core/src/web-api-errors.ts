import { deepFreeze } from './freeze.js';
import type { SlackErrorFact } from './errors.js';

/**
 * Errors of the Web API in general (not of `rtm.start`) that the fake server and the shim answer
 * with. Kept apart from `SLACK_ERRORS` so that table stays the reference's list.
 */
export const WEB_API_ERRORS: Readonly<Record<string, SlackErrorFact>> = deepFreeze({
  unknown_method: { code: 'unknown_method', meaning: 'The Web API has no method of that name.', status: 200 },
  invalid_arguments: {
    code: 'invalid_arguments',
    meaning: 'A required argument is missing or malformed; `response_metadata.messages` says which.',
    status: 200,
  },
  invalid_types: {
    code: 'invalid_types',
    meaning: "A value in `conversations.list`'s `types` is not a conversation type.",
    status: 200,
  },
  not_allowed_token_type: {
    code: 'not_allowed_token_type',
    meaning:
      'The token type is not allowed for this method: rtm.connect / rtm.start with a bot token of a modern (non-classic) app, apps.connections.open without an app-level token, or an app-level token on another method.',
    status: 200,
  },
  no_text: { code: 'no_text', meaning: 'chat.postMessage got no `text` (nor blocks or attachments).', status: 200 },
});

/**
 * The `code` of each error `@slack/web-api`'s `WebClient` throws (v6/v7 `ErrorCode` enum; v8's error
 * classes `WebAPIPlatformError`, `WebAPIRateLimitedError`… carry the same values, see
 * REFERENCE_CORRECTIONS). For tools that raise or recognise errors in WebClient's shapes without
 * importing the SDK.
 */
export const WEB_CLIENT_ERROR_CODES = deepFreeze({
  RequestError: 'slack_webapi_request_error',
  HTTPError: 'slack_webapi_http_error',
  PlatformError: 'slack_webapi_platform_error',
  RateLimitedError: 'slack_webapi_rate_limited_error',
} as const);
