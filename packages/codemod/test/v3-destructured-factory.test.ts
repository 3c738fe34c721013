import { HELPER_EXPORTS } from '@rtm-migrate/core';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../test/support/run.js';
import { outcomes, scanFiles } from './helpers.js';
import { v3BeforeAndAfter } from './v3-before-after.js';

/**
 * A v3 RtmClient taken out of what a function of the same file returns (`const { rtm } = clientsFor(token)`,
 * every return an object literal keeping `rtm: new RtmClient(…)`): followed to its `new` as a client made
 * in a variable is, `useRtmConnect: true` where it is made and `startRtmClient()` where it is started.
 * Before: rtm.start against legacy fake Slack; after: against connect_required; the same output. Real
 * @slack/client 3.16.0, fake Slack on 127.0.0.1. A function that may return something else stays a TODO.
 */
const BOT = `'use strict';
var slack = require('@slack/client');
var CLIENT_EVENTS = slack.CLIENT_EVENTS;

// The app keeps both clients of a token together.
function clientsFor(token) {
  var options = { slackAPIUrl: process.env.SLACK_API_URL };
  return {
    web: new slack.WebClient(token, options),
    rtm: new slack.RtmClient(token, { slackAPIUrl: process.env.SLACK_API_URL, dataStore: new slack.MemoryDataStore(), retryConfig: { retries: 0 }, logLevel: 'error' }),
  };
}

const { rtm } = clientsFor(process.env.SLACK_BOT_TOKEN);
rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) {
  console.log('deploys as ' + data.self.name + ' in ' + data.team.name + ': ' + data.users.length + ' users, ' + data.channels.length + ' channels');
});
rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) { console.log('unable to start: ' + error.message); });
rtm.on(CLIENT_EVENTS.RTM.DISCONNECT, function (reason) {
  console.log('disconnect: ' + reason);
  setTimeout(function () { process.exit(0); }, 300);
});
rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
  var general = rtm.dataStore.getChannelByName('general');
  var names = Object.keys(rtm.dataStore.users).map(function (id) { return rtm.dataStore.users[id].name; }).sort();
  console.log('users: ' + names.join(',') + '; #general has ' + general.members.length + ' members: ' + general.members.slice().sort().join(','));
  rtm.autoReconnect = false;
  rtm.disconnect();
});
rtm.start();
`;

async function beforeAndAfter(token: string): Promise<{ before: RunResult; after: RunResult; bot: string; applied: string; calls: string[] }> {
  const { read, ...runs } = await v3BeforeAndAfter('v3-destructured-factory-', { 'bot.js': BOT }, token, { seed: 12, users: 9, channels: 4 });
  return { ...runs, bot: await read('bot.js') };
}

describe('a v3 RtmClient destructured out of what a function of the file returns', () => {
  it('useRtmConnect where it is made, startRtmClient() where it is started: the same users, channels and members', { timeout: 120_000 }, async () => {
    const { before, after, bot, applied, calls } = await beforeAndAfter('xoxb-test');
    expect(applied).toContain('TODOs left: 0');
    expect(bot).toContain(`${HELPER_EXPORTS.legacyStart}(rtm`);
    expect(bot).toMatch(/new slack\.RtmClient\(token, \{[^\n]*useRtmConnect: true/);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^deploys as \S+ in .+: 9 users, 4 channels\nusers: \S+; #general has \d+ members: \S*\ndisconnect: /m);
    expect(after).toEqual(before);
    expect(calls).not.toContain('rtm.start');
    expect(calls.filter((m) => m === 'rtm.connect')).toHaveLength(1);
  });

  it('an invalid token: the same UNABLE_TO_RTM_START and DISCONNECT', { timeout: 120_000 }, async () => {
    const { before, after } = await beforeAndAfter('xoxb-bad');
    expect(before.stdout).toMatch(/unable to start: invalid_auth\ndisconnect: invalid_auth is not recoverable\n/);
    expect(after).toEqual(before);
  });

  const MANIFEST = JSON.stringify({ name: 'bot', private: true, dependencies: { '@slack/client': '^3.15.0' } });
  const MAKER = "const { RtmClient } = require('@slack/client');\n";
  it.each([
    { form: 'a function that may return something else', fn: 'function clientsFor(token) {\n  if (!token) return {};\n  return { rtm: new RtmClient(token) };\n}\n' },
    { form: 'a spread that may put another rtm in', fn: 'function clientsFor(token, extra) {\n  return { rtm: new RtmClient(token), ...extra };\n}\n' },
    { form: 'a function given another value later', fn: 'let clientsFor = (token) => ({ rtm: new RtmClient(token) });\nclientsFor = (token) => ({ rtm: token });\n' },
    { form: 'an async function (its caller gets a promise)', fn: 'async function clientsFor(token) {\n  return { rtm: new RtmClient(token) };\n}\n' },
  ])('$form: a TODO', async ({ fn }) => {
    const report = await scanFiles(MANIFEST, { 'bot.js': `${MAKER}${fn}const { rtm } = clientsFor(process.env.TOKEN);\nrtm.start();\n` });
    expect(Object.values(outcomes(report))).toEqual(['todo']);
  });
});
