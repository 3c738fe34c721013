import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, expectSecondRunChangesNothing, writeBotFiles } from './helpers.js';

/**
 * A real @slack/client 3.16 RtmClient (fixtures/bots' node_modules) whose dataStore is handed to a module
 * loaded by a computed path, which the analysis cannot read: the migrated start fetches `team.prefs` only
 * as an optional extra, left out where the token lacks `team.preferences:read`. Slack then sends
 * `team_pref_change` (and `pref_change`) right after the hello; the dataStore's own handlers write
 * `team.prefs[name]` and `self.prefs[name]`, and the bot's handler has the module read the pref it was
 * sent back out of the store. With no `team.prefs` in the rebuilt data the dataStore's write threw (it
 * catches that, logging at debug level) and the pref was lost: the module's read died of a TypeError.
 */
const BOT = `'use strict';
var RtmClient = require('@slack/client').RtmClient;
var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;
var MemoryDataStore = require('@slack/client').MemoryDataStore;
var report = require(require('path').join(__dirname, 'report'));

var rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, {
  slackAPIUrl: process.env.SLACK_API_URL,
  dataStore: new MemoryDataStore(),
  autoReconnect: false,
  logLevel: 'error'
});

rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
  console.log('general: ' + rtm.dataStore.getChannelByName('general').members.length + ' members');
});

var seen = 0;
function changed(event) {
  report(rtm.dataStore, rtm.activeUserId, rtm.activeTeamId, event);
  seen += 1;
  if (seen === 2) process.stdout.write('', function () { process.exit(0); });
}
rtm.on('team_pref_change', changed);
rtm.on('pref_change', changed);

rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
  console.error('unable to start: ' + (error && error.message ? error.message : error));
  process.exit(1);
});

rtm.start();
`;

/** What the bot's dataStore holds of the pref an event set: the team's, or the bot user's own. */
const REPORT = `module.exports = function (store, userId, teamId, event) {
  var holder = event.type === 'team_pref_change' ? store.getTeamById(teamId) : store.getUserById(userId);
  console.log(event.type + ': ' + event.name + ' = ' + JSON.stringify(holder.prefs[event.name]));
};
`;

/** Every scope fake Slack knows but `team.preferences:read`. */
const NARROW = ['users:read', 'channels:read', 'groups:read', 'mpim:read', 'im:read', 'team:read', 'usergroups:read', 'dnd:read'];

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 61, users: 20, channels: 5, mode: 'legacy', tokens: { 'xoxb-test': { scopes: NARROW } } });
  fake.sendAfterHello([
    { type: 'team_pref_change', name: 'msg_edit_window_mins', value: 15 },
    { type: 'pref_change', name: 'emoji_mode', value: 'as_text' },
  ]);
});

afterAll(async () => {
  await fake.close();
});

const run = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 90_000 });

describe('a v3 RtmClient migrated without team.preferences:read, sent team_pref_change and pref_change after the hello', () => {
  it('keeps running and reads back the prefs it was sent, as under rtm.start', { timeout: 240_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-v3-pref-events-', { 'bot.js': BOT, 'report.js': REPORT });
    const before = await run(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^general: \d+ members\nteam_pref_change: msg_edit_window_mins = 15\npref_change: emoji_mode = "as_text"\n$/m);

    await breaksThenMigrates(fake, dir, () => run(dir));
    // The store leaves code the analysis follows: team.prefs is fetched as an optional extra.
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain("\nstartRtmClient(rtm, {}, { optional: ['team.prefs'] });\n");

    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await run(dir);
    // The token may not read team.prefs: the client logs the failed call (logLevel 'error'), the module leaves it out
    // with its warning; the prefs the events set are what is read, so no warning of a pref never written.
    expect({ code: after.code, stdout: after.stdout, stderr: after.stderr }).toEqual({
      code: 0,
      stdout: before.stdout,
      stderr: 'error: Response not OK:  missing_scope\nrtm-start-data: left out team.prefs: team.preferences.list answered missing_scope (needs team.preferences:read)\n',
    });
    expect(fake.calls.map((c) => c.method)).not.toContain('rtm.start');
    await expectSecondRunChangesNothing(dir);
  });
});
