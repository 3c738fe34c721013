import { relative } from 'node:path';
import { descendants, isWrittenTo, memberName, unwrap, type Resolver } from '@rtm-migrate/analysis';
import type { Project } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { fieldFact, HELPER_INFO_ITEM_FIELDS, RTM_START_FIELDS, RTM_START_ITEM_GAPS, RTM_START_WRITTEN_GAPS } from '@rtm-migrate/core';

/**
 * Fields of `rtm.start`'s data that no Web API method returns (core's facts: no replacement, not on `rtm.connect`),
 * but item attributes, which the module's items warn on; and those item attributes the module never fetches
 * (`bots[].icons`: one `bots.info` per bot), where a key is read off one: the warning answers `undefined`, and the
 * key's read throws (blind s110/09, matrix-puppet-slack: `getBotById(id).icons.image_72` crashed on every bot message).
 */
const GONE: readonly string[] = [
  ...Object.values(RTM_START_FIELDS)
    .filter((f) => !f.onRtmConnect && f.replacements.length === 0 && !f.path.includes('[]'))
    .map((f) => f.path),
  ...RTM_START_ITEM_GAPS.filter((f) => !HELPER_INFO_ITEM_FIELDS.includes(f)),
];

/**
 * A read of the field: of a top-level field, a member access of its name where that is Slack's own
 * (`.cache_ts`, `['latest_event_ts']`), none for a plain word (`links`), which code says for much else; of a
 * nested one, its last key off a member of the key before it (`x.self.prefs`, `self['prefs']`,
 * `data.team.msg_edit_window_mins`). Declarations (a TypeScript interface of the response) and comments say
 * them too, but read nothing.
 */
function readOf(field: string): ((resolver: Resolver, member: TSESTree.MemberExpression) => boolean) | undefined {
  const keys = field.split('.');
  const last = keys.at(-1) ?? field;
  const before = keys.at(-2);
  // An item's attribute, whatever holds the item (`bot.icons.image_72`): only a key read off it throws.
  if (before?.endsWith('[]') === true) return (resolver, member) => memberName(resolver, member) === last && keyRead(member);
  // A top-level field alone only where its name is Slack's own; a nested one always off its parent's key
  // (`team.prefs.msg_edit_window_mins` is a preference team.preferences.list answers, not `team.msg_edit_window_mins`).
  if (before === undefined) return last.includes('_') ? (resolver, member) => memberName(resolver, member) === last : undefined;
  return (resolver, member) => {
    const object = unwrap(member.object);
    const owner = object.type === AST_NODE_TYPES.MemberExpression ? memberName(resolver, object) : object.type === AST_NODE_TYPES.Identifier ? object.name : undefined;
    return memberName(resolver, member) === last && owner === before;
  };
}

/**
 * `self.prefs` (core's RTM_START_WRITTEN_GAPS): the module makes it an object that keeps what Slack's
 * `pref_change` writes, so only a read of a key of it loses a value (`typeof self.prefs` is as before).
 */
function keptWhenWritten(field: string): boolean {
  return RTM_START_WRITTEN_GAPS.includes(field);
}

/** The member read for a key of it: `self.prefs.tz`, `self.prefs[name]`. */
function keyRead(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  return parent.type === AST_NODE_TYPES.MemberExpression && parent.object === member;
}

/**
 * The field written rather than read: assigned itself, or a key of it assigned (`self.prefs[name] = value`, as
 * slack-client 1.x's `pref_change` handler writes; the module's `self.prefs` keeps what is written).
 */
function written(member: TSESTree.MemberExpression): boolean {
  const parent = member.parent;
  return isWrittenTo(member) || (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === member && isWrittenTo(parent));
}

/**
 * The fields no Web API method returns that the files of a site's program read (`files`, the site's first),
 * among those that may reach code the analysis does not follow (`reaches`), each with where it is first
 * read (`bot.js:139`, relative to `from`) and core's advice: after the migration such a read answers
 * `undefined` where `rtm.start` answered a value (blind s94/08, shaunburdick/slack-ooo-personal: the Botkit
 * payload kept in `this.payload`, whose `self.prefs.tz` a moment call then formatted, threw at start-up).
 */
export function goneFieldsNamed(from: string, project: Project, files: readonly string[], reaches: (field: string) => boolean): { field: string; at: string; advice: string }[] {
  const wanted = GONE.filter(reaches).flatMap((field) => {
    const read = readOf(field);
    return read ? [{ field, read, key: field.split('.').at(-1) ?? field }] : [];
  });
  /** Each field's first read, in the order of `files`: one walk of a file for every field it may read. */
  const firstRead = new Map<string, string>();
  for (const file of files) {
    // Only a file that says a key still looked for is parsed.
    const text = project.text(file);
    const open = wanted.filter((w) => !firstRead.has(w.field) && text.includes(w.key));
    const parsed = open.length > 0 ? project.file(file) : undefined;
    if (!parsed) continue;
    for (const node of descendants(parsed.resolver, parsed.program)) {
      if (node.type !== AST_NODE_TYPES.MemberExpression || written(node)) continue;
      for (const { field, read } of open) {
        if (firstRead.has(field) || !read(parsed.resolver, node) || (keptWhenWritten(field) && !keyRead(node))) continue;
        firstRead.set(field, `${relative(from, file)}:${String(node.loc.start.line)}`);
      }
    }
  }
  return wanted.flatMap(({ field }) => {
    const at = firstRead.get(field);
    return at === undefined ? [] : [{ field, at, advice: RTM_START_FIELDS[field]?.advice ?? fieldFact(field)?.advice ?? '' }];
  });
}
