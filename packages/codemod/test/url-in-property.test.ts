import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../src/plan.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * Raw requests to `rtm.start` whose URL is held in a property, not written at the call: a prototype
 * property read as `this.rtmApiUrl + '?' + …` for `request.get`, the answer kept on `this.metadata`
 * and read by the class's methods; and a table on the prototype (`this.uris.start`) handed to the
 * app's own request helper, whose answer is dropped before `rtm.connect` is asked. Each bot runs
 * against fake Slack in `legacy` mode, is migrated by the real CLI (the URL repointed where it is
 * defined), and runs again in `connect_required` mode: it prints the same self/team/url-derived line.
 */

const API = "const API = process.env.SLACK_API_URL || 'https://slack.com/api/';\n";

const PROTOTYPE_BOT = `const request = require('request');
const querystring = require('querystring');
${API}
function Bot(token) {
  this.token = token;
}
Bot.prototype.rtmApiUrl = API + 'rtm.start';
Bot.prototype.start = function (done) {
  const url = this.rtmApiUrl + '?' + querystring.stringify({ token: this.token });
  request.get(url, (err, res, body) => {
    if (err) return done(err);
    const answer = JSON.parse(body);
    if (!answer.ok) return done(new Error(answer.error));
    this.metadata = answer;
    done(null, this.metadata.url);
  });
};
Bot.prototype.describe = function () {
  return [this.metadata.self.id, this.metadata.self.name, this.metadata.team.id, this.metadata.team.name].join(' ');
};
const bot = new Bot(process.env.SLACK_BOT_TOKEN);
bot.start(function (err, url) {
  if (err) return console.log('failed', err.message);
  console.log(bot.describe(), /^wss?:/.test(url));
});
`;

const TABLE_BOT = `const request = require('request');
${API}
function Rtm(token) {
  this.token = token;
}
Rtm.prototype.uris = {
  start: API + 'rtm.start',
  connect: API + 'rtm.connect',
  authTest: API + 'auth.test',
};
Rtm.prototype.start = function () {
  const self = this;
  return this.request('get', this.uris.start)
    .then(function () {
      return self.request('get', self.uris.connect);
    })
    .then(function (result) {
      return [result.ok, result.self.id, result.team.id, /^wss?:/.test(result.url)].join(' ');
    });
};
Rtm.prototype.request = function (method, uri, query) {
  const options = { method: method, uri: uri, qs: Object.assign({ token: this.token }, query), json: true };
  return new Promise(function (resolve, reject) {
    request(options, function (error, response, body) {
      if (error) reject(error);
      else resolve(body);
    });
  });
};
new Rtm(process.env.SLACK_BOT_TOKEN).start().then(function (line) {
  console.log(line);
});
`;

/** The prototype bot with its URL written again in the constructor: the URL a request gets is not known. */
const WRITTEN_TWICE_BOT = PROTOTYPE_BOT.replace('  this.token = token;\n', '  this.token = token;\n  if (process.env.OTHER_API) this.rtmApiUrl = process.env.OTHER_API + "/rtm.start";\n');

/** The prototype bot whose methods also read `users`, which only rtm.start answers. */
const USERS_BOT = PROTOTYPE_BOT.replace('this.metadata.team.name].join', 'this.metadata.team.name, this.metadata.users.length].join');

/**
 * A prototype property written once, read once by a method, in a file that exports nothing and only calls
 * a method on each instance where it makes it: no code can give it another value, so the request is
 * rebuilt from the string as a URL written at the call is (its data fetched with the replacement methods).
 */
const DIRECTORY_BOT = `const request = require('request');
${API}
function Directory(token) {
  this.token = token;
}
Directory.prototype.startUrl = API + 'rtm.start';
Directory.prototype.load = function (done) {
  request.get(this.startUrl + '?token=' + this.token, (err, res, body) => {
    if (err) return done(err);
    const answer = JSON.parse(body);
    if (!answer.ok) return done(new Error(answer.error));
    const users = answer.users.map((u) => u.name).sort();
    const channels = answer.channels.map((c) => c.name + ':' + (c.members || []).slice().sort().join('+')).sort();
    done(null, users.join(',') + ' | ' + channels.join(' '));
  });
};
new Directory(process.env.SLACK_BOT_TOKEN).load(function (err, line) {
  console.log(err ? 'failed ' + err.message : line);
});
`;

/** The same with the URL held in a variable first, its query encoded by querystring (blind corpus s40/09 saviogl/slack-rtm-bot's request, there on an exported class). */
const HELD_QUERY_DIRECTORY_BOT = DIRECTORY_BOT.replace("const request = require('request');\n", "const request = require('request');\nconst querystring = require('querystring');\n").replace(
  "  request.get(this.startUrl + '?token=' + this.token, (err",
  "  let startUrl = this.startUrl + '?' + querystring.stringify({ token: this.token });\n  request.get(startUrl, (err",
);

/** The same class exported: another module may write `startUrl` on it. */
const EXPORTED_DIRECTORY_BOT = `${DIRECTORY_BOT}module.exports = Directory;\n`;

/** The same with the instance kept in a variable: it may be handed on, and written through. */
const HELD_DIRECTORY_BOT = DIRECTORY_BOT.replace('new Directory(process.env.SLACK_BOT_TOKEN).load(', 'const directory = new Directory(process.env.SLACK_BOT_TOKEN);\ndirectory.load(');

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 61, users: 4, channels: 2, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });

describe('raw rtm.start requests whose URL is held in a property', () => {
  it.each([
    ["a prototype property read into request.get's URL, the answer kept on this.metadata", PROTOTYPE_BOT, 'rtm.connect', "Bot.prototype.rtmApiUrl = API + 'rtm.connect';", /^U\w+ \S+ T\w+ \S.* true\n$/],
    // The dropped request now asks auth.test, the same token check, not a second Tier-1 rtm.connect ahead of the bot's own.
    ["a prototype table entry handed to the app's own helper, its answer dropped", TABLE_BOT, 'auth.test', "  start: API + 'auth.test',", /^true U\w+ T\w+ true\n$/],
  ])('%s: repointed where it is defined, the bot prints the same', { timeout: 120_000 }, async (_name, source, method, defined, printed) => {
    const dir = await writeBotFiles('rtm-migrate-url-in-property-', { 'bot.js': source });
    fake.setMode('legacy');
    const before = await runIn(dir);
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
    expect(before.stdout).toMatch(printed);

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.stdout).toContain('TODOs left: 0');
    const out = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(out).toBe(source.replace("API + 'rtm.start'", `API + '${method}'`));
    expect(out).toContain(defined);

    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await runIn(dir);
    if (method === 'rtm.connect') expectSameWithoutRtmStart(fake, before, after);
    else {
      expect({ code: after.code, stderr: after.stderr, stdout: after.stdout }).toEqual({ code: 0, stderr: '', stdout: before.stdout });
      expect(fake.calls.map((c) => c.method)).toEqual(['auth.test', 'rtm.connect']);
    }
  });

  it.each([
    ['given to request.get with its query', DIRECTORY_BOT],
    ['held in a variable with a querystring-encoded query, then given to request.get', HELD_QUERY_DIRECTORY_BOT],
  ])('a prototype property written once and read for users and channels, %s: rebuilt through request, the same users, channels and members', { timeout: 120_000 }, async (_name, source) => {
    const dir = await writeBotFiles('rtm-migrate-url-in-property-once-', { 'bot.js': source });
    fake.setMode('legacy');
    fake.resetCalls();
    const before = await runIn(dir);
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
    expect(before.stdout).toMatch(/^\S+(,\S+){3} \| \S+:U\w+(\+U\w+)* \S+:U\w+/);
    expect(fake.calls.map((c) => c.method)).toEqual(['rtm.start']);

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.stdout).toContain('TODOs left: 0');
    const out = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(out).not.toContain('rtm.start');
    expect(out).not.toContain('Directory.prototype.startUrl');
    expect(out).not.toContain('let startUrl');

    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await runIn(dir);
    expect({ code: after.code, stderr: after.stderr, stdout: after.stdout }).toEqual({ code: 0, stderr: '', stdout: before.stdout });
    const methods = fake.calls.map((c) => c.method);
    expect(methods).not.toContain('rtm.start');
    expect(methods).toContain('users.list');
    expect(methods).toContain('conversations.members');
  });

  it.each([
    ['the property written again in the constructor', WRITTEN_TWICE_BOT, undefined],
    ['a property written once on a class the file exports', EXPORTED_DIRECTORY_BOT, 'the URL is kept in the property `startUrl`, which rtm-migrate cannot prove that no other code sets before the request'],
    ['a property written once, the instance kept in a variable', HELD_DIRECTORY_BOT, 'the URL is kept in the property `startUrl`, which rtm-migrate cannot prove that no other code sets before the request'],
    ['the answer kept on this.metadata read for users', USERS_BOT, 'Fields read → replacements: users: users.list'],
  ])('%s: a TODO, the URL left as it is', { timeout: 120_000 }, async (_name, source, named) => {
    const dir = await writeBotFiles('rtm-migrate-url-in-property-todo-', { 'bot.js': source });
    const scanned = await cli(['scan', '.', '--json'], dir);
    expect(scanned.stderr).toBe('');
    const starts = (JSON.parse(scanned.stdout) as Plan).sites;
    expect(starts.length).toBeGreaterThan(0);
    expect(starts.map((s) => s.rewrite)).toEqual(starts.map(() => 'todo'));
    if (named) expect(starts[0]?.message).toContain(named);
    const applied = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(applied.stdout).toContain(`TODOs left: ${String(starts.length)}`);
    const out = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(out).toContain('TODO(rtm-migrate)');
    expect(out).toMatch(/(Bot\.prototype\.rtmApiUrl|Directory\.prototype\.startUrl) = API \+ 'rtm\.start';/);
  });
});
