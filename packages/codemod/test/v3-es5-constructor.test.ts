import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../../test/support/corpus.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, cli, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * A legacy @slack/client v3 RtmClient handed to an ES5 constructor function of another module
 * (`function Roster(rtm) { this.rtm = rtm; … }`, methods `Roster.prototype.m = function`), which
 * listens in its constructor and starts it in `Roster.prototype.run`. Followed as the class form
 * is (v3-client-holders.test.ts): run with the real @slack/client 3.16 (fixtures/bots' node_modules)
 * against fake Slack answering `rtm.start`, migrated by the CLI, then run against a Slack that
 * retired it: the same output; also with the `new` in the constructor's own file. A constructor whose name is used some other way than `new` and its
 * prototype methods (here `util.inherits`) cannot be followed to its `new`: its start goes to
 * `startRtmClientMadeElsewhere(this.rtm)`, which recognises the v3 client when it starts.
 */
const ROSTER = `// The team's roster: handed the RTM client, it learns the team and its people on sign-in and
// prints them once the socket is open.
'use strict';

var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;

function Roster(rtm) {
  this.rtm = rtm;
  this.rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, this.onSignIn.bind(this));
  this.rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, this.onOpen.bind(this));
  this.rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
    console.error('unable to start: ' + (error && error.message ? error.message : error));
    process.exit(1);
  });
}

Roster.prototype.onSignIn = function (data) {
  this.team = data.team.name;
  this.people = data.users.filter(function (u) { return !u.deleted; }).map(function (u) { return u.id + ' ' + u.name; });
};

Roster.prototype.onOpen = function () {
  console.log('team ' + this.team);
  this.people.sort().forEach(function (line) { console.log(line); });
  process.stdout.write('', function () { process.exit(0); });
};

Roster.prototype.run = function () {
  this.rtm.start();
};

module.exports = Roster;
`;

const START = `'use strict';

var RtmClient = require('@slack/client').RtmClient;
var Roster = require('./roster');

new Roster(new RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' })).run();
`;

const INHERITS = "var util = require('util');\nvar EventEmitter = require('events');\n\nfunction Roster(rtm) {\n  EventEmitter.call(this);\n";

function runStart(dir: string, apiUrl: string): Promise<RunResult> {
  return runNodeBot(join(dir, 'start.js'), { cwd: dir, apiUrl, timeoutMs: 90_000 });
}

/** Our rules' reports on roster.js, with the real ESLint and `configs.recommended`. */
async function lintRoster(dir: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(false), ignore: false });
  const [result] = await eslint.lintFiles(['roster.js']);
  return (result?.messages ?? []).map((m) => `${String(m.line)} ${m.ruleId ?? '(fatal)'}`);
}

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 43, users: 20, channels: 4, mode: 'legacy' });
  return () => fake.close();
});

describe('a v3 RtmClient handed to an ES5 constructor function of another module, kept in this.rtm', () => {
  it('is reported, starts through startRtmClient(this.rtm), made with useRtmConnect: true, and prints the same roster against connect_required', { timeout: 180_000 }, async () => {
    const dir = await writeBotFiles('v3-es5-roster-', { 'roster.js': ROSTER, 'start.js': START });
    fake.setMode('legacy');
    fake.resetCalls();
    const before = await runStart(dir, fake.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^team Fake Workspace \d+$/m);
    expect(before.stdout).toMatch(/^U\w+ \S+$/m);
    expect(fake.calls.map((c) => c.method)).toContain('rtm.start');
    expect(await lintRoster(dir)).toEqual(['29 @rtm-migrate/no-rtm-start']);

    const migrated = await breaksThenMigrates(fake, dir, () => runStart(dir, fake.apiUrl));
    expect(migrated).toMatch(/^done +roster\.js:29:3 +legacy-client → helper-module/m);
    expect(migrated).toMatch(/^done +start\.js:6:\d+ +legacy-client → helper-module/m);
    const roster = await readFile(join(dir, 'roster.js'), 'utf8');
    expect(roster).toContain("const { startRtmClient } = require('./rtm-start-data');");
    expect(roster).toMatch(/^ {2}startRtmClient\(this\.rtm\);$/m);
    expect(await readFile(join(dir, 'start.js'), 'utf8')).toContain("logLevel: 'error', useRtmConnect: true })).run();");
    expect(await lintRoster(dir)).toEqual([]);

    fake.resetCalls();
    const after = await runStart(dir, fake.apiUrl);
    expectSameWithoutRtmStart(fake, before, after);

    const again = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('TODOs left: 0');
  });

  it('made in the same file: the same output against connect_required', { timeout: 180_000 }, async () => {
    expect(ROSTER).toContain('module.exports = Roster;');
    const alone = ROSTER.replace("var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;", "var slack = require('@slack/client');\nvar RtmClient = slack.RtmClient;\nvar CLIENT_EVENTS = slack.CLIENT_EVENTS;").replace('module.exports = Roster;', START.slice(START.indexOf('new Roster')));
    const dir = await writeBotFiles('v3-es5-alone-', { 'start.js': alone });
    fake.setMode('legacy');
    fake.resetCalls();
    const before = await runStart(dir, fake.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.stdout).toMatch(/^team Fake Workspace \d+$/m);
    const migrated = await breaksThenMigrates(fake, dir, () => runStart(dir, fake.apiUrl));
    expect(migrated).toMatch(/^done +start\.js:31:3 +legacy-client → helper-module/m);
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await runStart(dir, fake.apiUrl));
  });

  it('started through a variable given the field (`var slack = this.rtm; slack.start()`, blind s48/12), its dataStore read: the same roster against connect_required', { timeout: 180_000 }, async () => {
    const alias = `'use strict';

var RtmClient = require('@slack/client').RtmClient;
var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;

function Transport(token) {
  this.rtm = new RtmClient(token, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' });
}

Transport.prototype.connect = function () {
  var slack = this.rtm;
  slack.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
    var me = slack.dataStore.getUserById(slack.activeUserId);
    console.log('me ' + me.name + ' on ' + slack.dataStore.getTeamById(slack.activeTeamId).name);
    Object.keys(slack.dataStore.users).sort().forEach(function (id) { console.log(id + ' ' + slack.dataStore.getUserById(id).name); });
    process.stdout.write('', function () { process.exit(0); });
  });
  slack.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
    console.error('unable to start: ' + (error && error.message ? error.message : error));
    process.exit(1);
  });
  slack.start();
};

new Transport(process.env.SLACK_BOT_TOKEN).connect();
`;
    const dir = await writeBotFiles('v3-es5-alias-', { 'start.js': alias });
    fake.setMode('legacy');
    fake.resetCalls();
    const before = await runStart(dir, fake.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.stdout).toMatch(/^me \S+ on Fake Workspace \d+$/m);
    expect(before.stdout).toMatch(/^U\w+ \S+$/m);
    const migrated = await breaksThenMigrates(fake, dir, () => runStart(dir, fake.apiUrl));
    expect(migrated).toMatch(/^done +start\.js:22:3 +legacy-client → helper-module/m);
    expect(await readFile(join(dir, 'start.js'), 'utf8')).toMatch(/^ {2}startRtmClient\(slack, \{\}, \{ optional: \['team\.prefs'\] \}\);$/m);
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await runStart(dir, fake.apiUrl));
  });

  it('inheriting through util.inherits: this.rtm.start() goes to startRtmClientMadeElsewhere(this.rtm), which finds the v3 client at run time; the same roster against connect_required', { timeout: 180_000 }, async () => {
    expect(ROSTER).toContain('function Roster(rtm) {\n');
    const roster = ROSTER.replace('function Roster(rtm) {\n', INHERITS).replace('module.exports = Roster;', 'util.inherits(Roster, EventEmitter);\n\nmodule.exports = Roster;');
    const dir = await writeBotFiles('v3-es5-inherits-', { 'roster.js': roster, 'start.js': START });
    fake.setMode('legacy');
    fake.resetCalls();
    const before = await runStart(dir, fake.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.stdout).toMatch(/^team Fake Workspace \d+$/m);

    const migrated = await breaksThenMigrates(fake, dir, () => runStart(dir, fake.apiUrl));
    expect(migrated).toMatch(/^done +roster\.js:\d+:3 +method-call → helper-module/m);
    expect(migrated).not.toMatch(/legacy-client → helper-module/);
    expect(await readFile(join(dir, 'roster.js'), 'utf8')).toMatch(/^ {2}startRtmClientMadeElsewhere\(this\.rtm\);$/m);
    // The client's `new` is in a file the constructor cannot be followed to: it stays as it was, the helper turns on useRtmConnect when it starts.
    expect(await readFile(join(dir, 'start.js'), 'utf8')).toBe(START);
    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await runStart(dir, fake.apiUrl));
  });
});
