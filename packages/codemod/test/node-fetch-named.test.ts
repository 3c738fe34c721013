import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNodeBot } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, withFake, writeBotFiles } from './helpers.js';

/**
 * rx-slack's start (blind s120/10): node-fetch bound to a name of its own (`Fetch`), given the URL an arrow
 * of the app builds from the method name, its JSON read for `url` and `self.id` only. It was a TODO; the
 * request now names `rtm.connect`, and the bot opens the same socket as itself. Real node-fetch 2, fake Slack.
 */
const BOT = `const Fetch = require('node-fetch');

const slackUrl = (method, token) => \`\${process.env.SLACK_API_URL}\${method}?token=\${token}\`;

Fetch(slackUrl('rtm.start', process.env.SLACK_BOT_TOKEN))
  .then((res) => res.json())
  .then((d) => console.log('bot <@' + d.self.id + '> at ' + new URL(d.url).protocol));
`;

describe('node-fetch under a name of its own, given an app-built rtm.start URL', () => {
  it('requests rtm.connect and gets a socket URL as the same bot', { timeout: 120_000 }, async () => {
    await withFake({ seed: 5, users: 10, channels: 3, mode: 'legacy' }, async (fake) => {
      const dir = await writeBotFiles('rtm-migrate-node-fetch-', { 'bot.js': BOT });
      const before = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
      expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
      expect(before.stdout).toMatch(/^bot <@U\w+> at ws:$/m);

      const applied = await cli(['apply', '.', '--allow-dirty'], dir);
      expect(applied.stdout).toMatch(/^done +bot\.js:\d+:\d+ +helper → connect-only/m);
      expect(await readFile(join(dir, 'bot.js'), 'utf8')).toBe(BOT.replace("slackUrl('rtm.start'", "slackUrl('rtm.connect'"));

      fake.setMode('connect_required');
      fake.resetCalls();
      expectSameWithoutRtmStart(fake, before, await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl }));
    });
  });
});
