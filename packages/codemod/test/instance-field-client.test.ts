import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot } from '../../../test/support/run.js';
import { cli, writeBotFiles, type DryReport } from './helpers.js';

/**
 * Blind s108/05 (damonsmith/slack-ts-bot): the app's own class keeps an `RTMClient` in its `rtm` field,
 * and `slack.rtm.start({})` starts it. That client asks `rtm.connect` already; the call was taken for the
 * Web API's `rtm.start` and rewritten to `slack.rtm.connect()`, which an RTMClient does not have: the bot
 * crashed at once. The class in another module (as there) and in the same file, on the real
 * `@slack/rtm-api` of fixtures/bots against fake Slack: nothing to change, and the bot runs as before.
 */
const CONNECTION = `const { RTMClient } = require('@slack/rtm-api');

class Connection {
  constructor(token) {
    this.rtm = new RTMClient(token, { slackApiUrl: process.env.SLACK_API_URL, logLevel: 'error' });
  }
}

module.exports = { Connection };
`;

const MAIN = `const Slack = require('./connection');

const slack = new Slack.Connection(process.env.SLACK_BOT_TOKEN);
slack.rtm.start({}).then((start) => {
  // Once the socket is open: leave without the client's reconnects.
  slack.rtm.once('ready', () => process.stdout.write('started as ' + start.self.id + ' on ' + start.team.id + '\\n', () => process.exit(0)));
}, (err) => {
  console.error(err.message);
  process.exit(1);
});
`;

const SAME_FILE = `${CONNECTION.replace("module.exports = { Connection };\n", '')}${MAIN.replace("const Slack = require('./connection');\n\n", '').replace('new Slack.Connection', 'new Connection')}`;

describe("an RTMClient kept in a field of the app's own class, started through an instance", () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 108, users: 6, channels: 3, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  it.each([
    ['the class in another module', { 'connection.js': CONNECTION, 'main.js': MAIN }],
    ['the class in the same file', { 'main.js': SAME_FILE }],
  ])('%s: no site, nothing written, and the bot starts the same where rtm.start is retired', { timeout: 120_000 }, async (_name, files) => {
    const dir = await writeBotFiles('instance-field-client-', files);
    const start = () => runNodeBot(join(dir, 'main.js'), { cwd: dir, apiUrl: slack.apiUrl });
    slack.setMode('legacy');
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^started as U\w+ on T\w+\n$/);

    const ran = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(ran.code).toBe(0);
    expect((JSON.parse(ran.stdout) as DryReport).sites).toEqual([]);
    for (const [name, text] of Object.entries(files)) expect(await readFile(join(dir, name), 'utf8')).toBe(text);

    slack.setMode('connect_required');
    slack.resetCalls();
    const after = await start();
    expect([after.code, after.stderr, after.stdout]).toEqual([0, '', before.stdout]);
    expect(slack.calls.map((c) => c.method)).toContain('rtm.connect');
  });
});
