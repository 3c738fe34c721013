import { cp, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, cli, expectSameWithoutRtmStart, ROOT, tempDir, expectSecondRunChangesNothing } from './helpers.js';

/**
 * A legacy @slack/client v3 RtmClient made in one module (fixtures/bots/v3-split-bot/client.js,
 * `exports.rtm = rtm`) and started in another (bot.js, `require('./client').rtm` then `rtm.start()`),
 * its dataStore read in both. Run before the migration against fake Slack answering `rtm.start` in
 * full, and after it against a Slack that retired `rtm.start`: the same output.
 */
const BOTS = join(ROOT, 'fixtures', 'bots');

async function copySplitBot(): Promise<string> {
  const dir = await tempDir('v3-split-bot-');
  await cp(join(BOTS, 'v3-split-bot'), join(dir, 'v3-split-bot'), { recursive: true });
  await symlink(join(BOTS, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function runBot(dir: string, apiUrl: string): Promise<RunResult> {
  return runNodeBot(join(dir, 'v3-split-bot', 'bot.js'), { cwd: dir, apiUrl, timeoutMs: 90_000 });
}

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 31, users: 30, channels: 6, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

describe('a v3 RtmClient made in one module and started in another', () => {
  it('starts through startRtmClient() where it is started, gets useRtmConnect: true where it is made, and prints the same against connect_required', { timeout: 180_000 }, async () => {
    const dir = await copySplitBot();
    fake.setMode('legacy');
    const before = await runBot(dir, fake.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^channel C\w+ #general members=\d+: /m);

    const migrated = await breaksThenMigrates(fake, dir, () => runBot(dir, fake.apiUrl));
    const bot = join('v3-split-bot', 'bot.js');
    const client = join('v3-split-bot', 'client.js');
    expect(migrated).toMatch(new RegExp(`^done +${escape(bot)}:34:1 +legacy-client → helper-module`, 'm'));
    expect(migrated).toMatch(new RegExp(`^done +${escape(client)}:7:11 +legacy-client → helper-module`, 'm'));
    // The look-ups in both modules stay as they are: every start of the client fills its store.
    expect(migrated).toMatch(new RegExp(`^note +${escape(bot)}:\\d+:\\d+ +legacy-data-store → filled`, 'm'));
    expect(migrated).toMatch(new RegExp(`^note +${escape(client)}:16:14 +legacy-data-store → filled`, 'm'));
    expect(await readFile(join(dir, bot), 'utf8')).toContain("const { startRtmClient } = require('./rtm-start-data');");
    expect(await readFile(join(dir, bot), 'utf8')).toContain('startRtmClient(rtm);');
    expect(await readFile(join(dir, client), 'utf8')).toContain("  logLevel: 'error',\n  useRtmConnect: true\n});");

    fake.resetCalls();
    const after = await runBot(dir, fake.apiUrl);
    expectSameWithoutRtmStart(fake, before, after);

    // A second run changes nothing.
    await expectSecondRunChangesNothing(dir);
  });

  // Blind s112/03: `var rtm = bothelp.rtm` with `bothelp = require('./bothelp')` was no site at all, while another module's
  // start of the same client was migrated: the client got useRtmConnect, and this start's handlers rtm.connect's thin data.
  it('is followed through a name holding the module, and prints the same against connect_required', { timeout: 180_000 }, async () => {
    const dir = await copySplitBot();
    const bot = join(dir, 'v3-split-bot', 'bot.js');
    await writeFile(bot, (await readFile(bot, 'utf8')).replace("var rtm = require('./client').rtm;", "var client = require('./client');\nvar rtm = client.rtm;"));
    fake.setMode('legacy');
    const before = await runBot(dir, fake.apiUrl);
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
    const migrated = await breaksThenMigrates(fake, dir, () => runBot(dir, fake.apiUrl));
    expect(migrated).toMatch(new RegExp(`^done +${escape(join('v3-split-bot', 'bot.js'))}:\\d+:1 +legacy-client → helper-module`, 'm'));
    expect(await readFile(bot, 'utf8')).toContain('startRtmClient(rtm');
    fake.resetCalls();
    const after = await runBot(dir, fake.apiUrl);
    expectSameWithoutRtmStart(fake, before, after);
  });

  it('leaves every start a TODO, and the client made without useRtmConnect, when another start of the client cannot be rewritten', async () => {
    const dir = await copySplitBot();
    // A second module starts the same client through an expression the rewrite does not take.
    await writeFile(join(dir, 'v3-split-bot', 'restart.js'), "'use strict';\n\nmodule.exports = function restart() {\n  require('./client').rtm.start();\n};\n");
    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(new RegExp(`^TODO +${escape(join('v3-split-bot', 'bot.js'))}:34:1 +legacy-client → todo`, 'm'));
    expect(migrated.stdout).toMatch(new RegExp(`^TODO +${escape(join('v3-split-bot', 'restart.js'))}:4:3 +legacy-client → todo`, 'm'));
    // The client is made as before (its dataStore look-up there gets a TODO of its own).
    const client = await readFile(join(dir, 'v3-split-bot', 'client.js'), 'utf8');
    expect(client).not.toContain('useRtmConnect');
    expect(client).toContain("  logLevel: 'error'\n});");
    expect(migrated.stdout).toMatch(new RegExp(`^TODO +${escape(join('v3-split-bot', 'client.js'))}:16:14 +legacy-data-store → todo`, 'm'));
    expect(await readFile(join(dir, 'v3-split-bot', 'bot.js'), 'utf8')).toContain('not every start of it can go to the generated helper module');
  });

  // `rtm-migrate apply` given part of the project: a client made with `useRtmConnect: true` must have
  // every start go to startRtmClient(), and a start that does must be of a client made with it.
  it.each([
    { given: ['bot.js'], todo: 'bot.js:34:1', names: 'client.js', edit: undefined },
    { given: ['client.js'], todo: 'client.js:23:33', names: 'bot.js', edit: "\nexports.restart = function () { rtm.start(); };\n" },
    { given: ['bot.js', 'client.js'], todo: 'bot.js:34:1', names: 'restart.js', edit: undefined, restart: true },
  ])('given only $given: every start a TODO naming $names, the client made as before; the whole project migrates', async ({ given, todo, names, edit, restart }) => {
    const dir = await copySplitBot();
    const client = join(dir, 'v3-split-bot', 'client.js');
    if (edit) await writeFile(client, (await readFile(client, 'utf8')) + edit);
    if (restart) await writeFile(join(dir, 'v3-split-bot', 'restart.js'), "'use strict';\n\nvar rtm = require('./client').rtm;\n\nmodule.exports = function restart() {\n  rtm.start();\n};\n");
    const before = await readFile(client, 'utf8');
    const migrated = await cli(['apply', ...given.map((f) => join('v3-split-bot', f)), '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(new RegExp(`^TODO +${escape(join('v3-split-bot', todo))} +legacy-client → todo`, 'm'));
    expect(migrated.stdout).toMatch(new RegExp(`\`${escape(join('v3-split-bot', names))}\`,\\s+which\\s+rtm-migrate\\s+was\\s+not\\s+given`));
    expect(migrated.stdout).not.toMatch(/legacy-client → helper-module/);
    const after = await readFile(client, 'utf8');
    // Code, not the TODO comment's words.
    expect(after.replace(/^\s*\/\/.*$/gm, '')).not.toContain('useRtmConnect');
    expect(after).not.toContain('rtm-start-data');
    if (given.includes('client.js')) expect(after).toContain('TODO(rtm-migrate)');
    else expect(after).toBe(before);
    expect(await readFile(join(dir, 'v3-split-bot', 'bot.js'), 'utf8')).not.toContain('rtm-start-data');

    // Given the whole project, every start goes to the helper module and the client gets the option.
    const whole = await copySplitBot();
    const wholeClient = join(whole, 'v3-split-bot', 'client.js');
    if (edit) await writeFile(wholeClient, (await readFile(wholeClient, 'utf8')) + edit);
    if (restart) await writeFile(join(whole, 'v3-split-bot', 'restart.js'), "'use strict';\n\nvar rtm = require('./client').rtm;\n\nmodule.exports = function restart() {\n  rtm.start();\n};\n");
    const all = await cli(['apply', '.', '--allow-dirty'], whole);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('TODOs left: 0');
    expect(await readFile(wholeClient, 'utf8')).toContain('useRtmConnect: true');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
