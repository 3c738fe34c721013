import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, copyBot, expectSameWithoutRtmStart, runBot } from './helpers.js';

/**
 * Bots that call Slack through request's promise wrappers or through a request helper of their own,
 * run with the real request-promise 4.2 / request-promise-native 1.0 / request 2.88 (fixtures/bots'
 * node_modules) against fake Slack on 127.0.0.1: before the migration with `rtm.start` answering in
 * full (`legacy`), unmigrated against a Slack that retired it (they fail), and after `rtm-migrate
 * apply` against that Slack (`connect_required`): the same output, no `rtm.start`, one `rtm.connect`.
 *
 * - request-promise-bot: `rp.post({ uri, form })` resolves the body as text, parsed in a `.then` and
 *   printed whole: the replacement methods go through the same `rp.post`, the data resolved as text.
 * - request-promise-cache-bot: request-promise-native's parsed body kept per token in an object and
 *   read back through static methods for `self.id` / `team.id` only: the URL names `rtm.connect`.
 * - request-helper-bot: `slackRequest(endpoint, query, cb)` adds the token and hands `cb` request's
 *   own `(error, response, body)`; `init` parses the `rtm.start` body and hands it to its caller:
 *   the replacement methods go through `slackRequest`, the callback gets the data as JSON text.
 */
const BOTS = [
  { bot: 'request-promise-bot', outcome: 'raw-url → helper-module', prints: /^channels: \d+/m },
  { bot: 'request-promise-cache-bot', outcome: 'raw-url → connect-only', prints: /^self: U\w+\nteam: T\w+ \(cached: true\)$/m },
  { bot: 'request-helper-bot', outcome: 'helper → helper-module', prints: /^users: \d+/m, site: 'slack.js' },
] as const;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 23, users: 30, channels: 6, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

describe('request-promise and request-helper bots before and after rtm-migrate apply, against fake Slack', () => {
  it.each(BOTS)('$bot: $outcome, the same output', { timeout: 180_000 }, async ({ bot, outcome, prints, ...rest }) => {
    const dir = await copyBot(bot);
    fake.setMode('legacy');
    const before = await runBot(dir, bot, 'xoxb-test', fake.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(prints);

    fake.setMode('connect_required');
    const broken = await runBot(dir, bot, 'xoxb-test', fake.apiUrl);
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toContain('rtm_connect_required');

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    const site = 'site' in rest ? rest.site : 'bot.js';
    expect(migrated.stdout).toMatch(new RegExp(`^done +${bot}/${site.replace('.', '\\.')}:\\d+:\\d+ +${outcome}$`, 'm'));
    expect(migrated.stdout).toContain('TODOs left: 0');
    expect(await readFile(join(dir, bot, site), 'utf8')).not.toContain('rtm.start');

    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await runBot(dir, bot, 'xoxb-test', fake.apiUrl));
  });
});
