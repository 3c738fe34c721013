import { describe, expect, it } from 'vitest';

import { itemGapsNote } from '../src/helper-module/item-gaps.js';

/** The fields a note names as lacking: those of its "may read … which the replacement lists lack" clause. */
function lacking(note: string | undefined): string | undefined {
  return /may read (.*?)(?: off them)?, which the replacement lists lack/.exec(note ?? '')?.[1];
}

/**
 * The report's line on what the items handed to code rtm-migrate cannot follow lack names only what the
 * site's `include` does not fetch: a fetched `groups[].is_open` (conversations.info per group) is there.
 */
describe("itemGapsNote names as lacking only the item attributes the site's include does not fetch", () => {
  it("slack-client 1.x's own copies of the lists", () => {
    const all = itemGapsNote([], 'slack-client');
    expect(lacking(all)).toBe('`channels[].has_pins`, `groups[].is_open`, `groups[].has_pins`, `ims[].is_open`, `ims[].has_pins`');
    const fetched = itemGapsNote([], 'slack-client', ['groups[].is_open']);
    expect(lacking(fetched)).toBe('`channels[].has_pins`, `groups[].has_pins`, `ims[].is_open`, `ims[].has_pins`');
    expect(fetched).toContain('`groups[].is_open` is fetched because the bot\'s code reads it (this file through the client');
    // Both fetched: the advice on is_open (conversations.info) goes with them.
    const both = itemGapsNote([], 'slack-client', ['groups[].is_open', 'ims[].is_open']);
    expect(lacking(both)).toBe('`channels[].has_pins`, `groups[].has_pins`, `ims[].has_pins`');
    expect(both).not.toContain('does not say which conversations are open');
  });

  it("the module's own items handed on", () => {
    expect(lacking(itemGapsNote([{ path: 'ims' }, { path: 'groups' }]))).toBe('`ims[].is_open`, `ims[].has_pins`, `groups[].is_open`, `groups[].has_pins`');
    expect(lacking(itemGapsNote([{ path: 'ims' }, { path: 'groups' }], undefined, ['ims[].is_open']))).toBe('`ims[].has_pins`, `groups[].is_open`, `groups[].has_pins`');
  });

  it('the read state of the conversation lists handed on, unless include fetches it', () => {
    const readState = (note: string | undefined): string | undefined => /`unread_count_display`\) of (.*?) is not fetched/.exec(note ?? '')?.[1];
    expect(readState(itemGapsNote([{ path: 'ims' }, { path: 'bots' }]))).toBe('`ims`');
    expect(readState(itemGapsNote([{ path: 'ims[]' }, { path: 'channels' }], undefined, ['channels[].unread_count']))).toBe('`ims`');
    // The whole response holds every list.
    expect(readState(itemGapsNote([{ path: '' }]))).toBe('`channels`, `groups`, `mpims`, `ims`');
    expect(readState(itemGapsNote([{ path: 'users' }, { path: 'bots' }]))).toBeUndefined();
    // slack-client 1.x's own line says where its copies' read state is fetched.
    expect(readState(itemGapsNote([], 'slack-client'))).toBeUndefined();
  });
});
