import { mkdir, mkdtemp, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { findSites, type LibraryStartSite } from '../src/index.js';
import { parseFile } from '../src/project.js';

/** A project on disk: each path's text written under a fresh folder (package.json files given as objects). */
async function project(files: Readonly<Record<string, string | object>>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rtm-migrate-library-start-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

/** The library starts of a file on disk: `library@line`, with what is known of the library's version (Botkit, slackbots). */
async function libraryStarts(file: string): Promise<string[]> {
  const parsed = parseFile(file, await readFile(file, 'utf8'));
  return findSites(parsed.program, parsed.resolver)
    .filter((s): s is LibraryStartSite => s.kind === 'library-start')
    .map((s) => `${s.library}@${s.call.loc.start.line}${(s.library === 'botkit' || s.library === 'slackbots') && s.version ? ` ${s.version.from} ${s.version.text}` : ''}`);
}

const BOT = `const Botkit = require('botkit');
const controller = Botkit.slackbot({});
controller.spawn({ token: process.env.SLACK_TOKEN }).startRTM((err) => { if (err) throw err; });
`;

const manifest = (range?: string): object => ({ name: 'helpdesk-bot', version: '1.0.0', dependencies: range === undefined ? { ws: '^1.0.0' } : { botkit: range } });

describe("Botkit's startRTM, by the Botkit the file runs with", () => {
  it.each(['^0.4.0', '^0.5.0', '0.5.3', '*', '>=0.2.0', 'github:howdyai/botkit'])('is a site where package.json declares %s (a range that allows a release before 0.5.4, or one semver cannot read)', async (range) => {
    const dir = await project({ 'package.json': manifest(range), 'bot.js': BOT });
    expect(await libraryStarts(join(dir, 'bot.js'))).toEqual([`botkit@3 declared ${range}`]);
  });

  it.each(['^0.5.4', '~0.6.0', '>=0.5.4', '0.7.4'])('is no site where package.json declares %s (0.5.4 and later call rtm.connect)', async (range) => {
    const dir = await project({ 'package.json': manifest(range), 'bot.js': BOT });
    expect(await libraryStarts(join(dir, 'bot.js'))).toEqual([]);
  });

  it('goes by the installed copy over the declared range, from the file up', async () => {
    const old = await project({
      'package.json': manifest('^0.5.4'),
      'node_modules/botkit/package.json': { name: 'botkit', version: '0.5.3' },
      'src/bot.js': BOT,
    });
    expect(await libraryStarts(join(old, 'src', 'bot.js'))).toEqual(['botkit@3 installed 0.5.3']);
    const current = await project({
      'package.json': manifest('^0.5.0'),
      'node_modules/botkit/package.json': { name: 'botkit', version: '0.5.4' },
      'src/bot.js': BOT,
    });
    expect(await libraryStarts(join(current, 'src', 'bot.js'))).toEqual([]);
  });

  it("goes by the package.json above that declares it, past a nested one that does not (blind s55/13: a plugin folder's own)", async () => {
    const nested = { name: 'slack-plugin', version: '1.0.0' };
    const current = await project({ 'package.json': manifest('^0.5.4'), 'plugins/slack/package.json': nested, 'plugins/slack/index.js': BOT });
    expect(await libraryStarts(join(current, 'plugins', 'slack', 'index.js'))).toEqual([]);
    const old = await project({ 'package.json': manifest('^0.4.3'), 'plugins/slack/package.json': nested, 'plugins/slack/index.js': BOT });
    expect(await libraryStarts(join(old, 'plugins', 'slack', 'index.js'))).toEqual(['botkit@3 declared ^0.4.3']);
    // The nearer declaration wins where both declare it.
    const both = await project({ 'package.json': manifest('^0.4.3'), 'plugins/slack/package.json': manifest('^0.6.0'), 'plugins/slack/index.js': BOT });
    expect(await libraryStarts(join(both, 'plugins', 'slack', 'index.js'))).toEqual([]);
  });

  it('is a site where nothing says which Botkit (no install, no package.json entry)', async () => {
    const dir = await project({ 'package.json': manifest(), 'bot.js': BOT });
    expect(await libraryStarts(join(dir, 'bot.js'))).toEqual(['botkit@3']);
  });

  it("is a site on a receiver it cannot follow only where the file loads Botkit or the project has it", async () => {
    const handler = `module.exports = (controller) => controller.on('create_bot', (bot) => bot.startRTM());\n`;
    const declared = await project({ 'package.json': manifest('^0.4.3'), 'teams.js': handler });
    expect(await libraryStarts(join(declared, 'teams.js'))).toEqual(['botkit@1 declared ^0.4.3']);
    const loaded = await project({ 'package.json': manifest(), 'teams.js': `require('botkit');\n${handler}` });
    expect(await libraryStarts(join(loaded, 'teams.js'))).toEqual(['botkit@2']);
    const neither = await project({ 'package.json': manifest(), 'teams.js': handler });
    expect(await libraryStarts(join(neither, 'teams.js'))).toEqual([]);
  });

  it("is no site in Botkit's own files, nor on a value another package made; is one on the app's own module's value", async () => {
    const dir = await project({
      'package.json': manifest('^0.4.0'),
      'node_modules/botkit/package.json': { name: 'botkit', version: '0.5.3' },
      'node_modules/botkit/examples/demo_bot.js': BOT,
      'relay.js': "const relay = require('chat-relay').spawn({ token: 't' });\nrelay.startRTM();\n",
      'main.js': "const bot = require('./bots').standup;\nbot.startRTM();\n",
    });
    expect(await libraryStarts(join(dir, 'node_modules', 'botkit', 'examples', 'demo_bot.js'))).toEqual([]);
    expect(await libraryStarts(join(dir, 'relay.js'))).toEqual([]);
    expect(await libraryStarts(join(dir, 'main.js'))).toEqual(['botkit@2 installed 0.5.3']);
  });
});

describe("an object of the app's own with a startRTM of its own (around a Botkit bot's)", () => {
  const inner = "new Promise((ok, ko) => this.worker.startRTM((e, b, p) => (e ? ko(e) : ok(p))))";
  it.each([
    ['a class method, called through `this`', `class Relay {\n  go() { return this.startRTM(); }\n  startRTM() { return ${inner}; }\n}\n`, ['botkit@4']],
    ['a class method, called on `new` of the class', `class Relay {\n  startRTM() { return ${inner}; }\n}\nnew Relay().startRTM();\nconst relay = new Relay();\nrelay.startRTM();\n`, ['botkit@3']],
    ['a field set in the constructor', `class Relay {\n  constructor() { this.startRTM = () => ${inner}; }\n  go() { return this.startRTM(); }\n}\n`, ['botkit@3']],
    ['`X.prototype.startRTM = …`', `function Relay() {}\nRelay.prototype.startRTM = function () { return ${inner}; };\nRelay.prototype.go = function () { var self = this; return self.startRTM(); };\nnew Relay().startRTM();\n`, ['botkit@3']],
    ['an object literal, through `this` and its variable', `const relay = {\n  startRTM() { return ${inner}; },\n  go: function () { return this.startRTM(); },\n};\nrelay.startRTM();\n`, ['botkit@3']],
  ])('is no site: %s; the Botkit call inside it is one', async (_, body, sites) => {
    const dir = await project({ 'package.json': manifest(), 'relay.js': `const Botkit = require('botkit');\n${body}` });
    expect(await libraryStarts(join(dir, 'relay.js'))).toEqual(sites);
  });

  it('is still a site on `this` of a class without one, or `new` of it, but as the app\'s object (reported, never wrapped); a bot Botkit made is no app object', async () => {
    const source = `const Botkit = require('botkit');\nclass Relay {\n  go() { return this.startRTM(); }\n}\nconst bot = Botkit.slackbot({}).spawn({ token: 't' });\nbot.startRTM();\nnew Relay().startRTM();\n`;
    const dir = await project({ 'package.json': manifest(), 'relay.js': source });
    const parsed = parseFile(join(dir, 'relay.js'), source);
    const found = findSites(parsed.program, parsed.resolver).flatMap((s) => (s.kind === 'library-start' && s.library === 'botkit' ? [`${s.call.loc.start.line} ${s.appObject}`] : []));
    expect(found).toEqual(['3 true', '6 false', '7 true']);
  });
});

describe("slack-client 1.x's login", () => {
  it('is a site on a client made with `new` of the module itself: in a variable, directly, or in a field set once', async () => {
    const dir = await project({
      'bot.js': `const Slack = require('slack-client');
const slack = new Slack('xoxb-test', true, true);
slack.login();
new Slack('xoxb-test').login();
class Relay {
  constructor(token) { this.client = new Slack(token, true, false); }
  open() { this.client.login(); }
}
module.exports = Relay;
`,
    });
    expect(await libraryStarts(join(dir, 'bot.js'))).toEqual(['slack-client@3', 'slack-client@4', 'slack-client@7']);
  });

  it("is no site for 2.x's classes, another module's client or an unknown receiver", async () => {
    const dir = await project({
      'bot.js': `const { WebClient } = require('slack-client');
const Portal = require('./portal');
new WebClient('xoxb-test').login();
new Portal('xoxb-test').login();
module.exports = (session) => session.login();
`,
    });
    expect(await libraryStarts(join(dir, 'bot.js'))).toEqual([]);
  });
});

describe("slackbots' constructor, by the slackbots the file runs with", () => {
  const bot = `const SlackBot = require('slackbots');
const bot = new SlackBot({ token: process.env.SLACK_TOKEN, name: 'relay' });
bot.on('start', () => bot.postMessageToChannel('general', 'up'));
`;
  const declaring = (range?: string): object => ({ name: 'relay-bot', version: '1.0.0', dependencies: range === undefined ? {} : { slackbots: range } });

  it.each(['^1.2.0', '1.1.3', '~1.2.0', '*', 'github:mishk0/slack-bot-api'])('is a site where package.json declares %s (a range that allows a release before 1.3.0, or one semver cannot read)', async (range) => {
    const dir = await project({ 'package.json': declaring(range), 'bot.js': bot });
    expect(await libraryStarts(join(dir, 'bot.js'))).toEqual([`slackbots@2 declared ${range}`]);
  });

  it.each(['^1.3.0', '>=1.3.0', '1.4.2'])('is no site where package.json declares %s (1.3.0 and later log in with rtm.connect)', async (range) => {
    const dir = await project({ 'package.json': declaring(range), 'bot.js': bot });
    expect(await libraryStarts(join(dir, 'bot.js'))).toEqual([]);
  });

  it('goes by the installed copy over the declared range, and is a site where nothing says which slackbots', async () => {
    const old = await project({ 'package.json': declaring('^1.3.0'), 'node_modules/slackbots/package.json': { name: 'slackbots', version: '1.2.0' }, 'src/bot.js': bot });
    expect(await libraryStarts(join(old, 'src', 'bot.js'))).toEqual(['slackbots@2 installed 1.2.0']);
    const current = await project({ 'package.json': declaring('^1.0.0'), 'node_modules/slackbots/package.json': { name: 'slackbots', version: '1.3.0' }, 'src/bot.js': bot });
    expect(await libraryStarts(join(current, 'src', 'bot.js'))).toEqual([]);
    const unknown = await project({ 'bot.js': bot });
    expect(await libraryStarts(join(unknown, 'bot.js'))).toEqual(['slackbots@2']);
  });

  it("goes by the version a lockfile pins for the declared range where none is installed (the next install brings it back)", async () => {
    const npmLock = (version: string): object => ({ name: 'relay-bot', lockfileVersion: 3, packages: { '': { name: 'relay-bot' }, 'node_modules/slackbots': { version } } });
    const old = await project({ 'package.json': declaring('^1.0.0'), 'package-lock.json': npmLock('1.2.0'), 'bot.js': bot });
    expect(await libraryStarts(join(old, 'bot.js'))).toEqual(['slackbots@2 locked 1.2.0']);
    const current = await project({ 'package.json': declaring('^1.0.0'), 'package-lock.json': npmLock('1.3.0'), 'bot.js': bot });
    expect(await libraryStarts(join(current, 'bot.js'))).toEqual([]);
    const yarn = await project({ 'package.json': declaring('^1.0.0'), 'yarn.lock': 'slackbots@^1.0.0:\n  version "1.3.0"\n', 'bot.js': bot });
    expect(await libraryStarts(join(yarn, 'bot.js'))).toEqual([]);
  });

  it('reads a lockfile again once an install rewrites it (a long-lived ESLint asks the same process)', async () => {
    const npmLock = (version: string): string => JSON.stringify({ name: 'relay-bot', lockfileVersion: 3, packages: { '': { name: 'relay-bot' }, 'node_modules/slackbots': { version } } });
    const dir = await project({ 'package.json': declaring('^1.0.0'), 'package-lock.json': npmLock('1.2.0'), 'bot.js': bot });
    expect(await libraryStarts(join(dir, 'bot.js'))).toEqual(['slackbots@2 locked 1.2.0']);
    expect(await libraryStarts(join(dir, 'bot.js'))).toEqual(['slackbots@2 locked 1.2.0']);
    // Rewritten with the same size: the modification time tells the new version (set apart, as file systems with coarse times would not).
    await writeFile(join(dir, 'package-lock.json'), npmLock('1.3.0'));
    await utimes(join(dir, 'package-lock.json'), new Date(), new Date(Date.now() + 2000));
    expect(await libraryStarts(join(dir, 'bot.js'))).toEqual([]);
    await writeFile(join(dir, 'package-lock.json'), npmLock('1.2.10'));
    expect(await libraryStarts(join(dir, 'bot.js'))).toEqual(['slackbots@2 locked 1.2.10']);
  });

  it("is a site for the default import and a bot made with disconnect: true; no site for another package's class or in slackbots' own files", async () => {
    const dir = await project({
      'package.json': declaring('^1.2.0'),
      'esm.mjs': "import Bot from 'slackbots';\nconst later = new Bot({ token: 't', name: 'n', disconnect: true });\nlater.login();\n",
      'other.js': "const SlackBot = require('slack-bot-kit');\nnew SlackBot({ token: 't' });\n",
      'node_modules/slackbots/package.json': { name: 'slackbots', version: '1.2.0' },
      'node_modules/slackbots/test/demo.js': "const Bot = require('slackbots');\nnew Bot({ token: 't', name: 'n' });\n",
    });
    expect(await libraryStarts(join(dir, 'esm.mjs'))).toEqual(['slackbots@2 installed 1.2.0']);
    expect(await libraryStarts(join(dir, 'other.js'))).toEqual([]);
    expect(await libraryStarts(join(dir, 'node_modules', 'slackbots', 'test', 'demo.js'))).toEqual([]);
  });
});

describe("slackbotapi's constructor (every release requests rtm.start)", () => {
  it("is a site for require, the default import and a bot made in a class, whatever is declared; no site for another package's class, a named import or in slackbotapi's own files", async () => {
    const dir = await project({
      'package.json': { name: 'relay-bot', version: '1.0.0', dependencies: { slackbotapi: '^1.3.9' } },
      'bot.js': "var slackAPI = require('slackbotapi');\nvar slack = new slackAPI({ token: 'xoxb-1-t', logging: false, autoReconnect: true });\nslack.on('message', function (d) { log(slack.getUser(d.user)); });\n",
      'esm.mjs': "import SlackAPI from 'slackbotapi';\nclass Relay {\n  constructor() { this.slack = new SlackAPI({ token: 't' }); }\n}\nexport default Relay;\n",
      'inline.js': "module.exports = new (require('slackbotapi'))({ token: 't' });\n",
      'other.js': "const slackAPI = require('slack-api');\nnew slackAPI({ token: 't' });\nconst { Client } = require('slackbotapi');\nnew Client({ token: 't' });\n",
      'node_modules/slackbotapi/package.json': { name: 'slackbotapi', version: '1.3.9' },
      'node_modules/slackbotapi/examples/example_bot.js': "var slackAPI = require('slackbotapi');\nnew slackAPI({ token: 't' });\n",
    });
    expect(await libraryStarts(join(dir, 'bot.js'))).toEqual(['slackbotapi@2']);
    expect(await libraryStarts(join(dir, 'esm.mjs'))).toEqual(['slackbotapi@3']);
    expect(await libraryStarts(join(dir, 'inline.js'))).toEqual(['slackbotapi@1']);
    expect(await libraryStarts(join(dir, 'other.js'))).toEqual([]);
    expect(await libraryStarts(join(dir, 'node_modules', 'slackbotapi', 'examples', 'example_bot.js'))).toEqual([]);
  });

  // Blind s61/01 (ittygames/databot): `"name": "slackbotapi"` with slackbotapi among its dependencies.
  it.each([
    ['slackbotapi', "var slackAPI = require('slackbotapi');\nvar slack = new slackAPI({ token: 't' });\n", 'slackbotapi@2'],
    ['slackbots', "var Bot = require('slackbots');\nvar bot = new Bot({ token: 't', name: 'n' });\n", 'slackbots@2 installed 1.2.0'],
    ['botkit', BOT, 'botkit@3 installed 0.4.10'],
  ])("is a site in an app named after the library it depends on (%s), and none in the library's own package", async (library, source, site) => {
    const installed = { name: library, version: library === 'botkit' ? '0.4.10' : library === 'slackbots' ? '1.2.0' : '1.3.9' };
    const app = await project({ 'package.json': { name: library, version: '0.0.1', dependencies: { [library]: '*' } }, [`node_modules/${library}/package.json`]: installed, 'bot.js': source });
    expect(await libraryStarts(join(app, 'bot.js'))).toEqual([site]);
    // The library's own package, even beside a node_modules holding a copy of it (a checkout's test set-up).
    const own = await project({ 'package.json': installed, [`node_modules/${library}/package.json`]: installed, 'examples/bot.js': source });
    expect(await libraryStarts(join(own, 'examples', 'bot.js'))).toEqual([]);
  });

  it('is a site where an ES5 subclass runs it on an instance (`slackAPI.call(this, …)`, `X.super_.apply(this, arguments)` after util.inherits); not a `.call` of another function', async () => {
    const dir = await project({
      'relay.js': "var slackAPI = require('slackbotapi');\nvar util = require('util');\nfunction Relay(t) {\n  slackAPI.call(this, { token: t });\n}\nfunction Echo() {\n  Echo.super_.apply(this, arguments);\n}\nutil.inherits(Echo, slackAPI);\nfunction log() {}\nlog.call(this, 1);\n",
    });
    expect(await libraryStarts(join(dir, 'relay.js'))).toEqual(['slackbotapi@4', 'slackbotapi@7']);
  });
});

describe("slackbots' constructor run on an instance (an ES5 subclass)", () => {
  const es5 = `const SlackBot = require('slackbots');
const util = require('util');
function Foodie(settings) { this.settings = settings; }
Foodie.prototype.run = function () { Foodie.super_.call(this, this.settings); };
util.inherits(Foodie, SlackBot);
function Deploy(settings) { SlackBot.call(this, settings); }
function Relay() { SlackBot.apply(this, arguments); }
`;
  const declaring = (range?: string): object => ({ name: 'food-bot', version: '1.0.0', dependencies: range === undefined ? {} : { slackbots: range } });

  it('is a site for X.super_.call(this, …) after util.inherits(X, SlackBot), SlackBot.call(this, …) and SlackBot.apply(this, arguments)', async () => {
    const dir = await project({ 'package.json': declaring('^0.5.0'), 'bot.js': es5, 'esm.mjs': `import Bot from 'slackbots';\nimport { inherits } from 'node:util';\nfunction Foodie(s) {}\ninherits(Foodie, Bot);\nFoodie.prototype.run = function () { Foodie.super_.apply(this, [this.s]); };\n` });
    expect(await libraryStarts(join(dir, 'bot.js'))).toEqual(['slackbots@4 declared ^0.5.0', 'slackbots@6 declared ^0.5.0', 'slackbots@7 declared ^0.5.0']);
    expect(await libraryStarts(join(dir, 'esm.mjs'))).toEqual(['slackbots@5 declared ^0.5.0']);
  });

  it('is no site where slackbots is 1.3.0 or later', async () => {
    const dir = await project({ 'package.json': declaring('^1.3.0'), 'bot.js': es5 });
    expect(await libraryStarts(join(dir, 'bot.js'))).toEqual([]);
  });

  it("is no site where the parent is not shown to be slackbots' constructor: the app's own, another package's, two util.inherits, a parent made out of sight, an instance of slackbots", async () => {
    const dir = await project({
      'bot.js': `const SlackBot = require('slackbots');
const Kit = require('slack-bot-kit');
const util = require('util');
function Base() {}
function A() { A.super_.call(this); }
util.inherits(A, Base);
function B() { B.super_.call(this); }
util.inherits(B, SlackBot);
util.inherits(B, Base);
function C(Parent) { C.super_.call(this); Parent.call(this); Kit.call(this); }
const made = new SlackBot({ token: 't' });
made.login.call(this);
`,
    });
    // \`new SlackBot(…)\` on line 11 is the one site.
    expect(await libraryStarts(join(dir, 'bot.js'))).toEqual(['slackbots@11']);
  });

  it("is no site where the instance goes through withSlackbotsRtmStartOn() of the generated module, as rtm-migrate writes it", async () => {
    const dir = await project({
      'bot.js': "const SlackBot = require('slackbots');\nconst { withSlackbotsRtmStartOn } = require('./rtm-start-data');\nfunction Bot(s) { SlackBot.call(withSlackbotsRtmStartOn(this, { optional: ['dnd'] }), s); }\nfunction Other(s) { SlackBot.call(this, s); }\n",
    });
    expect(await libraryStarts(join(dir, 'bot.js'))).toEqual(['slackbots@4']);
  });
});

describe('an ES6 subclass of slackbots (`class X extends SlackBot`)', () => {
  const es6 = `const SlackBot = require('slackbots');
const { EventEmitter } = require('events');
const { withSlackbotsRtmStart } = require('./rtm-start-data');
class Standup extends SlackBot {
  constructor(s) { super(s); }
}
const Quiet = class extends SlackBot {};
class Mine extends EventEmitter {}
class Done extends withSlackbotsRtmStart(SlackBot) {}
new Standup({ token: 't' });
new Quiet({ token: 't' });
`;
  const declaring = (range: string): object => ({ name: 'standup-bot', version: '1.0.0', dependencies: { slackbots: range } });

  it('is a site at each class whose parent is slackbots, with or without a constructor (not its `new`, not another parent, not one through the generated module)', async () => {
    const dir = await project({ 'package.json': declaring('^1.1.0'), 'bot.js': es6, 'esm.mjs': "import Bot from 'slackbots';\nexport default class extends Bot {}\n" });
    expect(await libraryStarts(join(dir, 'bot.js'))).toEqual(['slackbots@4 declared ^1.1.0', 'slackbots@7 declared ^1.1.0']);
    expect(await libraryStarts(join(dir, 'esm.mjs'))).toEqual(['slackbots@2 declared ^1.1.0']);
  });

  it('is no site where slackbots is 1.3.0 or later', async () => {
    const dir = await project({ 'package.json': declaring('^1.3.0'), 'bot.js': es6 });
    expect(await libraryStarts(join(dir, 'bot.js'))).toEqual([]);
  });
});

describe('a library start already going through the generated module', () => {
  it("is no site: Botkit's withBotkitRtmStart(bot).startRTM(), slackbots' new (withSlackbotsRtmStart(SlackBot))(…), as rtm-migrate writes them", async () => {
    const dir = await project({
      'package.json': { name: 'relay-bot', version: '1.0.0', dependencies: { botkit: '^0.4.0', slackbots: '^1.2.0' } },
      'botkit.js': `const Botkit = require('botkit');\nconst { withBotkitRtmStart } = require('./rtm-start-data');\nconst bot = Botkit.slackbot({}).spawn({ token: 't' });\nwithBotkitRtmStart(bot).startRTM();\nbot.startRTM();\n`,
      'slackbots.mjs': "import SlackBot from 'slackbots';\nimport { withSlackbotsRtmStart } from './rtm-start-data.mjs';\nnew (withSlackbotsRtmStart(SlackBot))({ token: 't', name: 'n' });\nnew SlackBot({ token: 't', name: 'n' });\n",
      // A function of that name from anywhere else is not the module's: the start stays a site.
      'other.js': `const Botkit = require('botkit');\nconst { withBotkitRtmStart } = require('./wrappers');\nwithBotkitRtmStart(Botkit.slackbot({}).spawn({ token: 't' })).startRTM();\n`,
    });
    expect(await libraryStarts(join(dir, 'botkit.js'))).toEqual(['botkit@5 declared ^0.4.0']);
    expect(await libraryStarts(join(dir, 'slackbots.mjs'))).toEqual(['slackbots@4 declared ^1.2.0']);
    expect(await libraryStarts(join(dir, 'other.js'))).toEqual(['botkit@3 declared ^0.4.0']);
  });

  it("is no site: slackbotapi's new (withSlackbotapiRtmStart(slackAPI))(…), as rtm-migrate writes it", async () => {
    const dir = await project({
      'relay.js': "var slackAPI = require('slackbotapi');\nconst { withSlackbotapiRtmStart } = require('./rtm-start-data');\nnew (withSlackbotapiRtmStart(slackAPI, { optional: ['dnd'] }))({ token: 'xoxb-1-t' });\nnew slackAPI({ token: 'xoxb-1-t' });\n",
    });
    expect(await libraryStarts(join(dir, 'relay.js'))).toEqual(['slackbotapi@4']);
  });

  it("is no site: slack-client 1.x's withSlackClientRtmStart(client).login(), as rtm-migrate writes it", async () => {
    const dir = await project({
      'greeter.js': "const Slack = require('slack-client');\nconst { withSlackClientRtmStart } = require('./rtm-start-data');\nconst greeter = new Slack('t', true, true);\nwithSlackClientRtmStart(greeter, { optional: ['dnd'] }).login();\ngreeter.login();\n",
    });
    expect(await libraryStarts(join(dir, 'greeter.js'))).toEqual(['slack-client@5']);
  });

  it('follows a variable given two values to the `new Slack(…)` assigned by the statement just before `login()`, and no further', async () => {
    const dir = await project({
      'plugin.js': "const Slack = require('slack-client');\nlet c;\nfunction init(p) {\n  if (p) { c = p.slack; }\n  else { c = new Slack('t'); c.login(); }\n}\n",
      'apart.js': "const Slack = require('slack-client');\nlet c;\nfunction init(p) {\n  if (p) { c = p.slack; }\n  else { c = new Slack('t'); }\n  c.login();\n}\n",
      'handlers.js': "const Slack = require('slack-client');\nlet c;\nfunction init(p) {\n  if (p) { c = p.slack; }\n  else {\n    c = new Slack('t');\n    c.on('open', onOpen);\n    c.on('error', (e) => console.log(e));\n    c.login();\n  }\n}\n",
      'between.js': "const Slack = require('slack-client');\nlet c;\nfunction init(p) {\n  if (p) { c = p.slack; }\n  else {\n    c = new Slack('t');\n    c.on('open', choose());\n    c.login();\n  }\n}\n",
    });
    expect(await libraryStarts(join(dir, 'plugin.js'))).toEqual(['slack-client@5']);
    // Its own handlers added in between cannot give it another value; a call of the app's (`choose()`) might.
    expect(await libraryStarts(join(dir, 'handlers.js'))).toEqual(['slack-client@9']);
    expect(await libraryStarts(join(dir, 'between.js'))).toEqual([]);
    expect(await libraryStarts(join(dir, 'apart.js'))).toEqual([]);
    // Apart, either value may be logged in: reported as a client the analysis cannot tie to one `new`, never passed over.
    const apart = join(dir, 'apart.js');
    const parsed = parseFile(apart, await readFile(apart, 'utf8'));
    const unfollowed = findSites(parsed.program, parsed.resolver).flatMap((s) => (s.kind === 'unfollowed-client' ? [[s.call.loc.start.line, s.candidate.loc.start.line, s.slackClient]] : []));
    expect(unfollowed).toEqual([[6, 5, true]]);
  });

  it('follows a slack-client 1.x client chosen between new Slack(…) and nothing (`?:` with null / undefined, or set in an if), not between two values', async () => {
    const dir = await project({
      'chosen.js': "const Slack = require('slack-client');\nconst c = process.env.T ? new Slack('t', true, true) : undefined;\nc?.login();\n",
      'flipped.js': "const Slack = require('slack-client');\nconst c = process.env.T ? null : new Slack('t');\nc && c.login();\n",
      'set-if.js': "const Slack = require('slack-client');\nlet c;\nif (process.env.T) c = new Slack('t');\nc && c.login();\n",
      'either.js': "const Slack = require('slack-client');\nconst Other = require('./other');\nconst c = process.env.T ? new Slack('t') : new Other('t');\nc.login();\n",
    });
    expect(await libraryStarts(join(dir, 'chosen.js'))).toEqual(['slack-client@3']);
    expect(await libraryStarts(join(dir, 'flipped.js'))).toEqual(['slack-client@3']);
    expect(await libraryStarts(join(dir, 'set-if.js'))).toEqual(['slack-client@4']);
    expect(await libraryStarts(join(dir, 'either.js'))).toEqual([]);
  });
});

/** `login()` sites of a value required from a module of the app not followed, as `line from-module`. */
async function requiredLogins(file: string): Promise<string[]> {
  const parsed = parseFile(file, await readFile(file, 'utf8'));
  return findSites(parsed.program, parsed.resolver).flatMap((s) => (s.kind === 'unfollowed-client' && s.slackClientFrom !== undefined ? [`${String(s.call.loc.start.line)} ${s.slackClientFrom}`] : []));
}

describe('slack-client 1.x login() on a value required from a module of the app not followed', () => {
  const uses = (use: string): string => `var slack = require('./lib/slack');\n${use}\nslack.login();\n`;
  const declares = (range: string): object => ({ name: 'notes-bot', version: '1.0.0', dependencies: { 'slack-client': range } });

  it.each([
    ["slack.on('open', function () { console.log(slack.self.name); });", '^1.5.1'],
    ["slack.on('loggedIn', function (self, team) { console.log(team.name); });", '1.4.0'],
    ['console.log(slack.team.name);', '*'],
    ['var channel = slack.getChannelByName("general");', '~1.2.0'],
  ])('is a site where the project declares a 1.x range and the value is used as its client: %s (%s)', async (use, range) => {
    const dir = await project({ 'package.json': declares(range), 'bot.js': uses(use) });
    expect(await requiredLogins(join(dir, 'bot.js'))).toEqual(['3 ./lib/slack']);
  });

  it.each([
    ["slack.on('message', function (m) { console.log(m.text, slack.users.size, slack.channels.size); });", '^1.5.1', 'used only as any chat client is'],
    ["slack.on('open', function () { console.log(slack.self.name); });", '^2.0.0', 'a 2.x range: its module is no client class'],
  ])('is no site for %s where package.json declares %s (%s)', async (use, range) => {
    const dir = await project({ 'package.json': declares(range), 'bot.js': uses(use) });
    expect(await requiredLogins(join(dir, 'bot.js'))).toEqual([]);
  });

  it('is a site for what a function of that module answers (`require(…).getSlack()`), not for an object of its class (`new Bot()`)', async () => {
    const open = "slack.on('open', function () { console.log(slack.self.name); });";
    const dir = await project({
      'package.json': declares('^1.5.1'),
      'answered.js': `var slack = require('./lib/bot').getSlack();\n${open}\nslack.login();\n`,
      'made.js': `var Bot = require('./lib/bot');\nvar slack = new Bot();\n${open}\nslack.login();\n`,
    });
    expect(await requiredLogins(join(dir, 'answered.js'))).toEqual(['3 ./lib/bot']);
    expect(await requiredLogins(join(dir, 'made.js'))).toEqual([]);
  });

  it('names slack-client by a look-up only its 1.x client has where no package.json does, and by nothing else', async () => {
    const dir = await project({
      'own.js': uses('var channel = slack.getChannelGroupOrDMByID(id);'),
      'generic.js': uses("slack.on('open', function () { console.log(slack.self.name, slack.team.name); });"),
    });
    expect(await requiredLogins(join(dir, 'own.js'))).toEqual(['3 ./lib/slack']);
    expect(await requiredLogins(join(dir, 'generic.js'))).toEqual([]);
  });
});
