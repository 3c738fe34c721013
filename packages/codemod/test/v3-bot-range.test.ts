import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack } from '@rtm-migrate/fake-slack';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { V3_BOT, copyV3Bot, installV3Release, runV3Bot } from '../../../test/support/v3-bot.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, cli, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * A v3 `RtmClient` bot whose package.json declares `@slack/client` `^3.8.1`, migrated from a fresh
 * checkout (nothing installed, no lockfile: all rtm-migrate sees is the range), then run as `npm
 * install` leaves it: with the 3.16.0 the range installs (the copy the fixture resolves).
 */
describe('a @slack/client v3 bot that declares ^3.8.1, migrated before it is installed', () => {
  it('is rewritten for useRtmConnect with its range raised, and knows the same workspace against connect_required', async () => {
    const installed = (JSON.parse(await readFile(join(V3_BOT, 'node_modules', '@slack', 'client', 'package.json'), 'utf8')) as { version: string }).version;
    expect(semver.satisfies(installed, '^3.8.1')).toBe(true);
    const fake = await startFakeSlack({ seed: 5, users: 30, channels: 6, mode: 'legacy' });
    try {
      const dir = await copyV3Bot('v3-bot-range-');
      const manifest = join(dir, 'package.json');
      const declared = (await readFile(manifest, 'utf8')).replace('"@slack/client": "^3.16.0"', '"@slack/client": "^3.8.1"');
      expect(declared).toContain('"^3.8.1"');
      await writeFile(manifest, declared);

      const before = await runV3Bot(dir, fake.apiUrl);
      expect(before.code).toBe(0);
      expect(before.stdout).toMatch(/^authenticated as \S+ of .+$/m);
      expect(before.stdout).toMatch(/^#general: \d+ members: /m);

      // A fresh checkout: nothing installed, so the range is all there is to go by.
      await rm(join(dir, 'node_modules'));
      const migrated = await cli(['apply', '.'], dir);
      expect(migrated.stderr).toBe('');
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain('TODOs left: 0');
      expect(migrated.stdout).toContain('raised: package.json `@slack/client` ^3.8.1 → ^3.10.0: run npm install before starting the app');
      expect(await readFile(manifest, 'utf8')).toBe(declared.replace('"^3.8.1"', '"^3.10.0"'));
      const source = await readFile(join(dir, 'src', 'bot.js'), 'utf8');
      expect(source).toContain('useRtmConnect: true');
      expect(source).toContain("startRtmClient(rtm, {}, { optional: ['team.prefs'] });");

      // `npm install` of ^3.10.0 gives the same 3.16.0 here.
      expect(semver.satisfies(installed, '^3.10.0')).toBe(true);
      await symlink(join(V3_BOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      fake.setMode('connect_required');
      fake.resetCalls();
      expectSameWithoutRtmStart(fake, before, await runV3Bot(dir, fake.apiUrl));
    } finally {
      await fake.close();
    }
  });
});

/**
 * The same bot on a 3.x before `useRtmConnect` (blind s24/04 and s40/02 pinned 3.6.0, s38/01 locked
 * 3.9.0), installed as its users have it: no release it may run has the option, so the start goes to
 * `startRtmClient()`, which sends the client's own `rtm.start` request as `rtm.connect` through its
 * queue and completes the answer before the client caches it. Nothing is added where it is made and
 * the pin stays. 3.0.0 and 3.9.0 are the ends of that span, whose start code differs (3.0 registers no
 * default dataStore; this bot gives it one).
 */
describe.each(['3.0.0', '3.6.0', '3.9.0'])('a @slack/client v3 bot that pins %s, before useRtmConnect', (version) => {
  it('is migrated with its pin kept, and knows the same workspace against connect_required', async () => {
    const fake = await startFakeSlack({ seed: 6, users: 30, channels: 6, mode: 'legacy' });
    try {
      const dir = await copyV3Bot('v3-bot-pinned-');
      const manifest = join(dir, 'package.json');
      const pinned = (await readFile(manifest, 'utf8')).replace('"@slack/client": "^3.16.0"', `"@slack/client": "${version}"`);
      await writeFile(manifest, pinned);
      await installV3Release(dir, version);

      const before = await runV3Bot(dir, fake.apiUrl);
      expect([before.code, before.stderr]).toEqual([0, '']);
      expect(before.stdout).toMatch(/^#general: \d+ members: /m);
      const planned = await cli(['apply', '.', '--dry', '--report', 'json'], dir);
      const sites = (JSON.parse(planned.stdout) as { sites: { rewrite: string; message: string }[] }).sites;
      expect(sites.map((s) => s.rewrite)).toEqual(['helper-module']);
      expect(sites[0]?.message).toContain('the v3 `RtmClient` (an `@slack/client` before 3.10.0: it has no `useRtmConnect`) now starts through `startRtmClient()`');
      expect(sites[0]?.message).toContain('the `rtm.start` request it makes on every start and reconnect is sent as `rtm.connect`');
      const stdout = await breaksThenMigrates(fake, dir, () => runV3Bot(dir, fake.apiUrl));
      expect(stdout).not.toContain('raised:');
      expect(await readFile(manifest, 'utf8')).toBe(pinned);
      const source = await readFile(join(dir, 'src', 'bot.js'), 'utf8');
      expect(source).toContain("startRtmClient(rtm, {}, { optional: ['team.prefs'] });");
      expect(source).not.toContain('useRtmConnect');

      fake.setMode('connect_required');
      fake.resetCalls();
      expectSameWithoutRtmStart(fake, before, await runV3Bot(dir, fake.apiUrl));
      const again = await cli(['apply', '.', '--allow-dirty'], dir);
      expect([again.code, again.stdout]).toEqual([0, expect.stringContaining('changed: 0')]);
    } finally {
      await fake.close();
    }
  });
});

/** A bot with no store that reads only #general of its AUTHENTICATED data: a start asked for the channels alone. */
const CHANNELS_BOT = `var RtmClient = require('@slack/client').RtmClient;
var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;

var rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, dataStore: false, logLevel: 'error' });
var general;
rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) {
  general = data.channels.find(function (c) { return c.name === 'general'; });
});
rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
  console.log('signed in as ' + rtm.activeUserId + ': #general ' + general.id + ' members=' + general.members.length);
  rtm.disconnect();
});
rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
  console.error('unable to start: ' + (error && error.message ? error.message : error));
  process.exitCode = 1;
  rtm.disconnect();
});
rtm.start();
`;

/** On 3.9.0, a start of a client with no store whose every read is followed fetches only the parts read, as on 3.10+. */
describe('a @slack/client 3.9.0 bot with no store that reads only #general of its data', () => {
  it('is started with the channels alone, and knows the same channel and members against connect_required', async () => {
    const fake = await startFakeSlack({ seed: 7, users: 30, channels: 6, mode: 'legacy' });
    try {
      const dir = await writeBotFiles('v3-bot-parts-', { 'bot.js': CHANNELS_BOT, 'package.json': JSON.stringify({ dependencies: { '@slack/client': '3.9.0' } }) });
      await installV3Release(dir, '3.9.0');
      const run = (): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });
      const before = await run();
      expect([before.code, before.stderr]).toEqual([0, '']);
      expect(before.stdout).toMatch(/^signed in as U\w+: #general C\w+ members=\d+\n$/);
      await breaksThenMigrates(fake, dir, run);
      expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain("startRtmClient(rtm, {}, { fields: ['channels', 'channels[].members'] });");
      fake.setMode('connect_required');
      fake.resetCalls();
      expectSameWithoutRtmStart(fake, before, await run());
      expect(fake.calls.map((c) => c.method)).not.toContain('users.list');
    } finally {
      await fake.close();
    }
  });
});
