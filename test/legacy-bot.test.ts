import { rm } from 'node:fs/promises';
import { RTM_START_MEMBER_LIMIT } from '@rtm-migrate/core';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileBot, copyLegacyBot, runCompiledBot } from './support/legacy-bot.js';

// End to end: the unchanged legacy bot, compiled with tsc, run as a process against fake Slack on
// 127.0.0.1 in each rtm.start mode.
let bot: string;
let fake: FakeSlack;

beforeAll(async () => {
  bot = await copyLegacyBot();
  const compiled = await compileBot(bot);
  expect(compiled.stdout + compiled.stderr).toBe('');
  expect(compiled.code).toBe(0);
  fake = await startFakeSlack({ seed: 7, users: 2400, channels: 60 });
});

afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when the set-up failed
  await fake?.close();
  if (bot) await rm(bot, { recursive: true, force: true });
});

describe('fixtures/legacy-bot against fake Slack', () => {
  it('knows the whole workspace when rtm.start still answers in full (legacy mode)', async () => {
    fake.setMode('legacy');
    const result = await runCompiledBot(bot, fake.apiUrl);
    expect(result.code).toBe(0);
    // WebClient logs Slack's warnings; the only one here is the truncated member list.
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/\[WARN\].*member_list_truncated/)]);

    // Expected figures come from the fake's own data, not from the bot's output.
    const ws = fake.workspace;
    const live = ws.users.filter((u) => !u.deleted);
    const bots = live.filter((u) => u.is_bot || u.id === 'USLACKBOT').length;
    const publicChannels = ws.byType.public_channel;
    const joined = publicChannels.filter((c) => c.isMember);
    expect(result.stdout).toContain(`self: ${ws.self.name}\n`);
    expect(result.stdout).toContain(`team: ${ws.team.name} (${ws.team.domain})\n`);
    expect(result.stdout).toContain(`users: ${live.length} (humans: ${live.length - bots}, bots: ${bots})\n`);
    expect(result.stdout).toContain(`channels: ${publicChannels.length} (archived: ${publicChannels.filter((c) => c.isArchived).length})\n`);
    expect(result.stdout).toContain(`groups: ${ws.byType.private_channel.length}\n`);
    expect(result.stdout).toContain(`mpims: ${ws.byType.mpim.length}\n`);
    expect(result.stdout).toContain(`ims: ${ws.byType.im.length}\n`);
    expect(result.stdout).toContain(`member of: ${joined.length} channels\n`);
    // rtm.start cut member lists: the biggest channel the bot is in shows the limit, not its size.
    const biggest = Math.max(...joined.map((c) => c.membership.count));
    expect(biggest).toBeGreaterThan(RTM_START_MEMBER_LIMIT);
    expect(result.stdout).toMatch(new RegExp(`largest: #\\S+ \\(${RTM_START_MEMBER_LIMIT} members\\)`));
  });

  it('breaks with rtm_connect_required, as bots do today', async () => {
    fake.setMode('connect_required');
    const result = await runCompiledBot(bot, fake.apiUrl);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('rtm_connect_required');
    expect(result.stdout).toBe('');
  });

  it('breaks with a TypeError when rtm.start answers ok:true in rtm.connect shape', async () => {
    fake.setMode('connect_shape');
    const result = await runCompiledBot(bot, fake.apiUrl);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not iterable|Cannot read properties of undefined/);
  });

  it('leaves no token in the fake\'s call log', () => {
    expect(JSON.stringify(fake.calls)).not.toContain('xoxb-test');
  });
});
