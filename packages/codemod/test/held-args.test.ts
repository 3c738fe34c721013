import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../src/plan.js';
import { cli, tempDir } from './helpers.js';

/**
 * A call of `rtm.start` given its arguments as a name whose one value is an object literal written in
 * the same function, read nowhere else, and whose answer is read for `rtm.connect`'s fields only: the
 * same call to `rtm.connect`, the literal's start-only properties taken out (the pattern
 * `helper-held-args` shows the app's helper). Where the name's value is not that one literal, or is
 * read elsewhere, the decision stays what it was. The real CLI on files on disk.
 */

async function migrate(name: string, source: string): Promise<{ dir: string; site: Plan['sites'][number] | undefined }> {
  const dir = await tempDir('rtm-migrate-held-args-');
  await writeFile(join(dir, name), source);
  const scanned = await cli(['scan', '.', '--json'], dir);
  expect(scanned.stderr).toBe('');
  const sites = (JSON.parse(scanned.stdout) as Plan).sites;
  expect(sites).toHaveLength(1);
  return { dir, site: sites[0] };
}

const HELPER = "const api = require('./api');\n";

describe('arguments held in a name whose one value is an object literal', () => {
  it.each([
    [
      'the @slack/web-api client, a const with a connect argument kept',
      'bot.js',
      "const { WebClient } = require('@slack/web-api');\nasync function main(web) {\n  const opts = { no_unreads: true, batch_presence_aware: true };\n  const res = await web.rtm.start(opts);\n  console.log(res.url);\n}\nmodule.exports = main;\n",
      "const { WebClient } = require('@slack/web-api');\nasync function main(web) {\n  const opts = { batch_presence_aware: true };\n  const res = await web.rtm.connect(opts);\n  console.log(res.url);\n}\nmodule.exports = main;\n",
    ],
    [
      "the app's helper in TypeScript, a token alone",
      'bot.ts',
      "import api from './api';\nexport async function main(token: string): Promise<string> {\n  const params = { token };\n  const data = await api('rtm.start', params);\n  return String(data.self.id);\n}\n",
      "import api from './api';\nexport async function main(token: string): Promise<string> {\n  const params = { token };\n  const data = await api('rtm.connect', params);\n  return String(data.self.id);\n}\n",
    ],
  ])('%s: rtm.connect given the same name', async (_name, file, input, output) => {
    const { dir, site } = await migrate(file, input);
    expect(site?.rewrite).toBe('connect-only');
    const applied = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('TODOs left: 0');
    expect(await readFile(join(dir, file), 'utf8')).toBe(output);
    // Nothing left for a second run (no start-only argument given to rtm.connect).
    expect((await cli(['apply', '.', '--allow-dirty'], dir)).stdout).toContain('changed: 0');
  });

  it.each([
    ['a property is added after', "function go(t) {\n  let p = { token: t };\n  p.no_unreads = 1;\n  api('rtm.start', p).then((d) => console.log(d.url));\n}\n"],
    ['the name is given another value', "function go(t, other) {\n  let p = { token: t };\n  if (other) p = other;\n  api('rtm.start', p).then((d) => console.log(d.url));\n}\n"],
    ['the literal is declared in an outer function', "function go(t) {\n  const p = { token: t };\n  return function () {\n    api('rtm.start', p).then((d) => console.log(d.url));\n  };\n}\n"],
    ['the literal spreads another object', "function go(t, more) {\n  const p = { token: t, ...more };\n  api('rtm.start', p).then((d) => console.log(d.url));\n}\n"],
    ['the name is handed to another call too', "function go(t) {\n  const p = { token: t };\n  api('users.list', p);\n  api('rtm.start', p).then((d) => console.log(d.url));\n}\n"],
    ['the value is not an object literal', "function go(t) {\n  const p = Object.assign({}, { token: t });\n  api('rtm.start', p).then((d) => console.log(d.url));\n}\n"],
  ])('%s: left as it was (a TODO)', async (_name, body) => {
    const { site } = await migrate('bot.js', `${HELPER}${body}module.exports = go;\n`);
    expect(site?.rewrite).toBe('todo');
  });

  it('in TypeScript, a property neither rtm.connect nor rtm.start knows: left as it was', async () => {
    const { site } = await migrate('bot.ts', "import api from './api';\nexport async function go(token: string): Promise<void> {\n  const p = { token, trace: true };\n  console.log((await api('rtm.start', p)).url);\n}\n");
    expect(site?.rewrite).toBe('todo');
  });
});
