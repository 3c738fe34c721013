import { afterEach, describe, expect, it } from 'vitest';
import { RTM_START_MEMBER_LIMIT, SHIM_EXTRAS, START_ONLY_ITEM_FIELDS, costOfReplacement, shimBuilds } from '@rtm-migrate/core';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { COMPAT_EXTRA_FIELDS, compatCost, compatFieldsRead, isRtmStartCompat, rtmStartCompat, withRtmStartCompat, type RtmStartCompatResponse } from '@rtm-migrate/shim';
import { client, countLog, countPlan, type WebClient } from './helpers.js';

let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('calls made = core costOfReplacement(), rtm.connect last', () => {
  const sizes = [
    { users: 5, channels: 3 },
    { users: 250, channels: 25 },
    { users: 1234, channels: 230 },
  ];
  for (const size of sizes) {
    for (const mpim_aware of [true, false]) {
      it(`${size.users} users, ${size.channels} channels, mpim_aware ${mpim_aware}`, async () => {
        fake = await startFakeSlack({ seed: size.users, ...size, mode: 'connect_required' });
        const args = { mpim_aware, no_unreads: true };
        const options = { mode: 'always', rateLimit: false, pageSize: 100 } as const;
        const res = await withRtmStartCompat(client(fake.apiUrl), options).rtm.start(args);
        const cost = compatCost(fake.workspace.size(), args, options);
        expect(cost).toEqual(costOfReplacement(fake.workspace.size(), compatFieldsRead(args, options), { pageSize: 100, mpimAware: mpim_aware }));
        expect(countLog(fake.calls)).toEqual(countPlan(cost.byMethod));
        expect(fake.calls.length).toBe(cost.calls);
        expect(fake.calls.at(-1)?.method).toBe('rtm.connect');
        expect(fake.calls.filter((c) => c.method === 'rtm.connect')).toHaveLength(1);
        expect(fake.calls.every((c) => c.status === 200 && c.ok)).toBe(true);
        expect(res.users).toHaveLength(fake.workspace.users.length);
        expect(res.response_metadata.warnings).toContain('rtm_start_compat');
        if (mpim_aware) expect(res.mpims).toHaveLength(fake.workspace.byType.mpim.length);
        else {
          expect(res.mpims).toBeUndefined();
          expect(res.groups).toHaveLength(fake.workspace.byType.private_channel.length + fake.workspace.byType.mpim.length);
        }
      });
    }
  }

  it('fetches only the fields asked for, and members of every conversation with members: all', async () => {
    fake = await startFakeSlack({ seed: 3, users: 90, channels: 12, mode: 'connect_required' });
    const options = { mode: 'always', rateLimit: false, fields: ['channels'], members: 'all' } as const;
    const res = await rtmStartCompat(client(fake.apiUrl), {}, options);
    const ws = fake.workspace;
    const size = { users: 0, conversations: { public_channel: ws.byType.public_channel.length }, memberCounts: { public_channel: ws.byType.public_channel.map((c) => ws.memberCount(c)) } };
    const cost = compatCost(size, {}, options);
    expect(countLog(fake.calls)).toEqual(countPlan(cost.byMethod));
    expect(Object.keys(res).filter((k) => ['users', 'groups', 'ims', 'bots', 'mpims'].includes(k))).toEqual([]);
    for (const c of res.channels!) expect(c.members).toHaveLength(ws.memberCount(ws.conversation(c.id)!));
  });

  it('fills members arrays completely where rtm.start cut them', async () => {
    fake = await startFakeSlack({ seed: 5, users: RTM_START_MEMBER_LIMIT * 2 + 37, channels: 8, mode: 'legacy' });
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- Slack's legacy answer, for comparison
    const legacy = (await client(fake.apiUrl).rtm.start({})) as unknown as RtmStartCompatResponse;
    fake.setMode('connect_shape');
    const res = await withRtmStartCompat(client(fake.apiUrl), { rateLimit: false }).rtm.start({});
    const general = fake.workspace.byType.public_channel.find((c) => c.isGeneral)!;
    const legacyGeneral = legacy.channels!.find((c) => c.id === general.id)!;
    const shimGeneral = res.channels!.find((c) => c.id === general.id)!;
    expect(legacyGeneral.members).toHaveLength(RTM_START_MEMBER_LIMIT);
    expect(legacy.response_metadata.warnings).toContain('member_list_truncated');
    expect(shimGeneral.members).toHaveLength(fake.workspace.memberCount(general));
    expect(shimGeneral.members).toEqual(fake.workspace.members(general, 0, fake.workspace.memberCount(general)));
    expect(res.response_metadata.warnings).not.toContain('member_list_truncated');
  });

  it("flags its groups as rtm.start did: group DMs among them `is_group` (conversations.list says false), none `is_channel`", async () => {
    fake = await startFakeSlack({ seed: 23, users: 40, channels: 12, mode: 'legacy' });
    // No `is_channel` either, which conversations.list sets on a private channel made since 2021 (a C id).
    const flags = (groups: RtmStartCompatResponse['groups']): string[] => (groups ?? []).map((g) => `${g.id} group=${String(g.is_group)} mpim=${String(g.is_mpim)} channel=${String((g as { is_channel?: boolean }).is_channel)}`).sort();
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- Slack's legacy answer, for comparison
    const legacy = flags(((await client(fake.apiUrl).rtm.start({})) as unknown as RtmStartCompatResponse).groups);
    expect(legacy.some((g) => g.endsWith('group=true mpim=true channel=undefined'))).toBe(true);
    expect(legacy.some((g) => g.startsWith('C'))).toBe(true);
    fake.setMode('connect_required');
    expect(flags((await withRtmStartCompat(client(fake.apiUrl), { rateLimit: false }).rtm.start({})).groups)).toEqual(legacy);
  });

  it('paces itself by the rate tiers: no 429 from a rate-limited fake, floor respected', async () => {
    const timeScale = 0.01;
    fake = await startFakeSlack({ seed: 9, users: 1500, channels: 120, mode: 'connect_required', rateLimits: { timeScale } });
    const started = performance.now();
    await withRtmStartCompat(client(fake.apiUrl), { rateLimit: { timeScale } }).rtm.start({ mpim_aware: true });
    const seconds = (performance.now() - started) / 1000;
    const cost = compatCost(fake.workspace.size(), { mpim_aware: true });
    expect(fake.stats().ratelimited).toBe(0);
    expect(fake.calls.length).toBe(cost.calls + 1); // + the rtm.start of fallback mode
    // Pacing is behaviour: the build may not finish before the tiers allow. How close it gets to the
    // floor is a benchmark figure (pnpm bench shim), not a test.
    expect(seconds).toBeGreaterThanOrEqual(cost.floorSeconds * timeScale * 0.95);
  });
});

describe('withRtmStartCompat wraps one instance', () => {
  /** `apiCall` as the object holds it: compared by identity, never called. */
  const apiCallOf = (holder: WebClient): unknown => Reflect.get(holder, 'apiCall');

  it('returns the same instance, wraps once, leaves other instances and methods alone', async () => {
    fake = await startFakeSlack({ seed: 2, users: 30, channels: 5, mode: 'connect_required' });
    const web = client(fake.apiUrl);
    const other = client(fake.apiUrl);
    const protoApiCall = apiCallOf(Object.getPrototypeOf(web) as WebClient);
    const wrapped = withRtmStartCompat(web, { rateLimit: false });
    expect(wrapped).toBe(web);
    const apiCall = apiCallOf(web);
    expect(withRtmStartCompat(web, { mode: 'always' })).toBe(web);
    expect(apiCallOf(web)).toBe(apiCall);
    expect(isRtmStartCompat(web)).toBe(true);
    expect(isRtmStartCompat(other)).toBe(false);
    expect(apiCallOf(Object.getPrototypeOf(web) as WebClient)).toBe(protoApiCall);
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the retired method is what the wrapper replaces on one instance only
    expect(other.rtm.start).not.toBe(web.rtm.start);
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the unwrapped instance still calls the retired method
    await expect(other.rtm.start({})).rejects.toMatchObject({ code: 'slack_webapi_platform_error', data: { error: 'rtm_connect_required' } });

    fake.resetCalls();
    const viaApiCall = (await web.apiCall('rtm.start', { mpim_aware: true })) as RtmStartCompatResponse;
    expect(viaApiCall.ok).toBe(true);
    expect(viaApiCall.mpims).toBeDefined();
    const auth = await web.apiCall('auth.test');
    expect(auth.ok).toBe(true);
    const list = await web.conversations.list({ limit: 2 });
    expect(list.channels).toHaveLength(2);
    expect(fake.calls.filter((c) => c.method === 'rtm.start')).toHaveLength(1);
  });

  it('passes include_locale on, keeps batch_presence_aware / presence_sub for rtm.connect, accepts no_latest & co', async () => {
    fake = await startFakeSlack({ seed: 4, users: 40, channels: 6, mode: 'connect_required' });
    const res = await withRtmStartCompat(client(fake.apiUrl), { mode: 'always', rateLimit: false }).rtm.start({
      include_locale: true,
      batch_presence_aware: true,
      presence_sub: true,
      no_latest: 1,
      no_unreads: true,
      simple_latest: true,
    });
    expect(res.users!.every((u) => typeof u['locale'] === 'string')).toBe(true);
    expect(res.channels!.every((c) => typeof c['locale'] === 'string')).toBe(true);
    for (const c of fake.calls.filter((x) => x.method === 'users.list' || x.method === 'conversations.list')) expect(c.args['include_locale']).toBe('true');
    const connect = fake.calls.at(-1)!;
    expect(connect.method).toBe('rtm.connect');
    expect(Object.keys(connect.args).sort()).toEqual(['batch_presence_aware', 'presence_sub']);
    expect(res.team.id).toBe(fake.workspace.team.id);
    expect(res.team['email_domain']).toBe(fake.workspace.team.email_domain);
    expect(res.self.id).toBe(fake.workspace.self.id);
    expect(res.bots!.length).toBe(fake.workspace.users.filter((u) => u.is_bot && u.profile.bot_id).length);
    expect(res.warning).toBe('rtm_start_compat');
  });

  it('reports progress and throws on bad options', async () => {
    fake = await startFakeSlack({ seed: 4, users: 40, channels: 6, mode: 'connect_required' });
    const seen: string[] = [];
    await rtmStartCompat(client(fake.apiUrl), {}, { rateLimit: false, onProgress: (p) => seen.push(p.method) });
    expect(seen.at(-1)).toBe('rtm.connect');
    expect(seen).toContain('users.list');
    expect(() => withRtmStartCompat(client(fake!.apiUrl), { members: 'some' as 'all' })).toThrow(/members must be one of/);
    await expect(rtmStartCompat(client(fake.apiUrl), {}, { fields: ['cache_ts' as 'users'], mode: 'always' })).rejects.toThrow(/unknown field "cache_ts"/);
  });
});

describe('subteams, dnd and team.prefs', () => {
  it('are what legacy rtm.start answered, one call each, as core counts them', async () => {
    fake = await startFakeSlack({ seed: 8, users: 120, channels: 10, mode: 'legacy' });
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- Slack's legacy answer, for comparison
    const legacy = (await client(fake.apiUrl).rtm.start({})) as unknown as RtmStartCompatResponse;
    fake.setMode('connect_required');
    fake.resetCalls();
    const options = { mode: 'always', rateLimit: false } as const;
    const res = await rtmStartCompat(client(fake.apiUrl), {}, options);
    expect(res.subteams).toEqual(legacy.subteams);
    expect(res.subteams!.self.length).toBeGreaterThan(0);
    expect(res.dnd).toEqual(legacy.dnd);
    // team.preferences.list answers a documented subset of rtm.start's team.prefs (no default_channels).
    expect(legacy.team['prefs']).toMatchObject(res.team['prefs'] as object);
    expect(countLog(fake.calls)).toEqual(countPlan(compatCost(fake.workspace.size(), {}, options).byMethod));
    for (const method of ['usergroups.list', 'dnd.info', 'team.preferences.list']) expect(fake.calls.filter((c) => c.method === method)).toHaveLength(1);
  });

  it('a token without their scopes gets everything else, and a warning naming each omitted field', async () => {
    const scopes = ['users:read', 'channels:read', 'groups:read', 'mpim:read', 'im:read', 'team:read'];
    fake = await startFakeSlack({ seed: 8, users: 60, channels: 6, mode: 'connect_required', tokens: { 'xoxb-narrow': { scopes } } });
    const res = await rtmStartCompat(client(fake.apiUrl, 'xoxb-narrow'), {}, { mode: 'always', rateLimit: false });
    expect(res.users).toHaveLength(fake.workspace.users.length);
    expect(res.subteams).toBeUndefined();
    expect(res.dnd).toBeUndefined();
    // An empty object, not absent: team_pref_change writes into it (see pref-events.test.ts).
    expect(res.team['prefs']).toEqual({});
    expect(res.response_metadata.warnings).toEqual(['rtm_start_compat', 'rtm_start_compat_field_omitted']);
    expect([...(res.response_metadata.messages ?? [])].sort()).toEqual([
      '[WARN] rtm_start_compat: omitted `dnd`: missing scope `dnd:read` for dnd.info',
      '[WARN] rtm_start_compat: omitted `subteams`: missing scope `usergroups:read` for usergroups.list',
      '[WARN] rtm_start_compat: omitted `team.prefs`: missing scope `team.preferences:read` for team.preferences.list',
    ]);
  });
});

describe("core's shimBuilds(), which `--helper shim` trusts, against what rtmStartCompat() builds", () => {
  it('builds the extras core names, and of the item attributes the lists lack exactly those core says (bots[].updated)', async () => {
    expect([...COMPAT_EXTRA_FIELDS].sort()).toEqual([...SHIM_EXTRAS].sort());
    fake = await startFakeSlack({ seed: 9, users: 80, channels: 8, mode: 'legacy' });
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- Slack's legacy answer, for comparison
    const legacy = (await client(fake.apiUrl).rtm.start({ mpim_aware: true })) as unknown as Record<string, Record<string, unknown>[]>;
    fake.setMode('connect_required');
    const built = (await rtmStartCompat(client(fake.apiUrl), { mpim_aware: true }, { rateLimit: false })) as unknown as Record<string, Record<string, unknown>[]>;
    let compared = 0;
    for (const path of START_ONLY_ITEM_FIELDS) {
      const [list = '', key = ''] = path.split('[].');
      const before = legacy[list] ?? [];
      if (!before.some((item) => key in item)) continue; // fake Slack's rtm.start does not send it either (has_pins)
      compared++;
      const after = new Map((built[list] ?? []).map((item) => [item['id'], item]));
      const same = before.every((item) => JSON.stringify(after.get(item['id'])?.[key]) === JSON.stringify(item[key]));
      expect(same, path).toBe(shimBuilds(path));
    }
    expect(compared).toBeGreaterThanOrEqual(5);
  });
});
