import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack } from '@rtm-migrate/fake-slack';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { config } from '../../../test/support/corpus.js';
import { run, runNodeBot } from '../../../test/support/run.js';
import { breaksThenMigrates, cli, expectSameWithoutRtmStart, outcomes, scanFiles } from './helpers.js';
import { compileProject, v3TypescriptProject } from './typescript-project.js';

/**
 * A TypeScript bot (blind s82/10, KK578/bashi-typescript) whose v3 `RtmClient` is made by a subclass and
 * handed to the app's own base class (`super(rtmClient)`), which keeps it under an interface of the app's and
 * forwards `on` and `start` to it; a manager given the base class's type adds the AUTHENTICATED handler and
 * starts it. The client is made through the generated module's withLegacyRtmStart(), so that the base class's
 * start fills rtm.start's data; the manager's start is `covered` (every instance of the base class holds such
 * a client), and the lint reports neither once migrated. Written out as the case has it, with the API URL and
 * a print of what the bot learnt added for the run.
 */
const BASE = [
  "import { RtmLike } from './rtm-like';",
  '',
  'export class BaseRtm {',
  '  protected rtmClient: RtmLike;',
  '',
  '  constructor(rtmClient: RtmLike) {',
  '    this.rtmClient = rtmClient;',
  '  }',
  '',
  '  public on(event: string, callback: (...args: any[]) => void): this {',
  '    this.rtmClient.on(event, callback);',
  '    return this;',
  '  }',
  '',
  '  public start(): void {',
  '    this.rtmClient.start();',
  '  }',
  '}',
  '',
].join('\n');

const SUBCLASS = [
  "import { RtmClient } from '@slack/client';",
  "import { BaseRtm } from './base-rtm';",
  '',
  'export class SlackRtm extends BaseRtm {',
  '  constructor(token: string, url?: string) {',
  "    const rtmClient = new RtmClient(token, { slackAPIUrl: url, autoReconnect: false, logLevel: 'error' });",
  '    super(rtmClient);',
  '  }',
  '}',
  '',
].join('\n');

const MANAGER = [
  "import { CLIENT_EVENTS } from '@slack/client';",
  "import { BaseRtm } from './base-rtm';",
  '',
  'export class Manager {',
  '  public known: any = null;',
  '',
  '  constructor(private rtmClient: BaseRtm) {',
  '    this.rtmClient.on(CLIENT_EVENTS.RTM.AUTHENTICATED, (data: any) => { this.known = data; });',
  '  }',
  '',
  '  public start(): void {',
  '    this.rtmClient.start();',
  '  }',
  '}',
  '',
].join('\n');

const FILES: Readonly<Record<string, string>> = {
  'package.json': JSON.stringify({ dependencies: { '@slack/client': '^3.14.1' } }),
  'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'es2017', module: 'commonjs', rootDir: 'src', outDir: 'dist', typeRoots: ['./types'] } }),
  'types/slack.d.ts': "declare module '@slack/client';\n",
  'src/rtm-like.ts': 'export interface RtmLike {\n  on(event: string, callback: (...args: any[]) => void): void;\n  start(): void;\n}\n',
  'src/base-rtm.ts': BASE,
  'src/slack-rtm.ts': SUBCLASS,
  'src/manager.ts': MANAGER,
  // Not in the TypeScript program (no allowJs): runs the compiled bot and prints what it learnt.
  'run.js': `const { CLIENT_EVENTS } = require('@slack/client');
const { SlackRtm } = require('./dist/slack-rtm.js');
const { Manager } = require('./dist/manager.js');
const rtm = new SlackRtm(process.env.SLACK_BOT_TOKEN, process.env.SLACK_API_URL);
const manager = new Manager(rtm);
const ids = (list) => (list || []).map((item) => item.id).sort().join(',');
rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, () => {
  const data = manager.known;
  console.log('me: ' + data.self.id);
  for (const list of ['users', 'channels', 'groups', 'ims']) console.log(list + ': ' + ids(data[list]));
  for (const c of data.channels.filter((c) => c.is_member)) console.log('#' + c.name + ': ' + [...c.members].sort().join(','));
  setTimeout(() => process.exit(0), 10);
});
rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, (error) => {
  console.error('unable to start: ' + (error && error.message ? error.message : error));
  process.exit(1);
});
manager.start();
`,
};

/** The case on disk (v3TypescriptProject). */
const project = (files: Readonly<Record<string, string>>): Promise<string> => v3TypescriptProject('rtm-migrate-base-class-', files);

/** The project built into dist/ (its tsconfig's outDir): tsc's output, empty when it compiles. */
const compile = (dir: string): Promise<string> => compileProject(dir);

async function lint(dir: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(false), ignore: false });
  const results = await eslint.lintFiles(['src/**/*.ts']);
  return results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(dir.length + 1)}:${String(m.line)} ${m.ruleId ?? '(fatal)'} ${m.messageId ?? ''}`));
}

describe('a v3 RtmClient handed to the app\'s own base class', () => {
  // Compiles the project three times and runs its bot three times, against Slack's real rate tiers.
  it('is made through withLegacyRtmStart(), the start of the base class is covered, and the bot learns the same against connect_required', { timeout: 180_000 }, async () => {
    const fake = await startFakeSlack({ seed: 82, users: 12, channels: 4, mode: 'legacy' });
    try {
      const dir = await project(FILES);
      expect(await compile(dir)).toBe('');
      expect(await lint(dir)).toEqual(['src/manager.ts:12 @rtm-migrate/no-rtm-start legacyRtmClientReceived', 'src/slack-rtm.ts:7 @rtm-migrate/no-rtm-start legacyRtmClientToBase']);
      const runBot = () => runNodeBot(join(dir, 'run.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 90_000 });
      const before = await runBot();
      expect(before.stderr).toBe('');
      expect(before.code).toBe(0);
      expect(before.stdout).toMatch(/^users: U\w+,U/m);
      expect(before.stdout).toMatch(/^#\S+: U\w+,U/m);

      // The sources are migrated, not their build.
      const migrated = await breaksThenMigrates(fake, dir, async () => {
        const run = await runBot();
        await rm(join(dir, 'dist'), { recursive: true, force: true });
        return run;
      });
      expect(migrated).toContain('changed: 2 (src/rtm-start-data.ts, src/slack-rtm.ts)');
      expect(migrated).toContain('src/manager.ts:12:5  unfollowed-client → covered');
      expect(migrated).toContain('type-check (tsconfig.json, 2 changed files): no error introduced');
      const source = await readFile(join(dir, 'src', 'slack-rtm.ts'), 'utf8');
      // Imported as the file's other modules are: without an extension.
      expect(source).toContain("import { withLegacyRtmStart } from './rtm-start-data';");
      expect(source).toContain("const rtmClient = withLegacyRtmStart(new RtmClient(token, { slackAPIUrl: url, autoReconnect: false, logLevel: 'error' }));");
      expect(await readFile(join(dir, 'src', 'manager.ts'), 'utf8')).toBe(MANAGER);
      expect(await compile(dir)).toBe('');
      expect(await lint(dir)).toEqual([]);

      fake.resetCalls();
      expectSameWithoutRtmStart(fake, before, await runBot());

      // The sources again, not their build.
      await rm(join(dir, 'dist'), { recursive: true });
      const again = await cli(['apply', '.', '--check'], dir);
      expect(again.stdout).toContain('TODOs left: 0');
      expect(again.code).toBe(0);
    } finally {
      await fake.close();
    }
  });

  it('is refused by withLegacyRtmStart() at once when it is no v3 RtmClient', async () => {
    const dir = await project(FILES);
    expect((await cli(['apply', '.'], dir)).code).toBe(0);
    expect(await compile(dir)).toBe('');
    const made = await run(process.execPath, ['-e', "require('./dist/rtm-start-data.js').withLegacyRtmStart({ start() {}, on() {} })"], { cwd: dir });
    expect(made.code).toBe(1);
    expect(made.stderr).toContain('TypeError: withLegacyRtmStart() expected a @slack/client v3 RtmClient: this client lacks one of start, emit, logger, _makeAPICall, _rtm.start');
  });

  const MANIFEST = FILES['package.json'] ?? '';
  const SOURCES = { 'src/rtm-like.ts': FILES['src/rtm-like.ts'] ?? '', 'src/base-rtm.ts': BASE, 'src/slack-rtm.ts': SUBCLASS, 'src/manager.ts': MANAGER };
  const FAKE_CLIENT = "import { BaseRtm } from './base-rtm';\n\nexport class FakeRtm extends BaseRtm {\n  constructor() {\n    super({ on() {}, start() {} });\n  }\n}\n";

  it.each<{ form: string; more: Record<string, string> }>([
    { form: 'another subclass hands the base class a client of its own', more: { 'src/fake-rtm.ts': FAKE_CLIENT } },
    { form: 'the base class is made with `new` too', more: { 'src/main.ts': "import { BaseRtm } from './base-rtm';\nimport { RtmLike } from './rtm-like';\n\nexport const make = (rtm: RtmLike) => new BaseRtm(rtm);\n" } },
    { form: 'a subclass has no constructor of its own', more: { 'src/loud-rtm.ts': "import { BaseRtm } from './base-rtm';\n\nexport class LoudRtm extends BaseRtm {}\n" } },
    { form: 'the base class is handed on', more: { 'src/kinds.ts': "import { BaseRtm } from './base-rtm';\n\nexport const kinds = [BaseRtm];\n" } },
  ])('$form: the client is still made through withLegacyRtmStart(), but the manager\'s start keeps its TODO', async ({ more }) => {
    const report = await scanFiles(MANIFEST, { ...SOURCES, ...more });
    expect(outcomes(report)['src/slack-rtm.ts:7:5']).toBe('helper-module');
    expect(outcomes(report)['src/manager.ts:12:5']).toBe('todo');
  });

  it('a field named `rtm` typed with the base class is no client the run-time start takes: the manager\'s start keeps its TODO', async () => {
    const named = (text: string): string => text.replaceAll('rtmClient', 'rtm');
    const report = await scanFiles(MANIFEST, { ...SOURCES, 'src/manager.ts': named(MANAGER) });
    const start = report.sites.find((s) => s.id === 'src/manager.ts:12:5');
    expect(start?.rewrite).toBe('todo');
    expect(start?.message).not.toContain('startRtmClientMadeElsewhere()` of the generated');
  });

  it('under --helper shim, whose layer has no such client, the handing keeps its TODO', async () => {
    const dir = await project(FILES);
    const dry = await cli(['apply', '.', '--dry', '--helper', 'shim', '--report', 'json'], dir);
    const report = JSON.parse(dry.stdout) as { sites: { id: string; rewrite: string; message: string }[] };
    expect(report.sites.find((s) => s.id === 'src/slack-rtm.ts:7:5')?.rewrite).toBe('todo');
    expect(report.sites.find((s) => s.id === 'src/manager.ts:12:5')?.rewrite).toBe('todo');
  });
});
