import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONVERSATION_LIST_FIELDS, METHODS, RECOMMENDED_PAGE_SIZE, conversationTypesOf, costOfReplacement, type ConversationListField } from '@rtm-migrate/core';
import type { FakeSlack } from '@rtm-migrate/fake-slack';
import { describe, expect, it } from 'vitest';
import { helperFieldsRead, helperSource } from '../src/helper-module/source.js';
import type { Plan } from '../src/plan.js';
import { cli, tempDir, withFake } from './helpers.js';

type SlackObject = Record<string, unknown>;
type Call = (method: string, args: SlackObject) => Promise<SlackObject>;
interface Conversation {
  id: string;
  is_member?: boolean;
  members?: string[];
  [key: string]: unknown;
}
type Lists = Partial<Record<ConversationListField, Conversation[]>>;
type RtmStartData = (call: Call, args: SlackObject, options: SlackObject) => Promise<Lists>;

const LISTS = Object.keys(CONVERSATION_LIST_FIELDS) as ConversationListField[];

/** The generated JavaScript module's rtmStartData(), from a temp folder. */
async function helper(): Promise<RtmStartData> {
  const file = join(await tempDir('rtm-migrate-one-listing-'), 'rtm-start-data.mjs');
  await writeFile(file, helperSource({ typescript: false, commonjs: false, legacyClient: false }));
  return ((await import(pathToFileURL(file).href)) as { rtmStartData: RtmStartData }).rtmStartData;
}

/** A raw-HTTP client of `fake` (the token in the body, as Slack takes it); `edit` may change each answer. */
function caller(fake: FakeSlack, edit: (method: string, res: SlackObject) => SlackObject = (_, res) => res): Call {
  return async (method, args) => {
    const body = new URLSearchParams({ token: 'xoxb-test', ...Object.fromEntries(Object.entries(args).map(([k, v]) => [k, String(v)])) });
    const res = await fetch(`${fake.apiUrl}${method}`, { method: 'POST', body });
    return edit(method, (await res.json()) as SlackObject);
  };
}

async function pages(call: Call, method: string, args: SlackObject, key: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let cursor = '';
  do {
    const page = await call(method, { ...args, limit: RECOMMENDED_PAGE_SIZE, ...(cursor ? { cursor } : {}) });
    expect(page.ok).toBe(true);
    items.push(...((page[key] as unknown[] | undefined) ?? []));
    cursor = (page.response_metadata as { next_cursor?: string } | undefined)?.next_cursor ?? '';
  } while (cursor !== '');
  return items;
}

/** The lists as one listing per conversation type gives them (the helper before): each list's types in turn, complete members of those the bot is in. */
async function perTypeLists(call: Call, mpimAware: boolean): Promise<Lists> {
  const lists: Lists = {};
  for (const list of LISTS) {
    if (list === 'mpims' && !mpimAware) continue;
    const found: Conversation[] = [];
    for (const type of conversationTypesOf(list, mpimAware)) found.push(...((await pages(call, METHODS.conversationsList, { types: type }, 'channels')) as Conversation[]));
    for (const c of found) if (c.is_member === true) c.members = (await pages(call, METHODS.conversationsMembers, { channel: c.id }, 'members')) as string[];
    lists[list] = found;
  }
  return lists;
}

/** Each list's ids in order, with the members of each conversation that has them. */
function shape(data: Lists): Partial<Record<ConversationListField, [string, string[] | null][]>> {
  return Object.fromEntries(LISTS.filter((l) => data[l] !== undefined).map((l) => [l, data[l]!.map((c) => [c.id, c.members ?? null])]));
}

const listings = (fake: FakeSlack) => fake.calls.filter((c) => c.method === METHODS.conversationsList);

describe('the generated helper lists every conversation type in one conversations.list', () => {
  it.each([false, true])('mpim_aware %s: one listing on a small workspace; lists as a per-type listing and legacy rtm.start give them', (mpimAware) =>
    withFake({ seed: 17, users: 40, channels: 12, mode: 'legacy' }, async (fake) => {
      const rtmStartData = await helper();
      const call = caller(fake);
      const args = mpimAware ? { mpim_aware: true } : {};
      const legacy = (await call('rtm.start', args)) as Lists & SlackObject;
      expect(legacy.ok).toBe(true);
      fake.setMode('connect_required');
      const perType = await perTypeLists(call, mpimAware);

      fake.resetCalls();
      const data = await rtmStartData(call, args, { timeScale: 0 });
      expect(listings(fake).map((c) => c.args['types'])).toEqual(['public_channel,private_channel,mpim,im']);
      expect(fake.calls.at(-1)!.method).toBe(METHODS.rtmConnect);
      expect(shape(data)).toEqual(shape(perType));
      // rtm.start cut members at its limit only: this workspace has fewer users, so they agree.
      expect(shape(data)).toEqual(shape(legacy));
      expect(data.mpims === undefined).toBe(!mpimAware);
      // The test is able to fail: group DMs are in the groups (after the private channels), or apart.
      const mpimIds = fake.workspace.byType.mpim.map((c) => c.id);
      expect(mpimIds.length).toBeGreaterThan(0);
      if (mpimAware) {
        expect(data.groups!.some((c) => mpimIds.includes(c.id))).toBe(false);
        expect(data.mpims!.map((c) => c.id)).toEqual(mpimIds);
      } else {
        expect(data.groups!.slice(-mpimIds.length).map((c) => c.id)).toEqual(mpimIds);
      }
      expect(Object.values(shape(data)).flat().some(([, members]) => members !== null)).toBe(true);
    }));

  it('lists only the types the parts named in `fields` need, and none for users alone', () =>
    withFake({ seed: 4, users: 30, channels: 8, mode: 'connect_required' }, async (fake) => {
      const rtmStartData = await helper();
      const call = caller(fake);
      const asked = async (args: SlackObject, fields: string[]): Promise<(string | undefined)[]> => {
        fake.resetCalls();
        await rtmStartData(call, args, { fields, timeScale: 0 });
        return listings(fake).map((c) => c.args['types']);
      };
      expect(await asked({}, ['channels', 'ims'])).toEqual(['public_channel,im']);
      expect(await asked({}, ['groups'])).toEqual(['private_channel,mpim']);
      expect(await asked({ mpim_aware: true }, ['groups', 'mpims[].members', 'mpims'])).toEqual(['private_channel,mpim']);
      expect(await asked({ mpim_aware: true }, ['groups'])).toEqual(['private_channel']);
      expect(await asked({}, ['users'])).toEqual([]);
    }));

  it('tells private channels by `is_group` alone, and throws on an item of a type not asked for', () =>
    withFake({ seed: 8, users: 30, channels: 10, mode: 'connect_required' }, async (fake) => {
      const rtmStartData = await helper();
      const expected = shape(await perTypeLists(caller(fake), false));
      expect(expected.groups!.some(([id]) => id.startsWith('G'))).toBe(true);
      // Older answers: a private channel made before March 2021 (a G id) flagged `is_group`, without `is_private`.
      const legacyGroups = caller(fake, (method, res) => {
        if (method !== METHODS.conversationsList) return res;
        for (const c of res.channels as Conversation[]) if (c.is_group === true) delete c.is_private;
        return res;
      });
      expect(shape(await rtmStartData(legacyGroups, {}, { timeScale: 0 }))).toEqual(expected);
      // A channel flagged as a DM while DMs were not asked for: lost silently, it would be a bot that knows less.
      const misflagged = caller(fake, (method, res) => {
        if (method === METHODS.conversationsList) for (const c of res.channels as Conversation[]) c.is_im = true;
        return res;
      });
      await expect(rtmStartData(misflagged, {}, { fields: ['channels'], timeScale: 0 })).rejects.toThrow(/none of the types asked for \(public_channel\)/);
    }));

  it('pages through a workspace of 450 channels in ceil(total / 200) listings, as core counts them', () =>
    withFake({ seed: 23, users: 60, channels: 450, mode: 'connect_required' }, async (fake) => {
      const rtmStartData = await helper();
      const call = caller(fake);
      const perType = await perTypeLists(call, false);
      const size = fake.workspace.size();
      const total = Object.values(size.conversations).reduce((sum, n) => sum + n, 0);
      expect(total).toBeGreaterThan(2 * RECOMMENDED_PAGE_SIZE);

      fake.resetCalls();
      const data = await rtmStartData(call, {}, { timeScale: 0 });
      const made = listings(fake);
      expect(made).toHaveLength(Math.ceil(total / RECOMMENDED_PAGE_SIZE));
      expect(made.every((c) => c.args['limit'] === String(RECOMMENDED_PAGE_SIZE))).toBe(true);
      expect(made.slice(1).every((c) => (c.args['cursor'] ?? '') !== '')).toBe(true);
      expect(shape(data)).toEqual(shape(perType));

      const fields = helperFieldsRead(false);
      const listed = (listing: 'one' | 'per-type'): number =>
        costOfReplacement(size, fields, { listing }).byMethod.filter((c) => c.method === METHODS.conversationsList).reduce((sum, c) => sum + c.calls, 0);
      expect(listed('one')).toBe(made.length);
      expect(listed('per-type')).toBeGreaterThan(made.length);
      const counted = new Map<string, number>();
      for (const c of costOfReplacement(size, fields, { listing: 'one' }).byMethod) counted.set(c.method, (counted.get(c.method) ?? 0) + c.calls);
      const calls = new Map<string, number>();
      for (const c of fake.calls) calls.set(c.method, (calls.get(c.method) ?? 0) + 1);
      expect(calls).toEqual(counted);
    }));

  it("scan counts one listing for a project whose only site calls the helper, per type where an inline site lists too", async () => {
    const dir = await tempDir('rtm-migrate-one-listing-scan-');
    // The data go into an array: not followed, so the call goes to the generated helper.
    const helperSite = "const { WebClient } = require('@slack/web-api');\nconst web = new WebClient('xoxb-test');\nweb.rtm.start({}).then((res) => console.log(JSON.stringify([res])));\n";
    const inlineSite = "const { WebClient } = require('@slack/web-api');\nasync function main(web) {\n  const res = await web.rtm.start({});\n  console.log(res.channels.length);\n}\nmain(new WebClient('xoxb-test'));\n";
    await writeFile(join(dir, 'bot.js'), helperSite);
    const scan = async (): Promise<Plan> => {
      const r = await cli(['scan', '.', '--json', '--workspace', 'users=300,channels=500'], dir);
      expect(r.stderr).toBe('');
      return JSON.parse(r.stdout) as Plan;
    };
    const types = (plan: Plan) => plan.startup.byMethod.filter((c) => c.method === METHODS.conversationsList).map((c) => c.args['types']);
    const alone = await scan();
    expect(alone.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(types(alone)).toEqual(['public_channel,private_channel,mpim,im']);
    expect(alone.startup.calls).toBe(alone.sites[0]!.calls);
    await writeFile(join(dir, 'other.js'), inlineSite);
    const mixed = await scan();
    expect(mixed.sites.map((s) => s.rewrite).sort()).toEqual(['helper-module', 'inline']);
    expect(types(mixed)).toEqual(['public_channel', 'private_channel', 'mpim', 'im']);
  });
});
