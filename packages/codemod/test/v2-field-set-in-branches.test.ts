import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkBotsRelease } from '../../../test/support/bots-release.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, expectSameWithoutRtmStart, expectSecondRunChangesNothing, SLACK_CLIENT_2_RELEASES, tempDir } from './helpers.js';

/**
 * Blind s69/02 (Bandwidth/opkit): a slack-client 2.x RtmClient kept in a field of `this` that an ES5
 * constructor sets in either branch of a log level, started in a method, its MemoryDataStore read by the
 * app's own module. Its construction is left as it is (2.x has no `useRtmConnect`): `startSlackClientRtm()`
 * starts whichever client the field holds, so both `new`s being 2.x clients is all it needs.
 */
const BOT = (sdk: string): string => `'use strict';
var Slack = require('${sdk}');
var RtmClient = Slack.RtmClient;
var MemoryDataStore = Slack.MemoryDataStore;

function Bot(params) {
  var self = this;
  this.dataStore = new MemoryDataStore();
  if (params.logLevel === 'DEBUG') {
    this.rtm = new RtmClient(params.token, { dataStore: self.dataStore, logLevel: 'debug', slackAPIUrl: params.apiUrl, autoReconnect: false });
  } else {
    this.rtm = new RtmClient(params.token, { dataStore: self.dataStore, logLevel: 'error', slackAPIUrl: params.apiUrl, autoReconnect: false });
  }
  this.start = function () {
    return Promise.resolve().then(function () {
      self.rtm.start();
      return true;
    });
  };
}

module.exports = Bot;
`;

const MAIN = (sdk: string): string => `'use strict';
var Slack = require('${sdk}');
var Bot = require('./lib/bot');

var bot = new Bot({ token: process.env.SLACK_BOT_TOKEN, apiUrl: process.env.SLACK_API_URL, logLevel: process.env.LOG_LEVEL });
bot.rtm.on(Slack.CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
  var users = Object.keys(bot.dataStore.users).sort();
  var channels = Object.keys(bot.dataStore.channels).sort();
  var general = bot.dataStore.getChannelByName('general');
  console.log('users ' + users.length + ' ' + users.join(','));
  console.log('channels ' + channels.length + ' ' + channels.join(','));
  console.log('general members ' + (general.members || []).length);
  console.log('first user ' + bot.dataStore.getUserById(users[0]).name);
  process.stdout.write('', function () { process.exit(0); });
});
bot.rtm.on(Slack.CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
  console.error('unable to start: ' + (error && error.message ? error.message : error));
  process.exit(1);
});
bot.start();
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 69, users: 15, channels: 5, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const run = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'main.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 90_000 });

describe.each(SLACK_CLIENT_2_RELEASES)('a $sdk $range RtmClient set in either branch of a field of `this`', ({ sdk, installed, range }) => {
  it('is started through startSlackClientRtm(), and the store the app reads holds what rtm.start filled it with', { timeout: 240_000 }, async () => {
    const dir = await tempDir('rtm-migrate-v2-branches-');
    await linkBotsRelease(dir, installed, sdk);
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bot', private: true, dependencies: { [sdk]: range } }));
    await mkdir(join(dir, 'lib'));
    await writeFile(join(dir, 'lib', 'bot.js'), BOT(sdk));
    await writeFile(join(dir, 'main.js'), MAIN(sdk));
    fake.setMode('legacy');
    const before = await run(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^users 15 U/m);
    await breaksThenMigrates(fake, dir, () => run(dir));
    expect(await readFile(join(dir, 'lib', 'bot.js'), 'utf8')).toContain("      startSlackClientRtm(self.rtm, {}, { optional: ['team.prefs'] });\n");
    fake.setMode('connect_required');
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await run(dir));
    await expectSecondRunChangesNothing(dir);
  });
});
