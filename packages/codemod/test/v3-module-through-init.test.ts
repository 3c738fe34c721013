import { HELPER_EXPORTS } from '@rtm-migrate/core';
import { describe, expect, it } from 'vitest';
import { scanOneSite, writeBotFiles, cli } from './helpers.js';
import { v3BeforeAndAfter } from './v3-before-after.js';

/**
 * `require('@slack/client')` handed through the `init` methods of two ES5 constructor functions of other
 * modules to `new this.slackClient.RtmClient(…)` (blind s69/01, Moishe/gentle-reminder-bot): each field is
 * set once from the method's parameter (and to `undefined` in the constructor), and every call of a method
 * of that name in the project is on an instance its `new` made (or on another constructor's own `init`),
 * handing the module. Run with the real @slack/client 3.16 against legacy fake Slack, migrated by the CLI,
 * then against a Slack that retired rtm.start: the same output. Where a call of `init` may be unseen (a
 * receiver of unknown make), or a subclass may call it, or another module is handed, the client's class is
 * not taken as known.
 */
const BOT = `'use strict';
var slackClient = require('@slack/client');
var Controller = require('./controller.js');
var DB = require('./db.js');

var db = new DB.DB();
db.init('memory');
var controller = new Controller.Controller();
controller.init(slackClient, db).then(function () { controller.start(); });
`;

const DB_MODULE = `function DB() { this.url = undefined; }
DB.prototype.init = function (url) { this.url = url; };
DB.prototype.teams = function () { return Promise.resolve([{ id: 'T1', token: process.env.SLACK_BOT_TOKEN }]); };
exports.DB = DB;
`;

const CONTROLLER = `var TeamController = require('./team_controller.js');

function Controller() {
  this.slackClient = undefined;
  this.teams = {};
}

Controller.prototype.init = function (slackClient, db) {
  this.slackClient = slackClient;
  var self = this;
  return db.teams().then(function (rows) {
    return Promise.all(rows.map(function (row) {
      var tc = new TeamController.TeamController();
      self.teams[row.id] = tc;
      return tc.init(self.slackClient, row.token);
    }));
  });
};

Controller.prototype.start = function () {
  for (var id in this.teams) this.teams[id].start();
};

exports.Controller = Controller;
`;

const TEAM_CONTROLLER = `function TeamController() {
  this.slackClient = undefined;
  this.commands = { help: TeamController.prototype.help.bind(this) };
}

TeamController.prototype.init = function (slackClient, token) {
  this.slackClient = slackClient;
  this.token = token;
  return Promise.resolve();
};

TeamController.prototype.help = function () { return 'help'; };

TeamController.prototype.start = function () {
  var self = this;
  this.rtm = new this.slackClient.RtmClient(this.token, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' });
  this.rtm.on(this.slackClient.CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) {
    self.name = data.team.name;
  });
  this.rtm.on(this.slackClient.CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
    console.log('unable to start: ' + error.message);
    process.exit(1);
  });
  this.rtm.on(this.slackClient.CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
    var store = self.rtm.dataStore;
    console.log('team ' + self.name);
    Object.keys(store.users).sort().forEach(function (id) { console.log('user ' + id + ' ' + store.users[id].name); });
    Object.keys(store.channels).sort().forEach(function (id) { var members = store.channels[id].members; console.log('channel ' + store.channels[id].name + ' ' + (members ? members.length : '-')); });
    process.stdout.write('', function () { process.exit(0); });
  });
  this.rtm.start();
};

exports.TeamController = TeamController;
`;

const FILES = { 'bot.js': BOT, 'db.js': DB_MODULE, 'controller.js': CONTROLLER, 'team_controller.js': TEAM_CONTROLLER };

describe('@slack/client handed through init methods to `new this.slackClient.RtmClient`', () => {
  it('migrated: useRtmConnect where it is made, startRtmClient() where it is started; the same users, channels and members with rtm.start retired', { timeout: 120_000 }, async () => {
    const { before, after, applied, calls, read } = await v3BeforeAndAfter('module-through-init-', FILES, 'xoxb-test', { seed: 34, users: 15, channels: 6 });
    expect(applied).toContain('TODOs left: 0');
    const team = await read('team_controller.js');
    expect(team).toContain(`${HELPER_EXPORTS.legacyStart}(this.rtm`);
    expect(team).toContain("logLevel: 'error', useRtmConnect: true }");
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^(?:warn: .+\n)?team .+\n(user \S+ \S+\n){15,}(channel \S+ (\d+|-)\n)+$/);
    expect(before.stdout).toMatch(/^channel general \d+$/m);
    expect(after).toEqual(before);
    expect(calls).not.toContain('rtm.start');
  });

  it.each([
    { why: 'a call of init on a receiver of unknown make', file: 'other.js', text: "module.exports = function (team) { team.init(require('slack-client'), 'x'); };\n" },
    { why: 'a subclass that may call init', file: 'team_controller.js', text: `${TEAM_CONTROLLER}require('util').inherits(function Sub() {}, TeamController);\n` },
    { why: 'another module handed to the outer init', file: 'bot2.js', text: "var Controller = require('./controller.js');\nnew Controller.Controller().init(require('./fake-slack'), null);\n" },
    { why: 'init used but not called', file: 'other.js', text: "var TeamController = require('./team_controller.js').TeamController;\nvar t = new TeamController();\nsetTimeout(t.init.bind(t, null, 'x'));\n" },
  ])('not followed where the module may not be the one handed: $why', async ({ file, text }) => {
    const dir = await writeBotFiles('module-through-init-unsure-', { ...FILES, [file]: text });
    const scan = await cli(['scan', '.', '--json'], dir);
    const plan = JSON.parse(scan.stdout) as { sites: { file: string; form: string }[] };
    // Not the legacy client's rewrite (its construction given `useRtmConnect`): the client's make is unknown, and its
    // `dataStore` read sends its start to `startRtmClientMadeElsewhere()`, which looks at the client at run time.
    expect(plan.sites.filter((s) => s.file === 'team_controller.js').map((s) => s.form)).toEqual(['method-call']);
  });

  it('a field set from a parameter in one module alone (no call of init in the project) is not followed', async () => {
    const { site } = await scanOneSite('module-through-init-uncalled-', TEAM_CONTROLLER, 'team_controller.js');
    expect(site).toMatchObject({ form: 'method-call' });
  });
});
