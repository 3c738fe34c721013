import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import type { Plan } from '../src/plan.js';
import { breaksThenMigrates, cli, expectSameWithoutRtmStart, tempDir, V3_BOT_END, writeBotFiles } from './helpers.js';

/**
 * What a v3 `RtmClient`'s store knows, counted from outside the program: a module preloaded with `-r`
 * (in a folder of its own, which the migration never sees) wraps the SDK's `emit` to keep every client
 * that emits, and prints each one's store at exit. Blind s111/03 (@slack/client 3.8.1, its default store,
 * nothing read of it): the migrated bot's store held the bot alone, 1 user and 0 channels against 300
 * and 32, because only the parts the code read were fetched. A client with a store now gets all of it;
 * one made with `dataStore: false` keeps none, and only what the code reads is fetched for it.
 */
const STORE_COUNTER = `'use strict';
const Module = require('module');
const load = Module._load;
const clients = new Set();
Module._load = function (request, parent, isMain) {
  const exported = load.call(this, request, parent, isMain);
  const Client = request === '@slack/client' ? exported.RtmClient : undefined;
  if (typeof Client === 'function' && !Client.prototype.__counted) {
    const emit = Client.prototype.emit;
    Client.prototype.emit = function () { clients.add(this); return emit.apply(this, arguments); };
    Client.prototype.__counted = true;
  }
  return exported;
};
process.on('exit', () => {
  for (const client of clients) {
    const store = client.dataStore;
    if (!store) { require('fs').writeSync(1, 'store: none\\n'); continue; }
    const count = (map) => Object.keys(map || {}).length;
    const members = Object.values(store.channels || {}).concat(Object.values(store.groups || {})).reduce((n, c) => n + (c.members ? c.members.length : 0), 0);
    const general = Object.values(store.channels || {}).find((c) => c.name === 'general');
    require('fs').writeSync(1, 'store: users=' + count(store.users) + ' channels=' + count(store.channels) + ' groups=' + count(store.groups) + ' dms=' + count(store.dms) + ' bots=' + count(store.bots) + ' members=' + members + ' #general=' + (general ? general.members.length : '-') + '\\n');
  }
});
`;

/** A bot that reads nothing of its store: it prints who it is and stops. `options` are its client's. */
const bot = (sdk: string, options: string): string => `'use strict';
var RtmClient = require('${sdk}').RtmClient;
var CLIENT_EVENTS = require('${sdk}').CLIENT_EVENTS;

var rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error'${options} });

rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (start) {
  console.log('signed in as ' + start.self.name + ' on ' + start.team.domain);
});

${V3_BOT_END}`;

let fake: FakeSlack;
let counter: string;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 7, users: 40, channels: 8, mode: 'legacy' });
  counter = join(await tempDir('rtm-migrate-store-counter-'), 'count-store.js');
  await writeFile(counter, STORE_COUNTER);
});

afterAll(async () => {
  await fake.close();
});

const run = (dir: string): Promise<RunResult> =>
  runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, env: { NODE_OPTIONS: `-r ${counter}` }, timeoutMs: 90_000 });

/** The bot run against `rtm.start`, migrated, and run against connect_required: both runs, the calls after and its plan. */
async function migrate(dir: string): Promise<{ before: RunResult; after: RunResult; methods: string[]; plan: Plan }> {
  fake.setMode('legacy');
  const before = await run(dir);
  expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
  const plan = JSON.parse((await cli(['scan', '.', '--json'], dir)).stdout) as Plan;
  await breaksThenMigrates(fake, dir, () => run(dir));
  fake.setMode('connect_required');
  fake.resetCalls();
  const after = await run(dir);
  return { before, after, methods: [...new Set(fake.calls.map((c) => c.method))].sort(), plan };
}

describe('a v3 RtmClient whose code reads nothing of its store', () => {
  it.each([
    ['@slack/client 3.16, its default store', '@slack/client', ''],
    ['@slack/client 3.16, a store given in the options', '@slack/client', ", dataStore: new (require('@slack/client').MemoryDataStore)()"],
  ])('%s: the migrated store knows the same users, channels and members', { timeout: 240_000 }, async (_name, sdk, options) => {
    const dir = await writeBotFiles('rtm-migrate-v3-store-filled-', { 'bot.js': bot(sdk, options) });
    const { before, after, plan } = await migrate(dir);
    expect(before.stdout).toMatch(/\nsigned in as .+\nstore: users=\d+ channels=\d+ groups=\d+ dms=\d+ bots=\d+ members=\d+ #general=\d+\n$/);
    expect(before.stdout).not.toContain('users=0');
    expectSameWithoutRtmStart(fake, before, after);
    expect(plan.sites[0]?.escapes.at(-1)?.reason).toContain('the client keeps a `dataStore`');
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain("startRtmClient(rtm, {}, { optional: ['team.prefs'] });");
  });

  // Blind s123/06 (norrisbot, @slack/client 3.14.1, `new RtmClient(token, opt.rtmOptions)`): options the rewrite
  // cannot add `useRtmConnect: true` to were a TODO; the start's rtm.start request is answered instead, as before 3.10.
  it('made with options it cannot add useRtmConnect to: its start answered, the same store', { timeout: 240_000 }, async () => {
    const written = "var rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' });";
    const held = "var settings = { rtm: { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' } };\nvar rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, settings.rtm);";
    const text = bot('@slack/client', '');
    expect(text).toContain(written);
    const dir = await writeBotFiles('rtm-migrate-v3-held-options-', { 'bot.js': text.replace(written, held) });
    const { before, after } = await migrate(dir);
    expect(before.stdout).not.toContain('users=0');
    expectSameWithoutRtmStart(fake, before, after);
    const source = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(source).toContain(held);
    expect(source).toContain("startRtmClient(rtm, {}, { optional: ['team.prefs'] });");
  });

  it('made with dataStore: false, it keeps none: useRtmConnect alone, one rtm.connect and no list', { timeout: 240_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-v3-no-store-', { 'bot.js': bot('@slack/client', ', dataStore: false') });
    const { before, after, methods } = await migrate(dir);
    expect(before.stdout).toMatch(/signed in as .+\nstore: none\n$/);
    expectSameWithoutRtmStart(fake, before, after);
    expect(methods).toEqual(['rtm.connect']);
    const source = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(source).toContain('useRtmConnect: true');
    expect(source).not.toContain('rtm-start-data');
  });
});
