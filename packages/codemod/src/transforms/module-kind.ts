import { dirname, resolve } from 'node:path';
import { nearestManifest } from '@rtm-migrate/analysis';

/**
 * The file is a CommonJS module, so added imports are `require` calls: it has no `import` / `export`,
 * and it uses `require` / `module.exports`, or Node loads it as CommonJS anyway (`.cjs`, or `.js` in a
 * package whose package.json does not say `"type": "module"`, as a script with neither does).
 */
export function isCommonJs(source: string, file: string): boolean {
  if (/^\s*(import|export)\s/m.test(source)) return false;
  if (/\brequire\(/.test(source) || /\bmodule\.exports\b/.test(source)) return true;
  if (file.endsWith('.cjs')) return true;
  if (!file.endsWith('.js')) return false;
  return nearestManifest(dirname(resolve(file)))?.manifest.type !== 'module';
}
