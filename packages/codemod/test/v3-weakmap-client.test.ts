import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, expectSameWithoutRtmStart, scanFiles, writeBotFiles } from './helpers.js';

/**
 * A v3 `RtmClient` kept as a class's private state in a WeakMap of its module (blind s114/09,
 * nshimiye/relay: `rtm.set(this, new RtmClient(…))` in the constructor, `rtm.get(this).start()` in a
 * method): the scan found no site, `--check` passed, and the migrated relay knew no user. Run with the
 * real @slack/client 3.16 before the migration against `rtm.start` and after it against a Slack that
 * retired it: the same output.
 */
const RELAY = `'use strict';
const { RtmClient, CLIENT_EVENTS } = require('@slack/client');

const rtm = new WeakMap();

class Relay {
  constructor(token) {
    rtm.set(this, new RtmClient(token, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' }));
  }

  connect(done) {
    const client = rtm.get(this);
    client.on(CLIENT_EVENTS.RTM.AUTHENTICATED, (data) => {
      this.users = data.users.filter((u) => !u.deleted).map((u) => u.name).sort();
      this.channels = data.channels.filter((c) => c.is_member).map((c) => c.name + ':' + c.members.length).sort();
    });
    client.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, () => done());
    client.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, (error) => {
      console.error('unable to start: ' + (error && error.message ? error.message : error));
      process.exit(1);
    });
    client.start();
  }
}

module.exports = Relay;
`;

const MAIN = `'use strict';
const Relay = require('./relay');
const relay = new Relay(process.env.SLACK_BOT_TOKEN);
relay.connect(() => {
  console.log('users: ' + relay.users.length + ' ' + relay.users.slice(0, 5).join(','));
  console.log('channels: ' + relay.channels.join(' '));
  process.stdout.write('', () => process.exit(0));
});
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 11, users: 30, channels: 6, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const run = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'main.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 90_000 });

describe('a v3 RtmClient kept in a WeakMap of its module', () => {
  it('is found through the map, and the migrated relay knows the same users and channels', { timeout: 240_000 }, async () => {
    const { sites } = await scanFiles(JSON.stringify({ dependencies: { '@slack/client': '3.16.0' } }), { 'relay.js': RELAY });
    expect(sites.map((s) => [s.id, s.rewrite])).toEqual([['relay.js:22:5', 'helper-module']]);

    const dir = await writeBotFiles('rtm-migrate-weakmap-', { 'relay.js': RELAY, 'main.js': MAIN });
    fake.setMode('legacy');
    const before = await run(dir);
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
    expect(before.stdout).toMatch(/\nusers: [1-9]\d* /);
    await breaksThenMigrates(fake, dir, () => run(dir));
    const relay = await readFile(join(dir, 'relay.js'), 'utf8');
    expect(relay).toContain("startRtmClient(client, {}, { optional: ['team.prefs'] });");
    expect(relay).toContain('useRtmConnect: true');
    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await run(dir);
    expectSameWithoutRtmStart(fake, before, after);
  });
});
