import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, tempDir } from './helpers.js';

// The test's harness, not the tool: preloads that print every module the CLI resolves (`import` through
// a resolve hook, `require` through Node's resolver), so a run's loads can be listed.
const ESM_HOOK = `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(\`export async function resolve(specifier, context, next) {
  const found = await next(specifier, context);
  if (!found.url.startsWith('node:')) process.stderr.write('LOADED ' + found.url + '\\\\n');
  return found;
}\`));
`;
const CJS_HOOK = `const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (...args) {
  const found = resolve.apply(this, args);
  if (found.includes('/')) process.stderr.write('LOADED ' + found + '\\n');
  return found;
};
`;

/** What `rtm-migrate apply <dir> --dry` loads, as module paths. */
async function loadsOf(files: Readonly<Record<string, string>>): Promise<string[]> {
  const dir = await tempDir('rtm-migrate-lazy-');
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const hooks = await tempDir('rtm-migrate-lazy-hooks-');
  await writeFile(join(hooks, 'esm.mjs'), ESM_HOOK);
  await writeFile(join(hooks, 'cjs.cjs'), CJS_HOOK);
  const ran = spawnSync(process.execPath, ['--import', join(hooks, 'esm.mjs'), '--require', join(hooks, 'cjs.cjs'), CLI, 'apply', dir, '--dry'], { encoding: 'utf8' });
  expect(ran.status).toBe(0);
  return ran.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice('LOADED '.length).replace(/^file:\/\//, ''));
}

/** The parts that cost a run its start-up: the analysis (its index: every finder), ESLint and typescript-eslint, TypeScript, ts-morph, jscodeshift. */
const HEAVY = /\/analysis\/dist\/index\.js$|\/node_modules\/(eslint|@typescript-eslint\/[^/]+|typescript|ts-morph|jscodeshift)\//;

describe('a run where nothing mentions rtm.start', () => {
  it('loads no parser and no analysis (most repositories: the run costs little more than reading the files)', async () => {
    const none = await loadsOf({ 'package.json': JSON.stringify({ name: 'app', dependencies: { '@slack/client': '^3.16.0' } }), 'index.js': "const web = require('./web');\nweb.chat.postMessage({ channel: 'C1', text: 'hi' });\n" });
    expect(none.filter((path) => path.includes('/packages/codemod/dist/'))).not.toEqual([]);
    expect(none.filter((path) => HEAVY.test(path))).toEqual([]);
  });

  it('loads them once a file may hold a site (the preloads do see them)', async () => {
    const some = await loadsOf({ 'index.js': "const { WebClient } = require('@slack/web-api');\nnew WebClient('xoxb-test').rtm.start().then((res) => console.log(res.url));\n" });
    expect(some.some((path) => HEAVY.test(path))).toBe(true);
  });
});
