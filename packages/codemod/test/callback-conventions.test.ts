import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ALL_SCOPES, startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, expectSameWithoutRtmStart, scanFiles, writeBotFiles } from './helpers.js';

/**
 * An app's own request helper that does not call back Node-style `(err, data)`, where the code proves
 * its convention: a helper kept in a `var` of the file that calls back the parsed answer alone (and
 * only when its request worked), and a helper from another module whose callback tests a success flag
 * first and fails on its falsy value. Each bot stores or emits the whole answer, so the migration
 * rebuilds everything through the helper; run against fake Slack in `legacy` mode, broken in
 * `connect_required` mode, migrated by the CLI, then it knows the same users, channels, groups and
 * ims as before, and an unknown token fails it as before.
 */

/** A token that may read the lists but none of the optional extras (dnd, subteams, team.prefs). */
const NO_EXTRAS = ['dnd:read', 'usergroups:read', 'team.preferences:read'];

/** Prints what the bot was told, from the fields it kept: `k` holds `self`, `users`, `channels`, `groups`, `ims`. */
const PRINT = `function print(k, url) {
  const ids = (list) => list.map((x) => x.id).sort().join(' ');
  console.log('self: ' + k.self.id + ' ' + /^wss?:/.test(url));
  console.log('users: ' + ids(k.users));
  console.log('channels: ' + ids(k.channels));
  console.log('groups: ' + ids(k.groups));
  console.log('ims: ' + k.ims.map((im) => im.id + '>' + im.user).sort().join(' '));
}
`;

const FAIL = "function fail(why) {\n  console.error('unable to start: ' + why);\n  process.exitCode = 1;\n}\n";

/** The helper calls back `done(answer)` only on a 200 response; the answer's fields are kept on the exported `known`. */
const STORED = {
  'slack.js': `var request = require('request');

var known = {};
var token = '';

var callApi = function (method, form, done) {
  form.token = token;
  request.post(process.env.SLACK_API_URL + method, function (problem, res, body) {
    if (!problem && res.statusCode === 200) {
      if (done) done(JSON.parse(body));
    }
  }).form(form);
};

function start(botToken, ready) {
  token = botToken;
  callApi('rtm.start', {}, function (answer) {
    if (!answer.ok) return ready(answer.error);
    known.self = answer.self;
    known.team = answer.team;
    known.users = answer.users;
    known.channels = answer.channels;
    known.groups = answer.groups;
    known.ims = answer.ims;
    ready(null, answer.url);
  });
}

module.exports = { start: start, known: known };
`,
  'main.js': `const slack = require('./slack');
${PRINT}${FAIL}
slack.start(process.env.SLACK_BOT_TOKEN, (problem, url) => (problem ? fail(problem) : print(slack.known, url)));
`,
};

/** The helper of another module calls back `(true, body)` or `(false, error)`; the session emits each field. */
const EMITTED = {
  'slack-request.js': `const request = require('request');

module.exports = function slackRequest(method, args, cb) {
  request.post({ url: process.env.SLACK_API_URL + method, form: args, json: true }, (err, res, body) => {
    if (err) return cb(false, err.message);
    if (!body.ok) return cb(false, body.error);
    cb(true, body);
  });
};
`,
  'session.js': `const EventEmitter = require('events');
const slackRequest = require('./slack-request');

class Session extends EventEmitter {
  constructor(token) {
    super();
    this.token = token;
  }

  start() {
    slackRequest('rtm.start', { token: this.token }, (success, result) => {
      if (!success) return this.emit('requestFail', result);
      this.emit('selfData', result.self);
      this.emit('usersData', result.users);
      this.emit('channelsData', result.channels);
      this.emit('groupsData', result.groups);
      this.emit('imsData', result.ims);
      this.emit('ready', result.url);
    });
  }
}

module.exports = Session;
`,
  'main.js': `const Session = require('./session');
${PRINT}${FAIL}
const session = new Session(process.env.SLACK_BOT_TOKEN);
const k = {};
for (const field of ['self', 'users', 'channels', 'groups', 'ims']) session.on(field + 'Data', (value) => (k[field] = value));
session.on('requestFail', fail);
session.on('ready', (url) => print(k, url));
session.start();
`,
};

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 53, users: 9, channels: 10, ims: 3, mode: 'legacy', tokens: { 'xoxb-lists-only': { scopes: ALL_SCOPES.filter((s) => !NO_EXTRAS.includes(s)) } } });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string, token: string): Promise<RunResult> => runNodeBot(join(dir, 'main.js'), { cwd: dir, apiUrl: fake.apiUrl, token, timeoutMs: 60_000 });

describe("an app's own helper calling back in a convention the code proves", () => {
  it.each([
    { form: 'a `var` helper calling back the answer alone, the fields stored on an exported object', files: STORED, site: 'slack.js', caller: 'new Promise((resolve) => callApi(apiMethod, apiArgs, resolve))', says: '`callApi` calls back only when its request succeeds (line 9)' },
    { form: 'a helper from another module calling back `(success, result)`, the fields emitted', files: EMITTED, site: 'session.js', caller: 'slackRequest(apiMethod, apiArgs, (ok, data) => (ok ? resolve(data) : reject(data)))', says: '`slackRequest` hands its callback a failure as `(false, …)`' },
  ])('$form: the same users, channels, groups and ims after the migration, no optional extra', { timeout: 180_000 }, async ({ files, site, caller, says }) => {
    const dir = await writeBotFiles('rtm-migrate-callback-convention-', files);
    fake.setMode('legacy');
    const before = await runIn(dir, 'xoxb-lists-only');
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
    expect(before.stdout).toMatch(/^self: U\w+ true$/m);
    expect(before.stdout).toMatch(/^users: (U\w+ ){8}U\w+$/m);
    expect(before.stdout).toMatch(/^groups: ([CG]\w+ )*G\w+/m);
    expect(before.stdout).toMatch(/^ims: (D\w+>U\w+ ){2}D\w+>U\w+$/m);
    const refused = await runIn(dir, 'xoxb-not-a-known-token');
    expect({ code: refused.code, stderr: refused.stderr }).toEqual({ code: 1, stderr: 'unable to start: invalid_auth\n' });

    const report = await scanFiles(JSON.stringify({ name: 'bot', private: true }), files);
    expect(report.sites.map((s) => [s.id.split(':')[0], s.rewrite])).toEqual([[site, 'helper-module']]);
    expect(report.sites[0]!.message).toContain(says);
    const migrated = await breaksThenMigrates(fake, dir, () => runIn(dir, 'xoxb-lists-only'));
    expect(migrated).not.toMatch(/dnd:read|usergroups:read|team\.preferences:read/);
    const source = await readFile(join(dir, site), 'utf8');
    expect(source).toContain(caller);
    expect(source).not.toContain("'rtm.start'");
    expect(source).not.toContain('optional');

    fake.resetCalls();
    const after = await runIn(dir, 'xoxb-lists-only');
    expectSameWithoutRtmStart(fake, before, after);
    const asked = fake.calls.map((c) => c.method);
    for (const extra of ['dnd.info', 'usergroups.list', 'team.preferences.list']) expect(asked).not.toContain(extra);
    const stillRefused = await runIn(dir, 'xoxb-not-a-known-token');
    expect({ code: stillRefused.code, stderr: stillRefused.stderr }).toEqual({ code: 1, stderr: 'unable to start: invalid_auth\n' });
  });
});

/** `rtm.start` through `send` with `callback`, `send` from `helper` (a declaration or a require); the data handed to `ready`. */
const through = (helper: string, callback: string): string => `${helper}\nexports.open = (ready) => {\n  send('rtm.start', {}, ${callback});\n};\n`;

const REQUIRED = "const send = require('./send');";

describe('a convention the code does not prove: the call stays on rtm.start, a TODO says why', () => {
  it.each([
    { form: 'a one-parameter callback to a helper from another module', source: through(REQUIRED, '(answer) => ready(answer.users)'), why: 'the callback is not a written-out Node-style `(err, data)` function' },
    { form: 'a flag whose falsy branch answers something else', source: through(REQUIRED, '(fresh, answer) => {\n    if (!fresh) return ready(null);\n    ready(answer.users);\n  }'), why: 'the branch taken when it is falsy is not shown to be a failure' },
    { form: 'a flag whose falsy branch only returns', source: through(REQUIRED, '(ok, answer) => {\n    if (!ok) return;\n    ready(answer.users);\n  }'), why: 'the branch taken when it is falsy is not shown to be a failure' },
    {
      form: 'a failing flag, but the helper declared here calls back the answer alone',
      source: through("function send(method, args, done) {\n  require('request').post({ url: 'https://slack.com/api/' + method, form: args }, (e, r, body) => done(JSON.parse(body)));\n}", "(ok, answer) => {\n    if (!ok) return console.error('failed');\n    ready(answer.users);\n  }"),
      why: 'or a declaration here calls it back otherwise',
    },
  ])('$form', async ({ source, why }) => {
    const report = await scanFiles(JSON.stringify({ name: 'bot', private: true }), { 'bot.js': source });
    expect(report.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(report.sites[0]!.message.replace(/\s+/g, ' ')).toContain(why);
  });
});

describe('a success flag the callback proves, the helper from another module', () => {
  it.each([
    { form: 'the falsy value handed on as a new Error', callback: "(ok, answer) => {\n    if (!ok) return ready(new Error(String(answer)));\n    ready(null, answer.users);\n  }" },
    { form: 'a conditional, the failure logged as an error', callback: '(ok, answer) => (ok ? ready(answer.users) : console.error(answer))' },
  ])('$form: rebuilt through the helper as (ok, data)', async ({ callback }) => {
    const report = await scanFiles(JSON.stringify({ name: 'bot', private: true }), { 'bot.js': through(REQUIRED, callback) });
    expect(report.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
  });
});
