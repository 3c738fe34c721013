import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, copySlackbots, expectSlackbotsSubclassMigrated, type DryReport } from './helpers.js';

/** What makes the bot and prints what it learnt at start; `Bot` is the subclass. */
const MAIN = `var printWorkspace = require('../summary');

bot.on('start', function () {
  printWorkspace(bot);
  process.stdout.write('', function () { process.exit(0); });
});
bot.on('error', function (err) {
  console.error('slackbots error: ' + (err && err.message ? err.message : err));
  process.exit(1);
});
`;

/** An ES6 subclass as the s29 corpus's bot wrote it: its own constructor calling super, exported, made in another module that never names slackbots. */
const CLASS_MODULE = `var Bot = require('slackbots');

class ChannelBot extends Bot {
  constructor(settings) {
    super(settings);
    this.settings = settings;
  }

  isChatMessage(message) {
    return message.type === 'message' && Boolean(message.text);
  }
}

module.exports = ChannelBot;
`;

const TWO_FILES = { 'channel-bot.js': CLASS_MODULE, 'bot.js': `const ChannelBot = require('./channel-bot');\n\nconst bot = new ChannelBot({ token: process.env.SLACK_BOT_TOKEN, name: 'helper' });\n${MAIN}` };

/** The class without a constructor of its own, made in its module. */
const ONE_FILE = { 'bot.js': `const SlackBot = require('slackbots');\n\nclass QuietBot extends SlackBot {}\n\nconst bot = new QuietBot({ token: process.env.SLACK_BOT_TOKEN, name: 'quiet' });\n${MAIN}` };

const apply = async (dir: string): Promise<DryReport> => {
  const ran = await cli(['apply', 'runners', '--allow-dirty', '--report', 'json'], dir);
  expect(ran.code).toBe(0);
  return JSON.parse(ran.stdout) as DryReport;
};

/**
 * An ES6 subclass of the published slackbots 1.2.0: it prints the workspace against fake Slack answering
 * `rtm.start`, never starts once Slack answers `rtm_connect_required`, and, migrated by the real CLI (the
 * class's parent become `withSlackbotsRtmStart(Bot, …)`), prints the same users, channels, groups, ims and
 * members through `rtm.connect`, wherever the instance is made.
 */
describe.each([
  { form: 'class in one module, `new` in another', runners: TWO_FILES, file: 'channel-bot.js', id: 'runners/channel-bot.js:3:1', wrapped: 'class ChannelBot extends withSlackbotsRtmStart(Bot, ' },
  { form: 'class without a constructor, `new` beside it', runners: ONE_FILE, file: 'bot.js', id: 'runners/bot.js:3:1', wrapped: 'class QuietBot extends withSlackbotsRtmStart(SlackBot, ' },
])('slackbots 1.2.0 ES6 subclass, $form', ({ runners, file, id, wrapped }) => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 29, users: 25, channels: 6, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  it('prints what it printed against rtm.start, through rtm.connect; a second run finds nothing', { timeout: 240_000 }, async () => {
    await expectSlackbotsSubclassMigrated(slack, await copySlackbots('slackbots@1.2.0', runners), apply, { file, id, wrapped });
  });
});
