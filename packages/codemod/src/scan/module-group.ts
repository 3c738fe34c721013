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

/** Each project's loads, read once for moduleGroups and modulesReached alike. */
const LOADS = new WeakMap<Project, Map<string, Set<string>>>();

/**
 * The files each project file loads by a relative path, the module an earlier run generated left out (see
 * moduleGroups).
 */
function loadsOf(project: Project): Map<string, Set<string>> {
  const known = LOADS.get(project);
  if (known) return known;
  const files = project.fileList.filter((f) => !project.text(f).startsWith(HELPER_MARK)).map((f) => resolve(f));
  const loads = new Map<string, Set<string>>(files.map((f) => [f, new Set<string>()]));
  for (const file of files) {
    for (const m of project.text(file).matchAll(RELATIVE_LOAD)) {
      const found = m[1] === undefined ? undefined : project.resolveModule(file, m[1]);
      const target = found === undefined ? undefined : resolve(found);
      if (target !== undefined && loads.has(target)) loads.get(file)?.add(target);
    }
  }
  LOADS.set(project, loads);
  return loads;
}

function groupsOf(project: Project): Map<string, readonly string[]> {
  const loads = loadsOf(project);
  const links = new Map<string, Set<string>>([...loads.keys()].map((f) => [f, new Set(loads.get(f))]));
  for (const [file, targets] of loads) for (const target of targets) links.get(target)?.add(file);
  const groups = new Map<string, readonly string[]>();
  for (const start of links.keys()) {
    if (groups.has(start)) continue;
    const group = [start];
    // The group grows while it is walked: each member's links are read once.
    for (const member of group) for (const next of links.get(member) ?? []) if (!group.includes(next)) group.push(next);
    for (const member of group) groups.set(member, group);
  }
  return groups;
}

/**
 * The files `file` runs, itself first: those it loads by a relative path and those they load, one way
 * only (a test's spec reaches the bot it requires, not the other specs that require the same library).
 * One per scan.
 */
export function modulesReached(project: Project): (file: string) => readonly string[] {
  return (file) => {
    const loads = loadsOf(project);
    const reached = [resolve(file)];
    for (const member of reached) for (const next of loads.get(member) ?? []) if (!reached.includes(next)) reached.push(next);
    return reached;
  };
}
