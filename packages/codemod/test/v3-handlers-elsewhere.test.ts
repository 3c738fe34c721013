import { cp, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../../test/support/corpus.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, cli, expectSameWithoutRtmStart, ROOT, scanFiles, tempDir, expectSecondRunChangesNothing } from './helpers.js';

/**
 * fixtures/projects/v3-handlers-elsewhere: a legacy @slack/client v3 RtmClient made in
 * services/slackrtm.js, which also adds its AUTHENTICATED handler (the `channels` it reads find
 * #general) and a message handler whose `dataStore` look-ups tell a DM from a channel message, and
 * started by server.js. Run with the real @slack/client 3.16 against fake Slack answering `rtm.start`,
 * sent a channel message and a DM; migrated by the CLI (the start to `startRtmClient(rtm)`, the
 * handler and look-ups left as they are: `filled`); then run against a Slack that retired
 * `rtm.start`: the same channel found, the same DM told apart, the same answer. The lint reports the
 * handler's reads and the look-ups before, nothing after. A second start the run does not migrate,
 * or a handler reading what the start does not ask for, keeps the TODOs.
 */
const FIXTURE = join(ROOT, 'fixtures', 'projects', 'v3-handlers-elsewhere', 'input');

async function copyBot(): Promise<string> {
  const dir = await tempDir('v3-handlers-elsewhere-');
  await cp(FIXTURE, dir, { recursive: true });
  await symlink(join(ROOT, 'fixtures', 'bots', 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 53, users: 20, channels: 4, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

/** A user with a DM open with the bot, and a channel message from another one (in #general). */
function events(): Record<string, unknown>[] {
  const im = fake.workspace.byType.im[0];
  const general = fake.workspace.conversations.find((c) => c.isGeneral);
  const other = fake.workspace.users.find((u) => u.id !== im?.user && u.id !== fake.workspace.self.id && !u.is_bot);
  if (!im?.user || !general || !other) throw new Error('the fake workspace has no DM, #general or second user');
  return [
    { type: 'message', channel: general.id, user: other.id, text: 'anyone here?', ts: '1700000000.000100' },
    { type: 'message', channel: im.id, user: im.user, text: 'help, please', ts: '1700000000.000200' },
  ];
}

/** Runs server.js; once its socket is open, fake Slack sends it the two messages. */
async function runBot(dir: string): Promise<RunResult> {
  // A run that fails to start ends without a socket.
  const run = { ended: false };
  const running = runNodeBot(join(dir, 'server.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 90_000 }).finally(() => {
    run.ended = true;
  });
  while (!run.ended && fake.stats().webSocketConnections === 0) await new Promise((r) => setTimeout(r, 25));
  // The socket sends `hello` first; the messages follow it in order.
  if (!run.ended) for (const event of events()) fake.sendEvent(event);
  return running;
}

async function lint(dir: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(false), ignore: false });
  const results = await eslint.lintFiles(['server.js', 'services/slackrtm.js']);
  return results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(dir.length + 1)}:${String(m.line)} ${m.ruleId ?? '(fatal)'} ${m.messageId ?? ''}`));
}

describe('a v3 RtmClient given its handlers in one module and started in another', () => {
  it('finds the same channel, tells the same DM apart and answers the same against connect_required; the handler and look-ups are filled', { timeout: 240_000 }, async () => {
    const dir = await copyBot();
    const im = fake.workspace.byType.im[0];
    const general = fake.workspace.conversations.find((c) => c.isGeneral);
    fake.setMode('legacy');
    fake.resetCalls();
    const before = await runBot(dir);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(fake.calls.map((c) => c.method)).toContain('rtm.start');
    expect(general?.isMember).toBe(true);
    expect(before.stdout).toContain(`#general is ${general?.id ?? '?'}\n`);
    expect(before.stdout).toMatch(/^not a DM: C\w+ from U\w+$/m);
    expect(before.stdout).toMatch(new RegExp(`^answered \\S+ in ${im?.id ?? '?'}: Hello \\S+, ask in <#${general?.id ?? '?'}>$`, 'm'));

    const lintBefore = await lint(dir);
    expect(lintBefore.filter((l) => l.startsWith('server.js:'))).toEqual(['server.js:15 @rtm-migrate/no-rtm-start legacyRtmClient']);
    // The AUTHENTICATED handler's `channels` and both look-ups, in the module that does not start the client.
    expect(lintBefore).toContain('services/slackrtm.js:12 @rtm-migrate/no-rtm-start-only-fields startOnlyField');
    expect(lintBefore.filter((l) => l.endsWith('legacyDataStore')).map((l) => l.split(' ')[0])).toEqual(['services/slackrtm.js:19', 'services/slackrtm.js:24']);

    const migrated = await breaksThenMigrates(fake, dir, () => runBot(dir));
    expect(migrated).toMatch(/^done +server\.js:15:1 +legacy-client → helper-module/m);
    expect(migrated).toMatch(/^done +services\/slackrtm\.js:6:13 +legacy-client → helper-module/m);
    expect(migrated).toMatch(/^note +services\/slackrtm\.js:11:1 +legacy-data-store → filled/m);
    expect(migrated).toMatch(/^note +services\/slackrtm\.js:19:14 +legacy-data-store → filled/m);
    expect(migrated).toMatch(/^note +services\/slackrtm\.js:24:16 +legacy-data-store → filled/m);
    const made = await readFile(join(dir, 'services', 'slackrtm.js'), 'utf8');
    expect(made).not.toContain('TODO(rtm-migrate)');
    expect(made).toContain("logLevel: 'error', useRtmConnect: true });");
    expect(await readFile(join(dir, 'server.js'), 'utf8')).toMatch(/^startRtmClient\(rtm\);$/m);
    expect(await lint(dir)).toEqual([]);

    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await runBot(dir));

    await expectSecondRunChangesNothing(dir);
  });

  it('keeps the TODOs where another start of the client stays rtm.start, and the lint reports the migrated module', async () => {
    const dir = await copyBot();
    await writeFile(join(dir, 'restart.js'), "module.exports = function restart() {\n  require('./services/slackrtm').rtm.start();\n};\n");
    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.code).toBe(0);
    for (const id of ['server.js:15:1 +legacy-client', 'restart.js:2:3 +legacy-client', 'services/slackrtm.js:11:1 +legacy-data-store', 'services/slackrtm.js:19:14 +legacy-data-store']) {
      expect(migrated.stdout).toMatch(new RegExp(`^TODO +${id} → todo`, 'm'));
    }
    expect(await readFile(join(dir, 'services', 'slackrtm.js'), 'utf8')).not.toMatch(/^[^/]*useRtmConnect/m);
    // The lint agrees: the handler's `channels` and both look-ups are still reported.
    const findings = (await lint(dir)).filter((l) => l.startsWith('services/slackrtm.js:'));
    expect(findings.filter((l) => l.endsWith('startOnlyField')).length).toBeGreaterThan(0);
    expect(findings.filter((l) => l.endsWith('legacyDataStore'))).toHaveLength(2);
  });

  it('keeps the TODOs where no start is seen, or where the handler reads what the start elsewhere does not ask for', async () => {
    const manifest = await readFile(join(FIXTURE, 'package.json'), 'utf8');
    const made = await readFile(join(FIXTURE, 'services', 'slackrtm.js'), 'utf8');
    const server = await readFile(join(FIXTURE, 'server.js'), 'utf8');
    const unseen = await scanFiles(manifest, { 'services/slackrtm.js': made, 'server.js': server.replace('rtm.start();', "require('./boot')(rtm);"), 'boot.js': 'module.exports = (client) => client.start();\n' });
    expect(unseen.sites.filter((s) => s.id.startsWith('services/slackrtm.js:')).map((s) => s.rewrite)).toEqual(['todo', 'todo', 'todo']);
    // `channels[].latest` is fetched only when the start asks for it (`include`): server.js's does not.
    const latest = await scanFiles(manifest, { 'services/slackrtm.js': made.replace('channel = c.id;', 'channel = c.id, console.log(c.latest);'), 'server.js': server });
    const outcome = Object.fromEntries(latest.sites.map((s) => [s.id, s.rewrite]));
    expect(outcome['server.js:15:1']).toBe('helper-module');
    expect(outcome['services/slackrtm.js:11:1']).toBe('todo');
    expect(latest.sites.find((s) => s.id === 'services/slackrtm.js:11:1')?.message).toContain("`startRtmClient(rtm, {}, { include: ['channels[].latest'] })` where it is started");
    expect(outcome['services/slackrtm.js:19:14']).toBe('filled');
  });
});
