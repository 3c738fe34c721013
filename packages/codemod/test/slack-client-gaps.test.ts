import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { ESLint } from 'eslint';
import { config } from '../../../test/support/corpus.js';
import { cli, expectPresenceAsRtmStartGave, expectSameWithoutRtmStart, slackClient1App } from './helpers.js';

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

/**
 * aosyborg/harold-bot's shape (blind s92/08): the `open` handler a module of its own, bound to the client,
 * which reads the unread count and the open groups: the bot's file shows none of it.
 */
const HANDLER_MODULE = `var Slack = require('slack-client');

var slack = new Slack(process.env.SLACK_BOT_TOKEN, false, false);
slack.on('open', require('./events/open').bind(null, slack));
${ENDS.replace(/^[^]*?\n\n/, '')}`;

const OPEN_HANDLER = `module.exports = function (slack) {
  var unreads = slack.getUnreadCount();
  var groups = Object.keys(slack.groups)
    .map(function (key) { return slack.groups[key]; })
    .filter(function (g) { return g.is_open && !g.is_archived; });
  console.log('As well as: ' + groups.map(function (g) { return g.name; }).sort().join(', '));
  console.log('You have ' + unreads + ' unread messages');
  process.stdout.write('', function () { process.exit(0); });
};
`;

/** The idiom of slack-client's README (blind corpus s28/17): the groups the bot has open, off the client's own Group objects. */
const OPEN_GROUPS = `${MADE}
slack.on('open', function () {
  var channels = Object.keys(slack.channels)
    .map(function (k) { return slack.channels[k]; })
    .filter(function (c) { return c.is_member; });
  var groups = Object.keys(slack.groups)
    .map(function (k) { return slack.groups[k]; })
    .filter(function (g) { return g.is_open && !g.is_archived; });
  console.log('in: ' + channels.length);
  console.log('as well as: ' + groups.map(function (g) { return g.name; }).sort().join(','));
${ENDS}`;

/** A DM looked up by its user's name and used only where open (s28/18's slack-api-rx.js), the client a field of a class. */
const OPEN_DM = `var Slack = require('slack-client');

class Bot {
  constructor(token) {
    this.slack = new Slack(token, false, false);
  }

  run() {
    this.slack.on('open', () => {
      var names = Object.keys(this.slack.users).map((k) => this.slack.users[k].name).sort();
      var open = names.filter((name) => { var dm = this.slack.getDMByName(name); return dm && dm.is_open; });
      console.log('open DMs: ' + open.join(','));
      process.stdout.write('', () => process.exit(0));
    });
    this.slack.on('error', (err) => {
      console.error('slack-client error: ' + err);
      process.exit(1);
    });
    this.slack.login();
  }
}

new Bot(process.env.SLACK_BOT_TOKEN).run();
`;

/** The groups with pins, off the client's own Group objects: \`has_pins\` is answered by no method on the conversation. */
const PINNED_GROUPS = `${MADE}
slack.on('open', function () {
  var pinned = items(slack.groups).filter(function (g) { return g.has_pins; });
  console.log('pinned: ' + pinned.length);
${ENDS}`;

/** The client's groups counted and its own User of \`self\` read for \`prefs\`, which neither rtm.connect nor a list returns. */
const SELF_PREFS = `${MADE}
slack.on('open', function () {
  console.log('groups: ' + items(slack.groups).length);
  console.log('prefs: ' + typeof slack.self.prefs);
${ENDS}`;

/**
 * The client's own \`pref_change\` handler writes \`this.self.prefs[name] = value\`; fake Slack sends one, then a
 * message, on whose arrival the bot reads the pref set and (twice) one never set since the login.
 */
const PREF_CHANGE = `${MADE}
// Loaded by a path computed at run time, as code the migration does not see: a key of \`self.prefs\` read where it does is a TODO (gone-fields-named.test.ts).
var show = require(require('path').join(__dirname, 'show'));
slack.on('message', function () {
  show(slack.self);
${ENDS}`;

const SHOW_PREFS = `module.exports = function (self) {
  console.log('emoji_mode: ' + self.prefs.emoji_mode);
  console.log('highlight_words: ' + JSON.stringify(self.prefs.highlight_words));
  console.log('highlight_words again: ' + JSON.stringify(self.prefs.highlight_words));
};
`;

/**
 * A slack-client 1.4.1 bot in the shape of that release's own examples/simple_reverse.js: the channels it is
 * in and the groups it has open off the client's maps when the socket opens, and (on a message, which
 * never comes here) the conversation looked up with getChannelGroupOrDMByID(), which may answer a DM.
 */
const OPEN_GROUPS_1_4 = `var Slack = require('slack-client');

var slack = new Slack(process.env.SLACK_BOT_TOKEN, false, false);

slack.on('open', function () {
  var id, channel, group;
  var channels = [];
  var groups = [];
  for (id in slack.channels) {
    channel = slack.channels[id];
    if (channel.is_member) channels.push('#' + channel.name);
  }
  for (id in slack.groups) {
    group = slack.groups[id];
    if (group.is_open && !group.is_archived) groups.push(group.name);
  }
  console.log('You are in: ' + channels.sort().join(', '));
  console.log('As well as: ' + groups.sort().join(', '));
${ENDS.replace('slack.login();\n', '')}
slack.on('message', function (message) {
  var channel = slack.getChannelGroupOrDMByID(message.channel);
  var user = slack.getUserByID(message.user);
  if (channel && user && message.text) channel.send('@' + user.name + ': ' + message.text.split('').reverse().join(''));
});

slack.login();
`;

/** The report's id of the bot's `login()` call: `bot.js:<line>:<column>`. */
function loginAt(bot: string): string {
  const lines = bot.split('\n');
  const line = lines.findIndex((l) => l.endsWith('.login();'));
  return `bot.js:${line + 1}:${(lines[line]?.search(/\S/) ?? 0) + 1}`;
}

/** The recommended lint of the bot, as a user's flat config has it. */
async function lint(dir: string): Promise<{ ruleId: string | null; line: number; message: string }[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(false), ignore: false });
  return (await eslint.lintFiles(['bot.js'])).flatMap((r) => r.messages);
}

interface Report {
  readonly sites: readonly { readonly id: string; readonly rewrite: string; readonly message: string }[];
}

/**
 * slack-client 1.x copies each user, channel, group and DM of `rtm.start`'s data into an object of its own
 * (`new Group(client, g)`, key by enumerable key). Reads of the extras the helper module fetches only when
 * asked, through the client's maps and methods (`slack.users[id].presence`, `getUnreadCount()`), get them
 * asked for, and so does a read of `is_open` (`conversations.info` per conversation); a read of an
 * attribute no method answers on the conversation through them (`groups[].has_pins`) makes the login a
 * TODO; one off what the analysis does not see (`self.prefs`) warns at run time, as on the helper's own
 * data, rather than answering `undefined` silently.
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

  it('asks for read state where the client is read for it, not presence (rtm.start gave none): the same unread counts, nobody awake', { timeout: 240_000 }, async () => {
    const dir = await slackClient1App({ 'bot.js': PRESENCE_AND_UNREADS });
    slack.setMode('legacy');
    const before = await start(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^unread: [1-9]\d*$/m);
    expect(before.stdout).toMatch(/^with unreads: [1-9]\d*$/m);

    const report = await migrate(dir);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['bot.js:21:1', 'helper-module']]);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain(
      "withSlackClientRtmStart(slack, { include: ['channels[].unread_count', 'groups[].unread_count', 'ims[].unread_count'] }).login();",
    );

    slack.setMode('connect_required');
    slack.resetCalls();
    const after = await start(dir);
    expectPresenceAsRtmStartGave(slack, before, after);
  });

  it('asks for what a module of its program reads off the client it is handed (getUnreadCount(), groups[].is_open): the same lines', { timeout: 240_000 }, async () => {
    const dir = await slackClient1App({ 'bot.js': HANDLER_MODULE, 'events/open.js': OPEN_HANDLER });
    slack.setMode('legacy');
    const before = await start(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^As well as: \S+/m);
    expect(before.stdout).toMatch(/^You have [1-9]\d* unread messages$/m);

    const report = await migrate(dir);
    expect(report.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain(
      "withSlackClientRtmStart(slack, { include: ['channels[].unread_count', 'groups[].is_open', 'groups[].unread_count', 'ims[].is_open', 'ims[].unread_count'] }).login();",
    );
    slack.setMode('connect_required');
    slack.resetCalls();
    const after = await start(dir);
    expect([after.code, after.stderr, after.stdout]).toEqual([0, '', before.stdout]);
  });

  /**
   * `is_open` is an attribute `conversations.list` lacks, which `conversations.info` answers on the
   * conversation: read through the client's maps or look-ups, the login goes through the helper module
   * with `include` naming it, whose per-conversation step copies it onto the items the client copies
   * (s28/17 and s28/18, which lost their open groups and DMs when every `is_open` answered `undefined`).
   * Fake Slack closes every third group and DM, so the filter matters: the same names print before
   * (legacy `rtm.start`) and after (`connect_required`), and a second run changes nothing.
   */
  it.each([
    ['a map, the README idiom', OPEN_GROUPS, 'groups[].is_open', /^as well as: (.*)$/m, (ws: FakeSlack['workspace']): string[] => [...ws.byType.private_channel, ...ws.byType.mpim].filter((c) => c.isMember && c.isOpen && !c.isArchived).map((c) => c.name)],
    ['a look-up on a field of this', OPEN_DM, 'ims[].is_open', /^open DMs: (.*)$/m, (ws: FakeSlack['workspace']): string[] => ws.byType.im.filter((c) => c.isOpen).map((c) => ws.user(c.user ?? '')?.name ?? '')],
  ])('fetches `is_open` read through %s with conversations.info: the same open conversations', { timeout: 240_000 }, async (_how, bot, field, printed, open) => {
    const id = loginAt(bot);
    const dir = await slackClient1App({ 'bot.js': bot });
    // Some of them closed: a migration that answered `undefined` (or `true`) for every one would print other names.
    const list = field === 'groups[].is_open' ? [...slack.workspace.byType.private_channel, ...slack.workspace.byType.mpim] : slack.workspace.byType.im;
    expect(list.filter((c) => c.isMember && !c.isOpen).length).toBeGreaterThan(0);
    slack.setMode('legacy');
    const before = await start(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(printed.exec(before.stdout)?.[1]).toBe(open(slack.workspace).sort().join(','));
    expect(printed.exec(before.stdout)?.[1]).not.toBe('');

    // Before: the lint reports the read (as it does off rtm.start's own answer), saying where it comes from now.
    const read = field === 'groups[].is_open' ? 'g.is_open' : 'dm.is_open';
    const readLine = bot.split('\n').findIndex((line) => line.includes(read)) + 1;
    const findings = await lint(dir);
    expect(findings.filter((f) => f.ruleId === '@rtm-migrate/no-rtm-start-only-fields' && f.line === readLine).map((f) => f.message)).toContainEqual(expect.stringContaining(`\`${field}\``));

    const report = await migrate(dir);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([[id, 'helper-module']]);
    const migrated = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(migrated).toContain(`withSlackClientRtmStart(${bot === OPEN_DM ? 'this.slack' : 'slack'}, { include: ['${field}'] }).login();`);
    expect(migrated).not.toContain('TODO(rtm-migrate)');
    // After: the lint sees the login go through the module that fetches what is read, and reports nothing.
    expect(await lint(dir)).toEqual([]);

    slack.setMode('connect_required');
    slack.resetCalls();
    const after = await start(dir);
    expectSameWithoutRtmStart(slack, before, after);
    // One conversations.info per conversation of the list read, none for the others.
    const asked = slack.calls.filter((c) => c.method === 'conversations.info').map((c) => c.args['channel']).sort();
    expect(asked).toEqual(list.filter((c) => c.isMember).map((c) => c.id).sort());

    const again = await cli(['apply', '.', '--allow-dirty'], dir);
    expect([again.code, again.stdout]).toEqual([0, expect.stringContaining('TODOs left: 0')]);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toBe(migrated);
  });

  /**
   * `has_pins` is answered by no method on the conversation (`pins.list` per conversation, and only whether
   * it has any): read through the client's maps it still makes the login a TODO naming it, and the lint
   * reports the read; the bot, unchanged, runs as before.
   */
  it('leaves a TODO naming `has_pins` read through a map, and the lint reports the read', { timeout: 240_000 }, async () => {
    const id = loginAt(PINNED_GROUPS);
    const dir = await slackClient1App({ 'bot.js': PINNED_GROUPS });
    slack.setMode('legacy');
    const before = await start(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^pinned: \d+$/m);

    const findings = await lint(dir);
    const readLine = PINNED_GROUPS.split('\n').findIndex((line) => line.includes('g.has_pins')) + 1;
    expect(findings.filter((f) => f.ruleId === '@rtm-migrate/no-rtm-start-only-fields' && f.line === readLine).map((f) => f.message)).toContainEqual(expect.stringContaining('`groups[].has_pins`'));
    expect(findings.filter((f) => f.ruleId === '@rtm-migrate/no-rtm-start').map((f) => `bot.js:${String(f.line)}:`)).toEqual([id.replace(/\d+$/, '')]);

    const report = await migrate(dir);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([[id, 'todo']]);
    expect(report.sites[0]?.message).toContain('`groups[].has_pins`');
    expect(report.sites[0]?.message).toContain('groups[].has_pins: no replacement');
    const migrated = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(migrated).toContain('// TODO(rtm-migrate): `login()` of this `slack-client` 1.x client');
    expect(existsSync(join(dir, 'rtm-start-data.js'))).toBe(false);
    expect(migrated.replace(/^ *\/\/ .*\n/gm, '')).toBe(PINNED_GROUPS);

    slack.resetCalls();
    const after = await start(dir);
    expect(after).toEqual(before);
    const again = await cli(['apply', '.', '--allow-dirty'], dir);
    expect([again.code, await readFile(join(dir, 'bot.js'), 'utf8')]).toEqual([0, migrated]);
  });

  it("keeps self's `prefs`, which the replacement data lack, an object on the client's own User", { timeout: 240_000 }, async () => {
    const dir = await slackClient1App({ 'bot.js': SELF_PREFS });
    slack.setMode('legacy');
    const before = await start(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^groups: [1-9]\d*$/m);
    expect(before.stdout).toMatch(/^prefs: object$/m);

    const report = await migrate(dir);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([[loginAt(SELF_PREFS), 'helper-module']]);
    expect(report.sites[0]?.message).toContain('`self.prefs`');

    slack.setMode('connect_required');
    slack.resetCalls();
    const after = await start(dir);
    expect(after.code).toBe(0);
    expect([after.stdout, after.stderr]).toEqual([before.stdout, '']);
    expect(slack.calls.map((c) => c.method)).not.toContain('rtm.start');
  });

  it("keeps a pref that Slack's `pref_change` sets on the client's own `self`, and warns once when one never set is read", { timeout: 240_000 }, async () => {
    const dir = await slackClient1App({ 'bot.js': PREF_CHANGE, 'show.js': SHOW_PREFS });
    // The client runs its own handler of each event before it reads the next: the message comes after the pref is set.
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
        slack.sendEvent({ type: 'pref_change', name: 'emoji_mode', value: 'as_text' });
        slack.sendEvent({ type: 'message', channel: general.id, user: user.id, text: 'prefs?', ts: '1700000000.000100' });
      }
      return running;
    };
    slack.setMode('legacy');
    slack.resetCalls();
    const before = await run();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toBe('emoji_mode: as_text\nhighlight_words: ""\nhighlight_words again: ""\n');

    const report = await migrate(dir);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([[loginAt(PREF_CHANGE), 'helper-module']]);

    slack.setMode('connect_required');
    slack.resetCalls();
    const after = await run();
    expect([after.code, after.stdout]).toEqual([0, 'emoji_mode: as_text\nhighlight_words: undefined\nhighlight_words again: undefined\n']);
    expect(after.stderr).toBe(
      "rtm-start-data: self.prefs.highlight_words is not in the replacement data: no public method returns a user's prefs: drop the read or keep the setting in your app\n",
    );
    expect(slack.calls.map((c) => c.method)).not.toContain('rtm.start');
  });
});


/**
 * slack-client 1.4.1 reads no item's `is_open` itself (its `_onLogin` copies the lists; its `group_open`,
 * `im_close`… handlers only write it): what is fetched follows what the bot reads. This bot reads
 * `is_open` off its groups alone, though it also looks conversations up with getChannelGroupOrDMByID()
 * (which may answer a DM): the login asks for `groups[].is_open` only (a `conversations.info` per group,
 * none per DM), and the report names as lacking only what is not fetched.
 */
describe('slack-client 1.4.1: groups filtered by `is_open`, migrated by the CLI', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 25, users: 12, channels: 6, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });
  const start = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl, env: { SLACK_LOG_LEVEL: 'error' } });
  /** How many calls of each method fake Slack saw. */
  const counts = (): Record<string, number> => {
    const byMethod: Record<string, number> = {};
    for (const c of slack.calls) byMethod[c.method] = (byMethod[c.method] ?? 0) + 1;
    return byMethod;
  };

  it('fetches the groups\' `is_open` alone, prints the same open groups and channels, and reports no fetched field as lacking', { timeout: 240_000 }, async () => {
    const ws = slack.workspace;
    const groups = [...ws.byType.private_channel, ...ws.byType.mpim].filter((c) => c.isMember);
    // Some closed: a migration that answered `undefined` (or `true`) for every one would print other names.
    expect(groups.filter((c) => !c.isOpen).length).toBeGreaterThan(0);
    expect(ws.byType.im.length).toBeGreaterThan(0);
    const dir = await slackClient1App({ 'bot.js': OPEN_GROUPS_1_4 }, '1.4.1');
    slack.setMode('legacy');
    slack.resetCalls();
    const before = await start(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(/^As well as: (.*)$/m.exec(before.stdout)?.[1]).toBe(groups.filter((c) => c.isOpen && !c.isArchived).map((c) => c.name).sort().join(', '));
    expect(before.stdout).toMatch(/^You are in: #\S/m);
    expect(counts()).toEqual({ 'rtm.start': 1 });

    // The lint reports the groups' read, and no DM's: the object it is read off holds an item of `client.groups`.
    const readLine = OPEN_GROUPS_1_4.split('\n').findIndex((line) => line.includes('group.is_open')) + 1;
    const atRead = (await lint(dir)).filter((f) => f.ruleId === '@rtm-migrate/no-rtm-start-only-fields' && f.line === readLine).map((f) => f.message);
    expect(atRead).toContainEqual(expect.stringContaining('`groups[].is_open`'));
    expect(atRead.join('\n')).not.toContain('ims[].is_open');

    // The human report (a dry run) names the same fields as lacking as the JSON one below.
    const human = await cli(['apply', '.', '--allow-dirty', '--dry'], dir);
    expect(human.code).toBe(0);
    const run = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([[loginAt(OPEN_GROUPS_1_4), 'helper-module']]);
    const migrated = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(migrated).toContain("withSlackClientRtmStart(slack, { include: ['groups[].is_open'] }).login();");
    // What the client's copies lack is what is not fetched: the DMs' `is_open` (not read here) and `has_pins`, not the groups' `is_open`.
    const gaps = report.sites[0]?.message ?? '';
    const lacking = /may read (.*?) off them, which the replacement lists lack/.exec(gaps)?.[1] ?? '';
    expect(lacking).toBe('`channels[].has_pins`, `groups[].has_pins`, `ims[].is_open`, `ims[].has_pins`');
    expect(gaps).toContain('`groups[].is_open` is fetched because the bot\'s code reads it (this file through the client');
    expect(human.stdout.replace(/\s+/g, ' ')).toContain(`may read ${lacking} off them, which the replacement lists lack`);
    expect(await lint(dir)).toEqual([]);

    slack.setMode('connect_required');
    slack.resetCalls();
    const after = await start(dir);
    expectSameWithoutRtmStart(slack, before, after);
    // One conversations.info per group, none per DM.
    expect(slack.calls.filter((c) => c.method === 'conversations.info').map((c) => c.args['channel']).sort()).toEqual(groups.map((c) => c.id).sort());
    expect(counts()['conversations.info']).toBe(groups.length);

    const again = await cli(['apply', '.', '--allow-dirty'], dir);
    expect([again.code, again.stdout]).toEqual([0, expect.stringContaining('TODOs left: 0')]);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toBe(migrated);
  });
});
