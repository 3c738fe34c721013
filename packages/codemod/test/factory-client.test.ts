import { cp, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../../test/support/corpus.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, ROOT, tempDir } from './helpers.js';

/**
 * A legacy @slack/client v3 RtmClient made by a function another module exports
 * (fixtures/bots/v3-factory-bot/connection.js: `let link = null`, `open(token)` assigns it
 * `new RtmClient(…)` and returns it) and started by its caller (start.js: `const rtm =
 * connection.open(…); rtm.start();`), run with the real @slack/client 3.16 (fixtures/bots'
 * node_modules): before the migration against fake Slack answering `rtm.start`, after it against a
 * Slack that retired it, the same output. Also with the client's settings given in a third argument
 * that `RtmClient(token, opts)` never reads (`useRtmConnect: true` there leaves it calling `rtm.start`).
 */
const BOTS = join(ROOT, 'fixtures', 'bots');
const MADE = 'autoReconnect: false });';

async function copyBot(ignoredThird: boolean): Promise<string> {
  const dir = await tempDir('v3-factory-bot-');
  await cp(join(BOTS, 'v3-factory-bot'), join(dir, 'v3-factory-bot'), { recursive: true });
  await symlink(join(BOTS, 'node_modules'), join(dir, 'node_modules'), 'dir');
  if (ignoredThird) {
    const file = join(dir, 'v3-factory-bot', 'connection.js');
    const source = await readFile(file, 'utf8');
    expect(source).toContain(MADE);
    await writeFile(file, source.replace(MADE, 'autoReconnect: false }, { dataStore: false, useRtmConnect: true });'));
  }
  return dir;
}

function runBot(dir: string, apiUrl: string): Promise<RunResult> {
  return runNodeBot(join(dir, 'v3-factory-bot', 'start.js'), { cwd: dir, apiUrl, timeoutMs: 90_000 });
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
});

afterAll(async () => {
  await fake.close();
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
    const dir = await copyBot(ignoredThird);
    fake.setMode('legacy');
    fake.resetCalls();
    const before = await runBot(dir, fake.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^signed in as \S+ of \S+/m);
    expect(before.stdout).toMatch(/^socket open for U\w+$/m);
    // The third argument's option is never read: the client asks for rtm.start.
    expect(fake.calls.map((c) => c.method)).toContain('rtm.start');
    // The lint sees the start on the client the other module made.
    expect(await lint(dir)).toContain(`${join('v3-factory-bot', 'start.js')}:9 @rtm-migrate/no-rtm-start`);

    fake.setMode('connect_required');
    const broken = await runBot(dir, fake.apiUrl);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('unable to start');

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('TODOs left: 0');
    expect(migrated.stdout).toMatch(/^done +v3-factory-bot\/start\.js:9:1 +legacy-client → helper-module/m);
    expect(migrated.stdout).toMatch(/^done +v3-factory-bot\/connection\.js:23:10 +legacy-client → helper-module/m);
    const start = await readFile(join(dir, 'v3-factory-bot', 'start.js'), 'utf8');
    expect(start).toContain("const { startRtmClient } = require('./rtm-start-data');");
    expect(start).toMatch(/^startRtmClient\(rtm\);$/m);
    expect(await readFile(join(dir, 'v3-factory-bot', 'connection.js'), 'utf8')).toMatch(made);
    expect(await lint(dir)).toEqual([]);

    fake.resetCalls();
    const after = await runBot(dir, fake.apiUrl);
    expectSameWithoutRtmStart(fake, before, after);

    // A second run changes nothing.
    const again = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('TODOs left: 0');
    expect(again.stdout).not.toMatch(/^(done|would) /m);
  });
});
