import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, writeBotFiles } from './helpers.js';

/**
 * A raw HTTP `rtm.start` request whose answer is read only where the analysis sees it (`users`, or
 * `channels[].name`) goes to the generated helper module with `{ fields: [...] }`: the module then calls
 * only the methods those parts need. Each bot runs two "commands" (a lookup each) against fake Slack in
 * `legacy` mode, is migrated by the CLI, and runs against `connect_required` with the same output; the
 * fake's call log shows no `rtm.connect` (Tier 1: a second lookup within a minute would hit its rate
 * limit) and, for the users bot, no `conversations.*` call.
 */

/** A bot looking `what` up per command, by a raw `fetch` of `rtm.start` read only for `read`. */
const bot = (read: string): string => `const API = process.env.SLACK_API_URL || 'https://slack.com/api/';

async function lookup(token) {
  const res = await fetch(API + 'rtm.start', { method: 'POST', body: new URLSearchParams({ token }) });
  const data = await res.json();
  if (!data.ok) throw new Error('rtm.start: ' + data.error);
  return ${read};
}

async function main() {
  // Two chat commands, each looking the data up again.
  for (const command of ['who', 'who again']) console.log(command + ': ' + (await lookup(process.env.SLACK_BOT_TOKEN)).join(','));
}

main().catch((error) => {
  console.error('unable to start: ' + (error && error.message ? error.message : error));
  process.exit(1);
});
`;

const BOTS = [
  { name: 'users only', read: 'data.users.map((u) => u.name).sort()', fields: "{ fields: ['users'] }", methods: ['users.list'] },
  { name: 'channel names only', read: 'data.channels.map((c) => c.name).sort()', fields: "{ fields: ['channels'] }", methods: ['conversations.list'] },
];

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 41, users: 6, channels: 4, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string, token = 'xoxb-test'): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, token, timeoutMs: 60_000 });

describe('a raw HTTP request whose reads are all known fetches only what they need', () => {
  it.each(BOTS.map((b) => [b.name, b] as const))('%s', { timeout: 120_000 }, async (_name, { read, fields, methods }) => {
    const dir = await writeBotFiles('rtm-migrate-known-fields-', { 'bot.js': bot(read) });
    fake.setMode('legacy');
    const before = await runIn(dir);
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
    expect(before.stdout).toMatch(/^who: [^,\n]+(,[^,\n]+)+\nwho again: [^,\n]+(,[^,\n]+)+\n$/);
    const failedBefore = await runIn(dir, 'xoxb-not-a-known-token');

    const scanned = await cli(['scan', '.'], dir);
    const report = scanned.stdout.replace(/\s+/g, ' ');
    // The report names the calls made, and that rtm.connect is not one of them.
    expect(report).toContain(`asked for only the parts the code reads: it calls ${methods.join(', ')} (no \`rtm.connect\`: nothing read needs it).`);
    // Nothing leaves the code the analysis follows: no sentence about code it cannot follow.
    expect(report).not.toContain('cannot follow gets');
    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect({ code: migrated.code, stderr: migrated.stderr }).toEqual({ code: 0, stderr: '' });
    expect(migrated.stdout).toContain('TODOs left: 0');
    const source = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(source).toContain(`rtmStartData(callSlack, { token }, ${fields})`);

    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await runIn(dir);
    expect({ code: after.code, stderr: after.stderr, stdout: after.stdout }).toEqual({ code: 0, stderr: '', stdout: before.stdout });
    // Only the methods the read parts need, for each of the two lookups: no rtm.connect, no team.info, no members.
    expect([...new Set(fake.calls.map((c) => c.method))].sort()).toEqual(methods);
    expect(fake.stats().ratelimited).toBe(0);

    // A token Slack refuses: the first call made answers the same error code `rtm.start` did.
    const failedAfter = await runIn(dir, 'xoxb-not-a-known-token');
    expect({ code: failedAfter.code, stdout: failedAfter.stdout, stderr: failedAfter.stderr }).toEqual({ code: failedBefore.code, stdout: failedBefore.stdout, stderr: failedBefore.stderr });
    expect(failedBefore.stderr).toMatch(/^unable to start: rtm\.start: \w+\n$/);
  });
});
