import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { findSites, type ClientSite, type LibraryStartSite, type RtmSite } from '../src/index.js';
import { parseFile } from '../src/project.js';

/** The sites of one file (written to a fresh folder). */
async function sitesOf(name: string, text: string): Promise<RtmSite[]> {
  const file = join(await mkdtemp(join(tmpdir(), 'rtm-migrate-origin-holders-')), name);
  await writeFile(file, text);
  const parsed = parseFile(file, text);
  return findSites(parsed.program, parsed.resolver);
}

/** The library starts of one file: `library@line`. */
async function libraryStarts(name: string, text: string): Promise<string[]> {
  return (await sitesOf(name, text)).filter((s): s is LibraryStartSite => s.kind === 'library-start').map((s) => `${s.library}@${s.call.loc.start.line}`);
}

/** The client starts of one file: `client@line`. */
async function clientStarts(name: string, text: string): Promise<string[]> {
  return (await sitesOf(name, text)).filter((s): s is ClientSite => s.kind === 'client-start').map((s) => `${s.client}@${s.call.loc.start.line}`);
}

describe('a name no declaration binds (an implicit global of a sloppy-mode script) holds its assignments, as a module-level let', () => {
  const bot = (writes: string): string => `let slack = require('slack');\nfunction run(token) {\n  bot.listen({ token });\n}\nfunction init() {\n${writes}\n  run('t');\n}\n`;

  it('is the slack package bot it is given in another function, also when it is dropped with null', async () => {
    expect(await libraryStarts('a.js', bot('  bot = slack.rtm.client();'))).toEqual(['slack-package@3']);
    expect(await libraryStarts('b.js', bot('  bot = slack.rtm.client();\n  process.on("exit", () => { bot = null; });'))).toEqual(['slack-package@3']);
  });

  it('is not followed when it is also given another value, or written by anything but a plain =', async () => {
    expect(await libraryStarts('c.js', bot('  bot = slack.rtm.client();\n  if (process.env.OTHER) bot = makeOther();'))).toEqual([]);
    expect(await libraryStarts('d.js', bot('  bot = slack.rtm.client();\n  bot ||= makeOther();'))).toEqual([]);
  });

  it('holds a module, and a constructor of it is the site (slackbotapi)', async () => {
    expect(await libraryStarts('e.js', "function load() { SlackAPI = require('slackbotapi'); }\nload();\nvar slack = new SlackAPI({ token: 't' });\n")).toEqual(['slackbotapi@3']);
  });

  it('is no binding of the file when it is a host global (module, exports, process…)', async () => {
    expect(await libraryStarts('f.js', "exports = require('slackbotapi');\nnew exports({ token: 't' });\n")).toEqual([]);
  });
});

describe('a static class property whose every write loads one module holds that module', () => {
  const driver = (load: string, make = 'new SlackDriver.SlackBotAPI({ token })', extra = ''): string =>
    `class SlackDriver {\n  static SlackBotAPI: any;\n  connection: any;\n  constructor(token: string) {\n    ${load}\n    this.connection = ${make};\n  }\n}\n${extra}export { SlackDriver };\n`;

  it('is the module when it is loaded lazily in the constructor, initialized so, read through this.constructor or given an imported namespace', async () => {
    expect(await libraryStarts('a.ts', driver("if (SlackDriver.SlackBotAPI == undefined) { SlackDriver.SlackBotAPI = require('slackbotapi'); }"))).toEqual(['slackbotapi@6']);
    expect(await libraryStarts('b.ts', "class D {\n  static Api = require('slackbotapi');\n  c = new D.Api({ token: 't' });\n}\nexport { D };\n")).toEqual(['slackbotapi@3']);
    expect(await libraryStarts('e.js', "class D {\n  constructor(token) {\n    this.c = new this.constructor.Api({ token });\n  }\n}\nD.Api = require('slackbotapi');\n")).toEqual(['slackbotapi@3']);
    expect(await libraryStarts('f.ts', "import * as api from 'slackbotapi';\n" + driver('SlackDriver.SlackBotAPI = api;'))).toEqual(['slackbotapi@7']);
  });

  it('is not followed when another write gives it anything else, or any write is not a plain = (`??=`, `delete`, a read of itself)', async () => {
    expect(await libraryStarts('g.ts', driver("SlackDriver.SlackBotAPI = require('slackbotapi');", undefined, "SlackDriver.SlackBotAPI = require('other-slack');\n"))).toEqual([]);
    expect(await libraryStarts('h.ts', driver("SlackDriver.SlackBotAPI = require('slackbotapi');", undefined, 'SlackDriver.SlackBotAPI = makeApi();\n'))).toEqual([]);
    expect(await libraryStarts('c.ts', driver("SlackDriver.SlackBotAPI ??= undefined;\n    if (!SlackDriver.SlackBotAPI) SlackDriver.SlackBotAPI = require('slackbotapi');", 'new (this.constructor as any).SlackBotAPI({ token })'))).toEqual([]);
    expect(await libraryStarts('j.js', "class D {\n  constructor(token) {\n    D.Api = D.Api || undefined;\n    this.c = new this.constructor.Api({ token });\n  }\n}\nD.Api = require('slackbotapi');\n")).toEqual([]);
    expect(await libraryStarts('i.ts', driver("SlackDriver.SlackBotAPI = require('slackbotapi');", undefined, 'delete SlackDriver.SlackBotAPI;\n'))).toEqual([]);
  });
});

describe('a variable written by statements of one block holds, at a later statement of it, the last value given before (blind s62/07)', () => {
  const bot = (declarations: string, start = 'rtm.start();'): string =>
    `var RtmClient = require('slack-client').RtmClient;\n${declarations}\nconsole.log('booting');\n${start}\n`;

  it("is the client a `var` declared again gives, after one given null, nothing, or another client (the first one's value never reaches the start)", async () => {
    expect(await clientStarts('a.js', bot('var rtm = null;\nvar rtm = new RtmClient(process.argv[2]);'))).toEqual(['legacy-rtm-client@5']);
    expect(await clientStarts('b.js', bot('var rtm;\nvar rtm = new RtmClient(process.argv[2]);'))).toEqual(['legacy-rtm-client@5']);
    expect(await clientStarts('c.js', bot("var rtm = new RtmClient('token', { logLevel: 'none' });;\nvar meetups = [];\nvar rtm = new RtmClient(process.argv[2]);"))).toEqual(['legacy-rtm-client@6']);
    expect(await clientStarts('d.js', bot("var rtm = makeOther();\nrtm = new RtmClient(process.argv[2]);"))).toEqual(['legacy-rtm-client@5']);
  });

  it('is not followed where a write or the use is inside a function, a write gives another value last, or is not a plain =', async () => {
    expect(await clientStarts('e.js', bot('var rtm = new RtmClient(process.argv[2]);\nfunction again() { rtm = makeOther(); }'))).toEqual([]);
    expect(await clientStarts('f.js', bot('var rtm = new RtmClient(process.argv[2]);\nvar rtm = makeOther();'))).toEqual([]);
    expect(await clientStarts('g.js', bot('var rtm = makeOther();\nvar rtm = new RtmClient(process.argv[2]);', 'setTimeout(() => rtm.start());'))).toEqual([]);
    expect(await clientStarts('h.js', bot('var rtm = makeOther();\nrtm ||= new RtmClient(process.argv[2]);'))).toEqual([]);
  });
});
