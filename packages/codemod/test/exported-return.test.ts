import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * A module that exports a function (or a class whose public method) returns `rtm.start`'s answer,
 * and whose own code reads only fields `rtm.connect` answers too. Callers in the module do not rule
 * out others: the program's entry point, in a folder the codemod is not run on, reads the lists.
 * Each program is run against fake Slack in `legacy` mode, its library folder migrated by the CLI,
 * then run in `connect_required` mode: it prints the same users and channels (the helper module).
 * Swapping the call to `rtm.connect` (what the module's own reads alone allow, and what the codemod
 * did before) prints `undefined` lists there.
 */

const API = "const API = process.env.SLACK_API_URL || 'https://slack.com/api/';\n";

/** An exported function over @slack/web-api, its own caller reading the team name only. */
const SDK_LIBRARY = `const { WebClient } = require('@slack/web-api');
const web = new WebClient(process.env.SLACK_BOT_TOKEN, { slackApiUrl: process.env.SLACK_API_URL });

function fetchWorkspace() {
  return web.rtm.start();
}

async function banner() {
  const workspace = await fetchWorkspace();
  return 'connected to ' + workspace.team.name;
}

module.exports = { fetchWorkspace, banner };
`;

/** An exported class over fetch whose public static method returns the answer; its own caller reads the team id. */
const FETCH_LIBRARY = `${API}
class Sessions {
  static open(token) {
    return fetch(API + 'rtm.start?token=' + token).then((res) => res.json());
  }

  static teamOf(token) {
    return Sessions.open(token).then((answer) => answer.team.id);
  }
}

module.exports = Sessions;
`;

/** The entry point, outside the migrated folder: prints what it reads of the lists. */
const consumer = (load: string): string => `const lib = require('./lib/workspace');
(async () => {
  const answer = await ${load};
  const users = answer.users.map((u) => u.id).sort();
  const channels = answer.channels.map((c) => c.name).sort();
  console.log(users.length + ' users: ' + users.join(','));
  console.log(channels.length + ' channels: ' + channels.join(','));
})().catch((err) => { console.error(err.message); process.exitCode = 1; });
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 12, users: 5, channels: 3, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

async function program(library: string, load: string): Promise<string> {
  const dir = await writeBotFiles('rtm-migrate-exported-', { 'bot.js': consumer(load) });
  await mkdir(join(dir, 'lib'));
  await writeFile(join(dir, 'lib', 'workspace.js'), library);
  return dir;
}

const runIn = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });

describe("an exported function or method returning rtm.start's answer, read for the lists by another module", () => {
  for (const [name, library, load] of [
    ['an exported function over @slack/web-api', SDK_LIBRARY, 'lib.fetchWorkspace()'],
    ["an exported class's static method over fetch", FETCH_LIBRARY, 'lib.open(process.env.SLACK_BOT_TOKEN)'],
  ] as const) {
    it(`${name}: the helper module, the other module sees the same lists`, { timeout: 120_000 }, async () => {
      const dir = await program(library, load);
      fake.setMode('legacy');
      const before = await runIn(dir);
      expect(before.stderr).toBe('');
      expect(before.stdout).toMatch(/^\d+ users: U/);
      expect(before.stdout).toMatch(/\n3 channels: /);

      const migrated = await cli(['apply', 'lib', '--allow-dirty'], dir);
      expect(migrated.stderr).toBe('');
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain('→ helper-module');
      expect(migrated.stdout).toContain('TODOs left: 0');
      const source = await readFile(join(dir, 'lib', 'workspace.js'), 'utf8');
      expect(source).toContain('rtmStartData(');
      expect(source).not.toContain('rtm.connect');

      fake.setMode('connect_required');
      fake.resetCalls();
      const after = await runIn(dir);
      expectSameWithoutRtmStart(fake, before, after);
    });
  }
});
