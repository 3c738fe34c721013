import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack } from '@rtm-migrate/fake-slack';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { V3_BOT, copyV3Bot, runV3Bot } from '../../../test/support/v3-bot.js';
import { cli, expectSameWithoutRtmStart } from './helpers.js';

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
      expect(source).toContain("startRtmClient(rtm, {}, { fields: ['channels', 'channels[].members', 'groups', 'groups[].members', 'ims', 'mpims', 'mpims[].members', 'users'] });");

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
 * The same bot pinning `@slack/client` to `3.6.0` exactly (blind s24/04): no 3.x it allows has
 * `useRtmConnect`, so the start stays a TODO that names the pin and the way out; taking that way (the
 * range raised by hand, installed) the next run migrates it, and it knows the same workspace.
 */
describe('a @slack/client v3 bot that pins 3.6.0', () => {
  it('keeps a TODO naming the pin, and is migrated once the user raises it as the TODO says', async () => {
    const fake = await startFakeSlack({ seed: 6, users: 30, channels: 6, mode: 'legacy' });
    try {
      const dir = await copyV3Bot('v3-bot-pinned-');
      const manifest = join(dir, 'package.json');
      const original = await readFile(manifest, 'utf8');
      await writeFile(manifest, original.replace('"@slack/client": "^3.16.0"', '"@slack/client": "3.6.0"'));
      const before = await runV3Bot(dir, fake.apiUrl);
      expect(before.code).toBe(0);

      await rm(join(dir, 'node_modules'));
      const pinned = await cli(['apply', '.'], dir);
      expect(pinned.code).toBe(0);
      expect(pinned.stdout).toContain('TODOs left: 1');
      expect(pinned.stdout.replace(/\s+/g, ' ')).toContain('the version its package.json allows (`3.6.0`) has no `useRtmConnect` (added in 3.10.0)');
      const source = await readFile(join(dir, 'src', 'bot.js'), 'utf8');
      expect(source).toContain('// TODO(rtm-migrate): the legacy `@slack/client` v3 `RtmClient`');
      expect(source).not.toContain('useRtmConnect: true');

      // What the TODO says: raise the range (3.16.0 installs here), then run rtm-migrate again.
      await writeFile(manifest, original.replace('"@slack/client": "^3.16.0"', '"@slack/client": "^3.10.0"'));
      await symlink(join(V3_BOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
      const again = await cli(['apply', '.', '--allow-dirty'], dir);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('TODOs left: 0');
      const migrated = await readFile(join(dir, 'src', 'bot.js'), 'utf8');
      expect(migrated).toContain("startRtmClient(rtm, {}, { fields: ['channels', 'channels[].members', 'groups', 'groups[].members', 'ims', 'mpims', 'mpims[].members', 'users'] });");
      // The first run's TODO went with what it told of (test/stale-todo.test.ts).
      expect(migrated).not.toContain('TODO(rtm-migrate)');
      fake.setMode('connect_required');
      fake.resetCalls();
      expectSameWithoutRtmStart(fake, before, await runV3Bot(dir, fake.apiUrl));
    } finally {
      await fake.close();
    }
  });
});
