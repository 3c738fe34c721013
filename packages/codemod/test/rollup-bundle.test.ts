import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, V3_BOT_END, writeBotFiles } from './helpers.js';

/**
 * A CommonJS v3 bot that is run from its rollup bundle in `dist/`, as DanYellow/slack_bot was (blind
 * s123/04: rollup without a CommonJS plugin left the rewrite's `require('./rtm-start-data')` in the
 * bundle, and all three bundles threw `Cannot find module` at load). Built by real rollup 4.
 */
const BOT = `'use strict';
var RtmClient = require('@slack/client').RtmClient;
var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;

var rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' });

rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (start) {
  var names = start.users.map(function (u) { return u.name; }).sort().join(',');
  console.log('signed in as ' + start.self.name + '; ' + start.users.length + ' users (' + names + '); ' + start.channels.length + ' channels');
});

${V3_BOT_END}`;

const config = (plugin: boolean): string => `${plugin ? "import commonjs from '@rollup/plugin-commonjs';\n" : ''}export default {
  input: 'src/index.js',
  output: { file: 'dist/bot.js', format: 'cjs' },
  external: ['@slack/client', 'util'],
  plugins: [${plugin ? 'commonjs()' : ''}],
};
`;

const manifest = (plugin: boolean): string =>
  JSON.stringify({ name: 'bundled-bot', private: true, scripts: { build: 'rollup -c' }, dependencies: { '@slack/client': '3.16.0' }, devDependencies: { rollup: '4.69.3', ...(plugin ? { '@rollup/plugin-commonjs': '28.0.9' } : {}) } });

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 123, users: 30, channels: 6, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

async function bundledBot(plugin: boolean): Promise<{ dir: string; build: () => Promise<void>; start: () => Promise<RunResult> }> {
  const dir = await writeBotFiles('rtm-migrate-rollup-', { 'package.json': manifest(plugin), 'rollup.config.mjs': config(plugin), 'src/index.js': BOT });
  const build = async (): Promise<void> => {
    const built = await run(process.execPath, [join(dir, 'node_modules', 'rollup', 'dist', 'bin', 'rollup'), '-c', '--silent'], { cwd: dir });
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
  };
  return { dir, build, start: () => runNodeBot(join(dir, 'dist', 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 90_000 }) };
}

describe('a CommonJS bot bundled by rollup', () => {
  it('with the CommonJS plugin: migrated, and its rebuilt bundle knows the same users and channels', { timeout: 240_000 }, async () => {
    const { dir, build, start } = await bundledBot(true);
    await build();
    fake.setMode('legacy');
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^signed in as \S+; 30 users \(/m);
    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect([migrated.code, migrated.stderr]).toEqual([0, '']);
    expect(migrated.stdout).toContain('TODOs left: 0');
    await build();
    fake.setMode('connect_required');
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await start());
  });

  it('without it: a TODO saying the bundle would miss the generated module, and nothing written', { timeout: 120_000 }, async () => {
    const { dir } = await bundledBot(false);
    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('TODOs left: 1');
    expect(migrated.stdout.replace(/\s+/g, ' ')).toContain('this file\'s package builds with rollup (package.json) without a CommonJS plugin');
    await expect(access(join(dir, 'src', 'rtm-start-data.js'))).rejects.toThrow();
    expect((await cli(['apply', '.', '--check'], dir)).code).toBe(1);
  });

  it('rollup declared but not run by the build (no script, config or gulpfile names it): migrated as any CommonJS bot', { timeout: 120_000 }, async () => {
    const manifestOnly = JSON.stringify({ name: 'bot', private: true, dependencies: { '@slack/client': '3.16.0' }, devDependencies: { rollup: '4.69.3' } });
    const dir = await writeBotFiles('rtm-migrate-rollup-unused-', { 'package.json': manifestOnly, 'src/index.js': BOT });
    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('TODOs left: 0');
    await expect(access(join(dir, 'src', 'rtm-start-data.js'))).resolves.toBeUndefined();
  });
});
