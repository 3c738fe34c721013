import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkBotsRelease } from '../../../test/support/bots-release.js';
import { config } from '../../../test/support/corpus.js';
import { runNodeBot } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, ROOT, tempDir } from './helpers.js';

/**
 * A Meteor server bridge on slack-client 2.0.6 (fixtures/bots/meteor-bridge-bot): the SDK is loaded with
 * Meteor's `Npm.require`, kept on `this.sdk` by the constructor, and its `RtmClient` read off
 * `this.sdk` when the bridge opens. The Meteor runtime cannot run here (it is not installed, and
 * needs its own build tool): the bot's `run.js` stands in for it with a global `Npm` whose `require`
 * is Node's, which is what Meteor's `Npm.require` does for a server file. Run before the migration
 * against fake Slack's legacy `rtm.start`, after it against `connect_required`: the same output, one
 * `rtm.connect`, no `rtm.start`; the migrated copy lints clean with the real ESLint.
 */
const BOT = 'meteor-bridge-bot';

async function copyBot(): Promise<string> {
  const dir = await tempDir(`${BOT}-`);
  await cp(join(ROOT, 'fixtures', 'bots', BOT), join(dir, BOT), { recursive: true });
  const installed = await linkBotsRelease(join(dir, BOT), 'slack-client-2', 'slack-client');
  const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as { name: string; version: string };
  expect(`${manifest.name}@${manifest.version}`).toBe('slack-client@2.0.6');
  return dir;
}

async function lint(dir: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(false), ignore: false });
  const results = await eslint.lintFiles([join(BOT, 'server', '*.js')]);
  return results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${String(m.line)} ${m.ruleId ?? '(fatal)'}`));
}

describe('a Meteor bridge loading slack-client 2.x with Npm.require into this.sdk', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 29, users: 30, channels: 6, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  it('starts through startSlackClientRtm() and prints the same against connect_required', { timeout: 240_000 }, async () => {
    const dir = await copyBot();
    const main = join(dir, BOT, 'run.js');
    const before = await runNodeBot(main, { cwd: dir, apiUrl: slack.apiUrl });
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^bridge up as \S+ on \S+$/m);
    expect(before.stdout).toMatch(/^channel #general members=\d+$/m);
    expect(before.stdout.match(/^user /gm)).toHaveLength(30);
    expect(await lint(dir)).toEqual([expect.stringMatching(/bridge\.js:14 @rtm-migrate\/no-rtm-start$/)]);

    slack.setMode('connect_required');
    const broken = await runNodeBot(main, { cwd: dir, apiUrl: slack.apiUrl });
    expect(broken.stderr).toContain('unable to start: rtm_connect_required');

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('TODOs left: 0');
    const source = await readFile(join(dir, BOT, 'server', 'bridge.js'), 'utf8');
    expect(source).toMatch(/^const \{ startSlackClientRtm \} = require\('\.\/rtm-start-data'\);$/m);
    expect(source).toMatch(/^ {4}startSlackClientRtm\(rtm, \{\}, \{ optional: \['team\.prefs'\] \}\);$/m);
    expect(source).toContain("this.sdk = Npm.require('slack-client');");
    expect(await lint(dir)).toEqual([]);

    slack.resetCalls();
    expectSameWithoutRtmStart(slack, before, await runNodeBot(main, { cwd: dir, apiUrl: slack.apiUrl }));
  });
});
