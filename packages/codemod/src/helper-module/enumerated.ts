import { dirname, resolve } from 'node:path';
import { nearestManifest } from '@rtm-migrate/analysis';

/**
 * A call that lists a folder's files, or requires each of them: `fs.readdirSync(dir)`, `readdir`,
 * require-dir's `requireDir(dir)`, require-all's `requireAll(dir)`, require-directory's `requireDirectory(module, dir)`.
 */
const LISTING = /\b(readdirSync|readdir|requireDir|requireAll|requireDirectory)\s*\(/g;

/** The names a listing's path may be built from besides string literals: `path.join(__dirname, 'commands')`. */
const PATH_WORDS = new Set(['__dirname', 'path', 'join', 'resolve', 'process', 'cwd', 'module', 'fs', 'promises', 'require']);

/** The texts of a call's arguments, from just after its `(` to its balanced `)`; undefined when it does not close. */
function argumentTexts(source: string, open: number): string[] | undefined {
  const args: string[] = [];
  let depth = 1;
  let start = open;
  for (let i = open; i < source.length && i < open + 400; i++) {
    const ch = source[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ',' && depth === 1) {
      args.push(source.slice(start, i));
      start = i + 1;
    } else if ((ch === ')' || ch === ']' || ch === '}') && --depth === 0) return [...args, source.slice(start, i)];
  }
  return undefined;
}

/**
 * The folder a listing call names, where its path is built of literals, `__dirname` and `path.join`/`resolve`
 * only; undefined for a path held in a variable (it cannot be known here).
 */
function listedFolder(file: string, callee: string, path: string): string | undefined {
  const literals = [...path.matchAll(/(['"`])((?:(?!\1)[^\\])*)\1/g)].map((m) => (m[2] ?? '').replace(/\$\{\s*__dirname\s*\}/g, ''));
  const rest = path.replace(/(['"`])(?:(?!\1)[^\\])*\1/g, ' ');
  const words: readonly string[] = rest.match(/[A-Za-z_$][\w$]*/g) ?? [];
  const fromDirname = words.includes('__dirname') || /\$\{\s*__dirname\s*\}/.test(path);
  if (words.some((w) => !PATH_WORDS.has(w))) return undefined;
  const segments = literals.flatMap((l) => l.split('/')).filter((s) => s !== '' && s !== '.');
  // fs resolves a relative path against the working folder (a package's scripts run in its root);
  // the require-* packages, like require(), against the calling file.
  const base = fromDirname || callee.startsWith('require') ? dirname(file) : (nearestManifest(dirname(file))?.dir ?? dirname(file));
  return resolve(base, ...segments);
}

/**
 * The folders a project's own code lists or requires file by file (a commands folder loaded with
 * `readdirSync(__dirname)`, an SDK test requiring every file of `lib/clients/web/facets` as a facet):
 * a generated module placed there would be taken for one of them (blind s124/08).
 */
export function enumeratedFolders(files: readonly string[], read: (file: string) => string): Set<string> {
  const folders = new Set<string>();
  for (const file of files) {
    let source: string;
    try {
      source = read(file);
    } catch {
      continue;
    }
    if (!/readdir|require-?dir|require-?all|require-?directory/i.test(source)) continue;
    for (const m of source.matchAll(LISTING)) {
      const callee = m[1] ?? '';
      // require-directory takes the calling module first, the folder second.
      const args = argumentTexts(source, m.index + m[0].length);
      const path = args?.[callee === 'requireDirectory' ? 1 : 0];
      const folder = path === undefined ? (callee === 'requireDirectory' && args?.length === 1 ? dirname(file) : undefined) : listedFolder(file, callee, path);
      if (folder !== undefined) folders.add(folder);
    }
  }
  return folders;
}
