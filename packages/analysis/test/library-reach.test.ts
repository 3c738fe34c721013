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
    ['a callback without the payload', '(err, bot) => console.log(err, bot)', '', connectOnly],
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

  it('slack-client 1.x: its own copies, whose Team has no prefs', () => {
    expect(reachOf("const Slack = require('slack-client');\nconst c = new Slack('t', true, true);\nc.login();\n")).toEqual({ reach: ['url', 'self', 'team.id', 'team.name', 'team.domain', 'users', 'channels', 'groups', 'ims'] });
  });
});
