import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ALL_SCOPES } from '@rtm-migrate/fake-slack';
import { describe, expect, it } from 'vitest';
import { runNodeBot } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, withFake, writeBotFiles } from './helpers.js';

/**
 * The app's own transport as real apps write it (blind s119: blackflux/slack-sdk posts a `form-data` form
 * through axios; slackrpg/slack-orm rejects `ok: false` with its own `SlackError`, the answer in
 * `.response`). The whole data rebuilt through it must start as `rtm.start` did: form-data's `append`
 * throws on a boolean argument (`include_users: true`), and a token without `usergroups:read` must
 * leave `subteams` out with a warning, not fail the start. Real axios and form-data, fake Slack.
 */
const SLACK = `const axios = require('axios');
const FormData = require('form-data');

function SlackError(answer) {
  this.name = 'SlackError';
  this.message = 'A Slack error occurred (' + answer.error + ')';
  this.response = answer;
}

function call(method, params) {
  const form = new FormData();
  form.append('token', process.env.SLACK_BOT_TOKEN);
  Object.keys(params || {}).forEach((name) => form.append(name, params[name]));
  return axios.post(process.env.SLACK_API_URL + method, form, { headers: form.getHeaders() }).then((res) => {
    if (!res.data.ok) throw new SlackError(res.data);
    return res.data;
  });
}

module.exports = { call };
`;

const SESSION = `const slack = require('./slack');

module.exports = function startSession() {
  return slack.call('rtm.start', {}).then((data) => {
    console.log('started as ' + data.self.id);
    return data;
  });
};
`;

const MAIN = `const startSession = require('./session');

startSession().then((data) => {
  const ids = (list) => (list || []).map((x) => x.id).sort().join(',');
  console.log('users: ' + ids(data.users));
  console.log('channels: ' + ids(data.channels));
  console.log('subteams: ' + (data.subteams ? ids(data.subteams.all) : 'none'));
}, (error) => {
  console.error('failed: ' + error.message);
  process.exit(1);
});
`;

const line = (out: string, key: string): string | undefined => new RegExp(`^${key}: (.*)$`, 'm').exec(out)?.[1];

describe("the whole data rebuilt through the app's own form transport", () => {
  it('starts as rtm.start did, and leaves subteams out with a warning where its SlackError says missing_scope', { timeout: 180_000 }, async () => {
    const limited = 'xoxb-no-usergroups';
    await withFake({ seed: 22, users: 25, channels: 5, mode: 'legacy', tokens: { [limited]: { scopes: ALL_SCOPES.filter((s) => s !== 'usergroups:read') } } }, async (fake) => {
      const dir = await writeBotFiles('rtm-migrate-form-transport-', { 'slack.js': SLACK, 'session.js': SESSION, 'main.js': MAIN }, 'src');
      const main = join(dir, 'src', 'main.js');
      const before = await runNodeBot(main, { cwd: dir, apiUrl: fake.apiUrl });
      expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
      expect(line(before.stdout, 'subteams')).not.toBe('none');

      const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
      expect(migrated.stdout).toMatch(/^done +src\/session\.js:\d+:\d+ +helper → helper-module/m);
      expect(await readFile(join(dir, 'src', 'session.js'), 'utf8')).toContain("{ optional: ['dnd', 'subteams', 'team.prefs'] }");

      fake.setMode('connect_required');
      fake.resetCalls();
      const after = await runNodeBot(main, { cwd: dir, apiUrl: fake.apiUrl });
      expectSameWithoutRtmStart(fake, before, after);

      const withoutScope = await runNodeBot(main, { cwd: dir, apiUrl: fake.apiUrl, token: limited });
      expect(withoutScope.code).toBe(0);
      expect(withoutScope.stderr.trim()).toBe('rtm-start-data: left out subteams: usergroups.list answered missing_scope (needs usergroups:read)');
      expect(line(withoutScope.stdout, 'subteams')).toBe('none');
      for (const key of ['started as', 'users', 'channels']) expect(line(withoutScope.stdout, key)).toBe(line(before.stdout, key));
    });
  });
});
