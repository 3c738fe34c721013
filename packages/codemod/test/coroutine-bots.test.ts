import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../../test/support/corpus.js';
import { cli, copyBot, expectSameWithoutRtmStart, runBot } from './helpers.js';

/**
 * Bots of the generator era (fixtures/bots/co-bot, bluebird-bot): rtm.start yielded inside a generator
 * that co 4.6 (`co.wrap`) or bluebird 3.7 (`Promise.coroutine`) runs, which resume it with what the
 * promise resolves to. Run against fake Slack answering rtm.start, migrated by the CLI, then run against
 * a Slack that retired it: the same output. co-bot hands the whole answer to the shared printer (users,
 * channels, groups, mpims, ims and their members), so its yield becomes the helper module's promise;
 * bluebird-bot reads only what rtm.connect answers too, so it yields `rtm.connect` in place.
 */

/** Our rules' reports on the bot's file, with the real ESLint and `configs.recommended`. */
async function lint(dir: string, bot: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(false), ignore: false });
  const [result] = await eslint.lintFiles([join(bot, 'bot.js')]);
  return (result?.messages ?? []).map((m) => `${String(m.line)} ${m.ruleId ?? '(fatal)'} ${m.messageId ?? ''}`);
}

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 17, users: 30, channels: 6, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

describe('bots that yield rtm.start inside a co / bluebird coroutine', () => {
  it.each([
    {
      bot: 'co-bot',
      prints: /^ {2}C\w+ #\S+ members=\d+: U\w+/m,
      findings: ['11 @rtm-migrate/no-rtm-start rtmStart'],
      report: /^done +co-bot\/bot\.js:11:\d+ +method-call → helper-module/m,
      rewritten: '  var data = yield rtmStartData(web, options);\n',
      helperModule: true,
    },
    {
      bot: 'bluebird-bot',
      prints: /^team: T\w+ \S+\nconnecting to 127\.0\.0\.1:\d+$/m,
      findings: ['10 @rtm-migrate/no-rtm-start rtmStartFixable'],
      report: /^done +bluebird-bot\/bot\.js:10:\d+ +method-call → connect-only/m,
      rewritten: '  const { self, team, url } = yield web.rtm.connect();\n',
      helperModule: false,
    },
  ])('$bot: the same workspace printed against connect_required after the migration', { timeout: 180_000 }, async ({ bot, prints, findings, report, rewritten, helperModule }) => {
    const dir = await copyBot(bot);
    fake.setMode('legacy');
    fake.resetCalls();
    const before = await runBot(dir, bot, 'xoxb-test', fake.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(prints);
    expect(fake.calls.map((c) => c.method)).toContain('rtm.start');
    expect(await lint(dir, bot)).toEqual(findings);

    fake.setMode('connect_required');
    const broken = await runBot(dir, bot, 'xoxb-test', fake.apiUrl);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('rtm_connect_required');

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(report);
    expect(migrated.stdout).toContain('TODOs left: 0');
    expect(await readFile(join(dir, bot, 'bot.js'), 'utf8')).toContain(rewritten);
    expect(existsSync(join(dir, bot, 'rtm-start-data.js'))).toBe(helperModule);
    expect(await lint(dir, bot)).toEqual([]);

    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await runBot(dir, bot, 'xoxb-test', fake.apiUrl));
  });
});
