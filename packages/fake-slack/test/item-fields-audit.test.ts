import { BOT_ENTRY_FROM_BOT_USER, CONVERSATION_LIST_FIELDS, RTM_START_FIELDS, START_ONLY_ITEM_FIELDS, startOnlyItemFieldsOf, type ConversationType } from '@rtm-migrate/core';
import type { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../src/index.js';
import { clientFor, collect } from './helpers.js';

type Item = Record<string, unknown>;
type ListField = keyof typeof CONVERSATION_LIST_FIELDS;

/** Every key of any item of `items`. */
function keysOf(items: readonly Item[]): Set<string> {
  return new Set(items.flatMap((i) => Object.keys(i)));
}

function at(item: Item, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Item | undefined)?.[key], item);
}

/**
 * The keys of `rtm.start`'s items (`legacy`) that the replacement's items (`provided`) lack and core
 * has no fact of their own for (`ims[].is_open`, `channels[].members`…): a read of one would find
 * `undefined` on every rebuilt item with nothing telling the user.
 */
function unrecorded(list: string, legacy: readonly Item[], provided: ReadonlySet<string>): string[] {
  return [...keysOf(legacy)].filter((key) => !provided.has(key) && RTM_START_FIELDS[`${list}[].${key}`] === undefined).sort();
}

/**
 * The audit that keeps core's facts honest: every key of the items of fake Slack's legacy `rtm.start`
 * answer is either on the items of the method core names as its replacement, or a fact of its own.
 */
describe("rtm.start's item keys against the replacement lists' and core's facts", () => {
  let fake: FakeSlack;
  let web: WebClient;
  let start: Record<string, Item[]>;
  let aware: Record<string, Item[]>;
  let users: Item[];

  const listed = async (types: readonly ConversationType[]): Promise<Item[]> =>
    (await Promise.all(types.map((types) => collect<Item>(web, 'conversations.list', 'channels', { types, limit: 200 })))).flat();

  beforeAll(async () => {
    fake = await startFakeSlack({ seed: 11, users: 120, channels: 30 });
    web = clientFor(fake);
    start = (await web.apiCall('rtm.start', {})) as unknown as Record<string, Item[]>;
    aware = (await web.apiCall('rtm.start', { mpim_aware: true })) as unknown as Record<string, Item[]>;
    users = await collect<Item>(web, 'users.list', 'members', { limit: 200 });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('finds items to compare in every list', () => {
    for (const list of ['users', 'channels', 'groups', 'ims', 'bots']) expect(start[list]?.length, list).toBeGreaterThan(0);
    expect(aware['mpims']?.length).toBeGreaterThan(0);
  });

  it('users: each key is on users.list or a fact; neither has presence (gone from rtm.start in January 2018)', () => {
    const legacy = start['users'] ?? [];
    expect(unrecorded('users', legacy, keysOf(users))).toEqual([]);
    // Both lists carry the same keys, so a users list handed on loses nothing: core records no item gap for it.
    expect(keysOf(legacy)).toEqual(keysOf(users));
    expect(keysOf(legacy).has('presence') || keysOf(users).has('presence')).toBe(false);
    expect(RTM_START_FIELDS['users[].presence']?.droppedFromRtmStart?.since).toBe('2018-01');
    expect(startOnlyItemFieldsOf('users')).toEqual([]);
  });

  it.each(Object.keys(CONVERSATION_LIST_FIELDS) as ListField[])('%s: each key is on conversations.list or a fact', async (list) => {
    // Without mpim_aware group DMs are listed among the groups, as the replacement lists them too.
    const types: ConversationType[] = list === 'groups' ? ['private_channel', 'mpim'] : [CONVERSATION_LIST_FIELDS[list]];
    const legacy = (list === 'mpims' ? aware : start)[list] ?? [];
    expect(unrecorded(list, legacy, keysOf(await listed(types)))).toEqual([]);
  });

  it('ims: is_open, which rtm.start gave and conversations.list does not, is a start-only item fact', async () => {
    expect(keysOf(start['ims'] ?? []).has('is_open')).toBe(true);
    expect(keysOf(await listed(['im'])).has('is_open')).toBe(false);
    expect(START_ONLY_ITEM_FIELDS).toContain('ims[].is_open');
  });

  it("bots: each key is read off users.list's bot users as core records it, or a fact", () => {
    const botUsers = users.filter((u) => u['is_bot'] === true && typeof at(u, 'profile.bot_id') === 'string');
    expect(botUsers.length).toBeGreaterThan(0);
    const provided = new Set(Object.entries(BOT_ENTRY_FROM_BOT_USER).filter(([, path]) => botUsers.every((u) => at(u, path) !== undefined)).map(([key]) => key));
    expect(unrecorded('bots', start['bots'] ?? [], provided)).toEqual([]);
    // And what core reads off them is what rtm.start said of the same bot (`user_id` is the rebuild's own addition).
    for (const bot of start['bots'] ?? []) {
      const user = botUsers.find((u) => at(u, BOT_ENTRY_FROM_BOT_USER['id'] ?? '') === bot['id']);
      for (const key of [...provided].filter((k) => k in bot)) expect(at(user ?? {}, BOT_ENTRY_FROM_BOT_USER[key] ?? ''), `${String(bot['id'])}.${key}`).toEqual(bot[key]);
    }
  });

  it("serves users.getPresence for each of rtm.start's users, which carry none", async () => {
    for (const user of (start['users'] ?? []).slice(0, 10)) {
      const res = (await web.apiCall('users.getPresence', { user: user['id'] })) as unknown as Item;
      expect(['active', 'away'], String(user['id'])).toContain(res['presence']);
      expect(user['presence'], String(user['id'])).toBeUndefined();
    }
  });
});
