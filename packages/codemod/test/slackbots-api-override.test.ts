import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot } from '../../../test/support/run.js';
import { applyRunners, expectSlackbotsSubclassMigrated, slackbotsApp } from './helpers.js';

/** A subclass of slackbots with an `_api` of its own (`body`), made beside it; prints what the bot learnt at start. */
const bot = (body: string): string => `const SlackBot = require('slackbots');
const printWorkspace = require('../summary');

class CountingBot extends SlackBot {
  _api(methodName, params) {
    this.calls = (this.calls || 0) + 1;
    ${body}
  }
}

const bot = new CountingBot({ token: process.env.SLACK_BOT_TOKEN, name: 'counting' });
bot.on('start', function () {
  printWorkspace(bot);
  process.stdout.write('', function () { process.exit(0); });
});
bot.on('error', function (err) {
  console.error('slackbots error: ' + (err && err.message ? err.message : err));
  process.exit(1);
});
`;

/** Handing each call on to the parent's `_api`: the generated module's, once it is the parent. */
const FORWARDS = bot('return super._api(methodName, params);');
/** Handing each call on past the class, to slackbots' own `_api`: the generated module's would never be asked. */
const SKIPS = bot('return SlackBot.prototype._api.call(this, methodName, params);');


/**
 * A slackbots 1.2.0 subclass that overrides `_api`, the method `withSlackbotsRtmStart()`'s subclass answers
 * the login's `rtm.start` in. Handing on with `super._api(…)`, the override reaches the wrapper: migrated,
 * the same users and channels through `rtm.connect`. Handing on past it (`SlackBot.prototype._api.call`),
 * it never would: a TODO naming the override, nothing else changed, the bot running as it did.
 */
describe('slackbots 1.2.0 subclass with an `_api` of its own', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 31, users: 12, channels: 5, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  it('`return super._api(methodName, params)`: wrapped, the same workspace through rtm.connect', { timeout: 240_000 }, async () => {
    await expectSlackbotsSubclassMigrated(slack, await slackbotsApp(FORWARDS), applyRunners, { file: 'bot.js', id: 'runners/bot.js:4:1', wrapped: 'class CountingBot extends withSlackbotsRtmStart(SlackBot, ' });
  });

  it('`SlackBot.prototype._api.call(this, …)`: a TODO naming the override, the bot unchanged and running as before', { timeout: 240_000 }, async () => {
    const dir = await slackbotsApp(SKIPS);
    const start = () => runNodeBot(join(dir, 'runners', 'bot.js'), { cwd: dir, apiUrl: slack.apiUrl });
    slack.setMode('legacy');
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^users: [1-9]/m);

    const report = await applyRunners(dir);
    expect(report.todos).toBe(1);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['runners/bot.js:4:1', 'todo']]);
    expect(report.sites[0]?.message).toContain("`_api` is given a function of the app's own on line 5, which does not first hand each call on with `super._api(…)`");
    const written = await readFile(join(dir, 'runners', 'bot.js'), 'utf8');
    expect(written).toContain('// TODO(rtm-migrate): This class extends `slackbots`');
    expect(written.replace(/^[ \t]*\/\/.*\n/gm, '')).toBe(SKIPS);

    expect(await start()).toEqual(before);
    slack.setMode('connect_required');
    expect(await start()).toMatchObject({ code: 1, stderr: 'slackbots error: rtm_connect_required\n' });
  });
});
