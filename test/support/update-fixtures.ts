/**
 * `UPDATE_FIXTURES=1` (`pnpm fixtures:update`): the fixture tests write what the tools produce now
 * over the expected files instead of only comparing, so a change of output is one reviewed diff.
 */
export const UPDATING_FIXTURES = Boolean(process.env['UPDATE_FIXTURES']);
