import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, type RunResult } from '../../../test/support/run.js';
import { cli, copyLibrary } from './helpers.js';

/**
 * @slack/client 3.16.0 as npm installed it (fixtures/bots), with only the library migrated: its own
 * web facet's `rtm.start` now resolves the helper module's data through its `makeAPICall`, its
 * RTMClient's call of that facet is left as it is (covered), and programs written against the SDK
 * run unchanged, against fake Slack `legacy` before and `connect_required` after.
 */
const LIBRARY = 'slack-client-v3';
const RUNNERS = ['slack-client-v3', 'legacy-rtm-auth', 'slack-client-v3-web'];
/** Where each runner is kept: the SDK contract probes sit in fixtures/sdk-probes, apart from the bundled bots. */
const SOURCES = ['slack-client-v3', 'legacy-rtm-auth', 'sdk-probes/slack-client-v3-web'];

let fake: FakeSlack;
let dir: string;
let migrated: RunResult;
const before = new Map<string, RunResult>();
const broken = new Map<string, RunResult>();
const originals = new Map<string, string>();

function start(runner: string, token: string): Promise<RunResult> {
  return run(process.execPath, [join(dir, 'runners', `${runner}.js`)], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: token, SLACK_API_URL: fake.apiUrl },
    timeoutMs: 120_000,
  });
}

/** Each runner with a known token, then the RTM and web runners with a token Slack does not know. */
const RUNS: readonly (readonly [string, string])[] = [...RUNNERS.map((r) => [r, 'xoxb-test'] as const), ['legacy-rtm-auth', 'xoxb-unknown'], ['slack-client-v3-web', 'xoxb-unknown']];
const key = ([runner, token]: readonly [string, string]): string => `${runner} ${token}`;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 21, users: 30, channels: 6, mode: 'legacy' });
  dir = await copyLibrary(undefined, '@slack/client', LIBRARY, SOURCES);
  for (const run of RUNS) before.set(key(run), await start(...run));
  fake.setMode('connect_required');
  for (const run of RUNS) broken.set(key(run), await start(...run));
  for (const runner of RUNNERS) originals.set(runner, await readFile(join(dir, 'runners', `${runner}.js`), 'utf8'));
  originals.set('client', await readFile(join(dir, LIBRARY, 'lib', 'clients', 'rtm', 'client.js'), 'utf8'));
  migrated = await cli(['apply', LIBRARY, '--allow-dirty'], dir);
  fake.resetCalls();
}, 600_000);

afterAll(async () => {
  await fake.close();
});

describe('@slack/client 3.16.0 migrated by rtm-migrate, the programs on top unchanged', () => {
  it('rewrites the facet (lib/ and its compiled copy in dist/lib/) and leaves the RTMClient call covered', async () => {
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    for (const facet of ['lib', join('dist', 'lib')]) {
      const file = join(LIBRARY, facet, 'clients', 'web', 'facets', 'rtm.js');
      expect(migrated.stdout).toMatch(new RegExp(`^done +${escapeRegExp(file)}:\\d+:\\d+ +helper → helper-module`, 'm'));
      const text = await readFile(join(dir, file), 'utf8');
      expect(text).not.toMatch(/makeAPICall\('rtm\.start'/);
      expect(text).not.toContain('TODO(rtm-migrate)');
      const covered = join(LIBRARY, facet, 'clients', 'rtm', 'client.js');
      expect(migrated.stdout).toMatch(new RegExp(`^note +${escapeRegExp(covered)}:\\d+:\\d+ +method-call → covered`, 'm'));
    }
    expect(await readFile(join(dir, LIBRARY, 'lib', 'clients', 'rtm', 'client.js'), 'utf8')).toBe(originals.get('client'));
    for (const runner of RUNNERS) expect(await readFile(join(dir, 'runners', `${runner}.js`), 'utf8')).toBe(originals.get(runner));
    // A second run finds nothing more to do there.
    const again = await cli(['apply', LIBRARY, '--allow-dirty', '--dry'], dir);
    expect(again.stdout).toMatch(/^note +slack-client-v3\/lib\/clients\/rtm\/client\.js:\d+:\d+ +method-call → covered/m);
    expect(again.stdout).not.toMatch(/^\w+ +\S+facets\/rtm\.js:/m);
  });

  it.each(RUNS.map((r) => [key(r), r] as const))('%s prints as before', { timeout: 240_000 }, async (name, runArgs) => {
    const original = before.get(name)!;
    expect(original.stderr).toBe('');
    // Unmigrated, the SDK breaks once Slack retires rtm.start (a bad token fails the same either way).
    if (runArgs[1] === 'xoxb-test') expect(broken.get(name)!.stdout).not.toBe(original.stdout);
    fake.resetCalls();
    const after = await start(...runArgs);
    expect(after.stderr).toBe('');
    expect(after.stdout).toBe(original.stdout);
    expect(after.code).toBe(original.code);
    expect(fake.calls.map((c) => c.method)).not.toContain('rtm.start');
  });

  it('hands the data and the errors back as the SDK did (what the runs above compare)', () => {
    expect(before.get('slack-client-v3 xoxb-test')!.stdout).toMatch(/^dataStore: \S+ in #general$/m);
    // invalid_auth is one of the RTMClient's unrecoverable start errors: it disconnects, it does not reconnect.
    const auth = before.get('legacy-rtm-auth xoxb-unknown')!;
    expect(auth.stdout).toMatch(/^unable to start: invalid_auth\ndisconnect: invalid_auth is not recoverable \(invalid_auth\)\n$/m);
    expect(auth.stdout).not.toContain('reconnecting');
    expect(auth.code).toBe(1);
    const web = before.get('slack-client-v3-web xoxb-unknown')!.stdout;
    expect(web).toContain('promise error Error: invalid_auth / answer: none');
    expect(web).toContain('start(opts, cb) #1 error Error: invalid_auth / answer: invalid_auth');
    expect(web).toContain('start(cb) #1 error Error: invalid_auth / answer: invalid_auth');
    expect(web).not.toContain('#2');
    expect(before.get('slack-client-v3-web xoxb-test')!.stdout).toContain('promise kind: spread function, asCallback function');
    expect(before.get('slack-client-v3-web xoxb-test')!.stdout).toMatch(/^start\(cb\) #1 users=\d+ channels=\d+/m);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A later or older SDK as npm installed it, copied with one runner; `start(token)` runs the runner against fake Slack. */
async function installedCopy(sdk: string, folder: string, runnerName: string, env: NodeJS.ProcessEnv): Promise<{ copy: string; runner: string; start: (token: string) => Promise<RunResult> }> {
  const copy = await copyLibrary(undefined, sdk, folder, [runnerName]);
  const runner = join(copy, 'runners', `${basename(runnerName)}.js`);
  const start = (token: string): Promise<RunResult> =>
    run(process.execPath, [runner], { cwd: copy, env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: token, SLACK_API_URL: fake.apiUrl, SLACK_SDK: sdk, ...env }, timeoutMs: 120_000 });
  return { copy, runner, start };
}

/** rtm-migrate on the SDK's folder alone: its file rewritten, the runner byte for byte as it was. */
async function migrateAlone(copy: string, folder: string, runner: string, done: string): Promise<string> {
  const original = await readFile(runner, 'utf8');
  const applied = await cli(['apply', folder, '--allow-dirty'], copy);
  expect(applied.stderr).toBe('');
  expect(applied.code).toBe(0);
  expect(applied.stdout).toMatch(new RegExp(`^done +${escapeRegExp(join(folder, done))}:\\d+:\\d+ +helper → helper-module`, 'm'));
  expect(await readFile(runner, 'utf8')).toBe(original);
  return applied.stdout;
}

/** The SDK as shipped: against legacy with a known and an unknown token; against connect_required it no longer starts as it did. */
async function asShipped(start: (token: string) => Promise<RunResult>): Promise<{ good: RunResult; bad: RunResult }> {
  fake.setMode('legacy');
  const good = await start('xoxb-test');
  const bad = await start('xoxb-unknown');
  fake.setMode('connect_required');
  expect((await start('xoxb-test')).stdout).not.toBe(good.stdout);
  return { good, bad };
}

/** After the migration against connect_required: the runs print what they printed against legacy, and rtm.start is never called. */
async function expectSameAfter(start: (token: string) => Promise<RunResult>, good: RunResult, bad: RunResult): Promise<void> {
  fake.resetCalls();
  const after = await start('xoxb-test');
  expect(after.stderr).toBe(good.stderr);
  expect(after.stdout).toBe(good.stdout);
  expect(fake.calls.map((c) => c.method)).not.toContain('rtm.start');
  const afterBad = await start('xoxb-unknown');
  expect(afterBad.stdout).toBe(bad.stdout);
  expect(afterBad.code).toBe(bad.code);
}

/**
 * The later SDKs as npm installed them (fixtures/bots): @slack/client 4.12.0's WebClient binds
 * `rtm.start` to its `apiCall` (promise or callback), @slack/web-api 5.15.0 and 7.19.0 through
 * `bindApiCall` (promise). Only the package is migrated; the program calling `web.rtm.start()` stays.
 */
const LATER: readonly { readonly sdk: string; readonly folder: string; readonly callbacks: boolean; readonly file: string }[] = [
  { sdk: 'slack-client-4', folder: 'slack-client-4', callbacks: true, file: join('dist', 'WebClient.js') },
  { sdk: 'slack-web-api-5', folder: 'web-api-5', callbacks: false, file: join('dist', 'methods.js') },
  { sdk: '@slack/web-api', folder: 'web-api-7', callbacks: false, file: join('dist', 'methods.js') },
];

describe('later SDKs migrated by rtm-migrate, the program calling their WebClient rtm.start unchanged', () => {
  it.each(LATER.map((l) => [l.sdk, l] as const))('%s', { timeout: 300_000 }, async (_name, later) => {
    const { copy, runner, start: startWith } = await installedCopy(later.sdk, later.folder, 'sdk-probes/web-client-rtm-start', later.callbacks ? { SDK_CALLBACKS: '1' } : {});
    const { good, bad } = await asShipped(startWith);
    expect(good.stdout).toMatch(/^promise users=\d+ channels=\d+/m);
    expect(bad.stdout).toMatch(/^promise error (slack_webapi|slackclient)_platform_error: .*invalid_auth \/ answer: invalid_auth$/m);
    if (later.callbacks) expect(good.stdout).toMatch(/^start\(opts, cb\) #1 users=\d+/m);

    await migrateAlone(copy, later.folder, runner, later.file);
    await expectSameAfter(startWith, good, bad);
  });
});

/**
 * The 2.x SDKs as npm installed them (fixtures/bots): slack-client 2.0.6 (no promise) and @slack/client
 * 2.3.0 (bluebird), whose facet hands `{ opts }` to `makeAPICall` and whose callback gets Slack's
 * `ok: false` answer as data with no error. Only the package is migrated; the RTM program stays.
 */
const V2: readonly { readonly sdk: string; readonly folder: string }[] = [
  { sdk: 'slack-client-2', folder: 'slack-client-2' },
  { sdk: 'slack-client-2-3', folder: 'slack-client-2-3' },
];

describe('2.x SDKs migrated by rtm-migrate, the RTM program on top unchanged', () => {
  it.each(V2.map((v) => [v.sdk, v] as const))('%s', { timeout: 300_000 }, async (_name, v2) => {
    const { copy, runner, start: startWith } = await installedCopy(v2.sdk, v2.folder, 'legacy-rtm-auth', {});
    const { good, bad } = await asShipped(startWith);
    expect(good.stdout).toMatch(/^authenticated as \S+ with \d+ users, \d+ channels, \d+ ims$/m);
    // invalid_auth is unrecoverable for the 2.x RTMClient too: it disconnects, it does not reconnect.
    expect(bad.stdout).toMatch(/^unable to start: invalid_auth\ndisconnect: .*\(invalid_auth\)\n$/m);
    expect(bad.stdout).not.toContain('reconnecting');

    const applied = await migrateAlone(copy, v2.folder, runner, join('lib', 'clients', 'web', 'facets', 'rtm.js'));
    expect(applied).toMatch(new RegExp(`^note +${escapeRegExp(join(v2.folder, 'lib', 'clients', 'rtm', 'client.js'))}:\\d+:\\d+ +method-call → covered`, 'm'));
    await expectSameAfter(startWith, good, bad);
  });
});
