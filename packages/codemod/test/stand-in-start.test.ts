import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type RunResult } from '../../../test/support/run.js';
import { cli, writeBotFiles } from './helpers.js';

/**
 * A v3 bot whose own mocha test swaps its client for an emitter of the test's and the client's `start` for a
 * stub, as slack-irc's tests do (blind s124/03: after the migration `startRtmClient()` threw its TypeError on
 * the stand-in, 73 passing → 25). The migrated start runs such a stand-in's `start` as the code did, and the stand-in
 * is left as it is, no TODO (s130/09). Run with
 * the mocha 10 and @slack/client 3.16 fixtures/bots installs.
 */
const BOT = `const { RtmClient, MemoryDataStore } = require('@slack/client');

class Bot {
  constructor(token) {
    this.slack = { rtm: new RtmClient(token, { dataStore: new MemoryDataStore() }) };
  }

  connect() {
    this.slack.rtm.start();
    this.slack.rtm.on('authenticated', (data) => { this.users = data.users; });
  }
}

module.exports = Bot;
`;

const SPEC = `const assert = require('assert');
const EventEmitter = require('events');
const Bot = require('../lib/bot');

// A stub that records its calls, as sinon's does.
function stub() {
  const recorder = function () { recorder.calls.push([].slice.call(arguments)); };
  recorder.calls = [];
  return recorder;
}

describe('Bot#connect', function () {
  it('starts the client once and keeps the users it is handed', function () {
    const bot = new Bot('xoxb-test');
    bot.slack = { rtm: new EventEmitter() };
    bot.slack.rtm.start = stub();
    bot.connect();
    bot.slack.rtm.emit('authenticated', { users: [{ id: 'U1', name: 'ada' }] });
    assert.strictEqual(bot.slack.rtm.start.calls.length, 1);
    assert.deepStrictEqual(bot.users, [{ id: 'U1', name: 'ada' }]);
  });
});
`;

describe("a test's stand-in for a v3 client, with a start of its own", () => {
  it('still passes once the bot is migrated: startRtmClient() runs the stand-in’s start', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-stand-in-', { 'package.json': JSON.stringify({ name: 'bot', private: true, dependencies: { '@slack/client': '3.16.0' } }), 'lib/bot.js': BOT, 'test/bot.spec.js': SPEC });
    const mocha = (): Promise<RunResult> => run(process.execPath, [join(dir, 'node_modules', 'mocha', 'bin', 'mocha.js')], { cwd: dir, env: { PATH: process.env.PATH ?? '' } });
    const before = await mocha();
    expect([before.code, before.stdout]).toEqual([0, expect.stringMatching(/1 passing/)]);
    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect([migrated.code, migrated.stderr]).toEqual([0, '']);
    expect(migrated.stdout).toContain('lib/bot.js:9:5  legacy-client → helper-module');
    // The stand-in is no TODO: the migrated start still calls it (blind s130/09: three such TODOs failed --check).
    expect(migrated.stdout).toMatch(/^note +test\/bot\.spec\.js:\d+:\d+ +stand-in → idle-stub/m);
    expect(migrated.stdout).toContain('TODOs left: 0');
    expect(await readFile(join(dir, 'lib', 'bot.js'), 'utf8')).toContain('startRtmClient(this.slack.rtm');
    const after = await mocha();
    expect([after.code, after.stdout]).toEqual([0, expect.stringMatching(/1 passing/)]);
  });
});
