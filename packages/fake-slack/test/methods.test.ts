import { ErrorCode, type ConversationsListResponse, type RTMStartArguments, type UsersListResponse, type WebAPIPlatformError, type WebClient } from '@slack/web-api';
import { METHODS, RTM_START_MEMBER_LIMIT, costOfReplacement } from '@rtm-migrate/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../src/index.js';
import { clientFor, collect } from './helpers.js';

type Member = NonNullable<UsersListResponse['members']>[number];
type Channel = NonNullable<ConversationsListResponse['channels']>[number];

/** A conversation of a legacy `rtm.start` answer, as far as these tests read it. */
interface StartConversation {
  id: string;
  members?: string[];
  latest?: unknown;
  last_read?: string;
  unread_count?: number;
  unread_count_display?: number;
}

/** A legacy `rtm.start` answer as far as these tests read it (Slack's published type lacks `mpims` and `channels[].latest`). */
interface StartAnswer {
  ok: boolean;
  url?: string;
  warning?: string;
  response_metadata?: { warnings?: string[] };
  self?: { id: string; name: string; prefs?: unknown };
  team?: unknown;
  users?: { locale?: string }[];
  channels?: StartConversation[];
  groups?: StartConversation[];
  mpims?: StartConversation[];
  ims?: unknown[];
  bots?: unknown[];
  cache_ts?: number;
}

async function rtmStart(web: WebClient, args: RTMStartArguments = {}): Promise<StartAnswer> {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the retired method is what these tests call
  return (await web.rtm.start(args)) as StartAnswer;
}

let fake: FakeSlack;
beforeAll(async () => {
  fake = await startFakeSlack({ seed: 42, users: RTM_START_MEMBER_LIMIT * 3 + 11, channels: 30 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.setMode('legacy');
  fake.resetCalls();
});

async function platformError(p: Promise<unknown>): Promise<WebAPIPlatformError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(Error);
  expect((e as WebAPIPlatformError).code).toBe(ErrorCode.PlatformError);
  return e as WebAPIPlatformError;
}

describe('methods through WebClient', () => {
  it('answers on loopback with a trailing-slash apiUrl', () => {
    expect(fake.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    expect(fake.wsUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws\/$/);
  });

  it('refuses a non-loopback host', async () => {
    await expect(startFakeSlack({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('auth.test, team.info, users.info, bots.info, usergroups.list, conversations.info', async () => {
    const web = clientFor(fake);
    const ws = fake.workspace;
    const auth = await web.auth.test();
    expect(auth).toMatchObject({ ok: true, user_id: ws.self.id, team_id: ws.team.id, user: ws.self.name, bot_id: ws.self.profile.bot_id });
    const team = await web.team.info();
    expect(team.team).toMatchObject({ id: ws.team.id, domain: ws.team.domain, icon: { image_default: true } });
    const user = await web.users.info({ user: ws.users[5]!.id, include_locale: true });
    expect(user.user).toMatchObject({ id: ws.users[5]!.id, name: ws.users[5]!.name, locale: 'en-US' });
    const botUser = ws.users.find((u) => u.is_bot && u !== ws.self)!;
    const bot = await web.bots.info({ bot: botUser.profile.bot_id! });
    expect(bot.bot).toMatchObject({ id: botUser.profile.bot_id, user_id: botUser.id });
    const groups = await web.usergroups.list({ include_users: true, include_count: true });
    expect(groups.usergroups?.length).toBe(ws.usergroups.length);
    const g0 = groups.usergroups![0]!;
    expect(g0.users).toHaveLength(g0.user_count!);
    const general = ws.byType.public_channel[0]!;
    const info = await web.conversations.info({ channel: general.id, include_num_members: true });
    expect(info.channel).toMatchObject({ id: general.id, name: 'general', is_general: true, is_member: true, num_members: ws.users.length });
    expect((await platformError(web.users.info({ user: 'UNOPE' }))).data.error).toBe('user_not_found');
    expect((await platformError(web.bots.info({ bot: 'BNOPE' }))).data.error).toBe('bot_not_found');
    expect((await platformError(web.conversations.info({ channel: 'CNOPE' }))).data.error).toBe('channel_not_found');
    expect((await platformError(web.apiCall('chat.nonsense'))).data.error).toBe('unknown_method');
    expect(fake.calls.map((c) => c.method)).toContain(METHODS.usergroupsList);
  });

  it('rtm.connect returns url, self and team only', async () => {
    const res = await clientFor(fake).rtm.connect();
    const ws = fake.workspace;
    expect(res.url).toMatch(new RegExp(`^${fake.wsUrl}[0-9a-f]+$`));
    expect(res.self).toEqual({ id: ws.self.id, name: ws.self.name });
    expect(res.team).toEqual({ id: ws.team.id, name: ws.team.name, domain: ws.team.domain });
    expect(Object.keys(res).sort()).toEqual(['ok', 'response_metadata', 'self', 'team', 'url']);
  });
});

describe('pagination', () => {
  it('users.list pages give every user exactly once', async () => {
    const users = await collect<Member>(clientFor(fake), 'users.list', 'members', { limit: 200 });
    expect(users.map((u) => u.id)).toEqual(fake.workspace.users.map((u) => u.id));
    expect(fake.calls.length).toBe(Math.ceil(fake.workspace.users.length / 200));
    expect(users.find((u) => u.is_bot && u.profile?.bot_id)).toBeDefined();
  });

  it('conversations.list by types, exclude_archived, with is_member and num_members', async () => {
    const web = clientFor(fake);
    const ws = fake.workspace;
    const all = await collect<Channel>(web, 'conversations.list', 'channels', { types: 'public_channel,private_channel,mpim,im', limit: 7 });
    expect(all.map((c) => c.id)).toEqual(ws.conversations.map((c) => c.id));
    const pub = await collect<Channel>(web, 'conversations.list', 'channels', { limit: 5 });
    expect(pub.length).toBe(ws.byType.public_channel.length);
    const live = await collect<Channel>(web, 'conversations.list', 'channels', { exclude_archived: true, limit: 5 });
    expect(live.length).toBe(ws.size({ excludeArchived: true }).conversations.public_channel);
    expect(live.length).toBeLessThan(pub.length);
    for (const c of pub) {
      const truth = ws.conversation(c.id!)!;
      expect(c.is_member).toBe(truth.isMember);
      expect(c.num_members).toBe(ws.memberCount(truth));
    }
  });

  it('short pages (optional) still give everything once', async () => {
    const short = await startFakeSlack({ seed: 3, users: 250, channels: 5, shortPages: true });
    try {
      const web = clientFor(short);
      const users = await collect<Member>(web, 'users.list', 'members', { limit: 20 });
      expect(new Set(users.map((u) => u.id)).size).toBe(250);
      expect(short.calls.length).toBeGreaterThan(Math.ceil(250 / 20));
    } finally {
      await short.close();
    }
  });

  it('rejects a garbage cursor and a bad limit, caps a huge limit', async () => {
    const web = clientFor(fake);
    expect((await platformError(web.users.list({ cursor: 'not-a-cursor!' }))).data.error).toBe('invalid_cursor');
    expect((await platformError(web.users.list({ cursor: Buffer.from('conv:3').toString('base64') }))).data.error).toBe('invalid_cursor');
    expect((await platformError(web.apiCall('users.list', { limit: 'many' }))).data.error).toBe('invalid_limit');
    const page = await web.users.list({ limit: 5000 });
    expect(page.members?.length).toBe(1000);
    expect(page.response_metadata?.next_cursor).not.toBe('');
  });
});

describe('membership is the same through every method', () => {
  it('conversations.members = rtm.start members (cut, with warning) = num_members', async () => {
    const web = clientFor(fake);
    const ws = fake.workspace;
    const start = await rtmStart(web);
    expect(start.warning).toContain('member_list_truncated');
    expect(start.response_metadata?.warnings).toContain('member_list_truncated');
    let truncatedSeen = 0;
    for (const [list, type] of [['channels', 'public_channel'], ['groups', 'private_channel']] as const) {
      for (const c of start[list]!) {
        const truth = ws.conversation(c.id)!;
        if (truth.type !== type) continue;
        const members = await collect<string>(web, 'conversations.members', 'members', { channel: c.id, limit: 1000 });
        expect(members.length).toBe(ws.memberCount(truth));
        if (!truth.isMember) {
          expect(c.members).toBeUndefined();
          continue;
        }
        expect(c.members).toEqual(members.slice(0, RTM_START_MEMBER_LIMIT));
        if (members.length > RTM_START_MEMBER_LIMIT) truncatedSeen += 1;
      }
    }
    expect(truncatedSeen).toBeGreaterThan(0);
  });

  it('the call log matches costOfReplacement for users, channels and their members', async () => {
    const web = clientFor(fake);
    const pageSize = 200;
    await collect(web, 'users.list', 'members', { limit: pageSize });
    const channels = await collect<Channel>(web, 'conversations.list', 'channels', { types: 'public_channel', limit: pageSize });
    for (const c of channels.filter((x) => x.is_member)) await collect(web, 'conversations.members', 'members', { channel: c.id, limit: pageSize });
    await web.rtm.connect();
    const cost = costOfReplacement(fake.workspace.size(), ['users', 'channels', 'channels[].members'], { pageSize });
    expect(fake.calls.length).toBe(cost.calls);
    for (const planned of cost.byMethod) {
      expect(fake.calls.filter((c) => c.method === planned.method).length).toBe(planned.calls);
    }
  });
});

describe('rtm.start extras are what their replacement methods answer', () => {
  it('subteams, dnd, team.prefs, bots, and latest / last_read / unread counts of the joined conversations', async () => {
    const web = clientFor(fake);
    const start = (await rtmStart(web)) as StartAnswer & Record<string, unknown>;
    const self = fake.workspace.self.id;
    const groups = (await web.usergroups.list({ include_users: true })).usergroups ?? [];
    expect(start['subteams']).toEqual({
      self: groups.filter((g) => g.users?.includes(self)).map((g) => g.id),
      all: groups.map((g) => ({ ...g, user_count: g.users?.length })),
    });
    expect((start['subteams'] as { self: string[] }).self.length).toBeGreaterThan(0);
    // dnd.info and team.preferences.list answer their data as their own keys.
    const data = (res: object): Record<string, unknown> => Object.fromEntries(Object.entries(res).filter(([k]) => k !== 'ok' && k !== 'response_metadata'));
    expect(start['dnd']).toEqual(data(await web.dnd.info()));
    expect(start.team).toMatchObject({ prefs: data(await web.team.preferences.list()) });
    const botUsers = (await collect<Member>(web, METHODS.usersList, 'members', { limit: 200 })).filter((u) => u.is_bot && u.profile?.bot_id);
    expect((start.bots as { id: string }[]).map((b) => b.id).sort()).toEqual(botUsers.map((u) => u.profile!.bot_id!).sort());
    const joined = (start.channels ?? []).filter((c) => c.latest !== undefined);
    expect(joined.length).toBeGreaterThan(0);
    for (const c of joined) {
      const history = await web.conversations.history({ channel: c.id, limit: 1 });
      expect(history.messages?.[0]).toEqual(c.latest);
      const info = (await web.conversations.info({ channel: c.id })).channel as Record<string, unknown>;
      expect({ last_read: info['last_read'], unread_count: info['unread_count'], unread_count_display: info['unread_count_display'] }).toEqual({
        last_read: c.last_read,
        unread_count: c.unread_count,
        unread_count_display: c.unread_count_display,
      });
    }
    const outside = fake.workspace.byType.public_channel.find((c) => !c.isMember)!;
    expect((await platformError(web.conversations.history({ channel: outside.id, limit: 1 }))).data.error).toBe('not_in_channel');
  });

  it('dnd.teamInfo answers up to 50 users; team.preferences.list and dnd.info need their scopes', async () => {
    const web = clientFor(fake);
    const ids = fake.workspace.users.slice(0, 3).map((u) => u.id);
    const team = await web.dnd.teamInfo({ users: ids.join(',') });
    expect(Object.keys(team.users ?? {})).toEqual(ids);
    const tooMany = fake.workspace.users.slice(0, 51).map((u) => u.id).join(',');
    expect((await platformError(web.dnd.teamInfo({ users: tooMany }))).data.error).toBe('invalid_arguments');
    const limited = await startFakeSlack({ users: 20, channels: 5, tokens: { 'xoxb-narrow': { scopes: ['users:read'] } } });
    try {
      const narrow = clientFor(limited, 'xoxb-narrow');
      expect((await platformError(narrow.team.preferences.list())).data).toMatchObject({ error: 'missing_scope', needed: 'team.preferences:read' });
      expect((await platformError(narrow.dnd.info())).data).toMatchObject({ error: 'missing_scope', needed: 'dnd:read' });
      const channel = limited.workspace.byType.public_channel[0]!.id;
      expect((await platformError(narrow.conversations.history({ channel }))).data).toMatchObject({ error: 'missing_scope', needed: 'channels:history' });
    } finally {
      await limited.close();
    }
  });
});

describe('rtm.start modes', () => {
  it('legacy: the full snapshot; mpims folded into groups unless mpim_aware', async () => {
    const web = clientFor(fake);
    const ws = fake.workspace;
    const res = await rtmStart(web, { include_locale: true, simple_latest: true });
    expect(res.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/ws\//);
    expect(res.self).toMatchObject({ id: ws.self.id, name: ws.self.name, manual_presence: 'active' });
    expect(res.self!.prefs).toBeTypeOf('object');
    expect(res.team).toMatchObject({ id: ws.team.id, domain: ws.team.domain, icon: ws.team.icon });
    expect(res.users!.length).toBe(ws.users.length);
    expect(res.users![0]!.locale).toBe('en-US');
    expect(res.channels!.length).toBe(ws.byType.public_channel.length);
    expect(res.groups!.length).toBe(ws.byType.private_channel.length + ws.byType.mpim.length);
    expect(res.mpims).toBeUndefined();
    expect(res.ims!.length).toBe(ws.byType.im.length);
    expect(res.bots!.length).toBe(ws.bots.length);
    expect(res.cache_ts).toBeTypeOf('number');
    expect(typeof res.channels![0]!.latest).toBe('string');
    const aware = await rtmStart(web, { mpim_aware: true, no_latest: true });
    expect(aware.groups!.length).toBe(ws.byType.private_channel.length);
    expect(aware.mpims!.length).toBe(ws.byType.mpim.length);
    expect(aware.channels![0]!.latest).toBeUndefined();
    expect(aware.channels![0]!.unread_count).toBeUndefined();
  });

  it('connect_required: PlatformError rtm_connect_required', async () => {
    fake.setMode('connect_required');
    const e = await platformError(rtmStart(clientFor(fake)));
    expect(e.data.error).toBe('rtm_connect_required');
    expect(fake.calls.at(-1)).toMatchObject({ method: 'rtm.start', status: 200, ok: false, error: 'rtm_connect_required' });
  });

  it('connect_shape: ok, but only rtm.connect fields', async () => {
    fake.setMode('connect_shape');
    const res = await rtmStart(clientFor(fake));
    expect(res.ok).toBe(true);
    expect(res.url).toMatch(/^ws:/);
    expect(res.channels).toBeUndefined();
    expect(res.users).toBeUndefined();
    expect(() => res.channels!.forEach(() => undefined)).toThrow(TypeError);
  });
});

describe('auth and scopes', () => {
  it('missing, unknown and inactive tokens', async () => {
    expect((await platformError(clientFor(fake, 'xoxb-nope').auth.test())).data.error).toBe('invalid_auth');
    expect((await platformError(clientFor(fake, 'xoxb-inactive').auth.test())).data.error).toBe('account_inactive');
    const res = await fetch(`${fake.apiUrl}auth.test`, { method: 'POST' });
    expect(await res.json()).toMatchObject({ ok: false, error: 'not_authed' });
  });

  it('missing_scope with needed and provided, per method and conversation type', async () => {
    const limited = await startFakeSlack({
      users: 20,
      channels: 10,
      tokens: { 'xoxb-narrow': { scopes: ['channels:read'] } },
    });
    try {
      const web = clientFor(limited, 'xoxb-narrow');
      const ws = limited.workspace;
      await expect(web.conversations.list()).resolves.toMatchObject({ ok: true });
      let e = await platformError(web.conversations.list({ types: 'public_channel,private_channel,im' }));
      expect(e.data).toMatchObject({ error: 'missing_scope', needed: 'groups:read,im:read', provided: 'channels:read' });
      e = await platformError(web.users.list({}));
      expect(e.data).toMatchObject({ error: 'missing_scope', needed: 'users:read' });
      // users.info replaces no rtm.start field now, and still needs the scope of reading users.
      e = await platformError(web.users.info({ user: ws.self.id }));
      expect(e.data).toMatchObject({ error: 'missing_scope', needed: 'users:read' });
      e = await platformError(web.users.getPresence({}));
      expect(e.data).toMatchObject({ error: 'missing_scope', needed: 'users:read' });
      e = await platformError(web.team.info());
      expect(e.data).toMatchObject({ needed: 'team:read' });
      e = await platformError(web.usergroups.list());
      expect(e.data).toMatchObject({ needed: 'usergroups:read' });
      e = await platformError(web.bots.info({ bot: ws.bots[0]!.id }));
      expect(e.data).toMatchObject({ needed: 'users:read' });
      e = await platformError(web.conversations.members({ channel: ws.byType.im[0]!.id }));
      expect(e.data).toMatchObject({ needed: 'im:read' });
      e = await platformError(web.conversations.info({ channel: ws.byType.mpim[0]!.id }));
      expect(e.data).toMatchObject({ needed: 'mpim:read' });
      await expect(web.conversations.members({ channel: ws.byType.public_channel[0]!.id })).resolves.toMatchObject({ ok: true });
      await expect(web.rtm.connect()).resolves.toMatchObject({ ok: true });
      await expect(web.auth.test()).resolves.toMatchObject({ ok: true });
      // Without users:read.email, profiles carry no email.
      const noEmail = await startFakeSlack({ users: 5, channels: 1, tokens: { 'xoxb-users': { scopes: ['users:read'] } } });
      const list = await clientFor(noEmail, 'xoxb-users').users.list({});
      expect(list.members?.some((m) => m.profile?.email)).toBe(false);
      await noEmail.close();
    } finally {
      await limited.close();
    }
  });

  it('never logs the token', async () => {
    const web = clientFor(fake);
    await web.auth.test();
    await web.users.list({ limit: 2 });
    await fetch(`${fake.apiUrl}auth.test?token=xoxb-test`);
    await fetch(`${fake.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: 'token=xoxb-test',
    });
    expect(fake.calls.length).toBe(4);
    expect(fake.calls.every((c) => c.ok)).toBe(true);
    expect(JSON.stringify(fake.calls)).not.toContain('xoxb-test');
    expect(JSON.stringify(fake.calls)).not.toContain('xoxb');
  });
});
