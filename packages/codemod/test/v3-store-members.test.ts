import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, writeBotFiles } from './helpers.js';

/**
 * A bot on the real @slack/client 3.16 (fixtures/bots' install) with the SDK's `MemoryDataStore`, which
 * looks up the user and the conversation of a message and never reads a member list (blind s105/02,
 * rizafahmi/slackbot-nodejs). The store's own handler of a `channel_join` message does: it pushes the
 * joiner onto `channel.members`, and where the list is missing it throws, which the store hands its
 * logger at debug level. The bot's store logger prints such errors, so the run shows one.
 */
const BOT = `'use strict';

var slack = require('@slack/client');

function logStoreErrors(level, message) {
  if (message instanceof Error) console.error('store: ' + message.message);
}

var rtm = new slack.RtmClient(process.env.SLACK_BOT_TOKEN, {
  slackAPIUrl: process.env.SLACK_API_URL,
  autoReconnect: false,
  logLevel: 'error',
  dataStore: new slack.MemoryDataStore({ logger: logStoreErrors }),
});

rtm.on(slack.RTM_EVENTS.MESSAGE, function (message) {
  if (message.subtype !== undefined) return;
  var user = rtm.dataStore.getUserById(message.user);
  var place = rtm.dataStore.getChannelGroupOrDMById(message.channel);
  console.log(user.name + ' said "' + message.text + '" in #' + place.name);
  process.stdout.write('', function () { process.exit(0); });
});

rtm.start();
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 105, users: 30, channels: 8, mode: 'legacy' });
});
afterAll(async () => {
  await fake.close();
});

describe("a v3 client's dataStore, whose own handlers keep the member lists the bot never reads", () => {
  it('gets the members of the conversations it is given, so a channel_join is taken in as under rtm.start', { timeout: 180_000 }, async () => {
    const channel = fake.workspace.byType.public_channel.find((c) => c.isMember && fake.workspace.memberCount(c) < fake.workspace.users.length);
    const joiner = channel && fake.workspace.users.find((u) => !fake.workspace.members(channel).includes(u.id));
    if (!channel || !joiner) throw new Error('the fake workspace has no member channel without every user');
    fake.sendAfterHello([
      { type: 'message', subtype: 'channel_join', channel: channel.id, user: joiner.id, text: `<@${joiner.id}> has joined the channel`, ts: '1700000000.000100' },
      { type: 'message', channel: channel.id, user: joiner.id, text: 'hello', ts: '1700000000.000200' },
    ]);
    const dir = await writeBotFiles('v3-store-members-', { 'bot.js': BOT });
    const run = (): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });

    fake.setMode('legacy');
    const before = await run();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toBe(`${joiner.name} said "hello" in #${channel.name}\n`);

    const done = await cli(['apply', '.', '--allow-dirty', '--no-verify', '--report', 'json'], dir);
    expect(done.code).toBe(0);
    const [site] = (JSON.parse(done.stdout) as { sites: { rewrite: string; fieldsRead: string[] }[] }).sites;
    expect(site?.rewrite).toBe('helper-module');

    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await run();
    // No `store: Cannot read properties of undefined (reading 'indexOf')` from the join's handler.
    expect([after.code, after.stderr, after.stdout]).toEqual([0, '', before.stdout]);
    expect(fake.calls.map((c) => c.method)).toContain('conversations.members');
    expect(fake.calls.map((c) => c.method)).not.toContain('rtm.start');
  });
});
