import { cp, mkdir, readFile, realpath, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { RTM_START_MEMBER_LIMIT } from '@rtm-migrate/core';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../../test/support/corpus.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, ROOT, tempDir } from './helpers.js';

/**
 * Bots whose legacy `RtmClient` is made inside an `init(token, opts)` function from the options the
 * caller gives (not written out where it is made), kept in a module variable, started in another
 * function, and handed to a module that looks users and conversations up in its `dataStore`. Each
 * declares its own `@slack/client` and runs with it installed: 3.16.0 (the option is added to a copy
 * of the options) and 2.3.0 (no `useRtmConnect`: its `rtm.start` request is answered by the helper
 * module). Run before the migration against fake Slack's legacy `rtm.start`, after it against
 * `connect_required`: the same output; the look-ups are left as they are (`filled`), and the migrated
 * copy lints clean with the real ESLint.
 */

const BOTS = join(ROOT, 'fixtures', 'bots');

interface Bot {
  readonly bot: string;
  readonly main: string;
  /** fixtures/bots' installed package of the version the bot declares. */
  readonly installed: string;
  readonly version: RegExp;
  /** The module that makes and starts the client, and how it reads once migrated. */
  readonly client: string;
  readonly rewritten: readonly RegExp[];
  /** The module whose look-ups stay as they were. */
  readonly lookups: string;
}

const RUNS: readonly Bot[] = [
  {
    bot: 'v3-init-bot',
    main: 'index.js',
    installed: join('@slack', 'client'),
    version: /^3\.16\./,
    client: 'slack.js',
    rewritten: [/^ {2}rtmClient = new RtmClient\(token, Object\.assign\(\{\}, opts, \{ useRtmConnect: true \}\)\);$/m, /^ {2}startRtmClient\(rtmClient, \{\}, \{ optional: \['team\.prefs'\] \}\);$/m],
    lookups: 'dispatcher.js',
  },
  {
    bot: 'v2-init-bot',
    main: 'bot.js',
    installed: 'slack-client-2-3',
    version: /^2\.3\./,
    client: 'connection.js',
    rewritten: [/^ {2}client = new slack\.RtmClient\(token, opts\);$/m, /^ {2}startSlackClientRtm\(client, \{\}, \{ optional: \['team\.prefs'\] \}\);$/m],
    lookups: 'handlers.js',
  },
];

/** fixtures/bots/<bot> in a fresh folder, with the `@slack/client` it declares in its own node_modules. */
async function copyBot(bot: Bot): Promise<string> {
  const dir = await tempDir(`${bot.bot}-`);
  await cp(join(BOTS, bot.bot), join(dir, bot.bot), { recursive: true });
  await mkdir(join(dir, bot.bot, 'node_modules', '@slack'), { recursive: true });
  const installed = await realpath(join(BOTS, 'node_modules', bot.installed));
  await symlink(installed, join(dir, bot.bot, 'node_modules', '@slack', 'client'), 'dir');
  const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8')) as { version: string };
  expect(manifest.version).toMatch(bot.version);
  return dir;
}

function runBot(dir: string, bot: Bot, apiUrl: string): Promise<RunResult> {
  return runNodeBot(join(dir, bot.bot, bot.main), { cwd: dir, apiUrl });
}

/** Our rules' reports on the bot's own files, with the real ESLint and `configs.recommended`. */
async function lint(dir: string, bot: Bot): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(false), ignore: false });
  const results = await eslint.lintFiles([join(bot.bot, '*.js')]);
  return results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${String(m.line)} ${m.ruleId ?? '(fatal)'}`));
}

const membersOfGeneral = (out: string): number => Number(/ #general members=(\d+):/.exec(out)?.[1]);

describe('legacy RtmClient made in init(token, opts), started elsewhere, dataStore handed on', () => {
  let small: FakeSlack;
  let big: FakeSlack;
  beforeAll(async () => {
    small = await startFakeSlack({ seed: 21, users: 40, channels: 8, mode: 'legacy' });
    big = await startFakeSlack({ seed: 22, users: RTM_START_MEMBER_LIMIT + 30, channels: 3, mode: 'connect_required' });
  });
  afterAll(async () => {
    await Promise.all([small.close(), big.close()]);
  });

  it.each(RUNS.map((b) => [b.bot, b] as const))('%s: the same output against connect_required, look-ups filled, lint clean', { timeout: 240_000 }, async (_name, bot) => {
    const dir = await copyBot(bot);
    small.setMode('legacy');
    const before = await runBot(dir, bot, small.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^channel \w+ #general members=\d+: /m);
    expect(before.stdout).toMatch(/^dm \w+ with \S+$/m);
    expect((await lint(dir, bot)).length).toBeGreaterThan(0);

    small.setMode('connect_required');
    const broken = await runBot(dir, bot, small.apiUrl);
    expect(broken.stderr).toContain('unable to start: rtm_connect_required');

    const lookups = await readFile(join(dir, bot.bot, bot.lookups), 'utf8');
    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('TODOs left: 0');
    expect(migrated.stdout).toMatch(new RegExp(`^note +${bot.bot}/${bot.lookups}:\\d+:\\d+ +legacy-data-store → filled`, 'm'));
    expect(await readFile(join(dir, bot.bot, bot.lookups), 'utf8')).toBe(lookups);
    const source = await readFile(join(dir, bot.bot, bot.client), 'utf8');
    for (const line of bot.rewritten) expect(source).toMatch(line);
    expect(await lint(dir, bot)).toEqual([]);

    small.resetCalls();
    const after = await runBot(dir, bot, small.apiUrl);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    const methods = small.calls.map((c) => c.method);
    expect(methods).not.toContain('rtm.start');
    expect(methods.filter((m) => m === 'rtm.connect')).toHaveLength(1);

    // Members past rtm.start's old cut of 500.
    const complete = await runBot(dir, bot, big.apiUrl);
    expect(complete.code).toBe(0);
    const general = big.workspace.byType.public_channel.find((c) => c.isGeneral)!;
    expect(membersOfGeneral(complete.stdout)).toBe(big.workspace.memberCount(general));
    expect(membersOfGeneral(complete.stdout)).toBeGreaterThan(RTM_START_MEMBER_LIMIT);
  });
});
