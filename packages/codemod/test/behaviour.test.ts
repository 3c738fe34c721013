import { cp, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RTM_START_MEMBER_LIMIT } from '@rtm-migrate/core';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileBot, copyLegacyBot } from '../../../test/support/legacy-bot.js';
import { run, runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, copyBot, copyLibrary, ROOT, tempDir } from './helpers.js';

/**
 * Behaviour, not text: each program runs as a process against fake Slack on 127.0.0.1 before the
 * migration (`rtm.start` answering in full, `legacy` mode) and after `rtm-migrate apply` on a copy of
 * it (`rtm.start` retired: `connect_required`), and must print the same users, channels, groups,
 * mpims, ims and memberships (a TODO left in code the program does not run is checked at its site
 * and in the report).
 */

const BOTS = join(ROOT, 'fixtures', 'bots');

interface Program {
  readonly name: string;
  /** A fresh copy of the program in a temporary folder; returns the folder. */
  copy(): Promise<string>;
  /** The script to run, relative to the copy. */
  readonly main: string;
  /** Steps between copying (or migrating) and running, such as compiling. */
  build?(dir: string): Promise<void>;
  /** Files (relative to the copy) where a TODO lands for code the program does not run. */
  readonly todoIn?: readonly string[];
  /** Files (relative to the copy) left byte for byte as they were, their sites reported as notes. */
  readonly unchanged?: readonly string[];
  /** The outcome of those notes: `filled` (a dataStore look-up, the default) or `covered` (a use of a wrapper migrated whole). */
  readonly unchangedAs?: 'filled' | 'covered';
  /** What of the output must stay the same (default: all of it). */
  readonly compared?: (stdout: string) => string;
  /** A line of the original's output against legacy rtm.start, to know it really ran. */
  readonly prints: RegExp;
  /** False for a program that does not print the memberships (fixtures/bots/summary.js). */
  readonly printsMembers?: boolean;
  /** The folder migrated (relative to the copy), when it is a library's own and not the whole copy: its consumer is left as it is. */
  readonly applyTo?: string;
  /**
   * Files (relative to the copy) whose start hands a list to code not followed (the library's users),
   * who may read item attributes only rtm.start gave: each migrated through the helper module all the
   * same, its report line naming them (the module's items answer `undefined` for one and warn on a read).
   */
  readonly warnedItems?: Readonly<Record<string, string>>;
  /**
   * The `rtm.connect` calls the migrated run makes (default 1): none where the sites that run need neither
   * `url` nor `self` (the parts handed on are fetched, not the whole data, whose `url` needs one).
   */
  readonly connects?: number;
}

/** A project of fixtures/projects (its `input/`, as the app has it) with the bots' shared summary. */
async function copyProject(project: string): Promise<string> {
  const dir = await tempDir(`${project}-`);
  await cp(join(ROOT, 'fixtures', 'projects', project, 'input'), join(dir, project), { recursive: true });
  await cp(join(BOTS, 'summary.js'), join(dir, 'summary.js'));
  return dir;
}

/** Compiles a TypeScript bot of the copy with its own tsconfig (strict), which must pass without a word. */
async function compileTs(dir: string, bot: string): Promise<void> {
  const compiled = await run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, bot)]);
  expect(compiled.stdout + compiled.stderr).toBe('');
}

/** botkit 0.2 as installed (botkit-02), with the botkit runner its own runner hands it to. */
async function copyBotkit02(): Promise<string> {
  return copyLibrary(undefined, 'botkit-02', 'botkit-02', ['botkit-02', 'botkit']);
}

/** The copy's fixed Slack API URL in `file` replaced (the only edit besides the migration), so that it talks to fake Slack. */
async function pointAtFakeSlack(dir: string, file: string, fixed: string, replacement: string): Promise<string> {
  const path = join(dir, file);
  const source = await readFile(path, 'utf8');
  expect(source).toContain(fixed);
  await writeFile(path, source.replace(fixed, replacement));
  return dir;
}

/**
 * Runs slack-api-client (0.1.x) as its README shows, new Slack(apiKey), then slack.api.rtm.start(callback).
 * Written here rather than in fixtures/bots/runners: it calls the library's own `rtm.start` method by
 * name, which rtm-migrate rightly leaves to a human in a consumer (the fix belongs in the library,
 * which this test migrates), so it is no bundled bot that must migrate with no TODO.
 */
const SLACK_API_CLIENT_RUNNER = `// Runs slack-api-client (0.1.x) as its README shows: new Slack(apiKey), then slack.api.<family>.<method>(…, callback).
// The client keeps the API origin in its \`host\` (https://api.slack.com, the endpoints add /api/…): the
// runner sets it to fake Slack's, which the library allows on any instance.
var Slack = require('slack-api-client');
var printWorkspace = require('../summary');

var slack = new Slack(process.env.SLACK_BOT_TOKEN);
slack.host = process.env.SLACK_API_URL.replace(/\\/api\\/$/, '');

slack.api.rtm.start(function (err, data) {
  if (err) {
    console.error('rtm.start failed: ' + err.message);
    process.exitCode = 1;
    return;
  }
  console.log('connecting to ' + data.url.split('/')[2]);
  printWorkspace(data);
});
`;

const PROGRAMS: readonly Program[] = [
  {
    name: 'legacy-bot (TypeScript, await, @slack/web-api)',
    copy: () => copyLegacyBot('behaviour-legacy-bot-'),
    main: join('dist', 'index.js'),
    async build(dir) {
      const compiled = await compileBot(dir);
      expect(compiled.stdout + compiled.stderr).toBe('');
    },
    prints: /^users: \d+/m,
  },
  {
    name: 'v3 RtmClient bot using dataStore (fixtures/v3-bot)',
    async copy() {
      const dir = await tempDir('behaviour-v3-bot-');
      await cp(join(ROOT, 'fixtures', 'v3-bot', 'src'), join(dir, 'src'), { recursive: true });
      await symlink(join(ROOT, 'fixtures', 'v3-bot', 'node_modules'), join(dir, 'node_modules'), 'dir');
      return dir;
    },
    main: join('src', 'bot.js'),
    prints: /^sent to #general: /m,
  },
  { name: 'callback-style bot (v3 WebClient, (err, res) callback, client on this)', copy: () => copyBot('callback-bot'), main: join('callback-bot', 'bot.js'), prints: /^channels: \d+/m },
  { name: '.then-chain bot (v3 WebClient promises)', copy: () => copyBot('promise-v3-bot'), main: join('promise-v3-bot', 'bot.js'), prints: /^users: \d+/m },
  // v3 and v4 WebClients have no `paginate`: the inline rewrite would crash there, the helper module calls through the client.
  { name: 'await bot (v3 WebClient, no paginate)', copy: () => copyBot('await-v3-bot'), main: join('await-v3-bot', 'bot.js'), prints: /^mpims: \d+/m },
  // The response kept in a module-level object and handed to a class: followed (state.workspace, the
  // constructor, this.workspace), so the inline rewrite fetches just what is read.
  { name: 'state bot (@slack/web-api, response kept in an object, read by a class)', copy: () => copyBot('state-bot'), main: join('state-bot', 'bot.js'), prints: /^channels: \d+/m },
  { name: '.then-chain bot (@slack/web-api)', copy: () => copyBot('then-bot'), main: join('then-bot', 'bot.js'), prints: /^mpims: \d+/m },
  {
    // Reads bots, subteams, dnd, team.prefs, and latest / last_read / unread counts of its channels and ims.
    name: 'bot reading bots, subteams, dnd, team.prefs and unread state (@slack/web-api, await: inline)',
    copy: () => copyBot('extras-bot'),
    main: join('extras-bot', 'bot.js'),
    prints: /^subteams: in S\w+/m,
    printsMembers: false,
  },
  {
    // The same reads in a .then chain: rewritten to the generated helper module, asked for exactly these extras.
    name: '.then-chain bot reading the same (helper module with `include`)',
    copy: () => copyBot('extras-then-bot'),
    main: join('extras-then-bot', 'bot.js'),
    prints: /^subteams seen: \d+/m,
    printsMembers: false,
  },
  // Through the app's own transport: the replacement calls go where the original request went (same
  // URL base and headers; the same helper with its token and callback), so neither bot needs a WebClient.
  { name: 'raw-HTTP fetch bot', copy: () => copyBot('fetch-bot'), main: join('fetch-bot', 'bot.js'), prints: /^ims: \d+/m },
  { name: 'raw-HTTP fetch bot (token in the query, awaited response)', copy: () => copyBot('fetch-query-bot'), main: join('fetch-query-bot', 'bot.js'), prints: /^mpims: \d+/m },
  // The URL built at the call and handed to the bot's own function, which asks with request-promise: the call passes the query's arguments instead.
  { name: 'raw-HTTP request-promise bot (the URL given to a function of the file)', copy: () => copyBot('url-argument-bot'), main: join('url-argument-bot', 'bot.js'), prints: /^mpims: \d+/m },
  { name: 'raw-HTTP fetch bot (query by querystring.stringify, res.ok checked before res.json())', copy: () => copyBot('fetch-ok-chain-bot'), main: join('fetch-ok-chain-bot', 'bot.js'), prints: /^mpims: \d+/m },
  { name: 'raw-HTTP axios bot (axios.post, qs.stringify form, res.data)', copy: () => copyBot('axios-bot'), main: join('axios-bot', 'bot.js'), prints: /^mpims: \d+/m },
  { name: 'raw-HTTP got bot (got.post form, .json())', copy: () => copyBot('got-bot'), main: join('got-bot', 'bot.js'), prints: /^groups: \d+/m },
  // unirest's one-parameter end(response) callback; the URL held in a variable and given the token as a query where it is used.
  { name: "raw-HTTP unirest bot (held URL + '?token=', end(response) reading error and body)", copy: () => copyBot('unirest-bot'), main: join('unirest-bot', 'bot.js'), prints: /^channels: \d+/m },
  // Read for rtm.connect's fields only (ok, self, team, url): the same request, its URL naming rtm.connect (no helper module).
  {
    name: "raw-HTTP request bot read for rtm.connect's fields only (held URL, `&no_unreads=1` kept)",
    copy: () => copyBot('connect-fields-bot'),
    main: join('connect-fields-bot', 'bot.js'),
    prints: /^self: \S+ \S+\nteam: \S+ .+\nconnecting to 127\.0\.0\.1:\d+$/m,
    printsMembers: false,
  },
  { name: 'raw-HTTP request bot ((err, res, body) callback, JSON.parse)', copy: () => copyBot('request-bot'), main: join('request-bot', 'bot.js'), prints: /^channels: \d+/m },
  // The callback `.bind(this)`-ed to the instance: its `this` is the caller's, not request's, so the rewrite keeps the bind.
  { name: 'raw-HTTP request bot (held URL, (err, res, body) callback bound with .bind(this), answer kept on the instance)', copy: () => copyBot('bound-callback-bot'), main: join('bound-callback-bot', 'bot.js'), prints: /^channels: \d+/m },
  {
    // Compiled strict with its own tsconfig before and after: the migrated code keeps the body's own type.
    name: 'raw-HTTP axios bot in TypeScript (axios.get<StartBody>, params)',
    copy: () => copyBot('axios-ts-bot'),
    main: join('axios-ts-bot', 'bot.js'),
    build: (dir) => compileTs(dir, 'axios-ts-bot'),
    prints: /^users: \d+/m,
  },
  { name: "raw-HTTP Node http.get bot (token in the query, body from the stream's data events)", copy: () => copyBot('http-get-bot'), main: join('http-get-bot', 'bot.js'), prints: /^ims: \d+/m },
  // Node's http.request: the options (host, port, path, headers with a Content-Length from the body's
  // name) and the form written with req.write, each method sent the same way; the callback reads a
  // stream of the rebuilt data.
  { name: 'raw-HTTP Node http.request bot (path in the options, req.write(form), req.end())', copy: () => copyBot('http-request-bot'), main: join('http-request-bot', 'bot.js'), prints: /^ims: \d+/m },
  { name: "raw-HTTP superagent bot (.type('form').send({ token }).end((err, res) => …))", copy: () => copyBot('superagent-bot'), main: join('superagent-bot', 'bot.js'), prints: /^channels: \d+/m },
  { name: 'raw-HTTP needle bot (needle.post(url, data, (err, resp, body) => …))', copy: () => copyBot('needle-bot'), main: join('needle-bot', 'bot.js'), prints: /^groups: \d+/m },
  { name: "raw-HTTP axios instance bot (axios.create({ baseURL }), slack.post('rtm.start', form))", copy: () => copyBot('axios-instance-bot'), main: join('axios-instance-bot', 'bot.js'), prints: /^users: \d+/m },
  {
    // Compiled strict with its own tsconfig before and after: the callback keeps request's parameter types.
    name: 'raw-HTTP request bot in TypeScript ((err, res, body) typed by @types/request)',
    copy: () => copyBot('request-ts-bot'),
    main: join('request-ts-bot', 'bot.js'),
    build: (dir) => compileTs(dir, 'request-ts-bot'),
    prints: /^mpims: \d+/m,
  },
  {
    name: 'raw-HTTP Node http.request bot in TypeScript (URL given, form text sent with end())',
    copy: () => copyBot('http-request-ts-bot'),
    main: join('http-request-ts-bot', 'bot.js'),
    build: (dir) => compileTs(dir, 'http-request-ts-bot'),
    prints: /^users: \d+/m,
  },
  // The class's own async helper awaited and its answer returned to the caller: through the helper module with the same helper.
  { name: "app-helper bot (a class's async call(method, options) merging its options, awaited and returned)", copy: () => copyBot('session-class-bot'), main: join('session-class-bot', 'bot.js'), prints: /^mpims: \d+/m },
  { name: "app-helper bot (this._api('rtm.start', params, cb))", copy: () => copyBot('app-helper-bot'), main: join('app-helper-bot', 'bot.js'), prints: /^groups: \d+/m },
  // The method name read off a const table of the bot's own (`SLACK_METHODS.session.open`): the helper given rtm.start, the entry gone from the table.
  { name: 'app-helper bot (method name from a const table: this.request(SLACK_METHODS.session.open, params))', copy: () => copyBot('table-helper-bot'), main: join('table-helper-bot', 'bot.js'), prints: /^checked as: \S+$/m },
  // The helper called on a service the expression itself gets from a registry: the registry is still asked once (the bot prints how often).
  { name: "app-helper bot (receiver computed by a call: services.get('slack').request('rtm.start', params).then)", copy: () => copyBot('service-helper-bot'), main: join('service-helper-bot', 'bot.js'), prints: /^service objects made: 1$/m },
  // @slack/rtm-api's RTMClient told to call rtm.start (`useRtmConnect: false`), reading its `authenticated`
  // data and start() result: the option goes, and the helper module answers the client's rtm.connect
  // with the whole data through the client's own WebClient. The handlers are unchanged.
  { name: '@slack/rtm-api RTMClient with useRtmConnect: false (authenticated data, start() result)', copy: () => copyBot('rtm-api-start-bot'), main: join('rtm-api-start-bot', 'bot.js'), prints: /^authenticated as \S+: \d+ users/m },
  // A v3 RtmClient kept on `this` (Babel's `_this._rtm = new RtmClient(…)`) and started in another
  // method; its dataStore handed to a Message module that looks users and channels up. The start goes
  // to startRtmClient(); the look-ups stay as they are (a report note: every start of the package fills the store).
  { name: 'v3 RtmClient kept on this, dataStore handed to another module', copy: () => copyBot('v3-class-bot'), main: join('v3-class-bot', 'bot.js'), unchanged: [join('v3-class-bot', 'message.js')], prints: /^\S+ in general \(\d+ members\): hi$/m },
  // Its helper's declaration shows it calls back with the response alone (`ok: false` on an error): the
  // callback, this._onLogin by reference, still gets the response alone, once.
  { name: "app-helper bot whose helper calls back callback(data) (this._apiCall('rtm.start', params, this._onLogin))", copy: () => copyBot('response-callback-bot'), main: join('response-callback-bot', 'bot.js'), prints: /^ims: \d+/m },
  {
    // slackbots posts to a fixed 'https://slack.com/api/': the copy reads SLACK_API_URL there instead
    // (the only edit besides the migration), so that it talks to fake Slack on 127.0.0.1.
    name: 'slackbots@1.2.0 (published library, this._api(\'rtm.start\').then)',
    copy: async () => pointAtFakeSlack(await copyLibrary('slackbots@1.2.0', 'slackbots', 'slackbots'), join('slackbots', 'index.js'), "url: 'https://slack.com/api/' + methodName", 'url: process.env.SLACK_API_URL + methodName'),
    main: join('runners', 'slackbots.js'),
    // The library is migrated as its maintainer would (its own folder); the runner, its consumer, is left
    // as it is (an app's run makes its `new SlackBot(…)` through the generated module, which answers the
    // library's rtm.start request: library-start.test.ts runs that). The library keeps the users and
    // conversations on the instance for its users (`getUsers()`), who may read a DM's `is_open` (not users'
    // `presence`: `rtm.start` had stopped sending it in January 2018): its own `rtm.start` goes to the
    // helper module, whose items warn on such a read, and the report names them.
    applyTo: 'slackbots',
    warnedItems: { [join('slackbots', 'index.js')]: '`ims[].is_open`' },
    prints: /^users: \d+/m,
  },
  {
    // slack-robot as published: Babel output on slack-client 2.x (no useRtmConnect), the client on
    // `this` in the constructor, started in another method, its data store handed to Message and
    // Response. Its RtmClient takes no API URL: the copy passes SLACK_API_URL to it (the only edit
    // besides the migration). The start goes to startSlackClientRtm(); the look-ups stay as they are.
    name: 'slack-robot@3.2.1 (published library on slack-client 2.x, dataStore handed to Message)',
    async copy() {
      const dir = await copyLibrary('slack-robot@3.2.1', 'slack-robot', 'slack-robot');
      const robot = join(dir, 'slack-robot', 'lib', 'Robot.js');
      const source = await readFile(robot, 'utf8');
      const made = 'new _slackClient.RtmClient(token, { dataStore:';
      expect(source).toContain(made);
      await writeFile(robot, source.replace(made, 'new _slackClient.RtmClient(token, { slackAPIUrl: process.env.SLACK_API_URL, dataStore:'));
      return dir;
    },
    main: join('runners', 'slack-robot.js'),
    unchanged: [join('slack-robot', 'lib', 'Message.js'), join('slack-robot', 'lib', 'Response.js')],
    // The library logs its log-in line with the time of day.
    compared: (stdout) => stdout.replace(/^\[[^\]]*\] INFO /gm, 'INFO '),
    prints: /^ {2}message from \S+ in #general: hello from #general$/m,
  },
  {
    // A library's own wrapper: methods/rtm.start.js names the method in `var ns = 'rtm.start'` and hands
    // the caller's callback straight to its HTTP helper, exec(ns, params, callback), after calling it
    // `callback(err)` itself. The wrapper keeps that contract: it rebuilds the data through the same
    // exec (same token in the form, same errors) and calls back once, (err, data). Its callers (the
    // method table, the stateful client, rtm.client, which the runner starts) then get the whole data
    // too: they are left byte for byte as they were, reported `covered`. exec posts to a fixed
    // 'https://slack.com/api/': the copy reads SLACK_API_URL there instead.
    name: "slack@8.4.2 (published library, exec(ns, params, callback) with var ns = 'rtm.start', run through rtm.client())",
    copy: async () => pointAtFakeSlack(await copyLibrary('slack@8.4.2', 'slack', 'slack'), join('slack', 'methods', '_exec.js'), "url: 'https://slack.com/api/' + url", 'url: process.env.SLACK_API_URL + url'),
    main: join('runners', 'slack.js'),
    // The library migrated as it ships, its consumer left as it is: in an app, whose node_modules no run
    // migrates, the runner's own `bot.listen()` goes through withSlackPackageRtmStart() of the generated
    // module instead (library-start.test.ts runs that).
    applyTo: 'slack',
    unchanged: ['api.client.js', 'rtm.client.js', 'rtm.client-browser.js', 'index.js'].map((f) => join('slack', 'methods', f)),
    unchangedAs: 'covered',
    prints: /^channels: \d+/m,
  },
  {
    // The app's own method module (slack/rtm.start.js, rtmStart(params, callback) over its post()
    // helper) goes to the helper module; the module that starts the bot through it (slack/rtm.client.js)
    // and the table re-exporting it (slack/index.js) are left as they were, reported `covered`.
    name: 'method-modules bot (the app\'s own rtm.start.js wrapper, its caller and a table: fixtures/projects)',
    copy: () => copyProject('method-modules'),
    main: join('method-modules', 'bot.js'),
    unchanged: ['rtm.client.js', 'index.js'].map((f) => join('method-modules', 'slack', f)),
    unchangedAs: 'covered',
    prints: /^channels: \d+/m,
  },
  {
    // The app's own client gathered in an index (slack/index.js: { api, rtm }, each a required module):
    // the bot's slack.rtm.start(cb) reaches rtm.js's start(callback), whose written-out callback only
    // forwards its helper's (err) / (null, data). start's call goes to the helper module through the
    // same api.post; the bot is left as it was, reported `covered`.
    name: 'barrel-forwarding bot (slack.rtm.start through an index, a forwarding callback: fixtures/projects)',
    copy: () => copyProject('barrel-forwarding'),
    main: join('barrel-forwarding', 'bot.js'),
    unchanged: [join('barrel-forwarding', 'bot.js')],
    unchangedAs: 'covered',
    prints: /^channels: \d+/m,
  },
  {
    // An ES module library whose call(endpoint, params, cache) helper is handed to each of its parts:
    // call('rtm.start', {}, true) awaited (util/get-self.js, util/get-channel-meta.js) goes through the
    // helper module, the flag with every replacement call. details: (cache = true) => call('rtm.start',
    // {}, cache) (workspace.js) returns what `call` answers to callers not in view, and nothing in that
    // file shows it is a promise: a TODO. The runner reads channel.meta(). Its URL is fixed
    // (https://<workspace>.slack.com/api/): the copy reads SLACK_API_URL there instead.
    name: "slack-sdk@5.0.0 (published ES module library, call('rtm.start', {}, cache))",
    copy: async () => pointAtFakeSlack(await copyLibrary('slack-sdk@5.0.0', 'slack-sdk', 'slack-sdk', ['slack-sdk-channel']), join('slack-sdk', 'lib', 'index.js'), 'url: `https://${workspaceUrl}.slack.com/api/${endpoint}`', 'url: process.env.SLACK_API_URL + endpoint'),
    main: join('runners', 'slack-sdk-channel.js'),
    todoIn: [join('slack-sdk', 'lib', 'index', 'workspace.js')],
    // channel.meta() answers its users a channel of rtm.start's, whose `has_pins` they may read: the report names it.
    warnedItems: { [join('slack-sdk', 'lib', 'index', 'util', 'get-channel-meta.js')]: '`channels[].has_pins`' },
    prints: /^channel: \w+ #general members=\d+: /m,
    // channel.meta()'s start hands on `channels` alone: those are fetched with their members, and no rtm.connect (Tier 1) is made.
    connects: 0,
  },
  {
    // slack-api-client 0.1.2 as published (CoffeeScript's output): RTM.prototype.endpoints = { start:
    // '/api/rtm.start' }, and RTM.prototype.start(callback) hands this.endpoints.start to this.request,
    // inherited from BaseClass in another file (common/base_class.js: host + url, token added to the
    // arguments, callback(err) / callback(null, body)). The replacement methods go through the same
    // this.request('GET', '/api/' + method, …) and the entry leaves the table. The runner sets the
    // client's own `host` to fake Slack's: the library's files are not edited. The library is migrated
    // as its maintainer would (its own folder); the runner, its consumer, is left as it is.
    name: "slack-api-client@0.1.2 (published library, an endpoints table handed to this.request inherited from another file)",
    copy: async () => {
      const dir = await copyLibrary('slack-api-client@0.1.2', 'slack-api-client', 'slack-api-client', []);
      await writeFile(join(dir, 'runners', 'slack-api-client.js'), SLACK_API_CLIENT_RUNNER);
      return dir;
    },
    main: join('runners', 'slack-api-client.js'),
    applyTo: 'slack-api-client',
    prints: /^channels: \d+/m,
  },
  {
    // botkit 0.4 as published (the whole package, from npm: fixtures/real-world keeps only its Slack
    // files): bot.api is generated from a method table, 'rtm.start' among its entries, each wrapper
    // calling slack_api.callAPI(method, options, cb). The entry leaves the table and an override after
    // the generator rebuilds the data through the same callAPI; startRTM's bot.api.rtm.start({ no_unreads,
    // simple_latest }, cb), with bot.api made by that module's factory, is left as it is (covered) and
    // gets the whole data. The runner points bot.api.api_url at fake Slack. The library is migrated as its
    // maintainer would (its own folder); the runner, its consumer, is left as it is (an app's run starts its
    // bot through the generated module, which answers startRTM's rtm.start request: library-start.test.ts runs that).
    name: 'botkit@0.4.10 (published library, bot.api generated from a method table, controller.spawn().startRTM())',
    copy: () => copyLibrary(undefined, 'botkit', 'botkit'),
    main: join('runners', 'botkit.js'),
    applyTo: 'botkit',
    prints: /^users: \d+/m,
  },
  {
    // botkit 0.2 as published (installed as botkit-02): bot.api is an object literal with every method
    // written out, `rtm: { start: function (options, cb) { slack_api.callAPI('rtm.start', options, cb); } }`.
    // The wrapper's call goes through rtmStartData() on the same callAPI; startRTM's bot.api.rtm.start
    // is left as it is (covered). Its runner is botkit 0.4's, told the package's name.
    name: 'botkit@0.2.2 (published library, bot.api with every method written out, controller.spawn().startRTM())',
    copy: copyBotkit02,
    main: join('runners', 'botkit-02.js'),
    unchanged: [join('botkit-02', 'lib', 'Slackbot_worker.js')],
    unchangedAs: 'covered',
    prints: /^users: \d+/m,
  },
  {
    // The library (lib/ and its examples, as published) and a runner using its RtmClient, migrated
    // together: the runner's client start moves to useRtmConnect; the library's own WebClient facet
    // rtm.start() resolves the helper module's data, and its RTMClient's call of it is left as it is
    // (sdk-facet.test.ts runs the library migrated alone, under programs left unchanged).
    name: '@slack/client@3.16.0 (published library, RtmClient + dataStore)',
    copy: () => copyLibrary('@slack+client@3.16.0', '@slack/client', 'slack-client-v3'),
    main: join('runners', 'slack-client-v3.js'),
    prints: /^dataStore: \S+ in #general$/m,
  },
];

function runProgram(dir: string, program: Program, apiUrl: string): Promise<RunResult> {
  return runNodeBot(join(dir, program.main), { cwd: dir, apiUrl });
}

let small: FakeSlack;

beforeAll(async () => {
  small = await startFakeSlack({ seed: 12, users: 40, channels: 8, mode: 'legacy' });
});

afterAll(async () => {
  await small.close();
});

describe('programs before and after rtm-migrate apply, against fake Slack', () => {
  it.each(PROGRAMS.map((p) => [p.name, p] as const))('%s', { timeout: 240_000 }, async (_name, program) => {
    const dir = await program.copy();
    await program.build?.(dir);
    small.setMode('legacy');
    const before = await runProgram(dir, program, small.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(program.prints);

    // Unmigrated, the program breaks once Slack retires rtm.start for it.
    small.setMode('connect_required');
    const broken = await runProgram(dir, program, small.apiUrl);
    expect(broken.code).not.toBe(0);
    expect(broken.stdout).not.toBe(before.stdout);

    const originals = await Promise.all((program.unchanged ?? []).map((file) => readFile(join(dir, file), 'utf8')));
    const migrated = await cli(['apply', program.applyTo ?? '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    for (const [i, file] of (program.unchanged ?? []).entries()) {
      expect(await readFile(join(dir, file), 'utf8'), file).toBe(originals[i]);
      const outcome = program.unchangedAs === 'covered' ? '[\\w-]+ → covered' : 'legacy-data-store → filled';
      expect(migrated.stdout).toMatch(new RegExp(`^note +${escapeRegExp(file)}:\\d+:\\d+ +${outcome}`, 'm'));
    }
    await program.build?.(dir);
    small.resetCalls();
    const after = await runProgram(dir, program, small.apiUrl);

    for (const file of program.todoIn ?? []) {
      expect(await readFile(join(dir, file), 'utf8'), file).toContain('TODO(rtm-migrate)');
      expect(migrated.stdout).toMatch(new RegExp(`^TODO +${escapeRegExp(file)}:\\d+:\\d+ `, 'm'));
    }
    for (const [file, field] of Object.entries(program.warnedItems ?? {})) {
      expect(migrated.stdout.replace(/\s+/g, ' ')).toMatch(new RegExp(`${escapeRegExp(file)}:\\d+:\\d+ [\\w-]+ → helper-module Code rtm-migrate cannot follow gets [^:]* may read [^:]*${escapeRegExp(field)}[^:]*, which the replacement lists lack: .*? warns once at run time`));
    }
    expect(await readFile(join(dir, program.main), 'utf8')).not.toContain('TODO(rtm-migrate)');
    if (!program.todoIn) expect(migrated.stdout).toContain('TODOs left: 0');
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    const compared = program.compared ?? ((out: string): string => out);
    expect(compared(after.stdout)).toBe(compared(before.stdout));
    const methods = small.calls.map((c) => c.method);
    expect(methods).not.toContain('rtm.start');
    expect(methods.filter((m) => m === 'rtm.connect')).toHaveLength(program.connects ?? 1);
  });
});

describe('errors as before: botkit 0.4.10 and 0.2.2 with a token Slack does not know', () => {
  // The rewrite calls back the transport's own error, once: botkit's callAPI answers a Slack error
  // with its code as a string, and so the migrated rtm.start does (the first replacement call fails).
  it.each([
    ['0.4.10 (method-table override)', () => copyLibrary(undefined, 'botkit', 'botkit'), 'botkit.js'],
    ['0.2.2 (written-out wrapper)', copyBotkit02, 'botkit-02.js'],
  ] as const)('botkit %s: startRTM gets the same invalid_auth, as shipped against legacy rtm.start and migrated against connect_required', { timeout: 240_000 }, async (_name, copy, runner) => {
    const dir = await copy();
    const start = (): Promise<RunResult> =>
      run(process.execPath, [join(dir, 'runners', runner)], { cwd: dir, env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: 'xoxb-unknown', SLACK_API_URL: small.apiUrl }, timeoutMs: 120_000 });
    small.setMode('legacy');
    const before = await start();
    expect(before.code).toBe(1);
    expect(before.stderr).toBe('botkit error: invalid_auth\n');
    expect((await cli(['apply', '.', '--allow-dirty'], dir)).code).toBe(0);
    small.setMode('connect_required');
    small.resetCalls();
    const after = await start();
    expect(after.code).toBe(1);
    expect(after.stderr).toBe(before.stderr);
    expect(small.calls.map((c) => c.method)).not.toContain('rtm.start');
  });
});

describe('member lists complete past the old cut', () => {
  let big: FakeSlack;
  beforeAll(async () => {
    big = await startFakeSlack({ seed: 13, users: RTM_START_MEMBER_LIMIT + 40, channels: 3, mode: 'legacy' });
  });
  afterAll(async () => {
    await big.close();
  });

  const membersOfGeneral = (out: string): number => Number(/ #general members=(\d+):/.exec(out)?.[1]);

  // The programs that print every membership (fixtures/bots/summary.js); legacy-bot and v3-bot have
  // their own member-count tests (legacy-bot.test.ts, v3-bot.test.ts).
  it.each(PROGRAMS.filter((p) => p.main !== PROGRAMS[0]!.main && p.main !== PROGRAMS[1]!.main && p.printsMembers !== false).map((p) => [p.name, p] as const))('%s', { timeout: 240_000 }, async (_name, program) => {
    const dir = await program.copy();
    await program.build?.(dir);
    big.setMode('legacy');
    const before = await runProgram(dir, program, big.apiUrl);
    expect(before.code).toBe(0);
    expect(membersOfGeneral(before.stdout)).toBe(RTM_START_MEMBER_LIMIT);
    expect((await cli(['apply', program.applyTo ?? '.', '--allow-dirty'], dir)).code).toBe(0);
    await program.build?.(dir);
    big.setMode('connect_required');
    const after = await runProgram(dir, program, big.apiUrl);
    expect(after.code).toBe(0);
    const general = big.workspace.byType.public_channel.find((c) => c.isGeneral)!;
    expect(membersOfGeneral(after.stdout)).toBe(big.workspace.memberCount(general));
    expect(membersOfGeneral(after.stdout)).toBeGreaterThan(RTM_START_MEMBER_LIMIT);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
