import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import type { Plan } from '../src/plan.js';
import { breaksThenMigrates, cli, PRESENCE_NOT_FETCHED, expectPresenceAsRtmStartGave, expectSameWithoutRtmStart, expectSecondRunChangesNothing, writeBotFiles } from './helpers.js';

/**
 * Real @slack/client 3.16 bots (fixtures/bots' node_modules) whose dataStore is given in the options
 * (`dataStore: new MemoryDataStore()`), run against fake Slack answering `rtm.start`, migrated by the
 * CLI, and run against a Slack that retired it: the same output. However few of its parts the code
 * reads, and however it reads them, the store is what the bot knows and gets all of the data, the
 * team's prefs it keeps among the optional extras (blind s111/03: a store filled with only the parts
 * read held the bot alone); v3-store-filled.test.ts counts what the store holds. A presence read through
 * the store fetches no presence, as `rtm.start` had given none since January 2018.
 */
const bot = (body: string, extra = ''): string => `'use strict';
var RtmClient = require('@slack/client').RtmClient;
var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;
var MemoryDataStore = require('@slack/client').MemoryDataStore;
${extra}
var rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, {
  slackAPIUrl: process.env.SLACK_API_URL,
  dataStore: new MemoryDataStore(),
  autoReconnect: false,
  logLevel: 'error'
});

rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, () => {
${body}
  process.stdout.write('', () => process.exit(0));
});

rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, (error) => {
  console.error('unable to start: ' + (error && error.message ? error.message : error));
  process.exit(1);
});

rtm.start();
`;

/** Every list's method and the members of each conversation: what a start that fetches everything calls. */
const EVERYTHING: readonly string[] = ['conversations.list', 'conversations.members', 'rtm.connect', 'team.info', 'users.list'];

/** The start of a client whose store gets all of the data, and what it calls (the team's prefs the store keeps too). */
const WHOLE_STORE = "startRtmClient(rtm, {}, { optional: ['team.prefs'] });";
const WHOLE_STORE_METHODS: readonly string[] = [...EVERYTHING, 'team.preferences.list'].sort();

const CASES = [
  {
    name: 'a channel looked up by name',
    body: "  var general = rtm.dataStore.getChannelByName('general');\n  console.log('general: ' + general.id + ' ' + general.name + ' member=' + general.is_member);",
    call: WHOLE_STORE,
    methods: WHOLE_STORE_METHODS,
  },
  {
    name: "a channel's members through the store, and the users named",
    body: "  var general = rtm.dataStore.getChannelByName('general');\n  console.log('#general: ' + general.members.map((id) => rtm.dataStore.getUserById(id).name).sort().join(' '));",
    call: WHOLE_STORE,
    methods: WHOLE_STORE_METHODS,
  },
  {
    name: "the bot's own user read through the store",
    body: "  console.log('socket open for ' + rtm.activeUserId + ' on ' + rtm.activeTeamId);\n  console.log('self in the store: ' + rtm.dataStore.getUserById(rtm.activeUserId).name);",
    call: WHOLE_STORE,
    methods: WHOLE_STORE_METHODS,
  },
  {
    name: 'a store made in the options and never read',
    body: "  console.log('socket open for ' + rtm.activeUserId + ' on ' + rtm.activeTeamId);",
    call: WHOLE_STORE,
    methods: WHOLE_STORE_METHODS,
  },
  {
    name: 'the store kept in a variable named dataStore, never reassigned',
    body: "  var dataStore = rtm.dataStore;\n  var general = dataStore.getChannelByName('general');\n  console.log('#general: ' + general.members.map((id) => dataStore.getUserById(id).name).sort().join(' '));",
    call: WHOLE_STORE,
    methods: WHOLE_STORE_METHODS,
  },
  {
    name: 'a map of the store kept in a variable, its items read by id',
    body: "  var channels = rtm.dataStore.channels;\n  for (var id in channels) if (channels[id].name === 'general') console.log('general: ' + id);",
    call: WHOLE_STORE,
    methods: WHOLE_STORE_METHODS,
  },
  {
    name: "a map's items through Object.values(), filtered and mapped",
    body: "  console.log('mine: ' + Object.values(rtm.dataStore.channels).filter((c) => c.is_member).map((c) => c.name).sort().join(' '));",
    call: WHOLE_STORE,
    methods: WHOLE_STORE_METHODS,
  },
  {
    name: 'the store kept in a variable that is reassigned',
    body: "  var store = rtm.dataStore;\n  if (!store) store = rtm.dataStore;\n  console.log('general: ' + store.getChannelByName('general').id);",
    call: WHOLE_STORE,
    methods: WHOLE_STORE_METHODS,
  },
  {
    name: "a map's entries, which the analysis does not follow",
    body: "  console.log('channels: ' + Object.entries(rtm.dataStore.channels).map(([, c]) => c.name).sort().join(' '));",
    call: WHOLE_STORE,
    methods: WHOLE_STORE_METHODS,
  },
  {
    name: 'a store method it does not know',
    body: "  console.log('unread: ' + rtm.dataStore.getUnreadCount());\n  console.log('general: ' + rtm.dataStore.getChannelByName('general').id);",
    // The store escapes whole: of the extras, only the team's prefs are kept in it (no dnd, no subteams), fetched too, left out where the token may not read them.
    call: WHOLE_STORE,
    methods: WHOLE_STORE_METHODS,
  },
  {
    name: 'the store handed to a module loaded by a computed path',
    extra: "var report = require(require('path').join(__dirname, 'report'));",
    body: '  report(rtm.dataStore);',
    call: WHOLE_STORE,
    methods: WHOLE_STORE_METHODS,
  },
] as const;

/** What report.js prints of the store it is handed: the analysis never sees these reads (the team's prefs, which the store keeps). */
const REPORT = [
  'module.exports = function (store) {',
  "  console.log('members of #general: ' + store.getChannelByName('general').members.length);",
  "  console.log('edit window: ' + store.teams[Object.keys(store.teams)[0]].prefs.msg_edit_window_mins);",
  '};',
  '',
].join('\n');

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 53, users: 30, channels: 6, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const run = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 90_000 });

/** The bot run against `rtm.start`, migrated, and run again against connect_required: the methods it called after. */
async function migrate(dir: string): Promise<{ before: RunResult; after: RunResult; methods: string[] }> {
  fake.setMode('legacy');
  const before = await run(dir);
  expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
  await breaksThenMigrates(fake, dir, () => run(dir));
  fake.setMode('connect_required');
  fake.resetCalls();
  const after = await run(dir);
  return { before, after, methods: [...new Set(fake.calls.map((c) => c.method))].sort() };
}

describe('a v3 RtmClient with a store: the store gets all of the data, however the code reads it', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', { timeout: 240_000 }, async (_name, c) => {
    const dir = await writeBotFiles('rtm-migrate-v3-fields-', { 'bot.js': bot(c.body, 'extra' in c ? c.extra : ''), 'report.js': REPORT });
    const { before, after, methods } = await migrate(dir);
    expect(before.stdout).not.toBe('');
    const source = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(source).toContain(`\n${c.call}\n`);
    expect(source).toContain('useRtmConnect: true');
    expectSameWithoutRtmStart(fake, before, after);
    // Never the extras a store cannot hold (dnd.info, usergroups.list).
    expect(methods).toEqual(c.methods);
    expect(fake.stats().ratelimited).toBe(0);
    await expectSecondRunChangesNothing(dir);
  });

  const PRESENCE = [
    [
      'by id',
      [
        '  var store = rtm.dataStore;',
        '  var awake = [];',
        "  Object.keys(store.users).forEach((id) => { if (store.users[id].presence === 'active') awake.push(store.users[id].name); });",
        "  console.log('awake: ' + awake.sort().join(','));",
        "  console.log('me: ' + store.getUserByName(store.getUserById(rtm.activeUserId).name).id);",
      ],
    ],
    ['through Object.values()', ["  console.log('awake: ' + Object.values(rtm.dataStore.users).filter((u) => u.presence === 'active').map((u) => u.name).sort().join(','));"]],
    [
      'through the users a .map() of ids looks up',
      [
        '  var store = rtm.dataStore;',
        '  var users = Object.keys(store.users).map((id) => store.getUserById(id));',
        "  console.log('awake: ' + users.filter((u) => u.presence === 'active').map((u) => u.name).sort().join(','));",
      ],
    ],
    [
      'through a map kept in a variable',
      ['  var users = rtm.dataStore.users;', "  console.log('awake: ' + Object.keys(users).filter((id) => users[id].presence === 'active').map((id) => users[id].name).sort().join(','));"],
    ],
  ] as const;

  it.each(PRESENCE)("fetches no presence where the store is read for it (%s), as rtm.start gave none: the same output", { timeout: 240_000 }, async (_name, lines) => {
    const dir = await writeBotFiles('rtm-migrate-v3-presence-', { 'bot.js': bot(lines.join('\n')) });
    const { before, after, methods } = await migrate(dir);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain(`\n${WHOLE_STORE}\n`);
    expectPresenceAsRtmStartGave(fake, before, after);
    expect(methods).toEqual(WHOLE_STORE_METHODS);
  });
});

describe('a presence read through the store of a client started in another module', () => {
  it('is filled by that start, with no presence, as rtm.start gave none, and the report names the read and the include entry', async () => {
    const dir = await writeBotFiles('rtm-migrate-v3-presence-elsewhere-', {
      'package.json': JSON.stringify({ name: 'presence-elsewhere', dependencies: { '@slack/client': '3.16.0' } }),
      'client.js': "var RtmClient = require('@slack/client').RtmClient;\nvar rtm = new RtmClient(process.env.SLACK_BOT_TOKEN);\nmodule.exports = rtm;\nrequire('./who');\nrtm.start();\n",
      'who.js': [
        "var RTM_EVENTS = require('@slack/client').RTM_EVENTS;",
        "var rtm = require('./client');",
        'rtm.on(RTM_EVENTS.MESSAGE, function (message) {',
        '  var user = rtm.dataStore.getUserById(message.user);',
        "  if (user.presence === 'active') rtm.sendMessage('hi ' + user.name, message.channel);",
        '});',
        '',
      ].join('\n'),
    });
    const scanned = await cli(['scan', '.', '--json'], dir);
    expect(scanned.stderr).toBe('');
    const sites = (JSON.parse(scanned.stdout) as Plan).sites;
    expect(sites.map((s) => [s.id, s.rewrite, s.readsFollowed ?? false])).toEqual([
      ['client.js:5:1', 'helper-module', false],
      ['who.js:4:14', 'filled', false],
    ]);
    expect(sites[1]?.fieldsRead).toContain('users[].presence');
    expect(sites[1]?.message).toContain('this `dataStore` look-up is right again');
    expect(sites[1]?.message).toContain(PRESENCE_NOT_FETCHED);
    expect((JSON.parse(scanned.stdout) as Plan).startup.byMethod.map((c) => c.method)).not.toContain('users.getPresence');
  });
});
