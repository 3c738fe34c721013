import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Core's facts document with its sources (../reference/). */
export const REFERENCE_PATH = fileURLToPath(new URL('../reference/slack-rtm-reference.md', import.meta.url));

export function readReference(): string {
  return readFileSync(REFERENCE_PATH, 'utf8');
}

/** The body rows of the first Markdown table after `heading`, as trimmed cells. */
export function tableAfter(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(heading);
  if (start === -1) throw new Error(`heading not found in the reference: ${heading}`);
  const lines = markdown.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((c) => c.replace(/^\|?\s*|\s*\|?$/g, '')));
  }
  return rows;
}

/** The `code spans` of a Markdown cell. */
export function codeSpans(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}
