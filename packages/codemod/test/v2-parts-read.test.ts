import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkBotsRelease } from '../../../test/support/bots-release.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import type { Plan } from '../src/plan.js';
import { breaksThenMigrates, cli, expectSameWithoutRtmStart, expectSecondRunChangesNothing, SLACK_CLIENT_2_RELEASES, tempDir } from './helpers.js';

/**
 * A real slack-client 2.x RtmClient (2.0.6, and 2.3.0 under its new name @slack/client) whose every read of
 * the start data is in sight: `startSlackClientRtm()` fetches only the parts read, as a v3 client's start
 * does (blind s54/01 and s54/03: bots reading nothing of it got every list, 9 calls where 1 does, 322 and
 * at least 168 s at every start-up of a 5,000-user workspace). The client itself reads `url`, `self` and
 * `team` of the answer (those come whatever is read), and 2.x's dataStore, where one is given, its own user.
 */
const OPEN_ONLY = (sdk: string): string => `'use strict';
var Slack = require('${sdk}');

var rtm = new Slack.RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' });

rtm.on(Slack.CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
  console.log('open as ' + rtm.activeUserId + ' of ' + rtm.activeTeamId);
  process.stdout.write('', function () { process.exit(0); });
});

rtm.on(Slack.CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
  console.error('unable to start: ' + (error && error.message ? error.message : error));
  process.exit(1);
});

rtm.start();
`;

/** The same bot, which also prints the channels its AUTHENTICATED handler gets: the channels are fetched, and only they. */
const READS_CHANNELS = (sdk: string): string =>
  OPEN_ONLY(sdk).replace(
    '\nrtm.start();',
    "\nrtm.on(Slack.CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) {\n  data.channels.forEach(function (c) { console.log('channel #' + c.name + ' members ' + (c.members || []).length); });\n});\n\nrtm.start();",
  );

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 54, users: 15, channels: 5, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const run = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 90_000 });

describe.each(SLACK_CLIENT_2_RELEASES)('a $sdk $range RtmClient whose reads are all in sight', ({ sdk, installed, range }) => {
  it.each([
    { reads: 'nothing of the data', source: OPEN_ONLY, fields: '[]', calls: ['rtm.connect'] },
    { reads: 'the channels, in its AUTHENTICATED handler', source: READS_CHANNELS, fields: "['channels', 'channels[].members']", calls: ['conversations.list', 'conversations.members', 'rtm.connect'] },
  ])('reading $reads: only that is fetched, and it prints the same against connect_required', { timeout: 240_000 }, async ({ source, fields, calls }) => {
    const dir = await tempDir('rtm-migrate-v2-parts-');
    await linkBotsRelease(dir, installed, sdk);
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bot', private: true, dependencies: { [sdk]: range } }));
    await writeFile(join(dir, 'bot.js'), source(sdk));
    fake.setMode('legacy');
    const before = await run(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^open as U\w+ of T\w+\n$|^channel #/);
    // The report speaks of the client it migrates: a 2.x client started through startSlackClientRtm(), never a v3 one given `useRtmConnect`.
    const planned = (JSON.parse((await cli(['scan', '.', '--json'], dir)).stdout) as Plan).sites.map((s) => s.message);
    expect(planned).toEqual([expect.stringMatching(/^the 2\.x `RtmClient` .* now starts through `startSlackClientRtm\(\)` .*, (asked for no list|which fills its AUTHENTICATED data)/)]);
    expect(planned[0]).not.toContain('useRtmConnect: true');
    await breaksThenMigrates(fake, dir, () => run(dir));
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain(`\nstartSlackClientRtm(rtm, {}, { fields: ${fields} });\n`);
    fake.setMode('connect_required');
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await run(dir));
    expect([...new Set(fake.calls.map((c) => c.method))]).toEqual(calls);
    await expectSecondRunChangesNothing(dir);
  });
});

/** The AUTHENTICATED handler throws (blind s94/02: a script whose handler failed on a channel the workspace lacks). */
const THROWS = (sdk: string): string => READS_CHANNELS(sdk).replace("members ' + (c.members || []).length); });", "members ' + (c.members || []).length); });\n  throw new Error('no channel named design');");

describe.each(SLACK_CLIENT_2_RELEASES)('a $sdk $range RtmClient whose AUTHENTICATED handler throws', ({ sdk, installed, range }) => {
  // The client's request callback caught it and logged it, and the process ended as its work did (exit code 0). A rejection nobody
  // handled ended it with an error instead.
  it('logs it as the client did and ends as before, against connect_required', { timeout: 240_000 }, async () => {
    const dir = await tempDir('rtm-migrate-v2-throws-');
    await linkBotsRelease(dir, installed, sdk);
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bot', private: true, dependencies: { [sdk]: range } }));
    await writeFile(join(dir, 'bot.js'), THROWS(sdk));
    fake.setMode('legacy');
    const before = await run(dir);
    expect(before.code).toBe(0);
    expect(before.stdout + before.stderr).toContain('no channel named design');
    expect(before.stdout).toMatch(/^channel #general members \d+$/m);
    await breaksThenMigrates(fake, dir, () => run(dir));
    fake.setMode('connect_required');
    const after = await run(dir);
    expect([after.code, after.stdout, after.stderr.replace(/\n\s+at .*/g, '')]).toEqual([before.code, before.stdout, before.stderr.replace(/\n\s+at .*/g, '')]);
  });
});
