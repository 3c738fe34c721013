import { join } from 'node:path';
import { ALL_SCOPES, startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, slackbotsApp, writeBotFiles } from './helpers.js';

/**
 * An app helper whose promises have methods of their own (bluebird's `.caught()`, fixtures/bots'
 * bluebird 3 over axios): the start comes back as its kind of promise (`rtmStartDataAs()`), chained on a
 * first call through the helper. That call was `team.info` even where the team is not read, so a token
 * with exactly the scopes the report lists failed with `missing_scope` (blind s93/01, stolksdorf/slack-geobot).
 * The same holds for slackbots' wrapper, whose login chains vow's promise so (blind s92/01, valandro/node-scrum-slack-bot).
 */
const BOT = `'use strict';
const Promise = require('bluebird');
const axios = require('axios');

function api(method, args) {
  const form = new URLSearchParams(Object.assign({ token: process.env.SLACK_BOT_TOKEN }, args));
  return Promise.resolve(axios.post(process.env.SLACK_API_URL + method, form.toString())).then((res) => {
    if (!res.data.ok) throw new Error(res.data.error);
    return res.data;
  });
}

api('rtm.start', {})
  .then((data) => {
    console.log('users: ' + data.users.map((u) => u.name).sort().join(','));
    console.log('channels: ' + data.channels.filter((c) => c.is_member).map((c) => c.name).sort().join(','));
  })
  .caught((err) => {
    console.error('start failed: ' + err.message);
    process.exitCode = 1;
  });
`;

/** The bot reads the team too: the first call is team.info, whose answer serves as the team's. */
const TEAM_BOT = BOT.replace("console.log('users: ' +", "console.log('team: ' + data.team.name);\n    console.log('users: ' +");

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 93, users: 14, channels: 5, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

/** s92/01's bot on slackbots 1.2.0: it reads the id of #general off the bot's channels once it starts. */
const SLACKBOTS_BOT = `'use strict';
const SlackBot = require('slackbots');

const bot = new SlackBot({ token: process.env.SLACK_BOT_TOKEN, name: 'scrum' });
bot.on('start', function () {
  bot.getChannelId('general').then(function (id) {
    console.log('general: ' + id);
    process.exit(0);
  });
});
`;

/** The bot migrated, and run against connect_required with a token granted only the scopes the CLI's summary lists. */
async function migrateAndRunListedScopes(dir: string, main = 'bot.js', target = '.'): Promise<{ after: RunResult; methods: string[] }> {
  const migrated = await cli(['apply', target, '--allow-dirty'], dir);
  expect([migrated.code, migrated.stderr]).toEqual([0, '']);
  expect(migrated.stdout).toContain('TODOs left: 0');
  const scopes = /^scopes needed: (.+)$/m.exec(migrated.stdout)?.[1]?.split(', ') ?? [];
  expect(scopes.every((s) => ALL_SCOPES.includes(s))).toBe(true);
  const narrow = await startFakeSlack({ seed: 93, users: 14, channels: 5, mode: 'connect_required', tokens: { 'xoxb-listed': { scopes } } });
  try {
    const after = await runNodeBot(join(dir, main), { cwd: dir, apiUrl: narrow.apiUrl, token: 'xoxb-listed', timeoutMs: 90_000 });
    return { after, methods: narrow.calls.map((c) => c.method) };
  } finally {
    await narrow.close();
  }
}

describe("rtmStartDataAs() through an app helper's own kind of promise, with a token granted the scopes the report lists", () => {
  it.each([
    ['reads no team: the first call is auth.test, which needs no scope', BOT, 'auth.test', 'team.info'],
    ['reads the team: the first call is team.info, asked once', TEAM_BOT, 'team.info', 'auth.test'],
  ])('%s, and the bot prints the same', { timeout: 240_000 }, async (_name, source, first, never) => {
    const dir = await writeBotFiles('rtm-migrate-own-promise-scopes-', { 'bot.js': source });
    fake.setMode('legacy');
    const before = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 90_000 });
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^users: \S+,\S+/m);

    const { after, methods } = await migrateAndRunListedScopes(dir);
    expect([after.code, after.stderr, after.stdout]).toEqual([0, '', before.stdout]);
    expect(methods).not.toContain('rtm.start');
    expect(methods).not.toContain(never);
    expect(methods.filter((m) => m === first)).toHaveLength(1);
  });

  it("slackbots 1.2.0's login through withSlackbotsRtmStart(), the bot reading its channels only: auth.test first, the same id of #general", { timeout: 240_000 }, async () => {
    const dir = await slackbotsApp(SLACKBOTS_BOT);
    const main = join('runners', 'bot.js');
    fake.setMode('legacy');
    const before = await runNodeBot(join(dir, main), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 90_000 });
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^general: C\w+$/m);

    const { after, methods } = await migrateAndRunListedScopes(dir, main, 'runners');
    expect([after.code, after.stderr, after.stdout]).toEqual([0, '', before.stdout]);
    expect(methods).not.toContain('team.info');
    expect(methods.filter((m) => m === 'auth.test')).toHaveLength(1);
  });
});
