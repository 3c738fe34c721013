import './setup.js';

import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../src/rules/no-rtm-start.js';

/**
 * Starts reached through how a module was loaded: Meteor's `Npm.require` (a Meteor server file, run here
 * only as source: the Meteor runtime is not installed) and a module kept on `this`; and the libraries
 * that request `rtm.start` themselves: the `slack` package's RTM bot (`listen()`), slack-client 1.x
 * (`login()`), Botkit before 0.5.4 (`startRTM()`), slackbots before 1.3.0 (`new SlackBot(…)`; their
 * version cases are in the analysis's library-start test, on files on disk) and slackbotapi (`new slackAPI(…)`).
 */
const ruleTester = new RuleTester();
/** Meteor's `Npm` named as a global in the lint config (as a Meteor app's config does). */
const meteorGlobals = { languageOptions: { globals: { Npm: 'readonly' as const } } };

ruleTester.run('no-rtm-start (module loads, library starts)', rule, {
  valid: [
    // Another package loaded through Meteor's Npm.require: its RtmClient is not Slack's.
    { code: "class Relay { constructor() { this.lib = Npm.require('irc-rtm-kit'); } open() { var RtmClient = this.lib.RtmClient; var c = new RtmClient(t); c.start(); } }" },
    // `Npm` bound in the file is not Meteor's: its `require` may load anything.
    { code: "var Npm = { require: function (n) { return fakes[n]; } }; function Relay() { this.lib = Npm.require('slack-client'); } Relay.prototype.open = function () { var RtmClient = this.lib.RtmClient; new RtmClient(t).start(); };" },
    // The field is written twice: which module it holds when read is not known.
    { code: "class Relay { constructor() { this.lib = Npm.require('slack-client'); } swap(x) { this.lib = x; } open() { var RtmClient = this.lib.RtmClient; new RtmClient(t).start(); } }" },
    // `listen()` of something that is not the slack package's bot.
    "const slack = require('./my-slack'); const bot = slack.rtm.client(); bot.listen({ token });",
    "const server = require('http').createServer(); server.listen(3000);",
    // A bot made but never started requests nothing.
    "const slack = require('slack'); const bot = slack.rtm.client(); bot.message(m => log(m));",
    // `login()` of a client that is not slack-client 1.x's (2.x's module is an object of classes, not one).
    "const { WebClient } = require('slack-client'); new WebClient(t).login();",
    "const Portal = require('./portal'); const p = new Portal(t); p.login();",
    // `startRTM()` of another module's bot, or of a receiver not followed in a file that loads no Botkit
    // (nothing on disk here says the project has one).
    "require('./relay').spawn({ token }).startRTM();",
    'function go(bot) { bot.startRTM(); }',
    // A class of another package, or one a module of the app's hands on, is not slackbots' bot.
    "const SlackBot = require('slack-bot-kit'); new SlackBot({ token, name: 'relay' });",
    "const { Bot } = require('./bots'); const bot = new Bot({ token });",
    // Nor is another package's slackAPI, or a module of the app's that wraps slackbotapi.
    "var slackAPI = require('slack-api'); var slack = new slackAPI({ token: t });",
    "var slackAPI = require('./slackbotapi'); var slack = new slackAPI({ token: t });",
  ],
  invalid: [
    {
      code: "class Relay { constructor() { this.lib = Npm.require('slack-client'); } open() { var RtmClient = this.lib.RtmClient; var rtm = new RtmClient(t); rtm.start(); } }",
      errors: [{ messageId: 'legacyRtmClient', column: 146 }],
    },
    {
      ...meteorGlobals,
      code: "function Relay() { this.sdk = Npm.require('slack-client'); } Relay.prototype.open = function () { var rtm = new this.sdk.RtmClient(t); rtm.start(); };",
      errors: [{ messageId: 'legacyRtmClient' }],
    },
    {
      code: "const slack = require('slack'); let bot = null; function go() { bot = slack.rtm.client(); bot.hello(() => {}); bot.listen({ token }); }",
      errors: [{ messageId: 'rtmStartInLibrary', column: 112 }],
    },
    { code: "const { rtm } = require('slack'); rtm.client().listen({ token }, (err, data) => {});", errors: [{ messageId: 'rtmStartInLibrary' }] },
    { code: "import slack from 'slack'; const bot = slack.rtm.client(); bot.listen({ token });", errors: [{ messageId: 'rtmStartInLibrary' }] },
    // A bot made by a method of the class, kept in a field (blind s89/10).
    { code: "const slack = require('slack'); class L { constructor() { this.bot = this.setup(); } setup() { const b = slack.rtm.client(); return b; } go() { this.bot.listen({ token }); } }", errors: [{ messageId: 'rtmStartInLibrary' }] },
    // A fork of the package with its `rtm.client()` (blind s87/10: slack-promise): named, with no rewrite promised.
    { code: "var slack = require('slack-promise'); var rtmClient = slack.rtm.client(); rtmClient.listen({ token });", errors: [{ messageId: 'rtmStartInSlackPackageFork', data: { module: 'slack-promise' }, column: 75 }] },
    { code: "const Slack = require('slack-client'); const slack = new Slack(t, true, true); slack.on('open', ready); slack.login();", errors: [{ messageId: 'rtmStartInSlackClientLogin', column: 105 }] },
    { code: "import SlackClient from 'slack-client'; class Bot { constructor(t) { this.sc = new SlackClient(t); } run() { this.sc.login(); } }", errors: [{ messageId: 'rtmStartInSlackClientLogin' }] },
    // No package.json or install is known here: the Botkit may be older than 0.5.4.
    { code: "const Botkit = require('botkit'); const controller = Botkit.slackbot({}); const bot = controller.spawn({ token }); bot.startRTM(cb);", errors: [{ messageId: 'rtmStartInBotkit', column: 116 }] },
    { code: "import Botkit from 'botkit'; Botkit.slackbot({}).spawn({ token }).startRTM();", errors: [{ messageId: 'rtmStartInBotkit' }] },
    { code: "const Botkit = require('botkit'); module.exports = (c) => c.on('create_bot', (bot) => bot.startRTM());", errors: [{ messageId: 'rtmStartInBotkit' }] },
    // No package.json or install is known here: the slackbots may be older than 1.3.0, whose constructor logs in with rtm.start.
    { code: "const SlackBot = require('slackbots'); const bot = new SlackBot({ token, name: 'relay' }); bot.on('start', ready);", errors: [{ messageId: 'rtmStartInSlackbots', column: 56 }] },
    { code: "import Bot from 'slackbots'; export default new Bot({ token, name: 'relay', disconnect: true });", errors: [{ messageId: 'rtmStartInSlackbots' }] },
    // slackbotapi's constructor requests rtm.start in its only release (1.3.9): reported whatever is installed.
    { code: "var slackAPI = require('slackbotapi'); var slack = new slackAPI({ token: t, logging: true, autoReconnect: true }); slack.on('message', log);", errors: [{ messageId: 'rtmStartInSlackbotapi', column: 56 }] },
    { code: "import SlackAPI from 'slackbotapi'; export const slack = new SlackAPI({ token });", errors: [{ messageId: 'rtmStartInSlackbotapi' }] },
    // Its constructor run on an instance by an ES5 subclass requests rtm.start the same way.
    { code: "var slackAPI = require('slackbotapi'); function Relay(t) { slackAPI.call(this, { token: t }); }", errors: [{ messageId: 'rtmStartInSlackbotapiCall', column: 60 }] },
    { code: "var util = require('util'); var slackAPI = require('slackbotapi'); function Relay(t) { Relay.super_.apply(this, arguments); } util.inherits(Relay, slackAPI);", errors: [{ messageId: 'rtmStartInSlackbotapiCall' }] },
  ],
});
