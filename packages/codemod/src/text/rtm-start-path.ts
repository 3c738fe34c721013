/** `rtm.start` as a URL path in a string's source text: after `/`, a quote, a `}` or the start, before a query, a quote or the end. */
const RTM_START_PATH = /(^|[/`'"}])rtm\.start(?=$|[?#`'"$])/g;

/** Where `rtm.start` stands as a URL path in the source text of a string (offsets of its first character). */
export function rtmStartPathsIn(source: string): number[] {
  return [...source.matchAll(RTM_START_PATH)].map((m) => m.index + (m[1]?.length ?? 0));
}
