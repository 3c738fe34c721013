import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkBotsRelease } from '../../../test/support/bots-release.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, expectSameWithoutRtmStart, expectSecondRunChangesNothing, SLACK_CLIENT_2_RELEASES, tempDir } from './helpers.js';

/**
 * A real slack-client 2.x RtmClient (2.0.6, and 2.3.0 under its new name @slack/client; fixtures/bots'
 * node_modules) whose dataStore is handed to a module loaded by a computed path, which the analysis cannot
 * read: everything is fetched, but not the read state (`last_read`, `unread_count`), which costs a
 * `conversations.info` per conversation. Its MemoryDataStore copies the items into models of its own by their
 * enumerable keys (lodash `forEach`), which left the items' warning getters behind: a read of a channel
 * model's `unread_count` was silently `undefined`. Now the models get getters of their own, on every start:
 * the bot reconnects once, and the second start's models (the store is rebuilt) have them too.
 */
function bot(sdk: string): string {
  return `'use strict';
var Slack = require('${sdk}');
var report = require(require('path').join(__dirname, 'report'));

var rtm = new Slack.RtmClient(process.env.SLACK_BOT_TOKEN, {
  slackAPIUrl: process.env.SLACK_API_URL,
  dataStore: new Slack.MemoryDataStore(),
  autoReconnect: false,
  reconnectionBackoff: 10,
  logLevel: 'error'
});

var starts = 0;
rtm.on(Slack.CLIENT_EVENTS.RTM.AUTHENTICATED, function () {
  starts += 1;
});

rtm.on('channel_marked', function (event) {
  report(rtm.dataStore, event, starts);
  // Once: the reconnect's start caches its data anew, in new models.
  if (starts === 1) return rtm.reconnect();
  process.stdout.write('', function () { process.exit(0); });
});

rtm.on(Slack.CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
  console.error('unable to start: ' + (error && error.message ? error.message : error));
  process.exit(1);
});

rtm.start();
`;
}

/** Reads #general's read state off its model twice (the warning comes once), whether it has one, and what the model keeps itself. */
const READS = `module.exports = function (store, event, starts) {
  var general = store.getChannelByName('general');
  console.log('start ' + starts + ' general unread_count: ' + general.unread_count);
  console.log('start ' + starts + ' general unread_count again: ' + general.unread_count);
  console.log('start ' + starts + ' general has unread_count: ' + ('unread_count' in general));
  console.log('start ' + starts + ' general lastRead: ' + general.lastRead + ' (marked ' + event.ts + ')');
};
`;

/** Never reads the read state: what the model keeps of its own (\`lastRead\`, written by channel_marked), its JSON and its inspection. */
const NEVER_READS = `var inspect = require('util').inspect;
module.exports = function (store, event, starts) {
  var general = store.getChannelByName('general');
  var json = JSON.parse(JSON.stringify(general));
  console.log('start ' + starts + ' general lastRead: ' + general.lastRead + ' (marked ' + event.ts + ')');
  console.log('start ' + starts + ' general json: ' + JSON.stringify({ name: json.name, is_member: json.is_member }));
  console.log('start ' + starts + ' general inspected: ' + /name: 'general'/.test(inspect(general)) + ' ' + /name: 'general'/.test(inspect(general, { showHidden: true })));
  console.log('start ' + starts + ' general members: ' + general.members.length);
};
`;

/** A bot folder on `installed` (fixtures/bots' node_modules) as `sdk`, declared in its package.json. */
async function botFolder(sdk: string, installed: string, range: string, report: string): Promise<string> {
  const dir = await tempDir('rtm-migrate-v2-datastore-read-state-');
  await linkBotsRelease(dir, installed, sdk);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bot', private: true, dependencies: { [sdk]: range } }));
  await writeFile(join(dir, 'bot.js'), bot(sdk));
  await writeFile(join(dir, 'report.js'), report);
  return dir;
}

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

describe.each(SLACK_CLIENT_2_RELEASES)("a $sdk $range RtmClient's dataStore models handed to code the analysis cannot read, migrated by the CLI", ({ sdk, installed, range }) => {
  it("warns once on stderr where a channel model's unread_count is read, naming the include entry; the reconnect's models too", { timeout: 240_000 }, async () => {
    const dir = await botFolder(sdk, installed, range, READS);
    fake.setMode('legacy');
    const before = await run(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    const start = (n: number): string =>
      `start ${n} general unread_count: (\\d+)\\nstart ${n} general unread_count again: \\d+\\nstart ${n} general has unread_count: true\\nstart ${n} general lastRead: 1700000000\\.000200 \\(marked 1700000000\\.000200\\)\\n`;
    expect(before.stdout).toMatch(new RegExp(`^${start(1)}${start(2)}$`));

    await breaksThenMigrates(fake, dir, () => run(dir));
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain("\nstartSlackClientRtm(rtm, {}, { optional: ['team.prefs'] });\n");

    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await run(dir);
    expect(after.code).toBe(0);
    // Not fetched (no call names it), but not silently: one warning for the four reads; the reconnect's models have the getter too.
    expect(after.stdout).toBe(before.stdout.replace(/: \d+\n/g, ': undefined\n'));
    expect(after.stderr).toBe(
      "rtm-start-data: channels[].unread_count is not in the replacement data: `conversations.list` has no read state: add 'channels[].unread_count' to the `include` option of the call into rtm-start-data (it fetches last_read, unread_count, unread_count_display with one `conversations.info` per conversation the bot is in)\n",
    );
    const methods = fake.calls.map((c) => c.method);
    expect(methods).not.toContain('rtm.start');
    expect(methods).not.toContain('conversations.info');
    expect(methods.filter((m) => m === 'rtm.connect')).toHaveLength(2);
  });

  it('prints the same with an empty stderr where the models are read, turned to JSON and inspected, but not their read state', { timeout: 240_000 }, async () => {
    const dir = await botFolder(sdk, installed, range, NEVER_READS);
    fake.setMode('legacy');
    const before = await run(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    const start = (n: number): string =>
      `start ${n} general lastRead: 1700000000\\.000200 \\(marked 1700000000\\.000200\\)\\nstart ${n} general json: \\{"name":"general","is_member":true\\}\\nstart ${n} general inspected: true true\\nstart ${n} general members: \\d+\\n`;
    expect(before.stdout).toMatch(new RegExp(`^${start(1)}${start(2)}$`));

    await breaksThenMigrates(fake, dir, () => run(dir));
    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await run(dir);
    expectSameWithoutRtmStart(fake, before, after, 2);
    await expectSecondRunChangesNothing(dir);
  });
});
