/**
 * A token as Slack issues it: its type's prefix (`xoxb-` bot, `xoxp-` user, `xapp-` app-level…), then a
 * number and the secret (`xoxb-<number>-<number>-<secret>`, `xapp-1-A0…`). Made-up ones in tests and docs (`xoxb-test`)
 * do not look so. Apps of the RTM era often wrote theirs into the code, and rtm-migrate prints code.
 */
const ISSUED_TOKEN = /\b(xox[a-z]|xapp)-\d[\w-]{7,}/g;

/** The start of one that a cut excerpt of code ends in (`token: 'xoxb-8097...`, blind s86/04): any digit of it is too many. */
const CUT_TOKEN = /\b(xox[a-z]|xapp)-\d[\w-]*(?=\.\.\.|…)/g;

/** `text` with every token Slack could have issued cut to its prefix (`xoxb-[redacted]`). */
export function withoutTokens(text: string): string {
  return text.replace(ISSUED_TOKEN, '$1-[redacted]').replace(CUT_TOKEN, '$1-[redacted]');
}
