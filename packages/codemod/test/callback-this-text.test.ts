import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * A Node `http.get` response callback written as a plain `function (res)` whose text says "this" only
 * in a string, and whose nested `function` uses its own `this`: the callback never reads the `this`
 * the library calls it with, so the helper module may call it with a stream of the rebuilt answer
 * (it used to be left as a TODO, the word found in the callback's text). Run against fake Slack in
 * `legacy` mode, migrated by the CLI, then in `connect_required` mode: it prints the same.
 */

const BOT = `const http = require('http');
const API = process.env.SLACK_API_URL || 'https://slack.com/api/';

http.get(API + 'rtm.start?token=' + process.env.SLACK_BOT_TOKEN, function (res) {
  let text = '';
  res.on('data', function (chunk) {
    text += chunk;
  });
  res.on('end', function () {
    const answer = JSON.parse(text);
    if (!answer.ok) return console.error('this token was refused: ' + answer.error);
    const tally = { names: [], add: function (name) { this.names.push(name); } };
    answer.users.forEach((user) => tally.add(user.name));
    console.log(tally.names.sort().join(',') + ' / ' + /^wss?:/.test(answer.url));
  });
});
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 17, users: 5, channels: 2, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });

describe("a plain function callback whose text says `this` but never reads the library's", () => {
  it('http.get: the helper module through http.get, the same users printed', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-this-text-', { 'bot.js': BOT });
    fake.setMode('legacy');
    const before = await runIn(dir);
    expect(before.stderr).toBe('');
    expect(before.stdout).toMatch(/^[^\n]+,[^\n]+ \/ true\n$/);

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('raw-url → helper-module');
    expect(migrated.stdout).toContain('TODOs left: 0');
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain('rtmStartData(callSlack');

    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await runIn(dir);
    expectSameWithoutRtmStart(fake, before, after);
  });
});
