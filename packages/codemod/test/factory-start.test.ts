import { describe, expect, it } from 'vitest';
import { outcomes, scanFiles } from './helpers.js';

/**
 * A v3 `RtmClient` started on what a function of another module returns: the scan follows it to its
 * `new` only where every return of the function is that client; any other start of such a value, in
 * a module that makes a v3 client, is a TODO, and a start of a value from a module that makes none is
 * no site. Each case is a small project written to disk and run through the CLI (`--dry`, its JSON report).
 */
const MANIFEST = JSON.stringify({ name: 'bot', private: true, dependencies: { '@slack/client': '^3.15.0' } });

const MAKER = "const { RtmClient } = require('@slack/client');\n";

describe('a start of what a function of another module returns', () => {
  it.each([
    {
      form: 'require(…).init(…) called in place, the client a `var` assigned once',
      client: `${MAKER}var rtm;\nexports.init = function (token) {\n  rtm = new RtmClient(token);\n  return rtm;\n};\n`,
      start: "var rtm = require('./client').init('xoxb-test');\nrtm.start();\n",
    },
    {
      form: 'the `new` returned from an arrow function',
      client: `${MAKER}module.exports.make = (token) => new RtmClient(token, { logLevel: 'error' });\n`,
      start: "const slack = require('./client');\nconst rtm = slack.make('xoxb-test');\nrtm.start();\n",
    },
    {
      form: 'the module itself the factory (module.exports = function)',
      client: `${MAKER}module.exports = function connect(token) {\n  const rtm = new RtmClient(token);\n  return rtm;\n};\n`,
      start: "const connect = require('./client');\nconst rtm = connect('xoxb-test');\nrtm.start();\n",
    },
    {
      form: 'one client per process, made on first use (`cached || (cached = new RtmClient(…))`)',
      client: `${MAKER}var cached;\nexports.client = function (token) {\n  return cached || (cached = new RtmClient(token));\n};\n`,
      start: "var rtm = require('./client').client('xoxb-test');\nrtm.start();\n",
    },
    {
      form: 'the same with `??` and a `let` set to null first',
      client: `${MAKER}let cached = null;\nexports.client = (token) => cached ?? (cached = new RtmClient(token, { logLevel: 'error' }));\n`,
      start: "const rtm = require('./client').client('xoxb-test');\nrtm.start();\n",
    },
  ])('$form: followed to its new, both sites to the helper module', async ({ client, start }) => {
    const report = await scanFiles(MANIFEST, { 'client.js': client, 'start.js': start });
    expect(Object.values(outcomes(report))).toEqual(['helper-module', 'helper-module']);
    expect(report.sites.map((s) => s.id.split(':')[0]).sort()).toEqual(['client.js', 'start.js']);
    expect(report.todos).toBe(0);
  });

  it.each([
    {
      form: 'an async factory (its caller gets a promise)',
      client: `${MAKER}exports.init = async function (token) {\n  return new RtmClient(token);\n};\n`,
      start: "const slack = require('./client');\nslack.init('xoxb-test').then((rtm) => rtm.start());\nconst rtm = slack.init('xoxb-test');\nrtm.start();\n",
    },
    {
      form: 'a factory that may return something else',
      client: `${MAKER}let rtm = null;\nexports.init = function (token) {\n  if (!token) return {};\n  rtm = new RtmClient(token);\n  return rtm;\n};\n`,
      start: "const rtm = require('./client').init(process.env.TOKEN);\nrtm.start();\n",
    },
    {
      form: 'a client assigned twice',
      client: `${MAKER}let rtm = null;\nexports.init = function (token) {\n  rtm = new RtmClient(token);\n  return rtm;\n};\nexports.reset = function (token) {\n  rtm = new RtmClient(token, { autoReconnect: false });\n};\n`,
      start: "const rtm = require('./client').init(process.env.TOKEN);\nrtm.start();\n",
    },
    {
      form: 'a client made on first use whose variable another function may set to anything',
      client: `${MAKER}var cached;\nexports.client = function (token) {\n  return cached || (cached = new RtmClient(token));\n};\nexports.use = function (other) {\n  cached = other;\n};\n`,
      start: "var rtm = require('./client').client('xoxb-test');\nrtm.start();\n",
    },
    {
      form: 'a client made on first use into another variable than the one returned first',
      client: `${MAKER}var cached;\nvar spare;\nexports.client = function (token) {\n  return cached || (spare = new RtmClient(token));\n};\n`,
      start: "var rtm = require('./client').client('xoxb-test');\nrtm.start();\n",
    },
    {
      // Read as Web API's `x.rtm` (an `rtm` destructured out of the value too), kept from `rtm.connect`
      // because the module it comes from puts an RTM client under that name.
      form: 'a member of what the factory returns',
      client: `${MAKER}exports.clients = function (token) {\n  return { rtm: new RtmClient(token) };\n};\n`,
      start: "const slack = require('./client').clients(process.env.TOKEN);\nslack.rtm.start();\nconst { rtm } = require('./client').clients(process.env.TOKEN);\nrtm.start();\n",
      why: 'may be the RTM client kept in a member of that name (`./client`)',
    },
  ])('$form: not followed, the start a TODO', async ({ start, client, why = 'rtm-migrate could not tell that the value is that client' }) => {
    const report = await scanFiles(MANIFEST, { 'client.js': client, 'start.js': start });
    const todos = report.sites.filter((s) => s.rewrite === 'todo');
    expect(todos.length).toBeGreaterThan(0);
    expect(report.sites.every((s) => s.rewrite === 'todo' && s.id.startsWith('start.js:'))).toBe(true);
    for (const todo of todos) expect(todo.message).toContain(why);
  });

  it.each([
    { form: "@slack/client 4's RTMClient", client: "const { RTMClient } = require('@slack/client');\nexports.init = (token) => new RTMClient(token);\n" },
    { form: "the app's own class with a start() of its own", client: "exports.init = () => ({ start() { return 'rtm'; } });\n" },
  ])('$form made by the factory: no site', async ({ client }) => {
    const report = await scanFiles(MANIFEST, { 'client.js': client, 'start.js': "const rtm = require('./client').init('xoxb-test');\nrtm.start();\n" });
    expect(report.sites).toEqual([]);
  });

  // spleenboy/slackversational's shape (blind s47/10): `SlackClient.create(token).start()`, the factory a
  // static method returning the app's wrapper, whose own `start` starts the client it holds.
  const WRAPPED = `new SlackClient(new RtmClient(token, { logLevel: 'error' }))`;
  it.each([
    { form: 'a class with a static factory', client: `${MAKER}class SlackClient {\n  constructor(client) {\n    this.client = client;\n  }\n  start(opts) {\n    this.client.start(opts);\n  }\n  static create(token) {\n    return ${WRAPPED};\n  }\n}\nmodule.exports = SlackClient;\n` },
    {
      form: 'the ES5 module pattern (an immediately called function returning the constructor)',
      client: `${MAKER}module.exports = function () {\n  function SlackClient(client) {\n    this.client = client;\n  }\n  SlackClient.prototype.start = function (opts) {\n    this.client.start(opts);\n  };\n  SlackClient.create = function (token) {\n    return ${WRAPPED};\n  };\n  return SlackClient;\n}();\n`,
    },
  ])("$form: the wrapper's own start is no site, the client's start inside it is", async ({ client }) => {
    const report = await scanFiles(MANIFEST, { 'client.js': client, 'start.js': "const SlackClient = require('./client');\nSlackClient.create('xoxb-test').start();\n" });
    expect(report.sites.map((s) => `${s.id.split(':')[0]} ${s.rewrite}`)).toEqual(['client.js helper-module']);
    expect(report.todos).toBe(0);
  });

  // crepix/vanilla-server's shape (blind s90/01): `SlackBotProvider.generate(token).start()`, an exported class with no
  // constructor whose static method keeps the app's bot in a static field and returns it.
  it('an exported class with no constructor whose static factory returns the wrapper from a static field: the wrapper\'s start is no site', async () => {
    const client = `${MAKER}export class SlackBot {\n  constructor(token) {\n    this.rtm = new RtmClient(token, { logLevel: 'error' });\n  }\n  start() {\n    this.rtm.start();\n  }\n}\n\nexport class SlackBotProvider {\n  static generate(token) {\n    this.client = new SlackBot(token);\n    return this.client;\n  }\n}\n`;
    const report = await scanFiles(MANIFEST, { 'client.js': client, 'start.js': "import { SlackBotProvider } from './client';\n\nconst bot = SlackBotProvider.generate('xoxb-test');\nbot.start();\n" });
    expect(report.sites.map((s) => `${s.id.split(':')[0]} ${s.rewrite}`)).toEqual(['client.js helper-module']);
    expect(report.todos).toBe(0);
  });

  it("an object literal with a start() of its own around the client (blind s53/02 lmammino/norrisbot): that start is no site, the client's inside it is", async () => {
    const client = `${MAKER}module.exports = (token) => {\n  const rtm = new RtmClient(token, { logLevel: 'error' });\n  return { rtm, start() { rtm.start(); } };\n};\n`;
    const report = await scanFiles(MANIFEST, { 'client.js': client, 'start.js': "const bot = require('./client')('xoxb-test');\nbot.start();\n" });
    expect(report.sites.map((s) => `${s.id.split(':')[0]} ${s.rewrite}`)).toEqual(['client.js helper-module']);
    expect(report.todos).toBe(0);
    // An object that may bring another start in (a spread) keeps the TODO.
    const spread = await scanFiles(MANIFEST, { 'client.js': client.replace('return { rtm, start() { rtm.start(); } };', 'return { ...extra, rtm };').replace('module.exports = (token) => {', 'const extra = {};\nmodule.exports = (token) => {'), 'start.js': "const bot = require('./client')('xoxb-test');\nbot.start();\n" });
    expect(spread.sites.filter((s) => s.rewrite === 'todo').map((s) => s.id.split(':')[0])).toEqual(['start.js']);
  });

  it('a wrapper that does not define start itself (it inherits it, from a class of a package): the start a TODO', async () => {
    const client = `${MAKER}const EventEmitter = require('events');\nclass SlackClient extends EventEmitter {\n  constructor(client) {\n    super();\n    this.client = client;\n  }\n  static create(token) {\n    return ${WRAPPED};\n  }\n}\nmodule.exports = SlackClient;\n`;
    const report = await scanFiles(MANIFEST, { 'client.js': client, 'start.js': "const SlackClient = require('./client');\nSlackClient.create('xoxb-test').start();\n" });
    expect(report.sites.filter((s) => s.rewrite === 'todo').map((s) => s.id.split(':')[0])).toEqual(['start.js']);
  });
});
