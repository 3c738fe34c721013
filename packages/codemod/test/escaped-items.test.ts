import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack } from '@rtm-migrate/fake-slack';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { config } from '../../../test/support/corpus.js';
import { runNodeBot } from '../../../test/support/run.js';
import { cli, expectPresenceAnswered, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * A users list handed on whole. `rtm.start` stopped sending users' `presence` in January 2018 (core's
 * `droppedFromRtmStart`), as `users.list` did later: a users list rebuilt from `users.list` carries
 * what `rtm.start`'s did, so handing it on loses nothing. Each bot runs against fake Slack in `legacy`
 * mode (no `presence`, like Slack since 2018), is migrated, and runs against `connect_required`: where
 * the list goes into a cache another module reads (which the analysis cannot follow) the site is
 * migrated with no TODO nor `escapedItems` report, and that module knows the same users (and as much of
 * their presence: none) as before; where it goes to another module's function the analysis reads, that
 * function's explicit `presence` read makes the helper module fetch presence (`users.getPresence`), so
 * the code gets what it was written for; where each user goes to a function of the same file that
 * reads only `name`, the in-place rewrite stays and the bot prints the same.
 */

const HEADER = `const { WebClient } = require('@slack/web-api');

const web = new WebClient(process.env.SLACK_BOT_TOKEN, { slackApiUrl: process.env.SLACK_API_URL });
`;
const FOOTER = `
main().catch((error) => {
  console.error('unable to start: ' + (error && error.message ? error.message : error));
  process.exit(1);
});
`;

/** The list stored in another module's cache, which that module reads for presence later. */
const CACHED = {
  'bot.js': `${HEADER}const directory = require('./directory');

async function main() {
  const res = await web.rtm.start();
  Object.assign(directory.cache, { users: res.users });
  console.log('users: ' + res.users.length);
  console.log('known: ' + directory.names().join(','));
  console.log('awake: ' + directory.awake().length);
}
${FOOTER}`,
  'directory.js': `const cache = { users: [] };

exports.cache = cache;
exports.names = () => cache.users.map((person) => person.id + '=' + person.name).sort();
exports.awake = () => cache.users.filter((person) => person.presence === 'active');
`,
};

/** The bots stored in another module's cache, which that module reads for icons later: an item gap `rtm.start` did have. */
const CACHED_BOTS = {
  'bot.js': `${HEADER}const directory = require('./directory');

async function main() {
  const res = await web.rtm.start();
  Object.assign(directory.cache, { bots: res.bots });
  console.log('bots: ' + res.bots.length);
  console.log('with icons: ' + directory.withIcons().length);
}
${FOOTER}`,
  'directory.js': `const cache = { bots: [] };

exports.cache = cache;
exports.withIcons = () => cache.bots.filter((bot) => bot.icons && bot.icons.image_48);
`,
};

/** The list handed to another module's function, which reads presence off each user. */
const HANDED = {
  'bot.js': `${HEADER}const { awakeNames } = require('./roster');

async function main() {
  const res = await web.rtm.start();
  console.log('users: ' + res.users.length);
  console.log('awake: ' + awakeNames(res.users).sort().join(','));
}
${FOOTER}`,
  'roster.js': `exports.awakeNames = (people) => people.filter((person) => person.presence === 'active').map((person) => person.name);
`,
};

/** Each user handed to a function of the same file that reads only the name. */
const NAMES = {
  'bot.js': `${HEADER}const names = [];

function remember(member) {
  names.push(member.name);
}

async function main() {
  const res = await web.rtm.start();
  res.users.forEach(remember);
  console.log('users: ' + names.sort().join(','));
}
${FOOTER}`,
};

const awakeCount = (out: string): number => Number(/^awake: (\d+)$/m.exec(out)?.[1] ?? NaN);

async function lint(dir: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(false), ignore: false });
  const results = await eslint.lintFiles(['bot.js']);
  return results.flatMap((r) => r.messages.map((m) => `${String(m.line)} ${m.messageId ?? '(fatal)'}${m.fix ? ' fix' : ''}`));
}

describe('a list handed on whole (users, bots)', () => {
  it('stored for a module the analysis cannot follow: migrated, no TODO nor escapedItems (rtm.start sent no presence either), the module knows the same users', async () => {
    const fake = await startFakeSlack({ seed: 23, users: 30, channels: 3, mode: 'legacy' });
    try {
      const dir = await writeBotFiles('rtm-migrate-escaped-users-', CACHED);
      const before = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
      expect(before.stderr).toBe('');
      // rtm.start's users carry no presence (as Slack's since January 2018): the module finds none awake.
      expect(awakeCount(before.stdout)).toBe(0);
      expect(/^known: (.+)$/m.exec(before.stdout)?.[1]?.split(',')).toHaveLength(30);

      // The site and its `users` are reported; the hand-over is not: the list lacks nothing rtm.start's had.
      expect(await lint(dir)).toEqual(['7 rtmStart', '8 startOnlyField', '9 startOnlyField']);

      const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
      expect(migrated.stderr).toBe('');
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain('TODOs left: 0');
      const after = await readFile(join(dir, 'bot.js'), 'utf8');
      expect(after).not.toContain('TODO(rtm-migrate)');
      expect(after).not.toContain('rtm.start()');

      // The same users (ids and names) in the module's cache, and as much presence as rtm.start gave.
      fake.setMode('connect_required');
      fake.resetCalls();
      expectSameWithoutRtmStart(fake, before, await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl }));
      expect(fake.calls.map((c) => c.method)).toContain('users.list');
    } finally {
      await fake.close();
    }
  });

  it('bots stored for a module the analysis cannot follow: a TODO naming bots[].icons and a lint report, never a rewrite that prints with icons: 0', async () => {
    const fake = await startFakeSlack({ seed: 23, users: 30, channels: 3, mode: 'legacy' });
    try {
      const dir = await writeBotFiles('rtm-migrate-escaped-bots-', CACHED_BOTS);
      const before = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
      expect(before.stderr).toBe('');
      // The icons are really there under rtm.start: a rewrite from users.list would print 0.
      expect(Number(/^with icons: (\d+)$/m.exec(before.stdout)?.[1])).toBeGreaterThan(0);

      expect(await lint(dir)).toEqual(['7 rtmStart', '8 escapedItems', '8 startOnlyField', '9 startOnlyField']);

      const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
      expect(migrated.stderr).toBe('');
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain('TODOs left: 1');
      const after = await readFile(join(dir, 'bot.js'), 'utf8');
      expect(after.replace(/\n\s*\/\/\s*/g, ' ')).toContain('gets `bots` and may read `bots[].icons`, `bots[].updated`');
      expect(after).not.toContain('users[].presence');
      const code = after.split('\n').filter((line) => !line.trim().startsWith('//')).join('\n');
      expect(code).not.toMatch(/rtm\.connect|users\.list|rtmStartData/);

      // Against a Slack that retired rtm.start it fails loudly, as before the migration: no silent `with icons: 0`.
      fake.setMode('connect_required');
      const run = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('unable to start');
    } finally {
      await fake.close();
    }
  });

  it("handed to another module's function that reads presence: followed, the helper module fetches presence, the same users with the presence the code was written for", async () => {
    const fake = await startFakeSlack({ seed: 23, users: 6, channels: 3, mode: 'legacy' });
    try {
      const dir = await writeBotFiles('rtm-migrate-escaped-users-', HANDED);
      const before = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
      expect(before.stderr).toBe('');

      const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
      expect(migrated.stderr).toBe('');
      expect(migrated.stdout).toContain('TODOs left: 0');
      expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain("{ include: ['users[].presence'] }");

      // The same users; the explicit read now finds each user's presence, as users.getPresence answers it.
      fake.setMode('connect_required');
      fake.resetCalls();
      await expectPresenceAnswered(fake, before, await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl }));
    } finally {
      await fake.close();
    }
  });

  it('each user handed to a same-file function reading only the name: rewritten in place, the same output', async () => {
    const fake = await startFakeSlack({ seed: 23, users: 12, channels: 3, mode: 'legacy' });
    try {
      const dir = await writeBotFiles('rtm-migrate-escaped-users-', NAMES);
      const before = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
      expect(before.stderr).toBe('');
      // `remember` is followed: no report of the hand-over, only of the site and its `users`.
      expect(await lint(dir)).toEqual(['11 rtmStart', '12 startOnlyField']);

      const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
      expect(migrated.stderr).toBe('');
      expect(migrated.stdout).toContain('TODOs left: 0');
      const after = await readFile(join(dir, 'bot.js'), 'utf8');
      expect(after).toContain("web.paginate('users.list'");
      expect(after).not.toContain('rtmStartData');

      fake.setMode('connect_required');
      fake.resetCalls();
      expectSameWithoutRtmStart(fake, before, await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl }));
      expect(fake.calls.map((c) => c.method)).not.toContain('users.getPresence');
    } finally {
      await fake.close();
    }
  });
});
