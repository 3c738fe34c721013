import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, espree, PATTERNS, tempDir } from './helpers.js';

/**
 * An old bot's package builds or runs the files rtm-migrate writes with a toolchain that cannot read
 * their syntax (`for await`, object spread; for Babel 5 async functions too; `??` and `?.` in TypeScript):
 * Babel 5 or 6 (`babel-core` below 7) without the plugins that parse it, or a Node before 10 (`engines.node`). The rewrite still happens (the files are valid JavaScript), but the report says
 * so, on stderr and in `--report json`, and the exit code stays 0.
 */

/** A `WebClient`'s rtm.start, rewritten in place: its pages loop writes `for await`, its result object spread (ES2018). */
const INLINE = join(PATTERNS, 'destructuring.input.js');
/** A call whose only read is `url`: swapped to rtm.connect in place, no new syntax. */
const CONNECT_ONLY = `const { WebClient } = require('@slack/web-api');
async function connect(web) {
  const res = await web.rtm.start();
  return res.url;
}
module.exports = connect;
`;

interface Report {
  readonly warnings: readonly string[];
  readonly files: { readonly changed: readonly string[] };
  readonly todos?: number;
}

/** A bot folder (outside git) with `manifest` as its package.json. */
async function botFolder(manifest: Record<string, unknown>): Promise<string> {
  const dir = await tempDir('rtm-migrate-old-toolchain-');
  const files = { 'package.json': JSON.stringify(manifest, null, 2), 'src/bot.js': await readFile(INLINE, 'utf8'), 'src/url.js': CONNECT_ONLY };
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

/** A bot folder with `manifest` as its package.json, migrated for real (written) with `--report json`. */
async function migrate(manifest: Record<string, unknown>): Promise<{ dir: string; stderr: string; report: Report; code: number | null }> {
  const dir = await botFolder(manifest);
  const run = await cli(['apply', '.', '--report', 'json'], dir);
  return { dir, stderr: run.stderr, report: JSON.parse(run.stdout) as Report, code: run.code };
}

/** The summary's words on one line (it wraps long warnings). */
const unwrapped = (text: string): string => text.replace(/\n {2}/g, ' ');

const OLD_BOT = { name: 'old-bot', version: '1.0.0', main: 'lib/bot.js', scripts: { build: 'babel src --out-dir lib' } };
/** The inline rewrite of bot.js writes `for await` and object spread (in JavaScript `||`, not `??`). */
const WRITTEN = '(src/bot.js) uses `for await` and object spread (ES2018)';

describe('a package whose Babel or Node cannot read the written syntax', () => {
  it('babel-core 5: warned on stderr and in the JSON report, naming the package.json, the files and what to do', async () => {
    const { dir, stderr, report, code } = await migrate({ ...OLD_BOT, devDependencies: { 'babel-core': '^5.8.25' } });
    expect(code).toBe(0);
    const warning = `package.json declares \`babel-core\` ^5.8.25, and the code rtm-migrate writes into it ${WRITTEN}, which Babel 5 cannot parse: build with @babel/core 7.8+ and @babel/preset-env, or run the written files untranspiled on Node 10+.`;
    expect(report.warnings).toContain(warning);
    expect(unwrapped(stderr)).toContain(`warning: ${warning}`);
    // Only for its syntax: the in-place rtm.connect swap (url.js) added none, and no Node warning without engines.
    expect(report.files.changed).toContain('src/url.js');
    expect(report.warnings.filter((w) => w.includes('Node older'))).toEqual([]);
    // The warning is true: the rewritten file needs ES2018 (what Babel 5 and 6 lack by default), and no more.
    const text = await readFile(join(dir, 'src/bot.js'), 'utf8');
    expect(() => espree.parse(text, { ecmaVersion: 2017, sourceType: 'script' })).toThrow(/Unexpected token/);
    expect(() => espree.parse(text, { ecmaVersion: 2018, sourceType: 'script' })).not.toThrow();
    const swapped = await readFile(join(dir, 'src/url.js'), 'utf8');
    expect(swapped).toContain('rtm.connect');
    expect(() => espree.parse(swapped, { ecmaVersion: 2019, sourceType: 'script' })).not.toThrow();
  });

  it('babel-core 6 in dependencies: warned too, naming Babel 6', async () => {
    const { report } = await migrate({ ...OLD_BOT, dependencies: { 'babel-core': '~6.26.0', 'babel-cli': '^6.26.0' } });
    expect(report.warnings).toContain(`package.json declares \`babel-core\` ~6.26.0, and the code rtm-migrate writes into it ${WRITTEN}, which Babel 6 cannot parse: build with @babel/core 7.8+ and @babel/preset-env, or run the written files untranspiled on Node 10+.`);
  });

  it('babel-core 6 with the object rest/spread plugin: warned for `for await` alone (Babel 6 parses what its declared plugins add)', async () => {
    const { report } = await migrate({ ...OLD_BOT, devDependencies: { 'babel-core': '^6.26.0', 'babel-plugin-transform-object-rest-spread': '^6.26.0' } });
    expect(report.warnings.filter((w) => w.includes('rtm-migrate writes'))).toEqual([
      'package.json declares `babel-core` ^6.26.0, and the code rtm-migrate writes into it (src/bot.js) uses `for await` (ES2018), which Babel 6 cannot parse: build with @babel/core 7.8+ and @babel/preset-env, or run the written files untranspiled on Node 10+.',
    ]);
  });

  // Babel 6 declared through its tools, without babel-core: babel-cli and babel-register 6 depend on
  // babel-core 6 themselves; babel-loader and gulp-babel 7 were the Babel 6 ones (8 the first for 7).
  it.each([
    ['babel-cli', '^6.26.0', '@babel/cli'],
    ['babel-register', '^6.26.0', '@babel/register'],
    ['babel-loader', '^7.1.5', 'babel-loader 8+'],
    ['gulp-babel', '^7.0.1', 'gulp-babel 8+'],
  ])('%s %s without babel-core: warned, naming the tool and what replaces it', async (tool, range, upgrade) => {
    const { stderr, report, code } = await migrate({ ...OLD_BOT, devDependencies: { [tool]: range } });
    expect(code).toBe(0);
    const warning = `package.json declares \`${tool}\` ${range}, which runs Babel 6 or older, and the code rtm-migrate writes into it ${WRITTEN}, which Babel before 7 cannot parse: build with @babel/core 7.8+, @babel/preset-env and ${upgrade}, or run the written files untranspiled on Node 10+.`;
    expect(report.warnings).toContain(warning);
    expect(unwrapped(stderr)).toContain(`warning: ${warning}`);
    expect(report.warnings.filter((w) => w.includes('rtm-migrate writes'))).toEqual([warning]);
  });

  it('babel-core 6 beside babel-cli 6 and babel-loader 7: one warning, naming babel-core (the Babel that runs)', async () => {
    const { report } = await migrate({ ...OLD_BOT, devDependencies: { 'babel-cli': '^6.26.0', 'babel-core': '^6.26.3', 'babel-loader': '^7.1.5' } });
    expect(report.warnings.filter((w) => w.includes('rtm-migrate writes'))).toEqual([
      `package.json declares \`babel-core\` ^6.26.3, and the code rtm-migrate writes into it ${WRITTEN}, which Babel 6 cannot parse: build with @babel/core 7.8+ and @babel/preset-env, or run the written files untranspiled on Node 10+.`,
    ]);
  });

  it('babel-cli 6 beside the babel-core 7 bridge: still warned (babel-cli runs its own babel-core 6)', async () => {
    const { report } = await migrate({ ...OLD_BOT, devDependencies: { '@babel/core': '^7.20.0', 'babel-core': '7.0.0-bridge.0', 'babel-cli': '^6.26.0' } });
    expect(report.warnings.filter((w) => w.includes('rtm-migrate writes'))).toEqual([
      `package.json declares \`babel-cli\` ^6.26.0, which runs Babel 6 or older, and the code rtm-migrate writes into it ${WRITTEN}, which Babel before 7 cannot parse: build with @babel/core 7.8+, @babel/preset-env and @babel/cli, or run the written files untranspiled on Node 10+.`,
    ]);
  });

  it('--report md: the warnings the JSON report has, in a Warnings section (none without warnings)', async () => {
    // --dry: the same folder gives both reports (the syntax warnings are for the files as they would be written).
    const dir = await botFolder({ ...OLD_BOT, engines: { node: '>=4 <10' }, devDependencies: { 'babel-core': '^5.8.25' } });
    const json = await cli(['apply', '.', '--dry', '--report', 'json'], dir);
    const { warnings } = JSON.parse(json.stdout) as Report;
    expect(warnings.map((w) => w.split(',')[0])).toEqual(['package.json declares `babel-core` ^5.8.25', 'package.json allows only Node older than 10 (engines.node `>=4 <10`)']);
    const md = await cli(['apply', '.', '--dry', '--report', 'md'], dir);
    expect(md.code).toBe(0);
    // As the JSON report words them, one item each, after the table.
    expect(md.stdout).toContain(`\n## Warnings\n\n- ${warnings[0]}\n- ${warnings[1]}\n`);
    expect(md.stdout.indexOf('## Warnings')).toBeGreaterThan(md.stdout.indexOf('| site | form |'));
    // Without warnings, no section.
    const calm = await cli(['apply', '.', '--dry', '--report', 'md'], await botFolder(OLD_BOT));
    expect(calm.code).toBe(0);
    expect(calm.stdout).toContain('| site | form |');
    expect(calm.stdout).not.toContain('## Warnings');
  });

  it.each([
    ['>=4 <10', '`for await` (ES2018)', '10'],
    ['^6.9.0', WRITTEN.replace(/^\(src\/bot\.js\) uses /, ''), '10'],
  ])('engines.node %s (only Node before a written syntax): warned on stderr and in the JSON report, naming only what that Node lacks', async (engines, syntax, needed) => {
    const { stderr, report, code } = await migrate({ ...OLD_BOT, engines: { node: engines } });
    expect(code).toBe(0);
    const warning = `package.json allows only Node older than ${needed} (engines.node \`${engines}\`), and the code rtm-migrate writes into it (src/bot.js) uses ${syntax}, which those cannot run: allow Node ${needed}+, or compile the written files with @babel/core 7.8+ and @babel/preset-env.`;
    expect(report.warnings).toContain(warning);
    expect(unwrapped(stderr)).toContain(`warning: ${warning}`);
    expect(report.warnings.filter((w) => w.includes('babel-core'))).toEqual([]);
  });

  it.each([
    ['engines.node >=10', { engines: { node: '>=10' } }],
    ['engines.node 8 or 10 (8 on its last minors runs object spread; 10, `for await`)', { engines: { node: '^8.10.0 || ^10' } }],
    ['engines.node >=4 <12 (JavaScript rewrites write `||`, not `??`: Node 10 and 11 run them)', { engines: { node: '>=4 <12' } }],
    ['babel-core 6 with the stage-3 preset (it parses `for await` and object spread)', { devDependencies: { 'babel-core': '^6.26.0', 'babel-preset-stage-3': '^6.24.1' } }],
    ['@babel/core 7 (with the babel-core bridge)', { devDependencies: { '@babel/core': '^7.20.0', '@babel/preset-env': '^7.20.0', 'babel-core': '7.0.0-bridge.0' } }],
    ['babel-loader 8 and gulp-babel 8 (Babel 7)', { devDependencies: { '@babel/core': '^7.20.0', '@babel/cli': '^7.20.0', '@babel/register': '^7.20.0', 'babel-loader': '^8.0.0', 'gulp-babel': '^8.0.0' } }],
    ['babel-loader 7 and gulp-babel 7 beside the babel-core 7 bridge (they run the bridge: Babel 7)', { devDependencies: { '@babel/core': '^7.20.0', 'babel-core': '7.0.0-bridge.0', 'babel-loader': '^7.1.5', 'gulp-babel': '^7.0.1' } }],
  ])('%s: no such warning, the same rewrite', async (_, declares) => {
    const { stderr, report, code } = await migrate({ ...OLD_BOT, ...declares });
    expect(code).toBe(0);
    expect(report.files.changed).toEqual(['src/bot.js', 'src/url.js']);
    // Outside git the run has its own warning; none about the syntax.
    expect(report.warnings.some((w) => w.includes('not in a git work tree'))).toBe(true);
    expect(report.warnings.filter((w) => w.includes('rtm-migrate writes'))).toEqual([]);
    expect(stderr).not.toContain('rtm-migrate writes');
  });
});

describe('a package with no engines, run on an old Node its Dockerfile or version file names', () => {
  it.each([
    ['Dockerfile', 'FROM node:8-alpine\nCOPY . .\nCMD ["node", "src/bot.js"]\n', 8],
    ['Dockerfile', 'FROM node:16 AS build\nRUN npm ci\nFROM docker.io/library/node:8.16.1-slim\nCOPY --from=build . .\n', 8],
    ['.nvmrc', 'v8.9.1\n', 8],
    ['.tool-versions', 'ruby 2.7.1\nnodejs 8.17.0\n', 8],
  ])('%s %j: warned, naming the file and what to do', async (file, text, major) => {
    const dir = await botFolder(OLD_BOT);
    await writeFile(join(dir, file), text);
    const run = await cli(['apply', '.', '--report', 'json'], dir);
    expect(run.code).toBe(0);
    const warning = `${file} runs the package (package.json) on Node ${String(major)}, and the code rtm-migrate writes into it (src/bot.js) uses \`for await\` (ES2018), which Node ${String(major)} cannot parse: move ${file} to Node 10+, or compile the written files with @babel/core 7.8+ and @babel/preset-env.`;
    expect((JSON.parse(run.stdout) as Report).warnings).toContain(warning);
    expect(unwrapped(run.stderr)).toContain(`warning: ${warning}`);
  });

  it.each([
    ['Dockerfile', 'FROM node:8 AS build\nRUN npm ci\nFROM node:18-slim\n', {}],
    ['Dockerfile', 'FROM node:12-alpine\n', {}],
    ['.tool-versions', 'nodejs 10.24.1\n', {}],
    ['Dockerfile', 'FROM python:3.11\n', {}],
    ['.nvmrc', 'lts/erbium\n', {}],
    ['.nvmrc', '20\n', {}],
    ['Dockerfile', 'FROM node:8\n', { engines: { node: '>=10' } }],
  ])('%s %j: no such warning (the last stage, an alias, a new Node, or engines, which say more)', async (file, text, declares) => {
    const dir = await botFolder({ ...OLD_BOT, ...declares });
    await writeFile(join(dir, file), text);
    const run = await cli(['apply', '.', '--report', 'json'], dir);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Report).files.changed).toEqual(['src/bot.js', 'src/url.js']);
    expect((JSON.parse(run.stdout) as Report).warnings.filter((w) => w.includes('rtm-migrate writes'))).toEqual([]);
  });
});

/** A TypeScript bot folder (outside git, no tsconfig: no type-check) with `manifest` as its package.json and the pattern `input` as src/bot.ts, migrated for real with `--report json`. */
async function migrateTypeScript(manifest: Record<string, unknown>, input = 'destructuring.input.ts'): Promise<{ stderr: string; report: Report; code: number | null; dir: string }> {
  const dir = await tempDir('rtm-migrate-old-typescript-');
  await mkdir(join(dir, 'src'));
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  await writeFile(join(dir, 'src', 'bot.ts'), await readFile(join(PATTERNS, input), 'utf8'));
  const run = await cli(['apply', '.', '--report', 'json'], dir);
  return { stderr: run.stderr, report: JSON.parse(run.stdout) as Report, code: run.code, dir };
}

describe('a TypeScript package whose declared TypeScript cannot parse the written syntax', () => {
  // tsc lowers `??` and `?.` to any target, but parses them only from 3.7 (a 2017 bot may pin 2.x).
  it.each(['~2.9.2', '>=2 <3.7'])('typescript %s: warned on stderr and in the JSON report, naming the files and what to do', async (range) => {
    const { stderr, report, code } = await migrateTypeScript({ name: 'old-ts-bot', version: '1.0.0', devDependencies: { typescript: range } });
    expect(code).toBe(0);
    expect(report.files.changed).toEqual(['src/bot.ts']);
    const warning = `package.json allows only TypeScript older than 3.7 (\`typescript\` ${range}), and the code rtm-migrate writes into it (src/bot.ts) uses \`??\` (ES2020), which those cannot compile: allow TypeScript 3.7+.`;
    expect(report.warnings).toContain(warning);
    expect(unwrapped(stderr)).toContain(`warning: ${warning}`);
    // The JavaScript toolchain's warnings are not for it.
    expect(report.warnings.filter((w) => w.includes('Node') || w.includes('Babel'))).toEqual([]);
  });

  it('typescript ~2.9.2 and a generated TypeScript helper module (blind s48/06: tsc 2.9 emitted it broken): the module is written for it, no warning', async () => {
    const { report, code, dir } = await migrateTypeScript({ name: 'old-ts-bot', version: '1.0.0', devDependencies: { typescript: '~2.9.2' } }, 'axios.input.ts');
    expect(code).toBe(0);
    expect(report.files.changed).toEqual(['src/rtm-start-data.ts', 'src/bot.ts']);
    expect(report.warnings.filter((w) => w.includes('rtm-migrate generates'))).toEqual([]);
    const module = await readFile(join(dir, 'src', 'rtm-start-data.ts'), 'utf8');
    expect(module).toContain('(`typescript` ~2.9.2 in package.json): `any` stands for `unknown`');
    expect(module).toContain('ReadonlyArray<');
    // From 3.5 on, the module as it is (old-typescript-bot.test compiles both with the real tsc 2.9).
    const current = await migrateTypeScript({ name: 'ts-bot', version: '1.0.0', devDependencies: { typescript: '^3.5.1' } }, 'axios.input.ts');
    expect(current.report.warnings.filter((w) => w.includes('rtm-migrate generates'))).toEqual([]);
    expect(await readFile(join(current.dir, 'src', 'rtm-start-data.ts'), 'utf8')).not.toContain('ReadonlyArray<');
  });

  it("typescript ~2.9.2 and a raw-HTTP call rewritten in place (its transport's `Record<string, unknown>`): warned, naming the type and TypeScript 3", async () => {
    const { report, code } = await migrateTypeScript({ name: 'old-ts-bot', version: '1.0.0', devDependencies: { typescript: '~2.9.2' } }, 'axios.input.ts');
    expect(code).toBe(0);
    expect(report.warnings).toContain('package.json allows only TypeScript older than 3 (`typescript` ~2.9.2), and the code rtm-migrate writes into it (src/bot.ts) uses the type `unknown` (TypeScript 3.0), which those cannot compile: allow TypeScript 3+.');
  });

  it('typescript ~2.1.4 or 1.8.10 (older than the `object` type, which the module uses; blind s80/07): no module, the site left as a TODO naming the TypeScript it needs', async () => {
    for (const typescript of ['~2.1.4', '1.8.10']) {
      const { report, code, dir } = await migrateTypeScript({ name: 'old-ts-bot', version: '1.0.0', devDependencies: { typescript } }, 'axios.input.ts');
      expect(code).toBe(0);
      expect(report.files.changed).toEqual(['src/bot.ts']);
      expect(report.todos).toBe(1);
      expect(report.warnings.filter((w) => w.includes('rtm-migrate generates'))).toEqual([]);
      const bot = await readFile(join(dir, 'src', 'bot.ts'), 'utf8');
      expect(bot.replace(/\n\s*\/\/\s*/g, ' ')).toContain(`and this package compiles with an older one (\`typescript\` ${typescript} in package.json): tsc would report errors in it`);
      expect(bot).not.toContain('rtm-start-data');
      // The scan lists no other reason beside it (blind s84/07: the raw request's own advice read as the cause).
      const scanned = await cli(['scan', '.'], dir);
      expect(scanned.stdout).toContain('TypeScript needs 2.2+');
      expect(scanned.stdout).not.toMatch(/^ {2}escapes at src\/bot\.ts:\d+: `rtm\.start` over HTTP is retired/m);
    }
  });

  it('no typescript installed, locked or declared (blind s59/15, a global tsc of 2016) and a generated TypeScript module: warned, naming the module and the TypeScript it is written for', async () => {
    const { stderr, report, code } = await migrateTypeScript({ name: 'ts-bot', version: '1.0.0' }, 'axios.input.ts');
    expect(code).toBe(0);
    expect(report.files.changed).toEqual(['src/rtm-start-data.ts', 'src/bot.ts']);
    const warning = 'Nothing says which TypeScript compiles the package of package.json (no `typescript` installed, locked or declared), and the module rtm-migrate generates into it (src/rtm-start-data.ts) is written for TypeScript 3.5+: declare the `typescript` it builds with (a run then writes the module for it, down to 2.2).';
    expect(report.warnings).toContain(warning);
    expect(unwrapped(stderr)).toContain(`warning: ${warning}`);
    // Declared, it says nothing more.
    const declared = await migrateTypeScript({ name: 'ts-bot', version: '1.0.0', devDependencies: { typescript: '^5.4.0' } }, 'axios.input.ts');
    expect(declared.report.warnings.filter((w) => w.includes('rtm-migrate generates'))).toEqual([]);
  });

  it.each([
    ['typescript ^3.4.0 (allows 3.7 and later)', { devDependencies: { typescript: '^3.4.0' } }],
    ['typescript 5', { devDependencies: { typescript: '^5.4.0' } }],
    ['no typescript declared (a global tsc: nothing certain)', {}],
  ])('%s: no such warning, the same rewrite', async (_, declares) => {
    const { stderr, report, code } = await migrateTypeScript({ name: 'ts-bot', version: '1.0.0', ...declares });
    expect(code).toBe(0);
    expect(report.files.changed).toEqual(['src/bot.ts']);
    expect(report.warnings.filter((w) => w.includes('rtm-migrate writes'))).toEqual([]);
    expect(stderr).not.toContain('rtm-migrate writes');
  });
});

/** A bot folder (outside git) with `manifest` and the pattern `input` as src/bot.js, migrated for real with `--report json`. */
async function migratePattern(manifest: Record<string, unknown>, input: string): Promise<{ dir: string; stderr: string; report: Report; code: number | null }> {
  const dir = await tempDir('rtm-migrate-old-bot-');
  await mkdir(join(dir, 'src'));
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  await writeFile(join(dir, 'src', 'bot.js'), await readFile(join(PATTERNS, input), 'utf8'));
  const run = await cli(['apply', '.', '--report', 'json'], dir);
  return { dir, stderr: run.stderr, report: JSON.parse(run.stdout) as Report, code: run.code };
}

// Real bots (corpus s27): the user files get a plain call, and the generated helper module alone used
// to carry `??`, `?.`, object spread and async functions. It keeps to ES2016 syntax now (see
// helper-module.test.ts), which Node 8 runs and Babel 5 and 6 compile with nothing to polyfill.
describe('old bots whose only new code is the helper module: no warning, a module their toolchain reads', () => {
  it('a @slack/client v3 bot held to Node 8.9.1 (engines.node; unblinkingbot)', async () => {
    const manifest = { name: 'unblinkingBot', version: '0.0.1', main: 'src/bot.js', engines: { node: '8.9.1' }, dependencies: { '@slack/client': '3.14.2' } };
    const { dir, stderr, report, code } = await migratePattern(manifest, 'legacy-client-authenticated.input.js');
    expect(code).toBe(0);
    expect(report.files.changed).toEqual(['src/rtm-start-data.js', 'src/bot.js']);
    expect(await readFile(join(dir, 'src/bot.js'), 'utf8')).toContain('startRtmClient(rtm');
    expect(report.warnings.filter((w) => w.includes('rtm-migrate writes'))).toEqual([]);
    expect(stderr).not.toContain('rtm-migrate writes');
    // What Node 8 parses (ES2017), the helper module even without async functions.
    const bot = await readFile(join(dir, 'src/bot.js'), 'utf8');
    expect(() => espree.parse(bot, { ecmaVersion: 2017, sourceType: 'script' })).not.toThrow();
    const helper = await readFile(join(dir, 'src/rtm-start-data.js'), 'utf8');
    expect(() => espree.parse(helper, { ecmaVersion: 2016, sourceType: 'script' })).not.toThrow();
  });

  // Blind s69/10 (ioubot: engines.node 5.9.1, ES5 code): the module and its `const { … } = require(…)` destructure, which Node 4 and 5 cannot parse.
  it('a @slack/client v3 bot held to Node 5 (engines.node 5.9.1): warned that the written code destructures (Node 6+)', async () => {
    const manifest = { name: 'ioubot', version: '1.0.0', main: 'src/bot.js', engines: { node: '5.9.1' }, dependencies: { '@slack/client': '3.14.2' } };
    const { report, code } = await migratePattern(manifest, 'legacy-client-authenticated.input.js');
    expect(code).toBe(0);
    expect(report.warnings.filter((w) => w.includes('rtm-migrate writes'))).toEqual([
      'package.json allows only Node older than 6 (engines.node `5.9.1`), and the code rtm-migrate writes into it (src/rtm-start-data.js, src/bot.js) uses destructuring and `const` in a `for` head (ES2015), which those cannot run: allow Node 6+, or compile the written files with @babel/core 7.8+ and @babel/preset-env.',
    ]);
  });

  it("a raw-HTTP bot on Node 12 (blind corpus s39/11: a Dockerfile's FROM node:12-alpine, no engines): its call of the helper module is Node 8's syntax", async () => {
    const manifest = { name: 'sune', version: '1.0.0', engines: { node: '>=8 <13' }, dependencies: { axios: '^0.18.0' } };
    const { dir, stderr, report, code } = await migratePattern(manifest, 'axios.input.js');
    expect(code).toBe(0);
    expect(report.files.changed).toEqual(['src/rtm-start-data.js', 'src/bot.js']);
    const bot = await readFile(join(dir, 'src/bot.js'), 'utf8');
    expect(bot).toContain('rtmStartData(callSlack');
    expect(() => espree.parse(bot, { ecmaVersion: 2017, sourceType: 'script' })).not.toThrow();
    expect(report.warnings.filter((w) => w.includes('rtm-migrate writes'))).toEqual([]);
    expect(stderr).not.toContain('rtm-migrate writes');
  });

  it('a slack-client 1.x bot built by gulp-babel 5 with babel-core ^5.8.25 (lacker/bot)', async () => {
    const manifest = { name: 'bot', version: '1.0.0', main: 'main.js', scripts: { start: 'gulp babel; node build/main.js' }, devDependencies: { 'babel-core': '^5.8.25', gulp: '^3.9.0', 'gulp-babel': '^5.2.1' }, dependencies: { 'slack-client': '^1.4.1' } };
    const { dir, stderr, report, code } = await migratePattern(manifest, 'slack-client-login.input.js');
    expect(code).toBe(0);
    expect(report.files.changed).toEqual(['src/rtm-start-data.js', 'src/bot.js']);
    expect(await readFile(join(dir, 'src/bot.js'), 'utf8')).toContain('withSlackClientRtmStart(');
    expect(report.warnings.filter((w) => w.includes('rtm-migrate writes'))).toEqual([]);
    expect(stderr).not.toContain('rtm-migrate writes');
    // Babel 5 parses ES2016 and turns async functions into regeneratorRuntime calls: the module has none.
    const helper = await readFile(join(dir, 'src/rtm-start-data.js'), 'utf8');
    expect(() => espree.parse(helper, { ecmaVersion: 2016, sourceType: 'script' })).not.toThrow();
  });

  // Blind s100/01 (rauchg/slackin): Babel 4 was the package `babel`, and rejects the module's `for (const name of …)`
  // ("Unexpected token"), so `make` failed with no word from the run. Babel 5 under that name parses it.
  it.each([
    ['4.7.1', ['package.json declares `babel` 4.7.1, and the code rtm-migrate writes into it (src/rtm-start-data.js) uses `const` in a `for` head (ES2015), which Babel 4 cannot parse: build with @babel/core 7.8+ and @babel/preset-env, or run the written files untranspiled on Node 6+.']],
    ['^5.8.38', []],
  ])('a raw-HTTP bot built by the `babel` package %s: warned where it is Babel 4', async (range, warnings) => {
    const manifest = { name: 'slackin', version: '0.5.1', dependencies: { babel: range, superagent: '0.21.0' } };
    const { report, code } = await migratePattern(manifest, 'superagent.input.js');
    expect(code).toBe(0);
    expect(report.files.changed).toContain('src/rtm-start-data.js');
    expect(report.warnings.filter((w) => w.includes('rtm-migrate writes'))).toEqual(warnings);
  });
});
