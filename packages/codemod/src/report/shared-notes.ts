import type { SiteResult } from '../apply.js';
import type { PlanSite } from '../plan.js';

/**
 * The run-time gaps note of a site whose data the helper module builds (its `itemGaps`: what the
 * replacement lists lack, and that a read of it warns) is the same paragraph for every such site of a
 * run, some 2,000 characters long (blind reports s124, s126, s127: it buried each site's own words). Where
 * two or more sites carry the same one, each site's message keeps its own words and names the note in its place, and
 * the note is printed once. A note only one site carries stays in its message.
 */
export interface SharedNotes {
  /** The site's message, with a shared note replaced by its reference. */
  message(site: PlanSite, message: string): string;
  /** The shared notes, in order: note 1 first. */
  readonly notes: readonly string[];
}

export function sharedNotes(sites: readonly PlanSite[]): SharedNotes {
  const counts = new Map<string, number>();
  for (const s of sites) if (s.itemGaps !== undefined) counts.set(s.itemGaps, (counts.get(s.itemGaps) ?? 0) + 1);
  const notes = [...counts].filter(([, n]) => n > 1).map(([text]) => text);
  return {
    notes,
    message(site, message) {
      const gaps = site.itemGaps;
      const index = gaps === undefined ? -1 : notes.indexOf(gaps);
      if (gaps === undefined || index < 0) return message;
      const at = message.indexOf(gaps);
      if (at < 0) return message;
      const reference = `Run-time gaps: see note ${String(index + 1)}.`;
      return [message.slice(0, at).trimEnd(), reference, message.slice(at + gaps.length).trimStart()].filter((part) => part !== '').join(' ');
    },
  };
}

/** The shared notes of an `apply` run: of the sites rewritten through the helper module, whose messages carry their note. */
export function outcomeNotes(results: readonly SiteResult[]): SharedNotes {
  return sharedNotes(results.filter((s) => s.rewrite === 'helper-module').map((s) => s.site));
}
