import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RTM_START_MEMBER_LIMIT } from '@rtm-migrate/core';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { JsonLinesProcess } from '../../../test/support/json-lines.js';
import { run } from '../../../test/support/run.js';
import { echoRoundTrip, startStack, type Stack } from './bridge-helpers.js';
import { buildGoPrograms, hasGoLibrary, type GoPrograms } from './go-programs.js';
import { startCli } from './helpers.js';

/*
 * nlopes/slack 0.1.0 (2017, Debian's golang-github-nlopes-slack-dev), the Go library slack-go grew
 * out of, unchanged: `StartRTM` and `NewRTM` (which starts with rtm.start in this version) decode the
 * answer into typed structs, where a field of another type fails the whole start; its API base is the
 * package variable `slack.SLACK_API`; its http.Client has no timeout. The programs (test/clients/go/nlopes-*)
 * print what the bot knows from the decoded Info: the ids of every list and each conversation's members.
 */

const hasNlopes = hasGoLibrary('github.com/nlopes/slack', 'golang-github-nlopes-slack-dev', 'nlopes-clients.test.ts', 'the nlopes/slack 0.1.0 clients');

const PROGRAMS = ['nlopes-start', 'nlopes-managed', 'nlopes-echo'] as const;
const TOKEN = 'xoxb-test';
/** Big enough that #general (everyone) is past rtm.start's 500-member cut; Slack's tiers in real time. */
const WORKSPACE = { seed: 11, users: 2000, channels: 30 };
const TEST_TIMEOUT = 300_000;
/** What Go says when a read or write meets a socket the other side (or the library) closed. */
const CLOSED_SOCKET = /use of closed network connection|connection reset by peer|broken pipe|\bEOF\b/;

/** What a program prints of the bot's Info (test/clients/go/nlopesinfo). */
interface Knows {
  self: string;
  self_id: string;
  team: string;
  users: string[];
  channels: string[];
  groups: string[];
  ims: string[];
  bots: string[];
  general_members: number;
  members: Record<string, number>;
}

const sortedIds = (items: readonly { id: string }[]): string[] => items.map((i) => i.id).sort();

/** The workspace as rtm.start without mpim_aware lists it, members complete (`cut`: at rtm.start's limit, as Slack cut them). */
function expectedKnows(fake: FakeSlack, cut: boolean): Knows {
  const ws = fake.workspace;
  const groups = [...ws.byType.private_channel, ...ws.byType.mpim];
  const members: Record<string, number> = {};
  for (const c of [...ws.byType.public_channel, ...groups]) {
    const count = c.isMember ? ws.memberCount(c) : 0;
    members[c.id] = cut ? Math.min(count, RTM_START_MEMBER_LIMIT) : count;
  }
  const general = ws.byType.public_channel.find((c) => c.isGeneral)!;
  return {
    self: ws.self.name,
    self_id: ws.self.id,
    team: ws.team.id,
    users: sortedIds(ws.users),
    channels: sortedIds(ws.byType.public_channel),
    groups: sortedIds(groups),
    ims: sortedIds(ws.byType.im),
    bots: sortedIds(ws.bots),
    general_members: members[general.id]!,
    members,
  };
}

/** Counts for the log line: list lengths, #general's members, members in all. */
function summary(k: Knows): Record<string, unknown> {
  const total = Object.values(k.members).reduce((a, b) => a + b, 0);
  return { self: k.self, users: k.users.length, channels: k.channels.length, groups: k.groups.length, ims: k.ims.length, bots: k.bots.length, general_members: k.general_members, members: total };
}

let programs: GoPrograms | undefined;
beforeAll(async () => {
  if (hasNlopes) programs = await buildGoPrograms(PROGRAMS);
}, TEST_TIMEOUT);
afterAll(() => programs?.remove());

interface Printed {
  knows?: Knows;
  error?: string;
  errors?: string[];
  hello?: boolean;
  ms: number;
}

/** A program's environment: its token and API base, and no HTTP proxy (0.1.0 dials the RTM WebSocket through HTTP_PROXY when set). */
function programEnv(token: string, apiUrl: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^https?_proxy$/i.test(name)));
  return { ...env, SLACK_BOT_TOKEN: token, SLACK_API_URL: apiUrl };
}

async function runProgram(program: (typeof PROGRAMS)[number], apiUrl: string): Promise<Printed> {
  const out = await run(programs!.path(program), [], { env: programEnv(TOKEN, apiUrl), timeoutMs: 240_000 });
  expect(out.stderr).toBe('');
  expect(out.code, out.stdout).toBe(0);
  return JSON.parse(out.stdout) as Printed;
}

describe.skipIf(!hasNlopes).concurrent('nlopes/slack 0.1.0 (2017), unchanged: fake Slack in legacy mode vs rtm-shim proxy in front of connect_required', () => {
  for (const program of ['nlopes-start', 'nlopes-managed'] as const) {
    it(`${program === 'nlopes-start' ? 'StartRTM()' : 'NewRTM() + ManageConnection()'}: the same users, channels, groups, ims and bots; complete members through the proxy`, async () => {
      const legacy = await startFakeSlack({ ...WORKSPACE, mode: 'legacy' });
      const upstream = await startFakeSlack({ ...WORKSPACE, mode: 'connect_required', rateLimits: true });
      const proxy = await startCli(['--listen', '127.0.0.1:0', '--upstream', upstream.apiUrl], { ...process.env, SLACK_BOT_TOKEN: TOKEN });
      try {
        const direct = await runProgram(program, legacy.apiUrl);
        const proxied = await runProgram(program, proxy.url);
        console.log(`nlopes/slack 0.1.0 ${program}: legacy rtm.start ${JSON.stringify({ ms: direct.ms, ...summary(direct.knows!) })}`);
        console.log(`nlopes/slack 0.1.0 ${program}: rtm-shim proxy ${JSON.stringify({ ms: proxied.ms, ...summary(proxied.knows!) })}`);
        for (const printed of [direct, proxied]) {
          expect(printed.error).toBeUndefined();
          if (program === 'nlopes-managed') expect(printed).toMatchObject({ hello: true, errors: [] });
        }
        expect(direct.knows).toEqual(expectedKnows(legacy, true));
        expect(proxied.knows).toEqual(expectedKnows(upstream, false));
        // The same workspace (same seed) on both sides: only the member lists Slack cut differ.
        expect({ ...proxied.knows, members: {}, general_members: 0 }).toEqual({ ...direct.knows, members: {}, general_members: 0 });
        expect(proxied.knows!.general_members).toBeGreaterThan(direct.knows!.general_members);
        expect(proxy.log().match(/snapshot [0-9a-f]{12}[^:\n]*: building/g)).toHaveLength(1);
      } finally {
        await proxy.stop();
        await upstream.close();
        await legacy.close();
      }
    }, TEST_TIMEOUT);
  }
});

describe.skipIf(!hasNlopes)('nlopes/slack 0.1.0 (2017) RTM bot, unchanged, through rtm-shim bridge', () => {
  let stack: Stack | undefined;
  let bot: JsonLinesProcess | undefined;
  afterEach(async () => {
    await bot?.stop();
    await stack?.close();
    bot = undefined;
    stack = undefined;
  });

  it('starts with rtm.start (rebuilt by the bridge), knows the workspace, gets a message, replies over its RTM socket, sees a reaction to its reply', async () => {
    stack = await startStack();
    bot = JsonLinesProcess.spawn(programs!.path('nlopes-echo'), [], programEnv('xoxb-nlopes-bot', stack.bridge.url));
    const ready = await bot.next((l) => l['kind'] === 'ready');
    console.log(`nlopes/slack 0.1.0 through the bridge: ${JSON.stringify(summary(ready['knows'] as Knows))}`);
    expect(ready['knows']).toEqual(expectedKnows(stack.fake, false));
    const ack = await echoRoundTrip(stack, bot, /^ping from a user \(from nlopes\/slack\)$/);
    expect(ack['reply_to']).toEqual(expect.any(Number) as unknown);
    const channel = stack.fake.workspace.byType.public_channel[1]!.id;
    stack.fake.socketMode.react({ channel, ts: String(ack['ts']), reaction: 'thumbsup' });
    expect(await bot.next((l) => l.type === 'reaction_added')).toMatchObject({ channel, ts: ack['ts'], reaction: 'thumbsup' });
    expect(stack.fake.calls.map((c) => c.method)).not.toContain('rtm.start');
    expect(bot.items.filter((l) => l['kind'] === 'error')).toEqual([]);
    expect(bot.stderr).toBe('');
  });

  it('on link_disabled it gets goodbye, its socket is closed, and it starts again with rtm.start', async () => {
    stack = await startStack();
    bot = JsonLinesProcess.spawn(programs!.path('nlopes-echo'), [], programEnv('xoxb-nlopes-bot', stack.bridge.url));
    const first = await bot.next((l) => l['kind'] === 'ready');
    const disabled = Date.now();
    stack.fake.socketMode.disconnect('link_disabled');
    // 0.1.0 has no `goodbye` in its event table: it reports it as an unmapped event and goes on
    // reading; only the closed socket makes ManageConnection start again.
    expect(await bot.next((l) => l['kind'] === 'error')).toMatchObject({ message: expect.stringContaining('unmapped event "goodbye"') as unknown });
    const again = await bot.next((l) => l['kind'] === 'ready');
    console.log(`nlopes/slack 0.1.0 through the bridge: link_disabled → connected again ${Date.now() - disabled} ms later`);
    expect(again['knows']).toEqual(first['knows']);
    expect(stack.log.filter((l) => l.includes('POST /api/rtm.start'))).toHaveLength(2);
    // Whether 0.1.0's read loop sees the closed socket as EOF (and pings) or as a read error first is
    // a race inside the library (receiveIncomingEvent): that read error may be printed too.
    const errors = bot.items.filter((l) => l['kind'] === 'error').map((l) => String(l['message']));
    expect(errors.filter((m) => m.includes('unmapped event "goodbye"'))).toHaveLength(1);
    expect(errors.filter((m) => !m.includes('unmapped event "goodbye"') && !CLOSED_SOCKET.test(m))).toEqual([]);
  });
});
