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
  const botkit = (callback: string): string => `const Botkit = require('botkit');\nBotkit.slackbot({}).spawn({ token: 't' }).startRTM(${callback});\n`;

  it.each([
    ['no callback', '', ['self', 'team']],
    ['a callback without the payload', '(err, bot) => console.log(err, bot)', ['self', 'team']],
    ['a callback taking the payload', '(err, bot, payload) => console.log(payload)', ['self', 'team', '']],
    ['a callback reading `arguments`', 'function () { console.log(arguments); }', ['self', 'team', '']],
    ['a callback not seen', 'onStarted', ['self', 'team', '']],
  ])('Botkit, %s', (_form, callback, reach) => {
    expect(reachOf(botkit(callback))).toEqual({ reach });
  });

  it('slack-client 1.x: its own copies, whose Team has no prefs', () => {
    expect(reachOf("const Slack = require('slack-client');\nconst c = new Slack('t', true, true);\nc.login();\n")).toEqual({ reach: ['url', 'self', 'team.id', 'team.name', 'team.domain', 'users', 'channels', 'groups', 'ims'] });
  });
});
