import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ALL_SCOPES, startFakeSlack } from '@rtm-migrate/fake-slack';
import { describe, expect, it } from 'vitest';
import { copyV3Bot, runV3Bot } from '../../../test/support/v3-bot.js';
import { runNodeBot } from '../../../test/support/run.js';
import { ROOT, cli, expectSameWithoutRtmStart, tempDir } from './helpers.js';

/**
 * The extras beyond the lists (`subteams`, `dnd`, `team.prefs`): fetched for a v3 client whose
 * AUTHENTICATED handler reads them (required), and for a WebClient call whose whole answer leaves the
 * code rtm-migrate follows (optional: left out, with a warning, when the token lacks the scope).
 * Real programs, real SDKs (@slack/client 3.x, @slack/web-api), fake Slack legacy vs connect_required.
 */

/** A v3 bot whose AUTHENTICATED handler reads the user groups, as well as the lists. */
const SUBTEAMS_BOT = `var RtmClient = require('@slack/client').RtmClient;
var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;
var MemoryDataStore = require('@slack/client').MemoryDataStore;

var rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, dataStore: new MemoryDataStore(), autoReconnect: false, logLevel: 'error' });

rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) {
  console.log('subteams: ' + data.subteams.all.map(function (group) { return group.handle; }).sort().join(','));
  console.log('mine: ' + data.subteams.self.slice().sort().join(','));
  console.log('users: ' + data.users.map(function (user) { return user.id; }).sort().join(','));
  console.log('channels: ' + data.channels.map(function (channel) { return channel.id; }).sort().join(','));
});

rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
  rtm.disconnect();
  // The v3 client keeps a timer after a disconnect this early.
  process.exit(0);
});

rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
  console.error('unable to start: ' + (error && error.message ? error.message : error));
  process.exit(1);
});

rtm.start();
`;

/** A module that hands rtm.start's whole answer to its callers, and a program that prints what they get. */
const ESCAPING_MODULE = `const { WebClient } = require('@slack/web-api');

module.exports = function startSession(token) {
  const web = new WebClient(token, { slackApiUrl: process.env.SLACK_API_URL });
  return web.rtm.start({ no_unreads: true });
};
`;
const ESCAPING_MAIN = `const startSession = require('./session');

startSession(process.env.SLACK_BOT_TOKEN).then((data) => {
  const ids = (list) => (list ?? []).map((x) => x.id).sort().join(',');
  console.log('users: ' + ids(data.users));
  console.log('channels: ' + ids(data.channels));
  console.log('subteams: ' + (data.subteams ? ids(data.subteams.all) + ' mine ' + [...data.subteams.self].sort().join(',') : 'none'));
  console.log('dnd: ' + (data.dnd ? JSON.stringify(data.dnd) : 'none'));
  // team.preferences.list answers these (rtm.start's team.prefs had more: \`default_channels\`…).
  const prefs = data.team.prefs;
  console.log('team.prefs: ' + (prefs ? [prefs.msg_edit_window_mins, prefs.display_real_names, prefs.who_can_post_general].join(',') : 'none'));
});
`;

async function escapingProject(): Promise<string> {
  const dir = await tempDir('rtm-migrate-escape-extras-');
  await mkdir(join(dir, 'src'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'session', private: true, type: 'commonjs' }));
  await writeFile(join(dir, 'src', 'session.js'), ESCAPING_MODULE);
  await writeFile(join(dir, 'src', 'main.js'), ESCAPING_MAIN);
  await symlink(join(ROOT, 'fixtures', 'legacy-bot', 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

const line = (out: string, key: string): string | undefined => new RegExp(`^${key}: (.*)$`, 'm').exec(out)?.[1];

describe('the extras beyond the lists', () => {
  it('a v3 bot whose AUTHENTICATED handler reads subteams.all gets the same groups, users and channels against connect_required', async () => {
    const fake = await startFakeSlack({ seed: 17, users: 30, channels: 6, mode: 'legacy' });
    try {
      const dir = await copyV3Bot('v3-subteams-');
      await writeFile(join(dir, 'src', 'bot.js'), SUBTEAMS_BOT);
      const before = await runV3Bot(dir, fake.apiUrl);
      expect(before.stderr).toBe('');
      expect(before.code).toBe(0);
      expect(line(before.stdout, 'subteams')).toMatch(/\S/);

      const migrated = await cli(['apply', '.'], dir);
      expect(migrated.stderr).toBe('');
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain('TODOs left: 0');
      const source = await readFile(join(dir, 'src', 'bot.js'), 'utf8');
      // Its store gets the whole data (the team's prefs it keeps among the extras), and the subteams its handler reads.
      expect(source).toMatch(/^startRtmClient\(rtm, \{\}, \{ [^}]*include: \['subteams'\][^}]*\}\);$/m);

      fake.setMode('connect_required');
      fake.resetCalls();
      expectSameWithoutRtmStart(fake, before, await runV3Bot(dir, fake.apiUrl));
      expect(fake.calls.filter((c) => c.method === 'usergroups.list')).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });

  it('a WebClient whose answer escapes gets subteams, dnd and team.prefs with the scopes, and still starts (with a warning) without usergroups:read', async () => {
    const fake = await startFakeSlack({
      seed: 22,
      users: 25,
      channels: 5,
      mode: 'legacy',
      tokens: { 'xoxb-no-usergroups': { scopes: ALL_SCOPES.filter((s) => s !== 'usergroups:read') } },
    });
    try {
      const dir = await escapingProject();
      const main = join(dir, 'src', 'main.js');
      const before = await runNodeBot(main, { cwd: dir, apiUrl: fake.apiUrl });
      expect(before.stderr).toBe('');
      expect(before.code).toBe(0);
      expect(line(before.stdout, 'subteams')).not.toBe('none');

      // Their scopes are optional, not needed (blind s75/02 was told team.preferences:read was).
      const plan = JSON.parse((await cli(['scan', '.', '--json'], dir)).stdout) as { scopes: string[]; optionalScopes: { scope: string; when: string }[] };
      expect(plan.scopes.filter((s) => ['dnd:read', 'usergroups:read', 'team.preferences:read'].includes(s))).toEqual([]);
      expect(plan.optionalScopes.map((o) => o.scope)).toEqual(expect.arrayContaining(['dnd:read', 'team.preferences:read', 'usergroups:read']));
      expect(plan.optionalScopes.find((o) => o.scope === 'usergroups:read')?.when).toBe('to fill `subteams` for code rtm-migrate cannot follow; without it the start goes on without `subteams`, with a warning');

      const migrated = await cli(['apply', '.', '--report', 'json'], dir);
      expect(migrated.code).toBe(0);
      const report = JSON.parse(migrated.stdout) as { sites: { rewrite: string; message: string }[] };
      expect(report.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
      // Never silent: what whoever gets the data still misses is in the report.
      expect(report.sites[0]!.message).toContain('`cache_ts` and `latest_event_ts` have no replacement');
      expect(report.sites[0]!.message).toContain('per-conversation `latest`, `last_read` and unread counts');
      const source = await readFile(join(dir, 'src', 'session.js'), 'utf8');
      expect(source).toContain("rtmStartData(web, { no_unreads: true }, { optional: ['dnd', 'subteams', 'team.prefs'] })");

      fake.setMode('connect_required');
      fake.resetCalls();
      const after = await runNodeBot(main, { cwd: dir, apiUrl: fake.apiUrl });
      expect(after.stderr).toBe('');
      expect(after.code).toBe(0);
      expect(after.stdout).toBe(before.stdout);
      expect(fake.calls.map((c) => c.method)).not.toContain('rtm.start');

      // A token without usergroups:read: the start goes on without subteams, and says so once.
      const limited = await runNodeBot(main, { cwd: dir, apiUrl: fake.apiUrl, token: 'xoxb-no-usergroups' });
      expect(limited.code).toBe(0);
      expect(limited.stderr.trim()).toBe('rtm-start-data: left out subteams: usergroups.list answered missing_scope (needs usergroups:read)');
      expect(line(limited.stdout, 'subteams')).toBe('none');
      for (const key of ['users', 'channels', 'dnd', 'team.prefs']) expect(line(limited.stdout, key)).toBe(line(before.stdout, key));
    } finally {
      await fake.close();
    }
  });
});
