import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startFakeSlack } from '@rtm-migrate/fake-slack';
import { describe, expect, it } from 'vitest';
import { runNodeBot } from '../../../test/support/run.js';
import { ROOT, cli, copySlackbots, expectSameWithoutRtmStart } from './helpers.js';

/**
 * A bot in ES module syntax built with Babel 6 and `babel-preset-env` (blind s120/09, SlackParty: `babel
 * server -d functions`), making a bot of slackbots 1.2.0, whose `Bot` is a native class. Babel 6 compiles
 * a `class … extends` into a function that calls its base without `new`, which a native class refuses; the
 * generated module is compiled with the bot, so its subclass of slackbots must not be such a class. Real
 * babel-core 6.26.3 and babel-preset-env 1.7.0 (installed by fixtures/bots), real slackbots, fake Slack.
 */
const BOT = `import SlackBot from 'slackbots';
import printWorkspace from '../../summary';

const bot = new SlackBot({ token: process.env.SLACK_BOT_TOKEN, name: 'babel' });

bot.on('start', () => {
  printWorkspace(bot);
  process.stdout.write('', () => process.exit(0));
});
bot.on('error', (err) => {
  console.error('slackbots error: ' + (err && err.message ? err.message : err));
  process.exit(1);
});
`;

interface Babel6 {
  transformFileSync(file: string, options: { babelrc: false; presets: string[] }): { code: string };
}

const fromBots = createRequire(join(ROOT, 'fixtures', 'bots', 'package.json'));

/** `babel src -d lib` with Babel 6 and `presets: ['env']`: every file of runners/src compiled into runners/lib. */
async function buildWithBabel6(dir: string): Promise<void> {
  const babel = fromBots('babel-core') as Babel6;
  const preset = fromBots.resolve('babel-preset-env');
  await mkdir(join(dir, 'runners', 'lib'), { recursive: true });
  for (const name of await readdir(join(dir, 'runners', 'src'))) {
    await writeFile(join(dir, 'runners', 'lib', name), babel.transformFileSync(join(dir, 'runners', 'src', name), { babelrc: false, presets: [preset] }).code);
  }
}

describe('slackbots 1.2.0 made by a bot that Babel 6 compiles', () => {
  it('starts with the same workspace through rtm.connect, the generated module compiled with it', { timeout: 240_000 }, async () => {
    const slack = await startFakeSlack({ seed: 31, users: 25, channels: 6, mode: 'legacy' });
    try {
      const dir = await copySlackbots('slackbots@1.2.0', { 'src/bot.js': BOT });
      const start = (): ReturnType<typeof runNodeBot> => runNodeBot(join(dir, 'runners', 'lib', 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl });
      await buildWithBabel6(dir);
      const before = await start();
      expect([before.code, before.stderr]).toEqual([0, '']);
      expect(before.stdout).toMatch(/^users: [1-9]/m);

      const applied = await cli(['apply', 'runners/src', '--allow-dirty'], dir);
      expect(applied.stdout).toMatch(/^done +runners\/src\/bot\.js:\d+:\d+ +library-start → helper-module/m);
      await buildWithBabel6(dir);

      slack.setMode('connect_required');
      slack.resetCalls();
      expectSameWithoutRtmStart(slack, before, await start());
      // Babel 6 compiled the module: no class extends another there (its `_inherits` helper), the subclass is a function.
      const compiled = await readFile(join(dir, 'runners', 'lib', 'rtm-start-data.js'), 'utf8');
      expect(compiled).toContain('_toConsumableArray');
      expect(compiled).not.toContain('_inherits(');
      expect(compiled).toContain('Reflect.construct(SlackBot, args');
    } finally {
      await slack.close();
    }
  });
});
