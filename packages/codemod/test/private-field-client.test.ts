import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../src/plan.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, cli, expectSameWithoutRtmStart, expectSecondRunChangesNothing, writeBotFiles } from './helpers.js';

/**
 * A legacy @slack/client v3 RtmClient (3.16, fixtures/bots' node_modules) that a class makes into a
 * private field in its constructor and starts in a method, reading only `self` and `team` of its
 * AUTHENTICATED data (blind s90/01, crepix/vanilla-server: `private _rtm: any`, compiled by TypeScript
 * 1.8, too old for the helper module, so the start was left as a TODO). Only the class can say the
 * field, so its store is read nowhere: `useRtmConnect: true` alone migrates it. The JavaScript bot uses
 * `#rtm`, which Node runs as it is.
 */
const BOT = `'use strict';
const { RtmClient, CLIENT_EVENTS, RTM_EVENTS } = require('@slack/client');

class Bot {
  #rtm;
  #id;

  constructor(token) {
    this.#rtm = new RtmClient(token, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error', dataStore: false });
  }

  start() {
    const that = this;
    this.#rtm.start();
    this.#rtm.on(RTM_EVENTS.MESSAGE, function (message) {
      that.reply(message);
    });
    this.#rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) {
      that.#id = data.self.id;
      console.log('logged in as ' + data.self.name + ' (' + that.#id + ') of team ' + data.team.name);
      process.exit(0);
    });
    this.#rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
      console.error('unable to start: ' + (error && error.message ? error.message : error));
      process.exit(1);
    });
  }

  reply(message) {
    this.#rtm.sendMessage('pong', message.channel);
  }
}

new Bot(process.env.SLACK_BOT_TOKEN).start();
`;

/** The same bot handing the lists on: the client is started through the helper module, `this.#rtm` and all. */
const LISTS_BOT = BOT.replace(
  "console.log('logged in as ' + data.self.name + ' (' + that.#id + ') of team ' + data.team.name);",
  "console.log('logged in as ' + data.self.name + ' (' + that.#id + ') of team ' + data.team.name);\n      console.log(JSON.stringify(data.users.map((u) => u.name)) + ' ' + JSON.stringify(data.channels.filter((c) => c.is_member).map((c) => c.name + ':' + c.members.length)));",
);

/** The same class in TypeScript, as s90/01 wrote it: a `private` field. */
const TS_BOT = `const RtmClient = require('@slack/client').RtmClient;
const CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;

export class Bot {
  private _rtm: any;
  private _id: string;

  constructor(token: string) {
    this._rtm = new RtmClient(token, { logLevel: 'info', dataStore: false });
  }

  start(): void {
    const that = this;
    this._rtm.start();
    this._rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) {
      that._id = data.self.id;
      console.log(data.self.name + ' of ' + data.team.name);
    });
  }

  send(text: string, channel: string): void {
    this._rtm.sendMessage(text, channel);
  }
}
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 19, users: 12, channels: 4, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const run = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 90_000 });

/** The plan's one outcome for each file's site, the project written to disk with fixtures/bots' packages. */
async function rewrites(files: Readonly<Record<string, string>>): Promise<Record<string, string>> {
  const dir = await writeBotFiles('rtm-migrate-private-field-', files);
  const scanned = await cli(['scan', '.', '--json'], dir);
  expect([scanned.code, scanned.stderr]).toEqual([0, '']);
  return Object.fromEntries((JSON.parse(scanned.stdout) as Plan).sites.map((s) => [s.file, s.rewrite]));
}

describe('a v3 RtmClient kept in a private field of a class', () => {
  it('gets useRtmConnect: true alone, no module and no list fetched, and prints the same against connect_required', { timeout: 240_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-private-field-run-', { 'bot.js': BOT });
    fake.setMode('legacy');
    const before = await run(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^logged in as \S+ \(U\w+\) of team .+\n$/m);

    await breaksThenMigrates(fake, dir, () => run(dir));
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain("new RtmClient(token, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error', dataStore: false, useRtmConnect: true });");
    await expect(access(join(dir, 'rtm-start-data.js'))).rejects.toThrow();

    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await run(dir);
    expectSameWithoutRtmStart(fake, before, after);
    expect(fake.calls.map((c) => c.method)).toEqual(['rtm.connect']);
    await expectSecondRunChangesNothing(dir);
  });

  it('is started through the helper module where its data goes on, and prints the same users and channels against connect_required', { timeout: 240_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-private-field-lists-', { 'bot.js': LISTS_BOT });
    fake.setMode('legacy');
    const before = await run(dir);
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^\["[^"]+"(,"[^"]+")+\] \["general:12"/m);

    await breaksThenMigrates(fake, dir, () => run(dir));
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain('startRtmClient(this.#rtm');
    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await run(dir);
    expectSameWithoutRtmStart(fake, before, after);
    await expectSecondRunChangesNothing(dir);
  });

  it('is started with rtm.connect alone in TypeScript where only the class says the field', { timeout: 120_000 }, async () => {
    expect(await rewrites({ 'bot.ts': TS_BOT })).toEqual({ 'bot.ts': 'connect-only' });
  });

  // TypeScript lets `bot['_rtm']` through: another file that says the name may read the store.
  it('keeps the whole data where another file says the field, or the class reads its store, or the field is not private', { timeout: 120_000 }, async () => {
    const spelled = { 'bot.ts': TS_BOT, 'peek.ts': "import { Bot } from './bot';\nexport const peek = (bot: Bot): unknown => (bot as any)['_rtm'].dataStore;\n" };
    expect(await rewrites(spelled)).toEqual({ 'bot.ts': 'helper-module' });
    const storeRead = TS_BOT.replace("this._rtm.sendMessage(text, channel);", "this._rtm.sendMessage(text, this._rtm.dataStore.getChannelByName(channel).id);");
    expect(await rewrites({ 'bot.ts': storeRead })).toEqual({ 'bot.ts': 'helper-module' });
    expect(await rewrites({ 'bot.ts': TS_BOT.replace('private _rtm: any;', '_rtm: any;') })).toEqual({ 'bot.ts': 'helper-module' });
    const otherInstance = TS_BOT.replace('send(text: string, channel: string): void {', 'copy(other: Bot): void {\n    other._rtm = this._rtm;\n  }\n\n  send(text: string, channel: string): void {');
    expect(await rewrites({ 'bot.ts': otherInstance })).toEqual({ 'bot.ts': 'helper-module' });
  });
});
