import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { rtmStartCompat, startProxy, type RunningProxy } from '@rtm-migrate/shim';
import { client } from './helpers.js';

/** The parts of @slack/client 3 the test uses (it ships no types). */
interface V3 {
  RtmClient: new (token: string, opts: Record<string, unknown>) => {
    activeUserId: string;
    activeTeamId: string;
    dataStore: { getTeamById(id: string): { prefs?: Record<string, unknown> } | undefined; getUserById(id: string): { prefs?: Record<string, unknown> } | undefined };
    on(event: string, listener: (...args: unknown[]) => void): void;
    start(opts?: Record<string, unknown>): void;
    disconnect(): void;
  };
  MemoryDataStore: new () => object;
  CLIENT_EVENTS: { RTM: { UNABLE_TO_RTM_START: string } };
}

/** Every scope fake Slack knows but `team.preferences:read`: the build leaves `team.prefs` out. */
const NARROW = ['users:read', 'channels:read', 'groups:read', 'mpim:read', 'im:read', 'team:read', 'usergroups:read', 'dnd:read'];
const EVENTS = [
  { type: 'team_pref_change', name: 'msg_edit_window_mins', value: 15 },
  { type: 'pref_change', name: 'emoji_mode', value: 'as_text' },
];

let fake: FakeSlack | undefined;
let proxy: RunningProxy | undefined;

afterEach(async () => {
  await proxy?.close();
  await fake?.close();
  proxy = undefined;
  fake = undefined;
});

/**
 * RTM events write into `self.prefs` and `team.prefs` of the answer (a v3 dataStore's handlers, slack-client
 * 1.x's for `self`): the rebuilt answer holds an object at each, even where nothing fills it (`self.prefs`
 * has no replacement; `team.prefs` is left out for a token without `team.preferences:read`). Without one,
 * the dataStore's write threw, which it catches: the pref was lost.
 */
describe('prefs that RTM events write into', () => {
  it('are objects in the rebuilt answer, empty where nothing fills them', async () => {
    fake = await startFakeSlack({ seed: 63, users: 12, channels: 4, mode: 'connect_required', tokens: { 'xoxb-test': { scopes: NARROW } } });
    const res = await rtmStartCompat(client(fake.apiUrl), {}, { mode: 'always', rateLimit: false });
    expect([res.self['prefs'], res.team['prefs']]).toEqual([{}, {}]);
    expect(res.response_metadata.messages).toContain('[WARN] rtm_start_compat: omitted `team.prefs`: missing scope `team.preferences:read` for team.preferences.list');
  });

  it('an unchanged @slack/client 3 RtmClient through the proxy keeps the prefs team_pref_change and pref_change set after the hello', async () => {
    fake = await startFakeSlack({ seed: 63, users: 12, channels: 4, mode: 'connect_required', tokens: { 'xoxb-test': { scopes: NARROW } } });
    fake.sendAfterHello(EVENTS);
    proxy = await startProxy({ listen: '127.0.0.1:0', upstream: fake.apiUrl, rateLimit: false, log: false });
    const v3 = createRequire(import.meta.url)('@slack/client-v3') as V3;
    const rtm = new v3.RtmClient('xoxb-test', { slackAPIUrl: proxy.url, dataStore: new v3.MemoryDataStore(), autoReconnect: false, logLevel: 'error' });
    const seen = await new Promise<string[]>((resolve, reject) => {
      const types: string[] = [];
      rtm.on(v3.CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, (e) => reject(e instanceof Error ? e : new Error(String(e))));
      for (const { type } of EVENTS) {
        // The client's dataStore handles each event before its handlers run.
        rtm.on(type, () => {
          types.push(type);
          if (types.length === EVENTS.length) resolve(types);
        });
      }
      rtm.start();
    });
    const store = rtm.dataStore;
    const prefs = { team: store.getTeamById(rtm.activeTeamId)?.prefs, self: store.getUserById(rtm.activeUserId)?.prefs };
    rtm.disconnect();
    expect(seen).toEqual(['team_pref_change', 'pref_change']);
    expect(prefs).toEqual({ team: { msg_edit_window_mins: 15 }, self: { emoji_mode: 'as_text' } });
  });
});
