import { cp, mkdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RTM_START_MEMBER_LIMIT } from '@rtm-migrate/core';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, ROOT, tempDir } from './helpers.js';

/**
 * Bots on the `slack` npm package (github.com/smallwins/slack) as published, each run against fake
 * Slack on 127.0.0.1 before the migration (legacy `rtm.start`) and after `rtm-migrate apply` on a copy
 * (`connect_required`): the same output, every call through the package's own methods, members
 * complete past `rtm.start`'s cut. The package versions are fixtures/bots' (8.4.2, and 9.1.5 and
 * 11.0.2 under aliases), each installed as `slack` in the bot's copy, so the codemod reads the version
 * the bot runs with.
 */

const BOTS = join(ROOT, 'fixtures', 'bots');

type Version = '8.4.2' | '9.1.5' | '11.0.2';

/** The installed package of each version (fixtures/bots' dependencies). */
const INSTALLED: Record<Version, string> = { '8.4.2': 'slack', '9.1.5': 'slack-9', '11.0.2': 'slack-11' };

/**
 * fixtures/bots/<bot> with the shared printer, and the `slack` package of `version` in its
 * node_modules. 9.1 and later read their API origin from STENO_URL; 8.x posts to a fixed
 * 'https://slack.com/api/', so its copy reads SLACK_API_URL there instead (the only edit).
 */
async function copyBot(bot: string, version: Version): Promise<string> {
  const dir = await tempDir(`${bot}-${version}-`);
  await cp(join(BOTS, bot), join(dir, bot), { recursive: true });
  await cp(join(BOTS, 'summary.js'), join(dir, 'summary.js'));
  const installed = await realpath(join(BOTS, 'node_modules', INSTALLED[version]));
  const modules = join(dir, bot, 'node_modules');
  await mkdir(modules);
  if (version !== '8.4.2') {
    await symlink(installed, join(modules, 'slack'), 'dir');
    return dir;
  }
  await copySlack842(installed, join(modules, 'slack'));
  return dir;
}

/** A copy of slack 8.4.2 at `library`, its dependencies found beside the installed one, posting to SLACK_API_URL. */
async function copySlack842(installed: string, library: string): Promise<void> {
  await cp(installed, library, { recursive: true, dereference: true });
  await symlink(join(installed, '..'), join(library, 'node_modules'), 'dir');
  const exec = join(library, 'methods', '_exec.js');
  const source = await readFile(exec, 'utf8');
  const fixed = "url: 'https://slack.com/api/' + url";
  expect(source).toContain(fixed);
  await writeFile(exec, source.replace(fixed, 'url: process.env.SLACK_API_URL + url'));
}

interface Bot {
  readonly bot: string;
  readonly main: string;
  readonly version: Version;
  /** A line of the original's output against legacy rtm.start, to know it really ran. */
  readonly prints: RegExp;
  /** How the migrated call reads (the rewrite kept the form: callback, promise chain, await). */
  readonly rewritten: RegExp;
  /** Also run against a workspace past rtm.start's member cut (once per bot). */
  readonly members?: true;
}

const BOT_RUNS: readonly Bot[] = [
  { bot: 'slack-callback-bot', main: 'bot.js', version: '8.4.2', members: true, prints: /^mpims: \d+/m, rewritten: /callbackify\(rtmStartData\)\(callSlack, \{ token: token, mpim_aware: true \}, \{ fields: \[[^\n]*?\] \}, function \(err, data\) \{/ },
  { bot: 'slack-callback-bot', main: 'bot.js', version: '11.0.2', prints: /^mpims: \d+/m, rewritten: /callbackify\(rtmStartData\)\(callSlack, / },
  { bot: 'slack-await-bot', main: 'bot.js', version: '9.1.5', members: true, prints: /^groups: \d+/m, rewritten: /const data = await rtmStartData\(callSlack, \{ token: process\.env\.SLACK_BOT_TOKEN \}, \{ fields: \[[^\n]*?\] \}\);/ },
  { bot: 'slack-await-bot', main: 'bot.js', version: '11.0.2', prints: /^groups: \d+/m, rewritten: /await rtmStartData\(callSlack, / },
  { bot: 'slack-then-bot', main: 'bot.js', version: '11.0.2', members: true, prints: /^mpims: \d+/m, rewritten: /rtmStartData\(callSlack, \{ token: process\.env\.SLACK_BOT_TOKEN, mpim_aware: true \}, \{ fields: \[[^\n]*?\] \}\)\n {2}\.then\(/ },
  { bot: 'slack-instance-bot', main: 'bot.mjs', version: '11.0.2', members: true, prints: /^\S+ on .+: \d+ people/m, rewritten: /await rtmStartData\(callSlack, \{ mpim_aware: 1 \}, \{ fields: \[[^\n]*?\] \}\)/ },
  // The package's `rtm` family taken out of it, and 8.x's token-bound `slack.api.client(token)`.
  { bot: 'slack-family-bot', main: 'bot.js', version: '8.4.2', members: true, prints: /^mpims: \d+/m, rewritten: /reduce\(\(methods, name\) => methods\[name\], require\('slack'\)\)[^\n]*\n\s*callbackify\(rtmStartData\)\(callSlack, \{ token: process\.env\.SLACK_BOT_TOKEN, mpim_aware: true \}, \{ fields: \[[^\n]*?\] \}, function \(err, data\) \{/ },
  { bot: 'slack-family-bot', main: 'bot.js', version: '11.0.2', prints: /^mpims: \d+/m, rewritten: /callbackify\(rtmStartData\)\(callSlack, / },
  { bot: 'slack-api-client-bot', main: 'bot.js', version: '8.4.2', members: true, prints: /^mpims: \d+/m, rewritten: /methods\[name\], bot\)[^\n]*\n\s*callbackify\(rtmStartData\)\(callSlack, \{ mpim_aware: true \}, \{ fields: \[[^\n]*?\] \}, function \(err, data\) \{/ },
  { bot: 'slack-family-esm-bot', main: 'bot.mjs', version: '9.1.5', members: true, prints: /^\S+ on .+: \d+ people/m, rewritten: /methods\[name\], slack\)[^\n]*\n[^]*const data = await rtmStartData\(callSlack, \{ token: process\.env\.SLACK_BOT_TOKEN \}, \{ fields: \[[^\n]*?\] \}\)/ },
  { bot: 'slack-family-esm-bot', main: 'bot.mjs', version: '11.0.2', prints: /^\S+ on .+: \d+ people/m, rewritten: /await rtmStartData\(callSlack, / },
  // `start` itself taken off the family (`const { start } = require('slack').rtm`).
  { bot: 'slack-detached-bot', main: 'bot.js', version: '8.4.2', members: true, prints: /^mpims: \d+/m, rewritten: /methods\[name\], require\('slack'\)\)[^\n]*\n\s*callbackify\(rtmStartData\)\(callSlack, \{ token: process\.env\.SLACK_BOT_TOKEN, mpim_aware: true \}, \{ fields: \[[^\n]*?\] \}, \(err, data\) => \{/ },
  { bot: 'slack-detached-bot', main: 'bot.js', version: '11.0.2', prints: /^mpims: \d+/m, rewritten: /callbackify\(rtmStartData\)\(callSlack, / },
];

function runBot(dir: string, bot: Bot, apiUrl: string): Promise<RunResult> {
  return runNodeBot(join(dir, bot.bot, bot.main), { cwd: dir, apiUrl, env: { STENO_URL: apiUrl.replace(/\/api\/$/, '') } });
}

const name = (b: Bot): string => `${b.bot} on slack@${b.version}`;

const membersOfGeneral = (out: string): number => Number(/ #general members=(\d+):/.exec(out)?.[1]);

describe('bots on the slack package, before and after rtm-migrate apply', () => {
  let small: FakeSlack;
  /** A workspace whose #general has more members than rtm.start listed. */
  let big: FakeSlack;
  beforeAll(async () => {
    small = await startFakeSlack({ seed: 12, users: 40, channels: 8, mode: 'legacy' });
    big = await startFakeSlack({ seed: 13, users: RTM_START_MEMBER_LIMIT + 40, channels: 3, mode: 'legacy' });
  });
  afterAll(async () => {
    await Promise.all([small.close(), big.close()]);
  });

  it.each(BOT_RUNS.map((b) => [name(b), b] as const))('%s', { timeout: 240_000 }, async (_name, bot) => {
    const dir = await copyBot(bot.bot, bot.version);
    small.setMode('legacy');
    const before = await runBot(dir, bot, small.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(bot.prints);

    small.setMode('connect_required');
    const broken = await runBot(dir, bot, small.apiUrl);
    expect(broken.stderr).toContain('rtm_connect_required');
    if (bot.members) {
      big.setMode('legacy');
      expect(membersOfGeneral((await runBot(dir, bot, big.apiUrl)).stdout)).toBe(RTM_START_MEMBER_LIMIT);
    }

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('TODOs left: 0');
    const source = await readFile(join(dir, bot.bot, bot.main), 'utf8');
    expect(source).toMatch(bot.rewritten);
    expect(source).not.toMatch(/^(?!\s*\/\/).*\brtm\s*\.start\(/m);

    small.resetCalls();
    const after = await runBot(dir, bot, small.apiUrl);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    const methods = small.calls.map((c) => c.method);
    expect(methods).not.toContain('rtm.start');
    // These bots read `self` and members: asked for those parts, the helper module still calls conversations.members, and rtm.connect last.
    expect(methods.at(-1)).toBe('rtm.connect');
    expect(methods).toContain('conversations.members');

    if (!bot.members) return;
    // Complete where rtm.start cut the list at 500.
    big.setMode('connect_required');
    const complete = await runBot(dir, bot, big.apiUrl);
    expect(complete.code).toBe(0);
    const general = big.workspace.byType.public_channel.find((c) => c.isGeneral)!;
    expect(membersOfGeneral(complete.stdout)).toBe(big.workspace.memberCount(general));
    expect(membersOfGeneral(complete.stdout)).toBeGreaterThan(RTM_START_MEMBER_LIMIT);
  });

  // Blind s93/03 (sdslabs/jinora): the whole data kept for code the analysis cannot read, whose `team.prefs` would be
  // fetched as an optional extra through `team.preferences.list`, which no release of the package has: the call threw.
  it('hands the whole data on without asking the package for team.prefs, which it cannot fetch: the same output', { timeout: 240_000 }, async () => {
    const bot: Bot = { bot: 'slack-then-bot', main: 'bot.js', version: '11.0.2', prints: /^mpims: \d+/m, rewritten: /rtmStartData\(callSlack, [^\n]*, \{ optional: \['dnd', 'subteams'\] \}\)/ };
    const dir = await copyBot(bot.bot, bot.version);
    const main = join(dir, bot.bot, bot.main);
    const source = await readFile(main, 'utf8');
    expect(source).toContain("require('../summary')");
    await writeFile(main, source.replace("require('../summary')", "require(require('path').join(__dirname, '..', 'summary'))"));
    small.setMode('legacy');
    const before = await runBot(dir, bot, small.apiUrl);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(bot.prints);

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect([migrated.code, migrated.stderr]).toEqual([0, '']);
    expect(await readFile(main, 'utf8')).toMatch(bot.rewritten);
    small.setMode('connect_required');
    small.resetCalls();
    const after = await runBot(dir, bot, small.apiUrl);
    expect([after.code, after.stderr]).toEqual([0, '']);
    expect(after.stdout).toBe(before.stdout);
    expect(small.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['usergroups.list', 'dnd.info', 'rtm.connect']));
  });

  it('keeps the callback contract: an error Slack answers reaches the callback once, as the package made it', async () => {
    const dir = await copyBot('slack-callback-bot', '8.4.2');
    expect((await cli(['apply', '.', '--allow-dirty'], dir)).code).toBe(0);
    small.setMode('connect_required');
    // The package turns `ok: false` into Error(error); the same message comes back, once.
    const result = await run(process.execPath, [join(dir, 'slack-callback-bot', 'bot.js')], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: 'xoxb-unknown-to-fake-slack', SLACK_API_URL: small.apiUrl },
      timeoutMs: 120_000,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual(['rtm.start failed: invalid_auth']);
    expect(result.stdout).toBe('');
  });
});

/**
 * Blind s109/07 (slack 7.7.3): the package's own example loads it as `require('..')`. Wrapped in the generated
 * `withSlackPackageRtmStart()`, which loads `slack` by name, it crashed (`Cannot find module 'slack'`); the
 * package's own files are its business, and its `methods/rtm.start.js` is migrated where it is. On a copy of the
 * slack 8.4.2 fixtures/bots installs, pointed at fake Slack as the bots' copies are.
 */
const OWN_EXAMPLE = `var slack = require('..');
var bot = slack.rtm.client();
var line = '';
bot.started(function (payload) {
  line = 'users ' + payload.users.length + ', channels ' + payload.channels.length + ', self ' + payload.self.name + '\\n';
});
// Once the socket is open: leave without the client's reconnects.
bot.hello(function () {
  process.stdout.write(line, function () { process.exit(0); });
});
bot.listen({ token: process.env.SLACK_BOT_TOKEN });
`;

describe("the slack package's own example, loading it as require('..')", () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 109, users: 9, channels: 4, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  it("is left as it is; the package's own rtm.start is migrated, and the example prints the same", { timeout: 240_000 }, async () => {
    const dir = await tempDir('slack-own-example-');
    const pkg = join(dir, 'slack');
    await copySlack842(await realpath(join(BOTS, 'node_modules', 'slack')), pkg);
    await mkdir(join(pkg, 'example'));
    await writeFile(join(pkg, 'example', 'bot.js'), OWN_EXAMPLE);
    const start = (): Promise<RunResult> => runNodeBot(join(pkg, 'example', 'bot.js'), { cwd: pkg, apiUrl: slack.apiUrl });
    slack.setMode('legacy');
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^users 9, channels [1-9]\d*, self \S+\n$/);

    const migrated = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], pkg);
    expect(migrated.code).toBe(0);
    const report = JSON.parse(migrated.stdout) as { todos: number; sites: { id: string; rewrite: string }[] };
    expect(report.todos).toBe(0);
    expect(report.sites.filter((s) => s.id.startsWith('example/'))).toEqual([]);
    expect(report.sites.map((s) => s.id)).toContain('methods/rtm.start.js:25:5');
    expect(await readFile(join(pkg, 'example', 'bot.js'), 'utf8')).toBe(OWN_EXAMPLE);

    slack.setMode('connect_required');
    slack.resetCalls();
    const after = await start();
    expect([after.code, after.stderr, after.stdout]).toEqual([0, '', before.stdout]);
    expect(slack.calls.map((c) => c.method)).not.toContain('rtm.start');
  });
});
