import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';

const MODULE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** The file a relative specifier names from `from` (`./api`, `./api.js` for `api.ts`, `./lib` for `lib/index.js`). */
export function resolveRelativeModule(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(m|c)?js$/, '');
  const candidates = [base, ...MODULE_EXTENSIONS.map((e) => stem + e), ...MODULE_EXTENSIONS.map((e) => `${base}/index${e}`)];
  return candidates.find((c) => MODULE_EXTENSIONS.includes(extname(c)) && existsSync(c));
}

const texts = new Map<string, string | undefined>();

/** The text of the module a relative specifier names, read once (undefined when there is no such file). */
export function relativeModuleText(from: string, specifier: string): string | undefined {
  const file = resolveRelativeModule(from, specifier);
  if (!file) return undefined;
  if (!texts.has(file)) {
    try {
      texts.set(file, readFileSync(file, 'utf8'));
    } catch {
      texts.set(file, undefined);
    }
  }
  return texts.get(file);
}

const packageNames = new Map<string, string | undefined>();

/** The `name` of the package a file belongs to (its nearest package.json), read once per folder. */
export function owningPackageName(file: string): string | undefined {
  const dir = dirname(file);
  if (packageNames.has(dir)) return packageNames.get(dir);
  let name: string | undefined;
  const manifest = resolve(dir, 'package.json');
  if (existsSync(manifest)) {
    try {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown };
      name = typeof parsed.name === 'string' ? parsed.name : undefined;
    } catch {
      name = undefined;
    }
  } else if (dirname(dir) !== dir) {
    name = owningPackageName(dir);
  }
  packageNames.set(dir, name);
  return name;
}
