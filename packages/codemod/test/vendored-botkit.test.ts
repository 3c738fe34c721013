import { cp, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botsRelease } from '../../../test/support/bots-release.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, ROOT, tempDir } from './helpers.js';

/**
 * A bot that keeps its own copy of Botkit in `lib/` (fixtures/projects/vendored-botkit): the copy is the
 * botkit 0.4.10 fixtures/bots installs, its `lib/` as shipped, loaded as `require('./lib/Botkit.js')`.
 * Botkit.js loses only its Bot Framework line, whose `botbuilder` is not fully installed here. The app's
 * `node_modules` holds botkit's own dependencies (ws, request, express…), not botkit.
 */
const BOT = `var Botkit = require('./lib/Botkit.js');
var printWorkspace = require('./summary');

// stats_optout: botkit would otherwise report usage to stats.botkit.ai (outside this machine).
var controller = Botkit.slackbot({ log: false, stats_optout: true });
var bot = controller.spawn({ token: process.env.SLACK_BOT_TOKEN });
bot.api.api_url = process.env.SLACK_API_URL;

bot.startRTM(function (err, _bot, payload) {
  if (err) {
    console.error('botkit error: ' + (err && err.message ? err.message : err));
    process.exit(1);
  }
  printWorkspace(payload);
  // botkit keeps its socket and ticker running: leave once the output is written.
  process.stdout.write('', function () { process.exit(0); });
});
`;

interface Report {
  readonly todos: number;
  readonly sites: readonly { readonly id: string; readonly rewrite: string }[];
}

async function vendoredApp(): Promise<string> {
  const botkit = await botsRelease('botkit');
  const dir = await tempDir('vendored-botkit-');
  await cp(join(botkit, 'lib'), join(dir, 'lib'), { recursive: true });
  const shipped = await readFile(join(dir, 'lib', 'Botkit.js'), 'utf8');
  await writeFile(join(dir, 'lib', 'Botkit.js'), shipped.split('\n').filter((line) => !line.includes('BotFramework')).join('\n'));
  // botkit's dependencies one by one: botkit itself sits beside them, and an installed botkit is another case (library-start.test.ts).
  await mkdir(join(dir, 'node_modules'));
  for (const name of await readdir(dirname(botkit))) {
    if (name !== 'botkit' && !name.startsWith('.')) await symlink(join(dirname(botkit), name), join(dir, 'node_modules', name), 'dir');
  }
  await cp(join(ROOT, 'fixtures', 'bots', 'summary.js'), join(dir, 'summary.js'));
  await writeFile(join(dir, 'bot.js'), BOT);
  return dir;
}

describe('a bot on its own copy of botkit 0.4.10 (lib/), migrated by the CLI', () => {
  let slack: FakeSlack;
  let dir = '';
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 26, users: 30, channels: 6, mode: 'legacy' });
    dir = await vendoredApp();
  });
  afterAll(async () => {
    await slack.close();
  });

  it("migrates the copy's own rtm.start, and the bot prints what it printed against rtm.start", { timeout: 240_000 }, async () => {
    const start = (): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl });
    slack.setMode('legacy');
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^users: \d+$/m);
    expect(before.stdout).toMatch(/^channels: \d+$/m);
    slack.setMode('connect_required');
    expect((await start()).code).not.toBe(0);

    const done = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(done.code).toBe(0);
    const report = JSON.parse(done.stdout) as Report;
    expect(report.todos).toBe(0);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([
      ['lib/Slack_web_api.js:89:9', 'helper-module'],
      ['lib/Slackbot_worker.js:132:9', 'covered'],
    ]);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toBe(BOT);

    slack.resetCalls();
    const after = await start();
    expect([after.code, after.stderr]).toEqual([0, '']);
    expect(after.stdout).toBe(before.stdout);
    const methods = slack.calls.map((c) => c.method);
    expect(methods).not.toContain('rtm.start');
    expect(methods.at(-1)).toBe('rtm.connect');
    expect((await cli(['apply', '.', '--check'], dir)).code).toBe(0);
  });
});
