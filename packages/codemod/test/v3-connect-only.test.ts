import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../../test/support/corpus.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, copyBot, expectSameWithoutRtmStart, expectSecondRunChangesNothing } from './helpers.js';

/**
 * A legacy @slack/client v3 RtmClient bot that needs nothing of `rtm.start`'s data
 * (fixtures/bots/v3-connect-bot: its AUTHENTICATED handler reads `self.id`/`self.name` and
 * `team.id`/`name`/`domain`, and it keeps no store: `dataStore: false`), run with the real @slack/client
 * 3.16 (fixtures/bots' node_modules) against fake Slack answering `rtm.start` before the migration and
 * against a Slack that retired it after: the same output. The migration only adds `useRtmConnect: true`,
 * so the start asks Slack for one `rtm.connect` and nothing else, however large the workspace; the same
 * bot with the store the SDK makes by default, reading it once, keeps the helper module's start, which
 * fills the whole store first.
 */
const BOT = 'v3-connect-bot';

/** Where the copy reads its store once: the lists then have to be there. */
const OPENED = "rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {\n";
const READS_STORE = `${OPENED}  if (!rtm.dataStore.getUserById(rtm.activeUserId)) console.log('not in the store');\n`;

/** The bot's client with the store @slack/client makes where the options name none. */
const withStore = (source: string): string => source.replace('autoReconnect: false, dataStore: false,', 'autoReconnect: false,');

function runBot(dir: string, apiUrl: string): Promise<RunResult> {
  return runNodeBot(join(dir, BOT, 'bot.js'), { cwd: dir, apiUrl, timeoutMs: 120_000 });
}

async function lint(dir: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(false), ignore: false });
  const results = await eslint.lintFiles([join(BOT, '*.js')]);
  return results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(dir.length + 1)}:${String(m.line)} ${m.ruleId ?? '(fatal)'}`));
}

/** Before and after the migration against the same workspace: the migrated start's Web API calls. */
async function migrateAndCount(dir: string): Promise<{ before: string[]; after: string[]; migrated: string }> {
  fake.setMode('legacy');
  fake.resetCalls();
  const first = await runBot(dir, fake.apiUrl);
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  const before = fake.calls.map((c) => c.method);
  const migrated = await breaksThenMigrates(fake, dir, () => runBot(dir, fake.apiUrl));
  fake.resetCalls();
  const second = await runBot(dir, fake.apiUrl);
  expectSameWithoutRtmStart(fake, first, second);
  return { before, after: fake.calls.map((c) => c.method), migrated };
}

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 7, users: 2000, channels: 100, mode: 'legacy' });
  return () => fake.close();
});

describe('a v3 RtmClient that needs nothing of rtm.start', () => {
  it('gains useRtmConnect: true alone, prints the same against connect_required, and starts with one rtm.connect in a 2,000-user workspace', { timeout: 240_000 }, async () => {
    const dir = await copyBot(BOT);
    expect(await lint(dir)).toEqual([`${join(BOT, 'bot.js')}:38 @rtm-migrate/no-rtm-start`]);

    const { before, after, migrated } = await migrateAndCount(dir);
    expect(migrated).toMatch(/^done +v3-connect-bot\/bot\.js:38:1 +legacy-client → connect-only/m);
    expect(migrated).not.toContain('rtm-start-data');
    const source = await readFile(join(dir, BOT, 'bot.js'), 'utf8');
    expect(source).toContain("  logLevel: 'error', // the bot prints its own lines\n  useRtmConnect: true\n});");
    expect(source).toMatch(/^rtm\.start\(\);$/m);
    expect(source).not.toContain('startRtmClient');
    expect(before).toEqual(['rtm.start']);
    expect(after).toEqual(['rtm.connect']);
    console.log(`v3-connect-bot, 2,000 users / 100 channels: Web API calls at start, legacy ${String(before.length)}, migrated with useRtmConnect alone ${String(after.length)}`);

    // The migrated bot is no report of the lint's (its client already calls rtm.connect), and a second run changes nothing.
    expect(await lint(dir)).toEqual([]);
    await expectSecondRunChangesNothing(dir);
  });

  it('with a store, read once, it keeps the helper module start, which fills the whole store first', { timeout: 240_000 }, async () => {
    const dir = await copyBot(BOT);
    const file = join(dir, BOT, 'bot.js');
    const source = await readFile(file, 'utf8');
    expect(source).toContain(OPENED);
    await writeFile(file, withStore(source).replace(OPENED, READS_STORE));

    const { after, migrated } = await migrateAndCount(dir);
    expect(migrated).toMatch(/^done +v3-connect-bot\/bot\.js:39:1 +legacy-client → helper-module/m);
    // Its one look-up reads the users, but the store is what the bot knows: every list, and the team's prefs it keeps.
    expect(await readFile(file, 'utf8')).toMatch(/^startRtmClient\(rtm, \{\}, \{ optional: \['team\.prefs'\] \}\);$/m);
    expect(after.at(-1)).toBe('rtm.connect');
    expect(new Set(after.slice(0, -1))).toEqual(new Set(['users.list', 'conversations.list', 'conversations.members', 'team.info', 'team.preferences.list']));
    console.log(`v3-connect-bot reading its dataStore, 2,000 users / 100 channels: Web API calls at start through the helper module ${String(after.length)}`);
  });

  // The client handed to a module of the project (`report.opened(rtm)`): followed there, it keeps the option alone
  // while that module only reads members that hand out none of rtm.start's data; a store read there keeps the helper module.
  const PRINTS = "  console.log('socket open for ' + rtm.activeUserId + ' on ' + rtm.activeTeamId);\n";
  const REPORT = "module.exports = {\n  opened: function (client) {\n    console.log('socket open for ' + client.activeUserId + ' on ' + client.activeTeamId);\n  },\n};\n";
  const STORE_LOOKUP = "    if (!client.dataStore.getUserById(client.activeUserId)) console.log('not in the store');\n";

  async function handedToReport(report: string): Promise<{ dir: string; file: string }> {
    const dir = await copyBot(BOT);
    const file = join(dir, BOT, 'bot.js');
    const source = await readFile(file, 'utf8');
    expect(source).toContain(PRINTS);
    await writeFile(file, source.replace("var RTM_EVENTS = require('@slack/client').RTM_EVENTS;\n", "$&var report = require('./report');\n").replace(PRINTS, '  report.opened(rtm);\n'));
    await writeFile(join(dir, BOT, 'report.js'), report);
    return { dir, file };
  }

  it('handed to a project module that only reads activeUserId/activeTeamId, it still gains useRtmConnect alone: one rtm.connect, the same output', { timeout: 240_000 }, async () => {
    const { dir, file } = await handedToReport(REPORT);
    const { before, after, migrated } = await migrateAndCount(dir);
    expect(migrated).toMatch(/^done +v3-connect-bot\/bot\.js:\d+:1 +legacy-client → connect-only/m);
    expect(await readFile(file, 'utf8')).not.toContain('startRtmClient');
    expect(before).toEqual(['rtm.start']);
    expect(after).toEqual(['rtm.connect']);
  });

  it('with a store, handed to a project module that reads it, it keeps the helper module start, which fetches the data first', { timeout: 240_000 }, async () => {
    const { dir, file } = await handedToReport(REPORT.replace('  opened: function (client) {\n', `$&${STORE_LOOKUP}`));
    await writeFile(file, withStore(await readFile(file, 'utf8')));
    const { after, migrated } = await migrateAndCount(dir);
    expect(migrated).toMatch(/^done +v3-connect-bot\/bot\.js:\d+:1 +legacy-client → helper-module/m);
    expect(await readFile(file, 'utf8')).toMatch(/^startRtmClient\(rtm/m);
    expect(after.at(-1)).toBe('rtm.connect');
    expect(after).toContain('users.list');
  });
});
