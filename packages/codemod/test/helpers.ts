import { cp, mkdir, mkdtemp, readdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { HELPER_EXPORTS } from '@rtm-migrate/core';
import { expect } from 'vitest';
import { run, runNodeBot, type RunResult } from '../../../test/support/run.js';
import type { Plan } from '../src/plan.js';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const CLI = join(ROOT, 'packages', 'codemod', 'dist', 'cli.js');
export const PATTERNS = join(ROOT, 'fixtures', 'patterns');

/** The parser ESLint (a dev dependency of this repository) ships: it reads exactly the edition it is given. */
export const espree = createRequire(createRequire(import.meta.url).resolve('eslint'))('espree') as { parse(text: string, options: { ecmaVersion: number; sourceType: 'script' | 'module' }): unknown };
const BOTS = join(ROOT, 'fixtures', 'bots');
const REAL_WORLD = join(ROOT, 'fixtures', 'real-world');

/** Runs the built CLI (`node dist/cli.js …`), as a user would. */
export function cli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return run(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
}

/** Runs `test` with a fake Slack of its own, closed after (tests that run concurrently: the helper's pacing is mostly waiting). */
export async function withFake(options: Parameters<typeof startFakeSlack>[0], test: (fake: FakeSlack) => Promise<void>): Promise<void> {
  const fake = await startFakeSlack(options);
  try {
    await test(fake);
  } finally {
    await fake.close();
  }
}

interface BabelCore {
  transformFileSync(file: string, options: { babelrc: false; configFile: false; plugins: string[] }): { code?: string | null } | null;
}

/**
 * One file compiled to CommonJS as `babel src -d lib` does (@babel/core with its CommonJS modules
 * transform, named by path: the temp projects have no node_modules of Babel's).
 */
export function babelToCommonJs(file: string): string {
  const here = createRequire(import.meta.url);
  const babel = here('@babel/core') as BabelCore;
  return babel.transformFileSync(file, { babelrc: false, configFile: false, plugins: [here.resolve('@babel/plugin-transform-modules-commonjs')] })?.code ?? '';
}

export async function tempDir(prefix = 'rtm-migrate-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** `files` written to a fresh folder (in its subfolder `sub`), on the packages fixtures/bots installs. */
export async function writeBotFiles(prefix: string, files: Readonly<Record<string, string>>, sub = '.'): Promise<string> {
  const dir = await tempDir(prefix);
  await mkdir(join(dir, sub), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, sub, name)), { recursive: true });
    await writeFile(join(dir, sub, name), text);
  }
  await symlink(join(BOTS, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** The slack-client 2.x releases fixtures/bots installs: 2.0.6, and 2.3.0 under its new name @slack/client (`installed`: the alias). */
export const SLACK_CLIENT_2_RELEASES = [
  { sdk: 'slack-client', installed: 'slack-client-2', range: '2.0.6' },
  { sdk: '@slack/client', installed: 'slack-client-2-3', range: '^2.3.0' },
] as const;

/** fixtures/bots/<bot> with the shared summary, resolving the fixture package's dependencies. */
export async function copyBot(bot: string): Promise<string> {
  const bots = join(ROOT, 'fixtures', 'bots');
  const dir = await tempDir(`${bot}-`);
  await cp(join(bots, bot), join(dir, bot), { recursive: true });
  for (const shared of ['summary.js', 'extras-summary.js']) await cp(join(bots, shared), join(dir, shared));
  await symlink(join(bots, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Runs `<bot>/bot.js` of a copy (`copyBot`) with a token, against the Slack API at `apiUrl`. */
export function runBot(dir: string, bot: string, token: string, apiUrl: string): Promise<RunResult> {
  return runNodeBot(join(dir, bot, 'bot.js'), { cwd: dir, apiUrl, token, timeoutMs: 60_000 });
}

/** Copies the pattern inputs (never the fixtures in place) to a temp folder. */
export async function copyPatterns(filter: (name: string) => boolean = () => true): Promise<{ dir: string; names: string[] }> {
  const dir = await tempDir('rtm-migrate-patterns-');
  const names = (await readdir(PATTERNS)).filter((n) => /\.input\.(ts|js)$/.test(n) && filter(n));
  for (const n of names) await cp(join(PATTERNS, n), join(dir, n));
  return { dir, names };
}

/** A TypeScript project whose node_modules are the legacy bot's (@slack/web-api 7, TypeScript, @types/node). */
export async function tsProject(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('rtm-migrate-verify-');
  await symlink(join(ROOT, 'fixtures', 'legacy-bot', 'node_modules'), join(dir, 'node_modules'), 'dir');
  const tsconfig = { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] }, include: ['src'] };
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

/** A bot's run (`run`) against the legacy `rtm.start`: clean, and a `user <id> <name>` line for every user of the workspace. Returns it, the baseline. */
export async function knowsEveryUser(fake: FakeSlack, run: () => Promise<RunResult>): Promise<RunResult> {
  fake.setMode('legacy');
  const before = await run();
  expect(before.stderr).toBe('');
  expect(before.stdout.match(/^user U\w+ \S+$/gm)).toHaveLength(fake.workspace.users.length);
  return before;
}

/**
 * A bot's run (`run`) against a Slack that retired `rtm.start` fails to start; then rtm-migrate
 * migrates its copy `dir` cleanly, leaving no TODO. Returns the CLI's report, for the sites each test expects.
 */
export async function breaksThenMigrates(fake: FakeSlack, dir: string, run: () => Promise<RunResult>): Promise<string> {
  fake.setMode('connect_required');
  const broken = await run();
  expect(broken.code).toBe(1);
  expect(broken.stderr).toContain('unable to start');
  const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
  expect(migrated.stderr).toBe('');
  expect(migrated.code).toBe(0);
  expect(migrated.stdout).toContain('TODOs left: 0');
  return migrated.stdout;
}

/** `source` written as `file` in a fresh folder `prefix…` and scanned by the CLI, which finds one site there. */
export async function scanOneSite(prefix: string, source: string, file = 'bot.js'): Promise<{ dir: string; site: Plan['sites'][number] | undefined }> {
  const dir = await tempDir(prefix);
  await writeFile(join(dir, file), source);
  const scanned = await cli(['scan', '.', '--json'], dir);
  expect(scanned.stderr).toBe('');
  const sites = (JSON.parse(scanned.stdout) as Plan).sites;
  expect(sites).toHaveLength(1);
  return { dir, site: sites[0] };
}

/**
 * A migrated program's run against a Slack that retired `rtm.start` (calls counted since the last
 * `resetCalls()`): it printed what it printed before, without an error, asked no `rtm.start` and
 * `connects` `rtm.connect` (one; none where the helper module was asked only for parts that need none).
 */
export function expectSameWithoutRtmStart(fake: FakeSlack, before: RunResult, after: RunResult, connects = 1): void {
  expect(after.stderr).toBe('');
  expect(after.code).toBe(0);
  expect(after.stdout).toBe(before.stdout);
  const methods = fake.calls.map((c) => c.method);
  expect(methods).not.toContain('rtm.start');
  expect(methods.filter((m) => m === 'rtm.connect')).toHaveLength(connects);
}

/**
 * Each `cached #name <id> members=<n>` line a bot printed from its client's `dataStore` names a public
 * channel of the fake workspace with its full member count, and `#general` is among them.
 */
export function expectCachedChannelMembers(fake: FakeSlack, stdout: string): void {
  for (const line of stdout.match(/^cached #\S+ \w+ members=\d+$/gm) ?? []) {
    const [, id, count] = /^cached #\S+ (\w+) members=(\d+)$/.exec(line) ?? [];
    const channel = fake.workspace.byType.public_channel.find((c) => c.id === id);
    expect(channel, line).toBeDefined();
    if (channel) expect(Number(count), line).toBe(fake.workspace.memberCount(channel));
  }
  expect(stdout).toMatch(/^cached #general /m);
}

/** A start the CLI is to move to `startRtmClientMadeElsewhere(receiver)`: where, and the module making the client, to be left as it is. */
export interface MadeElsewhereStart {
  /** The site as the CLI names it: `bot.js:34:1`. */
  readonly site: string;
  readonly form: string;
  readonly receiver: string;
  /** The start as written before: gone after. */
  readonly start: string;
  /** The module that makes the client and its text. */
  readonly maker: readonly [name: string, text: string];
}

/**
 * The CLI migrates the start to `startRtmClientMadeElsewhere()` of the generated module with no TODO
 * left and the client's own module unchanged (the option is set on the client when it starts); the bot
 * then prints what it printed before against a Slack that retired `rtm.start` (its `dataStore` channels
 * with their full members), and a second run changes nothing.
 */
export async function expectStartedMadeElsewhere(fake: FakeSlack, dir: string, start: MadeElsewhereStart, before: RunResult, run: () => Promise<RunResult>): Promise<void> {
  const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
  expect(migrated.stderr).toBe('');
  expect(migrated.code).toBe(0);
  expect(migrated.stdout).toMatch(new RegExp(`^done +${start.site.replace(/\./g, '\\.')} +${start.form} → helper-module$`, 'm'));
  expect(migrated.stdout).toContain('TODOs left: 0');
  const source = await readFile(join(dir, start.site.split(':')[0] ?? ''), 'utf8');
  expect(source).toContain(`${HELPER_EXPORTS.elsewhereStart}(${start.receiver});`);
  expect(source).not.toContain(start.start);
  const [maker, text] = start.maker;
  expect(await readFile(join(dir, maker), 'utf8')).toBe(text);

  fake.setMode('connect_required');
  fake.resetCalls();
  const after = await run();
  expectSameWithoutRtmStart(fake, before, after);
  expectCachedChannelMembers(fake, after.stdout);

  const again = await cli(['apply', '.', '--allow-dirty'], dir);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain('TODOs left: 0');
  expect(again.stdout).not.toMatch(/^(done|would) /m);
}

/**
 * The URL swap proven on the one-file bot `bot.js` of `dir`, first written from `source`: against a `legacy`
 * Slack it prints `printed` cleanly; the CLI migrates it with no TODO left, turning only `'rtm.start` into
 * `'rtm.connect`; against a Slack that retired `rtm.start` it prints the same (`expectSameWithoutRtmStart`).
 * Returns the CLI's report.
 */
export async function expectUrlSwapKeepsOutput(fake: FakeSlack, dir: string, source: string, printed: RegExp, run: () => Promise<RunResult>): Promise<string> {
  fake.setMode('legacy');
  const before = await run();
  expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
  expect(before.stdout).toMatch(printed);

  const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
  expect(migrated.stderr).toBe('');
  expect(migrated.stdout).toContain('TODOs left: 0');
  expect(await readFile(join(dir, 'bot.js'), 'utf8')).toBe(source.replace("'rtm.start", "'rtm.connect"));

  fake.setMode('connect_required');
  fake.resetCalls();
  expectSameWithoutRtmStart(fake, before, await run());
  return migrated.stdout;
}

/**
 * A migrated program that reads `users[].presence` and prints `awake: <sorted names>`, run against a
 * Slack that retired `rtm.start`: `rtm.start` had given no presence since January 2018, so nobody was
 * awake, and the migration fetches none (one Tier 3 `users.getPresence` per user at every start would
 * make a start-up of minutes to hours): the same output, no `users.getPresence`.
 */
export function expectPresenceAsRtmStartGave(fake: FakeSlack, before: RunResult, after: RunResult, connects = 1): void {
  expect(/^awake: (.*)$/m.exec(before.stdout)?.[1]).toBe('');
  expectSameWithoutRtmStart(fake, before, after, connects);
  expect(fake.calls.map((c) => c.method)).not.toContain('users.getPresence');
}

/** The report's line for a site reading `users[].presence`: not fetched, and the `include` entry that fetches it. */
export const PRESENCE_NOT_FETCHED = "presence is not fetched. Where the bot needs it, add `'users[].presence'` to the `include` option";

/**
 * A migrated program that reads `users[].presence` and prints `awake: <sorted names>`, run against a
 * Slack that retired `rtm.start` after its call was given `include: ['users[].presence']` (as the report
 * says to where the bot needs presence): before, `rtm.start` gave no presence (none since January 2018), so
 * nobody was awake; after, the helper module's `users.getPresence` per user answers the read as the code
 * was written for. Every other line is the same, no `rtm.start`, `connects` `rtm.connect`, and the names awake
 * are those fake Slack's `users.getPresence` calls active.
 */
export async function expectPresenceAnswered(fake: FakeSlack, before: RunResult, after: RunResult, connects = 1): Promise<void> {
  const awakeLine = /^awake: (.*)$/m;
  expect(awakeLine.exec(before.stdout)?.[1]).toBe('');
  expectSameWithoutRtmStart(fake, { ...before, stdout: before.stdout.replace(awakeLine, '') }, { ...after, stdout: after.stdout.replace(awakeLine, '') }, connects);
  const asked = fake.calls.filter((c) => c.method === 'users.getPresence').map((c) => c.args['user']);
  const awake: string[] = [];
  for (const user of fake.workspace.users.filter((u) => asked.includes(u.id))) {
    const res = await fetch(`${fake.apiUrl}users.getPresence?user=${user.id}`, { headers: { authorization: 'Bearer xoxb-test' } });
    if (((await res.json()) as { presence?: string }).presence === 'active') awake.push(user.name);
  }
  expect(awake.length).toBeGreaterThan(0);
  expect(awakeLine.exec(after.stdout)?.[1]).toBe(awake.sort().join(','));
}

/**
 * A published library from fixtures/real-world, copied as it ships, with a runner that uses it as its
 * README shows. The library is installed under node_modules by a link to the copy (so that the codemod
 * migrates the copy, not an installed package); its own dependencies are the ones pnpm installed for
 * the same version in fixtures/bots. `runners`: the runner scripts to copy (fixtures/bots/runners).
 */
export async function copyLibrary(folder: string | undefined, packageName: string, runner: string, runners: readonly string[] = [runner]): Promise<string> {
  const dir = await tempDir(`${runner}-`);
  const library = join(dir, runner);
  const installed = await realpath(join(BOTS, 'node_modules', packageName));
  // Without a folder of fixtures/real-world: the whole package as npm installed it.
  await cp(folder ? join(REAL_WORLD, folder, 'package') : installed, library, { recursive: true, filter: (path) => !path.startsWith(join(installed, 'node_modules')) });
  // Its own dependencies sit beside it: one level up, or two for a scoped name (an alias keeps the real name's place).
  const { name } = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as { name: string };
  const depth = name.split('/').length;
  await symlink(join(installed, ...Array<string>(depth).fill('..')), join(library, 'node_modules'), 'dir');
  await mkdir(join(dir, 'node_modules', ...packageName.split('/').slice(0, -1)), { recursive: true });
  await symlink(library, join(dir, 'node_modules', packageName), 'dir');
  await mkdir(join(dir, 'runners'));
  // A name with a folder (`sdk-probes/x`) is a script of fixtures/ outside the bundled bots.
  for (const name of runners) await cp(name.includes('/') ? join(ROOT, 'fixtures', `${name}.js`) : join(BOTS, 'runners', `${name}.js`), join(dir, 'runners', `${basename(name)}.js`));
  await cp(join(BOTS, 'summary.js'), join(dir, 'summary.js'));
  return dir;
}

/**
 * A slackbots release of fixtures/real-world as published (its constructor logs in with `_api('rtm.start')`: 1.2.0's ES6
 * class, 0.5.3's ES5 function), its fixed API URL pointed at fake Slack (the only edit), with `runners`.
 */
export async function copySlackbots(release: 'slackbots@1.2.0' | 'slackbots@0.5.3', runners: Readonly<Record<string, string>>): Promise<string> {
  const dir = await copyLibrary(release, 'slackbots', 'slackbots', []);
  const index = join(dir, 'slackbots', 'index.js');
  const fixed = "url: 'https://slack.com/api/' + methodName";
  const source = await readFile(index, 'utf8');
  expect(source).toContain(fixed);
  expect(source).toContain("this._api('rtm.start')");
  await writeFile(index, source.replace(fixed, 'url: process.env.SLACK_API_URL + methodName'));
  for (const [name, text] of Object.entries(runners)) {
    await mkdir(dirname(join(dir, 'runners', name)), { recursive: true });
    await writeFile(join(dir, 'runners', name), text);
  }
  return dir;
}

/** A `--dry` run's JSON report, as far as the tests of small written projects read it. */
export interface DryReport {
  readonly todos: number;
  readonly sites: readonly { readonly id: string; readonly rewrite: string; readonly message: string }[];
}

/** A small project written to disk (`package.json` from `manifest`, then `files`) and run through the CLI with `--dry`: its JSON report. */
export async function scanFiles(manifest: string, files: Record<string, string>): Promise<DryReport> {
  const dir = await tempDir('rtm-migrate-project-');
  for (const [name, text] of Object.entries({ 'package.json': manifest, ...files })) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  const run = await cli(['apply', '.', '--dry', '--allow-dirty', '--report', 'json'], dir);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as DryReport;
}

/** Each site's outcome by its id. */
export const outcomes = (report: DryReport): Record<string, string> => Object.fromEntries(report.sites.map((s) => [s.id, s.rewrite]));

/**
 * slack-client 1.5.1 (or `version`, 1.4.1: fixtures/real-world has both) as published, in a bot's
 * node_modules, its fixed API host pointed at fake Slack (the only edits: plain http to the host and port
 * of SLACK_API_URL; the `/api/<method>` paths are Slack's). Its dependencies as installed offline here:
 * `log` 1.4.0 and `https-proxy-agent` 1.0.0 (1.5's) as it pins them, but `ws` 1.1.5 (slack-client 2's) for
 * the pinned 0.8.1 (1.4.1: 0.4.31), which no package here installs: `new WebSocket(url)` and its `open` /
 * `message` / `close` events, all 1.x uses, are the same. `coffee-script` is only its test runner's.
 */
export async function slackClient1App(files: Readonly<Record<string, string>>, version: '1.5.1' | '1.4.1' = '1.5.1'): Promise<string> {
  const dir = await tempDir('slack-client-1-');
  const library = join(dir, 'node_modules', 'slack-client');
  await cp(join(ROOT, 'fixtures', 'real-world', `slack-client@${version}`, 'package'), library, { recursive: true });
  const client = join(library, 'src', 'client.js');
  const source = await readFile(client, 'utf8');
  const edits: [string, string][] = [
    ["https = require('https');", "https = require('http');"],
    ['hostname: this.host,', 'hostname: new URL(process.env.SLACK_API_URL).hostname, port: new URL(process.env.SLACK_API_URL).port,'],
  ];
  let pointed = source;
  for (const [from, to] of edits) {
    expect(pointed).toContain(from);
    pointed = pointed.replace(from, to);
  }
  await writeFile(client, pointed);
  const bots = join(ROOT, 'fixtures', 'bots', 'node_modules');
  const beside = async (owner: string, name: string): Promise<string> => join(await realpath(join(bots, owner)), '..', name);
  await mkdir(join(library, 'node_modules'));
  for (const [name, owner] of [['ws', 'slack-client-2'], ['https-proxy-agent', 'slack-client-2'], ['log', 'slack-robot']] as const) {
    await symlink(await beside(owner, name), join(library, 'node_modules', name), 'dir');
  }
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'greeter', version: '1.0.0', dependencies: { 'slack-client': `^${version.replace(/\.\d+$/, '.0')}` } }));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  return dir;
}

/** A second `apply` of a migrated project changes nothing: exit 0, no TODO left, no file done or due. */
export async function expectSecondRunChangesNothing(dir: string): Promise<void> {
  const again = await cli(['apply', '.', '--allow-dirty'], dir);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain('TODOs left: 0');
  expect(again.stdout).not.toMatch(/^(done|would) /m);
}

/** Where a slackbots subclass bot's class is (`runners/<file>`), its report id, and what its class reads migrated. */
export interface SlackbotsSubclass {
  readonly file: string;
  readonly id: string;
  readonly wrapped: string;
}

/**
 * A slackbots subclass bot (`runners/bot.js` in `dir`) prints the workspace against fake Slack answering
 * `rtm.start`, fails once Slack answers `rtm_connect_required`, and, migrated by the real CLI (`apply`), prints
 * the same through one `rtm.connect`; Slack's error reaches the bot's 'error' handler as slackbots gave it; a
 * second run finds nothing.
 */
export async function expectSlackbotsSubclassMigrated(slack: FakeSlack, dir: string, apply: (dir: string) => Promise<DryReport>, bot: SlackbotsSubclass): Promise<void> {
  const start = (token?: string): Promise<RunResult> => runNodeBot(join(dir, 'runners', 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl, ...(token ? { token } : {}) });
  slack.setMode('legacy');
  slack.resetCalls();
  const before = await start();
  expect([before.code, before.stderr]).toEqual([0, '']);
  expect(before.stdout).toMatch(/^users: [1-9]/m);
  expect(before.stdout).toMatch(/^channels: [1-9]/m);
  expect(slack.calls.map((c) => c.method)).toEqual(['rtm.start']);
  slack.setMode('connect_required');
  expect(await start()).toMatchObject({ code: 1, stderr: 'slackbots error: rtm_connect_required\n' });

  const report = await apply(dir);
  expect(report.todos).toBe(0);
  expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([[bot.id, 'helper-module']]);
  const written = await readFile(join(dir, 'runners', bot.file), 'utf8');
  expect(written).toContain(bot.wrapped);
  expect(written).toContain("require('./rtm-start-data')");

  slack.resetCalls();
  const after = await start();
  expect([after.code, after.stderr]).toEqual([0, '']);
  expect(after.stdout).toBe(before.stdout);
  const methods = slack.calls.map((c) => c.method);
  expect(methods).not.toContain('rtm.start');
  expect(methods.filter((m) => m === 'rtm.connect')).toHaveLength(1);
  expect(methods.at(-1)).toBe('rtm.connect');
  // The first team.info, made to chain slackbots' own kind of promise, serves as the team's data too.
  expect(methods.filter((m) => m === 'team.info')).toHaveLength(1);

  const refused = await start('xoxb-unknown');
  expect([refused.code, refused.stderr]).toEqual([1, 'slackbots error: invalid_auth\n']);

  expect((await apply(dir)).sites).toEqual([]);
  expect(await readFile(join(dir, 'runners', bot.file), 'utf8')).toBe(written);
}

/**
 * The test's harness, not the bot: slackbotapi posts to the fixed `'https://slack.com/api/' + method` through
 * `request.post(url, callback)`, which it looks up on each call, so this preload points those posts at the
 * fake Slack of SLACK_API_URL (loopback) without editing the package.
 */
export const POINT_AT_FAKE_SLACK = `var request = require('request');
var post = request.post;
request.post = function (url, callback) {
  return post.call(request, String(url).replace('https://slack.com/api/', process.env.SLACK_API_URL), callback);
};
`;

export const SLACKBOTAPI_MANIFEST = JSON.stringify({ name: 'relay-bot', version: '1.0.0', dependencies: { slackbotapi: '1.3.9' } });

/** The bot in `app/` (with its package.json and the shared summary), the harness beside it, on fixtures/bots' packages (slackbotapi 1.3.9 installed). */
export async function slackbotapiApp(bot: string): Promise<string> {
  const summary = await readFile(join(ROOT, 'fixtures', 'bots', 'summary.js'), 'utf8');
  const dir = await writeBotFiles('slackbotapi-', { 'bot.js': bot, 'summary.js': summary, 'package.json': SLACKBOTAPI_MANIFEST }, 'app');
  await writeFile(join(dir, 'point-at-fake-slack.js'), POINT_AT_FAKE_SLACK);
  return dir;
}

/**
 * slackbots as published, its fixed API URL pointed at fake Slack (the only edit), with the bot as runners/bot.js:
 * 1.2.0 (kept in fixtures/real-world), whose login requests `rtm.start`, or 1.3.0 (fixtures/bots installs it as
 * `slackbots-13`), whose login requests `rtm.connect`; either loaded as `slackbots`.
 */
export async function slackbotsApp(source: string, release: '1.2.0' | '1.3.0' = '1.2.0'): Promise<string> {
  const dir = release === '1.2.0' ? await copyLibrary('slackbots@1.2.0', 'slackbots', 'slackbots', []) : await copyLibrary(undefined, 'slackbots-13', 'slackbots', []);
  if (release !== '1.2.0') await symlink(join(dir, 'slackbots'), join(dir, 'node_modules', 'slackbots'), 'dir');
  const index = join(dir, 'slackbots', 'index.js');
  const fixed = "url: 'https://slack.com/api/' + methodName";
  const text = await readFile(index, 'utf8');
  expect(text).toContain(fixed);
  await writeFile(index, text.replace(fixed, 'url: process.env.SLACK_API_URL + methodName'));
  await writeFile(join(dir, 'runners', 'bot.js'), source);
  return dir;
}

/** `rtm-migrate apply runners` in `dir`, which must succeed: its JSON report. */
export async function applyRunners(dir: string): Promise<DryReport> {
  const ran = await cli(['apply', 'runners', '--allow-dirty', '--report', 'json'], dir);
  expect(ran.code).toBe(0);
  return JSON.parse(ran.stdout) as DryReport;
}

/**
 * The end of a test's v3 `RtmClient` bot (a `var rtm` of `@slack/client` with `CLIENT_EVENTS`): it exits once the
 * socket is open, exits 1 saying `unable to start: …` where the client cannot start (breaksThenMigrates reads
 * that), and starts the client.
 */
export const V3_BOT_END = `rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
  process.stdout.write('', function () { process.exit(0); });
});

rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
  console.error('unable to start: ' + (error && error.message ? error.message : error));
  process.exit(1);
});

rtm.start();
`;
