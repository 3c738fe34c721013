import { cp, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { botsRelease } from '../../../test/support/bots-release.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, expectSecondRunChangesNothing, ROOT, tempDir } from './helpers.js';

/**
 * fixtures/projects/botkit-es6-capital run against fake Slack (dgollub/slackbot-botkit-es6-example, MISSED
 * in blind set s36): a Botkit 0.4 bot whose sources are `.es6` files, requiring 'Botkit' with a capital B.
 *
 * babel-register is not installed here. The app starts as `node -r babel-register server.js`; the test
 * preloads instead `require.extensions['.es6'] = require.extensions['.js']`, which does for `.es6` what
 * babel-register's registration does (Node then loads `.es6` files as JavaScript); the fixture's `.es6`
 * files are CommonJS, which Node runs without Babel's compiling.
 *
 * `require('Botkit')` finds the `botkit` package on a file system that ignores case (macOS's); this one
 * does not, so `node_modules/Botkit` is a link to `node_modules/botkit`, as that file system would answer.
 * `botkit` is the 0.4.10 fixtures/bots installs, copied with its Bot Framework line left out (its
 * `botbuilder` is not fully installed here: vendored-botkit.test.ts does the same), its dependencies linked.
 */
const FIXTURE = join(ROOT, 'fixtures', 'projects', 'botkit-es6-capital');
const REGISTER_ES6 = "// Stands in for babel-register: Node loads `.es6` files as JavaScript.\nrequire.extensions['.es6'] = require.extensions['.js'];\n";

interface Report {
  readonly todos: number;
  readonly files: { readonly changed: readonly string[] };
  readonly sites: readonly { readonly id: string; readonly rewrite: string }[];
}

async function es6App(): Promise<{ dir: string; preload: string }> {
  const botkit = await botsRelease('botkit');
  const dir = await tempDir('botkit-es6-');
  await cp(join(FIXTURE, 'input'), dir, { recursive: true });
  const modules = join(dir, 'node_modules');
  await mkdir(modules);
  await cp(botkit, join(modules, 'botkit'), { recursive: true });
  const main = join(modules, 'botkit', 'lib', 'Botkit.js');
  await writeFile(main, (await readFile(main, 'utf8')).split('\n').filter((line) => !line.includes('BotFramework')).join('\n'));
  for (const name of await readdir(dirname(botkit))) {
    if (name !== 'botkit' && !name.startsWith('.')) await symlink(join(dirname(botkit), name), join(modules, name), 'dir');
  }
  await symlink('botkit', join(modules, 'Botkit'), 'dir');
  // Outside the app's folder: it is the test's stand-in, not a file of the app the CLI should read.
  const preload = join(await tempDir('register-es6-'), 'register-es6.cjs');
  await writeFile(preload, REGISTER_ES6);
  return { dir, preload };
}

describe('a Botkit 0.4 bot of `.es6` files requiring Botkit (fixtures/projects/botkit-es6-capital), migrated by the CLI', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 36, users: 12, channels: 6, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  it('rewrites the `.es6` file in place, and the bot prints what it printed against rtm.start', { timeout: 240_000 }, async () => {
    const { dir, preload } = await es6App();
    const start = (): Promise<RunResult> => runNodeBot(join(dir, 'server.js'), { cwd: dir, apiUrl: slack.apiUrl, env: { NODE_OPTIONS: `--require ${preload}` } });
    slack.setMode('legacy');
    slack.resetCalls();
    const before = await start();
    const callsBefore = slack.calls.map((c) => c.method);
    expect(callsBefore).toContain('rtm.start');
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^user \w+ /m);
    expect(before.stdout).toMatch(/^#general: \w/m);
    slack.setMode('connect_required');
    expect((await start()).code).not.toBe(0);

    const done = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(done.code).toBe(0);
    const report = JSON.parse(done.stdout) as Report;
    expect(report.todos).toBe(0);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['src/bot.es6:26:1', 'helper-module']]);
    expect([...report.files.changed].sort()).toEqual(['src/bot.es6', 'src/rtm-start-data.js']);
    expect(await readFile(join(dir, 'src', 'bot.es6'), 'utf8')).toBe(await readFile(join(FIXTURE, 'output', 'src', 'bot.es6'), 'utf8'));

    slack.resetCalls();
    const after = await start();
    expectSameWithoutRtmStart(slack, before, after);
    console.log(`botkit-es6: ${before.stdout.split('\n').length} lines before and after; calls before: ${callsBefore.join(', ')}; after: ${slack.calls.map((c) => c.method).join(', ')}`);
    await expectSecondRunChangesNothing(dir);
  });
});
