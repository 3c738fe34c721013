import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, realpath, rm, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { startCli } from './helpers.js';

/*
 * A Hubot bot on the published hubot-slack 4.x adapter (CoffeeScript, over @slack/client 3's RtmClient,
 * whose start() asks rtm.start; 4.10 moved to rtm.connect), unchanged, through `rtm-shim proxy`. Hubot
 * 3.3.2 (the last 3.x on CoffeeScript 1) runs from its own bin as its shebang says (`coffee bin/hubot
 * --adapter slack`), finding `hubot-slack` on NODE_PATH as a bot's node_modules would hold it; the only
 * configuration is hubot-slack's own: HUBOT_SLACK_TOKEN, HUBOT_SLACK_RTM_CLIENT_OPTS (handed to the
 * RtmClient: `slackAPIUrl`) and DISABLE_USER_SYNC (4.9's switch for its users.list). The bot's script
 * (test/clients/node/hubot-knows.js) prints what the bot knows from its RtmClient's data store once the
 * adapter is connected. The same workspace (same seed), every conversation under rtm.start's 500-member
 * cut, so the old answer and the rebuilt one must be the same: (1) direct to fake Slack that still answers
 * rtm.start, (2) through the proxy in front of one that answers rtm_connect_required, (3) direct to that
 * one, where the bot never connects; and for 4.9 (4) direct to that one with `useRtmConnect` in
 * HUBOT_SLACK_RTM_CLIENT_OPTS, as the codemod's dependency warning advises from 4.5.1.
 */

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const SCRIPT = join(ROOT, 'test', 'clients', 'node', 'hubot-knows.js');
/**
 * hubot-slack's WebClient (users.list, chat.postMessage) takes no API URL: it can only reach
 * https://slack.com/api/. Tests talk to loopback only, so the bot runs with this preload, which makes
 * every connection and DNS lookup off loopback fail at once (and says so on stderr): nothing the bot
 * does, in a passing or a failing run, can reach Slack or hang on a network.
 */
const LOOPBACK_ONLY = join(ROOT, 'test', 'clients', 'node', 'loopback-only.cjs');
const REFUSED = /^loopback-only: refused .*$/gm;

const TOKEN = 'xoxb-test';
/** #general holds everyone: 300 users, under rtm.start's 500-member cut, like every other conversation. */
const WORKSPACE = { seed: 23, users: 300, channels: 20 };
const TEST_TIMEOUT = 240_000;
/** How long a run may take before it is killed: generous, never asserted on. */
const RUN_TIMEOUT = 60_000;

const shimRequire = createRequire(import.meta.url);
const HUBOT = dirname(shimRequire.resolve('hubot/package.json'));
/** Hubot's bin is `#!/usr/bin/env coffee`: run it with the CoffeeScript Hubot depends on (1.6.3). */
const COFFEE = join(dirname(createRequire(join(HUBOT, 'package.json')).resolve('coffeescript/package.json')), 'bin', 'coffee');

/** What the script prints: the bot's name and what its data store holds. */
interface Knows {
  name: string;
  self: string;
  team: string;
  users: string[];
  channels: string[];
  groups: string[];
  dms: string[];
  bots: string[];
  general: string | null;
  general_members: string[] | null;
  members: Record<string, number>;
  adapter: string;
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Whether `until` stopped it (SIGTERM; Hubot's bin then exits 0). */
  stopped: boolean;
  knows?: Knows;
}

const children = new Set<ChildProcess>();
const dirs: string[] = [];
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** A bot's folder: `scripts/knows.js`, and `adapter/hubot-slack` (the given alias) for NODE_PATH. */
async function botDir(alias: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rtm-shim-hubot-'));
  dirs.push(dir);
  await mkdir(join(dir, 'scripts'));
  await copyFile(SCRIPT, join(dir, 'scripts', 'knows.js'));
  await mkdir(join(dir, 'adapter'));
  await symlink(await realpath(dirname(shimRequire.resolve(`${alias}/package.json`))), join(dir, 'adapter', 'hubot-slack'), 'dir');
  return dir;
}

/**
 * Runs `hubot --adapter slack` in `dir` against `apiUrl` until it exits (or `until` says to stop it),
 * with nothing of the test's environment but PATH (no proxy variables, no tokens of the machine).
 * `--disable-httpd`: Hubot's own HTTP server would listen on 0.0.0.0:8080, off loopback, and two
 * concurrent runs would want the same port.
 */
function runHubot(dir: string, apiUrl: string, until?: () => boolean, rtmOptions: Readonly<Record<string, unknown>> = {}): Promise<Ran> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    NODE_PATH: join(dir, 'adapter'),
    NODE_OPTIONS: `--require ${LOOPBACK_ONLY}`,
    HUBOT_SLACK_TOKEN: TOKEN,
    HUBOT_SLACK_RTM_CLIENT_OPTS: JSON.stringify({ ...rtmOptions, slackAPIUrl: apiUrl }),
    DISABLE_USER_SYNC: '1',
  };
  const child = spawn(process.execPath, [COFFEE, join(HUBOT, 'bin', 'hubot'), '--adapter', 'slack', '--disable-httpd'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT);
  let stopped = false;
  const watcher =
    until &&
    setInterval(() => {
      if (stopped || !until()) return;
      stopped = true;
      child.kill('SIGTERM');
    }, 50);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      clearInterval(watcher);
      children.delete(child);
      const line = /^hubot-knows (.*)$/m.exec(stdout);
      resolve({ code, stdout, stderr, stopped, knows: line ? (JSON.parse(line[1]!) as Knows) : undefined });
    });
  });
}

const sortedIds = (items: readonly { id: string }[]): string[] => items.map((i) => i.id).sort();

/** The workspace as rtm.start without mpim_aware lists it (mpims among the groups), nothing cut. */
function expectedKnows(fake: FakeSlack, adapter: string): Knows {
  const ws = fake.workspace;
  const groups = [...ws.byType.private_channel, ...ws.byType.mpim];
  const members: Record<string, number> = {};
  for (const c of [...ws.byType.public_channel, ...groups]) members[c.id] = c.isMember ? ws.memberCount(c) : 0;
  const general = ws.byType.public_channel.find((c) => c.isGeneral)!;
  return {
    name: ws.self.name,
    self: ws.self.id,
    team: ws.team.id,
    users: sortedIds(ws.users),
    channels: sortedIds(ws.byType.public_channel),
    groups: sortedIds(groups),
    dms: sortedIds(ws.byType.im),
    bots: sortedIds(ws.bots),
    general: general.id,
    general_members: ws.members(general).sort(),
    members,
    adapter,
  };
}

/** For the log: list lengths, #general's members, members in all, a hash of what it knows (the adapter's version left out), and what the preload refused. */
function summary(ran: Ran): Record<string, unknown> {
  const { adapter, ...k } = ran.knows!;
  const total = Object.values(k.members).reduce((a, b) => a + b, 0);
  const sha256 = createHash('sha256').update(JSON.stringify(k)).digest('hex').slice(0, 12);
  const refused = ran.stderr.match(REFUSED)?.length ?? 0;
  return { adapter, name: k.name, users: k.users.length, channels: k.channels.length, groups: k.groups.length, dms: k.dms.length, bots: k.bots.length, general_members: k.general_members?.length, members: total, sha256, refused };
}

const ADAPTERS = [
  // 4.9.0 (2021): the last release before 4.10 set useRtmConnect unless HUBOT_SLACK_RTM_CLIENT_OPTS says
  // otherwise; with DISABLE_USER_SYNC its WebClient makes no call at start.
  { alias: 'hubot-slack-v4', version: '4.9.0', webClientCalls: false, takesConnectOption: true },
  // 4.4.0 (2017) has no DISABLE_USER_SYNC: its WebClient asks https://slack.com/api/users.list at every
  // start, which the preload refuses at once (the RTM side, what is compared, does not depend on it).
  { alias: 'hubot-slack-v4.4', version: '4.4.0', webClientCalls: true, takesConnectOption: false },
];

describe.concurrent('Hubot 3.3.2 on hubot-slack 4.x (RtmClient of @slack/client 3, rtm.start), unchanged, through rtm-shim proxy', () => {
  for (const { alias, version, webClientCalls, takesConnectOption } of ADAPTERS) {
    it(`hubot-slack ${version}: the same data store through the proxy as under the old rtm.start; without the proxy it never connects`, async () => {
      const dir = await botDir(alias);
      const legacy = await startFakeSlack({ ...WORKSPACE, mode: 'legacy' });
      const upstream = await startFakeSlack({ ...WORKSPACE, mode: 'connect_required' });
      // The proxy runs with the preload too: its default upstream is slack.com.
      const proxy = await startCli(['--listen', '127.0.0.1:0', '--upstream', upstream.apiUrl], {
        ...process.env,
        SLACK_BOT_TOKEN: TOKEN,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${LOOPBACK_ONLY}`.trim(),
      });
      try {
        // (1) What the bot knew when Slack still answered rtm.start.
        const direct = await runHubot(dir, legacy.apiUrl);
        expect(direct.code, direct.stdout + direct.stderr).toBe(0);
        expect(legacy.calls.map((c) => [c.method, c.ok])).toEqual([['rtm.start', true]]);

        // (2) The same bot, through the proxy, in front of a Slack that answers rtm_connect_required.
        const proxied = await runHubot(dir, proxy.url);
        expect(proxied.code, proxied.stdout + proxied.stderr).toBe(0);
        expect(proxy.log()).toMatch(/POST \/api\/rtm\.start → 200 \(rtm\.start compat\)/);
        expect(upstream.calls.filter((c) => c.method === 'rtm.connect')).toHaveLength(1);

        console.log(`hubot-slack ${version}: legacy rtm.start ${JSON.stringify(summary(direct))}`);
        console.log(`hubot-slack ${version}: rtm-shim proxy ${JSON.stringify(summary(proxied))}`);
        expect(direct.knows).toEqual(expectedKnows(legacy, version));
        expect(proxied.knows).toEqual(direct.knows);

        // (3) Without the proxy: rtm.start answers rtm_connect_required, which @slack/client 3 does not
        // count as fatal, so the RtmClient asks again at once, and again: the bot never connects and
        // never runs its scripts. Stopped after it has been refused 3 times.
        upstream.resetCalls();
        const refusedStarts = () => upstream.calls.filter((c) => c.method === 'rtm.start' && c.error === 'rtm_connect_required').length;
        const failed = await runHubot(dir, upstream.apiUrl, () => refusedStarts() >= 3);
        console.log(`hubot-slack ${version}: rtm_connect_required, no proxy: ${refusedStarts()} × rtm.start refused, ${failed.knows ? 'connected' : 'never connected'}, ${failed.stderr.match(REFUSED)?.length ?? 0} refused off loopback`);
        expect(failed.stopped).toBe(true);
        expect(failed.knows).toBeUndefined();
        expect(failed.stdout).not.toMatch(/Connected to Slack RTM|Slack client now connected/);
        expect(failed.stderr).toMatch(/rtm_connect_required/);
        expect(upstream.calls.map((c) => c.method).filter((m) => m !== 'rtm.start')).toEqual([]);

        // (4) What the dependency check tells a hubot-slack from 4.5.1 (core's HUBOT_SLACK): `useRtmConnect` in
        // HUBOT_SLACK_RTM_CLIENT_OPTS, and the bot connects with rtm.connect alone, its name and identity known;
        // its data store holds only the bot itself (the warning says so: the adapter itself no longer reads it).
        const connected: Ran[] = [];
        if (takesConnectOption) {
          upstream.resetCalls();
          const own = await runHubot(dir, upstream.apiUrl, undefined, { useRtmConnect: true });
          connected.push(own);
          expect(own.code, own.stdout + own.stderr).toBe(0);
          expect(upstream.calls.map((c) => [c.method, c.ok])).toEqual([['rtm.connect', true]]);
          const { name, self, team, users, channels } = direct.knows!;
          // rtm.connect's answer holds the bot itself: the client's store keeps it, and nothing else.
          expect(own.knows).toMatchObject({ name, self, team, users: [self], channels: [], groups: [], dms: [] });
          expect(users.length).toBeGreaterThan(0);
          expect(channels.length).toBeGreaterThan(0);
        }

        for (const ran of [direct, proxied, failed, ...connected]) {
          // Nothing off loopback was even tried, but 4.4's users.list at slack.com (refused at once).
          const refused = ran.stderr.match(REFUSED) ?? [];
          if (webClientCalls) for (const line of refused) expect(line).toMatch(/^loopback-only: refused (lookup slack\.com|connection to slack\.com:443)$/);
          else expect(refused).toEqual([]);
          expect(ran.stdout + ran.stderr).not.toContain(TOKEN);
        }
        expect(proxy.log()).not.toContain(TOKEN);
        expect(proxy.log().match(REFUSED)).toBeNull();
      } finally {
        await proxy.stop();
        await upstream.close();
        await legacy.close();
      }
    }, TEST_TIMEOUT);
  }
});
