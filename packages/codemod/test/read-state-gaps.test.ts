import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, slackClient1App } from './helpers.js';

/** A slack-client 1.x bot as its README makes it, which hands its client to `./report` once the socket is open. */
const HANDS_ON = `var Slack = require('slack-client');
var report = require(require('path').join(__dirname, 'report'));

var slack = new Slack(process.env.SLACK_BOT_TOKEN, false, false);

slack.on('open', function () {
  console.log('users: ' + Object.keys(slack.users).length);
  report(slack);
  process.stdout.write('', function () { process.exit(0); });
});

slack.on('error', function (err) {
  console.error('slack-client error: ' + err);
  process.exit(1);
});

slack.login();
`;

/** The other module: the migration does not follow the client into it, so its `getUnreadCount()` asks for nothing. */
const REPORT = `module.exports = function (client) {
  console.log('unread: ' + client.getUnreadCount());
};
`;

/**
 * A bot that never reads the read state, while its client writes it: Slack's `channel_marked` sets the channel's
 * `last_read` and `unread_count` in slack-client's own handler, and a message goes through its `addMessage`.
 */
const WRITES_ONLY = `var Slack = require('slack-client');

var slack = new Slack(process.env.SLACK_BOT_TOKEN, false, false);

slack.on('open', function () {
  console.log('users: ' + Object.keys(slack.users).length);
});

slack.on('channelMarked', function (channel, ts) {
  console.log('marked: ' + channel.name + ' at ' + ts);
});

slack.on('message', function (message) {
  console.log('message: ' + message.text);
  process.stdout.write('', function () { process.exit(0); });
});

slack.on('error', function (err) {
  console.error('slack-client error: ' + err);
  process.exit(1);
});

slack.login();
`;

/** A slack-client 1.4.1 bot summing its unread counts itself: that release's getUnreadCount() walks `this.ims`, never set, so no DM's. */
const COUNTS_1_4 = `var Slack = require('slack-client');

var slack = new Slack(process.env.SLACK_BOT_TOKEN, false, false);

slack.on('open', function () {
  console.log('unread: ' + slack.getUnreadCount());
  process.stdout.write('', function () { process.exit(0); });
});

slack.on('error', function (err) {
  console.error('slack-client error: ' + err);
  process.exit(1);
});

slack.login();
`;

/**
 * `rtm.start` gave every conversation the bot was in its read state (`last_read`, `unread_count`,
 * `unread_count_display`); `conversations.list` gives none, and the helper module fetches it only where
 * `include` names `<list>[].unread_count`. Code the migration does not see (another module handed the
 * client, loaded by a path computed at run time: a module the bot loads by name is read for it, see
 * slack-client-gaps.test.ts) reading it learns so on stderr, once per list read, instead of slack-client 1.5.1's
 * `getUnreadCount()` silently summing `undefined`s to 0; the client's own writes of it (on
 * `channel_marked`) replace the warning getter silently, so a bot that never reads it prints nothing new.
 */
describe('slack-client 1.5.1: the read state the replacement lists lack, migrated by the CLI', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 25, users: 12, channels: 6, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });
  const start = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl, env: { SLACK_LOG_LEVEL: 'error' } });
  const migrate = async (dir: string): Promise<void> => {
    const run = await cli(['apply', '.', '--allow-dirty'], dir);
    expect([run.code, run.stdout]).toEqual([0, expect.stringContaining('TODOs left: 0')]);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain('withSlackClientRtmStart(slack).login();');
  };

  it('warns once per list whose unread counts another module reads, naming what to add to `include`', { timeout: 240_000 }, async () => {
    const dir = await slackClient1App({ 'bot.js': HANDS_ON, 'report.js': REPORT });
    slack.setMode('legacy');
    const before = await start(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^unread: [1-9]\d*$/m);

    await migrate(dir);
    expect(await readFile(join(dir, 'report.js'), 'utf8')).toBe(REPORT);

    slack.setMode('connect_required');
    slack.resetCalls();
    const after = await start(dir);
    expect(after.code).toBe(0);
    // The sum is lost (no call fetched it), but not silently.
    expect(after.stdout).toBe(before.stdout.replace(/^unread: \d+$/m, 'unread: 0'));
    // getUnreadCount() sums its channels', DMs' and groups' in that order: one line for each list.
    const warnings = after.stderr.split('\n').filter((line) => line !== '');
    expect(warnings.map((line) => /^rtm-start-data: (\w+\[\]\.unread_count) is not in the replacement data: /.exec(line)?.[1])).toEqual([
      'channels[].unread_count',
      'ims[].unread_count',
      'groups[].unread_count',
    ]);
    for (const [line, list] of warnings.map((w, i) => [w, ['channels', 'ims', 'groups'][i]] as const)) expect(line).toContain(`add '${list ?? ''}[].unread_count' to the \`include\` option`);
    const methods = slack.calls.map((c) => c.method);
    expect(methods).not.toContain('rtm.start');
    expect(methods).not.toContain('conversations.info');
  });

  it("prints the same and warns of nothing where the bot never reads it and the client writes it (`channel_marked`, messages)", { timeout: 240_000 }, async () => {
    const dir = await slackClient1App({ 'bot.js': WRITES_ONLY });
    // The client runs its own handler of each event before it reads the next: the mark is written before the message comes.
    const run = async (): Promise<RunResult> => {
      const done = { ended: false };
      const running = start(dir).finally(() => {
        done.ended = true;
      });
      while (!done.ended && slack.stats().webSocketConnections === 0) await new Promise((r) => setTimeout(r, 25));
      const general = slack.workspace.conversations.find((c) => c.isGeneral);
      const user = slack.workspace.users.find((u) => u.id !== slack.workspace.self.id && !u.is_bot);
      if (!general || !user) throw new Error('the fake workspace has no #general or second user');
      if (!done.ended) {
        slack.sendEvent({ type: 'channel_marked', channel: general.id, ts: '1700000000.000200' });
        slack.sendEvent({ type: 'message', channel: general.id, user: user.id, text: 'hi', ts: '1700000000.000300' });
      }
      return running;
    };
    slack.setMode('legacy');
    slack.resetCalls();
    const before = await run();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^users: \d+\nmarked: general at 1700000000\.000200\nmessage: hi\n$/);

    await migrate(dir);

    slack.setMode('connect_required');
    slack.resetCalls();
    const after = await run();
    expectSameWithoutRtmStart(slack, before, after);
  });

  it('slack-client 1.4.1: fetches the unread counts of the channels and groups its getUnreadCount() reads, none of its DMs', { timeout: 240_000 }, async () => {
    const dir = await slackClient1App({ 'bot.js': COUNTS_1_4 }, '1.4.1');
    slack.setMode('legacy');
    const before = await start(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^unread: [1-9]\d*\n$/);

    const run = await cli(['apply', '.', '--allow-dirty'], dir);
    expect([run.code, run.stdout]).toEqual([0, expect.stringContaining('TODOs left: 0')]);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain("withSlackClientRtmStart(slack, { include: ['channels[].unread_count', 'groups[].unread_count'] }).login();");

    slack.setMode('connect_required');
    slack.resetCalls();
    const after = await start(dir);
    expectSameWithoutRtmStart(slack, before, after);
    // One conversations.info per channel and group the bot is in, none per DM.
    const ws = slack.workspace;
    const held = [...ws.byType.public_channel, ...ws.byType.private_channel, ...ws.byType.mpim].filter((c) => c.isMember).map((c) => c.id).sort();
    expect(slack.calls.filter((c) => c.method === 'conversations.info').map((c) => c.args['channel']).sort()).toEqual(held);
  });
});

/**
 * Blind s46/08 (rbtdev/sdeslackbot): the client made in a method, kept in a field of the object as well
 * (`this.slack = slack`), and read back there by a listener bound to that object (`var slack = this.slack`).
 */
const FIELD_BOUND = `var Slack = require('slack-client');

function onOpen() {
  var slack = this.slack;
  console.log('unread: ' + slack.getUnreadCount());
  process.stdout.write('', function () { process.exit(0); });
}

var Bot = {
  connect: function (token) {
    var slack = new Slack(token, false, false);
    this.slack = slack;
    slack.on('open', onOpen.bind(this));
    slack.on('error', function (err) {
      console.error('slack-client error: ' + err);
      process.exit(1);
    });
    slack.login();
  }
};

Bot.connect(process.env.SLACK_BOT_TOKEN);
`;

/** A listener given unbound, which EventEmitter calls with the client as \`this\`. */
const THIS_LISTENER = `var Slack = require('slack-client');

function onOpen() {
  var client = this;
  console.log('unread: ' + client.getUnreadCount());
  process.stdout.write('', function () { process.exit(0); });
}

var slack = new Slack(process.env.SLACK_BOT_TOKEN, false, false);
slack.on('open', onOpen).on('error', function (err) {
  console.error('slack-client error: ' + err);
  process.exit(1);
});
slack.login();
`;

describe("slack-client 1.5.1: getUnreadCount() read through the client's field or a listener's `this`", () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 46, users: 10, channels: 5, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  it.each([
    ['the field of the object its listener is bound to', FIELD_BOUND],
    ["the `this` of an unbound listener", THIS_LISTENER],
  ])('through %s: the unread counts are fetched, the same total printed against connect_required', { timeout: 240_000 }, async (_form, source) => {
    const dir = await slackClient1App({ 'bot.js': source });
    const start = (): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl, env: { SLACK_LOG_LEVEL: 'error' } });
    slack.setMode('legacy');
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^unread: [1-9]\d*\n$/);

    const run = await cli(['apply', '.', '--allow-dirty'], dir);
    expect([run.code, run.stdout]).toEqual([0, expect.stringContaining('TODOs left: 0')]);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain("withSlackClientRtmStart(slack, { include: ['channels[].unread_count', 'groups[].unread_count', 'ims[].unread_count'] }).login();");

    slack.setMode('connect_required');
    slack.resetCalls();
    expectSameWithoutRtmStart(slack, before, await start());
  });
});
