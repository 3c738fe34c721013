import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, cli, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * Old sloppy-mode bots keep their client in a name no declaration binds (`web = new WebClient(…)`): the
 * scan follows it as a `var` assigned once. Run with the real @slack/client 3.16 of fixtures/bots against
 * fake Slack on 127.0.0.1, before the migration in `legacy` mode and after it in `connect_required`.
 */

/** A WebClient kept in an implicit global (no `var`), its `rtm.start` answer's users and channels printed. */
const IMPLICIT_WEB = `// Prints the team's people and channels from the rtm.start answer of a client every script shares.
var WebClient = require('@slack/client').WebClient;

web = new WebClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, retryConfig: { retries: 0 } });

web.rtm.start(function (err, data) {
  if (err) {
    console.error('unable to start: ' + err.message);
    process.exit(1);
  }
  data.users.map(function (user) { return user.name; }).sort().forEach(function (name) { console.log('user ' + name); });
  data.channels.map(function (channel) { return channel.name; }).sort().forEach(function (name) { console.log('channel #' + name); });
});
`;

function runBot(dir: string, apiUrl: string): Promise<RunResult> {
  return runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl, timeoutMs: 30_000 });
}

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 59, users: 12, channels: 4, mode: 'legacy' });
});
afterAll(async () => {
  await fake.close();
});

describe('a WebClient assigned to an undeclared name (an implicit global), then web.rtm.start(cb)', () => {
  it('is followed to its `new WebClient`: migrated to the helper module, the same users and channels against connect_required', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('implicit-global-web-', { 'bot.js': IMPLICIT_WEB });
    fake.setMode('legacy');
    const before = await runBot(dir, fake.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(before.stdout.match(/^user /gm)).toHaveLength(12);
    expect(before.stdout).toMatch(/^channel #general$/m);

    const report = await breaksThenMigrates(fake, dir, () => runBot(dir, fake.apiUrl));
    expect(report).toMatch(/^done +bot\.js:6:1 +method-call → helper-module$/m);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain('callbackify(rtmStartData)(web, function (err, data) {');
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await runBot(dir, fake.apiUrl));
  });

  it('is rewritten as the same file with `var web` is', { timeout: 60_000 }, async () => {
    const declared = await writeBotFiles('implicit-global-var-', { 'bot.js': IMPLICIT_WEB.replace('\nweb = new', '\nvar web = new') });
    const implicit = await writeBotFiles('implicit-global-none-', { 'bot.js': IMPLICIT_WEB });
    for (const dir of [declared, implicit]) expect((await cli(['apply', '.', '--allow-dirty'], dir)).code).toBe(0);
    const migrated = await readFile(join(implicit, 'bot.js'), 'utf8');
    expect(migrated.replace('\nweb = new', '\nvar web = new')).toBe(await readFile(join(declared, 'bot.js'), 'utf8'));
  });
});
