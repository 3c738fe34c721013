import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, ROOT, tempDir, writeBotFiles } from './helpers.js';

/**
 * A plugin package that runs the workers of a Botkit controller the app hands it (beepboop-botkit 1.4,
 * blind s106/07): it neither loads nor declares Botkit, so nothing but the shape of its code says the
 * worker is Botkit's: `resource.worker = this.controller.spawn(…)`, then `resource.worker.startRTM(cb)`.
 * Migrated on its own (no Botkit reachable from its folder), then run by an app on the botkit 0.4.10
 * fixtures/bots installs.
 */
const PLUGIN = `function Runner(controller) {
  this.controller = controller;
  this.workers = {};
}

Runner.prototype.add = function (resource, done) {
  resource.worker = this.controller.spawn({ token: resource.token });
  // Where the app's Slack is (fake Slack here): the plugin's own setting, the same in both runs.
  resource.worker.api.api_url = resource.apiUrl;
  this.workers[resource.id] = resource;
  resource.worker.startRTM(function (err, bot, payload) {
    if (err) return done(err);
    done(null, bot.identity.name + ' on ' + bot.team_info.name, payload);
  });
};

module.exports = Runner;
`;

const APP = `var slackbot = require('botkit/lib/SlackBot.js');
var Runner = require('./plugin');
var printWorkspace = require('../summary');

// stats_optout: botkit would otherwise report usage to stats.botkit.ai (outside this machine).
var runner = new Runner(slackbot({ log: false, stats_optout: true }));
runner.add({ id: 'r1', token: process.env.SLACK_BOT_TOKEN, apiUrl: process.env.SLACK_API_URL }, function (err, who, payload) {
  if (err) {
    console.error('botkit error: ' + (err && err.message ? err.message : err));
    process.exit(1);
  }
  console.log(who);
  printWorkspace(payload);
  // botkit keeps its socket and ticker running: leave once the output is written.
  process.stdout.write('', function () { process.exit(0); });
});
`;

interface Report {
  readonly todos: number;
  readonly sites: readonly { readonly id: string; readonly rewrite: string }[];
}

describe('a plugin that starts the workers of a Botkit controller handed in, declaring no Botkit', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 23, users: 30, channels: 6, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  it('is found on its own and wrapped; the app running it prints what it printed against rtm.start', { timeout: 240_000 }, async () => {
    const plugin = await tempDir('botkit-plugin-');
    await writeFile(join(plugin, 'package.json'), `${JSON.stringify({ name: 'team-runner', version: '1.0.0', dependencies: {} }, null, 2)}\n`);
    await writeFile(join(plugin, 'index.js'), PLUGIN);

    const applied = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], plugin);
    expect(applied.code).toBe(0);
    const report = JSON.parse(applied.stdout) as Report;
    expect(report.todos).toBe(0);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['index.js:11:3', 'helper-module']]);
    const migrated = await readFile(join(plugin, 'index.js'), 'utf8');
    expect(migrated).toContain('withBotkitRtmStart(resource.worker, ');
    expect((await cli(['apply', '.', '--check'], plugin)).code).toBe(0);

    const app = await writeBotFiles('botkit-plugin-app-', { 'app.js': APP, 'plugin/index.js': PLUGIN }, 'runners');
    await writeFile(join(app, 'summary.js'), await readFile(join(ROOT, 'fixtures', 'bots', 'summary.js'), 'utf8'));
    const start = (): Promise<RunResult> => runNodeBot(join(app, 'runners', 'app.js'), { cwd: app, apiUrl: slack.apiUrl });
    slack.setMode('legacy');
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^channels: [1-9]\d*$/m);
    slack.setMode('connect_required');
    expect((await start()).code).not.toBe(0);

    await mkdir(join(app, 'runners', 'plugin'), { recursive: true });
    await cp(plugin, join(app, 'runners', 'plugin'), { recursive: true });
    slack.resetCalls();
    const after = await start();
    expectSameWithoutRtmStart(slack, before, after);
    expect(slack.calls.at(-1)?.method).toBe('rtm.connect');
  });
});
