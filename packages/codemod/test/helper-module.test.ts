import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HELPER_LIBRARIES, RTM_START_MEMBER_LIMIT, costOfReplacement } from '@rtm-migrate/core';
import { describe, expect, it } from 'vitest';
import { OPTIONAL_EXTRAS, helperIncludes } from '../src/helper-module/extras.js';
import { HELPER_METHODS, helperFieldsRead, helperSource } from '../src/helper-module/source.js';
import { run, runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, espree, ROOT, tempDir, withFake } from './helpers.js';

const BOT_MODULES = join(ROOT, 'fixtures', 'legacy-bot', 'node_modules');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/**
 * What a bot prints of its rtm.start data: the ids of every list, the members of each conversation,
 * self and team. The response is put in an array first, so rtm-migrate cannot follow it to the fields
 * read: the call must go to the generated helper module.
 */
const summary = (ts: boolean): string => `
  const ids = (list${ts ? '?: { id: string }[]' : ''}) => (list ?? []).map((x) => x.id).sort();
  const members${ts ? ': Record<string, string[]>' : ''} = {};
  for (const c of [...data.channels, ...data.groups, ...(data.mpims ?? [])]${ts ? ' as { id: string; members?: string[] }[]' : ''}) if (c.members) members[c.id] = [...c.members].sort();
  const bots = ids(data.bots);
  return JSON.stringify({ self: data.self.id, team: [data.team.id, data.team.name, data.team.domain], users: ids(data.users), channels: ids(data.channels), groups: ids(data.groups), mpims: data.mpims ? ids(data.mpims) : null, ims: ids(data.ims), bots, members });
`;

interface Variant {
  readonly name: string;
  readonly type: 'module' | 'commonjs';
  readonly file: string;
  readonly source: (args: string) => string;
  readonly typescript: boolean;
  /** The data leave what rtm-migrate follows (put in an array): the call fetches the optional extras too. */
  readonly escapes: boolean;
}

const VARIANTS: readonly Variant[] = [
  {
    name: 'TypeScript, ESM',
    type: 'module',
    file: 'src/bot.ts',
    typescript: true,
    escapes: true,
    source: (args) => `import { WebClient } from '@slack/web-api';

function summary(data: any): string {${summary(true)}}

const web = new WebClient(process.env.SLACK_BOT_TOKEN, { slackApiUrl: process.env.SLACK_API_URL });
const started = [await web.rtm.start(${args})];
console.log(summary(started[0]));
`,
  },
  {
    name: 'JavaScript, ESM',
    type: 'module',
    file: 'src/bot.js',
    typescript: false,
    escapes: true,
    source: (args) => `import { WebClient } from '@slack/web-api';

function summary(data) {${summary(false)}}

const web = new WebClient(process.env.SLACK_BOT_TOKEN, { slackApiUrl: process.env.SLACK_API_URL });
const started = [await web.rtm.start(${args})];
console.log(summary(started[0]));
`,
  },
  {
    name: 'JavaScript, CommonJS, promise chain',
    type: 'commonjs',
    file: 'src/bot.js',
    typescript: false,
    escapes: false,
    source: (args) => `const { WebClient } = require('@slack/web-api');

function summary(data) {${summary(false)}}

const web = new WebClient(process.env.SLACK_BOT_TOKEN, { slackApiUrl: process.env.SLACK_API_URL });
web.rtm.start(${args}).then((res) => console.log(summary(res)), (err) => {
  console.error(err.message);
  process.exitCode = 1;
});
`,
  },
];

/** A bot project in a temp folder: package.json of the variant's module system, the fixture's dependencies. */
async function botProject(v: Variant, args: string): Promise<string> {
  const dir = await tempDir('rtm-migrate-helper-');
  await mkdir(join(dir, 'src'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bot', private: true, type: v.type }));
  await writeFile(join(dir, v.file), v.source(args));
  await symlink(BOT_MODULES, join(dir, 'node_modules'), 'dir');
  await writeFile(join(dir, '.gitignore'), 'dist\n');
  if (v.typescript) {
    const tsconfig = { compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, types: ['node'], rootDir: 'src', outDir: 'dist' }, include: ['src'] };
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  }
  return dir;
}

/** Compiles (TypeScript) and runs the bot against `apiUrl`. */
async function runBot(dir: string, v: Variant, apiUrl: string): Promise<RunResult> {
  if (v.typescript) {
    const compiled = await run(process.execPath, [TSC, '-p', dir]);
    expect(compiled.stdout + compiled.stderr).toBe('');
  }
  const main = v.typescript ? join(dir, 'dist', 'bot.js') : join(dir, v.file);
  return runNodeBot(main, { cwd: dir, apiUrl, timeoutMs: 90_000 });
}

describe('the generated helper module, run against fake Slack', () => {
  it.concurrent.each(VARIANTS.flatMap((v) => [{ v, mpimAware: false }, { v, mpimAware: true }]))(
    '$v.name, mpim_aware $mpimAware: the migrated bot prints what the original printed with legacy rtm.start',
    ({ v, mpimAware }) =>
      // Fewer members per channel than rtm.start's cut, so legacy and migrated must agree exactly.
      withFake({ seed: 31, users: 80, channels: 14, mode: 'legacy' }, async (fake) => {
        const args = mpimAware ? '{ mpim_aware: true, no_unreads: true }' : '{ no_unreads: true }';
        const dir = await botProject(v, args);
        const before = await runBot(dir, v, fake.apiUrl);
        expect(before.stderr).toBe('');
        expect(before.code).toBe(0);

        // The type-check of what changed has its own tests (verify.test.ts); here the program runs.
        const migrated = await cli(['apply', '.', '--no-verify'], dir);
        expect(migrated.stderr).toBe('');
        expect(migrated.code).toBe(0);
        const ext = v.typescript ? '.ts' : '.js';
        expect(migrated.stdout).toContain(`changed: 2 (${join('src', `rtm-start-data${ext}`)}, ${join(...v.file.split('/'))})`);
        const source = await readFile(join(dir, v.file), 'utf8');
        expect(source).not.toContain('rtm.start(');
        expect(source).toContain(v.type === 'module' ? `from './rtm-start-data${v.typescript ? '.js' : ext}'` : "require('./rtm-start-data')");

        fake.setMode('connect_required');
        fake.resetCalls();
        const after = await runBot(dir, v, fake.apiUrl);
        expect(after.stderr).toBe('');
        expect(after.code).toBe(0);
        expect(after.stdout).toBe(before.stdout);
        const printed = JSON.parse(after.stdout) as { users: string[]; members: Record<string, string[]>; mpims: string[] | null };
        expect(printed.users).toHaveLength(fake.workspace.users.length);
        expect(Object.keys(printed.members).length).toBeGreaterThan(0);
        expect(printed.mpims === null).toBe(!mpimAware);

        // The calls core's costOfReplacement() counts for the helper's fields, its one conversations.list of every type (and the optional extras
        // where the data escape), rtm.connect last, once.
        const cost = costOfReplacement(fake.workspace.size(), helperFieldsRead(mpimAware, v.escapes ? OPTIONAL_EXTRAS : []), { mpimAware, listing: 'one' });
        const made = new Map<string, number>();
        for (const c of fake.calls) made.set(c.method, (made.get(c.method) ?? 0) + 1);
        const planned = new Map<string, number>();
        for (const c of cost.byMethod) planned.set(c.method, (planned.get(c.method) ?? 0) + c.calls);
        expect(made).toEqual(planned);
        expect(fake.calls.at(-1)!.method).toBe('rtm.connect');
        expect([...made.keys()].every((m) => (HELPER_METHODS as readonly string[]).includes(m))).toBe(true);

        // A second run finds nothing left to do (the helper itself holds no rtm.start call).
        const again = await cli(['apply', '.', '--check'], dir);
        expect(again.code).toBe(0);
        expect(again.stdout).toContain('would change: 0');
      }),
    // Real pacing (the tiers' floor, in real time), compiles and runs: minutes on a busy machine.
    180_000,
  );

  it.concurrent('fills members completely where legacy rtm.start cut them', () =>
    withFake({ seed: 5, users: RTM_START_MEMBER_LIMIT + 90, channels: 6, mode: 'legacy' }, async (fake) => {
      const v = VARIANTS[1]!;
      const dir = await botProject(v, '{}');
      const before = JSON.parse((await runBot(dir, v, fake.apiUrl)).stdout) as { members: Record<string, string[]> };
      expect((await cli(['apply', '.', '--no-verify'], dir)).code).toBe(0);
      fake.setMode('connect_required');
      const after = JSON.parse((await runBot(dir, v, fake.apiUrl)).stdout) as { members: Record<string, string[]> };
      const general = fake.workspace.byType.public_channel.find((c) => c.isGeneral)!;
      expect(before.members[general.id]).toHaveLength(RTM_START_MEMBER_LIMIT);
      expect(after.members[general.id]).toHaveLength(fake.workspace.memberCount(general));
      expect(after.members[general.id]!.length).toBeGreaterThan(RTM_START_MEMBER_LIMIT);
    }));

  it.concurrent('paces its calls by the rate tiers: no 429 from a rate-limited fake, the tiers\' floor respected', () =>
    withFake({ seed: 9, users: 900, channels: 40, mode: 'connect_required', rateLimits: { timeScale: 0.02 } }, async (fake) => {
      const timeScale = 0.02;
      const dir = await tempDir('rtm-migrate-helper-pace-');
      const file = join(dir, 'rtm-start-data.mjs');
      await writeFile(file, helperSource({ typescript: false, commonjs: false, legacyClient: false }));
      const { rtmStartData } = (await import(pathToFileURL(file).href)) as {
        rtmStartData: (call: (method: string, args: Record<string, unknown>) => Promise<Record<string, unknown>>, args: object, options: object) => Promise<{ users: unknown[] }>;
      };
      // The raw-HTTP form: a plain function over fetch, with the token in the body as Slack takes it.
      const call = async (method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> => {
        const body = new URLSearchParams({ token: 'xoxb-test', ...Object.fromEntries(Object.entries(args).map(([k, v]) => [k, String(v)])) });
        const res = await fetch(`${fake.apiUrl}${method}`, { method: 'POST', body });
        return (await res.json()) as Record<string, unknown>;
      };
      const started = performance.now();
      const data = await rtmStartData(call, { mpim_aware: true }, { timeScale });
      const seconds = (performance.now() - started) / 1000;
      const cost = costOfReplacement(fake.workspace.size(), helperFieldsRead(true), { mpimAware: true, listing: 'one' });
      expect(data.users).toHaveLength(fake.workspace.users.length);
      expect(fake.stats().ratelimited).toBe(0);
      expect(fake.calls).toHaveLength(cost.calls);
      expect(seconds).toBeGreaterThanOrEqual(cost.floorSeconds * timeScale * 0.95);
    }));

  it.concurrent("flags its groups as rtm.start did: group DMs among them `is_group` (conversations.list says false), none `is_channel`", () =>
    withFake({ seed: 23, users: 40, channels: 12, mode: 'legacy' }, async (fake) => {
      const call = async (method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> => {
        const body = new URLSearchParams({ token: 'xoxb-test', ...Object.fromEntries(Object.entries(args).map(([k, v]) => [k, String(v)])) });
        return (await (await fetch(`${fake.apiUrl}${method}`, { method: 'POST', body })).json()) as Record<string, unknown>;
      };
      // No `is_channel` either, which conversations.list sets on a private channel made since 2021 (a C id; blind s130/02).
      const flags = (groups: unknown): string[] => (groups as { id: string; is_group?: boolean; is_mpim?: boolean; is_channel?: boolean }[]).map((g) => `${g.id} group=${String(g.is_group)} mpim=${String(g.is_mpim)} channel=${String(g.is_channel)}`).sort();
      const legacy = flags((await call('rtm.start', {}))['groups']);
      expect(legacy.some((g) => g.endsWith('group=true mpim=true channel=undefined'))).toBe(true);
      expect(legacy.some((g) => g.startsWith('C'))).toBe(true);
      fake.setMode('connect_required');
      const dir = await tempDir('rtm-migrate-helper-flags-');
      const file = join(dir, 'rtm-start-data.mjs');
      await writeFile(file, helperSource({ typescript: false, commonjs: false, legacyClient: false }));
      const { rtmStartData } = (await import(pathToFileURL(file).href)) as { rtmStartData: (c: typeof call, args: object, options: object) => Promise<{ groups: unknown }> };
      expect(flags((await rtmStartData(call, {}, { timeScale: 0.001 })).groups)).toEqual(legacy);
    }));

  it.concurrent('fetches the extras named in `include`, equal to what legacy rtm.start answered, with the calls core counts for them', () =>
    withFake({ seed: 21, users: 60, channels: 10, mode: 'legacy' }, async (fake) => {
      const dir = await tempDir('rtm-migrate-helper-extras-');
      const file = join(dir, 'rtm-start-data.mjs');
      await writeFile(file, helperSource({ typescript: false, commonjs: false, legacyClient: false }));
      await symlink(join(BOT_MODULES), join(dir, 'node_modules'), 'dir');
      const { WebClient } = (await import(pathToFileURL(join(BOT_MODULES, '@slack', 'web-api', 'dist', 'index.js')).href)) as typeof import('@slack/web-api');
      const { rtmStartData } = (await import(pathToFileURL(file).href)) as {
        rtmStartData: (client: object, args: object, options: object) => Promise<Record<string, unknown>>;
      };
      const web = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
      interface Conversation {
        id: string;
        latest?: unknown;
        last_read?: string;
        unread_count?: number;
        unread_count_display?: number;
      }
      interface Data {
        subteams: unknown;
        dnd: unknown;
        team: { prefs: unknown };
        channels: Conversation[];
        ims: Conversation[];
      }
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- the retired method is the reference
      const legacy = (await web.rtm.start({ mpim_aware: true })) as unknown as Data;
      const fields = ['subteams.self', 'dnd.dnd_enabled', 'team.prefs.display_real_names', 'channels[].latest', 'channels[].unread_count', 'ims[].latest', 'ims[].last_read'];
      fake.setMode('connect_required');
      fake.resetCalls();
      const data = (await rtmStartData(web, { mpim_aware: true }, { include: helperIncludes(fields), timeScale: 0 })) as unknown as Data;
      expect(data.subteams).toEqual(legacy.subteams);
      expect(data.dnd).toEqual(legacy.dnd);
      // team.preferences.list answers a documented subset of the preferences rtm.start sent (no `default_channels`).
      expect(legacy.team.prefs).toMatchObject(data.team.prefs as object);
      expect(Object.keys(data.team.prefs as object).length).toBeGreaterThan(0);
      const state = (list: Conversation[]) =>
        Object.fromEntries(list.filter((c) => c.latest !== undefined).map((c) => [c.id, [c.latest, c.last_read, c.unread_count, c.unread_count_display]]));
      expect(Object.keys(state(legacy.channels)).length).toBeGreaterThan(0);
      expect(state(data.channels)).toEqual(state(legacy.channels));
      expect(state(data.ims)).toEqual(state(legacy.ims));

      const cost = costOfReplacement(fake.workspace.size(), helperFieldsRead(true, fields), { mpimAware: true, listing: 'one' });
      const made = new Map<string, number>();
      for (const c of fake.calls) made.set(c.method, (made.get(c.method) ?? 0) + 1);
      const planned = new Map<string, number>();
      for (const c of cost.byMethod) planned.set(c.method, (planned.get(c.method) ?? 0) + c.calls);
      expect(made).toEqual(planned);

      // As rtm.start: simple_latest gives the ts alone; no_unreads leaves the counts out, `last_read` in.
      fake.setMode('legacy');
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- the retired method is the reference
      const simple = (await web.rtm.start({ mpim_aware: true, simple_latest: true, no_unreads: true })) as unknown as Data;
      fake.setMode('connect_required');
      const args = { mpim_aware: true, simple_latest: true, no_unreads: true };
      const simpleData = (await rtmStartData(web, args, { include: helperIncludes(fields), timeScale: 0 })) as unknown as Data;
      expect(state(simpleData.channels)).toEqual(state(simple.channels));
      expect(Object.values(state(simpleData.channels)).every(([latest, , count]) => typeof latest === 'string' && count === undefined)).toBe(true);
    }));
});

describe('the generated helper module with every client helper', () => {
  // Old bots declare old toolchains: Node 8 (`engines.node`) reads ES2017, Babel 6 no `??`, `?.` or object
  // spread, and Babel 5 compiles async functions (ES2017) and generators into `regeneratorRuntime` calls
  // that fail without its polyfill. So the module keeps to ES2016 syntax with no generator, in every
  // variant, and the old-toolchain warning has nothing of it to name. Syntax by espree at exactly ES2016;
  // built-ins by tsc with only ES2015's library, as a tsconfig with `target: es6` and no `lib` has (no
  // Array.prototype.includes, Object.entries, replaceAll…): TypeScript lowers the syntax.
  it('needs no more than ES2016 syntax (no async function, no generator) and ES2015 built-ins, in every variant', async () => {
    const all = { legacyClient: true, slackClient: true, rtmApiClient: true, libraryStarts: new Set(HELPER_LIBRARIES) } as const;
    const commonjs = helperSource({ typescript: false, commonjs: true, ownPromise: true, ...all });
    // withSlackPackageRtmStart() in an ES module loads `ws` through `import.meta.url` (ES2020): an ES module
    // runs on Node 12+ only, whose syntax that is; its CommonJS form (`require`) is checked below.
    const esm = helperSource({ typescript: false, commonjs: false, ownPromise: true, ...all, libraryStarts: new Set(HELPER_LIBRARIES.filter((library) => library !== 'slack-package')) });
    expect(commonjs).toContain('60000 / limit.perMinute');
    const variants: [string, string, 'script' | 'module'][] = [
      ['all, CommonJS', commonjs, 'script'],
      ['all, ES module', esm, 'module'],
      ['rtmStartData() alone', helperSource({ typescript: false, commonjs: true, legacyClient: false }), 'script'],
      ['startRtmClient()', helperSource({ typescript: false, commonjs: true, legacyClient: true }), 'script'],
      ['startSlackClientRtm()', helperSource({ typescript: false, commonjs: true, legacyClient: false, slackClient: true }), 'script'],
      ['withRtmStartData()', helperSource({ typescript: false, commonjs: false, legacyClient: false, rtmApiClient: true }), 'module'],
      ...HELPER_LIBRARIES.map((library): [string, string, 'script'] => [library, helperSource({ typescript: false, commonjs: true, legacyClient: false, libraryStarts: new Set([library]) }), 'script']),
    ];
    for (const [name, text, sourceType] of variants) {
      expect(() => espree.parse(text, { ecmaVersion: 2016, sourceType }), name).not.toThrow();
      expect(/function\s*\*/.test(text), name).toBe(false);
      // Babel 6's preset-env without its class transform makes arrows functions, where `super` does not parse (blind s51/02).
      expect(superInArrows(espree.parse(text, { ecmaVersion: 2020, sourceType }) as AstNode), name).toEqual([]);
    }
    expect(superInArrows(espree.parse('class A extends B { m() { const f = () => super.m(); } }', { ecmaVersion: 2020, sourceType: 'script' }) as AstNode)).toEqual(['super.m']);
    // The test is able to fail: an async function, `??` or an object spread does not parse at ES2016.
    for (const newer of ['async function f() {}', 'a ?? b;', 'const o = { ...a };']) {
      expect(() => espree.parse(`${commonjs}\n${newer}\n`, { ecmaVersion: 2016, sourceType: 'script' }), newer).toThrow();
    }
    const dir = await tempDir('rtm-migrate-helper-es2020-');
    await writeFile(join(dir, 'rtm-start-data.ts'), helperSource({ typescript: true, commonjs: false, ...all }));
    // What TypeScript gives `target: es6` with no `lib` (ES2015 and the DOM's globals), and no @types/node: its
    // triple-slash references would bring a newer library in.
    const compilerOptions = { strict: true, noEmit: true, target: 'ES2015', lib: ['ES2015', 'DOM'], module: 'NodeNext', moduleResolution: 'NodeNext', types: [] };
    await writeFile(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['rtm-start-data.ts'] }));
    const compiled = await run(process.execPath, [TSC, '-p', dir], { cwd: ROOT });
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);
  });

  it('compiles under strict TypeScript, and its CommonJS JavaScript exports each function', async () => {
    const dir = await tempDir('rtm-migrate-helper-all-');
    const all = { legacyClient: true, slackClient: true, rtmApiClient: true, libraryStarts: new Set(HELPER_LIBRARIES) } as const;
    await writeFile(join(dir, 'rtm-start-data.ts'), helperSource({ typescript: true, commonjs: false, ...all }));
    // The library wrappers keep the types of what they wrap, whatever typings declare (a class without `_api`).
    await writeFile(
      join(dir, 'bot.ts'),
      [
        "import { rtmStartData, startRtmClient, startRtmClientMadeElsewhere, startSlackClientRtm, withBotkitRtmStart, withSlackbotsRtmStart, withSlackbotapiRtmStart, withSlackbotsRtmStartOn, withSlackClientRtmStart } from './rtm-start-data.js';",
        'class Relay { constructor(readonly options: { token: string; name: string }) {} on(event: string): string { return event; } }',
        "const relay: Relay = new (withSlackbotsRtmStart(Relay))({ token: 'xoxb-test', name: 'relay' });",
        "relay.on('start');",
        "const own: Relay = withSlackbotsRtmStartOn(new Relay({ token: 'xoxb-test', name: 'own' }));",
        "own.on('start');",
        "const bot: Relay = new (withSlackbotapiRtmStart(Relay))({ token: 'xoxb-1-test', name: 'bot' });",
        "bot.on('open');",
        'const worker = { api: {}, startRTM(done: (err: unknown) => void): void { done(null); } };',
        'withBotkitRtmStart(worker).startRTM(() => undefined);',
        'const greeter = { _apiCall(): void {}, login(): void {} };',
        'withSlackClientRtmStart(greeter).login();',
        '// Any value: what it is, is told when it starts.',
        "const injected: { start(): void; on(event: string): void } = { start(): void {}, on(): void {} };",
        "startRtmClientMadeElsewhere(injected, { batch_presence_aware: true }, { include: ['dnd'] });",
        "// Clients typed by the code's own declarations, with only what it calls (SDKs before typings): taken as typed.",
        'declare const ownRtm: { start(): void; on(event: string, f: (m: unknown) => void): void };',
        'startRtmClient(ownRtm);',
        "startSlackClientRtm(ownRtm, {}, { include: ['dnd'] });",
        'declare const ownWeb: { rtm: { start(): Promise<unknown> } };',
        'void rtmStartData(ownWeb);',
        '',
      ].join('\n'),
    );
    const compiled = await run(process.execPath, [TSC, '--strict', '--noEmit', '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--types', 'node', join(dir, 'rtm-start-data.ts'), join(dir, 'bot.ts')], { cwd: ROOT });
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);
    await writeFile(join(dir, 'rtm-start-data.cjs'), helperSource({ typescript: false, commonjs: true, ownPromise: true, ...all }));
    const listed = await run(process.execPath, ['-e', `console.log(Object.keys(require(${JSON.stringify(join(dir, 'rtm-start-data.cjs'))})).join(' '))`]);
    expect(listed.stdout.trim()).toBe('rtmStartData rtmStartDataAs startRtmClient withLegacyRtmStart startRtmClientMadeElsewhere startSlackClientRtm withRtmStartData withBotkitRtmStart withSlackbotsRtmStart withSlackbotsRtmStartOn withSlackClientRtmStart withSlackbotapiRtmStart withSlackPackageRtmStart');
    // A bot made with a wrapper's subclass keeps its class's name (`new (withSlackbotsRtmStart(Bot))(…)`: `Bot`), and `instanceof`.
    const named = await run(process.execPath, [
      '-e',
      `const m = require(${JSON.stringify(join(dir, 'rtm-start-data.cjs'))}); class Bot { _api() {} } class slackAPI { reqAPI() {} }
const bot = new (m.withSlackbotsRtmStart(Bot))(); const api = new (m.withSlackbotapiRtmStart(slackAPI))();
console.log(bot.constructor.name, bot instanceof Bot, api.constructor.name, api instanceof slackAPI);`,
    ]);
    expect(named.stdout.trim()).toBe('Bot true slackAPI true');
  });
});

interface AstNode {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** Each `super.x` that stands inside an arrow function (nearer than any other function), as `super.x`. */
function superInArrows(node: AstNode, inArrow = false): string[] {
  if (node.type === 'MemberExpression' && (node['object'] as AstNode).type === 'Super' && inArrow) return [`super.${String((node['property'] as { name?: string }).name)}`];
  const arrow = node.type === 'ArrowFunctionExpression' ? true : node.type === 'FunctionExpression' || node.type === 'FunctionDeclaration' ? false : inArrow;
  return Object.entries(node).flatMap(([key, value]) => {
    if (key === 'parent') return [];
    const children = (Array.isArray(value) ? value : [value]).filter((v): v is AstNode => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string');
    return children.flatMap((child) => superInArrows(child, arrow));
  });
}
