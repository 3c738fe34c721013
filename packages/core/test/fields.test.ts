import { describe, expect, it } from 'vitest';
import {
  HISTORY_SCOPE_OF_TYPE,
  READ_SCOPE_OF_TYPE,
  METHODS,
  RTM_CONNECT_RESPONSE_FIELDS,
  RTM_START_FIELDS,
  fieldFact,
  TOP_LEVEL,
  isConnectField,
  isConnectTextThroughClient,
  readsNoStartOnlyField,
  isStartOnlyField,
  isStartOnlyItemField,
  helperBuilds,
  helperExtraOf,
  HELPER_INFO_ITEM_FIELDS,
  shimBuilds,
  START_ONLY_ITEM_FIELDS,
  startOnlyItemFieldsOf,
  escapedItemsMessage,
  escapedObjectData,
  escapedObjectMessage,
  objectGapsOf,
  RTM_START_OBJECT_GAPS,
  RTM_START_TOP_GAPS,
  RTM_START_WRITTEN_GAPS,
  writtenByEvent,
  todoComment,
} from '../src/index.js';
import { codeSpans, readReference, tableAfter } from './reference.js';

const rows = tableAfter(readReference(), "## 4. Where each `rtm.start` field comes from now");
const methodNames = new Set<string>(Object.values(METHODS));

/** Core paths named by a reference cell: `<channel>.members` → `channels[].members`, `team.enterprise_*` → each. */
function pathsOf(cell: string): string[] {
  const spans = codeSpans(cell);
  const perChannel = spans[0]?.startsWith('<channel>.') ?? false;
  return spans.flatMap((span) => {
    const name = span.replace(/^<channel>\./, '');
    const path = perChannel ? `channels[].${name}` : name;
    if (!path.endsWith('*')) return [path];
    return Object.keys(RTM_START_FIELDS).filter((p) => p.startsWith(path.slice(0, -1)));
  });
}


describe('RTM_START_FIELDS against reference §4, row by row', () => {
  it('reads every row of the table', () => {
    expect(rows.length).toBe(22);
  });

  for (const [fieldCell, replacementCell, scopeCell, tierCell, pagedCell] of rows as [string, string, string, string, string][]) {
    const paths = pathsOf(fieldCell);
    const rowMethods = codeSpans(replacementCell).filter((s) => methodNames.has(s));
    const rowScopes = codeSpans(scopeCell);
    const rowTiers = tierCell.split('/').map((t) => t.trim());

    describe(fieldCell, () => {
      it('names fields core knows', () => {
        expect(paths.length).toBeGreaterThan(0);
        for (const path of paths) expect(fieldFact(path), path).toBeDefined();
      });

      if (replacementCell.startsWith('`rtm.connect`')) {
        it('is served by rtm.connect', () => {
          for (const path of paths) {
            expect(fieldFact(path)!.onRtmConnect, path).toBe(true);
            expect(RTM_CONNECT_RESPONSE_FIELDS).toContain(path);
          }
        });
        return;
      }

      it('is start-only, with exactly the reference\'s replacement methods', () => {
        const facts = paths.map((p) => fieldFact(p)!);
        for (const fact of facts) expect(isStartOnlyField(fact.path), fact.path).toBe(true);
        const coreMethods = new Set(facts.flatMap((f) => f.replacements.map((r) => r.method)));
        expect([...coreMethods].sort()).toEqual([...new Set(rowMethods)].sort());
        if (/^(no public replacement|none)/.test(replacementCell) && rowMethods.length === 0) {
          for (const fact of facts) expect(fact.replacements, fact.path).toEqual([]);
        }
      });

      if (rowMethods.length === 0) return;

      it('needs the reference\'s scopes', () => {
        const replacements = paths.flatMap((p) => fieldFact(p)!.replacements);
        const required = new Set(replacements.flatMap((r) => r.scopes));
        const optional = new Set(replacements.flatMap((r) => r.optionalScopes.map((o) => o.scope)));
        let expected = rowScopes.filter((s) => s.includes(':'));
        // `*:read` / `*:history`: the scope of the conversation's type, here a public channel's.
        expected = expected.map((s) => (s === '*:read' ? READ_SCOPE_OF_TYPE.public_channel : s === '*:history' ? HISTORY_SCOPE_OF_TYPE.public_channel : s));
        if (expected.length === 0 && scopeCell.includes('read scope of that conversation type')) {
          expected = [READ_SCOPE_OF_TYPE.public_channel];
        }
        for (const scope of required) expect(expected, 'required by core').toContain(scope);
        for (const scope of expected) expect(required.has(scope) || optional.has(scope), scope).toBe(true);
      });

      it('has the reference\'s tier and pagination', () => {
        const replacements = paths.flatMap((p) => fieldFact(p)!.replacements);
        for (const r of replacements) expect(rowTiers, r.method).toContain(String(r.tier));
        const paged = pagedCell.split('/').map((p) => p.trim());
        expect(replacements.some((r) => r.pagination === 'cursor')).toBe(paged.includes('cursor'));
        if (!paged.includes('no')) for (const r of replacements) expect(r.pagination, r.method).toBe('cursor');
      });
    });
  }
});

describe('isConnectField', () => {
  it('knows a read as kept by rtm.connect only when the table or the common answer fields say so', () => {
    for (const path of ['url', 'self.id', 'self.name', 'team.domain', 'ok', 'error', 'response_metadata']) expect(isConnectField(path), path).toBe(true);
    for (const path of ['users', 'channels[].members', 'self.prefs', 'team.icon', 'not_a_field', 'foo.bar']) expect(isConnectField(path), path).toBe(false);
  });

  it("judges a read through an HTTP client's response (`body`, `data`) by the field inside it", () => {
    for (const path of ['body', 'body.url', 'body.ok', 'body.self.id', 'data', 'data.team.name']) expect(isConnectField(path), path).toBe(true);
    for (const path of ['body.channels', 'body.users', 'data.ims', 'body.not_a_field']) expect(isConnectField(path), path).toBe(false);
  });

  it('takes a read inside the error text (`error.message`) as the same on both answers, not other common fields', () => {
    for (const path of ['error.message', 'error.length', 'body.error.message']) expect(isConnectField(path), path).toBe(true);
    for (const path of ['warning.message', 'errors', 'error[].message']) expect(isConnectField(path), path).toBe(false);
  });
});

describe("reads off an unknown client's answer (readsNoStartOnlyField, isConnectTextThroughClient)", () => {
  it('blocks a start-only field named at any depth, whatever wraps it', () => {
    for (const path of ['data', 'status', 'data.team.domain', 'payload.self.id', 'result.url', 'data.error.message', 'headers.date']) expect(readsNoStartOnlyField(path), path).toBe(true);
    for (const path of ['data.users', 'users', 'reply.data.channels', 'body.team.icon', 'x.self.prefs', 'ev.data.ims.length', 'data.latest_event_ts']) expect(readsNoStartOnlyField(path), path).toBe(false);
  });

  it('lets only a text rtm.connect answers the same leave, never an object that has more on rtm.start', () => {
    for (const path of ['data.url', 'payload.self.id', 'team.domain', 'data.error', 'body.ok', 'url.length']) expect(isConnectTextThroughClient(path), path).toBe(true);
    for (const path of ['', 'data', 'data.self', 'payload.team', 'data.users', 'data.id', 'data.team.icon']) expect(isConnectTextThroughClient(path), path).toBe(false);
  });
});

describe('fieldFact', () => {
  it('treats unknown self/team sub-fields as start-only and per-conversation attributes as the list', () => {
    expect(isStartOnlyField('self.id')).toBe(false);
    expect(isStartOnlyField('team.domain')).toBe(false);
    expect(isStartOnlyField('self.profile')).toBe(true);
    expect(fieldFact('team.avatar_base_url')!.replacements[0]!.method).toBe('team.info');
    expect(fieldFact('channels[].name')).toBe(RTM_START_FIELDS['channels']);
    expect(isStartOnlyField('ok')).toBe(false);
    expect(isStartOnlyField('response_metadata')).toBe(false);
    expect(fieldFact('not_a_field')).toBeUndefined();
  });

  it('gives a key inside a recorded object the object\'s fact (team.prefs.*, self.prefs.*, dnd.*, subteams.*, channels[].latest.*)', () => {
    expect(fieldFact('team.prefs.display_real_names')?.replacements[0]?.method).toBe('team.preferences.list');
    expect(fieldFact('team.prefs.display_real_names')?.replacements[0]?.resultField).toBe(TOP_LEVEL);
    expect(fieldFact('self.prefs.tz')).toBe(fieldFact('self.prefs'));
    expect(fieldFact('dnd.dnd_enabled')?.replacements[0]).toMatchObject({ method: 'dnd.info', scopes: ['dnd:read'] });
    expect(fieldFact('subteams.self')?.replacements[0]).toMatchObject({ method: 'usergroups.list', args: { include_users: true, include_count: true } });
    expect(fieldFact('channels[].latest.ts')?.replacements[0]).toMatchObject({ method: 'conversations.history', args: { limit: 1 }, scopes: ['channels:history'] });
    expect(fieldFact('ims[].unread_count_display')?.replacements[0]).toMatchObject({ method: 'conversations.info', scopes: ['im:read'] });
    expect(fieldFact('team.icon.image_34')?.replacements[0]?.method).toBe('team.info');
  });

  it('records the item attributes the replacement lists lack as facts of their own, not as the list', () => {
    for (const path of START_ONLY_ITEM_FIELDS) {
      expect(RTM_START_FIELDS[path], path).toBeDefined();
      expect(isStartOnlyItemField(path), path).toBe(true);
      // The generated module fetches, when asked (`include`), the `is_open` of groups, mpims and ims (one
      // `conversations.info` per conversation); it gives presence as rtm.start last did (none: no `include`
      // entry of the codemod's asks for it, though the module fetches it where a user adds one); none of the others.
      expect(helperBuilds(path), path).toBe(path === 'users[].presence' || /^(groups|mpims|ims)\[\]\.is_open$/.test(path));
    }
    expect(helperExtraOf('users[].presence')).toBeUndefined();
    expect([...HELPER_INFO_ITEM_FIELDS].sort()).toEqual(['groups[].is_open', 'ims[].is_open', 'mpims[].is_open']);
    for (const f of ['groups[].is_open', 'mpims[].is_open', 'ims[].is_open']) expect(helperExtraOf(f), f).toBe(f);
    expect(helperBuilds('channels[].has_pins')).toBe(false);
    expect(START_ONLY_ITEM_FIELDS).toEqual(expect.arrayContaining(['users[].presence', 'ims[].is_open', 'groups[].is_open', 'mpims[].is_open', 'channels[].has_pins', 'bots[].icons', 'bots[].updated']));
    expect(fieldFact('users[].presence')?.replacements[0]).toMatchObject({ method: 'users.getPresence', per: 'user', tier: 3 });
    expect(fieldFact('bots[].icons.image_36')).toBe(RTM_START_FIELDS['bots[].icons']);
    // Attributes the lists do return stay covered by them.
    for (const path of ['users[].name', 'ims[].user', 'channels[].is_archived', 'bots[].name']) expect(isStartOnlyItemField(path), path).toBe(false);
    expect(helperBuilds('users[].name')).toBe(true);
  });

  it('tells which item attributes a list handed on whole (or one item of it) may still be read for', () => {
    // None for the users: rtm.start had stopped sending `presence` itself in January 2018, so code handed its list found none either.
    expect(startOnlyItemFieldsOf('users')).toEqual([]);
    expect(startOnlyItemFieldsOf('users[]')).toEqual([]);
    expect(fieldFact('users[].presence')?.droppedFromRtmStart).toMatchObject({
      since: '2018-01',
      sources: expect.arrayContaining(['https://api.slack.com/changelog/2017-10-making-rtm-presence-subscription-only', 'https://api.slack.com/changelog/2018-01-presence-present-and-future']) as unknown,
    });
    // Every other item gap is one rtm.start did send.
    for (const path of START_ONLY_ITEM_FIELDS.filter((p) => p !== 'users[].presence')) expect(fieldFact(path)?.droppedFromRtmStart, path).toBeUndefined();
    expect(startOnlyItemFieldsOf('ims')).toEqual(['ims[].is_open', 'ims[].has_pins']);
    expect(startOnlyItemFieldsOf('bots[]')).toEqual(['bots[].icons', 'bots[].updated']);
    for (const path of ['', 'self', 'team', 'url', 'users[].id', 'users[].profile', 'channels[].members', 'subteams']) expect(startOnlyItemFieldsOf(path), path).toEqual([]);
    expect(escapedItemsMessage(['users', 'users[]', 'url'])).toBeUndefined();
    expect(escapedItemsMessage(['users', 'ims', 'url'])).toMatch(/^Code rtm-migrate cannot follow gets `ims` and may read `ims\[\]\.is_open`, `ims\[\]\.has_pins`: .*`conversations\.info`/);
    expect(escapedItemsMessage(['url', 'self'])).toBeUndefined();
  });

  it('tells which attributes of self and team the generated module does not rebuild, from the facts', () => {
    // Neither on rtm.connect nor from team.info or an extra: prefs and `created` have no public method, users.getPresence is not called, nor team.billing.info.
    expect(RTM_START_OBJECT_GAPS).toEqual(['self.prefs', 'self.created', 'self.manual_presence', 'team.plan', 'team.msg_edit_window_mins', 'team.over_storage_limit']);
    for (const path of RTM_START_OBJECT_GAPS) {
      expect(isStartOnlyField(path), path).toBe(true);
      expect(helperBuilds(path), path).toBe(false);
    }
    // What the module does rebuild is no gap: the connect part, team.info's details, team.prefs (an extra).
    for (const path of ['self.id', 'team.domain', 'team.icon', 'team.email_domain', 'team.prefs']) expect(RTM_START_OBJECT_GAPS, path).not.toContain(path);
    expect(objectGapsOf('self')).toEqual(['self.prefs', 'self.created', 'self.manual_presence']);
    expect(objectGapsOf('team')).toEqual(['team.plan', 'team.msg_edit_window_mins', 'team.over_storage_limit']);
    // The whole response carries the top-level keys nothing replaces too (blind s55/11 forwarded them).
    expect(RTM_START_TOP_GAPS).toEqual(['cache_ts', 'cache_ts_version', 'cache_version', 'latest_event_ts', 'accept_tos_url', 'can_manage_shared_channels', 'is_europe', 'links', 'mobile_app_requires_upgrade', 'non_threadable_channels', 'read_only_channels', 'thread_only_channels']);
    for (const path of RTM_START_TOP_GAPS) expect(fieldFact(path)?.replacements, path).toEqual([]);
    expect(objectGapsOf('')).toEqual([...RTM_START_OBJECT_GAPS, ...RTM_START_TOP_GAPS]);
    for (const path of ['users', 'self.prefs', 'url', 'teams']) expect(objectGapsOf(path), path).toEqual([]);
    expect(escapedObjectMessage(['self', 'users'])).toMatch(/^Code rtm-migrate cannot follow gets `self` and may read `self\.prefs`, `self\.created`, `self\.manual_presence`: .*`self\.prefs`: no public method/);
    expect(escapedObjectMessage(['url', 'users'])).toBeUndefined();
    // What RTM events write into (slack-client 1.x, a dataStore): self.prefs, a gap, and team.prefs, an extra the data
    // may lack; the report's object-gap line says so of self (team.prefs is no gap of an escaping team: it is fetched).
    expect(RTM_START_WRITTEN_GAPS).toEqual(['self.prefs', 'team.prefs']);
    expect(RTM_START_WRITTEN_GAPS.map(writtenByEvent)).toEqual(['pref_change', 'team_pref_change']);
    expect(writtenByEvent('team.plan')).toBeUndefined();
    expect(RTM_START_OBJECT_GAPS).toContain('self.prefs');
    expect(helperExtraOf('team.prefs')).toBe('team.prefs');
    expect(escapedObjectData(['self'])).toMatchObject({ written: '`self.prefs`', events: '`pref_change`' });
    expect(escapedObjectData(['team'])?.written).toBe('');
  });

  it("answers the bot's own manual presence from users.getPresence's manual_away, and no creation time", () => {
    expect(fieldFact('self.manual_presence')?.replacements).toEqual([
      expect.objectContaining({ method: 'users.getPresence', resultField: 'manual_away', args: { user: '<self.id>' }, scopes: ['users:read'], per: 'startup' }),
    ]);
    expect(fieldFact('self.manual_presence')?.advice).toMatch(/`manual_away` is true where `manual_presence` was `"away"` and false where it was `"active"`/);
    expect(fieldFact('self.created')).toMatchObject({ onRtmConnect: false, replacements: [] });
    expect(fieldFact('self.created')?.advice).toMatch(/^no Web API method gives the bot user's creation time/);
    expect(todoComment('Left.', ['self.created', 'self.manual_presence'])).toBe(
      'TODO(rtm-migrate): Left. Fields read → replacements: self.created: no replacement; self.manual_presence: users.getPresence.',
    );
  });

  it('lets `--helper shim` rewrite only what rtmStartCompat() builds', () => {
    // `users[].presence` as rtm.start last gave it: not at all.
    for (const path of ['users', 'users[].name', 'users[].presence', 'channels[].members', 'bots[].updated', 'team.icon', 'subteams', 'dnd.dnd_enabled', 'team.prefs', 'url']) expect(shimBuilds(path), path).toBe(true);
    for (const path of ['ims[].is_open', 'bots[].icons', 'channels[].latest', 'ims[].unread_count', 'self.prefs', 'team.plan', 'cache_ts']) expect(shimBuilds(path), path).toBe(false);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(RTM_START_FIELDS)).toBe(true);
    expect(Object.isFrozen(RTM_START_FIELDS['users']!.replacements[0]!.scopes)).toBe(true);
    expect(() => {
      (RTM_START_FIELDS['users'] as { advice: string }).advice = 'changed';
    }).toThrow(TypeError);
  });
});
