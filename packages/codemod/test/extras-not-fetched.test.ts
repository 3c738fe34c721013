import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, writeBotFiles, type DryReport } from './helpers.js';

/**
 * Blind s133/08 (simple-slack-bot): the whole data handed where the analysis does not follow it, rebuilt
 * through the app's helper, which calls back only on success, so no extra is asked for as `optional`. Its
 * `subteams` and `dnd` (usergroups.list, dnd.info) are then not fetched: a read of one answered `undefined`
 * with no word, where `cache_ts` and `links` warned. Now they warn too, naming the `include` entry.
 */
const BOT = `var request = require('request');

var token = process.env.SLACK_BOT_TOKEN;

function callApi(method, form, done) {
  form.token = token;
  request.post(process.env.SLACK_API_URL + method, function (problem, res, body) {
    if (!problem && res.statusCode === 200) done(JSON.parse(body));
  }).form(form);
}

callApi('rtm.start', {}, function (answer) {
  global.slackData = answer;
  require('./report');
});
`;

const REPORT = `var data = global.slackData;
console.log('users: ' + data.users.length);
console.log('subteams: ' + (data.subteams ? 'some' : 'none'));
console.log('dnd: ' + (data.dnd ? 'some' : 'none'));
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 133, users: 10, channels: 4, mode: 'legacy' });
});
afterAll(async () => {
  await fake.close();
});

describe('extras of the data the migration does not fetch', () => {
  it('a read of subteams or dnd answers undefined and warns once, naming the include entry', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('extras-not-fetched-', { 'bot.js': BOT, 'report.js': REPORT, 'package.json': JSON.stringify({ name: 'bot', private: true, dependencies: { request: '^2.88.0' } }) });
    const run = (): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
    fake.setMode('legacy');
    const before = await run();
    expect([before.code, before.stderr, before.stdout]).toEqual([0, '', 'users: 10\nsubteams: some\ndnd: some\n']);

    const ran = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(ran.code).toBe(0);
    expect((JSON.parse(ran.stdout) as DryReport).sites.map((s) => [s.id, s.rewrite])).toEqual([['bot.js:12:1', 'helper-module']]);

    fake.setMode('connect_required');
    const after = await run();
    expect([after.code, after.stdout]).toEqual([0, 'users: 10\nsubteams: none\ndnd: none\n']);
    expect(after.stderr.split('\n').filter((line) => line !== '')).toEqual([
      "rtm-start-data: subteams is not in the replacement data: not fetched: add 'subteams' to the `include` option of the call into rtm-start-data (usergroups.list, scope usergroups:read)",
      "rtm-start-data: dnd is not in the replacement data: not fetched: add 'dnd' to the `include` option of the call into rtm-start-data (dnd.info, scope dnd:read)",
    ]);
  });
});
