import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LEGACY_BOT, compileBot } from '../../../test/support/legacy-bot.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { ParseError } from '../src/errors.js';
import type { Transform } from '../src/transforms/common.js';
import { TRANSFORMS, transformSource } from '../src/transforms/index.js';
import { cli, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * What the rewrite removes or replaces must not leave two statements that ASI then joins: a line that
 * starts with `(` after `foo()` calls what `foo()` gave. In a file without semicolons a statement may
 * start with `(` only after one that ended without ASI's help (an `import`, a `const …;`): when that one
 * goes, or when a replacement itself starts with `(` (`(method === 'rtm.start' ? … : …).then`, a
 * TypeScript `(… as T)`), the statement gets a leading `;`. Each bot runs against fake Slack in `legacy`
 * mode, is migrated by the CLI and runs in `connect_required` mode: it prints the same.
 */

// The method chosen at run time: its call is replaced by a parenthesised choice, right after `console.log(…)`.
const CHOSEN = `const { WebClient } = require('@slack/web-api')

const web = new WebClient(process.env.SLACK_BOT_TOKEN, { slackApiUrl: process.env.SLACK_API_URL })
const method = process.env.ONLY_CONNECT ? 'rtm.connect' : 'rtm.start'

console.log('starting')
web.apiCall(method, {}).then((start) => {
  console.log(start.channels.map((c) => c.name + '=' + c.id).sort().join(','))
})
`;

// The one line with its \`;\` names the method: it goes once its use is rewritten, the IIFE after it stays its own.
const ENDED_CONST = `const { WebClient } = require('@slack/web-api')

const web = new WebClient(process.env.SLACK_BOT_TOKEN, { slackApiUrl: process.env.SLACK_API_URL })
const START = 'rtm.start';

(async () => {
  const start = await web.apiCall(START)
  console.log(start.channels.map((c) => c.name + '=' + c.id).sort().join(','))
})()
`;

// TypeScript: the SDK's type import goes (its type becomes the helper module's); the client's line was ended by it.
const TYPE_IMPORT = `import { WebClient } from '@slack/web-api'

const web = new WebClient(process.env.SLACK_BOT_TOKEN, { slackApiUrl: process.env.SLACK_API_URL })
import type { RtmStartResponse } from '@slack/web-api'

(async () => {
  const start: RtmStartResponse = await web.rtm.start()
  console.log(start.channels!.map((c) => c.name + '=' + c.id).sort().join(','))
})()
`;

// TypeScript in \`standard\` style (its own \`;[\`): the helper's answer cast to its declared promise type starts the statement.
const CAST = `const api = process.env.SLACK_API_URL ?? 'https://slack.com/api/'

function slack(method: string, params: Record<string, string> = {}): Promise<any> {
  const body = new URLSearchParams({ ...params, token: process.env.SLACK_BOT_TOKEN ?? '' })
  return fetch(api + method, { method: 'POST', body }).then((res) => res.json())
}

const seen: string[] = []
;['starting'].forEach((word) => seen.push(word))
console.log(seen.join(' '))
slack('rtm.start').then((data) => {
  console.log(data.channels.map((c: { name: string, id: string }) => c.name + '=' + c.id).sort().join(','))
})
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 22, users: 3, channels: 4, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string, main: string): Promise<RunResult> => runNodeBot(join(dir, main), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });

/** Migrates `dir` (`paths` in it) with the real CLI: everything done, nothing left. */
async function migrate(dir: string, paths: readonly string[]): Promise<void> {
  const migrated = await cli(['apply', ...paths, '--allow-dirty'], dir);
  expect(migrated.stderr).toBe('');
  expect(migrated.code).toBe(0);
  expect(migrated.stdout).toContain('TODOs left: 0');
}

describe('statements removed or replaced in a file without semicolons', () => {
  it.each([
    ['a call replaced by a parenthesised choice after a line without `;`', CHOSEN, "console.log('starting')\n;(method === 'rtm.start' ? rtmStartData(web, {}) : web.apiCall(method, {})).then("],
    ['the `const …;` before an IIFE removed', ENDED_CONST, '{ slackApiUrl: process.env.SLACK_API_URL })\n\n;(async () => {\n'],
  ])('JavaScript, %s: the statement gets a leading `;`, the bot knows the same channels', { timeout: 120_000 }, async (_, bot, expected) => {
    const dir = await writeBotFiles('rtm-migrate-asi-removed-', { 'bot.js': bot });
    fake.setMode('legacy');
    const before = await runIn(dir, 'bot.js');
    expect(before.stderr).toBe('');
    expect(before.stdout).toMatch(/^(starting\n)?[^\n]+=C[^\n]+\n$/);

    await migrate(dir, ['.']);
    const output = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(output).toContain(expected);
    expect(output).not.toContain('START');

    fake.setMode('connect_required');
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await runIn(dir, 'bot.js'));
  });

  it('TypeScript: a removed type import and a cast that starts its statement leave `;(` lines; the compiled bots know the same channels', { timeout: 180_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rtm-migrate-asi-ts-'));
    for (const entry of ['package.json', 'tsconfig.json']) await cp(join(LEGACY_BOT, entry), join(dir, entry));
    await symlink(join(LEGACY_BOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await mkdir(join(dir, 'src'));
    await writeFile(join(dir, 'src', 'type-import.ts'), TYPE_IMPORT);
    await writeFile(join(dir, 'src', 'cast.ts'), CAST);
    const compile = async (): Promise<void> => {
      const compiled = await compileBot(dir);
      expect(compiled.stdout + compiled.stderr).toBe('');
      expect(compiled.code).toBe(0);
    };
    await compile();
    fake.setMode('legacy');
    const before = { type: await runIn(dir, 'dist/type-import.js'), cast: await runIn(dir, 'dist/cast.js') };
    expect(before.type.stdout).toMatch(/^[^\n]+=C[^\n]+\n$/);
    expect(before.cast.stdout).toBe(`starting\n${before.type.stdout}`);
    await rm(join(dir, 'dist'), { recursive: true });

    await migrate(dir, ['src']);
    const typeImport = await readFile(join(dir, 'src', 'type-import.ts'), 'utf8');
    expect(typeImport).toContain("{ slackApiUrl: process.env.SLACK_API_URL })\n\n;(async () => {\n  const start: RtmStartData = await rtmStartData(web)");
    expect(typeImport).not.toContain('RtmStartResponse');
    const cast = await readFile(join(dir, 'src', 'cast.ts'), 'utf8');
    expect(cast).toMatch(/\nconst callSlack = [^\n]+\n;\(rtmStartData\(callSlack, \{\}, \{ fields: \['channels'\] \}\)[^\n]* as Promise<any>\)\.then\(/);
    expect(cast).toContain("\n;['starting'].forEach(");
    await compile();

    fake.setMode('connect_required');
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before.type, await runIn(dir, 'dist/type-import.js'));
    fake.resetCalls();
    // Its one read, `channels`, is known: the helper module, asked for that part alone, calls no rtm.connect.
    expectSameWithoutRtmStart(fake, before.cast, await runIn(dir, 'dist/cast.js'), 0);
  });
});

/**
 * The check itself, on edits a test transform makes (appended to this thread's transform list for
 * the files carrying MARKER, removed after each test): a statement an edit leaves after one that no
 * longer ends gets its `;`, whatever it starts with of the characters that continue a statement; one
 * that starts otherwise and is no statement any more stops the rewrite.
 */
const MARKER = '// rtm-migrate-test: asi';
const list = TRANSFORMS as (readonly [string, Transform])[];

/** A transform whose only edit replaces `cut` (the first one in a file with MARKER) by `by`. */
function editing(cut: string, by: string): Transform {
  return (ctx) => {
    const at = ctx.source.indexOf(cut);
    if (ctx.source.includes(MARKER) && at >= 0) ctx.edits.push({ start: at, end: at + cut.length, text: by });
  };
}

afterEach(() => {
  const i = list.findIndex(([name]) => name === 'test-asi');
  if (i >= 0) list.splice(i, 1);
});

describe('every statement of the input is still one in the output', () => {
  it.each([
    ['(', 'js', '(function () {})()'],
    ['[', 'js', '[a, b].forEach(use)'],
    ['`', 'js', '`${a}`.split(",")'],
    ['/', 'js', '/x/g.test(a) && use()'],
    ['+', 'js', '+a'],
    ['-', 'js', '-a'],
    ['< (a TypeScript cast)', 'ts', '<T>a'],
  ])('a statement starting with %s, the declaration between it and a call removed: it gets a leading `;`', (_, ext, next) => {
    const source = `${MARKER}\nfoo()\nfunction unused() {}\n  // a comment of the file\n  ${next}\n`;
    list.push(['test-asi', editing('function unused() {}\n', '')]);
    const { output } = transformSource(source, `x.${ext}`, []);
    expect(output).toBe(`${MARKER}\nfoo()\n  // a comment of the file\n  ;${next}\n`);
  });

  it('a statement whose start an edit replaces with `(`: the same', () => {
    list.push(['test-asi', editing('use(a).then(done)', '(a ? use(a) : skip()).then(done)')]);
    expect(transformSource(`${MARKER}\nfoo()\nuse(a).then(done)\n`, 'x.js', []).output).toBe(`${MARKER}\nfoo()\n;(a ? use(a) : skip()).then(done)\n`);
  });

  it('an untouched statement that no longer starts one: a ParseError at it, nothing rewritten', () => {
    list.push(['test-asi', editing('= 1', '= 1 +')]);
    expect(() => transformSource(`${MARKER}\nconst a = 1\nfoo()\n`, 'x.js', [])).toThrow(
      new ParseError('the rewrite would join a statement to the code before it: nothing written', 3, 1),
    );
  });

  it('a statement that ends where ASI did not end it, a `;` already before the next one, or no edit near: unchanged', () => {
    list.push(['test-asi', editing('function unused() {}\n', '')]);
    const kept = `${MARKER}\nfoo();\nfunction unused() {}\n(function () {})()\n`;
    expect(transformSource(kept, 'x.js', []).output).toBe(`${MARKER}\nfoo();\n(function () {})()\n`);
    const standard = `${MARKER}\nfoo()\nfunction unused() {}\n;(function () {})()\n`;
    expect(transformSource(standard, 'x.js', []).output).toBe(`${MARKER}\nfoo()\n;(function () {})()\n`);
  });
});
