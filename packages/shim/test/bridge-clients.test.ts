import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JsonLinesProcess } from '../../../test/support/json-lines.js';
import { ROOT } from '../../../test/support/legacy-bot.js';
import { echoRoundTrip, startStack, type Stack } from './bridge-helpers.js';

/*
 * RTM clients of other ecosystems, unchanged but for their API base URL, through the bridge to fake
 * Slack's Socket Mode: each gets a user's message and answers it over its RTM socket.
 */

const GO_SOURCE = join(ROOT, 'test', 'clients', 'go', 'bridge-echo');
const V3_BOT = join(ROOT, 'test', 'clients', 'node', 'bridge-echo-v3.cjs');
const SHIM_MODULES = join(ROOT, 'packages', 'shim', 'node_modules');
const hasGo = spawnSync('go', ['version']).status === 0;

let stack: Stack | undefined;
let client: JsonLinesProcess | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
  await stack?.close();
  stack = undefined;
});

describe.skipIf(!hasGo)('Go: slack-go RTM (Debian golang-github-slack-go-slack-dev) through the bridge', () => {
  let dir = '';
  let binary = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bridge-go-'));
    binary = join(dir, 'bridge-echo');
    const built = spawnSync('go', ['build', '-o', binary, '.'], {
      cwd: GO_SOURCE,
      env: { ...process.env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOCACHE: join(dir, 'cache') },
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`go build failed (is golang-github-slack-go-slack-dev installed?):\n${built.stderr}`);
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('receives a message and replies over its RTM socket', async () => {
    stack = await startStack();
    client = JsonLinesProcess.spawn(binary, [], { PATH: process.env['PATH'] ?? '', SLACK_BOT_TOKEN: 'xoxb-go-bot', SLACK_API_URL: stack.bridge.url });
    expect(await client.next((l) => l['kind'] === 'ready')).toMatchObject({ self: stack.fake.workspace.self.id, team: stack.fake.workspace.team.id });
    const ack = await echoRoundTrip(stack, client, /^ping from a user \(from slack-go\)$/);
    expect(ack['reply_to']).toEqual(expect.any(Number) as unknown);
  });
});

if (!hasGo) console.warn('bridge-clients: `go` is not installed; the slack-go client test is skipped (apt-get install golang-go golang-github-slack-go-slack-dev)');

describe('npm @slack/client 3 RtmClient through the bridge', () => {
  it("starts with rtm.start (rebuilt by the bridge), names the channel from its data store, replies over RTM", async () => {
    stack = await startStack();
    client = JsonLinesProcess.spawn(process.execPath, [V3_BOT], {
      PATH: process.env['PATH'] ?? '',
      NODE_PATH: SHIM_MODULES,
      SLACK_BOT_TOKEN: 'xoxb-v3-bot',
      SLACK_API_URL: stack.bridge.url,
    });
    const ready = await client.next((l) => l['kind'] === 'ready');
    expect(ready).toMatchObject({ self: stack.fake.workspace.self.id, channels: stack.fake.workspace.byType.public_channel.length });
    const channel = stack.fake.workspace.byType.public_channel[1]!;
    await echoRoundTrip(stack, client, new RegExp(`^ping from a user \\(from @slack/client 3 in #${channel.name}\\)$`));
    expect(stack.fake.calls.map((c) => c.method)).not.toContain('rtm.start');
  });
});
