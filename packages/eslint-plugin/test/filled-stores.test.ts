import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';

import { recommendedConfig, toFindings } from './helpers.js';

// Code `rtm-migrate apply` leaves: legacy v3 clients started through the generated helper module
// (`startRtmClient(rtm)`), which fills their AUTHENTICATED data and `dataStore` before the handlers
// run. Real files in a real package folder, linted by the real ESLint: the package-wide rule reads the
// other files from disk.
let dir: string;

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lintPackage(files: Record<string, string>): Promise<string[]> {
  dir = await mkdtemp(join(tmpdir(), 'filled-stores-'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bot', dependencies: { '@slack/client': '3.16.0' } }));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: recommendedConfig(), ignore: false });
  const results = await eslint.lintFiles(Object.keys(files).map((f) => join(dir, f)));
  return results.flatMap((r) => toFindings(r.messages).map((f) => `${r.filePath.slice(dir.length + 1)}:${String(f.line)} ${f.messageId}`));
}

const client = (start: string): string => `var RtmClient = require('@slack/client').RtmClient;
var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;
const { startRtmClient } = require('./rtm-start-data');
var rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, { useRtmConnect: true });
rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) { console.log(data.users.length); });
rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () {
  console.log(rtm.dataStore.getUserById(rtm.activeUserId).name);
  require('./message')(rtm.dataStore);
});
${start};
`;

const MESSAGE = `module.exports = function (dataStore) {
  console.log(dataStore.getUserById('U1').name);
};
`;

describe('dataStore and AUTHENTICATED data of clients started through the helper module', () => {
  it('are not reported, in the file that starts the client or in another file of its package', async () => {
    expect(await lintPackage({ 'bot.js': client('startRtmClient(rtm)'), 'message.js': MESSAGE })).toEqual([]);
  });

  it('are reported while the client still starts itself with rtm.start', async () => {
    const findings = await lintPackage({ 'bot.js': client('rtm.start()'), 'message.js': MESSAGE });
    expect(findings).toEqual([
      'bot.js:5 users',
      'bot.js:7 legacyDataStore',
      'bot.js:7 users',
      'bot.js:8 legacyDataStore',
      'bot.js:10 legacyRtmClient',
      'message.js:2 users',
    ]);
  });

  it('are reported in other files while another client of the package still starts with rtm.start', async () => {
    const other = `var RtmClient = require('@slack/client').RtmClient;\nnew RtmClient('xoxb-test').start();\n`;
    const findings = await lintPackage({ 'bot.js': client('startRtmClient(rtm)'), 'message.js': MESSAGE, 'other.js': other });
    expect(findings).toEqual(['message.js:2 users', 'other.js:2 legacyRtmClient']);
  });

  it('are reported in other files where a store is fed from code the helper does not reach (cacheRtmStart)', async () => {
    const store = `module.exports = { cacheRtmStart(data) { this.users = data.users; } };\n`;
    const findings = await lintPackage({ 'bot.js': client('startRtmClient(rtm)'), 'message.js': MESSAGE, 'store.js': store });
    // The store keeps the users list: no `escapedItems` for it, since rtm.start's own users had no `presence` since January 2018.
    expect(findings).toEqual(['message.js:2 users', 'store.js:1 users']);
  });

  it('sees a migration made between two lint runs of the same process (the package is read again)', async () => {
    expect(await lintPackage({ 'bot.js': client('rtm.start()'), 'message.js': MESSAGE })).toContain('message.js:2 users');
    await writeFile(join(dir, 'bot.js'), client('startRtmClient(rtm)'));
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: recommendedConfig(), ignore: false });
    const [message] = await eslint.lintFiles([join(dir, 'message.js')]);
    expect(message?.messages).toEqual([]);
  });

  it('only where the helper module is what starts the client (a function of the same name elsewhere does not count)', async () => {
    const own = client('startRtmClient(rtm)').replace("require('./rtm-start-data')", "require('./starter')");
    const findings = await lintPackage({ 'bot.js': own, 'message.js': MESSAGE });
    expect(findings).toContain('bot.js:5 users');
    expect(findings).toContain('message.js:2 users');
  });
});

// The client made, and given its handlers, in one module; started in another (`rtm.start()` before the
// migration, `startRtmClient(rtm)` after it).
const MADE = (read: string, migrated = true): string => `const { RtmClient, CLIENT_EVENTS } = require('@slack/client');
const rtm = new RtmClient(process.env.SLACK_BOT_TOKEN${migrated ? ', { useRtmConnect: true }' : ''});
rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, (data) => { ${read} });
rtm.on('message', (m) => console.log(rtm.dataStore.getDMByUserId(m.user)));
module.exports = { rtm };
`;
const STARTS = (start: string, helper = true): string => `const { rtm } = require('./slackrtm');
${helper ? "const { startRtmClient } = require('./rtm-start-data');\n" : ''}${start};
`;

describe('AUTHENTICATED data of a client started in another module of the package', () => {
  it('is not reported once every start of the client goes through the helper module, nor are the look-ups', async () => {
    expect(await lintPackage({ 'slackrtm.js': MADE('console.log(data.channels.length);'), 'server.js': STARTS('startRtmClient(rtm)') })).toEqual([]);
  });

  it('is reported while a start of it stays rtm.start, or where no start of it is seen', async () => {
    const expected = ['slackrtm.js:3 channels', 'slackrtm.js:4 legacyDataStore', 'slackrtm.js:4 ims'];
    expect(await lintPackage({ 'slackrtm.js': MADE('console.log(data.channels.length);', false), 'server.js': STARTS('rtm.start()', false) })).toEqual([...expected, 'server.js:2 legacyRtmClient']);
    const restart = "module.exports = () => require('./slackrtm').rtm.start();\n";
    // That start calls rtm.connect (the client is made with useRtmConnect: true): no rtm.start there, but thin data here.
    expect(await lintPackage({ 'slackrtm.js': MADE('console.log(data.channels.length);'), 'server.js': STARTS('startRtmClient(rtm)'), 'restart.js': restart })).toEqual(expected);
    expect(await lintPackage({ 'slackrtm.js': MADE('console.log(data.channels.length);') })).toEqual(expected);
  });

  it('is reported where it reads an extra the start elsewhere does not ask for; the look-ups are not', async () => {
    expect(await lintPackage({ 'slackrtm.js': MADE('console.log(data.channels[0].latest);'), 'server.js': STARTS('startRtmClient(rtm)') })).toEqual(['slackrtm.js:3 channels', 'slackrtm.js:3 channels[].latest']);
  });
});
