import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run, runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, ROOT, writeBotFiles } from './helpers.js';

/**
 * A bot whose class has a `startRTM()` of its own, promisifying its Botkit worker's `startRTM(cb)`,
 * on the botkit 0.4.10 fixtures/bots installs (its Slack part only, as fixtures/bots/runners/botkit.js
 * loads it). The class's method is called through `this`: wrapping `this` as a Botkit bot would stop
 * the bot at start.
 */
const CLASS_BOT = `var slackbot = require('botkit/lib/SlackBot.js');
var printWorkspace = require('../summary');

class Standup {
  constructor(token) {
    // stats_optout: botkit would otherwise report usage to stats.botkit.ai (outside this machine).
    this.controller = slackbot({ log: false, stats_optout: true });
    this.token = token;
    this.worker = null;
  }

  async connect() {
    this.worker = this.controller.spawn({ token: this.token });
    this.worker.api.api_url = process.env.SLACK_API_URL;
    this.workspace = await this.startRTM();
    printWorkspace(this.workspace);
  }

  startRTM() {
    return new Promise((resolve, reject) => {
      this.worker.startRTM((err, bot, payload) => (err ? reject(err) : resolve(payload)));
    });
  }
}

new Standup(process.env.SLACK_BOT_TOKEN).connect().then(
  // botkit keeps its socket and ticker running: leave once the output is written.
  () => process.stdout.write('', () => process.exit(0)),
  (err) => {
    console.error('botkit error: ' + (err && err.message ? err.message : err));
    process.exit(1);
  },
);
`;

interface Report {
  readonly todos: number;
  readonly sites: readonly { readonly id: string; readonly rewrite: string }[];
}

const apply = async (dir: string): Promise<Report> => {
  const done = await cli(['apply', 'runners', '--allow-dirty', '--report', 'json'], dir);
  expect(done.code).toBe(0);
  return JSON.parse(done.stdout) as Report;
};

describe("a class's own startRTM() around a botkit 0.4.10 worker, migrated by the CLI", () => {
  let slack: FakeSlack;
  let dir = '';
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 21, users: 30, channels: 6, mode: 'legacy' });
    dir = await writeBotFiles('botkit-own-start-', { 'standup.js': CLASS_BOT }, 'runners');
    await writeFile(join(dir, 'summary.js'), await readFile(join(ROOT, 'fixtures', 'bots', 'summary.js'), 'utf8'));
  });
  afterAll(async () => {
    await slack.close();
  });

  it('wraps only the worker, and prints what it printed against rtm.start', { timeout: 240_000 }, async () => {
    const start = (): Promise<RunResult> => runNodeBot(join(dir, 'runners', 'standup.js'), { cwd: dir, apiUrl: slack.apiUrl });
    slack.setMode('legacy');
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^users: \d+$/m);
    slack.setMode('connect_required');
    expect((await start()).code).not.toBe(0);

    const report = await apply(dir);
    expect(report.todos).toBe(0);
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['runners/standup.js:21:7', 'helper-module']]);
    const written = await readFile(join(dir, 'runners', 'standup.js'), 'utf8');
    expect(written).toContain('withBotkitRtmStart(this.worker, ');
    expect(written).toContain('this.workspace = await this.startRTM();');

    slack.resetCalls();
    const after = await start();
    expect([after.code, after.stderr]).toEqual([0, '']);
    expect(after.stdout).toBe(before.stdout);
    const methods = slack.calls.map((c) => c.method);
    expect(methods).not.toContain('rtm.start');
    expect(methods.at(-1)).toBe('rtm.connect');
    expect((await apply(dir)).sites).toEqual([]);
  });

  it('has the generated withBotkitRtmStart() hand back what is no Botkit bot, warning once', { timeout: 60_000 }, async () => {
    // The generated module exists once the first test has migrated the runner.
    const probe = `const { withBotkitRtmStart } = require('./runners/rtm-start-data');
const app = { startRTM: () => 'own start' };
const again = {};
console.log(withBotkitRtmStart(app) === app, withBotkitRtmStart(again) === again, app.startRTM());
`;
    await writeFile(join(dir, 'probe.js'), probe);
    const ran = await run(process.execPath, ['probe.js'], { cwd: dir, env: { PATH: process.env.PATH ?? '' } });
    expect(ran.code).toBe(0);
    expect(ran.stdout).toBe('true true own start\n');
    const warnings = ran.stderr.trim().split('\n');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^withBotkitRtmStart: this bot has no Botkit `api.callAPI` and `api.rtm.start`, so it is returned unchanged/);
    expect(ran.stderr).not.toContain('xoxb');
  });
});
