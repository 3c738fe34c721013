import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

const BOT = `const Botkit = require('botkit');

const controller = Botkit.slackbot({});
controller.spawn({ token: process.env.SLACK_TOKEN }).startRTM((err) => {
  if (err) throw new Error(err);
});
`;

/** A Botkit bot in a folder of its own, with the package.json (and installed Botkit, if any) given. */
async function botkitApp(range: string | undefined, installed?: string): Promise<string> {
  const dir = await tempDir('rtm-migrate-botkit-');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'standup-bot', version: '1.0.0', dependencies: range === undefined ? {} : { botkit: range } }));
  if (installed !== undefined) {
    await mkdir(join(dir, 'node_modules', 'botkit'), { recursive: true });
    await writeFile(join(dir, 'node_modules', 'botkit', 'package.json'), JSON.stringify({ name: 'botkit', version: installed }));
  }
  await writeFile(join(dir, 'bot.js'), BOT);
  return dir;
}

interface Report {
  readonly sites: readonly { readonly id: string; readonly rewrite: string; readonly message: string }[];
}

/**
 * Botkit's `startRTM()` through the real CLI: a TODO where the Botkit the app runs with may be older
 * than 0.5.4 (the one whose `startRTM` requests `rtm.connect`), saying what says so; nothing where it is
 * 0.5.4 or later.
 */
describe("Botkit's startRTM through the CLI", () => {
  it.each([
    ['^0.5.0', undefined, 'its package.json\'s `"botkit": "^0.5.0"` allows such a release'],
    ['^0.5.4', '0.5.3', 'the Botkit installed here is 0.5.3'],
    [undefined, undefined, 'nothing says which Botkit this runs with'],
  ])('declared %s, installed %s: a TODO at startRTM saying %s', async (range, installed, says) => {
    const dir = await botkitApp(range, installed);
    const report = JSON.parse((await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir)).stdout) as Report;
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['bot.js:4:1', 'todo']]);
    expect(report.sites[0]?.message).toContain(says);
    const source = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(source).toContain('// TODO(rtm-migrate): `startRTM()` of this Botkit bot requests the retired `rtm.start` inside');
    expect(source.replace(/^\s*\/\/.*\n/gm, '')).toBe(BOT.replace(/^\s*\/\/.*\n/gm, ''));
  });

  it.each([
    ['^0.5.4', undefined],
    ['^0.5.0', '0.6.9'],
  ])('declared %s, installed %s: no site, the file as it was', async (range, installed) => {
    const dir = await botkitApp(range, installed);
    const run = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Report).sites).toEqual([]);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toBe(BOT);
  });
});
