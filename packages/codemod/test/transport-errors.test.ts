import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ALL_SCOPES, startFakeSlack } from '@rtm-migrate/fake-slack';
import { describe, expect, it } from 'vitest';
import { runNodeBot } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, scanFiles, writeBotFiles } from './helpers.js';

/**
 * An app's own transport that ends the process on any `ok: false` answer, and hands `rtm.start`'s
 * whole answer out of the file: the rebuild through it asks for no `optional` extra (`dnd`,
 * `subteams`, `team.prefs`), since Slack refusing one (a classic bot token without
 * `team.preferences:read`) would end the start the old `rtm.start` made. A real program against fake
 * Slack, legacy then connect_required, with a token lacking the extras' scopes.
 */

const SESSION = `const request = require('request');

// Every call of the app goes through here; a failure is fatal to it.
function callApi(method, query, done) {
  query.token = process.env.SLACK_BOT_TOKEN;
  request.get({ url: process.env.SLACK_API_URL + method, qs: query }, (error, response, body) => {
    if (error || response.statusCode !== 200) process.exit(2);
    if (!JSON.parse(body).ok) {
      console.log('fatal: ' + method + ' ' + JSON.parse(body).error);
      process.exit(3);
    }
    done(error, response, body);
  });
}

exports.begin = function begin(ready) {
  callApi('rtm.start', {}, (error, response, body) => {
    ready(JSON.parse(body));
  });
};
`;

const MAIN = `const session = require('./session');

session.begin((state) => {
  const ids = (list) => (list || []).map((x) => x.id).sort().join(',');
  console.log('self: ' + state.self.id);
  console.log('users: ' + ids(state.users));
  console.log('channels: ' + ids(state.channels));
});
`;

/** A classic bot token that may read the lists but none of the extras. */
const NO_EXTRAS = ['dnd:read', 'usergroups:read', 'team.preferences:read'];

describe('a transport that exits on an error', () => {
  it('gets no optional extras: the migrated program starts with a token lacking their scopes and knows the same users and channels', async () => {
    const fake = await startFakeSlack({ seed: 31, users: 12, channels: 4, mode: 'legacy', tokens: { 'xoxb-lists-only': { scopes: ALL_SCOPES.filter((s) => !NO_EXTRAS.includes(s)) } } });
    try {
      const dir = await writeBotFiles('rtm-migrate-exiting-transport-', { 'session.js': SESSION, 'main.js': MAIN });
      const main = join(dir, 'main.js');
      const before = await runNodeBot(main, { cwd: dir, apiUrl: fake.apiUrl, token: 'xoxb-lists-only' });
      expect(before.stderr).toBe('');
      expect(before.code).toBe(0);
      expect(before.stdout).toMatch(/^users: U\w+,/m);

      const report = await cli(['apply', '.', '--allow-dirty', '--dry', '--report', 'json'], dir);
      const { sites } = JSON.parse(report.stdout) as { sites: { rewrite: string; message: string }[] };
      expect(sites.map((s) => s.rewrite)).toEqual(['helper-module']);
      expect(sites[0]!.message).toContain('`dnd`, `subteams`, `team.prefs` are not fetched for whoever gets them: `callApi` ends the process on an error (`process.exit`, line 7)');
      const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
      expect(migrated.stderr).toBe('');
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain('TODOs left: 0');
      expect(migrated.stdout).not.toMatch(/dnd:read|usergroups:read|team\.preferences:read/);
      const source = await readFile(join(dir, 'session.js'), 'utf8');
      expect(source).toContain('callbackify(rtmStartData)(');
      expect(source).not.toContain('optional');

      fake.setMode('connect_required');
      fake.resetCalls();
      const after = await runNodeBot(main, { cwd: dir, apiUrl: fake.apiUrl, token: 'xoxb-lists-only' });
      expectSameWithoutRtmStart(fake, before, after);
      const asked = fake.calls.map((c) => c.method);
      for (const extra of ['dnd.info', 'usergroups.list', 'team.preferences.list']) expect(asked).not.toContain(extra);
    } finally {
      await fake.close();
    }
  });
});

/** A helper whose request callback handles Slack's errors as `failure` says, and a caller handing the whole answer on. */
const dropping = (failure: string): string => `const request = require('request');
function api(method, args, done) {
  request.post({ url: 'https://slack.com/api/' + method, form: args }, (err, res, body) => {
    if (err) return done(err);
    const json = JSON.parse(body);
    if (!json.ok) ${failure};
    done(null, json);
  });
}
exports.begin = (token, ready) => {
  api('rtm.start', { token }, (err, data) => {
    if (err) return ready(err);
    ready(null, data);
  });
};
`;

describe('a transport that drops an error', () => {
  it.each([
    { form: 'logged and dropped', failure: "return console.error('slack said', json.error)", says: "but `dnd`, `subteams`, `team.prefs` are not fetched for whoever gets them: `api` returns on Slack's refusal without calling back (line 6), its caller never told" },
    { form: 'handed back (the control)', failure: 'return done(new Error(json.error))', says: 'so `dnd`, `subteams`, `team.prefs` are fetched too (`optional`' },
  ])('$form: the report says what is fetched', async ({ failure, says }) => {
    const report = await scanFiles(JSON.stringify({ name: 'bot', private: true }), { 'bot.js': dropping(failure) });
    expect(report.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(report.sites[0]!.message).toContain(says);
  });
});
