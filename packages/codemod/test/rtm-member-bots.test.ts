import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RTM_START_MEMBER_LIMIT } from '@rtm-migrate/core';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../../test/support/corpus.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, copyBot, expectSameWithoutRtmStart, ROOT, tempDir } from './helpers.js';

/**
 * Bots on the legacy `@slack/client` 3.16 `RtmClient` (fixtures/bots' install) that start it through a
 * member named `rtm`, which reads like the Web API client's `rtm.start`: `x.rtm.connect()` there would
 * call the v3 client's `connect(url)`, which opens no Slack session. Run against fake Slack on
 * 127.0.0.1: before the migration in `legacy` mode, after it in `connect_required`.
 */

/**
 * A stand-up bot given its RTM client by whoever makes it (another module), written here so that a
 * variant can add a second construction of its class (whose start is then checked when it starts).
 */
const INJECTED_STANDUP = `// A stand-up bot given its RTM client by whoever makes it (this.rtm = rtm): it registers everyone the
// AUTHENTICATED data lists, with their DM channel, then starts the client with this.rtm.start().
'use strict';

var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;

class Standup {
  constructor(rtm) {
    this.rtm = rtm;
    this.people = new Map();
  }

  run(done) {
    this.rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, (data) => {
      for (const user of data.users) if (!user.is_bot && !user.deleted) this.people.set(user.id, { name: user.name, dm: null });
      for (const im of data.ims) if (this.people.has(im.user)) this.people.get(im.user).dm = im.id;
    });
    this.rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, () => done(this.people));
    this.rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, (error) => {
      console.error('unable to start: ' + (error && error.message ? error.message : error));
      process.exit(1);
    });
    this.rtm.start();
  }

  ask(person, text) {
    this.rtm.sendMessage(text, person.dm);
  }
}

module.exports = Standup;
`;
const INJECTED_MAIN = `// Makes the legacy RtmClient and hands it to the stand-up bot, then prints who it would ask.
// SLACK_BOT_TOKEN is the bot token; SLACK_API_URL points the client at another Slack API.
'use strict';

var RtmClient = require('@slack/client').RtmClient;
var Standup = require('./standup');

var rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' });
new Standup(rtm).run(function (people) {
  [...people.values()].sort((a, b) => a.name.localeCompare(b.name)).forEach(function (p) {
    console.log('ask ' + p.name + (p.dm ? ' in ' + p.dm : ' (no dm)'));
  });
  process.stdout.write('', function () { process.exit(0); });
});
`;

/** The injected bot in a fresh folder, on fixtures/bots' installed `@slack/client` 3.16 (`more` appended to its main module). */
async function copyInjectedBot(more = ''): Promise<string> {
  const dir = await tempDir('v3-injected-bot-');
  await mkdir(join(dir, 'v3-injected-bot'));
  await writeFile(join(dir, 'v3-injected-bot', 'standup.js'), INJECTED_STANDUP);
  await writeFile(join(dir, 'v3-injected-bot', 'bot.js'), INJECTED_MAIN + more);
  await symlink(join(ROOT, 'fixtures', 'bots', 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function runBot(dir: string, bot: string, apiUrl: string): Promise<RunResult> {
  return runNodeBot(join(dir, bot, 'bot.js'), { cwd: dir, apiUrl, timeoutMs: 60_000 });
}

async function lint(dir: string, bot: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(false), ignore: false });
  const results = await eslint.lintFiles([join(bot, '*.js')]);
  return results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${String(m.line)} ${m.ruleId ?? '(fatal)'}`));
}

describe('a v3 RtmClient started through a member named rtm', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack({ seed: 31, users: 36, channels: 7, mode: 'legacy' });
  });
  afterAll(async () => {
    await fake.close();
  });

  // this.slack = { web, rtm } with rtm = new RtmClient(…): provably that client, so it is started
  // through the helper module; AUTHENTICATED's users/ims and the dataStore look-ups keep their data.
  it('kept in an object literal (this.slack = { web, rtm }): migrated to startRtmClient, the same users, channels and DMs', { timeout: 120_000 }, async () => {
    const bot = 'v3-object-bot';
    const dir = await copyBot(bot);
    fake.setMode('legacy');
    const before = await runBot(dir, bot, fake.apiUrl);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^people: \d+, dms: [1-9]\d*$/m);
    expect(before.stdout).toMatch(/^channel #general members=\d+: /m);
    expect(before.stdout).toMatch(/^dm \w+ with \S+$/m);

    fake.setMode('connect_required');
    expect((await runBot(dir, bot, fake.apiUrl)).stderr).toContain('unable to start: rtm_connect_required');

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/^done +v3-object-bot\/bridge\.js:\d+:\d+ +legacy-client → helper-module$/m);
    expect(migrated.stdout).toContain('TODOs left: 0');
    const source = await readFile(join(dir, bot, 'bridge.js'), 'utf8');
    expect(source).toContain("startRtmClient(this.slack.rtm, {}, { optional: ['team.prefs'] });");
    expect(source).toContain("logLevel: 'error', useRtmConnect: true }");
    expect(source).not.toMatch(/\.rtm\.connect\(/);
    expect(await lint(dir, bot)).toEqual([]);

    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await runBot(dir, bot, fake.apiUrl));
  });

  // The client comes from the constructor's caller (another module), whose one construction of the
  // class hands it a v3 RtmClient: followed there, so it is started through the helper module, and the
  // AUTHENTICATED data's users and ims are filled as rtm.start gave them.
  it('handed to a constructor (this.rtm = rtm) by the one construction of its class: started through startRtmClient(this.rtm), the same people and DMs against connect_required', { timeout: 120_000 }, async () => {
    const bot = 'v3-injected-bot';
    const dir = await copyInjectedBot();
    fake.setMode('legacy');
    fake.resetCalls();
    const before = await runBot(dir, bot, fake.apiUrl);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^ask \S+ in D\w+$/m);

    // The lint sees one file: it reports the call (with no autofix, see the patterns).
    expect(await lint(dir, bot)).toEqual([expect.stringMatching(/standup\.js:23 @rtm-migrate\/no-rtm-start$/)]);
    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/^done +v3-injected-bot\/standup\.js:23:5 +legacy-client → helper-module$/m);
    expect(migrated.stdout).toContain('TODOs left: 0');
    const source = await readFile(join(dir, bot, 'standup.js'), 'utf8');
    expect(source).toContain('    startRtmClient(this.rtm);');
    expect(source).not.toContain('rtm.connect(');
    expect(await readFile(join(dir, bot, 'bot.js'), 'utf8')).toContain("logLevel: 'error', useRtmConnect: true });");

    fake.setMode('connect_required');
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await runBot(dir, bot, fake.apiUrl));
  });

  // Another construction hands the class a client from its caller: not provably the v3 client, so no
  // `useRtmConnect: true` on its `new`, but used as an RTM client (.on, .sendMessage): its start goes to
  // the generated module's run-time check, which starts the v3 client with rtm.connect and its data, and
  // throws at start on a client of a kind it does not know.
  it('handed to a constructor also given an unknown client: startRtmClientMadeElsewhere(this.rtm), the same people and DMs against connect_required; a stub throws at start', { timeout: 120_000 }, async () => {
    const bot = 'v3-injected-bot';
    const dir = await copyInjectedBot('exports.spare = function (client) { return new Standup(client); };\n');
    fake.setMode('legacy');
    fake.resetCalls();
    const before = await runBot(dir, bot, fake.apiUrl);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^ask \S+ in D\w+$/m);

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/^done +v3-injected-bot\/standup\.js:\d+:\d+ +method-call → helper-module$/m);
    expect(migrated.stdout).toContain('TODOs left: 0');
    const source = await readFile(join(dir, bot, 'standup.js'), 'utf8');
    expect(source).toContain('    startRtmClientMadeElsewhere(this.rtm);');
    expect(source).not.toContain('rtm.connect(');
    expect(await readFile(join(dir, bot, 'bot.js'), 'utf8')).not.toContain('useRtmConnect');

    fake.setMode('connect_required');
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await runBot(dir, bot, fake.apiUrl));

    // What spare()'s caller may bring: a test double the helper cannot tell is an RTM client.
    await writeFile(join(dir, bot, 'spare.js'), "'use strict';\nvar Standup = require('./standup');\nnew Standup({ on: function () {}, start: function () {} }).run(function () {});\n");
    fake.resetCalls();
    const stub = await runNodeBot(join(dir, bot, 'spare.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });
    expect(stub.code).toBe(1);
    expect(stub.stderr).toContain('TypeError: startRtmClientMadeElsewhere() expected a @slack/client v3 RtmClient or an RTMClient of @slack/client 4+ or @slack/rtm-api, and got an object of class Object: it would start with the retired rtm.start.');
    expect(fake.calls).toEqual([]);
  });

  it('kept in an object literal: complete member lists past rtm.start\'s cut of 500', { timeout: 120_000 }, async () => {
    const big = await startFakeSlack({ seed: 32, users: RTM_START_MEMBER_LIMIT + 40, channels: 3, mode: 'connect_required' });
    try {
      const dir = await copyBot('v3-object-bot');
      expect((await cli(['apply', '.', '--allow-dirty'], dir)).code).toBe(0);
      const after = await runBot(dir, 'v3-object-bot', big.apiUrl);
      expect(after.code).toBe(0);
      const general = big.workspace.byType.public_channel.find((c) => c.isGeneral)!;
      const members = Number(/^channel #general members=(\d+):/m.exec(after.stdout)?.[1]);
      expect(members).toBe(big.workspace.memberCount(general));
      expect(members).toBeGreaterThan(RTM_START_MEMBER_LIMIT);
    } finally {
      await big.close();
    }
  });
});
