import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The Node release a package's code is run with, as a file of the repository says, and that file (relative to the run's folder). */
export interface RuntimeNode {
  readonly major: number;
  readonly source: string;
}

/**
 * Files that name the Node a bot runs on besides `engines.node` (which a 2017 bot seldom sets): the image
 * its Dockerfile builds on, the version nvm, nodenv or asdf selects. The nearest one from the package's
 * folder up to the run's folder counts, the first of this list in a folder.
 */
const SOURCES: readonly { readonly file: string; readonly major: (text: string) => number | undefined }[] = [
  { file: 'Dockerfile', major: dockerImageMajor },
  { file: '.nvmrc', major: versionMajor },
  { file: '.node-version', major: versionMajor },
  { file: '.tool-versions', major: (text) => versionMajor(/^nodejs\s+(\S+)/m.exec(text)?.[1] ?? '') },
];

/** The Node major a file near `dir` (up to `root`) names for running the package, where one does. */
export function runtimeNode(dir: string, root: string): RuntimeNode | undefined {
  const top = resolve(root);
  for (let folder = resolve(dir); ; folder = dirname(folder)) {
    for (const { file, major } of SOURCES) {
      const path = join(folder, file);
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        continue; // not there: the next source, or the folder above
      }
      const found = major(text);
      if (found !== undefined) return { major: found, source: relative(top, path) };
    }
    if (folder === top || dirname(folder) === folder || relative(top, folder).startsWith('..')) return undefined;
  }
}

/** `12`, `v12.18.0`, `12.x`: the major; an alias (`lts/erbium`, `node`) names none. */
function versionMajor(text: string): number | undefined {
  const match = /^\s*v?(\d+)(?:[.\s-]|x|$)/.exec(text);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * The image of the Dockerfile's last stage (what runs the bot) when it is the official `node` image
 * with a version tag: `FROM node:12-alpine`, `FROM --platform=… docker.io/library/node:8.9 AS run`.
 */
function dockerImageMajor(text: string): number | undefined {
  const stages = [...text.matchAll(/^\s*FROM\s+(?:--\S+\s+)*(\S+)/gim)];
  const image = stages.at(-1)?.[1];
  const tag = image === undefined ? undefined : /^(?:(?:docker\.io|index\.docker\.io)\/)?(?:library\/)?node:(\S+)$/i.exec(image)?.[1];
  return tag === undefined ? undefined : versionMajor(tag);
}
