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
