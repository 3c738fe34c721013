import { describe, expect, it } from 'vitest';
import { costOfReplacement, type WorkspaceSize } from '../src/index.js';

const workspace: WorkspaceSize = {
  users: 5000,
  bots: 40,
  conversations: { public_channel: 800, private_channel: 50, mpim: 20, im: 300 },
  memberCounts: { public_channel: [5000, 10, 201, 200], private_channel: [3] },
};

/** Reference §5 written out by hand: 1 + ceil(U/P) + Σ ceil(C_t/P) + Σ ceil(members/P) [+ 1 team.info]. */
function formula(P: number, parts: { users?: boolean; types?: (keyof WorkspaceSize['conversations'])[]; members?: number[]; teamInfo?: boolean }): number {
  let calls = 1;
  if (parts.users) calls += Math.ceil(workspace.users / P);
  for (const t of parts.types ?? []) calls += Math.max(1, Math.ceil((workspace.conversations[t] ?? 0) / P));
  for (const m of parts.members ?? []) calls += Math.max(1, Math.ceil(m / P));
  if (parts.teamInfo) calls += 1;
  return calls;
}

describe('costOfReplacement (reference §5)', () => {
  it('is one rtm.connect when only connect fields are read', () => {
    const cost = costOfReplacement(workspace, ['url', 'self.id', 'team.domain', 'ok']);
    expect(cost.calls).toBe(1);
    expect(cost.byMethod).toEqual([expect.objectContaining({ method: 'rtm.connect', calls: 1 })]);
    expect(cost.scopes).toEqual([]);
  });

  it.each([100, 200, 1000])('follows the formula with page size %i', (P) => {
    const fields = ['users', 'channels', 'channels[].members', 'ims', 'team.icon', 'team.email_domain'];
    const cost = costOfReplacement(workspace, fields, { pageSize: P });
    expect(cost.calls).toBe(
      formula(P, { users: true, types: ['public_channel', 'im'], members: workspace.memberCounts!.public_channel as number[], teamInfo: true }),
    );
    expect(cost.byMethod.at(-1)!.method).toBe('rtm.connect');
    expect(cost.scopes).toEqual(['channels:read', 'im:read', 'team:read', 'users:read']);
  });

  it('counts a per-user or per-bot item fact once per user or bot: `users[].presence`, `bots[].icons`', () => {
    const cost = costOfReplacement(workspace, ['users', 'users[].presence', 'bots[].icons']);
    expect(cost.byMethod.find((c) => c.method === 'users.getPresence')).toMatchObject({ calls: workspace.users, tier: 3 });
    expect(cost.byMethod.find((c) => c.method === 'bots.info')).toMatchObject({ calls: workspace.bots });
  });

  it('folds MPIMs into groups without mpim_aware, and lists them once with it', () => {
    const without = costOfReplacement(workspace, ['groups']);
    expect(without.byMethod.map((c) => c.args['types'])).toEqual(['private_channel', 'mpim', undefined]);
    const aware = costOfReplacement(workspace, ['groups', 'mpims'], { mpimAware: true });
    expect(aware.byMethod.filter((c) => c.args['types'] === 'mpim')).toHaveLength(1);
    expect(aware.calls).toBe(formula(200, { types: ['private_channel', 'mpim'] }));
  });

  it("counts one listing of every type needed with `listing: 'one'`: ceil(Σ C_t / P) calls, the types' scopes, members as before", () => {
    const fields = ['channels', 'channels[].members', 'groups', 'ims'];
    const perType = costOfReplacement(workspace, fields);
    const one = costOfReplacement(workspace, fields, { listing: 'one' });
    const listings = one.byMethod.filter((c) => c.method === 'conversations.list');
    expect(listings).toEqual([
      expect.objectContaining({ args: { types: 'public_channel,private_channel,mpim,im' }, calls: Math.ceil((800 + 50 + 20 + 300) / 200), scopes: ['channels:read', 'groups:read', 'mpim:read', 'im:read'], fields: ['channels', 'channels[].members', 'groups', 'ims'] }),
    ]);
    expect(perType.byMethod.filter((c) => c.method === 'conversations.list').map((c) => c.args['types'])).toEqual(['public_channel', 'private_channel', 'mpim', 'im']);
    expect(perType.calls - one.calls).toBe(formula(200, { types: ['public_channel', 'private_channel', 'mpim', 'im'] }) - 1 - listings[0]!.calls);
    expect(one.byMethod.filter((c) => c.method !== 'conversations.list')).toEqual(perType.byMethod.filter((c) => c.method !== 'conversations.list'));
    expect(one.scopes).toEqual(perType.scopes);
    // With mpim_aware, `groups` alone is its private channels: a listing of one type, as per type.
    expect(costOfReplacement(workspace, ['groups'], { listing: 'one', mpimAware: true })).toEqual(costOfReplacement(workspace, ['groups'], { mpimAware: true }));
  });

  it('shares one users.list between users and bots, and adds bots.info only when asked', () => {
    expect(costOfReplacement(workspace, ['users', 'bots']).calls).toBe(formula(200, { users: true }));
    expect(costOfReplacement(workspace, ['bots'], { botsInfo: true }).calls).toBe(formula(200, { users: true }) + 40);
  });

  it('counts one page for an empty list and never stops on the formula', () => {
    const empty = costOfReplacement({ users: 0, conversations: {} }, ['users', 'channels']);
    expect(empty.calls).toBe(3);
  });

  it('names unreplaceable fields and the tier floor', () => {
    const cost = costOfReplacement(workspace, ['users', 'cache_ts', 'team.over_storage_limit']);
    expect(cost.unreplaceable).toEqual(['cache_ts', 'team.over_storage_limit']);
    // 25 users.list pages at Tier 2: (25 - 2 burst) × 3 s.
    expect(cost.floorSeconds).toBe(69);
    expect(cost.optionalScopes.map((s) => s.scope)).toEqual(['users:read.email']);
  });

  it('rejects a page size Slack would not take', () => {
    expect(() => costOfReplacement(workspace, ['users'], { pageSize: 0 })).toThrow(RangeError);
    expect(() => costOfReplacement(workspace, ['users'], { pageSize: 1001 })).toThrow(/1 to 1000/);
  });
});

describe('costOfReplacement: the fields beyond the lists', () => {
  it('fetches `latest` and the read state once per conversation the bot is in, with the scopes each needs', () => {
    const cost = costOfReplacement({ ...workspace, joined: { public_channel: 7 } }, ['channels', 'channels[].latest', 'channels[].unread_count', 'channels[].last_read']);
    const history = cost.byMethod.find((c) => c.method === 'conversations.history');
    const info = cost.byMethod.find((c) => c.method === 'conversations.info');
    expect(history).toMatchObject({ calls: 7, args: { channel: '<id>', limit: 1 }, scopes: ['channels:history'], fields: ['channels[].latest'] });
    expect(info).toMatchObject({ calls: 7, scopes: ['channels:read'], fields: ['channels[].last_read', 'channels[].unread_count'] });
    expect(cost.byMethod.map((c) => c.method)).toEqual(['conversations.list', 'conversations.info', 'conversations.history', 'rtm.connect']);
  });

  it('counts the joined conversations off memberCounts when no `joined` is given', () => {
    const cost = costOfReplacement(workspace, ['groups[].unread_count_display'], { mpimAware: true });
    expect(cost.byMethod.find((c) => c.method === 'conversations.info')?.calls).toBe(workspace.memberCounts!.private_channel!.length);
  });

  it('rebuilds subteams, dnd and team.prefs with one call each', () => {
    const cost = costOfReplacement(workspace, ['subteams.self', 'dnd.dnd_enabled', 'team.prefs.display_real_names']);
    expect(cost.byMethod.map((c) => [c.method, c.calls, c.args])).toEqual([
      ['team.preferences.list', 1, {}],
      ['usergroups.list', 1, { include_users: true, include_count: true }],
      ['dnd.info', 1, {}],
      ['rtm.connect', 1, {}],
    ]);
    expect(cost.scopes).toEqual(['dnd:read', 'team.preferences:read', 'usergroups:read']);
    expect(cost.unreplaceable).toEqual([]);
  });

  it('leaves cache_ts, latest_event_ts and cache_version unreplaceable', () => {
    expect(costOfReplacement(workspace, ['cache_ts', 'latest_event_ts', 'cache_version', 'dnd']).unreplaceable).toEqual(['cache_ts', 'cache_version', 'latest_event_ts']);
  });
});
