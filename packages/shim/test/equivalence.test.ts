import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RTM_START_MEMBER_LIMIT } from '@rtm-migrate/core';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { withRtmStartCompat } from '@rtm-migrate/shim';
import { compileBot, copyLegacyBot } from '../../../test/support/legacy-bot.js';
import { requireFrom, WebClientV8 } from './helpers.js';

interface BotSummary {
  text: string;
  memberChannels: { name: string; members: number }[];
}
type RunBot = (web: unknown) => Promise<BotSummary>;

let dir: string;
let runBot: RunBot;
let BotWebClient: new (token: string, options: Record<string, unknown>) => { apiCall: (m: string, a?: Record<string, unknown>) => Promise<unknown> };
let fake: FakeSlack;

beforeAll(async () => {
  dir = await copyLegacyBot('shim-equivalence-');
  const built = await compileBot(dir);
  expect(built.code, built.stdout + built.stderr).toBe(0);
  ({ runBot } = (await import(pathToFileURL(join(dir, 'dist', 'bot.js')).href)) as { runBot: RunBot });
  // The WebClient class the bot's own types name: from the copy's node_modules (the fixture's v7).
  ({ WebClient: BotWebClient } = requireFrom(dir)('@slack/web-api') as { WebClient: typeof BotWebClient });
  // Every channel smaller than rtm.start's member cut-off, so legacy and shim must agree exactly.
  fake = await startFakeSlack({ seed: 11, users: 320, channels: 40, mode: 'legacy' });
  expect(Math.max(...Object.values(fake.workspace.size().memberCounts ?? {}).flat())).toBeLessThan(RTM_START_MEMBER_LIMIT);
});

afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when the set-up failed
  await fake?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const newBotClient = () => new BotWebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });

describe('the legacy bot, unchanged, with withRtmStartCompat', () => {
  let legacy: BotSummary;

  beforeAll(async () => {
    fake.setMode('legacy');
    legacy = await runBot(newBotClient());
    expect(legacy.text).toMatch(/^self: /);
    expect(legacy.memberChannels.length).toBeGreaterThan(0);
  });

  for (const mode of ['connect_required', 'connect_shape'] as const) {
    it(`prints the same summary against ${mode} as against legacy`, async () => {
      fake.setMode(mode);
      fake.resetCalls();
      const web = withRtmStartCompat(newBotClient(), { rateLimit: false });
      const summary = await runBot(web);
      expect(summary.text).toBe(legacy.text);
      expect(fake.calls[0]?.method).toBe('rtm.start');
      expect(fake.calls.at(-1)?.method).toBe('rtm.connect');
    });

    it(`prints the same summary with a v8 WebClient (no rtm.start of its own) against ${mode}`, async () => {
      fake.setMode(mode);
      const v8 = new WebClientV8('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
      expect((v8.rtm as { start?: unknown }).start).toBeUndefined();
      const summary = await runBot(withRtmStartCompat(v8, { rateLimit: false }));
      expect(summary.text).toBe(legacy.text);
    });
  }

  it('passes a legacy response through unchanged in fallback mode', async () => {
    fake.setMode('legacy');
    fake.resetCalls();
    const summary = await runBot(withRtmStartCompat(newBotClient(), { rateLimit: false }));
    expect(summary.text).toBe(legacy.text);
    expect(fake.calls.map((c) => c.method)).toEqual(['rtm.start']);
  });
});
