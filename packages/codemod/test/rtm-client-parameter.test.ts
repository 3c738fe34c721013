import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../../test/support/corpus.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { installV3Release } from '../../../test/support/v3-bot.js';
import { cli, expectStartedMadeElsewhere, tempDir, writeBotFiles } from './helpers.js';

/**
 * A bot in two modules on the real @slack/client 3.16 (fixtures/bots' install), the form of blind
 * corpus s24's M2: `main.js` makes the v3 `RtmClient` (with the SDK's `MemoryDataStore`) and hands it to
 * `new Handler(rtm)`; `handler.js` gets it as a constructor parameter, listens on it with
 * `CLIENT_EVENTS.RTM.*` and starts it with `rtmClient.start()`. `main.js` also exports a way to make
 * another handler with any client, so no single `new` is tied to the start (with that one construction
 * alone, the parameter is followed to its `new`: handed-client.test.ts), but only a v3 client is
 * listened on through those constants: the start goes to `startRtmClientMadeElsewhere()` of the
 * generated module, which tells the client's kind when it starts.
 */
const HANDLER = `// Keeps what the RTM client it is handed knows: the channels the bot is in and the users, from the
// AUTHENTICATED data, then the same looked up in the client's cache once the socket is open.
'use strict';

const CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;

class Handler {
  constructor(rtmClient) {
    this.channelList = [];
    this.userIds = [];
    rtmClient.on(CLIENT_EVENTS.RTM.AUTHENTICATED, (data) => {
      console.log('signed in as ' + data.self.name);
      this.channelList = data.channels.filter((c) => c.is_member).map((c) => c.name).sort();
      this.userIds = data.users.map((u) => u.id).sort();
      data.users.forEach((u) => console.log('user ' + u.id + ' ' + u.name));
      data.channels.forEach((c) => { if (c.is_member) console.log('channel #' + c.name + ' members=' + c.members.length); });
    });
    rtmClient.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, () => {
      const store = rtmClient.dataStore;
      this.userIds.forEach((id) => console.log('cached ' + id + ' ' + store.getUserById(id).name));
      this.channelList.forEach((name) => console.log('cached #' + name + ' ' + store.getChannelByName(name).id + ' members=' + store.getChannelByName(name).members.length));
      process.stdout.write('', () => process.exit(0));
    });
    rtmClient.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, (error) => {
      console.error('unable to start: ' + (error && error.message ? error.message : error));
      process.exit(1);
    });
    rtmClient.start();
  }
}

module.exports = Handler;
`;

const START = 'rtmClient.start();';

const MAIN = `// Makes the RTM client (with the SDK's in-memory cache) and hands it to the handler, which starts it.
'use strict';

const { RtmClient, MemoryDataStore } = require('@slack/client');
const Handler = require('./handler');

const rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error', dataStore: new MemoryDataStore() });
module.exports = { handler: new Handler(rtm), handlerFor: (client) => new Handler(client) };
`;

function runBot(dir: string, apiUrl: string): Promise<RunResult> {
  return runNodeBot(join(dir, 'main.js'), { cwd: dir, apiUrl, timeoutMs: 60_000 });
}

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 83, users: 24, channels: 5, mode: 'legacy' });
});
afterAll(async () => {
  await fake.close();
});

// 3.9.0: a release before useRtmConnect, pinned and installed (its rtm.start request is sent as rtm.connect at run time).
describe.each([{ release: undefined }, { release: '3.9.0' }])('rtmClient.start() of a v3 client ($release; none: 3.16.0) handed to a constructor as a parameter', ({ release }) => {
  it('is started through startRtmClientMadeElsewhere(rtmClient): against connect_required the same users, channels and members, in the AUTHENTICATED data and the dataStore', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-client-parameter-', { 'handler.js': HANDLER, 'main.js': MAIN });
    if (release !== undefined) {
      await writeFile(join(dir, 'package.json'), JSON.stringify({ dependencies: { '@slack/client': release } }));
      await installV3Release(dir, release);
    }
    fake.setMode('legacy');
    const before = await runBot(dir, fake.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(before.stdout.match(/^cached U\w+ \S+$/gm)).toHaveLength(fake.workspace.users.length);
    const general = fake.workspace.byType.public_channel.find((c) => c.isGeneral);
    expect(before.stdout).toContain(`cached #general ${general?.id ?? '?'} members=`);

    fake.setMode('connect_required');
    const broken = await runBot(dir, fake.apiUrl);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('unable to start');

    // The lint sees the handler alone: the same start, reported without a fix.
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(false), ignore: false });
    const [result] = await eslint.lintFiles(['handler.js']);
    expect((result?.messages ?? []).map((m) => [m.ruleId, m.line, m.fix === undefined && (m.suggestions ?? []).length === 0])).toEqual([['@rtm-migrate/no-rtm-start', 28, true]]);
    expect(result?.messages[0]?.message).toContain('`rtmClient` is handed in');

    const planned = JSON.parse((await cli(['apply', '.', '--dry', '--allow-dirty', '--report', 'json'], dir)).stdout) as { sites: { id: string; rewrite: string; message: string }[] };
    expect(planned.sites.map((s) => [s.id, s.rewrite])).toEqual([['handler.js:28:5', 'helper-module']]);
    expect(planned.sites[0]?.message).toContain('this `rtmClient` is used as an RTM client (`rtmClient.on(CLIENT_EVENTS.RTM.AUTHENTICATED, …)`, line 11)');
    // `--helper shim` has no run-time check of the client: a TODO there, saying why.
    const shim = JSON.parse((await cli(['apply', '.', '--dry', '--allow-dirty', '--helper', 'shim', '--report', 'json'], dir)).stdout) as { sites: { rewrite: string; message: string }[] };
    expect(shim.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(shim.sites[0]?.message).toContain('`rtmClient` is handed in and used as a legacy `@slack/client` v3 `RtmClient`');

    await expectStartedMadeElsewhere(fake, dir, { site: 'handler.js:28:5', form: 'unfollowed-client', receiver: 'rtmClient', start: START, maker: ['main.js', MAIN] }, before, () => runBot(dir, fake.apiUrl));
  });
});

describe("the same handler, by the @slack/client version of its package.json (nothing installed)", () => {
  const plan = async (range: string): Promise<{ rewrite: string; message: string; raised: string | undefined }> => {
    const dir = await tempDir('rtm-client-parameter-range-');
    await writeFile(join(dir, 'handler.js'), HANDLER);
    await writeFile(join(dir, 'package.json'), JSON.stringify({ dependencies: { '@slack/client': range } }));
    const report = JSON.parse((await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir)).stdout) as { sites: { rewrite: string; message: string }[] };
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const [site] = report.sites;
    return { rewrite: site?.rewrite ?? 'none', message: site?.message ?? '', raised: manifest.dependencies['@slack/client'] };
  };

  it('raises a range that reaches below 3.10 to ^3.10.0, as for a client made in the file', async () => {
    const raised = await plan('^3.5.0');
    expect([raised.rewrite, raised.raised]).toEqual(['helper-module', '^3.10.0']);
    expect(raised.message).toContain('^3.5.0');
  });

  it('keeps a pin no release of which has useRtmConnect: the run-time start sends its rtm.start request as rtm.connect', async () => {
    const pinned = await plan('3.6.0');
    expect([pinned.rewrite, pinned.raised]).toEqual(['helper-module', '3.6.0']);
    expect(pinned.message).not.toContain('raise');
  });
});
