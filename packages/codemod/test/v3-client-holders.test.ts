import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../../test/support/corpus.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, copyBot, expectSameWithoutRtmStart, expectSecondRunChangesNothing } from './helpers.js';

/**
 * Legacy @slack/client v3 RtmClients held where the scan has to follow them to their `new`, each run
 * with the real @slack/client 3.16 (fixtures/bots' node_modules) before the migration against fake
 * Slack answering `rtm.start` and after it against a Slack that retired it: the same output.
 *
 * A client made by a function another module exports
 * (fixtures/bots/v3-factory-bot/connection.js: `let link = null`, `open(token)` assigns it
 * `new RtmClient(…)` and returns it) and started by its caller (start.js: `const rtm =
 * connection.open(…); rtm.start();`), also with the client's settings given in a third argument that
 * `RtmClient(token, opts)` never reads (`useRtmConnect: true` there leaves it calling `rtm.start`).
 *
 * A client put in a field of `this` by a method the constructor function assigns
 * (fixtures/bots/v3-method-field-bot/relay.js: `this.client = null` in `function Relay`,
 * `this.client = new slack.RtmClient(…)` and `this.client.start()` in `this.connect = function`), its
 * AUTHENTICATED data read for the users' and channels' names.
 *
 * A client handed to a class of another module (fixtures/bots/v3-injected-bot/start.js: `new
 * Directory(new slack.RtmClient(…), new Map())`), whose constructor keeps it in `this.rtm` and whose
 * `start()` calls `this.rtm.start()` (directory.js), its AUTHENTICATED data read for the users' and
 * channels' names.
 */
const MADE = 'autoReconnect: false });';

async function copyFactoryBot(ignoredThird: boolean): Promise<string> {
  const dir = await copyBot('v3-factory-bot');
  if (ignoredThird) {
    const file = join(dir, 'v3-factory-bot', 'connection.js');
    const source = await readFile(file, 'utf8');
    expect(source).toContain(MADE);
    await writeFile(file, source.replace(MADE, 'autoReconnect: false }, { dataStore: false, useRtmConnect: true });'));
  }
  return dir;
}

function runBot(dir: string, bot: string, main: string, apiUrl: string): Promise<RunResult> {
  return runNodeBot(join(dir, bot, main), { cwd: dir, apiUrl, timeoutMs: 90_000 });
}

/** Our rules' reports on the bot's own files, with the real ESLint and `configs.recommended`. */
async function lint(dir: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(false), ignore: false });
  const results = await eslint.lintFiles([join('v3-factory-bot', '*.js')]);
  return results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(dir.length + 1)}:${String(m.line)} ${m.ruleId ?? '(fatal)'}`));
}

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 41, users: 25, channels: 5, mode: 'legacy' });
  return () => fake.close();
});

describe('a v3 RtmClient made by a function of another module and started by its caller', () => {
  it.each([
    { form: 'options in the second argument', ignoredThird: false, made: /^ {2}link = new RtmClient\(token, \{ logLevel: logLevel, slackAPIUrl: process\.env\.SLACK_API_URL, autoReconnect: false, useRtmConnect: true \}\);$/m },
    {
      form: 'useRtmConnect in an ignored third argument',
      ignoredThird: true,
      made: /^ {2}link = new RtmClient\(token, \{ logLevel: logLevel, slackAPIUrl: process\.env\.SLACK_API_URL, autoReconnect: false, useRtmConnect: true \}, \{ dataStore: false, useRtmConnect: true \}\);$/m,
    },
  ])('$form: reported by the lint, started through startRtmClient(), made with useRtmConnect: true, the same output against connect_required', { timeout: 180_000 }, async ({ ignoredThird, made }) => {
    const dir = await copyFactoryBot(ignoredThird);
    fake.setMode('legacy');
    fake.resetCalls();
    const before = await runBot(dir, 'v3-factory-bot', 'start.js', fake.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^signed in as \S+ of \S+/m);
    expect(before.stdout).toMatch(/^socket open for U\w+$/m);
    // The third argument's option is never read: the client asks for rtm.start.
    expect(fake.calls.map((c) => c.method)).toContain('rtm.start');
    // The lint sees the start on the client the other module made.
    expect(await lint(dir)).toContain(`${join('v3-factory-bot', 'start.js')}:9 @rtm-migrate/no-rtm-start`);

    const migrated = await breaksThenMigrates(fake, dir, () => runBot(dir, 'v3-factory-bot', 'start.js', fake.apiUrl));
    expect(migrated).toMatch(/^done +v3-factory-bot\/start\.js:9:1 +legacy-client → helper-module/m);
    expect(migrated).toMatch(/^done +v3-factory-bot\/connection\.js:23:10 +legacy-client → helper-module/m);
    const start = await readFile(join(dir, 'v3-factory-bot', 'start.js'), 'utf8');
    expect(start).toContain("const { startRtmClient } = require('./rtm-start-data');");
    expect(start).toMatch(/^startRtmClient\(rtm\);$/m);
    expect(await readFile(join(dir, 'v3-factory-bot', 'connection.js'), 'utf8')).toMatch(made);
    expect(await lint(dir)).toEqual([]);

    fake.resetCalls();
    const after = await runBot(dir, 'v3-factory-bot', 'start.js', fake.apiUrl);
    expectSameWithoutRtmStart(fake, before, after);

    await expectSecondRunChangesNothing(dir);
  });
});

describe('a v3 RtmClient made in a field of this by a method, the field emptied with null first', () => {
  it('starts through startRtmClient(), made with useRtmConnect: true, and names the same users and channels against connect_required', { timeout: 180_000 }, async () => {
    const dir = await copyBot('v3-method-field-bot');
    fake.setMode('legacy');
    const before = await runBot(dir, 'v3-method-field-bot', 'run.js', fake.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^C\w+ #general \(\d+ members\)$/m);
    expect(before.stdout).toMatch(/^U\w+ \S+$/m);

    const migrated = await breaksThenMigrates(fake, dir, () => runBot(dir, 'v3-method-field-bot', 'run.js', fake.apiUrl));
    expect(migrated).toMatch(/^done +v3-method-field-bot\/relay\.js:33:5 +legacy-client → helper-module/m);
    const relay = await readFile(join(dir, 'v3-method-field-bot', 'relay.js'), 'utf8');
    expect(relay).toContain("autoReconnect: false, logLevel: 'error', useRtmConnect: true });");
    expect(relay).toMatch(/^ {4}startRtmClient\(this\.client, \{\}, \{ optional: \['team\.prefs'\] \}\);$/m);

    fake.resetCalls();
    const after = await runBot(dir, 'v3-method-field-bot', 'run.js', fake.apiUrl);
    expectSameWithoutRtmStart(fake, before, after);
  });
});

describe('a v3 RtmClient handed to the constructor of a class of another module, kept in this.rtm', () => {
  it('starts through startRtmClient(this.rtm), made with useRtmConnect: true, and names the same users and channels against connect_required', { timeout: 180_000 }, async () => {
    const dir = await copyBot('v3-injected-bot');
    fake.setMode('legacy');
    fake.resetCalls();
    const before = await runBot(dir, 'v3-injected-bot', 'start.js', fake.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^C\w+ #general \(\d+ members\)$/m);
    expect(before.stdout).toMatch(/^U\w+ \S+$/m);
    expect(fake.calls.map((c) => c.method)).toContain('rtm.start');

    const migrated = await breaksThenMigrates(fake, dir, () => runBot(dir, 'v3-injected-bot', 'start.js', fake.apiUrl));
    expect(migrated).toMatch(/^done +v3-injected-bot\/directory\.js:27:5 +legacy-client → helper-module/m);
    expect(migrated).toMatch(/^done +v3-injected-bot\/start\.js:8:\d+ +legacy-client → helper-module/m);
    const directory = await readFile(join(dir, 'v3-injected-bot', 'directory.js'), 'utf8');
    expect(directory).toContain("const { startRtmClient } = require('./rtm-start-data');");
    expect(directory).toMatch(/^ {4}startRtmClient\(this\.rtm\);$/m);
    expect(await readFile(join(dir, 'v3-injected-bot', 'start.js'), 'utf8')).toContain("autoReconnect: false, logLevel: 'error', useRtmConnect: true }), new Map());");

    fake.resetCalls();
    const after = await runBot(dir, 'v3-injected-bot', 'start.js', fake.apiUrl);
    expectSameWithoutRtmStart(fake, before, after);

    await expectSecondRunChangesNothing(dir);
  });
});
