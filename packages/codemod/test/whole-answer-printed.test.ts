import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, writeBotFiles } from './helpers.js';

/**
 * A program that prints `rtm.start`'s whole answer reads no field of it at the call, yet what it
 * shows (and what reads its output: here the test counts the users and channels in the printed
 * JSON) is every field. `rtm.connect` in place would print a thin answer with none of them: a silent
 * loss. Each bot is run against fake Slack in `legacy` mode, migrated by the CLI, then run in
 * `connect_required` mode: the printed answer holds the same users and channels. A bot printing only
 * a field still gets `rtm.connect` in place and prints the same.
 */

const CLIENT = `const { WebClient } = require('@slack/web-api');
const web = new WebClient(process.env.SLACK_BOT_TOKEN, { slackApiUrl: process.env.SLACK_API_URL });
`;

/** The answer printed as JSON text from a promise chain. */
const THEN_BOT = `${CLIENT}
web.rtm.start().then((answer) => console.log(JSON.stringify(answer)));
`;

/** The answer awaited and written whole to stdout inside a template literal. */
const AWAIT_BOT = `${CLIENT}
async function main() {
  const answer = await web.rtm.start();
  process.stdout.write(\`\${JSON.stringify(answer)}\\n\`);
}
main();
`;

/** Only the bot's own id and the socket URL printed. */
const FIELD_BOT = `${CLIENT}
web.rtm.start().then((answer) => {
  console.log(answer.self.id);
  console.log(\`socket: \${answer.url.startsWith('ws')}\`);
});
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 12, users: 5, channels: 3, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });

/** What a reader of the printed JSON learns: how many users and channels, and which. */
function workspaceOf(printed: string): { users: number; channels: number; ids: string[] } {
  const answer = JSON.parse(printed) as { users?: { id: string }[]; channels?: { id: string }[] };
  const users = answer.users ?? [];
  const channels = answer.channels ?? [];
  return { users: users.length, channels: channels.length, ids: [...users, ...channels].map((x) => x.id).sort() };
}

/** Legacy run, CLI migration, connect_required run; the bot's source after migration. */
async function migrateAndRun(bot: string): Promise<{ before: RunResult; after: RunResult; source: string; report: string }> {
  const dir = await writeBotFiles('rtm-migrate-whole-printed-', { 'bot.js': bot });
  fake.setMode('legacy');
  const before = await runIn(dir);
  expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
  const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
  expect(migrated.stderr).toBe('');
  expect(migrated.code).toBe(0);
  expect(migrated.stdout).toContain('TODOs left: 0');
  const source = await readFile(join(dir, 'bot.js'), 'utf8');
  fake.setMode('connect_required');
  fake.resetCalls();
  const after = await runIn(dir);
  expect({ code: after.code, stderr: after.stderr }).toEqual({ code: 0, stderr: '' });
  expect(fake.calls.map((c) => c.method)).not.toContain('rtm.start');
  return { before, after, source, report: migrated.stdout };
}

describe("a program that prints rtm.start's whole answer", () => {
  it.each([
    ['console.log(JSON.stringify(answer)) in a .then', THEN_BOT],
    ['process.stdout.write of a template literal after await', AWAIT_BOT],
  ])('%s: the helper module, the same users and channels printed', { timeout: 120_000 }, async (_name, bot) => {
    const { before, after, source, report } = await migrateAndRun(bot);
    const legacy = workspaceOf(before.stdout);
    expect(legacy.users).toBe(5);
    expect(legacy.channels).toBeGreaterThan(0);
    expect(report).toContain('method-call → helper-module');
    expect(source).toContain('rtmStartData(web');
    expect(source).not.toContain('rtm.connect');
    expect(workspaceOf(after.stdout)).toEqual(legacy);

    // The swap the call alone would allow (what rtm-migrate did before): the printed answer has no users or channels.
    const swapped = await writeBotFiles('rtm-migrate-whole-printed-', { 'bot.js': bot.replace('web.rtm.start()', 'web.rtm.connect()') });
    const thin = await runIn(swapped);
    expect(thin.code).toBe(0);
    expect(workspaceOf(thin.stdout)).toEqual({ users: 0, channels: 0, ids: [] });
  });

  it('a field printed: rtm.connect in place, the same output', { timeout: 120_000 }, async () => {
    const { before, after, source, report } = await migrateAndRun(FIELD_BOT);
    expect(before.stdout).toMatch(/^U\w+\nsocket: true\n$/);
    expect(report).toContain('method-call → connect-only');
    expect(source).toContain('web.rtm.connect()');
    expect(after.stdout).toBe(before.stdout);
  });
});
