import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startFakeSlack } from '@rtm-migrate/fake-slack';
import { describe, expect, it } from 'vitest';
import { runNodeBot } from '../../../test/support/run.js';
import { ROOT, cli, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * A v3 bot written with Flow annotations and built by Babel 6 (blind s125/01, koack: its `src/` did not
 * parse, so only the committed builds were migrated and its next build undid that). `(token: any)` is a
 * Flow cast, which TypeScript's parser (the analysis') refuses and babel's default parser (the rewrite's)
 * too; `import type` and `?Object` besides. The client is made with the token alone, in parentheses: the
 * option goes after them (`new RtmClient((token: any), { useRtmConnect: true })`), not inside, where it
 * would make one argument of both. Real babel-core 6.26.3 with babel-preset-env 1.7.0 and
 * babel-plugin-transform-flow-strip-types 6.22.0 (fixtures/bots), @slack/client 3.16, fake Slack.
 */
const BOT = `/* @flow */
import { RtmClient, CLIENT_EVENTS, MemoryDataStore } from '@slack/client';
import type { Seen } from './types';

const rtm = new RtmClient((process.env.SLACK_BOT_TOKEN: any));
// Options set after the fact, so that the client is made with the token alone.
rtm.slackAPIUrl = (process.env.SLACK_API_URL: any);
rtm.autoReconnect = false;
rtm.logger = () => {};

function seen(data: Object): Seen {
  const names: Array<string> = data.users.map((user: Object) => user.name).sort();
  return { self: data.self.name, users: names.length, names: names.join(','), channels: data.channels.length };
}

rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, (data: Object) => {
  const s: Seen = seen(data);
  console.log(\`signed in as \${s.self}: \${s.users} users (\${s.names}), \${s.channels} channels\`);
});

rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, () => {
  const general: ?Object = rtm.dataStore.getChannelByName('general');
  console.log(\`#general: \${general ? general.members.length : -1} members\`);
  process.stdout.write('', () => process.exit(0));
});

rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, (error: ?Error) => {
  console.error('unable to start: ' + String(error && error.message));
  process.exit(1);
});

rtm.start();
`;

const TYPES = `/* @flow */
export type Seen = { self: string, users: number, names: string, channels: number };
`;

interface Babel6 {
  transformFileSync(file: string, options: { babelrc: false; presets: string[]; plugins: string[] }): { code: string };
}

const fromBots = createRequire(join(ROOT, 'fixtures', 'bots', 'package.json'));

/** `babel src -d lib` with Babel 6, `presets: ['env']` and Flow's annotations stripped. */
async function build(dir: string): Promise<void> {
  const babel = fromBots('babel-core') as Babel6;
  const options = { babelrc: false as const, presets: [fromBots.resolve('babel-preset-env')], plugins: [fromBots.resolve('babel-plugin-transform-flow-strip-types')] };
  await mkdir(join(dir, 'lib'), { recursive: true });
  for (const name of await readdir(join(dir, 'src'))) await writeFile(join(dir, 'lib', name), babel.transformFileSync(join(dir, 'src', name), options).code);
}

describe('a v3 bot written with Flow annotations', () => {
  it('is migrated in its source, and its build starts with the same workspace through rtm.connect', { timeout: 240_000 }, async () => {
    const slack = await startFakeSlack({ seed: 125, users: 20, channels: 6, mode: 'legacy' });
    try {
      const manifest = JSON.stringify({ name: 'flow-bot', private: true, dependencies: { '@slack/client': '3.16.0' } });
      const dir = await writeBotFiles('rtm-migrate-flow-', { 'package.json': manifest, 'src/bot.js': BOT, 'src/types.js': TYPES });
      const start = (): ReturnType<typeof runNodeBot> => runNodeBot(join(dir, 'lib', 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl });
      await build(dir);
      const before = await start();
      expect([before.code, before.stderr]).toEqual([0, '']);
      expect(before.stdout).toMatch(/^signed in as \S+: 20 users \(/m);

      const applied = await cli(['apply', 'src', '--allow-dirty'], dir);
      expect(applied.stdout).toMatch(/^done +src\/bot\.js:\d+:\d+ +legacy-client → helper-module/m);
      expect(applied.stdout).toContain('failed: 0');
      const source = await readFile(join(dir, 'src', 'bot.js'), 'utf8');
      expect(source).toContain('new RtmClient((process.env.SLACK_BOT_TOKEN: any), { useRtmConnect: true });');
      expect(source).toContain("import type { Seen } from './types';");
      await build(dir);

      slack.setMode('connect_required');
      slack.resetCalls();
      expectSameWithoutRtmStart(slack, before, await start());
    } finally {
      await slack.close();
    }
  });
});
