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
});
