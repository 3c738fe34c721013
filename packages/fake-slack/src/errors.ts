import { SLACK_ERRORS, WEB_API_ERRORS } from '@rtm-migrate/core';

/** Every `error` the fake answers with must be one core records (SLACK_ERRORS or WEB_API_ERRORS). */
export function knownError(code: string): string {
  if (!Object.hasOwn(SLACK_ERRORS, code) && !Object.hasOwn(WEB_API_ERRORS, code)) {
    throw new Error(`fake-slack: error code ${JSON.stringify(code)} is not recorded in @rtm-migrate/core`);
  }
  return code;
}
