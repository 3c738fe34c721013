import { mkdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectPresenceAsRtmStartGave, expectSecondRunChangesNothing, ROOT, writeBotFiles } from './helpers.js';

/**
 * rtm.start's users and channels read through lodash's wrapper (`_(list).filter(fn).map(fn).value()`,
 * `_.chain(list).filter(fn).find(fn).value()`): the bot runs against fake Slack in `legacy` mode, is
 * migrated by the real CLI, and runs again in `connect_required` mode. The iteratees' item reads are
 * followed: the channel found's `members` are fetched by the generated module (the members count is the
 * same), `presence` is not, as rtm.start had sent none (nobody awake, before and after).
 * lodash is the workspace's own copy (the lockfile's lodash 4), linked beside the bot.
 */

const BOT = `const _ = require('lodash');
const { WebClient } = require('@slack/web-api');

const web = new WebClient(process.env.SLACK_BOT_TOKEN, { slackApiUrl: process.env.SLACK_API_URL });

async function main() {
  const res = await web.rtm.start();
  const awake = _(res.users)
    .filter((user) => user.presence === 'active')
    .map((user) => user.name)
    .value();
  const general = _.chain(res.channels)
    .filter((channel) => !channel.is_archived)
    .find((channel) => channel.is_general)
    .value();
  console.log('awake: ' + awake.sort().join(','));
  console.log('general: ' + general.name + ' ' + general.members.length);
  console.log('users: ' + res.users.length);
}

main().catch((e) => { console.error(e.message); process.exit(1); });
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 46, users: 6, channels: 3, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

describe("payload lists read through lodash's wrapper", () => {
  it('the iteratees’ reads are fetched: the same members, and presence answered', { timeout: 240_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-lodash-chain-', { 'app/bot.js': BOT });
    const app = join(dir, 'app');
    await mkdir(join(app, 'node_modules'));
    await symlink(join(ROOT, 'node_modules', '.pnpm', 'lodash@4.18.1', 'node_modules', 'lodash'), join(app, 'node_modules', 'lodash'), 'dir');
    const run = (): Promise<RunResult> => runNodeBot(join(app, 'bot.js'), { cwd: app, apiUrl: fake.apiUrl, timeoutMs: 90_000 });
    fake.setMode('legacy');
    const before = await run();
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
    expect(before.stdout).toMatch(/^general: general [1-9]\d*$/m);

    const migrated = await cli(['apply', '.', '--allow-dirty'], app);
    expect(migrated.stderr).toBe('');
    expect(migrated.stdout).toContain('TODOs left: 0');
    expect(await readFile(join(app, 'bot.js'), 'utf8')).toContain('await rtmStartData(web);');

    fake.setMode('connect_required');
    fake.resetCalls();
    expectPresenceAsRtmStartGave(fake, before, await run());
    await expectSecondRunChangesNothing(app);
  });
});
