import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectPresenceAnswered, slackClient1App } from './helpers.js';

/** The start of each bot: a slack-client 1.x client as its README makes it, and the items of one of its maps. */
const MADE = `var Slack = require('slack-client');

var slack = new Slack(process.env.SLACK_BOT_TOKEN, false, false);
var items = function (map) {
  return Object.keys(map).map(function (id) { return map[id]; });
};
`;

const ENDS = `  process.stdout.write('', function () { process.exit(0); });
});

slack.on('error', function (err) {
  console.error('slack-client error: ' + err);
  process.exit(1);
});

slack.login();
`;

/** Reads presence through the client's users (its map and a look-up) and its unread counts through its own methods. */
const PRESENCE_AND_UNREADS = `${MADE}
slack.on('open', function () {
  var awake = items(slack.users).filter(function (u) { return u.presence === 'active'; });
  console.log('awake: ' + awake.map(function (u) { return slack.getUserByID(u.id).name; }).sort().join(','));
  console.log('unread: ' + slack.getUnreadCount());
  console.log('with unreads: ' + slack.getChannelsWithUnreads().length);
${ENDS}`;

/** The idiom of slack-client's README: the groups the bot has open, off the client's own Group objects; and its own User of `self`. */
const OPEN_GROUPS = `${MADE}
slack.on('open', function () {
  var groups = items(slack.groups);
  console.log('groups: ' + groups.length);
  console.log('open groups: ' + groups.filter(function (g) { return g.is_open && !g.is_archived; }).length);
  console.log('prefs: ' + typeof slack.self.prefs);
${ENDS}`;

interface Report {
  readonly sites: readonly { readonly id: string; readonly rewrite: string; readonly message: string }[];
}

/**
 * slack-client 1.x copies each user, channel, group and DM of `rtm.start`'s data into an object of its own
 * (`new Group(client, g)`, key by enumerable key). Reads of the extras the helper module fetches only when
 * asked, through the client's maps and methods (`slack.users[id].presence`, `getUnreadCount()`), get them
 * asked for; a read of an attribute the replacement lists lack (`groups[].is_open`) off the client's own
 * Group warns at run time, as on the helper's own items, rather than answering `undefined` silently.
 */
describe('slack-client 1.5.1: what its own objects are read for, migrated by the CLI', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 25, users: 12, channels: 6, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });
  const start = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl, env: { SLACK_LOG_LEVEL: 'error' } });
  const migrate = async (dir: string): Promise<Report> => {
    const run = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as Report;
  };

  it('asks for presence and read state where the client is read for them: the same unread counts, presence as users.getPresence answers', { timeout: 240_000 }, async () => {
    const dir = await slackClient1App({ 'bot.js': PRESENCE_AND_UNREADS });
    slack.setMode('legacy');
    const before = await start(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^unread: [1-9]\d*$/m);
    expect(before.stdout).toMatch(/^with unreads: [1-9]\d*$/m);

    const report = await migrate(dir);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['bot.js:21:1', 'helper-module']]);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain(
      "withSlackClientRtmStart(slack, { include: ['channels[].unread_count', 'groups[].unread_count', 'ims[].unread_count', 'users[].presence'] }).login();",
    );

    slack.setMode('connect_required');
    slack.resetCalls();
    const after = await start(dir);
    await expectPresenceAnswered(slack, before, after);
  });

  it("warns once when a group's `is_open` or self's `prefs`, which the replacement data lack, is read off the client's own Group or User", { timeout: 240_000 }, async () => {
    const dir = await slackClient1App({ 'bot.js': OPEN_GROUPS });
    slack.setMode('legacy');
    const before = await start(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^open groups: [1-9]\d*$/m);
    expect(before.stdout).toMatch(/^prefs: object$/m);

    const report = await migrate(dir);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['bot.js:21:1', 'helper-module']]);
    expect(report.sites[0]?.message).toContain('`groups[].is_open`');
    expect(report.sites[0]?.message).toContain('`self.prefs`');

    slack.setMode('connect_required');
    slack.resetCalls();
    const after = await start(dir);
    expect(after.code).toBe(0);
    const lost = /^(open groups|prefs): .*$/gm;
    expect(after.stdout.replace(lost, '')).toBe(before.stdout.replace(lost, ''));
    expect(after.stdout).toMatch(/^open groups: 0$/m);
    expect(after.stdout).toMatch(/^prefs: undefined$/m);
    expect(after.stderr).toBe(
      [
        'rtm-start-data: groups[].is_open is not in the replacement data: `conversations.list` does not say which conversations are open: `conversations.info` per conversation answers `is_open`',
        "rtm-start-data: self.prefs is not in the replacement data: no public method returns a user's prefs: drop the read or keep the setting in your app",
        '',
      ].join('\n'),
    );
    expect(slack.calls.map((c) => c.method)).not.toContain('rtm.start');
  });
});
