import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { HELPER_LIBRARIES } from '@rtm-migrate/core';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, runNodeBot, type RunResult } from '../../../test/support/run.js';
import { helperSource, type HelperVariant } from '../src/helper-module/source.js';
import { cli, expectSameWithoutRtmStart, slackbotapiApp, tempDir, type DryReport } from './helpers.js';

/** TypeScript 2.9.2 as published (blind s48/06 pins `typescript ^2.9.1`): the compiler such a bot is built with. */
const TSC_2_9 = createRequire(import.meta.url).resolve('typescript-v2/bin/tsc');

/** TypeScript 2.2.2, the oldest the module is written for (blind s137/04 locks 2.2.2, s140/01 pins 2.6.2). */
const TSC_2_2 = createRequire(import.meta.url).resolve('typescript-v22/bin/tsc');

/**
 * What a bot of 2018 compiles with: strict, ES2015, CommonJS, no typings (`types: []`; the DOM library gives
 * `console`), so the test depends on no @types package newer than the compiler.
 */
const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, target: 'es2015', module: 'commonjs', lib: ['es2015', 'dom'], types: [] } });

/** The same for TypeScript 2.2, which has no `strict` yet: the checks it stands for one by one. */
const TSCONFIG_2_2 = JSON.stringify({ compilerOptions: { noImplicitAny: true, noImplicitThis: true, strictNullChecks: true, alwaysStrict: true, target: 'es2015', module: 'commonjs', lib: ['es2015', 'dom'], types: [] } });

/** tsc 2.9 on a project folder: its output and exit code. */
const compile = (project: string, tsc = TSC_2_9): Promise<RunResult> => run(process.execPath, [tsc, '-p', project]);

describe('the generated TypeScript module, for a TypeScript older than 3.5', () => {
  // Every function the TypeScript module can hold.
  const typed = new Set(HELPER_LIBRARIES);
  const variants: [string, HelperVariant][] = [
    ['every function', { typescript: true, commonjs: false, legacyClient: true, slackClient: true, rtmApiClient: true, libraryStarts: typed }],
    ['rtmStartData() alone', { typescript: true, commonjs: false, legacyClient: false }],
    ...[...typed].map((library): [string, HelperVariant] => [library, { typescript: true, commonjs: false, legacyClient: false, libraryStarts: new Set([library]) }]),
  ];

  it.each(variants)('%s: compiles under TypeScript 2.9 (strict) without an error; as written for 3.5+ it does not', { timeout: 60_000 }, async (_, variant) => {
    const dir = await tempDir('rtm-migrate-helper-ts29-');
    await writeFile(join(dir, 'tsconfig.json'), TSCONFIG);
    const older = helperSource({ ...variant, olderTypeScript: 'typescript 2.9.2 installed' });
    await writeFile(join(dir, 'rtm-start-data.ts'), older);
    expect(await compile(dir)).toMatchObject({ stdout: '', stderr: '', code: 0 });
    // It says why, and no newer type is left (comments aside).
    expect(older).toContain('// Written for the TypeScript this code compiles with (typescript 2.9.2 installed)');
    expect(older.replace(/\/\/.*$/gm, '')).not.toMatch(/\bunknown\b|readonly \S+\[\]/);
    // The test is able to fail: the module for TypeScript 3.5+ does not compile there.
    await writeFile(join(dir, 'rtm-start-data.ts'), helperSource(variant));
    expect((await compile(dir)).code).not.toBe(0);
  });

  // Blind s140/01 (TypeScript 2.6.2): the module narrowed its client by `in`, which only 2.7 does, and the site was a TODO.
  it.each(variants)('%s: compiles under TypeScript 2.2 (its strict checks) without an error', { timeout: 60_000 }, async (_, variant) => {
    const dir = await tempDir('rtm-migrate-helper-ts22-');
    await writeFile(join(dir, 'tsconfig.json'), TSCONFIG_2_2);
    await writeFile(join(dir, 'rtm-start-data.ts'), helperSource({ ...variant, olderTypeScript: 'typescript 2.2.2 installed' }));
    expect(await compile(dir, TSC_2_2)).toMatchObject({ stdout: '', stderr: '', code: 0 });
  });
});

/**
 * A TypeScript bot of 2018 on slackbotapi 1.3.9 (no typings: it declares what it uses of Node), its
 * package.json on `typescript` ~2.9.2, built by that compiler into build/: it prints its workspace once the socket
 * is open, then what the package's own look-ups answer.
 */
const BOT = `declare function require(name: string): any;
declare const process: { env: { [name: string]: string | undefined }; exit(code: number): void; stdout: { write(text: string, done: () => void): void } };

const slackAPI = require('slackbotapi');
const printWorkspace: (data: object) => void = require('../summary');

const slack = new slackAPI({ token: process.env.SLACK_BOT_TOKEN, logging: false, autoReconnect: false }, (error: string) => {
  console.error('slackbotapi error: ' + error);
  process.exit(1);
});

slack.on('open', () => {
  const data = slack.getSlackData();
  printWorkspace(data);
  for (const user of data.users) console.log('getUser ' + user.name + ' ' + slack.getUser(user.id).name);
  for (const channel of data.channels) console.log('getChannel #' + channel.name + ' ' + slack.getChannel(channel.name).id);
  process.stdout.write('', () => process.exit(0));
});
`;

/** yarn.lock of a package that declares no `typescript`, which its dependencies (ts-node, tslint) bring at 2.9.2. */
const YARN_LOCK = `# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\nts-node@^7.0.0:\n  version "7.0.1"\n\n"typescript@>=2.1.0 <2.10", typescript@^2.9.1:\n  version "2.9.2"\n`;

describe('a TypeScript 2.9 bot on slackbotapi 1.3.9 (blind s48/06: tsc 2.9 could not compile the module it was given)', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 48, users: 14, channels: 6, mode: 'legacy', tokens: { 'xoxb-1-test': {} } });
  });
  afterAll(async () => {
    await slack.close();
  });

  // Or no `typescript` declared, the one yarn.lock holds a dependency's (blind s120/12: 2.5.3 there got the module for 3.5+).
  it.each([
    { said: '`typescript` ~2.9.2 in package.json', devDependencies: { typescript: '~2.9.2' }, lock: undefined },
    { said: 'typescript 2.9.2 locked, though not declared', devDependencies: { 'ts-node': '^7.0.0' }, lock: YARN_LOCK },
  ])('is migrated with a module TypeScript 2.9 compiles ($said), and prints what it printed against rtm.start', { timeout: 240_000 }, async ({ said, devDependencies, lock }) => {
    const dir = await slackbotapiApp('');
    await writeFile(join(dir, 'app', 'bot.ts'), BOT);
    // Built into build/, which .gitignore leaves out (the codemod migrates the source, not its output).
    const options = (JSON.parse(TSCONFIG) as { compilerOptions: object }).compilerOptions;
    await writeFile(join(dir, 'app', 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...options, outDir: 'build' } }));
    await writeFile(join(dir, 'app', '.gitignore'), 'build/\n');
    await writeFile(join(dir, 'app', 'package.json'), JSON.stringify({ name: 'old-ts-bot', version: '1.0.0', dependencies: { slackbotapi: '1.3.9' }, devDependencies }));
    if (lock !== undefined) await writeFile(join(dir, 'app', 'yarn.lock'), lock);
    const build = async (): Promise<void> => expect(await compile(join(dir, 'app'))).toMatchObject({ stdout: '', stderr: '', code: 0 });
    const start = (): Promise<RunResult> =>
      runNodeBot(join(dir, 'app', 'build', 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl, token: 'xoxb-1-test', env: { NODE_OPTIONS: `--require ${join(dir, 'point-at-fake-slack.js')}` } });
    await build();
    slack.setMode('legacy');
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^getUser (\S+) \1$/m);
    slack.setMode('connect_required');
    expect(await start()).toMatchObject({ code: 1, stderr: 'slackbotapi error: rtm_connect_required\n' });

    const migrated = await cli(['apply', 'app', '--allow-dirty', '--report', 'json'], dir);
    expect(migrated.code).toBe(0);
    const report = JSON.parse(migrated.stdout) as DryReport & { warnings: string[]; files: { changed: string[] } };
    expect(report.todos).toBe(0);
    expect(report.files.changed).toEqual(['app/rtm-start-data.ts', 'app/bot.ts']);
    // No old-toolchain warning (the test has no `typescript` installed for the type-check: that one says so).
    expect(report.warnings.filter((w) => w.includes('rtm-migrate generates') || w.includes('rtm-migrate writes'))).toEqual([]);
    expect(await readFile(join(dir, 'app', 'rtm-start-data.ts'), 'utf8')).toContain(`(${said})`);
    await build();
    slack.resetCalls();
    expectSameWithoutRtmStart(slack, before, await start());
  });
});
