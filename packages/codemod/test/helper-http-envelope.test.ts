import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot } from '../../../test/support/run.js';
import { cli, writeBotFiles, type DryReport } from './helpers.js';

/**
 * Blind s79/14b (Skellington-Closet/slack-mock's single-team bot): the app's own helper hands its callback
 * to `request`, which calls it `(err, res, body)`; the callback checks `res.statusCode` and `body.ok`, and
 * reads of the data only what `rtm.connect` answers too. The status is the HTTP response's, in no answer
 * of Slack's, and the failure's `new Error(…, err || body)` reads nothing of it: `rtm.connect` in place.
 */
const API = `const request = require('request');

function apiRequest(method, data, cb) {
  request({ method: 'GET', uri: process.env.SLACK_API_URL + method, json: true, qs: Object.assign({ token: process.env.SLACK_BOT_TOKEN }, data) }, cb);
}

exports.start = function (cb) {
  apiRequest('rtm.start', {
    no_unreads: true,
    simple_latest: true
  }, rtmStart);

  function rtmStart(err, res, body) {
    if (err || res.statusCode >= 400 || !body.ok) {
      return cb(new Error('Error starting RTM', err || body));
    }
    cb(null, { url: body.url, self: body.self.id + ' ' + body.self.name, team: body.team.id + ' ' + body.team.name });
  }
};
`;

const MAIN = `require('./api').start(function (err, bot) {
  if (err) {
    console.error(err.message);
    process.exit(1);
  }
  console.log(bot.self + ' of ' + bot.team + ', socket ' + (bot.url.startsWith('ws') ? 'given' : 'missing'));
});
`;

describe("an app helper's request callback reading res.statusCode", () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 79, users: 10, channels: 4, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  it('is switched to rtm.connect in place and starts as before; a second run finds nothing', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('helper-envelope-', { 'api.js': API, 'main.js': MAIN });
    const start = () => runNodeBot(join(dir, 'main.js'), { cwd: dir, apiUrl: slack.apiUrl });
    slack.setMode('legacy');
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^U\w+ rtmbot of T\w+ .+, socket given\n$/);
    slack.setMode('connect_required');
    expect(await start()).toMatchObject({ code: 1, stderr: 'Error starting RTM\n' });

    const ran = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout) as DryReport;
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['api.js:8:3', 'connect-only']]);
    const written = await readFile(join(dir, 'api.js'), 'utf8');
    expect(written).toContain("apiRequest('rtm.connect', {}, rtmStart);");
    expect(written).toContain('res.statusCode >= 400');

    const after = await start();
    expect([after.code, after.stderr, after.stdout]).toEqual([0, '', before.stdout]);
    expect((JSON.parse((await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir)).stdout) as DryReport).sites).toEqual([]);
  });
});
