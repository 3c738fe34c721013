import { CODEMOD_MESSAGES, RTM_START_ITEM_GAPS, escapedItemsData, fieldFact } from '@rtm-migrate/core';
import type { Escape } from '../plan.js';

/**
 * The item attributes only `rtm.start` gave (core's `RTM_START_ITEM_GAPS`: `channels[].has_pins`,
 * `ims[].is_open`, `bots[].icons`…), each with the list holding it and core's advice on where it comes
 * from now. Fetching them would cost a call per item at every start, for attributes rarely read; the
 * generated module instead gives its items a getter that answers `undefined` and warns on a read, so
 * that code rtm-migrate cannot follow loses them loudly, not silently.
 */
export function itemGaps(): { list: string; name: string; advice: string }[] {
  return RTM_START_ITEM_GAPS.map((path) => {
    const [list = '', name = ''] = path.split('[].');
    return { list, name, advice: fieldFact(path)?.advice ?? path };
  });
}

/** A JavaScript string literal in the module's style (single quotes). */
function quoted(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The generated module's part that marks the items of the lists it builds (TypeScript or JavaScript). */
export function itemGapsSource(ts: boolean): string[] {
  const t = (typed: string): string => (ts ? typed : '');
  const gaps = itemGaps();
  const lists = [...new Set(gaps.map((g) => g.list))];
  return [
    '/**',
    ' * Item attributes only rtm.start gave, which the lists rebuilt here lack, and where each comes from',
    ' * now. Fetching them would cost a call per item at every start, for attributes rarely read: instead',
    ' * markItemGaps() makes a read of one answer `undefined` (as the replacement lists do) and warn once.',
    ' */',
    `const ITEM_GAPS${t(`: [${lists.map(quoted).join(' | ')}, string, string][]`)} = [`,
    ...gaps.map((g) => `  [${quoted(g.list)}, ${quoted(g.name)}, ${quoted(g.advice)}],`),
    '];',
    '',
    `const warnedGaps = new Set${t('<string>')}();`,
    '',
    '/**',
    ' * Gives every item lacking one of ITEM_GAPS a getter for it: code this migration could not follow',
    ' * may read it, and then learns (once per attribute, on stderr) that the data no longer has it instead',
    ' * of silently getting `undefined`. Not enumerable, so JSON.stringify, spread, Object.keys and copies',
    ' * of the items (a v3 dataStore\'s models) see them unchanged; setting one stores the value as usual.',
    ' */',
    `function markItemGaps(lists${t(': RtmStartLists')})${t(': void')} {`,
    '  for (const [list, name, advice] of ITEM_GAPS) {',
    '    const path = `${list}[].${name}`;',
    `    const gap${t(': PropertyDescriptor')} = {`,
    '      configurable: true,',
    '      enumerable: false,',
    '      get() {',
    '        if (!warnedGaps.has(path)) {',
    '          warnedGaps.add(path);',
    '          console.warn(`rtm-start-data: ${path} is not in the replacement data: ${advice}`);',
    '        }',
    '        return undefined;',
    '      },',
    `      set(${t('this: object, ')}value${t(': unknown')}) {`,
    '        Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });',
    '      },',
    '    };',
    '    for (const item of lists[list] ?? []) if (!(name in item)) Object.defineProperty(item, name, gap);',
    '  }',
    '}',
  ];
}

/**
 * The report's line for a helper-module site whose lists reach code rtm-migrate cannot follow with
 * item attributes the replacement lists lack: which, and that the module's items warn on a read.
 */
export function itemGapsNote(escapes: readonly Pick<Escape, 'path'>[]): string | undefined {
  const gaps = escapedItemsData(escapes.map((e) => e.path ?? ''));
  return gaps && CODEMOD_MESSAGES.itemGapsWarned(gaps);
}
