import { CODEMOD_MESSAGES, CONVERSATION_LIST_FIELDS, HELPER_TOP_EXTRAS, helperTopExtraAdvice, RTM_START_ITEM_GAPS, RTM_START_OBJECT_GAPS, RTM_START_TOP_GAPS, RTM_START_TOP_LEVEL_FIELDS, RTM_START_WRITTEN_GAPS, SLACK_CLIENT_1, escapedItemsData, escapedObjectData, fieldFact, helperReadStateAdvice, writtenByEvent } from '@rtm-migrate/core';
import type { Escape } from '../plan.js';

/** A JavaScript string literal in the module's style (single quotes). */
function quoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Each of `paths` (`channels[].has_pins`, `self.prefs`) split where it is held, with core's advice on where it comes from now. */
function gapsOf(paths: readonly string[], separator: string): { holder: string; name: string; advice: string }[] {
  return paths.map((path) => {
    const [holder = '', name = ''] = path.split(separator);
    return { holder, name, advice: fieldFact(path)?.advice ?? path };
  });
}

/**
 * The generated module's part that marks what its data lack of `rtm.start`'s: the items of the lists it
 * builds, and its `self` and `team` (TypeScript or JavaScript); with `copies`, those of a client that keeps
 * copies of the items (markCopiedItems).
 */
export function itemGapsSource(ts: boolean, copies: boolean): string[] {
  // An object written into is never a getter: the two tables do not overlap.
  const written = RTM_START_WRITTEN_GAPS;
  const unwritten = RTM_START_OBJECT_GAPS.filter((path) => !written.includes(path));
  const t = (typed: string): string => (ts ? typed : '');
  const table = (name: string, gaps: { holder: string; name: string; advice: string }[]): string[] => {
    const holders = [...new Set(gaps.map((g) => g.holder))];
    return [
      `const ${name}${t(`: [${holders.map(quoted).join(' | ')}, string, string][]`)} = [`,
      ...gaps.map((g) => `  [${quoted(g.holder)}, ${quoted(g.name)}, ${quoted(g.advice)}],`),
      '];',
    ];
  };
  return [
    '/**',
    ' * Item attributes only rtm.start gave, which the lists rebuilt here lack, and where each comes from',
    ' * now. Fetching them would cost a call per item at every start, for attributes rarely read: instead',
    ' * markItemGaps() makes a read of one answer `undefined` (as the replacement lists do) and warn once.',
    ' */',
    ...table('ITEM_GAPS', gapsOf(RTM_START_ITEM_GAPS, '[].')),
    '',
    '/**',
    " * The lists whose items rtm.start gave their read state (READ_STATE) for the conversations the bot was in,",
    " * and where it comes from now: unless `include` names `<list>[].unread_count`, the lists here lack it, and",
    " * markItemGaps() makes a read of it warn once (slack-client 1.x's getUnreadCount() sums it to 0 otherwise).",
    ' */',
    `const READ_STATE_GAPS${t(`: [${Object.keys(CONVERSATION_LIST_FIELDS).map(quoted).join(' | ')}, string][]`)} = [`,
    ...Object.keys(CONVERSATION_LIST_FIELDS).map((list) => `  [${quoted(list)}, ${quoted(helperReadStateAdvice(list))}],`),
    '];',
    '',
    '/**',
    " * Attributes of rtm.start's self and team that neither rtm.connect nor the calls made here return,",
    ' * and where each comes from now (if anywhere): markObjectGaps() makes a read of one warn once.',
    ' */',
    ...table('OBJECT_GAPS', gapsOf(unwritten, '.')),
    '',
    '/**',
    " * Objects of rtm.start's self and team that RTM events write into (" + written.map((p) => writtenByEvent(p) ?? '').join(', ') + '),',
    ' * which the data here may lack (self.prefs always, team.prefs where no call fetched it), and where each',
    ' * comes from now: markObjectGaps() gives a missing one an object that keeps the writes (see gapObjectOf).',
    ' */',
    ...table('WRITTEN_GAPS', gapsOf(written, '.')),
    '',
    '/**',
    " * Top-level keys of rtm.start's answer that nothing replaces, or that no call here fetched, and why: markObjectGaps() makes a read of one warn once.",
    ' */',
    `const TOP_GAPS${t(': [string, string][]')} = [`,
    ...RTM_START_TOP_GAPS.map((path) => `  [${quoted(path)}, ${quoted(fieldFact(path)?.advice ?? path)}],`),
    // Extras fetched only where named (include, optional, the fields read): absent, they warn too.
    ...HELPER_TOP_EXTRAS.map((extra) => `  [${quoted(extra)}, ${quoted(helperTopExtraAdvice(extra))}],`),
    '];',
    '',
    `const warnedGaps = new Set${t('<string>')}();`,
    '',
    '/** Warns on stderr, once per missing attribute `path`, that the data no longer has it (`read`: what was read of it). */',
    `function warnGap(path${t(': string')}, advice${t(': string')}, read = path)${t(': void')} {`,
    '  if (warnedGaps.has(path)) return;',
    '  warnedGaps.add(path);',
    '  console.warn(`rtm-start-data: ${read} is not in the replacement data: ${advice}`);',
    '}',
    '',
    '/**',
    ' * A getter for a missing attribute: code this migration could not follow may read it, and then learns',
    ' * (once per attribute, on stderr) that the data no longer has it instead of silently getting',
    ' * `undefined`. Not enumerable, so JSON.stringify, spread, Object.keys and copies of the objects (a v3',
    " * dataStore's models) see them unchanged; setting one stores the value as usual.",
    ' */',
    `function gapOf(path${t(': string')}, name${t(': string')}, advice${t(': string')})${t(': PropertyDescriptor')} {`,
    '  return {',
    '    configurable: true,',
    '    enumerable: false,',
    '    get() {',
    '      warnGap(path, advice);',
    '      return undefined;',
    '    },',
    `    set(${t('this: object, ')}value${t(': unknown')}) {`,
    '      Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });',
    '    },',
    '  };',
    '}',
    '',
    "/** The keys code asks of any object to learn what it is, not to read it (see gapObjectOf). */",
    "const PROBES = ['toJSON', 'then', 'length'];",
    '',
    '/**',
    " * An empty object for a missing attribute of WRITTEN_GAPS: RTM events write into it (`pref_change` sets",
    " * `self.prefs[name]` in slack-client 1.x's handler and a dataStore's, `team_pref_change` `team.prefs[name]`",
    " * in a dataStore's), which a getter's `undefined` or no attribute at all would make throw (a dataStore",
    ' * catches it, and the pref is lost). The writes are kept; a read of a key never written answers',
    ' * `undefined` and warns once, as gapOf() does. Symbols, what every object has (`constructor`…) and the',
    ' * probes of JSON.stringify (`toJSON`), promises (`then`) and array-likeness (`length`: lodash asks it',
    " * copying a v3 dataStore's self) are no read of the data.",
    ' */',
    `function gapObjectOf(path${t(': string')}, advice${t(': string')})${t(': SlackObject')} {`,
    `  return new Proxy${t('<SlackObject>')}({}, {`,
    `    get(target${t(': SlackObject')}, key${t(': string | symbol')}, receiver${t(': unknown')}) {`,
    "      if (typeof key === 'string' && !(key in target) && PROBES.indexOf(key) === -1) warnGap(path, advice, `${path}.${key}`);",
    '      return Reflect.get(target, key, receiver);',
    '    },',
    '  });',
    '}',
    '',
    '/**',
    ' * Gives every item lacking one of ITEM_GAPS its getter, and every conversation the bot is in lacking its read',
    " * state one for each key rtm.start gave (`args`: no_latest and no_unreads left it `last_read` alone). A write",
    " * (the extras' `conversations.info`, slack-client 1.x's `channel_marked` handler) replaces the getter silently.",
    ' */',
    `function markItemGaps(lists${t(': RtmStartLists')}, args${t(': RtmStartArgs')})${t(': void')} {`,
    '  for (const [list, name, advice] of ITEM_GAPS) {',
    '    const gap = gapOf(`${list}[].${name}`, name, advice);',
    '    for (const item of lists[list] || []) if (!(name in item)) Object.defineProperty(item, name, gap);',
    '  }',
    "  const keys = isSet(args.no_latest) || isSet(args.no_unreads) ? ['last_read'] : READ_STATE;",
    '  for (const [list, advice] of READ_STATE_GAPS) {',
    `    const gaps = keys.map((name)${t(': [string, PropertyDescriptor]')} => [name, gapOf(\`\${list}[].\${name}\`, name, advice)]);`,
    '    for (const item of lists[list] || []) {',
    "      // rtm.start gave it for the public channels the bot was in; the other lists hold only those.",
    "      if (list === 'channels' && item.is_member !== true) continue;",
    '      for (const [name, gap] of gaps) if (!(name in item)) Object.defineProperty(item, name, gap);',
    '    }',
    '  }',
    '}',
    '',
    ...(copies ? copiedItemsSource(ts) : []),
    '/**',
    ' * Gives self and team the getter of each of OBJECT_GAPS they lack, and an object for each of WRITTEN_GAPS',
    ' * they lack, an enumerable key so that a client copying self (slack-client 1.x `new User(this, data.self)`,',
    " * a dataStore model's update) writes into the same one; and the data the getter of each of TOP_GAPS.",
    ' */',
    `function markObjectGaps(data${t(': RtmStartData')})${t(': void')} {`,
    '  for (const [object, name, advice] of WRITTEN_GAPS) {',
    '    const holder = data[object];',
    '    if (holder && !(name in holder)) holder[name] = gapObjectOf(`${object}.${name}`, advice);',
    '  }',
    '  for (const [object, name, advice] of OBJECT_GAPS) {',
    '    const holder = data[object];',
    '    if (holder && !(name in holder)) Object.defineProperty(holder, name, gapOf(`${object}.${name}`, name, advice));',
    '  }',
    '  for (const [name, advice] of TOP_GAPS) if (!(name in data)) Object.defineProperty(data, name, gapOf(name, name, advice));',
    '}',
  ];
}

/**
 * markCopiedItems(): for the clients that copy the lists' items into objects of their own (slack-client 1.x, the
 * dataStore of a slack-client 2.x or v3 RtmClient), which leave the items' getters behind.
 */
function copiedItemsSource(ts: boolean): string[] {
  const t = (typed: string): string => (ts ? typed : '');
  return [
    ...(ts
      ? [
          "/** A client's own copies of the lists' items, by id, as slack-client 1.x and a 2.x or v3 dataStore keep them (`dms`: the `ims`). */",
          'interface CopiedItems {',
          '  channels?: Record<string, SlackObject>;',
          '  groups?: Record<string, SlackObject>;',
          '  dms?: Record<string, SlackObject>;',
          '}',
          '',
        ]
      : []),
    '/**',
    " * Gives a client's own copies of the lists' items (slack-client 1.x's, a 2.x or v3 dataStore's models) the getters",
    ' * markItemGaps() gave the items: the client copies each by its enumerable keys, which leaves them behind, and a',
    " * read of `has_pins` or an unfetched `unread_count` off a copy would be `undefined` with no word. A write (a",
    " * dataStore model's update, slack-client 1.x's `channel_marked` handler) replaces the getter silently. With",
    " * mpim_aware rtm.start's mpims were a list of their own, which the clients keep among their groups.",
    ' */',
    `function markCopiedItems(copies${t(': CopiedItems')}, args${t(': RtmStartArgs')})${t(': void')} {`,
    '  // Object.keys, not Object.values: the module keeps to ES2015 built-ins.',
    `  const values = (map${t(': Record<string, SlackObject>')} = {}) => Object.keys(map).map((key) => map[key]${t(' as SlackObject')});`,
    '  const groups = values(copies.groups);',
    '  const mpimAware = isSet(args.mpim_aware);',
    '  const lists = {',
    '    channels: values(copies.channels),',
    '    groups: mpimAware ? groups.filter((group) => group.is_mpim !== true) : groups,',
    '    mpims: mpimAware ? groups.filter((group) => group.is_mpim === true) : [],',
    '    ims: values(copies.dms),',
    '  };',
    `  markItemGaps(lists${t(' as RtmStartLists')}, args);`,
    '}',
    '',
  ];
}

/**
 * The conversation lists among escaping `paths` (`ims`, `ims[]`; the whole response, `''`: all) whose read
 * state the site's `include` (`extras`) does not fetch.
 */
function unfetchedReadState(paths: readonly string[], extras: readonly string[]): string[] {
  return Object.keys(CONVERSATION_LIST_FIELDS).filter((list) => !extras.includes(`${list}[].unread_count`) && paths.some((p) => p === '' || p === list || p === `${list}[]`));
}

/**
 * The report's line for a helper-module site whose lists, `self` or `team` reach code rtm-migrate
 * cannot follow with attributes the replacement data lack: which, and that the module warns on a read.
 */
export function itemGapsNote(escapes: readonly Pick<Escape, 'path'>[], library?: string, extras: readonly string[] = []): string | undefined {
  const paths = escapes.map((e) => e.path ?? '');
  // slack-client 1.x keeps its own copies of the lists' items, which the wrapper marks as the module marks its items.
  // What `include` fetches (`groups[].is_open`) the items do not lack: only the rest is named.
  const copies = library === 'slack-client' ? escapedItemsData(Object.values(SLACK_CLIENT_1.lists), extras) : undefined;
  // The whole response (`''`) holds every list: their items' gaps are named as a list's would be.
  const items = copies ? undefined : escapedItemsData(paths.flatMap((p) => (p === '' ? RTM_START_TOP_LEVEL_FIELDS : [p])), extras);
  // slack-client 1.x hands on only its copy of `self` (its Team keeps `id`, `name` and `domain`), which the wrapper marks too.
  const objects = escapedObjectData(copies ? ['self'] : paths);
  const objectNote = objects && (library === 'slack-client' ? CODEMOD_MESSAGES.objectGapsCopied(objects) : CODEMOD_MESSAGES.objectGapsWarned(objects));
  // slack-client 1.x's line says where its copies' read state is fetched.
  const readState = copies ? [] : unfetchedReadState(paths, extras);
  const readStateNote = readState.length > 0 ? CODEMOD_MESSAGES.readStateWarned(readState) : undefined;
  const notes = [items && CODEMOD_MESSAGES.itemGapsWarned(items), copies && CODEMOD_MESSAGES.slackClientItemGaps(copies, extras), objectNote, readStateNote].filter((n) => n !== undefined);
  return notes.length > 0 ? notes.join(' ') : undefined;
}
