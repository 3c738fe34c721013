import { COMMON_RESPONSE_FIELDS, fieldFact } from '@rtm-migrate/core';

/**
 * Reads that are not known to come back from `rtm.connect`: neither a field every Web API response has
 * (`ok`, `error`…) nor one the field table knows. `res.body.channels` read off a helper that resolves an
 * HTTP response (superagent's `{ body }`) is recorded as `body.channels`: `body` is no `rtm.start`
 * field, so whether it survives `rtm.connect` is not known, and `rtm.connect` in place would be a guess.
 */
export function readsNotOnConnect(fieldsRead: readonly string[]): string[] {
  return fieldsRead.filter((path) => !COMMON_RESPONSE_FIELDS.includes(path) && fieldFact(path) === undefined);
}
