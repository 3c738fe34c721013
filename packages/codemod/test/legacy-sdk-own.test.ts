import { cp, mkdir, readFile, realpath, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { startFakeSlack } from '@rtm-migrate/fake-slack';
import { describe, expect, it } from 'vitest';
import { botsRelease, linkBotsRelease } from '../../../test/support/bots-release.js';
import { run } from '../../../test/support/run.js';
import type { Plan } from '../src/plan.js';
import { cli, expectSameWithoutRtmStart, ROOT, tempDir } from './helpers.js';

/** The legacy SDK's own code (`@slack/client` 3, `slack-client` 2) scanned as a project, as it ships. */
const REAL_WORLD = join(ROOT, 'fixtures', 'real-world');

async function scan(dir: string): Promise<Plan> {
  const r = await cli(['scan', '.', '--json'], dir);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Plan;
}

const at = (plan: Plan, file: string): string[] => plan.sites.filter((s) => s.file === file).map((s) => `${s.line} ${s.form}`);

describe("the legacy SDK's own code", () => {
  it("@slack/client 3's SlackDataStore.cacheRtmStart (the SDK filling its store) is no site; the SDK's start still is", async () => {
    const dir = await tempDir('rtm-migrate-sdk-own-');
    await cp(join(REAL_WORLD, '@slack+client@3.16.0', 'package'), dir, { recursive: true });
    const plan = await scan(dir);
    expect(at(plan, join('lib', 'data-store', 'data-store.js'))).toEqual([]);
    expect(at(plan, join('lib', 'clients', 'rtm', 'client.js'))).toEqual(['266 method-call']);
  });

  it("an app's own store written to the same interface stays a site (its cacheRtmStart reads rtm.start's data)", async () => {
    const dir = await tempDir('rtm-migrate-app-store-');
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'my-bot', dependencies: { '@slack/client': '^3.16.0' } }));
    await mkdir(join(dir, 'lib'));
    await writeFile(
      join(dir, 'lib', 'store.js'),
      'function Store() { this.users = {}; }\nStore.prototype.cacheRtmStart = function cacheRtmStart(data) {\n  data.users.forEach((u) => { this.users[u.id] = u; });\n};\nmodule.exports = Store;\n',
    );
    const plan = await scan(dir);
    const sites = plan.sites.filter((s) => s.file === join('lib', 'store.js'));
    expect(sites.map((s) => `${s.line} ${s.form} ${s.rewrite}`)).toEqual(['2 legacy-data-store todo']);
    expect(sites[0]?.startOnlyFields).toContain('users');
  });
});

/**
 * slack-client 2.0.6 as published (installed for slack-robot in fixtures/bots), copied with its own
 * dependencies: its examples require the SDK by relative paths (`require('../lib/clients/rtm/client')`).
 */
async function copySlackClient2(): Promise<string> {
  const installed = await realpath(join(await botsRelease('slack-robot'), '..', 'slack-client'));
  const dir = await tempDir('rtm-migrate-slack-client-2-');
  await cp(installed, join(dir, 'slack-client'), { recursive: true, filter: (from) => !relative(installed, from).includes('node_modules') });
  await symlink(dirname(installed), join(dir, 'slack-client', 'node_modules'), 'dir');
  return dir;
}

/**
 * The example's two edits (besides the migration): its client takes fake Slack's URL (it has no other
 * way to be told), and it prints the AUTHENTICATED data (users, channels with members, ims) once the
 * socket is open, then exits.
 */
const PRINT_STORE = `
var started;
rtm.on('authenticated', function keep(data) { started = data; });
rtm.on('open', function printStarted() {
  started.users.map(function (u) { return u.id + ' ' + u.name; }).sort().forEach(function (u) { console.log('user ' + u); });
  started.channels.forEach(function (c) { console.log('channel #' + c.name + ' members=' + (c.members || []).slice().sort().join(',')); });
  started.ims.forEach(function (im) { console.log('im ' + im.id + ' ' + im.user); });
  process.stdout.write('', function () { process.exit(0); });
});
rtm.on('unable_to_rtm_start', function (error) { console.error('unable to start: ' + (error && error.message)); process.exit(1); });
`;

describe("the legacy SDK's examples, requiring the SDK by relative paths", () => {
  // Blind s135/05: a fork published under a name of its own is the SDK it copies (its facet and client files are the release's).
  it.each([
    { as: 'published', name: undefined },
    { as: 'forked under a name of its own', name: 'slack-client-fork' },
  ])('slack-client 2.0.6 $as, examples/example-rtm-client.js: its RtmClient is found, started through startSlackClientRtm(), and knows the same workspace against connect_required', async ({ name }) => {
    const dir = await copySlackClient2();
    if (name !== undefined) {
      const manifest = join(dir, 'slack-client', 'package.json');
      await writeFile(manifest, JSON.stringify({ ...(JSON.parse(await readFile(manifest, 'utf8')) as object), name }));
    }
    const example = join(dir, 'slack-client', 'examples', 'example-rtm-client.js');
    const source = await readFile(example, 'utf8');
    const made = "new RtmClient(token, { logLevel: 'debug' })";
    expect(source).toContain(made);
    await writeFile(example, source.replace(made, "new RtmClient(token, { logLevel: 'error', slackAPIUrl: process.env.SLACK_API_URL })") + PRINT_STORE);
    const fake = await startFakeSlack({ seed: 21, users: 12, channels: 4, mode: 'legacy' });
    const runExample = () => run(process.execPath, [example], { cwd: dir, env: { PATH: process.env.PATH ?? '', SLACK_API_TOKEN: 'xoxb-test', SLACK_API_URL: fake.apiUrl }, timeoutMs: 60_000 });
    try {
      const before = await runExample();
      expect(before.stderr).toBe('');
      expect(before.stdout).toMatch(/^channel #general members=U/m);

      const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
      expect(migrated.stderr).toBe('');
      expect(migrated.stdout).toContain(`${join('slack-client', 'examples', 'example-rtm-client.js')}:12:1  legacy-client → helper-module`);
      const after = await readFile(example, 'utf8');
      // Every read of the data is in sight (its AUTHENTICATED handler's): only those parts are fetched.
      expect(after).toContain("startSlackClientRtm(rtm, {}, { fields: ['channels', 'channels[].members', 'ims', 'users'] });");
      expect(after).not.toContain('TODO(rtm-migrate)');
      // The SDK's own start goes to its facet, rebuilt through the helper module; its store is no site. Its test's stub of rtm.start answers the replacement methods.
      expect(migrated.stdout).toMatch(/^note +slack-client\/lib\/clients\/rtm\/client\.js:187:5 +method-call → covered$/m);
      expect(migrated.stdout).toMatch(/^done +slack-client\/lib\/clients\/web\/facets\/rtm\.js:31:10 +helper → helper-module$/m);
      expect(migrated.stdout).toMatch(/^done +slack-client\/test\/clients\/rtm\/client\.js:20:7 +helper → helper-module$/m);
      expect(migrated.stdout).toContain('TODOs left: 0');

      fake.setMode('connect_required');
      fake.resetCalls();
      expectSameWithoutRtmStart(fake, before, await runExample());
    } finally {
      await fake.close();
    }
  });
});

/**
 * @slack/rtm-api 7.0.4 as published (fixtures/real-world), its own dependencies the ones installed for
 * fixtures/bots, and a runner that uses it as its README shows, told to call `rtm.start`
 * (`useRtmConnect: false`) and printing the `authenticated` data. Only the library is migrated.
 */
const RTM_API_RUNNER = `'use strict';
var RTMClient = require('@slack/rtm-api').RTMClient;
var printWorkspace = require('./summary');

var rtm = new RTMClient(process.env.SLACK_BOT_TOKEN, { slackApiUrl: process.env.SLACK_API_URL, useRtmConnect: false, autoReconnect: false, logLevel: 'error' });
rtm.on('authenticated', function (data) { printWorkspace(data); });
rtm.on('ready', function () { process.stdout.write('', function () { process.exit(0); }); });
rtm.start().catch(function (error) { console.error('unable to start: ' + error.message); process.exit(1); });
`;

async function copyRtmApi(): Promise<string> {
  const dir = await tempDir('rtm-migrate-rtm-api-');
  const library = join(dir, 'rtm-api');
  await cp(join(REAL_WORLD, '@slack+rtm-api@7.0.4', 'package'), library, { recursive: true });
  const installed = await botsRelease('@slack/rtm-api');
  await symlink(join(installed, '..', '..'), join(library, 'node_modules'), 'dir');
  await mkdir(join(dir, 'node_modules', '@slack'), { recursive: true });
  await symlink(library, join(dir, 'node_modules', '@slack', 'rtm-api'), 'dir');
  await cp(join(ROOT, 'fixtures', 'bots', 'summary.js'), join(dir, 'summary.js'));
  await writeFile(join(dir, 'runner.js'), RTM_API_RUNNER);
  return dir;
}

describe("the SDK's own start, its method name chosen at run time", () => {
  it("@slack/rtm-api 7.0.4's RTMClient with useRtmConnect: false: the rtm.start branch goes to the helper module, the rtm.connect branch stays, and the app gets the same data against connect_required", { timeout: 180_000 }, async () => {
    const dir = await copyRtmApi();
    const fake = await startFakeSlack({ seed: 22, users: 25, channels: 5, mode: 'legacy' });
    const runRunner = () => run(process.execPath, [join(dir, 'runner.js')], { cwd: dir, env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: fake.apiUrl }, timeoutMs: 60_000 });
    try {
      const before = await runRunner();
      expect(before.stderr).toBe('');
      expect(before.stdout).toMatch(/^channels: \d+/m);
      fake.setMode('connect_required');
      const broken = await runRunner();
      expect(broken.code).toBe(1);

      const migrated = await cli(['apply', 'rtm-api', '--allow-dirty'], dir);
      expect(migrated.stderr).toBe('');
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain(`${join('rtm-api', 'dist', 'RTMClient.js')}:78:20  api-call → helper-module`);
      const source = await readFile(join(dir, 'rtm-api', 'dist', 'RTMClient.js'), 'utf8');
      expect(source).toContain('(connectMethod === "rtm.start" ? rtmStartData(this.webClient, ');
      expect(source).toMatch(/: this\.webClient\s*\.apiCall\(connectMethod, /);

      fake.resetCalls();
      const after = await runRunner();
      expectSameWithoutRtmStart(fake, before, after);

      // A second run changes nothing: the guarded call is no rtm.start site.
      const again = await cli(['apply', 'rtm-api', '--allow-dirty'], dir);
      expect(again.stdout).toContain('TODOs left: 0');
      expect(await readFile(join(dir, 'rtm-api', 'dist', 'RTMClient.js'), 'utf8')).toBe(source);

      // The default (useRtmConnect: true) still calls rtm.connect through the client's own apiCall, as before.
      await writeFile(join(dir, 'runner.js'), RTM_API_RUNNER.replace('useRtmConnect: false, ', ''));
      fake.resetCalls();
      const connecting = await runRunner();
      expect(connecting.code).toBe(0);
      expect(fake.calls.map((c) => c.method)).toEqual(['rtm.connect']);
    } finally {
      await fake.close();
    }
  });
});

/**
 * slack-client 2.0.6's own mocha test of its RtmClient's reconnection (test/clients/rtm/client.js, as published),
 * run with the real nock 13, mocha 10, chai 4 and sinon 9 of fixtures/bots. Its nock interceptor stands in
 * for `rtm.start` twice per test (`.times(2)`, a reconnect); the migrated SDK asks the replacement methods,
 * which the split stub answers on the same scope (blind s136/06, s138/05: node-slack-sdk forks' own tests,
 * 4 of them timing out under a TODO).
 */
describe("the legacy SDK's own test, whose nock interceptor stood in for rtm.start", () => {
  it('slack-client 2.0.6 test/clients/rtm/client.js: its 4 reconnection tests pass before and after migration, the stub answering the replacement methods', { timeout: 240_000 }, async () => {
    const dir = await copySlackClient2();
    for (const name of ['chai', 'sinon', 'nock', 'mocha']) await linkBotsRelease(dir, name, name);
    const spec = join('test', 'clients', 'rtm', 'client.js');
    // `--exit`: the mocha 2 the package was tested with ended the process once its tests were done; its mock servers keep it open.
    const mocha = () => run(process.execPath, [join(dir, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--exit', spec], { cwd: join(dir, 'slack-client'), env: { PATH: process.env.PATH ?? '' }, timeoutMs: 120_000 });
    const before = await mocha();
    expect([before.code, before.stdout]).toEqual([0, expect.stringMatching(/4 passing/)]);

    const migrated = await cli(['apply', '.', '--allow-dirty', '--no-verify'], dir);
    expect(migrated.code).toBe(0);
    const written = await readFile(join(dir, 'slack-client', spec), 'utf8');
    expect(written).toContain("stubRtmStart(nock(fakeSlackUrl), rtmFixture, { prefix: '/', times: 2, status: 200 });");
    expect(written).not.toContain('rtm.start\'');
    expect(await readFile(join(dir, 'slack-client', 'lib', 'clients', 'web', 'facets', 'rtm.js'), 'utf8')).not.toContain("'rtm.start'");

    const after = await mocha();
    expect([after.code, after.stdout]).toEqual([0, expect.stringMatching(/4 passing/)]);
    // Its start asks team.prefs as optional, which the fixture's team has: nothing is left out.
    expect(after.stderr).not.toContain('rtm-start-data');
    const second = await cli(['apply', '.', '--check'], dir);
    expect([second.code, second.stdout]).toEqual([0, expect.stringContaining('TODOs left: 0')]);
  });
});
