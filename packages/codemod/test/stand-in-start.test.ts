import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkBotsRelease } from '../../../test/support/bots-release.js';
import { run, type RunResult } from '../../../test/support/run.js';
import { cli, ROOT, tempDir, writeBotFiles } from './helpers.js';

const BOTS = join(ROOT, 'fixtures', 'bots');

/**
 * A v3 bot whose own mocha test swaps its client for an emitter of the test's and the client's `start` for a
 * stub, as slack-irc's tests do (blind s124/03: after the migration `startRtmClient()` threw its TypeError on
 * the stand-in, 73 passing → 25). The migrated start runs such a stand-in's `start` as the code did, and the stand-in
 * is left as it is, no TODO (s130/09), whatever the bot looks up in the store that start fills (s137/06). Run with
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

  nameOf(id) {
    const { dataStore } = this.slack.rtm;
    return dataStore.getUserById(id).name;
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
    // The run that checks it sees the module's start, not the site, and says the same (blind s137/06, 07, 10: --check wrote the TODO apply had not).
    const check = await cli(['apply', '.', '--check'], dir);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^note +test\/bot\.spec\.js:\d+:\d+ +stand-in → idle-stub$/m);
    expect(check.stdout).toContain('TODOs left: 0');
  });
});

/**
 * Blind s135/04 (lunohq/node-slack-sdk's test helper): a v3 client whose `_rtm.start` facet a test replaced with
 * a stand-in answering a fixture (`sinon.stub(rtmClient._rtm, 'start', …)`), then started. The migrated start
 * still asks the stand-in (it asked Slack with the test's fake token, got `invalid_auth` and filled no store),
 * through the `rtm.connect` that `useRtmConnect: true` makes a 3.16 client use, and directly on a 3.6 one.
 */
const FACET_HELPER = `const { RtmClient } = require('@slack/client');

const fixture = {
  ok: true,
  url: 'ws://127.0.0.1:9/',
  self: { id: 'U1', name: 'ada' },
  team: { id: 'T1', name: 'Test', domain: 'test' },
  users: [{ id: 'U1', name: 'ada' }, { id: 'U2', name: 'bob' }],
  channels: [{ id: 'C1', name: 'general', is_member: true, members: ['U1', 'U2'] }],
  groups: [],
  ims: [],
  bots: [],
};

module.exports = function getRtmClient() {
  const rtmClient = new RtmClient('fake-token', { autoReconnect: false, logLevel: 'error' });
  rtmClient._rtm.start = function (opts, cb) {
    rtmClient._rtm.start.calls += 1;
    cb(null, fixture);
  };
  rtmClient._rtm.start.calls = 0;
  rtmClient.start();
  return rtmClient;
};
`;

const FACET_SPEC = `const assert = require('assert');
const getRtmClient = require('./utils/client');

describe('getRtmClient', function () {
  it('fills the store from the stubbed start', function (done) {
    const rtm = getRtmClient();
    setTimeout(function () {
      assert.strictEqual(rtm._rtm.start.calls, 1);
      assert.strictEqual(rtm.dataStore.getUserById('U2').name, 'bob');
      assert.strictEqual(rtm.dataStore.getChannelByName('general').members.length, 2);
      assert.strictEqual(rtm.activeUserId, 'U1');
      rtm.disconnect();
      done();
    }, 50);
  });
});
`;

describe("a test's stand-in for a v3 client's rtm facet start", () => {
  it.each([
    { version: '3.16.0', installed: join('@slack', 'client') },
    { version: '3.6.0', installed: 'slack-client-3-6' },
  ])('@slack/client $version: the migrated start asks the stand-in as before, and the test still passes', { timeout: 120_000 }, async ({ version, installed }) => {
    const dir = await tempDir('rtm-migrate-facet-stand-in-');
    await mkdir(join(dir, 'test', 'utils'), { recursive: true });
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'sdk-tests', private: true, dependencies: { '@slack/client': version } }));
    await writeFile(join(dir, 'test', 'utils', 'client.js'), FACET_HELPER);
    await writeFile(join(dir, 'test', 'client.spec.js'), FACET_SPEC);
    await linkBotsRelease(dir, installed, join('@slack', 'client'));
    const mocha = (): Promise<RunResult> => run(process.execPath, [join(BOTS, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--exit', 'test/client.spec.js'], { cwd: dir, env: { PATH: process.env.PATH ?? '' } });
    const before = await mocha();
    expect([before.code, before.stdout]).toEqual([0, expect.stringMatching(/1 passing/)]);
    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect([migrated.code, migrated.stderr]).toEqual([0, '']);
    expect(migrated.stdout).toMatch(/^done +test\/utils\/client\.js:\d+:\d+ +legacy-client → helper-module$/m);
    expect(await readFile(join(dir, 'test', 'utils', 'client.js'), 'utf8')).toContain('startRtmClient(rtmClient');
    const after = await mocha();
    expect([after.code, after.stdout]).toEqual([0, expect.stringMatching(/1 passing/)]);
  });
});

/** Blind s137/08 (slack-irc on @slack/client 4): the same stand-in where the client is an `RTMClient`, whose `start` asks `rtm.connect`. */
describe("a test's stand-in for a client that never asked rtm.start", () => {
  it('is left as it is with a note, and --check passes', { timeout: 120_000 }, async () => {
    const v4 = "const { RTMClient } = require('@slack/client');\n\nclass Bot {\n  constructor(token) {\n    this.slack = { rtm: new RTMClient(token) };\n  }\n\n  connect() {\n    this.slack.rtm.start();\n  }\n}\n\nmodule.exports = Bot;\n";
    const dir = await writeBotFiles('rtm-migrate-stand-in-v4-', { 'package.json': JSON.stringify({ name: 'bot', private: true, dependencies: { '@slack/client': '^4.6.0' } }), 'lib/bot.js': v4, 'test/bot.spec.js': SPEC });
    const check = await cli(['apply', '.', '--check'], dir);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^note +test\/bot\.spec\.js:\d+:\d+ +stand-in → idle-stub$/m);
    expect(check.stdout).toContain('TODOs left: 0');
    expect(await readFile(join(dir, 'test', 'bot.spec.js'), 'utf8')).toBe(SPEC);
  });
});
