import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../../test/support/corpus.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, cli, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * A legacy @slack/client v3 RtmClient made and exported by one module (`live.js`) and started by a
 * script that never spells `rtm` (`headcount.js`: `require('./live')`, an `'authenticated'` handler
 * reading `users`). The pre-filter used to pass the script over (a silent miss); now it is scanned
 * because a candidate may export a client and the script requires it by name. Run with the real
 * @slack/client 3.16 against fake Slack answering `rtm.start`, migrated by the CLI, then run against a
 * Slack that retired it: the same output. The lint, one file at a time, reports the script too.
 */
const LIVE = `'use strict';
const { RtmClient } = require('@slack/client');

module.exports = new RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' });
`;

const HEADCOUNT = `'use strict';
// Prints who is in the workspace, then leaves.
const connection = require('./live');

connection.on('authenticated', (start) => {
  const people = start.users.filter((u) => !u.deleted).map((u) => u.id + ' ' + u.name).sort();
  console.log(people.length + ' people');
  for (const line of people) console.log(line);
  process.stdout.write('', () => process.exit(0));
});
connection.on('disconnect', (reason, error) => {
  console.error('unable to start: ' + reason + ' (' + error + ')');
  process.exit(1);
});
connection.start();
`;

function runHeadcount(dir: string, apiUrl: string): Promise<RunResult> {
  return runNodeBot(join(dir, 'headcount.js'), { cwd: dir, apiUrl, timeoutMs: 90_000 });
}

async function lintHeadcount(dir: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(false), ignore: false });
  const [result] = await eslint.lintFiles(['headcount.js']);
  return (result?.messages ?? []).map((m) => `${String(m.line)} ${m.ruleId ?? '(fatal)'}`);
}

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 47, users: 15, channels: 3, mode: 'legacy' });
  return () => fake.close();
});

describe('a v3 RtmClient exported by one module, started by a script that never spells rtm', () => {
  it('is found past the pre-filter, reported by the lint, and prints the same people against connect_required', { timeout: 180_000 }, async () => {
    expect(HEADCOUNT).not.toMatch(/rtm/i);
    const dir = await writeBotFiles('required-client-', { 'live.js': LIVE, 'headcount.js': HEADCOUNT });
    fake.setMode('legacy');
    fake.resetCalls();
    const before = await runHeadcount(dir, fake.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^\d+ people$/m);
    expect(before.stdout).toMatch(/^U\w+ \S+$/m);
    expect(fake.calls.map((c) => c.method)).toContain('rtm.start');
    expect(await lintHeadcount(dir)).toEqual(['6 @rtm-migrate/no-rtm-start-only-fields', '15 @rtm-migrate/no-rtm-start']);

    const migrated = await breaksThenMigrates(fake, dir, () => runHeadcount(dir, fake.apiUrl));
    expect(migrated).toMatch(/^done +headcount\.js:15:1 +legacy-client → helper-module/m);
    expect(await readFile(join(dir, 'headcount.js'), 'utf8')).toMatch(/^startRtmClient\(connection\);$/m);
    expect(await readFile(join(dir, 'live.js'), 'utf8')).toContain("logLevel: 'error', useRtmConnect: true });");
    expect(await lintHeadcount(dir)).toEqual([]);

    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await runHeadcount(dir, fake.apiUrl));
    const again = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('TODOs left: 0');
  });
});
