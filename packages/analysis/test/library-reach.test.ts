import { describe, expect, it } from 'vitest';

import { findSites, libraryReach, type LibraryStartSite } from '../src/index.js';
import { parseFile } from '../src/project.js';

/** What the app reaches of the data through the one library start of `source` (no package.json: any release). */
function reachOf(source: string): { reach: readonly string[]; fields?: readonly string[] } {
  const parsed = parseFile('/virtual/bot.js', source);
  const site = findSites(parsed.program, parsed.resolver).find((s): s is LibraryStartSite => s.kind === 'library-start');
  if (!site) throw new Error('no library start');
  return libraryReach(parsed.resolver, site, site.library);
}

const slackbots = (uses: string): string => `const SlackBot = require('slackbots');\nconst bot = new SlackBot({ token: 't', name: 'n' });\n${uses}\n`;
const KEEPS = ['url', 'self', 'team', 'users', 'channels', 'groups', 'ims'];

describe('what a slackbots bot reads, where every use of it is known', () => {
  it.each([
    ["bot.on('start', () => bot.postMessageToChannel('general', 'hi'));", ['channels', 'url']],
    ["bot.on('start', function () { bot.getChannel('general').then((c) => console.log(c.members)); });", ['channels', 'channels[].members', 'url']],
    ["bot.on('start', onStart);\nfunction onStart() { bot.postMessageToUser('ann', 'hi'); }", ['ims', 'url', 'users']],
    ["bot.on('message', (m) => bot.postMessage(m.channel, 'pong'));", ['url']],
    ['console.log(bot.users.length, bot.team.name);', ['team', 'url', 'users']],
  ])('%s → fields %j', (uses, fields) => {
    expect(reachOf(slackbots(uses))).toEqual({ reach: fields, fields });
  });

  it.each([
    ['handed on', 'module.exports = bot;'],
    ['a listener reading `this`', "bot.on('start', function () { console.log(this.users); });"],
    ['a listener not seen', "bot.on('start', require('./on-start'));"],
    ['a member rtm-migrate does not know', "bot.on('start', () => bot.getWhatever());"],
    ['a computed member', "bot.on('start', () => bot['get' + 'Users']());"],
    ['held by another variable', 'let other = bot;'],
    ['a member written', 'bot.users = [];'],
    ['destructured', 'const { users } = bot;'],
  ])('%s: the whole data (only what slackbots keeps reaches the app)', (_why, uses) => {
    expect(reachOf(slackbots(uses))).toEqual({ reach: KEEPS });
  });
});

describe('what other libraries keep', () => {
  const botkit = (callback: string, more = ''): string => `const Botkit = require('botkit');\nconst controller = Botkit.slackbot({});\ncontroller.spawn({ token: 't' }).startRTM(${callback});\n${more}`;
  const connectOnly = { reach: ['url'], fields: ['self', 'url'] };

  it.each([
    ['no callback', '', '', connectOnly],
    ['a callback without the payload', '(err, bot) => console.log(err, bot.identity.name)', '', connectOnly],
    ['the payload read for what rtm.connect answers', '(err, bot, payload) => console.log(payload.team.domain, payload.self.name)', '', connectOnly],
    ['the payload read for users', '(err, bot, payload) => payload.users.forEach((u) => console.log(u.name))', '', { reach: ['url', 'users'], fields: ['self', 'url', 'users'] }],
    ['`team_info` read for what rtm.connect answers', '', "controller.hears('x', 'ambient', (bot) => console.log(bot.team_info.domain, bot.identity.id));", connectOnly],
    ['`team_info.icon` read', '', "controller.hears('x', 'ambient', (bot) => console.log(bot.team_info.icon.image_34));", { reach: ['url'], fields: ['self', 'team', 'url'] }],
    ['`team_info.prefs` read', '', "controller.hears('x', 'ambient', (bot) => console.log(bot['team_info'].prefs.x));", { reach: ['url', 'team.prefs'], fields: ['self', 'team', 'url'] }],
    ['`{{identity.name}}` in a template', '', "controller.hears('x', 'ambient', (bot, m) => bot.startConversation(m, (e, c) => c.say('I am {{identity.name}}')));", connectOnly],
  ])('Botkit, %s: only the parts read', (_form, callback, more, expected) => {
    expect(reachOf(botkit(callback, more))).toEqual(expected);
  });

  it.each([
    ['a callback taking the payload, handed on', '(err, bot, payload) => console.log(payload)', ''],
    ['a callback reading `arguments`', 'function () { console.log(arguments); }', ''],
    ['a callback not seen', 'onStarted', ''],
    ['`team_info` used whole', '', "controller.hears('x', 'ambient', (bot) => console.log(bot.team_info));"],
    ['`identity` tested', '', "controller.hears('x', 'ambient', (bot) => { if (bot.identity) console.log('up'); });"],
    ['`team_info` read by a name not static', '', "controller.hears('x', 'ambient', (bot, m) => console.log(bot.team_info[m.text]));"],
    ['`identity` destructured', '', "controller.hears('x', 'ambient', ({ identity }) => console.log(identity.name));"],
    ['`team_info` written', '', "controller.hears('x', 'ambient', (bot) => { bot.team_info.name = 'x'; });"],
    ['a path as a string', '', "const _ = require('lodash');\ncontroller.hears('x', 'ambient', (bot) => console.log(_.get(bot, 'team_info.domain')));"],
    ['`{{#identity}}` section', '', "controller.hears('x', 'ambient', (bot, m) => bot.startConversation(m, (e, c) => c.say('{{#identity}}{{name}}{{/identity}}')));"],
    ['the controller handed to another package', '', "const builder = require('botbuilder');\nnew builder.SlackBot(controller);"],
  ])('Botkit, %s: the whole data', (_form, callback, more) => {
    const reach = reachOf(botkit(callback, more));
    expect(reach.fields).toBeUndefined();
    expect(reach.reach).toEqual(expect.arrayContaining(['self', 'team']));
  });

  // Blind s92/09 (jps1st/curt): `function (err, bot, payload)` reading `err` alone, the worker handed where it is not followed.
  it.each([
    ['declared but never read', '(err, bot, payload) => console.log(err)', ['self', 'team']],
    ['read whole', '(err, bot, payload) => console.log(payload)', ['self', 'team', '']],
  ])('Botkit, a callback whose payload is %s, the whole data fetched: the payload reaches the app only where read', (_form, callback, reach) => {
    const fetched = reachOf(botkit(callback, "const lib = require('some-lib');\ncontroller.hears('x', 'ambient', function (bot, message) { lib.handle(bot, message); });"));
    expect(fetched).toEqual({ reach });
  });

  it.each([
    ['`team_info` handed to a function', "const send = require('./send');\ncontroller.hears('x', 'ambient', (bot) => send(bot.team_info));"],
    ['`identity` serialised', "controller.hears('x', 'ambient', (bot, m) => bot.reply(m, JSON.stringify(bot.identity)));"],
  ])('Botkit, %s: the whole data (the part used whole)', (_form, more) => {
    const reach = reachOf(botkit('', more));
    expect(reach.fields).toBeUndefined();
    expect(reach.reach).toEqual(expect.arrayContaining(['self', 'team']));
  });

  it.each([
    ['a handler handing `bot` to another package', "const lib = require('some-lib');\ncontroller.hears('x', 'ambient', function (bot, message) { lib.handle(bot, message); });"],
    ['an `on` handler handing `bot` to a package it requires', "controller.on('rtm_open', (bot) => require('botkit-middleware-x')(bot));"],
    ['a handler handing `bot` to a function looked up', "const handlers = {};\ncontroller.on('direct_mention', (bot, m) => handlers[m.text](bot, m));"],
    ['a handler not seen', "controller.hears('x', 'ambient', require('botkit-greeter'));"],
    ['a handler reading `arguments`', "const lib = require('some-lib');\ncontroller.hears('x', 'ambient', function () { lib.handle(arguments[0]); });"],
    ['middleware handing `bot` on', "const lib = require('some-lib');\ncontroller.middleware.receive.use((bot, message, next) => { lib.track(bot); next(); });"],
    ['the `startRTM` callback handing `bot` on', "const lib = require('some-lib');\ncontroller.spawn({ token: 'u' }).startRTM((err, bot) => lib.watch(bot));"],
    ['a `spawn` callback handing `bot` on', "const lib = require('some-lib');\ncontroller.spawn({ token: 'u' }, (bot) => lib.watch(bot));"],
    ['a spawned bot handed on', "const lib = require('some-lib');\nconst other = controller.spawn({ token: 'u' });\nlib.watch(other);"],
    ['a spawned bot kept in `this.bot`, handed on', "const lib = require('some-lib');\nclass Relay {\n  constructor() { this.bot = controller.spawn({ token: 'u' }); }\n  watch() { lib.watch(this.bot); }\n}\nmodule.exports = Relay;"],
    ['`bot` handed to a function of this file that hands it on', "const lib = require('some-lib');\nfunction relay(b) { lib.watch(b); }\ncontroller.on('rtm_open', (bot) => relay(bot));"],
    ['`bot` kept in an alias, handed on', "const lib = require('some-lib');\ncontroller.on('rtm_open', (bot) => { const b = bot; lib.watch(b); });"],
    ['`bot` put in an object', "const lib = require('some-lib');\ncontroller.on('rtm_open', (bot) => lib.watch({ bot }));"],
    ['`bot` printed whole', "controller.on('rtm_open', (bot) => console.log(bot));"],
    ['a controller parameter of a function called with the controller, handing `bot` on', "const lib = require('some-lib');\nfunction skill(c) { c.on('rtm_open', (bot) => lib.watch(bot)); }\nskill(controller);"],
    ['copied onto `this` of a class whose instance is handed on', "const lib = require('some-lib');\nclass TeamBot {\n  constructor() { Object.assign(this, controller.spawn({ token: 'u' })); }\n}\nlib.watch(new TeamBot());"],
  ])('Botkit, %s: the whole data (the bot may be read where it is not seen)', (_form, more) => {
    const reach = reachOf(botkit('', more));
    expect(reach.fields).toBeUndefined();
    expect(reach.reach).toEqual(expect.arrayContaining(['self', 'team']));
  });

  it.each([
    ['handed to a function of this file that reads a field', "function where(b) { return b.team_info.email_domain; }\ncontroller.on('rtm_open', (bot) => console.log(where(bot)));", { reach: ['url'], fields: ['self', 'team', 'url'] }],
    ['handed to a function of this file that only replies', "function greet(b, m) { b.reply(m, 'hi'); }\ncontroller.hears('x', 'ambient', (bot, m) => greet(bot, m));", connectOnly],
    ['kept in `this.bot` and read by member', "class Relay {\n  constructor() { this.bot = controller.spawn({ token: 'u' }); }\n  name() { return this.bot.identity.name; }\n}\nmodule.exports = Relay;", connectOnly],
    ['copied onto `this` of a class, its members read', "class TeamBot {\n  constructor() { Object.assign(this, controller.spawn({ token: 'u' })); }\n  boot() { this.startRTM(); }\n}\nnew TeamBot().boot();", connectOnly],
    ['a handler of this file by name', "function onOpen(bot) { if (bot) console.log(bot.identity.id); }\ncontroller.on('rtm_open', onOpen);", connectOnly],
    ['(not: `on` of a parameter no call hands a controller, handing its argument to a package)', "const lib = require('some-lib');\nmodule.exports = function (emitter) { emitter.on('ready', (client) => lib.watch(client)); };", connectOnly],
    ['(not: `on` of an object of unknown origin)', "const lib = require('some-lib');\nconst hub = lib.hub();\nhub.on('message', (m) => lib.log(m));", connectOnly],
    ["`process.on`'s and a socket's handlers (no bot)", "const ws = require('ws');\nconst sock = new ws('ws://127.0.0.1');\nsock.on('message', (data) => JSON.parse(data));\nprocess.on('exit', (code) => console.log(code));", connectOnly],
  ])('Botkit, a bot %s: followed', (_form, more, expected) => {
    expect(reachOf(botkit('', more))).toEqual(expected);
  });

  it('slack-client 1.x: its own copies, whose Team has no prefs', () => {
    expect(reachOf("const Slack = require('slack-client');\nconst c = new Slack('t', true, true);\nc.login();\n")).toEqual({ reach: ['url', 'self', 'team.id', 'team.name', 'team.domain', 'users', 'channels', 'groups', 'ims'] });
  });
});
