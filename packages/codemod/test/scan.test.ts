import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { costOfReplacement, RECOMMENDED_PAGE_SIZE } from '@rtm-migrate/core';
import { describe, expect, it } from 'vitest';
import type { FailedFile } from '../src/apply.js';
import type { Skipped } from '../src/files/discover.js';
import type { Plan } from '../src/plan.js';
import { parseWorkspace } from '../src/scan/workspace.js';
import { helperFieldsRead } from '../src/helper-module/source.js';

/** What the generated helper module's calls need (its users.list, its conversations.list of every type, team.info). */
const HELPER_SCOPES = ['channels:read', 'groups:read', 'im:read', 'mpim:read', 'team:read', 'users:read'];
import { cli, tempDir } from './helpers.js';

async function project(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('rtm-migrate-scan-');
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

type ScanJson = Plan & { failed: FailedFile[]; skipped: Skipped[] };

/** No line of a Node stack trace ("    at f (file:1:2)"). */
// A frame of a stack trace (`    at fn (file:1:2)`), not a wrapped report line that starts with the word "at".
const STACK_LINE = /^\s+at .*:\d+:\d+\)?$/m;

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true }, include: ['src'] });

describe('rtm-migrate scan', () => {
  it('follows a response passed to a function in another file, and one returned to a caller in a third', async () => {
    const dir = await project({
      'tsconfig.json': TSCONFIG,
      'src/start.ts': `import { WebClient } from '@slack/web-api';
import { summarize } from './summarize.js';

export async function boot(web: WebClient) {
  const res = await web.rtm.start({ no_unreads: true });
  return summarize(res);
}

export function startRaw(web: WebClient) {
  return web.rtm.start({ batch_presence_aware: true });
}
`,
      'src/summarize.ts': `export function summarize(data: any): string {
  const names = data.users.map((u: any) => u.name);
  let members = 0;
  for (const c of data.channels) if (c.is_member) members += c.members.length;
  return names.join(',') + members;
}
`,
      'src/main.ts': `import { WebClient } from '@slack/web-api';
import { startRaw } from './start.js';

export async function main() {
  const r = await startRaw(new WebClient('xoxb-test'));
  return r.ims.length + r.team.icon.image_68;
}
`,
    });
    // The counts below are worked out by hand from this workspace, none from a default: pages of
    // 200 (RECOMMENDED_PAGE_SIZE); 3,000 users → 15 users.list pages; 500 public channels → 3
    // conversations.list pages; the bot in 37 channels of 450 members → 37 × 3 = 111 conversations.members.
    const workspace = 'users=3000,channels=500,member-of=37,members=450';
    expect(RECOMMENDED_PAGE_SIZE).toBe(200);
    const r = await cli(['scan', '.', '--json', '--workspace', workspace], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as Plan;
    expect(plan.project.tsconfig).toBe('tsconfig.json');
    expect(plan.sites).toHaveLength(2);
    const [passed, returned] = plan.sites;

    // passed as an argument into another file
    expect(passed!.id).toBe(join('src', 'start.ts') + ':5:21');
    expect(passed!.fieldsRead).toEqual(['channels', 'channels[].is_member', 'channels[].members', 'users', 'users[].name']);
    expect(new Set(passed!.reads.map((x) => x.file))).toEqual(new Set([join('src', 'summarize.ts')]));
    expect(passed!.rewrite).toBe('inline');
    expect(passed!.args).toEqual({ known: true, names: ['no_unreads'], kept: [], dropped: ['no_unreads'] });
    expect(passed!.scopes).toEqual(['channels:read', 'users:read']);
    const spec = parseWorkspace(workspace);
    expect(spec.assumptions.filter((a) => /^(users|channels|member-of|members)=/.test(a))).toEqual([]);
    expect(passed!.replacement.map((c) => [c.method, c.calls])).toEqual([
      ['users.list', 15],
      ['conversations.list', 3],
      ['conversations.members', 111],
      ['rtm.connect', 1],
    ]);
    expect(passed!.calls).toBe(130);
    // The slowest method sets the floor: 15 users.list pages at Tier 2 (20 per minute, a burst of 2) take
    // (15 − 2) × 3 = 39 s; 111 calls at Tier 4 (100 per minute, a burst of 50, then one call every 0.6 s) take (111 − 50) × 0.6 = 36.6 s.
    expect(passed!.floorSeconds).toBe(39);
    expect(passed!.replacement.at(-1)!.method).toBe('rtm.connect');

    // returned to a caller in a third file: not awaited where it is called, so it calls the generated
    // helper module, which fetches the whole rtm.start data
    expect(returned!.fieldsRead).toEqual(['ims', 'team', 'team.icon', 'team.icon.image_68']);
    expect(new Set(returned!.reads.map((x) => x.file))).toEqual(new Set([join('src', 'main.ts')]));
    expect(returned!.rewrite).toBe('helper-module');
    expect(returned!.scopes).toEqual(HELPER_SCOPES);
    expect(returned!.calls).toBe(costOfReplacement(spec.size, helperFieldsRead(false), { listing: 'one' }).calls);
    expect(returned!.replacement.filter((c) => c.method === 'conversations.list').map((c) => c.args['types'])).toEqual(['public_channel,private_channel,mpim,im']);
    expect([...new Set(returned!.replacement.map((c) => c.method))]).toEqual(['users.list', 'conversations.list', 'conversations.members', 'team.info', 'rtm.connect']);

    // union over the project: an inline site lists conversations per type, so the start-up counts one listing per type
    expect(plan.scopes).toEqual(HELPER_SCOPES);
    expect(plan.startup.calls).toBe(costOfReplacement(spec.size, plan.startup.fieldsRead).calls);
    expect(plan.startup.summary).toMatch(/^\d+ API calls per start-up; the rate tiers make that take at least [\d.]+ s \(slowest: /);

    const human = await cli(['scan', '.', '--workspace', workspace], dir);
    expect(human.stderr).toBe('');
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`followed into: ${join('src', 'summarize.ts')}`);
    expect(human.stdout).toContain('users.list: 15 calls, Tier 2: 20+ per minute, scope users:read');
    expect(human.stdout).toContain('conversations.members channel=<id>: 111 calls, Tier 4: 100+ per minute, scope channels:read');
    expect(human.stdout).toContain(`Scopes the migrated app needs: ${HELPER_SCOPES.join(', ')}`);
    expect(human.stdout).toContain('Per start-up (workspace users=3000, channels=500');
    expect(human.stdout).not.toMatch(/assumed[^)]*\b(member-of|members)=/);
  });

  it('reports an escape instead of guessing, and stays silent on negatives', async () => {
    const dir = await project({
      'a.ts': `import { WebClient } from '@slack/web-api';
import { handOff } from 'somewhere-else';
export async function f(web: WebClient) {
  const res = await web.rtm.start();
  handOff(res);
}
`,
      'b.ts': `import { createClient } from '@acme/realtime-sdk';
const http = createClient();
export async function g() { const s = await http.rtm.start(); return s.channels; }
`,
    });
    const r = await cli(['scan', '.', '--json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as ScanJson;
    expect(plan.failed).toEqual([]);
    expect(plan.skipped).toEqual([]);
    expect(plan.sites).toHaveLength(1);
    // The fields read are unknown: the site calls the generated helper module, which fetches everything.
    expect(plan.sites[0]!.rewrite).toBe('helper-module');
    expect(plan.sites[0]!.escapes[0]!.reason).toContain('handOff');
  });

  it('follows a response kept on an object of the file and one handed to a class constructor (here or imported); an object that leaves the file is an escape', async () => {
    const dir = await project({
      'kept.js': `const { WebClient } = require('@slack/web-api');
const { Roster } = require('./roster');
const web = new WebClient(process.env.SLACK_BOT_TOKEN);
const state = { workspace: null };
class Directory {
  constructor(workspace) { this.channels = workspace.channels; }
  names() { return this.channels.map((c) => c.name + c.members.length); }
}
function Team(data) { this.domain = data.team.domain; }
Team.prototype.label = function () { return this.domain; };
async function main() {
  state.workspace = await web.rtm.start();
  const roster = new Roster(state.workspace);
  console.log(new Directory(state.workspace).names(), new Team(state.workspace).label(), roster.size());
}
main();
`,
      'roster.js': `class Roster {
  constructor(data) { this.count = data.users.length; }
  size() { return this.count; }
}
module.exports = { Roster };
`,
      'exposed.js': `const { WebClient } = require('@slack/web-api');
const web = new WebClient(process.env.SLACK_BOT_TOKEN);
class Holder {
  constructor(data) { this.data = data; }
}
const state = { workspace: null, describe() { return this.workspace.self.name; } };
async function main() {
  const res = await web.rtm.start();
  state.workspace = res;
  return new Holder(res).data.users.length;
}
main();
`,
      'shared.js': `const { WebClient } = require('@slack/web-api');
const web = new WebClient(process.env.SLACK_BOT_TOKEN);
const state = { workspace: null };
async function main() {
  state.workspace = await web.rtm.start();
  return state.workspace.self.name;
}
module.exports = { main, state };
`,
    });
    const r = await cli(['scan', '.', '--json'], dir);
    expect(r.stderr).toBe('');
    const plan = JSON.parse(r.stdout) as ScanJson;
    const kept = plan.sites.find((s) => s.file === 'kept.js')!;
    expect(kept.escapes).toEqual([]);
    expect(kept.fieldsRead).toEqual(['channels', 'channels[].members', 'channels[].name', 'team', 'team.domain', 'users']);
    expect(kept.reads.find((x) => x.field === 'users')).toMatchObject({ file: 'roster.js', line: 2 });
    expect(kept.rewrite).toBe('inline');
    // A field read off the instance, a method on the object: neither is followed.
    const exposed = plan.sites.find((s) => s.file === 'exposed.js')!;
    expect(exposed.escapes.map((e) => e.reason)).toEqual(['the response is stored in `state.workspace`', 'the response is passed to `Holder`, which could not be followed']);
    // `state` is exported: what other modules read of state.workspace is not known.
    const shared = plan.sites.find((s) => s.file === 'shared.js')!;
    expect(shared.escapes.map((e) => e.reason)).toEqual(['the response is stored in `state.workspace`']);
    expect(shared.rewrite).toBe('helper-module');
  });

  it('without a tsconfig.json, follows a response returned to callers in files that do not mention rtm', async () => {
    const dir = await project({
      'lib/slack.js': `const { WebClient } = require('@slack/web-api');
const web = new WebClient(process.env.SLACK_BOT_TOKEN);
async function connect() {
  return web.rtm.start({ no_unreads: true });
}
module.exports = { connect };
`,
      'index.js': `const { connect } = require('./lib/slack');
connect().then((data) => console.log(data.self.name, data.url));
`,
      'unrelated.js': `module.exports = function connect() { return 1; };
`,
    });
    const r = await cli(['scan', '.', '--json'], dir);
    expect(r.stderr).toBe('');
    const plan = JSON.parse(r.stdout) as ScanJson;
    expect(plan.sites).toHaveLength(1);
    expect(plan.sites[0]!.escapes).toEqual([]);
    expect(plan.sites[0]!.reads.map((x) => `${x.file}:${x.field}`)).toEqual(['index.js:self', 'index.js:self.name', 'index.js:url']);
    expect(plan.sites[0]!.rewrite).toBe('connect-only');
  });

  it("passes arguments not written out on to rtm.connect through the app's helper where only its fields are read (JavaScript), and keeps a TODO in TypeScript", async () => {
    const source = (typed: string): string => `export class Bot {
  token${typed.length > 0 ? ': string' : ''} = 'xoxb-test';
  send(method${typed}, params${typed}) {
    return fetch('https://slack.example/api/' + method, { method: 'POST', body: new URLSearchParams(Object.assign({ token: this.token }, params)) }).then((r) => r.json());
  }
  connect(options${typed}) {
    return this.send('rtm.start', options).then((res${typed}) => res.url);
  }
}
`;
    const dir = await project({ 'bot.js': source(''), 'bot.ts': source(': any') });
    const r = await cli(['scan', '.', '--json'], dir);
    expect(r.stderr).toBe('');
    const plan = JSON.parse(r.stdout) as ScanJson;
    const byFile = new Map(plan.sites.map((s) => [s.file, s]));
    expect(byFile.get('bot.js')).toMatchObject({ rewrite: 'connect-only', args: { known: false }, fieldsRead: ['url'] });
    expect(byFile.get('bot.js')?.message).toMatch(/given the same arguments .*Slack ignores the others/);
    expect(byFile.get('bot.ts')).toMatchObject({ rewrite: 'todo', args: { known: false } });
    expect(byFile.get('bot.ts')?.message).toMatch(/arguments are not written out/);
  });

  it("reads a helper's rest parameter element by element: data where it is only shifted past and merged, a TODO where an element may be the callback", async () => {
    const source = (tail: string): string => `module.exports = class Bot {
  call(...args) {
    const method = args.shift();
${tail}
    return fetch('https://slack.example/api/' + method, { method: 'POST', body: new URLSearchParams(Object.assign({}, ...args)) }).then((r) => r.json());
  }
  open(options) {
    return this.call('rtm.start', options).then((res) => res.url);
  }
};
`;
    const dir = await project({
      'merged.js': source(''),
      // The last element may be a function that gets the answer: `options` could be that callback.
      'popped.js': source("    const done = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;\n    if (done) done(null, {});"),
      // Shifted twice: the second shift hands `options` itself on, as the method name's pair.
      'shifted-twice.js': source('    const extra = args.shift();\n    extra();'),
    });
    const r = await cli(['scan', '.', '--json'], dir);
    expect(r.stderr).toBe('');
    const byFile = new Map((JSON.parse(r.stdout) as ScanJson).sites.map((s) => [s.file, s]));
    expect(byFile.get('merged.js')).toMatchObject({ rewrite: 'connect-only', fieldsRead: ['url'] });
    expect(byFile.get('popped.js')).toMatchObject({ rewrite: 'todo' });
    expect(byFile.get('shifted-twice.js')).toMatchObject({ rewrite: 'todo' });
  });

  // The report tells a site's own reason (`own` in the plan) from a place its data go, not by its text: a rewritten or
  // filled site would otherwise list the TODO it no longer is as an "escapes at" line.
  it('a v3 `dataStore` look-up the helper module fills prints no "escapes at" TODO advice; the same look-up of a client started nowhere does', async () => {
    const lookup = { 'names.js': "const rtm = require('./bot');\nexports.nameOf = (id) => rtm.dataStore.getUserById(id).name;\n" };
    const client = "const { RtmClient } = require('@slack/client');\nconst rtm = new RtmClient(process.env.SLACK_BOT_TOKEN);\n";
    const advice = /^ {2}escapes at names\.js:2: this reads the legacy `@slack\/client` v3 `dataStore`/m;

    const filled = await project({ ...lookup, 'bot.js': `${client}rtm.start();\nmodule.exports = rtm;\n` });
    const human = await cli(['scan', '.'], filled);
    expect(human.stdout).toMatch(/^names\.js:2:26 {2}legacy-data-store → filled$/m);
    expect(human.stdout).toMatch(/^bot\.js:3:1 {2}legacy-client → helper-module$/m);
    expect(human.stdout).not.toMatch(advice);
    expect(human.stdout).not.toMatch(/^ {2}escapes at bot\.js:3:/m);
    const plan = JSON.parse((await cli(['scan', '.', '--json'], filled)).stdout) as ScanJson;
    // The client's store, which gets the whole data, is where it goes besides: not the site's own reason.
    expect(human.stdout).toMatch(/^ {2}escapes at bot\.js:2: the client keeps a `dataStore`/m);
    expect(plan.sites.map((s) => s.escapes.map((e) => e.own === true))).toEqual([[true, false], [true]]);

    const unstarted = await project({ ...lookup, 'bot.js': `${client}module.exports = rtm;\n` });
    const todo = await cli(['scan', '.'], unstarted);
    expect(todo.stdout).toMatch(/^names\.js:2:26 {2}legacy-data-store → todo$/m);
    expect(todo.stdout).toMatch(advice);
  });

  // What leaves `api('rtm.start')` is a URL, not the answer: "the response is passed to `post`" would send the user to the wrong code.
  it("a helper that only builds rtm.start's URL lists no place the answer goes, only the TODO naming the request", async () => {
    const dir = await project({
      'bot.js': "var request = require('request');\nfunction api(method) { return 'https://slack.com/api/' + method + '?token=' + process.env.SLACK_TOKEN; }\nfunction post(url, cb) { return request.post(url, {}, cb); }\npost(api('rtm.start'), function (err, res, body) { console.log(JSON.parse(body).users.length); });\n",
    });
    const human = await cli(['scan', '.'], dir);
    expect(human.stdout).toMatch(/^bot\.js:4:6 {2}helper → todo$/m);
    expect(human.stdout).toMatch(/only builds the URL of the retired `rtm\.start` .*\(`post`\)/);
    expect(human.stdout).not.toMatch(/escapes at|is passed to/);
    const plan = JSON.parse((await cli(['scan', '.', '--json'], dir)).stdout) as ScanJson;
    expect(plan.sites.map((s) => s.escapes)).toEqual([[]]);
  });

  // Blind s88/05: the items of three lists handed to one callback printed three identical lines.
  it('an "escapes at" line names the part of the response that escapes there', async () => {
    const dir = await project({
      'bot.js': "const { WebClient } = require('@slack/web-api');\nconst web = new WebClient(process.env.SLACK_BOT_TOKEN);\nmodule.exports = async function listAll(callback) {\n  const res = await web.rtm.start();\n  for (const c of res.channels) callback(c);\n  for (const g of res.groups) callback(g);\n};\n",
    });
    const human = await cli(['scan', '.'], dir);
    expect(human.stdout.split('\n').filter((line) => line.startsWith('  escapes at'))).toEqual([
      '  escapes at bot.js:5 (`channels[]`): the response is passed to `callback`, which could not be followed',
      '  escapes at bot.js:6 (`groups[]`): the response is passed to `callback`, which could not be followed',
    ]);
  });

  it('lists a file that does not parse with path:line:col (as apply does) and exits 2, never a silent "no sites"', async () => {
    const bad = 'const x = web.rtm.start(;\n';
    const dir = await project({ 'bad.ts': bad });

    const human = await cli(['scan', '.'], dir);
    expect(human.code).toBe(2);
    expect(human.stderr).not.toMatch(STACK_LINE);
    expect(human.stdout).not.toMatch(/^No rtm\.start sites found\.$/m);
    expect(human.stdout).toContain('could not be parsed');
    const line = /^failed: 1\n  bad\.ts:(\d+):(\d+) (.+)$/m.exec(human.stdout);
    expect(line, human.stdout).not.toBeNull();

    const json = await cli(['scan', '.', '--json'], dir);
    expect(json.code).toBe(2);
    expect(json.stderr).not.toMatch(STACK_LINE);
    expect(json.stderr).toMatch(/^  bad\.ts:1:\d+ \S/m);
    const plan = JSON.parse(json.stdout) as ScanJson;
    expect(plan.failed).toEqual([{ file: 'bad.ts', line: Number(line![1]), column: Number(line![2]), message: line![3] }]);
    expect(plan.skipped).toEqual([]);

    // The very position and message apply reports for it.
    const applied = await cli(['apply', '.', '--dry', '--report', 'json'], dir);
    expect(applied.code).toBe(2);
    expect((JSON.parse(applied.stdout) as { failed: FailedFile[] }).failed).toEqual(plan.failed);
  });

  it("reads Babel's `.es6` and `.es` files in a folder as JavaScript, module or script, and `import Botkit from 'Botkit'` as botkit (dgollub/slackbot-botkit-es6-example, MISSED in blind set s36)", async () => {
    const dir = await project({
      'package.json': JSON.stringify({ name: 'es6-bot', version: '1.0.0', dependencies: { botkit: 'latest', '@slack/client': '^3.8.0' } }),
      'src/setup.es6': "import Botkit from 'Botkit';\nimport Roster from './roster.es6';\n\nconst controller = Botkit.slackbot({});\ncontroller.spawn({ token: process.env.SLACK_TOKEN }).startRTM((err, bot, payload) => {\n  if (!err) new Roster(payload);\n});\n",
      'src/roster.es6': 'export default class Roster {\n  constructor(info) {\n    this.info = info;\n  }\n}\n',
      'lib/relay.es': "var RtmClient = require('@slack/client').RtmClient;\nvar rtm = new RtmClient(process.env.SLACK_TOKEN);\nrtm.start();\n",
    });
    const r = await cli(['scan', '.', '--json'], dir);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as ScanJson;
    expect(plan.skipped).toEqual([]);
    expect(plan.sites.map((s) => [s.id, s.form])).toEqual([
      ['lib/relay.es:3:1', 'legacy-client'],
      ['src/setup.es6:5:1', 'library-start'],
    ]);
  });

  it('lists every skipped file with its reason (binary, too large, symlink out of the root) without failing', async () => {
    const outside = await project({ 'secret.ts': 'export const s = 1; // rtm.start\n' });
    const dir = await project({
      'a.ts': `import { WebClient } from '@slack/web-api';
export async function f(web: WebClient) {
  const res = await web.rtm.start();
  return res.url;
}
`,
      'huge.js': `// rtm.start\n${'x'.repeat(3 * 1024 * 1024)}`,
    });
    await writeFile(join(dir, 'bin.js'), Buffer.from([0x72, 0x74, 0x6d, 0, 1, 2]));
    await symlink(join(outside, 'secret.ts'), join(dir, 'secret-link.ts'));

    const human = await cli(['scan', '.'], dir);
    expect(human.stderr).toBe('');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^1 site: 1 rewritable/m);
    expect(human.stdout).not.toMatch(/^failed:/m);
    expect(human.stdout).toMatch(/^skipped: 3$/m);
    expect(human.stdout).toMatch(/^  bin\.js: binary/m);
    expect(human.stdout).toMatch(/^  huge\.js: too large/m);
    expect(human.stdout).toMatch(/^  secret-link\.ts: symlink out of the root/m);

    const json = await cli(['scan', '.', '--json'], dir);
    expect(json.code).toBe(0);
    expect(json.stderr).not.toMatch(STACK_LINE);
    expect(json.stderr).toMatch(/^skipped: 3$/m);
    const plan = JSON.parse(json.stdout) as ScanJson;
    expect(plan.failed).toEqual([]);
    expect(plan.sites.map((x) => x.id)).toEqual(['a.ts:3:21']);
    expect(new Map(plan.skipped.map((x) => [x.file, x.reason.split(/[ :(]/)[0]]))).toEqual(
      new Map([
        ['bin.js', 'binary'],
        ['huge.js', 'too'],
        ['secret-link.ts', 'symlink'],
      ]),
    );
  });

  // The helper hands its callback request's own arguments (`cb.apply(this, arguments)` in its one
  // request's callback): the callback gets the rebuilt body as request would give it (request-forwarded.ts);
  // fixtures/patterns/helper-request-forwarded-unproven.input.js keeps the helpers that do not prove it TODOs.
  it("never renames to rtm.connect where a (err, res, body) callback hands the parsed body on, goes through a helper proven to hand it request's own arguments, and leaves a name chosen into a request's options to a TODO", async () => {
    const dir = await project({
      'lib/slack.js': `const request = require('request');
function call(method, args, cb) {
  request.post({ url: 'https://slack.com/api/' + method, form: args }, function () { cb.apply(this, arguments); });
}
exports.start = function (done) {
  call('rtm.start', {}, function (err, res, body) {
    body = JSON.parse(body);
    done(body.users.length, body);
  });
};
exports.browse = function (where, done) {
  const method = where === 'root' ? 'rtm.start' : 'files.list';
  return call2({ method, where }, done);
};
function call2(opts, done) { call(opts.method, {}, done); }
exports.events = function (bot) {
  bot.on('rtm.start', (data) => { bot.users = data.users; });
};
`,
    });
    const r = await cli(['scan', '.', '--json'], dir);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as ScanJson;
    expect(plan.sites.map((x) => [x.id, x.form, x.rewrite])).toEqual([
      ['lib/slack.js:6:3', 'helper', 'helper-module'],
      ['lib/slack.js:12:37', 'unfollowed-name', 'todo'],
      // The listener of the event named after the method reads `users`: a TODO of its own (published-answer.ts).
      ['lib/slack.js:17:3', 'start-listener', 'todo'],
    ]);
    const [helper, chosen] = plan.sites;
    expect(helper?.fieldsRead).toEqual(['users']);
    expect(helper?.transport?.callbackAround?.after).toBe(')(err, data && { statusCode: 200, body: JSON.stringify(data) }, data && JSON.stringify(data))');
    expect(chosen?.message).toMatch(/cannot follow how this `rtm\.start` method name is used \(it reaches `call2\(…\)` \(line 13\)/);
  });
});

describe('an entry of a table copied by Object.assign', () => {
  // Blind s110/01 (a cut-down slack-quick-bots): the copy went straight to https.request, which reads `path`: "Delete the entry" would have broken the request.
  it('handed on as it is is read there: the URL keeps its TODO, never "right as it is"', async () => {
    const dir = await tempDir('rtm-migrate-assign-handed-');
    await writeFile(join(dir, 'connector.js'), "const https = require('https');\nconst internals = { options: { host: 'slack.com', path: '/api/rtm.start', method: 'POST' } };\nexports.connect = (token) => https.request(Object.assign(internals.options, {}), (res) => res.pipe(process.stdout)).end('token=' + token);\n");
    const human = await cli(['scan', '.'], dir);
    expect(human.stdout).toMatch(/^connector\.js:2:57 {2}raw-url → todo$/m);
    expect(human.stdout).not.toContain('Delete the entry');
  });
});

describe('the scan summary', () => {
  it('counts a site left right as it is (an entry no code names) apart from the rewritable ones (blind s83/12)', async () => {
    const dir = await tempDir('rtm-migrate-summary-');
    await writeFile(join(dir, 'config.js'), "const internals = {\n  rtmStartApi: '/api/rtm.start',\n};\nmodule.exports = function () { return 1; };\n");
    const human = await cli(['scan', '.'], dir);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^1 site: 0 rewritable, 1 right as it is, 0 left as TODO\.$/m);
  });
});
