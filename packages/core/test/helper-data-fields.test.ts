import { describe, expect, it } from 'vitest';
import { HELPER_CONNECT_PARTS, HELPER_DATA_PARTS, costOfReplacement, helperDataFields } from '../src/index.js';

/**
 * The generated module's `fields` option, from what a site reads: the parts read (and `<list>[].members`
 * where members are read), from core's field facts; undefined, so that everything is fetched, where a
 * read is of a key core does not know or where no part is read.
 */
describe('helperDataFields', () => {
  it.each([
    { reads: ['channels', 'channels[].is_member', 'channels[].name'], fields: ['channels'] },
    { reads: ['error', 'ok', 'users', 'users[].name'], fields: ['users'] },
    { reads: ['channels[].members', 'groups'], fields: ['channels', 'channels[].members', 'groups'] },
    { reads: ['ims[].members.length'], fields: ['ims', 'ims[].members'] },
    { reads: ['self.id', 'url'], fields: ['self', 'url'] },
    { reads: ['team.name', 'team.icon.image_132'], fields: ['team'] },
    { reads: ['bots[].name'], fields: ['bots'] },
    { reads: ['users[].presence'], fields: ['users'] },
    { reads: ['subteams.self', 'dnd.dnd_enabled'], fields: ['dnd', 'subteams'] },
    // A key the module never has: no call for it, but the other parts are still known.
    { reads: ['cache_ts', 'users'], fields: ['users'] },
  ])('$reads → $fields', ({ reads, fields }) => {
    expect(helperDataFields(reads)).toEqual(fields);
  });

  it.each([
    { why: 'a key core has no fact for (it might be anything)', reads: ['users', 'status'] },
    { why: 'a read through a layer core does not know', reads: ['body.users'] },
    { why: '`ok` and `error` alone: a call must still try the token', reads: ['error', 'ok'] },
    { why: 'nothing read', reads: [] },
  ])('undefined for $why', ({ reads }) => {
    expect(helperDataFields(reads)).toBeUndefined();
  });

  it('names parts the module builds or rtm.connect answers, and rtm.connect for only its own', () => {
    expect([...HELPER_DATA_PARTS].sort()).toEqual(['bots', 'channels', 'dnd', 'groups', 'ims', 'mpims', 'self', 'subteams', 'team', 'url', 'users']);
    expect(HELPER_CONNECT_PARTS.every((p) => HELPER_DATA_PARTS.includes(p))).toBe(true);
  });

  it('costs no rtm.connect when asked not to', () => {
    const size = { users: 450, conversations: { public_channel: 10, private_channel: 0, mpim: 0, im: 0 } };
    expect(costOfReplacement(size, ['users']).byMethod.map((c) => c.method)).toEqual(['users.list', 'rtm.connect']);
    expect(costOfReplacement(size, ['users'], { connect: false }).byMethod.map((c) => c.method)).toEqual(['users.list']);
  });
});
