import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack } from '@rtm-migrate/fake-slack';
import { describe, expect, it } from 'vitest';
import { run, runNodeBot } from '../../../test/support/run.js';
import { cli } from './helpers.js';
import { compileProject, v3TypescriptProject } from './typescript-project.js';

/**
 * A 2017 TypeScript bot on @slack/client v3 (which had no typings) that types its client with an ambient
 * declaration of its own, with only the methods it calls, and hands the client on as that type: the generated
 * module's functions must take it as it is typed (s24 case 02). The bot also takes the API URL (for the
 * fake Slack) and tells the id it learnt; the rest is the case's code.
 */
const FILES: Readonly<Record<string, string>> = {
  'package.json': JSON.stringify({ dependencies: { '@slack/client': '^3.11.0' } }),
  // The case's tsconfig, but for `lib`: target es6's default library has no Array.prototype.includes, which
  // the generated module still calls (another change); es2017 (and the DOM, as by default) sidesteps that.
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'es6', module: 'commonjs', strict: true, typeRoots: ['./types'], lib: ['es2017', 'dom'] } }),
  'types/slack.d.ts': [
    "declare module '@slack/client';",
    'declare namespace Slack { class RtmClient { constructor(t: string); start(): void; on(e: string, f: (m: any) => any): void } }',
    '',
  ].join('\n'),
  'bot.ts': [
    "import { RtmClient, CLIENT_EVENTS } from '@slack/client';",
    'export class Bot {',
    '  private client: Slack.RtmClient;',
    "  private id = '';",
    "  constructor(t: string, url?: string) { this.client = new RtmClient(t, { slackAPIUrl: url, autoReconnect: false, logLevel: 'error' }); }",
    '  start(): void { this.client.on(CLIENT_EVENTS.RTM.AUTHENTICATED, (m: any) => { this.id = m.self.id; }); this.client.start(); }',
    '  use(f: (c: Slack.RtmClient) => void): void { f(this.client); }',
    '  me(): string { return this.id; }',
    '}',
    '',
  ].join('\n'),
  // Not in the TypeScript program (no allowJs): runs the compiled bot and prints what it learnt.
  'run.js': `const { CLIENT_EVENTS } = require('@slack/client');
const { Bot } = require('./dist/bot.js');
const bot = new Bot(process.env.SLACK_BOT_TOKEN, process.env.SLACK_API_URL);
const ids = (list) => (list || []).map((item) => item.id).sort().join(',');
bot.use((client) => {
  client.on(CLIENT_EVENTS.RTM.AUTHENTICATED, (data) => {
    console.log('team: ' + data.team.id + ' ' + data.team.domain);
    for (const list of ['users', 'channels', 'groups', 'ims']) console.log(list + ': ' + ids(data[list]));
    for (const c of data.channels.filter((c) => c.is_member)) console.log('#' + c.name + ': ' + [...c.members].sort().join(','));
  });
  client.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, () => {
    console.log('me: ' + bot.me());
    console.log('dataStore users: ' + Object.keys(client.dataStore.users).sort().join(','));
    // Not from within the client's own 'open' handler: the socket would stay open.
    setTimeout(() => client.disconnect(), 10);
  });
  client.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, (error) => {
    console.error('unable to start: ' + (error && error.message ? error.message : error));
    process.exitCode = 1;
    client.disconnect();
  });
});
bot.start();
`,
};

/** The case on disk (v3TypescriptProject). */
const project = (): Promise<string> => v3TypescriptProject('rtm-migrate-own-client-type-', FILES);

/** The project built into dist/: tsc's output, empty when it compiles. */
const compile = (dir: string): Promise<string> => compileProject(dir, join(dir, 'dist'));

describe('a v3 client typed by the project\'s own declaration', () => {
  // Compiles the project three times and runs its bot three times, against Slack's real rate tiers.
  it('is started through startRtmClient(), type-checks with no error introduced, and the bot learns the same against connect_required', { timeout: 180_000 }, async () => {
    const fake = await startFakeSlack({ seed: 24, users: 12, channels: 4, mode: 'legacy' });
    try {
      const dir = await project();
      expect(await compile(dir)).toBe('');
      const runBot = () => runNodeBot(join(dir, 'run.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 90_000 });
      const before = await runBot();
      expect(before.stderr).toBe('');
      expect(before.code).toBe(0);
      expect(before.stdout).toMatch(/^me: U\w+$/m);
      expect(before.stdout).toMatch(/^#\S+: U\w+/m);
      expect(before.stdout).toMatch(/^dataStore users: U\w+,U/m);

      fake.setMode('connect_required');
      const broken = await runBot();
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain('unable to start: rtm_connect_required');

      // The sources are migrated, not their build.
      await rm(join(dir, 'dist'), { recursive: true });
      const migrated = await cli(['apply', '.'], dir);
      expect(migrated.stderr).toBe('');
      expect(migrated.stdout).toContain('changed: 2 (rtm-start-data.ts, bot.ts)');
      // Before, the client typed `Slack.RtmClient` was not assignable to the module's LegacyRtmClient (TS2345).
      expect(migrated.stdout).toContain('type-check (tsconfig.json, 2 changed files): no error introduced');
      expect(migrated.stdout).not.toContain('TS2345');
      expect(migrated.code).toBe(0);
      const source = await readFile(join(dir, 'bot.ts'), 'utf8');
      expect(source).toContain('useRtmConnect: true');
      expect(source).toContain("startRtmClient(this.client, {}, { optional: ['team.prefs'] });");
      expect(await compile(dir)).toBe('');

      fake.resetCalls();
      const after = await runBot();
      expect(after.stderr).toBe('');
      expect(after.code).toBe(0);
      expect(after.stdout).toBe(before.stdout);
      const methods = fake.calls.map((c) => c.method);
      expect(methods).not.toContain('rtm.start');
      expect(methods).toContain('rtm.connect');
    } finally {
      await fake.close();
    }
  });

  // An object's own `start` (a test's stand-in) runs as it is: see stand-in-start.test.ts. A class's is checked.
  it('is refused at start by startRtmClient() when it is no v3 RtmClient, as its type no longer says so', async () => {
    const dir = await project();
    expect((await cli(['apply', '.'], dir)).code).toBe(0);
    expect(await compile(dir)).toBe('');
    const started = await run(process.execPath, ['-e', "class Client { start() {} on() {} } require('./dist/rtm-start-data.js').startRtmClient(new Client())"], { cwd: dir });
    expect(started.code).toBe(1);
    expect(started.stderr).toContain('TypeError: startRtmClient() expected a @slack/client v3 RtmClient: this client lacks one of start, emit, logger, _makeAPICall, _rtm.start');
  });
});
