import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A Botkit 0.4 project of `skills` skill modules, each registering two handlers that hand the bot to the
 * project's own lib/ (the shape the Botkit escape check follows across files: every handler's bot is traced
 * back through the skill's `controller` parameter to the calls that hand it one). With `botkit: false` the
 * same tree starts with `web.rtm.start()` and the skills get a plain emitter: the cost of a project of that
 * size without the Botkit follow-up.
 */
export async function writeBotkitProject(dir: string, skills: number, { botkit }: { readonly botkit: boolean }): Promise<void> {
  await mkdir(join(dir, 'skills'), { recursive: true });
  await mkdir(join(dir, 'lib'), { recursive: true });
  const requires = Array.from({ length: skills }, (_, i) => `require('./skills/skill-${i}')(controller);`).join('\n');
  const start = botkit
    ? `var Botkit = require('botkit');\nvar controller = Botkit.slackbot({ debug: false });\n${requires}\n\ncontroller.spawn({ token: process.env.SLACK_TOKEN }).startRTM(function (err) {\n  if (err) throw new Error(err);\n});\n`
    : `var EventEmitter = require('events');\nvar WebClient = require('@slack/web-api').WebClient;\nvar controller = new EventEmitter();\n${requires}\n\nnew WebClient(process.env.SLACK_TOKEN).rtm.start().then(function (res) {\n  console.log(res.self.id);\n});\n`;
  await writeFile(join(dir, 'bot.js'), start);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bench-bot', private: true, dependencies: botkit ? { botkit: '^0.4.0' } : { '@slack/web-api': '^6.0.0' } }, null, 2) + '\n');
  await writeFile(join(dir, 'lib', 'greet.js'), `module.exports = function greet(bot) {\n  console.log('connected as ' + bot.identity.name);\n};\n`);
  await writeFile(join(dir, 'lib', 'answer.js'), `module.exports = function answer(bot, message, n) {\n  bot.reply(message, 'skill ' + n + ' for ' + bot.identity.name);\n};\n`);
  for (let i = 0; i < skills; i++) {
    await writeFile(
      join(dir, 'skills', `skill-${i}.js`),
      `var greet = require('../lib/greet');\nvar answer = require('../lib/answer');\n\nmodule.exports = function (controller) {\n  controller.on('rtm_open', function (bot) {\n    greet(bot);\n  });\n  controller.on('direct_message', function (bot, message) {\n    if (message.text === 'skill ${i}') answer(bot, message, ${i});\n  });\n};\n`,
    );
  }
}
