import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { run } from '../../../test/support/run.js';
import { buildGoPrograms, hasGoLibrary, type GoPrograms } from './go-programs.js';
import { startCli } from './helpers.js';

/*
 * Real third-party clients, unchanged, through `rtm-shim proxy` at its default pacing, against fake
 * Slack with Slack's rate tiers in real time (2,000 users: a build takes ~25 s, well over slack-go's
 * fixed 10 s rtm.start timeout). With --prewarm the first contact is answered from the snapshot; without,
 * the client's own retry is (the build it started runs on after it gave up).
 */

const hasGo = hasGoLibrary('github.com/slack-go/slack', 'golang-github-slack-go-slack-dev', 'clients.test.ts', 'the slack-go clients');

const USERS = 2000;
const CHANNELS = 30;
const TOKEN = 'xoxb-test';
const TEST_TIMEOUT = 300_000;

interface Counts {
  ok: boolean;
  users: number;
  channels: number;
  groups: number;
  ims: number;
  general_members: number;
}

/** fake Slack with real tiers and `rtm-shim proxy` in front of it, optionally prewarmed. */
async function setup(prewarm: boolean) {
  const fake = await startFakeSlack({ seed: 7, users: USERS, channels: CHANNELS, mode: 'connect_required', rateLimits: true });
  const cli = await startCli(['--listen', '127.0.0.1:0', '--upstream', fake.apiUrl, ...(prewarm ? ['--prewarm'] : [])], {
    ...process.env,
    SLACK_BOT_TOKEN: TOKEN,
  });
  if (prewarm) await expect.poll(() => cli.log(), { timeout: 120_000, interval: 500 }).toMatch(/prewarm: done in/);
  return {
    fake,
    cli,
    builds: () => cli.log().match(/snapshot [0-9a-f]{12}[^:\n]*: building/g)?.length ?? 0,
    async stop() {
      await cli.stop();
      await fake.close();
    },
  };
}

function expectComplete(counts: Counts | undefined, fake: FakeSlack): void {
  const ws = fake.workspace;
  expect(counts).toMatchObject({
    ok: true,
    users: ws.users.length,
    channels: ws.byType.public_channel.length,
    groups: ws.byType.private_channel.length + ws.byType.mpim.length,
    ims: ws.byType.im.length,
    general_members: ws.users.length,
  });
}

describe.skipIf(!hasGo).concurrent('slack-go (Debian golang-github-slack-go-slack-dev), unchanged, through the proxy', () => {
  let programs: GoPrograms | undefined;
  beforeAll(async () => {
    programs = await buildGoPrograms(['start', 'managed']);
  }, TEST_TIMEOUT);
  afterAll(() => programs?.remove());

  const runGo = async (program: string, apiUrl: string) => {
    const out = await run(programs!.path(program), [], { env: { ...process.env, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: apiUrl }, timeoutMs: 240_000 });
    expect(out.code, out.stderr).toBe(0);
    return JSON.parse(out.stdout) as { attempts?: number; errors: string[]; hello?: boolean; self?: string; counts?: Counts };
  };

  for (const prewarm of [true, false]) {
    it(`StartRTM (10 s timeout), ${prewarm ? 'with --prewarm: complete on first contact' : 'without --prewarm: complete on its own retry'}`, async () => {
      const env = await setup(prewarm);
      try {
        const result = await runGo('start', env.cli.url);
        console.log(`slack-go StartRTM${prewarm ? ' --prewarm' : ''}: ${JSON.stringify(result)}`);
        expectComplete(result.counts, env.fake);
        expect(result.self).toBe('rtmbot');
        if (prewarm) expect(result).toMatchObject({ attempts: 1, errors: [] });
        else for (const e of result.errors) expect(e).toMatch(/deadline exceeded|Client\.Timeout/);
        expect(env.builds()).toBe(1);
      } finally {
        await env.stop();
      }
    }, TEST_TIMEOUT);

    it(`NewRTM(RTMOptionUseStart(true)) + ManageConnection, ${prewarm ? 'with --prewarm' : 'without --prewarm'}: hello on the WebSocket`, async () => {
      const env = await setup(prewarm);
      try {
        const result = await runGo('managed', env.cli.url);
        console.log(`slack-go ManageConnection${prewarm ? ' --prewarm' : ''}: ${JSON.stringify(result)}`);
        expect(result.hello).toBe(true);
        expectComplete(result.counts, env.fake);
        if (prewarm) expect(result.errors).toEqual([]);
        expect(env.builds()).toBe(1);
      } finally {
        await env.stop();
      }
    }, TEST_TIMEOUT);
  }
});

/** The parts of @slack/client 3 the test uses (it ships no types). */
interface V3 {
  RtmClient: new (token: string, opts: Record<string, unknown>) => {
    dataStore: { users: object; channels: object; groups: object; dms: object; getChannelByName(name: string): { members?: string[] } | undefined };
    on(event: string, listener: (...args: unknown[]) => void): void;
    start(opts?: Record<string, unknown>): void;
    disconnect(): void;
  };
  MemoryDataStore: new () => object;
  CLIENT_EVENTS: { RTM: { UNABLE_TO_RTM_START: string; RTM_CONNECTION_OPENED: string } };
}

describe.concurrent('@slack/client 3 RtmClient with a MemoryDataStore, unchanged, through the proxy', () => {
  const v3 = createRequire(import.meta.url)('@slack/client-v3') as V3;

  for (const prewarm of [true, false]) {
    it(prewarm ? 'with --prewarm: complete on first contact' : 'without --prewarm: complete when the build is done', async () => {
      const env = await setup(prewarm);
      try {
        const rtm = new v3.RtmClient(TOKEN, { slackAPIUrl: env.cli.url, dataStore: new v3.MemoryDataStore(), logLevel: 'error' });
        const errors: unknown[] = [];
        rtm.on(v3.CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, (e) => errors.push(e));
        await new Promise<void>((resolve) => {
          rtm.on(v3.CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, () => resolve());
          rtm.start();
        });
        const store = rtm.dataStore;
        const counts: Counts = {
          ok: true,
          users: Object.keys(store.users).length,
          channels: Object.keys(store.channels).length,
          groups: Object.keys(store.groups).length,
          ims: Object.keys(store.dms).length,
          general_members: store.getChannelByName('general')?.members?.length ?? 0,
        };
        rtm.disconnect();
        console.log(`@slack/client 3${prewarm ? ' --prewarm' : ''}: ${JSON.stringify({ errors: errors.length, counts })}`);
        expectComplete(counts, env.fake);
        expect(errors).toEqual([]);
        expect(env.builds()).toBe(1);
      } finally {
        await env.stop();
      }
    }, TEST_TIMEOUT);
  }
});
