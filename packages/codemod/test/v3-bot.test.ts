import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RTM_START_MEMBER_LIMIT } from '@rtm-migrate/core';
import { startFakeSlack } from '@rtm-migrate/fake-slack';
import { describe, expect, it } from 'vitest';
import { V3_BOT, copyV3Bot, runV3Bot } from '../../../test/support/v3-bot.js';
import { cli } from './helpers.js';

describe('a @slack/client v3 RtmClient bot, migrated by the CLI', () => {
  it('knows the same users, channels, groups, DMs and members, and still sends, against connect_required', async () => {
    const version = (JSON.parse(await readFile(join(V3_BOT, 'node_modules', '@slack', 'client', 'package.json'), 'utf8')) as { version: string }).version;
    expect(version).toMatch(/^3\./);
    const fake = await startFakeSlack({ seed: 3, users: 40, channels: 8, mode: 'legacy' });
    try {
      const dir = await copyV3Bot();
      const before = await runV3Bot(dir, fake.apiUrl);
      expect(before.code).toBe(0);
      expect(before.stdout).toMatch(/^authenticated as \S+ of .+$/m);
      expect(before.stdout).toMatch(/^#general: \d+ members: /m);
      expect(before.stdout).toMatch(/^sent to #general: hello from /m);

      // Unmigrated, the bot cannot start once Slack retires rtm.start for it.
      fake.setMode('connect_required');
      const broken = await runV3Bot(dir, fake.apiUrl);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain('unable to start: rtm_connect_required');

      const migrated = await cli(['apply', '.'], dir);
      expect(migrated.stderr).toBe('');
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain(`changed: 2 (${join('src', 'rtm-start-data.js')}, ${join('src', 'bot.js')})`);
      expect(migrated.stdout).toContain('TODOs left: 0');
      const source = await readFile(join(dir, 'src', 'bot.js'), 'utf8');
      expect(source).toContain('useRtmConnect: true');
      // Its store is what it knows: every list and the team, the team's prefs the store keeps among the extras.
      expect(source).toContain("startRtmClient(rtm, {}, { optional: ['team.prefs'] });");

      fake.resetCalls();
      const after = await runV3Bot(dir, fake.apiUrl);
      expect(after.code).toBe(0);
      expect(after.stdout).toBe(before.stdout);
      const methods = fake.calls.map((c) => c.method);
      expect(methods).not.toContain('rtm.start');
      expect(methods.filter((m) => m === 'rtm.connect')).toHaveLength(1);
      // The client's own rtm.connect comes after every list call.
      expect(methods.lastIndexOf('rtm.connect')).toBeGreaterThan(methods.lastIndexOf('conversations.members'));
      expect(methods).toContain('team.info');
    } finally {
      await fake.close();
    }
  });

  it('gets complete member lists where rtm.start cut them', async () => {
    const fake = await startFakeSlack({ seed: 4, users: RTM_START_MEMBER_LIMIT + 60, channels: 4, mode: 'legacy' });
    try {
      const dir = await copyV3Bot();
      const general = (out: string): number => Number(/^#general: (\d+) members/m.exec(out)?.[1]);
      const before = await runV3Bot(dir, fake.apiUrl);
      expect(general(before.stdout)).toBe(RTM_START_MEMBER_LIMIT);
      expect((await cli(['apply', '.'], dir)).code).toBe(0);
      fake.setMode('connect_required');
      const after = await runV3Bot(dir, fake.apiUrl);
      expect(after.code).toBe(0);
      const channel = fake.workspace.byType.public_channel.find((c) => c.isGeneral)!;
      expect(general(after.stdout)).toBe(fake.workspace.memberCount(channel));
      expect(general(after.stdout)).toBeGreaterThan(RTM_START_MEMBER_LIMIT);
    } finally {
      await fake.close();
    }
  });
});
