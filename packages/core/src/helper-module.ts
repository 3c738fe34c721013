import { deepFreeze } from './freeze.js';

/**
 * The module `rtm-migrate apply` generates next to the code it rewrites. The codemod writes it; the
 * analysis recognises code that starts clients through it (their data is filled again), so the lint
 * and a second codemod run agree that such code needs nothing more.
 */

/** The names the generated module exports. */
export const HELPER_EXPORTS = deepFreeze({
  data: 'rtmStartData',
  dataAs: 'rtmStartDataAs',
  legacyStart: 'startRtmClient',
  slackClientStart: 'startSlackClientRtm',
  rtmApiClient: 'withRtmStartData',
} as const);

/** Name of the generated file, without extension. */
export const HELPER_BASENAME = 'rtm-start-data';
