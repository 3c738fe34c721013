import { CONVERSATION_LIST_FIELDS, HELPER_INFO_ITEM_FIELDS, HELPER_PRESENCE, HELPER_READ_STATE, METHODS, SLACK_PACKAGE, fieldFact, helperExtraOf } from '@rtm-migrate/core';
import { argsText } from '../transforms/inline-extras.js';

/**
 * The `rtm.start` fields the generated helper module rebuilds only when a call asks for them
 * (`rtmStartData(client, args, { include: [...] })`), each costing calls the lists do not: `subteams`
 * (usergroups.list), `dnd` (dnd.info), `team.prefs` (team.preferences.list), and per list
 * `<list>[].latest` (conversations.history, one call per conversation the bot is in) and
 * `<list>[].unread_count` (conversations.info, the same; it also fills `last_read` and
 * `unread_count_display`; `<list>[].is_open` of groups, mpims and ims from the same call), and
 * `users[].presence` (users.getPresence, one call per user: `users.list` has no presence). The codemod
 * passes exactly the ones the site reads, but presence, which `rtm.start` had stopped sending: only a
 * user who needs it names it (the report says how).
 */
export const HELPER_EXTRA_METHODS = [
  METHODS.usergroupsList,
  METHODS.dndInfo,
  METHODS.teamPreferencesList,
  METHODS.conversationsHistory,
  METHODS.conversationsInfo,
  METHODS.usersGetPresence,
] as const;

export { helperExtraOf };

const LISTS = Object.keys(CONVERSATION_LIST_FIELDS);

/** The attribute names of HELPER_INFO_ITEM_FIELDS (`is_open`): what the module copies off `conversations.info`'s answer when asked. */
const INFO_ITEMS = [...new Set(HELPER_INFO_ITEM_FIELDS.map((f) => f.slice(f.indexOf('[].') + 3)))];

/** The `include` option for a site reading `fields`, sorted; empty when it reads none of the extras. */
export function helperIncludes(fields: readonly string[]): string[] {
  return [...new Set(fields.map(helperExtraOf).filter((e): e is string => e !== undefined))].sort();
}

/**
 * `{ fields: ['users'], include: ['subteams'], optional: ['dnd'] }` for a site reading `fields`, undefined when
 * it names none; `parts`, where every read is known, the parts of the data fetched (the rest is not).
 */
export function extrasOptions(fields: readonly string[], optional: readonly string[] = [], parts?: readonly string[]): string | undefined {
  const include = helperIncludes(fields);
  const others = optional.filter((e) => !include.includes(e));
  const quoted = (names: readonly string[]): string => `[${names.map((e) => `'${e}'`).join(', ')}]`;
  const options = [
    ...(parts === undefined ? [] : [`fields: ${quoted(parts)}`]),
    ...(include.length > 0 ? [`include: ${quoted(include)}`] : []),
    ...(others.length > 0 ? [`optional: ${quoted(others)}`] : []),
  ];
  return options.length > 0 ? `{ ${options.join(', ')} }` : undefined;
}

/**
 * `, { include: ['dnd', 'subteams'] }` to follow a call's `args`, or nothing; `optional` adds the extras
 * fetched too but left out (with a warning) where the token may not read them; `parts` the `fields` option.
 */
export function includeOption(fields: readonly string[], args: string | undefined, optional: readonly string[] = [], parts?: readonly string[]): string {
  const options = extrasOptions(fields, optional, parts);
  if (options === undefined) return args === undefined ? '' : `, ${args}`;
  return `, ${args ?? '{}'}, ${options}`;
}

/** The extras that may be fetched as optional: one call each, the answers `rtm.start` gave every caller. */
export const OPTIONAL_EXTRAS = ['dnd', 'subteams', 'team.prefs'] as const;

/**
 * The options of a start that answers callers no run sees (an SDK's own facet or bound `rtm.start`, the
 * wrapper of a method table): the whole data, with every optional extra `rtm.start` gave them (blind s99/07:
 * slack-client 2.0.6's facet, rewritten without them, answered no `subteams` and no `dnd`, and said nothing).
 */
export const UNSEEN_CALLERS_OPTIONS: string = extrasOptions([], OPTIONAL_EXTRAS) ?? '{}';

/** The optional extras the `slack` package cannot fetch: those whose method no release of it has. */
export const SLACK_PACKAGE_LACKS: readonly string[] = OPTIONAL_EXTRAS.filter((extra) => (fieldFact(extra)?.replacements ?? []).some((r) => (SLACK_PACKAGE.missingMethods as readonly string[]).includes(r.method)));

/** Slack's answers that leave an optional extra out: the token may not read it. */
export const OPTIONAL_EXTRA_ERRORS = ['missing_scope', 'not_allowed_token_type', 'no_permission'] as const;

/** The generated module's part that fetches the extras (TypeScript or JavaScript). */
export function extrasSource(ts: boolean): string[] {
  const t = (typed: string): string => (ts ? typed : '');
  const cast = (expr: string, type: string): string => (ts ? `(${expr}) as ${type}` : expr);
  const subteams = fieldFact('subteams')?.replacements[0];
  const scopes = OPTIONAL_EXTRAS.map((e) => `  '${e}': '${(fieldFact(e)?.replacements[0]?.scopes ?? []).join(', ')}',`);
  return [
    '/**',
    ' * The fields fetched only when asked, before rtm.connect: subteams\' groups, the bot\'s own dnd state,',
    ' * team.prefs, and for the conversations the bot is in their latest message, read state and (groups,',
    ' * mpims, ims) is_open (one call each: ask only for what the code reads). `include`: an error fails',
    ' * the start; `optional`: the field is left out, with a warning, when the token may not read it (as',
    ' * rtm.start gave it to every caller).',
    ' */',
    `function rtmStartExtras(call${t(': SlackCall')}, args${t(': RtmStartArgs')}, lists${t(': RtmStartLists')}, options${t(': RtmStartDataOptions')})${t(': Promise<RtmStartExtras>')} {`,
    '  const include = options.include || [];',
    '  const optional = options.optional || [];',
    `  const fetched = (name${t(': string')}, method${t(': string')}, callArgs${t(': Record<string, unknown>')})${t(': Promise<SlackObject | undefined>')} => {`,
    '    if (include.indexOf(name) !== -1) return call(method, callArgs);',
    '    if (optional.indexOf(name) === -1) return Promise.resolve(undefined);',
    `    return call(method, callArgs).catch((error${t(': unknown')}) => {`,
    "      // Slack's answer as the transport reports it: an error's `data` (WebClient) or `response` (an app's",
    "      // own SlackError, blind s119/04), the answer itself (slackbots), the code alone (Botkit 0.x's callAPI),",
    "      // or an error whose message names the code (@slack/client v3: the code alone; `… (missing_scope)`).",
    `      const answer = ${ts ? "(typeof error === 'string' ? { error } : error || {}) as { data?: SlackObject; response?: SlackObject; error?: unknown; needed?: unknown; message?: string }" : "typeof error === 'string' ? { error } : error || {}"};`,
    '      const data = answer.data || answer.response || {};',
    '      // Error codes are never empty: `||` takes the first given.',
    '      const said = String(data.error || answer.error || answer.message);',
    '      const code = OPTIONAL_ERRORS.filter((known) => said === known || said.indexOf(`(${known})`) !== -1)[0];',
    '      if (code === undefined) throw error;',
    '      const needed = data.needed || answer.needed || EXTRA_SCOPES[name];',
    "      console.warn(`rtm-start-data: left out ${name}: ${method} answered ${code}${code === 'missing_scope' ? ` (needs ${needed})` : ''}`);",
    '      // Said once: a later read of the key it leaves out (see markObjectGaps) does not say it again.',
    '      warnedGaps.add(name);',
    '      return undefined;',
    '    });',
    '  };',
    `  const extras${t(': RtmStartExtras')} = {};`,
    `  return fetched('subteams', '${METHODS.usergroupsList}', ${argsText(subteams?.args ?? {}) || '{}'})`,
    '    .then((groups) => {',
    `      if (groups) extras.usergroups = ${ts ? '(groups.usergroups as SlackObject[] | undefined)' : 'groups.usergroups'} || [];`,
    `      return fetched('dnd', '${METHODS.dndInfo}', {});`,
    '    })',
    '    .then((dnd) => {',
    '      if (dnd) extras.dnd = answerFields(dnd);',
    `      return fetched('team.prefs', '${METHODS.teamPreferencesList}', {});`,
    '    })',
    '    .then((prefs) => {',
    '      if (prefs) extras.prefs = answerFields(prefs);',
    `      return inTurn${t(`<${LISTS.map((l) => `'${l}'`).join(' | ')}>`)}([${LISTS.map((l) => `'${l}'`).join(', ')}], (list) => {`,
    "        // As rtm.start: no_latest drops `latest` and the unread counts, no_unreads the counts; simple_latest gives the ts.",
    '        const latest = include.indexOf(`${list}[].latest`) !== -1 && !isSet(args.no_latest);',
    '        const state = include.indexOf(`${list}[].unread_count`) !== -1;',
    "        const keys = isSet(args.no_latest) || isSet(args.no_unreads) ? ['last_read'] : READ_STATE;",
    '        // What the lists lack but conversations.info answers (is_open), from the same call.',
    '        const items = INFO_ITEMS.filter((name) => include.indexOf(`${list}[].${name}`) !== -1);',
    '        if (!latest && !state && items.length === 0) return undefined;',
    "        // rtm.start gave these for the public channels the bot was in; the other lists hold only those.",
    "        const held = (lists[list] || []).filter((conversation) => list !== 'channels' || conversation.is_member === true);",
    `        return inTurn${t('<SlackConversation>')}(held, (conversation) =>`,
    // One promise type, not a union of two: TypeScript before 3.3 cannot call `.then` on a union.
    `          (${cast(`latest ? call('${METHODS.conversationsHistory}', { channel: conversation.id, limit: 1 }) : Promise.resolve(undefined)`, 'Promise<SlackObject | undefined>')})`,
    '            .then((history) => {',
    '              if (!history) return undefined;',
    `              const message = (${ts ? '(history.messages as SlackObject[] | undefined)' : 'history.messages'} || [])[0];`,
    '              conversation.latest = isSet(args.simple_latest) ? message && message.ts : message;',
    '              return undefined;',
    '            })',
    `            .then${t('<SlackObject | undefined>')}(() => (state || items.length > 0 ? call('${METHODS.conversationsInfo}', { channel: conversation.id }) : undefined))`,
    '            .then((info) => {',
    '              if (!info) return;',
    `              const channel = ${ts ? '(info.channel || {}) as SlackObject' : 'info.channel || {}'};`,
    '              if (state) for (const key of keys) conversation[key] = channel[key];',
    "              // Only where the answer has it: an item without it keeps markItemGaps()' getter (a warning).",
    '              for (const key of items) if (key in channel) conversation[key] = channel[key];',
    '            })',
    '        );',
    '      });',
    '    })',
    '    .then(() => {',
    "      // users.list has had no presence since Slack's 2018 presence changes: one call per user, paced by its tier.",
    `      if (include.indexOf('${HELPER_PRESENCE}') === -1) return undefined;`,
    `      return inTurn${t('<SlackUser>')}(lists.users || [], (user) =>`,
    `        call('${METHODS.usersGetPresence}', { user: user.id }).then((answer) => {`,
    '          user.presence = answer.presence;',
    '        })',
    '      );',
    '    })',
    '    .then(() => extras);',
    '}',
    '',
    "/** A method's answer without the envelope every answer has. */",
    `function answerFields(answer${t(': SlackObject')})${t(': SlackObject')} {`,
    `  const fields${t(': SlackObject')} = Object.assign({}, answer);`,
    '  delete fields.ok;',
    '  delete fields.response_metadata;',
    '  return fields;',
    '}',
    '',
    `const READ_STATE = [${HELPER_READ_STATE.map((k) => `'${k}'`).join(', ')}];`,
    '',
    "/** The item attributes the lists lack that conversations.info answers: fetched as `<list>[].<name>` when named in `include`. */",
    `const INFO_ITEMS = [${INFO_ITEMS.map((k) => `'${k}'`).join(', ')}];`,
    '',
    "/** Slack's answers that leave an `optional` extra out: the token may not read it. */",
    `const OPTIONAL_ERRORS = [${OPTIONAL_EXTRA_ERRORS.map((e) => `'${e}'`).join(', ')}];`,
    '',
    '/** The scope each optional extra needs, for the warning when Slack does not name it. */',
    `const EXTRA_SCOPES${t(': Record<string, string>')} = {`,
    ...scopes,
    '};',
    '',
    "/** The extras added to the data (`subteams.self` are the groups whose users hold rtm.connect's `self`), then what self and team lack marked. */",
    `function withExtras(data${t(': RtmStartData')}, extras${t(': RtmStartExtras')})${t(': RtmStartData')} {`,
    '  if (extras.usergroups) {',
    '    const all = extras.usergroups;',
    `    const self = all.filter((group) => (${ts ? '(group.users as string[] | undefined)' : 'group.users'} || []).indexOf(data.self.id) !== -1).map((group) => group.id${t(' as string')});`,
    '    data.subteams = { self, all };',
    '  }',
    '  if (extras.dnd) data.dnd = extras.dnd;',
    '  if (extras.prefs) data.team.prefs = extras.prefs;',
    '  markObjectGaps(data);',
    '  return data;',
    '}',
  ];
}

/** TypeScript declarations the extras add to the module. */
export function extrasTypes(): string[] {
  return [
    '/** What rtmStartExtras() fetched. */',
    'interface RtmStartExtras {',
    '  usergroups?: SlackObject[];',
    '  dnd?: SlackObject;',
    '  prefs?: SlackObject;',
    '}',
    '',
  ];
}
