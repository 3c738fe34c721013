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

const SLACKBOTS_BOT = `const SlackBot = require('slackbots');

const bot = new SlackBot({ token: process.env.SLACK_TOKEN, name: 'standup' });
bot.on('start', () => bot.postMessageToChannel('general', 'standup in 5'));
`;

/** A bot of `library` in a folder of its own, with the package.json (and installed library, if any) given. */
async function libraryApp(library: string, source: string, range: string | undefined, installed?: string): Promise<string> {
  const dir = await tempDir(`rtm-migrate-${library}-`);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'standup-bot', version: '1.0.0', dependencies: range === undefined ? {} : { [library]: range } }));
  if (installed !== undefined) {
    await mkdir(join(dir, 'node_modules', library), { recursive: true });
    await writeFile(join(dir, 'node_modules', library, 'package.json'), JSON.stringify({ name: library, version: installed }));
  }
  await writeFile(join(dir, 'bot.js'), source);
  return dir;
}

interface Report {
  readonly sites: readonly { readonly id: string; readonly rewrite: string; readonly message: string }[];
}

const withoutComments = (text: string): string => text.replace(/^[ \t]*\/\/.*\n/gm, '');

/**
 * A library's own request to `rtm.start` through the real CLI: a TODO where the release the app runs
 * with may be older than the one that requests `rtm.connect` (Botkit's `startRTM()` before 0.5.4,
 * slackbots' constructor before 1.3.0), saying what says so, the code otherwise as it was; nothing where
 * it is that release or later.
 */
describe.each([
  { library: 'botkit', source: BOT, id: 'bot.js:4:1', todo: '// TODO(rtm-migrate): `startRTM()` of this Botkit bot requests the retired `rtm.start` inside', old: ['^0.5.0', '0.5.3'], current: ['^0.5.4', '0.6.9'] },
  { library: 'slackbots', source: SLACKBOTS_BOT, id: 'bot.js:3:13', todo: '// TODO(rtm-migrate): `new SlackBot(…)` of `slackbots` logs in from its constructor, and before', old: ['^1.2.0', '1.2.0'], current: ['^1.3.0', '1.3.0'] },
])('$library through the CLI', ({ library, source, id, todo, old, current }) => {
  const [oldRange = '', oldInstalled = ''] = old;
  const [currentRange = '', currentInstalled = ''] = current;
  it.each([
    [oldRange, undefined, `its package.json's \`"${library}": "${oldRange}"\` allows such a release`],
    [currentRange, oldInstalled, `installed here is ${oldInstalled}`],
    [undefined, undefined, `nothing says which ${library === 'botkit' ? 'Botkit' : library} this runs with`],
  ])('declared %s, installed %s: a TODO at the start saying %s', async (range, installed, says) => {
    const dir = await libraryApp(library, source, range, installed);
    const report = JSON.parse((await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir)).stdout) as Report;
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([[id, 'todo']]);
    expect(report.sites[0]?.message).toContain(says);
    const written = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(written).toContain(todo);
    expect(withoutComments(written)).toBe(withoutComments(source));
  });

  it.each([
    [currentRange, undefined],
    [oldRange, currentInstalled],
  ])('declared %s, installed %s: no site, the file as it was', async (range, installed) => {
    const dir = await libraryApp(library, source, range, installed);
    const run = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Report).sites).toEqual([]);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toBe(source);
  });
});
