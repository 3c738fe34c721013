import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import { startFakeSlack } from '@rtm-migrate/fake-slack';
import { describe, expect, it } from 'vitest';
import { run, runNodeBot, type RunResult } from '../../../test/support/run.js';
import { babelToCommonJs, cli, expectSameWithoutRtmStart, ROOT, tempDir } from './helpers.js';

/**
 * Which file the helper module is written to and how the migrated code imports it: a module each
 * importer can load, as its project loads it. Real builds and runs: Babel (@babel/core with its
 * CommonJS modules transform, as `babel src -d lib` does) for code written with ES module syntax in a
 * package that is not `"type": "module"`; Node itself for the rest.
 */

/**
 * `babel src -d lib`: every `.js` file under `src/` compiled to CommonJS. The plugin is named by path
 * (the project's own Babel config names it by package, and the temp project has no node_modules).
 */
async function buildWithBabel(dir: string): Promise<void> {
  for (const name of await readdir(join(dir, 'src'), { recursive: true })) {
    if (extname(name) !== '.js') continue;
    await mkdir(dirname(join(dir, 'lib', name)), { recursive: true });
    await writeFile(join(dir, 'lib', name), babelToCommonJs(join(dir, 'src', name)));
  }
}

/** ts-node's CommonJS hook, transpiling only (as `ts-node --transpile-only` runs a bot). */
const TS_NODE = createRequire(import.meta.url).resolve('ts-node/register/transpile-only');

async function project(packageJson: object, files: Record<string, string>): Promise<string> {
  const dir = await tempDir('rtm-migrate-helper-file-');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bot', private: true, ...packageJson }));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

async function migrate(dir: string): Promise<RunResult> {
  const result = await cli(['apply', '.', '--allow-dirty', '--no-verify'], dir);
  expect(result.stdout).toMatch(/^failed: 0$/m);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^TODOs left: 0$/m);
  return result;
}

/** A bot that hands the whole data to another module: only the helper module can give it all. */
const esmBot = (sibling: string): string => `import { WebClient } from '@slack/web-api';
import { show } from '${sibling}';

const web = new WebClient(process.env.SLACK_BOT_TOKEN);
web.rtm.start({}).then((data) => show(data));
`;
const commonjsBot = (sibling: string): string => `const { WebClient } = require('@slack/web-api');
const { show } = require('${sibling}');

const web = new WebClient(process.env.SLACK_BOT_TOKEN);
web.rtm.start({}).then((data) => show(data));
`;

const isEsm = (source: string): boolean => /^import /m.test(source);

/**
 * The helper module `importer` imports (read off the migrated file), after checking it is written in
 * the importer's syntax; then a probe beside the importer, of its extension and syntax (or `probeExt`),
 * imports the helper by the same specifier and is run as the project runs (Babel's build, or Node).
 */
async function expectLoads(dir: string, importer: string, build: boolean, probeExt = extname(importer)): Promise<{ helper: string; specifier: string }> {
  const source = await readFile(join(dir, importer), 'utf8');
  const specifier = /(?:from |require\()'(\.\/rtm-start-data[^']*)'/.exec(source)?.[1] ?? '';
  expect(specifier, importer).not.toBe('');
  const helper = join(dirname(importer), extname(specifier) === '' ? `${specifier}.js` : specifier);
  const helperSource = await readFile(join(dir, helper), 'utf8');
  expect(/^export function rtmStartData\(/m.test(helperSource), helper).toBe(isEsm(source));
  expect(/^module\.exports = \{/m.test(helperSource), helper).toBe(!isEsm(source));

  const probe = join(dirname(importer), `probe-${basename(importer, extname(importer))}${probeExt}`);
  const load = isEsm(source) ? `import { rtmStartData } from '${specifier}';` : `const { rtmStartData } = require('${specifier}');`;
  await writeFile(join(dir, probe), `${load}\nconsole.log(typeof rtmStartData);\n`);
  if (build) await buildWithBabel(dir);
  const ran = await run(process.execPath, [join(dir, build ? probe.replace(/^src/, 'lib') : probe)], { cwd: dir });
  expect(ran.stderr, probe).toBe('');
  expect(ran.stdout, probe).toBe('function\n');
  return { helper: helper.split('\\').join('/'), specifier };
}

interface Case {
  readonly name: string;
  readonly packageJson: object;
  readonly importer: string;
  readonly source: string;
  readonly helper: string;
  readonly specifier: string;
  /** Compiled by Babel to CommonJS, run from `lib/`. */
  readonly build: boolean;
  readonly probeExt?: string;
}

const CASES: readonly Case[] = [
  { name: 'ES module syntax in .js, no "type", extensionless imports (Babel)', packageJson: {}, importer: 'src/bot.js', source: esmBot('./show'), helper: 'src/rtm-start-data.js', specifier: './rtm-start-data', build: true },
  { name: 'ES module syntax in .js, no "type", imports with .js (Babel)', packageJson: {}, importer: 'src/bot.js', source: esmBot('./show.js'), helper: 'src/rtm-start-data.js', specifier: './rtm-start-data.js', build: true },
  { name: 'ES module syntax in .js, "type": "module", extensionless imports (Node)', packageJson: { type: 'module' }, importer: 'src/bot.js', source: esmBot('./show'), helper: 'src/rtm-start-data.js', specifier: './rtm-start-data.js', build: false },
  { name: '.mjs, extensionless imports (Node)', packageJson: {}, importer: 'src/bot.mjs', source: esmBot('./show'), helper: 'src/rtm-start-data.mjs', specifier: './rtm-start-data.mjs', build: false },
  // A dot in a module's name is no extension (Angular's and Nest's `users.service`), a JSON file's name no evidence.
  { name: 'ES module syntax in .js, no "type", dotted extensionless imports and a JSON file (Babel)', packageJson: {}, importer: 'src/bot.js', source: `import config from './config.json';\n${esmBot('./show.service')}`, helper: 'src/rtm-start-data.js', specifier: './rtm-start-data', build: true },
  { name: 'CommonJS .js, no "type" (Node)', packageJson: {}, importer: 'src/bot.js', source: commonjsBot('./show'), helper: 'src/rtm-start-data.js', specifier: './rtm-start-data', build: false },
  { name: '.cjs, extensionless requires (Node)', packageJson: {}, importer: 'src/bot.cjs', source: commonjsBot('./show'), helper: 'src/rtm-start-data.cjs', specifier: './rtm-start-data.cjs', build: false },
  // Node would not run this file itself (a `.js` file is an ES module there): its require() is checked from a .cjs.
  { name: 'CommonJS .js, "type": "module" (require)', packageJson: { type: 'module' }, importer: 'src/bot.js', source: commonjsBot('./show'), helper: 'src/rtm-start-data.cjs', specifier: './rtm-start-data.cjs', build: false, probeExt: '.cjs' },
];

describe('the helper module file and its import', () => {
  it.concurrent.each(CASES)('$name: $helper imported as $specifier, and it loads', async (c) => {
    const dir = await project(c.packageJson, { [c.importer]: c.source });
    await migrate(dir);
    expect(await expectLoads(dir, c.importer, c.build, c.probeExt)).toEqual({ helper: c.helper, specifier: c.specifier });
    expect((await readdir(join(dir, 'src'))).filter((f) => f.startsWith('rtm-start-data'))).toEqual([basename(c.helper)]);
  });

  // Text only: tsc finds `./x.ts` by `./x.js` as well, but a bundler of that era (webpack's ts-loader) does not.
  it.concurrent('a TypeScript file whose relative imports name dotted modules without extension imports the helper the same way', async () => {
    const source = `import type { Channel } from '../slack.types';\n${esmBot('./show.service')}`;
    const dir = await project({}, { 'src/bot.ts': source });
    await migrate(dir);
    expect(await readFile(join(dir, 'src', 'bot.ts'), 'utf8')).toMatch(/^import \{ rtmStartData \} from '\.\/rtm-start-data';$/m);
    expect(existsSync(join(dir, 'src', 'rtm-start-data.ts'))).toBe(true);
  });

  // Blind s143: `./rtm-start-data.js` in a file with no relative import of its own, and ts-node (9 and 10, CommonJS) found no such file.
  it.concurrent('a TypeScript file with no relative import of its own, in a CommonJS package, imports the helper without extension, and ts-node runs it', async () => {
    const source = "import { WebClient } from '@slack/web-api';\n\nconst web = new WebClient(process.env.SLACK_BOT_TOKEN);\nweb.rtm.start({}).then((data) => console.log(data));\n";
    const dir = await project({}, { 'src/bot.ts': source, 'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'es2019', strict: true } }) });
    await migrate(dir);
    const migrated = await readFile(join(dir, 'src', 'bot.ts'), 'utf8');
    expect(migrated).toMatch(/^import \{ rtmStartData \} from '\.\/rtm-start-data';$/m);
    await writeFile(join(dir, 'src', 'probe.ts'), "import { rtmStartData } from './rtm-start-data';\nconsole.log(typeof rtmStartData);\n");
    const ran = await run(process.execPath, ['-r', TS_NODE, join('src', 'probe.ts')], { cwd: dir });
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toBe('function\n');
  });

  it.concurrent('a TypeScript file with no relative import of its own, in a "type": "module" package, imports the helper by its .js (Node16/NodeNext ES modules need it)', async () => {
    const dir = await project({ type: 'module' }, { 'src/bot.ts': "import { WebClient } from '@slack/web-api';\n\nconst web = new WebClient(process.env.SLACK_BOT_TOKEN);\nweb.rtm.start({}).then((data) => console.log(data));\n" });
    await migrate(dir);
    expect(await readFile(join(dir, 'src', 'bot.ts'), 'utf8')).toMatch(/^import \{ rtmStartData \} from '\.\/rtm-start-data\.js';$/m);
  });

  it.concurrent('an ES module and a CommonJS importer in one folder (Babel) each get a file of their own syntax', async () => {
    const dir = await project({}, { 'src/esm-bot.js': esmBot('./show'), 'src/cjs-bot.js': commonjsBot('./show') });
    await migrate(dir);
    const esm = await expectLoads(dir, 'src/esm-bot.js', true);
    const commonjs = await expectLoads(dir, 'src/cjs-bot.js', true);
    expect([esm.helper, commonjs.helper].sort()).toEqual(['src/rtm-start-data-2.js', 'src/rtm-start-data.js']);
  });

  it.concurrent('an ES module importer migrated after a CommonJS one keeps the CommonJS helper and gets its own', async () => {
    const dir = await project({}, { 'src/cjs-bot.js': commonjsBot('./show') });
    await migrate(dir);
    const first = await readFile(join(dir, 'src', 'rtm-start-data.js'), 'utf8');
    await writeFile(join(dir, 'src', 'esm-bot.js'), esmBot('./show'));
    await migrate(dir);
    expect(await readFile(join(dir, 'src', 'rtm-start-data.js'), 'utf8')).toBe(first);
    expect(await expectLoads(dir, 'src/esm-bot.js', true)).toEqual({ helper: 'src/rtm-start-data-2.js', specifier: './rtm-start-data-2' });
    expect((await expectLoads(dir, 'src/cjs-bot.js', true)).helper).toBe('src/rtm-start-data.js');
  });
});

describe('fixtures/projects/babel-esm-syntax built by Babel, run against fake Slack', () => {
  it('the migrated build prints what the legacy build printed with rtm.start', async () => {
    const fake = await startFakeSlack({ seed: 17, users: 60, channels: 10, mode: 'legacy' });
    try {
      const dir = await tempDir('rtm-migrate-babel-bot-');
      await cp(join(ROOT, 'fixtures', 'projects', 'babel-esm-syntax', 'input'), dir, { recursive: true });
      await buildWithBabel(dir);
      const main = join(dir, 'lib', 'index.js');
      const before = await runNodeBot(main, { cwd: dir, apiUrl: fake.apiUrl });
      expect(before.stderr).toBe('');
      expect(before.code).toBe(0);

      const migrated = await migrate(dir);
      expect(migrated.stdout).toContain(`changed: 2 (${join('src', 'rtm-start-data.js')}, ${join('src', 'standup-bot.js')})`);
      expect((await readdir(join(dir, 'src'))).filter((f) => f.endsWith('.mjs'))).toEqual([]);
      await buildWithBabel(dir);
      expect(existsSync(join(dir, 'lib', 'rtm-start-data.js'))).toBe(true);

      fake.setMode('connect_required');
      fake.resetCalls();
      const after = await runNodeBot(main, { cwd: dir, apiUrl: fake.apiUrl });
      expectSameWithoutRtmStart(fake, before, after);
      const printed = JSON.parse(after.stdout) as { users: string[]; channels: string[]; members: Record<string, string[]> };
      expect(printed.users).toHaveLength(fake.workspace.users.length);
      expect(printed.channels.length).toBeGreaterThan(0);
      expect(Object.keys(printed.members).length).toBeGreaterThan(0);
    } finally {
      await fake.close();
    }
  }, 120_000);
});
