import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../src/scan/index.js';
import { tempDir } from './helpers.js';

/**
 * Forms of app code around an `rtm` family that a rewrite must not guess at: `start` taken off the
 * family before the call, and `x.rtm.start()` beside an RTM client kept in a member named `rtm`
 * (in the file, or in a module it requires). Each through the real scan on files on disk.
 */
async function planOf(files: Record<string, string>, main: string) {
  const dir = await tempDir('rtm-migrate-detached-');
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return scan({ root: dir, files: [join(dir, main)] });
}

describe('start taken off an rtm family', () => {
  it.each([
    ['destructured from the Web API client', "const { WebClient } = require('@slack/web-api');\nconst web = new WebClient('xoxb-test');\nconst { start } = web.rtm;\nstart().then((d) => console.log(d.users.length));\n"],
    ['read off it', "const { WebClient } = require('@slack/web-api');\nconst web = new WebClient('xoxb-test');\nconst start = web.rtm.start;\nstart().then((d) => console.log(d.users.length));\n"],
  ])('%s: a site, left as a TODO (never renamed to a connect no name holds)', async (_name, source) => {
    const plan = await planOf({ 'a.js': source }, 'a.js');
    expect(plan.sites.map((s) => [s.form, s.rewrite])).toEqual([['method-call', 'todo']]);
    expect(plan.sites[0]?.message).toContain('`start` is taken off the `rtm` methods');
  });

  it.each([
    ["an RTM client's own start", "const { RTMClient } = require('@slack/rtm-api');\nconst rtm = new RTMClient('xoxb-test');\nconst { start } = rtm;\nstart();\n"],
    ['a start of something else', "const timer = require('./timer');\nconst { start } = timer;\nstart();\n"],
  ])('%s: no site', async (_name, source) => {
    const plan = await planOf({ 'a.js': source }, 'a.js');
    expect(plan.sites).toEqual([]);
  });
});

describe('x.rtm.start() on an unknown x', () => {
  const starter = "'use strict';\nfunction run(slack) {\n  slack.rtm.start({}, function (err, data) { console.log(data.url); });\n}\nmodule.exports = run;\n";

  it('with no RTM client kept in a member rtm anywhere it can see: read as the Web API client, rewritten', async () => {
    const plan = await planOf({ 'a.js': starter }, 'a.js');
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['connect-only']);
  });

  it('beside an object literal that keeps an RTM client under rtm: a TODO naming the line', async () => {
    const source = `const { RtmClient } = require('@slack/client');\nconst made = { rtm: new RtmClient('xoxb-test') };\n${starter}`;
    const plan = await planOf({ 'a.js': source }, 'a.js');
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(plan.sites[0]?.message).toContain('kept in a member of that name (line 2)');
  });

  it('when a module it requires keeps one there: a TODO naming the module', async () => {
    const maker = "const slackClient = require('@slack/client');\nmodule.exports = function (slack) { slack.rtm = new slackClient.RtmClient('xoxb-test'); };\n";
    const plan = await planOf({ 'make.js': maker, 'a.js': `require('./make');\n${starter}` }, 'a.js');
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(plan.sites[0]?.message).toContain('(`./make`)');
  });

  it("on a member made by the SDK's own WebClient, beside an RTM client kept in this.rtm: the WebClient's rtm, rewritten", async () => {
    const source =
      "const { RtmClient, WebClient } = require('@slack/client');\nclass Bot {\n  constructor(token) {\n    this.rtm = new RtmClient(token);\n    this.web = new WebClient(token);\n  }\n" +
      '  users() {\n    return this.web.rtm.start().then((res) => res.users.length);\n  }\n}\nmodule.exports = Bot;\n';
    const plan = await planOf({ 'a.js': source, 'package.json': JSON.stringify({ dependencies: { '@slack/client': '3.16.0' } }) }, 'a.js');
    expect(plan.sites.map((s) => [s.line, s.rewrite])).toEqual([[8, 'helper-module']]);
  });
});

describe('x.rtm.start() where x.rtm is used as no rtm family can be', () => {
  const cls = (body: string): string =>
    `'use strict';\nclass Bot {\n  constructor(rtm, web) {\n${body}\n  }\n  run() {\n    this.rtm.start();\n  }\n}\nmodule.exports = Bot;\n`;

  it.each([
    ['given a constructor parameter (this.rtm = rtm)', cls('    this.rtm = rtm;'), '`this.rtm = …`, line 4'],
    ['its dataStore destructured', cls('    const { dataStore } = this.rtm;\n    console.log(dataStore);'), '`{ dataStore } = this.rtm`, line 4'],
    ["kept in an object literal's rtm from a parameter", "'use strict';\nfunction run(rtm) {\n  const bot = { rtm };\n  bot.rtm.start();\n}\nmodule.exports = run;\n", '`bot = { rtm: … }`, line 3'],
  ])('%s: a TODO naming the use, never rtm.connect', async (_name, source, where) => {
    const plan = await planOf({ 'a.js': source }, 'a.js');
    expect(plan.sites.map((s) => [s.form, s.rewrite])).toEqual([['method-call', 'todo']]);
    expect(plan.sites[0]?.message).toContain(`kept in a member of that name (${where})`);
  });

  it('used with .on in the same class: started through the helper module, which tells the client when it starts, never rtm.connect', async () => {
    const plan = await planOf({ 'a.js': cls("    this.rtm.on('message', (m) => console.log(m.text));") }, 'a.js');
    expect(plan.sites.map((s) => [s.form, s.rewrite, s.clientElsewhere])).toEqual([['method-call', 'helper-module', true]]);
    expect(plan.sites[0]?.message).toContain("this `rtm` is used as an RTM client (`this.rtm.on('message', …)`, line 4)");
  });

  it('used with .on in a script that loads no modules: a TODO saying why, and that the helper module cannot be imported there', async () => {
    const plan = await planOf({ 'a.js': "var chat = window.chat;\nchat.rtm.on('message', function (m) { console.log(m.text); });\nchat.rtm.start();\n" }, 'a.js');
    expect(plan.sites.map((s) => [s.form, s.rewrite])).toEqual([['method-call', 'todo']]);
    expect(plan.sites[0]?.message).toContain('kept in a member of that name (`chat.rtm.on`, line 2)');
    expect(plan.sites[0]?.message).toContain('This file loads no modules');
  });

  it.each([
    ['its value read', 'return this.rtm.start();'],
    ['handed a callback', 'this.rtm.start((err, data) => console.log(err, data));'],
    ['handed a variable', 'this.rtm.start(options);'],
  ])('used with .on, the start %s: still a TODO (a v3 start returns nothing; a callback is the Web API)', async (_name, start) => {
    const source = cls("    this.rtm.on('message', (m) => console.log(m.text));").replace('this.rtm.start();', start).replace('run() {', 'run(options) {');
    const plan = await planOf({ 'a.js': source }, 'a.js');
    expect(plan.sites.map((s) => [s.form, s.rewrite])).toEqual([['method-call', 'todo']]);
    expect(plan.sites[0]?.message).toContain('kept in a member of that name (`this.rtm.on');
  });

  it.each([
    ['given a Web API client\'s rtm (this.rtm = web.rtm)', cls('    this.rtm = web.rtm;')],
    ['only started and connected elsewhere', cls('    void this.rtm.connect;')],
    ['used with .on in another class (another this)', `${cls('    this.web = web;')}class Other {\n  go() {\n    this.rtm.on('message', () => undefined);\n  }\n}\n`],
  ])('%s: read as the Web API client, rewritten', async (_name, source) => {
    const plan = await planOf({ 'a.js': source }, 'a.js');
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['connect-only']);
  });

  it("the slack package's rtm family (it has client() besides start): rewritten as that package's", async () => {
    const source = "const slack = require('slack');\nconst bot = slack.rtm.client();\nslack.rtm.start({ token: 'xoxb-test' }, (err, data) => console.log(data.url));\nmodule.exports = bot;\n";
    const plan = await planOf({ 'a.js': source, 'package.json': JSON.stringify({ dependencies: { slack: '8.4.2' } }) }, 'a.js');
    expect(plan.sites.map((s) => s.rewrite)).toEqual(['connect-only']);
  });
});

describe('an RTM client kept in an object literal', () => {
  const v3 = JSON.stringify({ dependencies: { '@slack/client': '3.16.0' } });

  it('a v3 RtmClient (this.slack = { web, rtm }): the legacy client, started through the helper module', async () => {
    const source =
      "const { RtmClient, WebClient } = require('@slack/client');\nclass Bot {\n  constructor(token) {\n    const rtm = new RtmClient(token);\n    this.slack = { web: new WebClient(token), rtm };\n  }\n" +
      "  run() {\n    this.slack.rtm.on('authenticated', (d) => console.log(d.users.length));\n    this.slack.rtm.start();\n  }\n}\nmodule.exports = Bot;\n";
    const plan = await planOf({ 'a.js': source, 'package.json': v3 }, 'a.js');
    expect(plan.sites.map((s) => [s.line, s.form, s.rewrite])).toEqual([[9, 'legacy-client', 'helper-module']]);
  });

  it.each([
    ['given another value later (this.slack.rtm = …)', '    this.slack.rtm = other;'],
    ['built with a spread that may hold another rtm', '    this.slack = { rtm, ...other };'],
  ])('%s: not provably that client, so no useRtmConnect on its `new`: its start tells the client when it starts', async (_name, extra) => {
    const source =
      `const { RtmClient } = require('@slack/client');\nconst other = require('./other');\nclass Bot {\n  constructor(token) {\n    const rtm = new RtmClient(token);\n    this.slack = { rtm };\n  }\n  swap() {\n${extra}\n  }\n` +
      "  run() {\n    this.slack.rtm.on('message', () => undefined);\n    this.slack.rtm.start();\n  }\n}\nmodule.exports = Bot;\n";
    const plan = await planOf({ 'a.js': source, 'package.json': v3 }, 'a.js');
    expect(plan.sites.map((s) => [s.form, s.rewrite, s.clientElsewhere, s.construction])).toEqual([['method-call', 'helper-module', true, undefined]]);
  });

  it.each([
    ["@slack/client's RTMClient", "const { RTMClient } = require('@slack/client');"],
    ["@slack/rtm-api's RTMClient", "const { RTMClient } = require('@slack/rtm-api');"],
  ])('%s ({ rtm: new RTMClient(…) } then bot.rtm.start()): no site', async (_name, imported) => {
    const source = `${imported}\nconst bot = { rtm: new RTMClient('xoxb-test') };\nbot.rtm.start();\nbot.rtm.on('message', () => undefined);\n`;
    const plan = await planOf({ 'a.js': source }, 'a.js');
    expect(plan.sites).toEqual([]);
  });
});

describe('a v3 RtmClient made with useRtmConnect: true', () => {
  const v3 = JSON.stringify({ dependencies: { '@slack/client': '3.16.0' } });
  const bot = (options: string, handler: string): string =>
    `const { RtmClient, CLIENT_EVENTS } = require('@slack/client');\nconst extra = require('./extra');\nconst rtm = new RtmClient('xoxb-test', ${options});\nrtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, ${handler});\nrtm.start();\n`;

  it.each([
    ['reading self and team', bot('{ useRtmConnect: true }', '(d) => console.log(d.self.id, d.team.id)')],
    ['handing its data to code not seen (it gets what it gets today)', bot('{ useRtmConnect: true }', 'extra.onLogin')],
  ])('%s: no site', async (_name, source) => {
    const plan = await planOf({ 'a.js': source, 'package.json': v3 }, 'a.js');
    expect(plan.sites).toEqual([]);
  });

  it.each([
    ['reading users', bot('{ useRtmConnect: true }', '(d) => console.log(d.users.length)')],
    ['looking users up in its dataStore', `${bot('{ useRtmConnect: true }', '() => undefined')}rtm.on('message', (m) => console.log(rtm.dataStore.getUserById(m.user)));\n`],
  ])('%s: the legacy client, started through the helper module', async (_name, source) => {
    const plan = await planOf({ 'a.js': source, 'package.json': v3 }, 'a.js');
    expect(plan.sites.map((s) => [s.form, s.rewrite])).toEqual([['legacy-client', 'helper-module']]);
  });

  // Whether it connects with rtm.connect is known only at run time, where the helper module looks (`_useRtmConnect`):
  // its facet's connect, else its start's rtm.start request answered (as for a client whose options cannot take the flag).
  it('its option possibly overridden by a spread: still a legacy client site, started through the helper module', async () => {
    const plan = await planOf({ 'a.js': bot('{ useRtmConnect: true, ...extra.options }', '(d) => console.log(d.self.id)'), 'package.json': v3 }, 'a.js');
    expect(plan.sites.map((s) => [s.form, s.rewrite])).toEqual([['legacy-client', 'helper-module']]);
  });
});
