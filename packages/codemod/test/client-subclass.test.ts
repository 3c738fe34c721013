import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack } from '@rtm-migrate/fake-slack';
import { describe, expect, it } from 'vitest';
import { runNodeBot } from '../../../test/support/run.js';
import { breaksThenMigrates, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * A bot whose legacy `@slack/client` 3.16 `RtmClient` is a class of its own extending the SDK's
 * (`class Bot extends RtmClient { known() {…} }`): its start goes through `startRtmClient()`; with no
 * constructor of its own `new Bot(token, opts)` is made as the SDK's client is (`useRtmConnect: true`
 * added), with one its arguments are its own, so nothing is added and the start's `rtm.start` request is
 * answered instead. Before, no site was found: its `start()` kept asking `rtm.start` (the slack-client 1.x
 * twin, blind s83/03, is in library-start.test.ts). Run against fake Slack on 127.0.0.1: `legacy` before,
 * `connect_required` after.
 */
const BOT = `const { RtmClient, CLIENT_EVENTS } = require('@slack/client');

class Bot extends RtmClient {
  known() {
    return Object.keys(this.dataStore.users).length + ' users, ' + Object.keys(this.dataStore.channels).length + ' channels';
  }
}

const rtm = new Bot(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' });
rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, (data) => {
  console.log('authenticated: ' + data.users.length + ' users, ' + data.channels.length + ' channels, #general ' + data.channels.find((c) => c.is_general).members.length);
});
rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, () => {
  console.log('store: ' + rtm.known());
  process.stdout.write('', () => process.exit(0));
});
rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, (error) => {
  console.error('unable to start: ' + (error && error.message ? error.message : error));
  process.exit(1);
});
rtm.start();
`;

const MANIFEST = JSON.stringify({ dependencies: { '@slack/client': '^3.16.0' } });

/** The same bot whose class has a constructor of its own, taking one object: no option can go into its `new`. */
const OWN_CONSTRUCTOR = BOT.replace('class Bot extends RtmClient {\n', 'class Bot extends RtmClient {\n  constructor(config) {\n    super(config.token, config.options);\n  }\n\n').replace(
  "new Bot(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' })",
  "new Bot({ token: process.env.SLACK_BOT_TOKEN, options: { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' } })",
);

describe('a class extending the legacy RtmClient', () => {
  it.each([
    { form: 'with no constructor of its own: made as the SDK client is, `useRtmConnect: true` added', bot: BOT, made: "new Bot(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error', useRtmConnect: true });" },
    { form: 'with a constructor of its own: its `new` left as it is, the start\'s rtm.start request answered', bot: OWN_CONSTRUCTOR, made: "new Bot({ token: process.env.SLACK_BOT_TOKEN, options: { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' } });" },
  ])('$form; the bot knows the same against connect_required', { timeout: 180_000 }, async ({ bot, made }) => {
    const fake = await startFakeSlack({ seed: 83, users: 14, channels: 4, mode: 'legacy' });
    try {
      const dir = await writeBotFiles('rtm-migrate-client-subclass-', { 'package.json': MANIFEST, 'bot.js': bot });
      const runBot = () => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 90_000 });
      const before = await runBot();
      expect([before.code, before.stderr]).toEqual([0, '']);
      expect(before.stdout).toMatch(/^authenticated: 14 users, \d+ channels, #general \d+$/m);
      expect(before.stdout).toMatch(/^store: 14 users, [1-9]\d* channels$/m);

      await breaksThenMigrates(fake, dir, runBot);
      const source = await readFile(join(dir, 'bot.js'), 'utf8');
      expect(source).toContain(made);
      expect(source).toContain('startRtmClient(rtm');

      fake.resetCalls();
      expectSameWithoutRtmStart(fake, before, await runBot());
    } finally {
      await fake.close();
    }
  });
});
