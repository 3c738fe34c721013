import { spawn, spawnSync } from 'node:child_process';
import { watch } from 'node:fs';
import { chmod, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apply } from '../src/apply.js';
import { CLI, cli, tempDir } from './helpers.js';

/** A file whose only read is `url`: the rewrite is `rtm.start` → `rtm.connect`, in place. */
const CONNECT_ONLY = (i: number): string => `import { WebClient } from '@slack/web-api';
export async function connect${i}(web: WebClient): Promise<string> {
  const res = await web.rtm.start({ no_unreads: true });
  return res.url!;
}
`;

async function project(files: Record<string, string | Buffer>): Promise<string> {
  const dir = await tempDir();
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), content);
  }
  return dir;
}

async function many(n: number): Promise<{ dir: string; names: string[] }> {
  const names = Array.from({ length: n }, (_, i) => `f${String(i).padStart(4, '0')}.ts`);
  const dir = await project(Object.fromEntries(names.map((name, i) => [name, CONNECT_ONLY(i)])));
  return { dir, names };
}

const tempFiles = async (dir: string): Promise<string[]> => (await readdir(dir)).filter((f) => /\.rtm-migrate-.*\.tmp$/.test(f));

describe('CLI safety', () => {
  it('refuses a file that is not valid UTF-8, loudly: its bytes stay, exit 2', async () => {
    const latin1 = Buffer.concat([Buffer.from("import { WebClient } from '@slack/web-api';\n// caf"), Buffer.from([0xe9]), Buffer.from('\n' + CONNECT_ONLY(0).split('\n').slice(1).join('\n'))]);
    const dir = await project({ 'a.ts': latin1, 'b.ts': CONNECT_ONLY(1) });
    const r = await cli(['apply', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('a.ts:2:7 not valid UTF-8 (byte 0xe9 at offset 50): not rewritten');
    expect(r.stdout).toMatch(/^failed +a\.ts:4:21/m);
    expect((await readFile(join(dir, 'a.ts'))).equals(latin1)).toBe(true);
    // The other file is still migrated.
    expect(await readFile(join(dir, 'b.ts'), 'utf8')).toContain('web.rtm.connect()');
  });

  it('Ctrl-C while writing: the file in hand is finished, no other is started, no temp file stays, the summary says what was written (library)', async () => {
    const { dir, names } = await many(12);
    const stop = new AbortController();
    let phase = '';
    const summary = await apply({
      paths: ['.'],
      cwd: dir,
      signal: stop.signal,
      onStart: (_total, p) => (phase = p),
      onProgress: (done) => {
        if (phase === 'writing' && done === 3) stop.abort();
      },
    });
    expect(summary.changed).toHaveLength(3);
    expect(summary.interrupted).toHaveLength(names.length - 3);
    for (const name of names) {
      const text = await readFile(join(dir, name), 'utf8');
      expect(text.includes('rtm.connect'), name).toBe(summary.changed.includes(name));
      expect(text.includes('rtm.start'), name).toBe(summary.interrupted.includes(name));
    }
    expect(await tempFiles(dir)).toEqual([]);
  });

  it('Ctrl-C while writing (SIGINT to the CLI): exit 130, the written files listed, the others untouched and whole', async () => {
    const { dir, names } = await many(400);
    const child = spawn(process.execPath, [CLI, 'apply', '.'], { cwd: dir, env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    // The first temp file appearing is the writing phase starting: interrupt it there.
    const watcher = watch(dir, () => {
      watcher.close();
      child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    watcher.close();
    expect(code).toBe(130);
    const texts = await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')));
    const rewritten = names.filter((_, i) => texts[i]!.includes('rtm.connect'));
    expect(rewritten.length).toBeGreaterThan(0);
    expect(rewritten.length).toBeLessThan(names.length);
    // Every file is either the original or the whole rewrite: never half of one.
    for (const [i, text] of texts.entries()) expect([CONNECT_ONLY(i), CONNECT_ONLY(i).replace('web.rtm.start({ no_unreads: true })', 'web.rtm.connect()')]).toContain(text);
    expect(stdout).toMatch(new RegExp(`^changed: ${rewritten.length}\\b`, 'm'));
    expect(stdout).toMatch(new RegExp(`^interrupted, not written: ${names.length - rewritten.length}\\b`, 'm'));
    // "done" only for the files written; the others are listed as not written.
    const done = [...stdout.matchAll(/^done +(f\d+\.ts):/gm)].map((m) => m[1]);
    for (const name of done) expect(rewritten).toContain(name);
    expect(await tempFiles(dir)).toEqual([]);
  });

  it('--check fails on a skipped file (binary, too big) that contains rtm.start, and says so', async () => {
    const binary = Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.from("web.rtm.start({ no_unreads: true })")]);
    const dir = await project({ 'bundle.js': binary, 'ok.ts': 'export const x = 1;\n' });
    const r = await cli(['apply', '.', '--check'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('bundle.js: binary (NUL byte); it contains `rtm.start`: check it by hand');
    expect(r.stdout).toContain('warning: bundle.js was skipped (binary (NUL byte)) but contains `rtm.start`.');
    // Without rtm.start inside, a skipped binary does not fail the check.
    const clean = await project({ 'image.js': Buffer.from([0, 1, 2, 3]) });
    expect((await cli(['apply', '.', '--check'], clean)).code).toBe(0);
  });

  // Blind s108/03 (sarimabbas/chaos): `await this.slack.rtm.start({ token })` in a component's <script>: "No rtm.start sites found", --check passed.
  it('reports a Vue or Svelte component that names rtm.start (not parsed), with the way to migrate it, and --check fails on it', async () => {
    const vue = '<template><div /></template>\n<script>\nexport default {\n  async mounted() {\n    const start = await this.slack.rtm.start({ token: this.token });\n    this.users = start.users;\n  },\n};\n</script>\n';
    const dir = await project({ 'src/Chat.vue': vue, 'src/Other.vue': '<template><p /></template>\n', 'src/Nav.svelte': '<script>\n  export let slack;\n  slack.rtm.start().then((d) => (channels = d.channels));\n</script>\n' });
    const r = await cli(['apply', '.', '--check'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('src/Chat.vue: a Vue single-file component: rtm-migrate reads JavaScript and TypeScript only; it contains `rtm.start`: move the code that calls it into a `.js` or `.ts` module the component imports and run rtm-migrate again, or migrate it by hand');
    expect(r.stdout).toContain('src/Nav.svelte: a Svelte component: rtm-migrate reads JavaScript and TypeScript only; it contains `rtm.start`');
    expect(r.stdout).not.toContain('Other.vue');
    expect(await readFile(join(dir, 'src', 'Chat.vue'), 'utf8')).toBe(vue);
  });

  it('reports a CoffeeScript file that names rtm.start (not parsed), and --check fails on it', async () => {
    const coffee = 'class Client\n  connect: ->\n    @rtm.start(@rtmStartOpts)\n';
    const dir = await project({ 'src/client.coffee': coffee, 'src/other.coffee': 'x = 1\n', 'ok.ts': 'export const x = 1;\n' });
    const r = await cli(['apply', '.', '--check'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('src/client.coffee: CoffeeScript: rtm-migrate reads JavaScript and TypeScript only; it contains `rtm.start`');
    // The warning is wrapped to the terminal's width.
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('warning: src/client.coffee was skipped (CoffeeScript: rtm-migrate reads JavaScript and TypeScript only) but contains `rtm.start`.');
    // A CoffeeScript file without rtm.start is not worth a line.
    expect(r.stdout).not.toContain('other.coffee');
    expect(await readFile(join(dir, 'src', 'client.coffee'), 'utf8')).toBe(coffee);
  });

  // Blind s55/02 (bombadillo/badslackbot): the compiled JavaScript was git-ignored, and "files seen: 0" said nothing of the bot's RtmClient.
  it.each([
    ['a legacy RtmClient', "RtmClient = require('@slack/client').RtmClient\nrtm = new RtmClient token\nmodule.exports = rtm\n", '`RtmClient`'],
    ["Botkit's startRTM", "Botkit = require 'botkit'\ncontroller.spawn(token: token).startRTM()\n", '`startRTM`'],
    ['slackbots', "SlackBot = require 'slackbots'\nbot = new SlackBot token: token\n", "`'slackbots'`"],
  ])('reports a CoffeeScript file that names %s (its start requests rtm.start), and --check fails on it', async (_, coffee, names) => {
    const dir = await project({ 'src/bot.coffee': coffee, 'src/rtm4.coffee': "{ RTMClient } = require '@slack/rtm-api'\n" });
    const r = await cli(['apply', '.', '--check'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(`warning: src/bot.coffee was skipped (CoffeeScript: rtm-migrate reads JavaScript and TypeScript only) but contains ${names}, a client whose start requests \`rtm.start\` in its releases before \`rtm.connect\`.`);
    // v4's RTMClient starts with rtm.connect: no line.
    expect(r.stdout).not.toContain('rtm4.coffee');
  });

  // Blind s70/03: the advice to run rtm-migrate on the compiled JavaScript found nothing, as the project's .gitignore has `src/**/*.js`.
  it('a CoffeeScript file whose compiled JavaScript beside it is git-ignored: the skip line names that file, which is read when named', async () => {
    const compiled = "var RtmClient = require('@slack/client').RtmClient;\nvar rtm = new RtmClient(process.env.SLACK_TOKEN);\nrtm.start();\n";
    const dir = await project({
      '.gitignore': 'node_modules\nsrc/**/*.js\n',
      'src/bot.coffee': "{RtmClient} = require '@slack/client'\nrtm = new RtmClient process.env.SLACK_TOKEN\nrtm.start()\n",
      'src/bot.js': compiled,
      'src/other.coffee': "{RtmClient} = require '@slack/client'\n",
    });
    const r = await cli(['apply', '.', '--check'], dir);
    expect(r.code).toBe(1);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('src/bot.coffee: CoffeeScript: rtm-migrate reads JavaScript and TypeScript only; it contains `rtm.start`: migrate it by hand, or run rtm-migrate on the JavaScript it compiles to: src/bot.js, beside it, is ignored (.gitignore or --ignore), so it was not read; name it on the command line');
    // No compiled file beside it: the advice as before.
    expect(text).toMatch(/src\/other\.coffee: CoffeeScript: [^\n]*the JavaScript it compiles to(?!:)/);
    const named = await cli(['apply', 'src/bot.js', '--dry'], dir);
    expect([named.code, named.stdout]).toEqual([0, expect.stringMatching(/^would +src\/bot\.js:3:1 /m)]);
  });

  // Blind s95/06 (bearity/slackbot-node): `"start": "node ./bin/start"`, a slackbots 0.5 bot in a file with no extension, passed over in silence.
  it('a Node script without an extension that names a client whose start requests rtm.start: skipped, named, and --check fails on it', async () => {
    const dir = await project({
      'bin/start': "#!/usr/bin/env node\n'use strict';\nconst SlackBot = require('slackbots');\nconst bot = new SlackBot({ token: process.env.SLACK_TOKEN, name: 'lunchbot' });\nbot.on('start', () => console.log(bot.users.length));\n",
      'bin/serve': "#!/usr/bin/env node\nrequire('http').createServer().listen(3000);\n",
      'Makefile': 'start:\n\tnode bin/start\n',
    });
    const r = await cli(['apply', '.', '--check'], dir);
    expect(r.code).toBe(1);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain("bin/start: a Node script without an extension: rtm-migrate tells JavaScript and TypeScript by the file name; it contains `'slackbots'`, a client whose start requests `rtm.start` in its releases before `rtm.connect`: migrate it by hand, or give it a `.js` name");
    expect(r.stdout).not.toContain('bin/serve');
    expect(r.stdout).not.toContain('Makefile');
  });

  // Blind s99 (slack-wrapi 0.1.7, slack 11): the methods are built from a JSON table (`"rtm.start": {…}`) no code spells: MISSED.
  it('a JSON method table that names rtm.start, where no code of its package does: skipped, named with its line, and --check fails on it', async () => {
    const dir = await project({
      'package.json': JSON.stringify({ name: 'wrapi-like', keywords: ['rtm.start'], description: 'calls rtm.start' }),
      'api/slack.json': '{\n\t"rtm.connect": { "method": "GET", "path": "rtm.connect" },\n\t"rtm.start": { "method": "GET", "path": "rtm.start" }\n}\n',
      'config/endpoints.json': '{ "docs": "see rtm.start in the docs" }\n',
      'index.js': "const api = require('./api/slack.json');\nmodule.exports = Object.keys(api).map((name) => name.split('.'));\n",
    });
    const r = await cli(['apply', '.', '--check'], dir);
    expect(r.code).toBe(1);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('api/slack.json: JSON: line 3 names the method as "rtm.start", in data rtm-migrate does not rewrite; it contains `rtm.start`: code that builds its requests from this file');
    // A manifest's keywords and a sentence that mentions the method name no method.
    expect(r.stdout).not.toContain('package.json:');
    expect(r.stdout).not.toContain('endpoints.json');
  });

  it("a JSON table beside its package's own code that names rtm.start (slack 8's api.json validates what methods/rtm.start.js sends): said, --check goes by the code", async () => {
    const dir = await project({
      'package.json': '{ "name": "slack-like" }',
      'methods/api.json': '{ "rtm.start": ["token", "simple_latest"] }\n',
      'methods/rtm.start.js': "module.exports = function start(params, callback) { return exec('rtm.connect', params, callback); };\n// was rtm.start\n",
    });
    const r = await cli(['apply', '.', '--check'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('methods/api.json: JSON: line 1 names the method as "rtm.start", in data rtm-migrate does not rewrite; left as it is: methods/rtm.start.js, code of its package, names `rtm.start` too, and its sites are found there');
  });

  // Blind s109/08 (slack 10.1.1): slack-testing.js, a browserify bundle holding api.json as an object literal, exempted the table: --check passed.
  it('a bundled copy of the table, naming rtm.start only as an object key, is no code that asks for it: the table fails --check', async () => {
    const dir = await project({
      'package.json': '{ "name": "slack-like" }',
      'src/api.json': '{\n  "rtm.start": ["token"],\n  "users.list": ["token"]\n}\n',
      'slack-testing.js': '(function () { var api = { "rtm.start": ["token"], "users.list": ["token"] }; window.slackTesting = api; })();\n',
      'index.js': "const api = require('./src/api.json');\nmodule.exports = Object.keys(api);\n",
    });
    const r = await cli(['apply', '.', '--check'], dir);
    expect(r.code).toBe(1);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('src/api.json: JSON: line 2 names the method as "rtm.start", in data rtm-migrate does not rewrite; it contains `rtm.start`: code that builds its requests from this file');
    expect(text).not.toContain('left as it is');
  });

  // Blind s108/02 (delasteve/slack-ts): the TODO went into `src/methods/rtm/start/function.ts`, which its `prebuild` regenerates.
  it('warns where a changed file says it is generated: the next generation undoes the change', async () => {
    const generated = '// This file is auto-generated. Do not edit by hand.\nconst got = require("got");\nmodule.exports = (token) => got.post("https://slack.com/api/rtm.start", { body: { token } }).then((r) => JSON.parse(r.body).users);\n';
    const dir = await project({ 'methods/start.js': generated, 'bot.js': "const { WebClient } = require('@slack/web-api');\nnew WebClient(process.env.T).rtm.start().then((r) => console.log(r.url));\n" });
    const r = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('warning: methods/start.js says it is generated (line 1: `// This file is auto-generated. Do not edit by hand.`): the next generation writes it again and undoes what rtm-migrate changed here.');
    expect(text).not.toContain('bot.js says it is generated');
  });

  // Blind s93/04 (caseymorrisus/Slack-Live-Blog): bot.js, CoffeeScript's output beside bot.coffee, migrated; nothing said the next `coffee -c` undoes it.
  it("a CoffeeScript file whose compiled JavaScript beside it is read: the skip line says to make the JavaScript's change there too", async () => {
    const compiled = "// Generated by CoffeeScript 1.10.0\n(function() {\n  var RtmClient, rtm;\n\n  RtmClient = require('@slack/client').RtmClient;\n\n  rtm = new RtmClient(process.env.SLACK_TOKEN);\n\n  rtm.start();\n\n}).call(this);\n";
    const dir = await project({
      'src/bot.coffee': "{RtmClient} = require '@slack/client'\nrtm = new RtmClient process.env.SLACK_TOKEN\nrtm.start()\n",
      'src/bot.js': compiled,
      // Kept by hand beside it (no compiler's mark): the advice as before.
      'src/hand.coffee': "{RtmClient} = require '@slack/client'\nrtm = new RtmClient process.env.SLACK_TOKEN\nrtm.start()\n",
      'src/hand.js': compiled.replace('// Generated by CoffeeScript 1.10.0\n', ''),
    });
    const r = await cli(['apply', '.', '--dry'], dir);
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toContain('src/bot.coffee: CoffeeScript: rtm-migrate reads JavaScript and TypeScript only; it contains `rtm.start`: src/bot.js, the JavaScript the compiler wrote from it beside it, is read in this run: where that file is migrated, make the same change here, or the next compile undoes it');
    expect(text).toContain('src/hand.coffee: CoffeeScript: rtm-migrate reads JavaScript and TypeScript only; it contains `rtm.start`: migrate it by hand, or run rtm-migrate on the JavaScript it compiles to');
    expect(r.stdout).toMatch(/^would +src\/bot\.js:9:3 /m);
  });

  it('rewrites a folder outside git with a warning; inside a clean git work tree, without', async () => {
    const outside = await project({ 'a.ts': CONNECT_ONLY(0) });
    const r = await cli(['apply', '.'], outside);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^warning: .* is not in a git work tree: nothing records the files as they were\./m);
    const inside = await project({ 'a.ts': CONNECT_ONLY(0) });
    const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
    for (const args of [['init', '-q'], ['add', '.'], ['commit', '-qm', 'init']]) spawnSync('git', args, { cwd: inside, env });
    const g = await cli(['apply', '.'], inside);
    expect(g.code).toBe(0);
    expect(g.stdout).not.toContain('warning:');
  });

  // Blind s70: the git check was asked in the caller's folder; run from outside the bot's repository it found no work tree and rewrote uncommitted files.
  it('asks git in the folder of the files, not the caller\'s: a dirty file of a repository run on from outside is refused', async () => {
    const parent = await project({ 'bot/a.ts': CONNECT_ONLY(0), 'bot/b.ts': CONNECT_ONLY(1) });
    const repo = join(parent, 'bot');
    const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
    for (const args of [['init', '-q'], ['add', '.'], ['commit', '-qm', 'init']]) spawnSync('git', args, { cwd: repo, env });
    await writeFile(join(repo, 'a.ts'), `// edited\n${CONNECT_ONLY(0)}`);
    const r = await cli(['apply', 'bot'], parent);
    expect([r.code, r.stderr.trim()]).toEqual([2, 'rtm-migrate: the git tree has uncommitted changes in 1 file to rewrite (a.ts): commit or stash them, or pass --allow-dirty']);
    expect(await readFile(join(repo, 'a.ts'), 'utf8')).toBe(`// edited\n${CONNECT_ONLY(0)}`);
    const allowed = await cli(['apply', 'bot', '--allow-dirty'], parent);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).not.toContain('not in a git work tree');
  });

  // Blind s70/05: a Botkit bot's hard-coded token was printed with the code of its site by scan and --report json.
  it('never prints a token written into the code: scan, --diff, --print and every report cut it to its prefix', async () => {
    // Built at run time, so that no token-shaped string is committed.
    const token = ['xoxb', '2046800315', '5210', 'q8WzNfKcLmPbTx'].join('-');
    const dir = await project({ 'bot.js': `const Botkit = require('botkit');\nconst controller = Botkit.slackbot({});\ncontroller.spawn({ token: '${token}' }).startRTM(function (err, bot, payload) {\n  console.log(payload.users.length);\n});\n` });
    const runs = [['scan', '.'], ['scan', '.', '--json'], ['apply', '.', '--dry', '--diff'], ['apply', '.', '--dry', '--print'], ...['json', 'md', 'sarif'].map((f) => ['apply', '.', '--dry', '--report', f])];
    for (const args of runs) {
      const r = await cli(args, dir);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout + r.stderr, args.join(' ')).not.toContain(token.slice(5));
    }
    expect((await cli(['apply', '.', '--dry', '--diff'], dir)).stdout).toContain("token: 'xoxb-[redacted]'");
    // The file itself keeps it: only what is printed is cut.
    await cli(['apply', '.', '--allow-dirty'], dir);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain(token);
  });

  // Blind s86/04: the site's code, cut at 80 characters, ended inside the token (`token: 'xoxb-8097...`), too short to look issued.
  it('never prints the start of a token that a cut excerpt of code ends in', async () => {
    const token = ['xoxb', '8097152033', '6240', 'r7VyMdJbKnQaSu'].join('-');
    // The excerpt keeps 77 characters: the comment ends the text before the token at 68, so the cut keeps `xoxb-` and 4 digits.
    const head = "new SlackBot({ /*  */ token: '";
    const made = `${head.replace('/*  */', `/* ${'.'.repeat(68 - head.length)} */`)}${token}', name: 'bot' })`;
    expect(made.indexOf(token)).toBe(68);
    const dir = await project({ 'package.json': JSON.stringify({ dependencies: { slackbots: '1.2.0' } }), 'bot.js': `const SlackBot = require('slackbots');
const bot = ${made};
bot.on('start', () => console.log(bot.users.length));
` });
    const scanned = await cli(['scan', '.'], dir);
    expect(scanned.stdout).toMatch(/xoxb-\[redacted\]\.\.\./);
    expect(scanned.stdout).not.toMatch(/xoxb-\d/);
  });

  it('scan shows a progress bar on a terminal (and none when piped)', async () => {
    const { dir } = await many(30);
    // `script` gives the CLI a pseudo-terminal, as a user's shell would.
    const tty = spawnSync('script', ['-qec', `${process.execPath} ${CLI} scan .`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', TERM: 'xterm' } });
    expect(tty.status).toBe(0);
    expect(tty.stdout).toMatch(/rtm-migrate scanning \[[^\]]*\] \d+\/30 files/);
    const piped = await cli(['scan', '.'], dir);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).not.toContain('rtm-migrate scanning');
  });

  it('the summary is never one giant line: long lists go one per line, capped with "and N more"', async () => {
    const { dir } = await many(80);
    const r = await cli(['apply', '.', '--dry'], dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(r.stdout).toMatch(/^would change: 80$/m);
    expect(r.stdout).toContain('  and 30 more');
  });

  it('never says "done" for a file that was not written', async () => {
    const dir = await project({ 'a.ts': CONNECT_ONLY(0), 'b.ts': CONNECT_ONLY(1) });
    const dry = await cli(['apply', '.', '--dry'], dir);
    expect(dry.stdout).not.toMatch(/^done /m);
    expect(dry.stdout).toMatch(/^would +a\.ts:3:21/m);
    await chmod(join(dir, 'b.ts'), 0o444);
    const r = await cli(['apply', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^done +a\.ts:3:21/m);
    expect(r.stdout).toMatch(/^failed +b\.ts:3:21/m);
    expect(r.stdout).toMatch(/^changed: 1 \(a\.ts\)$/m);
  });

  it('.md and .yaml files named on the command line are skipped with a reason, not parsed as JavaScript', async () => {
    const dir = await project({ 'README.md': 'Call `web.rtm.start()` first.\n', 'config.yaml': 'rtm: start\n', 'a.ts': CONNECT_ONLY(0) });
    const r = await cli(['apply', 'README.md', 'config.yaml', 'a.ts'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('README.md: not a JavaScript or TypeScript source file');
    expect(r.stdout).toContain('config.yaml: not a JavaScript or TypeScript source file');
    expect(r.stdout).toMatch(/^failed: 0$/m);
    expect(await readFile(join(dir, 'README.md'), 'utf8')).toBe('Call `web.rtm.start()` first.\n');
  });
});
