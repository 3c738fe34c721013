import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { V3_BOT } from '../../../test/support/v3-bot.js';
import { breaksThenMigrates, expectSameWithoutRtmStart, expectSecondRunChangesNothing, tempDir } from './helpers.js';

/** Prints the open groups (group DMs among them) of the AUTHENTICATED data, then exits. */
const PRINT_OPEN = `    var open = [];
    for (var id in data.groups) { if (data.groups[id].is_open) open.push(data.groups[id].name); }
    console.log('open groups: ' + open.join(', '));
    process.exit(0);`;

const CLIENT = `var RtmClient = require('@slack/client').RtmClient;
var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;

var rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' });

rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
  console.error('unable to start: ' + (error && error.message ? error.message : error));
  process.exit(1);
});
`;

/**
 * The AUTHENTICATED handler as blind set s45/12 (ofbusiness/yoda-search) gave it: made by a factory of
 * the file (`rtm.on(AUTHENTICATED, onOpen())`); and as a function declaration named at the `on`. Its
 * reads were not followed: the start fetched every list but not `is_open`, and the migrated bot found
 * no open group where it had found two.
 */
const BOTS = {
  factory: `${CLIENT}
function onOpen() {
  return function (data) {
${PRINT_OPEN}
  };
}

rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, onOpen());
rtm.start();
`,
  declaration: `${CLIENT}
function onAuthenticated(data) {
${PRINT_OPEN.replace(/^ {2}/gm, '')}
}

rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, onAuthenticated);
rtm.start();
`,
};

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 38, users: 14, channels: 6, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

/** The bot beside the real @slack/client 3.16 that fixtures/v3-bot installs. */
async function botFolder(source: string): Promise<string> {
  const dir = await tempDir('rtm-migrate-v3-handler-factory-');
  await writeFile(join(dir, 'package.json'), await readFile(join(V3_BOT, 'package.json'), 'utf8'));
  await symlink(join(V3_BOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await writeFile(join(dir, 'bot.js'), source);
  return dir;
}

describe.each(Object.entries(BOTS))('a v3 RtmClient whose AUTHENTICATED handler is given by a %s', (_form, source) => {
  it('finds the same open groups against connect_required: the store filled whole, is_open fetched for the groups', { timeout: 120_000 }, async () => {
    const dir = await botFolder(source);
    const run = (): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
    fake.setMode('legacy');
    const before = await run();
    expect([before.code, before.stderr]).toEqual([0, '']);
    // Fake Slack closes some group DMs: the bot sees some open, not all.
    expect(before.stdout).toMatch(/^open groups: \S/m);

    await breaksThenMigrates(fake, dir, run);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toMatch(/^startRtmClient\(rtm, \{\}, \{ [^}]*include: \['groups\[\]\.is_open'\][^}]*\}\);$/m);
    fake.resetCalls();
    const after = await run();
    expectSameWithoutRtmStart(fake, before, after);
    await expectSecondRunChangesNothing(dir);
  });
});
