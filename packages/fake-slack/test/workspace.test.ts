import { CONVERSATION_TYPES, RTM_START_MEMBER_LIMIT } from '@rtm-migrate/core';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../src/index.js';

describe('workspace generation', () => {
  it('is deterministic: same seed, same workspace; another seed, another one', () => {
    const a = new Workspace({ seed: 'abc', users: 300, channels: 40 });
    const b = new Workspace({ seed: 'abc', users: 300, channels: 40 });
    const c = new Workspace({ seed: 'xyz', users: 300, channels: 40 });
    const dump = (w: Workspace) =>
      JSON.stringify({ team: w.team, users: w.users, bots: w.bots, conversations: w.conversations, members: w.conversations.map((x) => w.members(x)) });
    expect(dump(a)).toBe(dump(b));
    expect(dump(a)).not.toBe(dump(c));
  });

  it('has Slack-looking ids, bots, deleted users, the bot itself, every conversation type', () => {
    const w = new Workspace({ users: 1000, channels: 50 });
    expect(w.team.id).toMatch(/^T[0-9A-Z]{8}$/);
    expect(w.self.id).toMatch(/^U[0-9A-Z]{8}$/);
    expect(w.self.is_bot).toBe(true);
    expect(w.self.profile.bot_id).toMatch(/^B[0-9A-Z]{8}$/);
    const bots = w.users.filter((u) => u.is_bot);
    expect(bots.length).toBeGreaterThan(20);
    expect(bots.length).toBeLessThan(100);
    expect(bots.every((u) => w.bot(u.profile.bot_id!)?.user_id === u.id)).toBe(true);
    expect(w.users.some((u) => u.deleted)).toBe(true);
    expect(new Set(w.users.map((u) => u.id)).size).toBe(1000);
    const ids = w.conversations.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const type of CONVERSATION_TYPES) expect(w.byType[type].length).toBeGreaterThan(0);
    expect(w.byType.public_channel.every((c) => c.id.startsWith('C'))).toBe(true);
    expect(w.byType.private_channel.every((c) => /^[CG]/.test(c.id))).toBe(true);
    expect(w.byType.im.every((c) => c.id.startsWith('D') && c.isMember)).toBe(true);
    expect(w.byType.public_channel.some((c) => c.isArchived)).toBe(true);
    expect(w.byType.public_channel.some((c) => !c.isMember)).toBe(true);
  });

  it('lists members without repeats, the bot first where it is in; #general has everyone', () => {
    const w = new Workspace({ users: RTM_START_MEMBER_LIMIT * 2 + 7, channels: 30 });
    for (const c of w.conversations) {
      const members = w.members(c);
      expect(members.length).toBe(w.memberCount(c));
      expect(new Set(members).size).toBe(members.length);
      expect(members.includes(w.self.id)).toBe(c.isMember);
      expect(w.members(c, 3, 5)).toEqual(members.slice(3, 8));
    }
    const general = w.byType.public_channel[0]!;
    expect(general.isGeneral).toBe(true);
    expect(w.memberCount(general)).toBe(w.users.length);
    expect(w.memberCount(general)).toBeGreaterThan(RTM_START_MEMBER_LIMIT);
    const im = w.byType.im[0]!;
    expect(w.members(im)).toEqual([w.self.id, im.user]);
  });

  it('reports its size as core WorkspaceSize', () => {
    const w = new Workspace({ users: 120, channels: 25 });
    const size = w.size();
    expect(size.users).toBe(120);
    expect(size.conversations.public_channel).toBe(w.byType.public_channel.length);
    expect(size.memberCounts?.public_channel).toEqual(w.byType.public_channel.filter((c) => c.isMember).map((c) => w.memberCount(c)));
    expect(size.bots).toBe(w.users.filter((u) => u.is_bot).length);
    const live = w.size({ excludeArchived: true });
    expect(live.conversations.public_channel).toBe(w.byType.public_channel.filter((c) => !c.isArchived).length);
  });

  it('generates 100k users and 10k channels (time logged, not asserted)', () => {
    const started = performance.now();
    const w = new Workspace({ users: 100_000, channels: 10_000, seed: 7 });
    const ms = performance.now() - started;
    console.log(`fake-slack: 100k users + 10k channels generated in ${ms.toFixed(0)} ms (generationMs ${w.generationMs.toFixed(0)})`);
    expect(w.users.length).toBe(100_000);
    expect(w.byType.public_channel.length + w.byType.private_channel.length).toBe(10_000);
    expect(w.members(w.byType.public_channel[0]!, 99_990).length).toBe(10);
  });
});
