import { resolve } from 'node:path';
import type { Project } from '@rtm-migrate/analysis/project';
import { HELPER_MARK } from '@rtm-migrate/core';

/** The relative modules a text loads: `require('./x')`, `import … from '../y'`, `import('./z')`, `export … from './w'`. */
const RELATIVE_LOAD = /(?:\brequire\s*\(\s*|\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}(?:\/[^'"]*)?)['"]/g;

/**
 * The files of the project joined to `file` by relative loads, either way and through each other: the
 * modules a program of several files is made of (blind s90/07: index.ts → PixelsController → ChannelPixel).
 * A project of separate programs (a folder of examples) gives each one its own group. The module an earlier
 * run generated is in none: its code spells every field it builds, and every migrated program loads it. One
 * per scan.
 */
export function moduleGroups(project: Project): (file: string) => readonly string[] {
  let groups: Map<string, readonly string[]> | undefined;
  return (file) => {
    groups ??= groupsOf(project);
    return groups.get(resolve(file)) ?? [resolve(file)];
  };
}

function groupsOf(project: Project): Map<string, readonly string[]> {
  const files = project.fileList.filter((f) => !project.text(f).startsWith(HELPER_MARK)).map((f) => resolve(f));
  const links = new Map<string, Set<string>>(files.map((f) => [f, new Set<string>()]));
  for (const file of files) {
    for (const m of project.text(file).matchAll(RELATIVE_LOAD)) {
      const found = m[1] === undefined ? undefined : project.resolveModule(file, m[1]);
      const target = found === undefined ? undefined : resolve(found);
      const to = target === undefined ? undefined : links.get(target);
      if (target === undefined || !to) continue;
      links.get(file)?.add(target);
      to.add(file);
    }
  }
  const groups = new Map<string, readonly string[]>();
  for (const start of files) {
    if (groups.has(start)) continue;
    const group = [start];
    // The group grows while it is walked: each member's links are read once.
    for (const member of group) for (const next of links.get(member) ?? []) if (!group.includes(next)) group.push(next);
    for (const member of group) groups.set(member, group);
  }
  return groups;
}
