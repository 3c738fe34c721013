import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { endedBefore } from '../src/transforms/common.js';
import { cli, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * The lines a rewrite writes into a file without semicolons (the `require`s it adds, the `const callSlack`
 * it puts before a call) must not be joined by ASI to the code after them: a `require('./rtm-start-data')`
 * line followed by an IIFE `(function () {…})()` was called with the function, `TypeError: require(...)
 * is not a function` as the module loaded. A bot written that way runs against fake Slack in `legacy`
 * mode, is migrated by the CLI, passes `node --check` and runs in `connect_required` mode: it prints the same.
 */

const BOT = `(function () {
  const http = require('http')
  const api = process.env.SLACK_API_URL || 'https://slack.com/api/'

  http.get(api + 'rtm.start?token=' + process.env.SLACK_BOT_TOKEN, (res) => {
    let raw = ''
    res.on('data', (piece) => {
      raw += piece
    })
    res.on('end', () => {
      const start = JSON.parse(raw)
      const names = start.channels.map((c) => c.name + '=' + c.id).sort()
      console.log(names.join(',') + ' / ' + /^wss?:/.test(start.url))
    })
  })
})()
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 21, users: 3, channels: 3, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });

describe('lines written into a file without semicolons', () => {
  it('a semicolon-free IIFE bot: the added requires end with `;`, the output loads and knows the same channels', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-asi-', { 'bot.js': BOT });
    fake.setMode('legacy');
    const before = await runIn(dir);
    expect(before.stderr).toBe('');
    expect(before.stdout).toMatch(/^[^\n]+=C[^\n]+ \/ true\n$/);

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('TODOs left: 0');
    const output = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(output.startsWith("const { Readable } = require('stream')\nconst { rtmStartData } = require('./rtm-start-data');\n\n(function () {\n")).toBe(true);
    await promisify(execFile)(process.execPath, ['--check', join(dir, 'bot.js')]);

    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await runIn(dir);
    expectSameWithoutRtmStart(fake, before, after);
  });

  it.each([
    ['(', '(function () {})()'],
    ['[', '[a, b].forEach(use)'],
    ['`', '`${a}`.split(",")'],
    ['/', '/x/.test(a) && use()'],
    ['+', '+a'],
    ['-', '-a'],
    ['< (a TypeScript cast)', '<T>a'],
  ])('code next starting with %s: the last code line written ends with `;`', (_, next) => {
    const source = `x = 1\n  // a comment of the file\n  /* another */\n  ${next}\n`;
    expect(endedBefore(source, 5, ["const { a } = require('a')", "const { b } = require('b')", '// ours'])).toEqual([
      "const { a } = require('a')",
      "const { b } = require('b');",
      '// ours',
    ]);
  });

  it.each([
    ['an identifier', 'use(a)'],
    ['a keyword', 'const y = 2'],
    ['the end of the file', ''],
  ])('code next starting with %s: the lines stay as they are', (_, next) => {
    const lines = ["const { a } = require('a')"];
    expect(endedBefore(`x = 1\n${next}`, 6, lines)).toEqual(lines);
  });

  it('comment lines alone, or a last line with its `;` already: unchanged', () => {
    expect(endedBefore('(f)()\n', 0, ['// TODO(rtm-migrate): …'])).toEqual(['// TODO(rtm-migrate): …']);
    expect(endedBefore('(f)()\n', 0, ['const a = 1;'])).toEqual(['const a = 1;']);
  });
});
