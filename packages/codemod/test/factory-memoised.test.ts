import { HELPER_EXPORTS } from '@rtm-migrate/core';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../test/support/run.js';
import { v3BeforeAndAfter } from './v3-before-after.js';

/**
 * A v3 RtmClient made on first use by a module of the app (`return cached || (cached = new RtmClient(…))`)
 * and started by its caller in another module: every call returns the one client that `new` made, so
 * the `new` gets `useRtmConnect: true` and the start goes to `startRtmClient()`. Before: rtm.start against
 * legacy fake Slack; after: against connect_required; the same output, on success and with an invalid
 * token. Real @slack/client 3.16.0, fake Slack on 127.0.0.1. The unsafe variants are scan cases of
 * factory-start.test.ts.
 */
const FACTORY = `'use strict';
// One client per process, made on first use.
var slack = require('@slack/client');

var cached;

exports.client = function client(token) {
  return cached || (cached = new slack.RtmClient(token, { slackAPIUrl: process.env.SLACK_API_URL, dataStore: new slack.MemoryDataStore(), retryConfig: { retries: 0 }, logLevel: 'error' }));
};
`;

const BOT = `'use strict';
var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;
var slack = require('./lib/slack');

var rtm = slack.client(process.env.SLACK_BOT_TOKEN);
rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) {
  console.log('deploys as ' + data.self.name + ' in ' + data.team.name + ': ' + data.users.length + ' users, ' + data.channels.length + ' channels');
});
rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) { console.log('unable to start: ' + error.message); });
rtm.on(CLIENT_EVENTS.RTM.DISCONNECT, function (reason) {
  console.log('disconnect: ' + reason);
  setTimeout(function () { process.exit(0); }, 300);
});
rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
  var general = slack.client().dataStore.getChannelByName('general');
  console.log('opened, same client: ' + (slack.client() === rtm) + ', #general has ' + general.members.length + ' members');
  rtm.autoReconnect = false;
  rtm.disconnect();
});
rtm.start();
`;

async function beforeAndAfter(token: string): Promise<{ before: RunResult; after: RunResult; bot: string; factory: string; applied: string; calls: string[] }> {
  const { read, ...runs } = await v3BeforeAndAfter('factory-memoised-', { 'lib/slack.js': FACTORY, 'bot.js': BOT }, token, { seed: 11, users: 10, channels: 5 });
  return { ...runs, bot: await read('bot.js'), factory: await read('lib/slack.js') };
}

describe('a v3 RtmClient made on first use by a module of the app', () => {
  it('useRtmConnect where it is made, startRtmClient() where it is started: the same output with rtm.start retired', { timeout: 120_000 }, async () => {
    const { before, after, bot, factory, applied, calls } = await beforeAndAfter('xoxb-test');
    expect(applied).toContain('TODOs left: 0');
    expect(bot).toContain(`${HELPER_EXPORTS.legacyStart}(rtm`);
    expect(factory).toContain('useRtmConnect: true');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^deploys as \S+ in .+: \d+ users, \d+ channels\nopened, same client: true, #general has \d+ members\ndisconnect: /m);
    expect(after).toEqual(before);
    expect(calls).not.toContain('rtm.start');
    expect(calls.filter((m) => m === 'rtm.connect')).toHaveLength(1);
  });

  it('an invalid token: the same UNABLE_TO_RTM_START and DISCONNECT', { timeout: 120_000 }, async () => {
    const { before, after } = await beforeAndAfter('xoxb-bad');
    expect(before.stdout).toMatch(/unable to start: invalid_auth\ndisconnect: invalid_auth is not recoverable\n/);
    expect(after).toEqual(before);
  });
});
