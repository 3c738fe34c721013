import { dirname, resolve } from 'node:path';
import type { FileInfo, Options } from 'jscodeshift';
import { scan } from '../scan/index.js';
import { transformSource, type ParserName } from '../transforms/index.js';

/**
 * One of rtm-migrate's transforms as jscodeshift runs it, on one file: the file is scanned on its own
 * (its sites and the fields read in it; responses that leave it are escapes), then only that transform
 * runs. Returns the new text, or undefined when nothing changed (jscodeshift's "unmodified").
 * Options: `--helperModule=./rtm-start-data.js` (the specifier of a generated helper module, for
 * `helper-module-call`), `--rtmParser=ts|tsx|babel`.
 */
export function runStandardTransform(name: string, file: FileInfo, options: Options): string | undefined {
  const path = resolve(file.path);
  const plan = scan({ root: dirname(path), files: [path] });
  const helperModule = typeof options['helperModule'] === 'string' ? options['helperModule'] : undefined;
  const parser = typeof options['rtmParser'] === 'string' ? (options['rtmParser'] as ParserName) : undefined;
  const result = transformSource(file.source, path, plan.sites, { only: [name], helperModule, parser });
  return result.changed ? result.output : undefined;
}
