import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, cli, expectSameWithoutRtmStart, expectSecondRunChangesNothing, writeBotFiles } from './helpers.js';

/**
 * A real @slack/client 3.16 RtmClient (fixtures/bots' node_modules) whose dataStore is handed to a module loaded
 * by a computed path, which the analysis cannot read: everything is fetched, but not the read state
 * (`last_read`, `unread_count`), which costs a `conversations.info` per conversation, unless a file of the
 * project spells it (blind s90/07). The dataStore copies the items into models of its own by their
 * enumerable keys, which left the items' warning getters behind: a read of a channel model's `unread_count`
 * was silently `undefined`. Now the models get getters of their own.
 */
const bot = (reportFolder: string): string => `'use strict';
var RtmClient = require('@slack/client').RtmClient;
var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;
var MemoryDataStore = require('@slack/client').MemoryDataStore;
var report = require(require('path').join(__dirname, '${reportFolder}', 'report'));

var rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, {
  slackAPIUrl: process.env.SLACK_API_URL,
  dataStore: new MemoryDataStore(),
  autoReconnect: false,
  logLevel: 'error'
});

rtm.on('channel_marked', function (event) {
  report(rtm.dataStore, event);
  process.stdout.write('', function () { process.exit(0); });
});

rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
  console.error('unable to start: ' + (error && error.message ? error.message : error));
  process.exit(1);
});

rtm.start();
`;

/** The bot whose report module is a file of the project. */
const BOT = bot('.');

/** The same bot with its report a class of a module it loads by name, to which it hands the store: not followed there either (blind s90/07's PixelsController). */
const CLASS_BOT = BOT.replace("var report = require(require('path').join(__dirname, '.', 'report'));", "var Report = require('./report');").replace('report(rtm.dataStore, event);', 'new Report(rtm.dataStore).print(event);');

/** READS as that class. */
const CLASS_READS = `module.exports = class Report {
  constructor(store) {
    this.store = store;
  }

  print(event) {
    var general = this.store.getChannelByName('general');
    console.log('general unread_count: ' + general.unread_count);
    console.log('general unread_count again: ' + general.unread_count);
    console.log('general lastRead: ' + general.lastRead + ' unreadCount: ' + general.unreadCount + ' (marked ' + event.ts + ')');
  }
};
`;

/** Reads #general's read state off its model twice (the warning comes once), and what the model keeps itself. */
const READS = `module.exports = function (store, event) {
  var general = store.getChannelByName('general');
  console.log('general unread_count: ' + general.unread_count);
  console.log('general unread_count again: ' + general.unread_count);
  console.log('general lastRead: ' + general.lastRead + ' unreadCount: ' + general.unreadCount + ' (marked ' + event.ts + ')');
};
`;

/** Never reads the read state: what the model keeps of its own (\`lastRead\`, written by channel_marked) and its JSON. */
const NEVER_READS = `module.exports = function (store, event) {
  var general = store.getChannelByName('general');
  console.log('general lastRead: ' + general.lastRead + ' unreadCount: ' + general.unreadCount + ' (marked ' + event.ts + ')');
  console.log('general json: ' + JSON.stringify({ name: general.toJSON().name, is_member: general.toJSON().is_member }));
  console.log('general members: ' + general.members.length);
};
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 73, users: 15, channels: 5, mode: 'legacy' });
  const general = fake.workspace.conversations.find((c) => c.isGeneral);
  if (!general) throw new Error('the fake workspace has no #general');
  // The dataStore's own handler writes the model's `lastRead` (camelCase) before the bot's handler runs.
  fake.sendAfterHello([{ type: 'channel_marked', channel: general.id, ts: '1700000000.000200' }]);
});

afterAll(async () => {
  await fake.close();
});

const run = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 90_000 });

describe("a v3 RtmClient's dataStore models handed to code the analysis cannot read, migrated by the CLI", () => {
  // The v3 client prints its dataStore's deprecation to stdout first, before and after.
  // Blind s90/07 (DominikPalo/slack-led-board): the start data handed to PixelsController, whose pixels read `unread_count_display`.
  it("fetches the read state where a file of the project reads it (one conversations.info per conversation the bot is in): the same lines", { timeout: 240_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-v3-datastore-read-state-read-', { 'bot.js': CLASS_BOT, 'report.js': CLASS_READS });
    fake.setMode('legacy');
    const before = await run(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    await breaksThenMigrates(fake, dir, () => run(dir));
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain("\nstartRtmClient(rtm, {}, { include: ['channels[].unread_count', 'groups[].unread_count', 'ims[].unread_count', 'mpims[].unread_count'], optional: ['team.prefs'] });\n");
    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await run(dir);
    expectSameWithoutRtmStart(fake, before, after);
    expect(fake.calls.map((c) => c.method)).toContain('conversations.info');
  });

  // The reader is out of the run (a folder of its own, not named): nothing spells the read state.
  it("warns once on stderr where a channel model's unread_count is read by code out of the run, naming the include entry", { timeout: 240_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-v3-datastore-read-state-', { 'bot/bot.js': bot('../reports'), 'reports/report.js': READS });
    const runBot = (): Promise<RunResult> => run(join(dir, 'bot'));
    fake.setMode('legacy');
    const before = await runBot();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^general unread_count: (\d+)\ngeneral unread_count again: \1\ngeneral lastRead: 1700000000\.000200 unreadCount: 0 \(marked 1700000000\.000200\)\n$/m);

    const migrated = await cli(['apply', 'bot', '--allow-dirty'], dir);
    expect([migrated.code, migrated.stderr]).toEqual([0, '']);
    expect(await readFile(join(dir, 'bot', 'bot.js'), 'utf8')).toContain("\nstartRtmClient(rtm, {}, { optional: ['team.prefs'] });\n");

    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await runBot();
    expect(after.code).toBe(0);
    // Not fetched (no call names it), but not silently: one warning for both reads.
    expect(after.stdout).toBe(before.stdout.replace(/: \d+\n/g, ': undefined\n'));
    expect(after.stderr).toBe(
      "rtm-start-data: channels[].unread_count is not in the replacement data: `conversations.list` has no read state: add 'channels[].unread_count' to the `include` option of the call into rtm-start-data (it fetches last_read, unread_count, unread_count_display with one `conversations.info` per conversation the bot is in)\n",
    );
    const methods = fake.calls.map((c) => c.method);
    expect(methods).not.toContain('rtm.start');
    expect(methods).not.toContain('conversations.info');
  });

  // The module an earlier run generated spells the read state in its own code: it is no reader of it.
  it('does not fetch the read state for a start whose program loads a module an earlier run generated', { timeout: 240_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-v3-datastore-earlier-helper-', { 'bot.js': `require('./other');\n${BOT}`, 'other.js': BOT, 'report.js': NEVER_READS });
    const first = await cli(['apply', 'other.js', '--allow-dirty'], dir);
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(await readFile(join(dir, 'other.js'), 'utf8')).toContain("require('./rtm-start-data')");
    const second = await cli(['apply', '.', '--allow-dirty'], dir);
    expect([second.code, second.stderr]).toEqual([0, '']);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain("\nstartRtmClient(rtm, {}, { optional: ['team.prefs'] });\n");
  });

  it('prints the same with an empty stderr where the models are read but not their read state', { timeout: 240_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-v3-datastore-no-read-state-', { 'bot.js': BOT, 'report.js': NEVER_READS });
    fake.setMode('legacy');
    const before = await run(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^general lastRead: 1700000000\.000200 unreadCount: 0 \(marked 1700000000\.000200\)\ngeneral json: \{"name":"general","is_member":true\}\ngeneral members: \d+\n$/m);

    await breaksThenMigrates(fake, dir, () => run(dir));
    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await run(dir);
    expectSameWithoutRtmStart(fake, before, after);
    await expectSecondRunChangesNothing(dir);
  });
});
