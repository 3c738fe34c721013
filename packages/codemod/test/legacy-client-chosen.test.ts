import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HELPER_EXPORTS } from '@rtm-migrate/core';
import { describe, expect, it } from 'vitest';
import { copyV3Bot } from '../../../test/support/v3-bot.js';
import type { RunResult } from '../../../test/support/run.js';
import { cli } from './helpers.js';
import { v3BeforeAndAfter } from './v3-before-after.js';

/**
 * A v3 RtmClient held where it is given more than one value, each a `new RtmClient(…)`: chosen by a
 * condition as it is made (a field), and a `let` made again for a backup token. Whichever runs, it is a
 * v3 client, so its start goes to `startRtmClientMadeElsewhere()` of the generated module. Before:
 * rtm.start against legacy fake Slack; after: against connect_required; the same output, on success
 * and with an invalid token. Real @slack/client 3.16.0, fake Slack on 127.0.0.1.
 */
const BOT = `var slack = require('@slack/client');

var options = { slackAPIUrl: process.env.SLACK_API_URL, dataStore: new slack.MemoryDataStore(), retryConfig: { retries: 0 }, logLevel: 'error' };

function Relay(token, debug) {
  this.client = debug ? new slack.RtmClient(token, Object.assign({}, options, { logLevel: 'debug' })) : new slack.RtmClient(token, options);
}
Relay.prototype.open = function () {
  var client = this.client;
  client.on(slack.CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) {
    console.log('relay as ' + data.self.name + ': ' + data.users.length + ' users, ' + data.channels.length + ' channels');
  });
  client.on(slack.CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) { console.log('relay unable to start: ' + error.message); });
  client.on(slack.CLIENT_EVENTS.RTM.DISCONNECT, function (reason) { console.log('relay disconnect: ' + reason); });
  client.on(slack.CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
    var general = client.dataStore.getChannelByName('general');
    console.log('relay opened, #general has ' + general.members.length + ' members');
    client.autoReconnect = false;
    client.disconnect();
    setTimeout(function () { process.exit(0); }, 300);
  });
  this.client.start({ no_unreads: true });
};

var rtm = new slack.RtmClient(process.env.SLACK_BOT_TOKEN, options);
if (process.env.SLACK_BACKUP_TOKEN) {
  rtm = new slack.RtmClient(process.env.SLACK_BACKUP_TOKEN, options);
}
rtm.on(slack.CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) {
  console.log('main as ' + data.self.id + ' in ' + data.team.name + ', ims: ' + data.ims.length);
  new Relay(process.env.SLACK_BOT_TOKEN, false).open();
});
rtm.on(slack.CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) { console.log('main unable to start: ' + error.message); });
rtm.on(slack.CLIENT_EVENTS.RTM.DISCONNECT, function (reason) {
  console.log('main disconnect: ' + reason);
  setTimeout(function () { process.exit(0); }, 300);
});
rtm.on(slack.CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () { rtm.autoReconnect = false; });
rtm.start();
`;

/** The bot's output before migration (legacy fake Slack) and after it (connect_required), with the migrated source and the CLI's output. */
async function beforeAndAfter(token: string, bot: string): Promise<{ before: RunResult; after: RunResult; source: string; applied: string; calls: string[] }> {
  const { read, ...runs } = await v3BeforeAndAfter('legacy-client-chosen-', { 'bot.js': bot }, token, { seed: 9, users: 12, channels: 4 });
  return { ...runs, source: await read('bot.js') };
}

describe('a v3 RtmClient holder given several values, every one a new RtmClient', () => {
  it('starts through startRtmClientMadeElsewhere(): the same output with rtm.start retired', { timeout: 120_000 }, async () => {
    const { before, after, source, applied, calls } = await beforeAndAfter('xoxb-test', BOT);
    expect(applied).toContain('TODOs left: 0');
    expect(source).toContain(`${HELPER_EXPORTS.elsewhereStart}(this.client, { no_unreads: true });`);
    expect(source).toContain(`${HELPER_EXPORTS.elsewhereStart}(rtm);`);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^main as \w+ in .+, ims: \d+\nrelay as \S+: \d+ users, \d+ channels\nrelay opened, #general has \d+ members\n/m);
    expect(after).toEqual(before);
    expect(calls).not.toContain('rtm.start');
    expect(calls.filter((m) => m === 'rtm.connect')).toHaveLength(2);
  });

  it('an invalid token: the same UNABLE_TO_RTM_START and DISCONNECT', { timeout: 120_000 }, async () => {
    const { before, after } = await beforeAndAfter('xoxb-bad', BOT);
    expect(before.stdout).toMatch(/main unable to start: invalid_auth\nmain disconnect: invalid_auth is not recoverable\n/);
    expect(after).toEqual(before);
  });

  it('one value not made here (a module required by name from the environment): still a TODO, the start left as it is', { timeout: 60_000 }, async () => {
    const mixed = BOT.replace("rtm = new slack.RtmClient(process.env.SLACK_BACKUP_TOKEN, options);", 'rtm = require(process.env.SLACK_BACKUP_CLIENT);');
    const dir = await copyV3Bot('legacy-client-mixed-');
    await writeFile(join(dir, 'src', 'bot.js'), mixed);
    const applied = (await cli(['apply', '.'], dir)).stdout;
    const source = await readFile(join(dir, 'src', 'bot.js'), 'utf8');
    expect(applied).toMatch(/^TODO +src\/bot\.js:\d+:1 +unfollowed-client → todo$/m);
    expect(source).toMatch(/\nrtm\.start\(\);\n/);
    expect(source).toContain(`${HELPER_EXPORTS.elsewhereStart}(this.client, { no_unreads: true });`);
  });
});
