/** Splits `text` into lines of at most `width` characters at spaces (a longer word keeps its own line). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** At most `max` items, then "and N more". */
export function capped<T>(items: readonly T[], max: number, show: (item: T) => string): string[] {
  const shown = items.slice(0, max).map(show);
  return items.length > max ? [...shown, `and ${items.length - max} more`] : shown;
}
