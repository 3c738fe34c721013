import { cp, mkdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RTM_START_MEMBER_LIMIT } from '@rtm-migrate/core';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileBot, copyLegacyBot } from '../../../test/support/legacy-bot.js';
import { run, type RunResult } from '../../../test/support/run.js';
import { cli, ROOT, tempDir } from './helpers.js';

/**
 * Behaviour, not text: each program runs as a process against fake Slack on 127.0.0.1 before the
 * migration (`rtm.start` answering in full, `legacy` mode) and after `rtm-migrate apply` on a copy of
 * it (`rtm.start` retired: `connect_required`), and must print the same users, channels, groups,
 * mpims, ims and memberships (a TODO left in code the program does not run is checked at its site
 * and in the report).
 */

const BOTS = join(ROOT, 'fixtures', 'bots');
const REAL_WORLD = join(ROOT, 'fixtures', 'real-world');

interface Program {
  readonly name: string;
  /** A fresh copy of the program in a temporary folder; returns the folder. */
  copy(): Promise<string>;
  /** The script to run, relative to the copy. */
  readonly main: string;
  /** Steps between copying (or migrating) and running, such as compiling. */
  build?(dir: string): Promise<void>;
  /** Files (relative to the copy) where a TODO lands for code the program does not run. */
  readonly todoIn?: readonly string[];
  /** A line of the original's output against legacy rtm.start, to know it really ran. */
  readonly prints: RegExp;
  /** False for a program that does not print the memberships (fixtures/bots/summary.js). */
  readonly printsMembers?: boolean;
}

/** fixtures/bots/<bot> with the shared summary, resolving the fixture package's dependencies. */
async function copyBot(bot: string): Promise<string> {
  const dir = await tempDir(`${bot}-`);
  await cp(join(BOTS, bot), join(dir, bot), { recursive: true });
  for (const shared of ['summary.js', 'extras-summary.js']) await cp(join(BOTS, shared), join(dir, shared));
  await symlink(join(BOTS, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/**
 * A published library from fixtures/real-world, copied as it ships, with a runner that uses it as its
 * README shows. The library is installed under node_modules by a link to the copy (so that the codemod
 * migrates the copy, not an installed package); its own dependencies are the ones pnpm installed for
 * the same version in fixtures/bots.
 */
async function copyLibrary(folder: string, packageName: string, runner: string): Promise<string> {
  const dir = await tempDir(`${runner}-`);
  const library = join(dir, runner);
  await cp(join(REAL_WORLD, folder, 'package'), library, { recursive: true });
  const installed = await realpath(join(BOTS, 'node_modules', packageName));
  const depth = packageName.split('/').length;
  await symlink(join(installed, ...Array<string>(depth).fill('..')), join(library, 'node_modules'), 'dir');
  await mkdir(join(dir, 'node_modules', ...packageName.split('/').slice(0, -1)), { recursive: true });
  await symlink(library, join(dir, 'node_modules', packageName), 'dir');
  await mkdir(join(dir, 'runners'));
  await cp(join(BOTS, 'runners', `${runner}.js`), join(dir, 'runners', `${runner}.js`));
  await cp(join(BOTS, 'summary.js'), join(dir, 'summary.js'));
  return dir;
}

const PROGRAMS: readonly Program[] = [
  {
    name: 'legacy-bot (TypeScript, await, @slack/web-api)',
    copy: () => copyLegacyBot('behaviour-legacy-bot-'),
    main: join('dist', 'index.js'),
    async build(dir) {
      const compiled = await compileBot(dir);
      expect(compiled.stdout + compiled.stderr).toBe('');
    },
    prints: /^users: \d+/m,
  },
  {
    name: 'v3 RtmClient bot using dataStore (fixtures/v3-bot)',
    async copy() {
      const dir = await tempDir('behaviour-v3-bot-');
      await cp(join(ROOT, 'fixtures', 'v3-bot', 'src'), join(dir, 'src'), { recursive: true });
      await symlink(join(ROOT, 'fixtures', 'v3-bot', 'node_modules'), join(dir, 'node_modules'), 'dir');
      return dir;
    },
    main: join('src', 'bot.js'),
    prints: /^sent to #general: /m,
  },
  { name: 'callback-style bot (v3 WebClient, (err, res) callback, client on this)', copy: () => copyBot('callback-bot'), main: join('callback-bot', 'bot.js'), prints: /^channels: \d+/m },
  { name: '.then-chain bot (v3 WebClient promises)', copy: () => copyBot('promise-v3-bot'), main: join('promise-v3-bot', 'bot.js'), prints: /^users: \d+/m },
  { name: '.then-chain bot (@slack/web-api)', copy: () => copyBot('then-bot'), main: join('then-bot', 'bot.js'), prints: /^mpims: \d+/m },
  {
    // Reads bots, subteams, dnd, team.prefs, and latest / last_read / unread counts of its channels and ims.
    name: 'bot reading bots, subteams, dnd, team.prefs and unread state (@slack/web-api, await: inline)',
    copy: () => copyBot('extras-bot'),
    main: join('extras-bot', 'bot.js'),
    prints: /^subteams: in S\w+/m,
    printsMembers: false,
  },
  {
    // The same reads in a .then chain: rewritten to the generated helper module, asked for exactly these extras.
    name: '.then-chain bot reading the same (helper module with `include`)',
    copy: () => copyBot('extras-then-bot'),
    main: join('extras-then-bot', 'bot.js'),
    prints: /^subteams seen: \d+/m,
    printsMembers: false,
  },
  // Through the app's own transport: the replacement calls go where the original request went (same
  // URL base and headers; the same helper with its token and callback), so neither bot needs a WebClient.
  { name: 'raw-HTTP fetch bot', copy: () => copyBot('fetch-bot'), main: join('fetch-bot', 'bot.js'), prints: /^ims: \d+/m },
  { name: "app-helper bot (this._api('rtm.start', params, cb))", copy: () => copyBot('app-helper-bot'), main: join('app-helper-bot', 'bot.js'), prints: /^groups: \d+/m },
  {
    // slackbots posts to a fixed 'https://slack.com/api/': the copy reads SLACK_API_URL there instead
    // (the only edit besides the migration), so that it talks to fake Slack on 127.0.0.1.
    name: 'slackbots@1.2.0 (published library, this._api(\'rtm.start\').then)',
    async copy() {
      const dir = await copyLibrary('slackbots@1.2.0', 'slackbots', 'slackbots');
      const index = join(dir, 'slackbots', 'index.js');
      const source = await readFile(index, 'utf8');
      expect(source).toContain("url: 'https://slack.com/api/' + methodName");
      await writeFile(index, source.replace("'https://slack.com/api/'", "process.env.SLACK_API_URL"));
      return dir;
    },
    main: join('runners', 'slackbots.js'),
    // Its helper's promise is a `vow` promise, chained with `.fail()` and `.done()`: the data comes back
    // as a vow promise too (rtmStartDataAs), every call through the library's own this._api.
    prints: /^users: \d+/m,
  },
  {
    // The library (lib/ and its examples, as published) and a runner using its RtmClient, migrated
    // together: the runner's client start moves to useRtmConnect; the library's own WebClient facet
    // rtm.start() and its internals (not used by the runner once it starts through the helper) keep TODOs.
    name: '@slack/client@3.16.0 (published library, RtmClient + dataStore)',
    copy: () => copyLibrary('@slack+client@3.16.0', '@slack/client', 'slack-client-v3'),
    main: join('runners', 'slack-client-v3.js'),
    todoIn: [join('slack-client-v3', 'lib', 'clients', 'web', 'facets', 'rtm.js')],
    prints: /^dataStore: \S+ in #general$/m,
  },
];

function runProgram(dir: string, program: Program, apiUrl: string): Promise<RunResult> {
  return run(process.execPath, [join(dir, program.main)], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: apiUrl },
    timeoutMs: 120_000,
  });
}

let small: FakeSlack;

beforeAll(async () => {
  small = await startFakeSlack({ seed: 12, users: 40, channels: 8, mode: 'legacy' });
});

afterAll(async () => {
  await small.close();
});

describe('programs before and after rtm-migrate apply, against fake Slack', () => {
  it.each(PROGRAMS.map((p) => [p.name, p] as const))('%s', { timeout: 240_000 }, async (_name, program) => {
    const dir = await program.copy();
    await program.build?.(dir);
    small.setMode('legacy');
    const before = await runProgram(dir, program, small.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(program.prints);

    // Unmigrated, the program breaks once Slack retires rtm.start for it.
    small.setMode('connect_required');
    const broken = await runProgram(dir, program, small.apiUrl);
    expect(broken.code).not.toBe(0);
    expect(broken.stdout).not.toBe(before.stdout);

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    await program.build?.(dir);
    small.resetCalls();
    const after = await runProgram(dir, program, small.apiUrl);

    for (const file of program.todoIn ?? []) {
      expect(await readFile(join(dir, file), 'utf8'), file).toContain('TODO(rtm-migrate)');
      expect(migrated.stdout).toMatch(new RegExp(`^TODO +${escapeRegExp(file)}:\\d+:\\d+ `, 'm'));
    }
    expect(await readFile(join(dir, program.main), 'utf8')).not.toContain('TODO(rtm-migrate)');
    if (!program.todoIn) expect(migrated.stdout).toContain('TODOs left: 0');
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    const methods = small.calls.map((c) => c.method);
    expect(methods).not.toContain('rtm.start');
    expect(methods.filter((m) => m === 'rtm.connect')).toHaveLength(1);
  });
});

describe('member lists complete past the old cut', () => {
  let big: FakeSlack;
  beforeAll(async () => {
    big = await startFakeSlack({ seed: 13, users: RTM_START_MEMBER_LIMIT + 40, channels: 3, mode: 'legacy' });
  });
  afterAll(async () => {
    await big.close();
  });

  const membersOfGeneral = (out: string): number => Number(/ #general members=(\d+):/.exec(out)?.[1]);

  // The programs that print every membership (fixtures/bots/summary.js); legacy-bot and v3-bot have
  // their own member-count tests (legacy-bot.test.ts, v3-bot.test.ts).
  it.each(PROGRAMS.filter((p) => p.main !== PROGRAMS[0]!.main && p.main !== PROGRAMS[1]!.main && p.printsMembers !== false).map((p) => [p.name, p] as const))('%s', { timeout: 240_000 }, async (_name, program) => {
    const dir = await program.copy();
    big.setMode('legacy');
    const before = await runProgram(dir, program, big.apiUrl);
    expect(before.code).toBe(0);
    expect(membersOfGeneral(before.stdout)).toBe(RTM_START_MEMBER_LIMIT);
    expect((await cli(['apply', '.', '--allow-dirty'], dir)).code).toBe(0);
    big.setMode('connect_required');
    const after = await runProgram(dir, program, big.apiUrl);
    expect(after.code).toBe(0);
    const general = big.workspace.byType.public_channel.find((c) => c.isGeneral)!;
    expect(membersOfGeneral(after.stdout)).toBe(big.workspace.memberCount(general));
    expect(membersOfGeneral(after.stdout)).toBeGreaterThan(RTM_START_MEMBER_LIMIT);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
