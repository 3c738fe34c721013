import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack } from '@rtm-migrate/fake-slack';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { config } from '../../../test/support/corpus.js';
import { runNodeBot } from '../../../test/support/run.js';
import { cli, expectPresenceAsRtmStartGave, expectSameWithoutRtmStart, ROOT, tempDir, writeBotFiles, type DryReport } from './helpers.js';

/**
 * A users list handed on whole. `rtm.start` stopped sending users' `presence` in January 2018 (core's
 * `droppedFromRtmStart`), as `users.list` did later: a users list rebuilt from `users.list` carries
 * what `rtm.start`'s did, so handing it on loses nothing. Each bot runs against fake Slack in `legacy`
 * mode (no `presence`, like Slack since 2018), is migrated, and runs against `connect_required`: where
 * the list goes into a cache another module reads (which the analysis cannot follow) the site is
 * migrated with no TODO nor `escapedItems` report, and that module knows the same users (and as much of
 * their presence: none) as before; where it goes to another module's function the analysis reads, that
 * function's explicit `presence` read is followed and, as `rtm.start` gave no presence, fetches none
 * (the report names the read and the `include` entry that would); where each user goes to a function of the same file that
 * reads only `name`, the in-place rewrite stays and the bot prints the same. Lists whose items did
 * carry attributes no replacement list returns (`bots[].icons`, `channels[].has_pins`, `ims[].is_open`)
 * go to the generated helper module, whose items answer `undefined` for such an attribute and warn once
 * on stderr at its first read (never a silent loss); the report says so per site and the lint still
 * reports the hand-over.
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

  it('bots stored for a module the analysis cannot follow: migrated through the helper module, the report and the lint name bots[].icons, and its read warns once at run time', async () => {
    const fake = await startFakeSlack({ seed: 23, users: 30, channels: 3, mode: 'legacy' });
    try {
      const dir = await writeBotFiles('rtm-migrate-escaped-bots-', CACHED_BOTS);
      const before = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
      expect(before.stderr).toBe('');
      // The icons are really there under rtm.start: the migrated bot loses them, but not silently.
      expect(Number(/^with icons: (\d+)$/m.exec(before.stdout)?.[1])).toBeGreaterThan(0);

      expect(await lint(dir)).toEqual(['7 rtmStart', '8 escapedItems', '8 startOnlyField', '9 startOnlyField']);

      const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
      expect(migrated.stderr).toBe('');
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain('TODOs left: 0');
      expect(migrated.stdout.replace(/\s+/g, ' ')).toContain('gets `bots` and may read `bots[].icons`, `bots[].updated`');
      const after = await readFile(join(dir, 'bot.js'), 'utf8');
      expect(after).not.toContain('TODO(rtm-migrate)');
      expect(after).toContain('await rtmStartData(web)');

      fake.setMode('connect_required');
      const run = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(before.stdout.replace(/^with icons: \d+$/m, 'with icons: 0'));
      // Every bot's icons read, one warning naming where they come from now.
      expect(run.stderr.match(/bots\[\]\.icons is not in the replacement data: .*bots\.info/g)).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });

  it("handed to another module's function that reads presence: followed, no presence fetched, as rtm.start gave none: the same users and output", async () => {
    const fake = await startFakeSlack({ seed: 23, users: 6, channels: 3, mode: 'legacy' });
    try {
      const dir = await writeBotFiles('rtm-migrate-escaped-users-', HANDED);
      const before = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
      expect(before.stderr).toBe('');

      const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
      expect(migrated.stderr).toBe('');
      expect(migrated.stdout).toContain('TODOs left: 0');
      expect(await readFile(join(dir, 'bot.js'), 'utf8')).not.toContain('users[].presence');

      fake.setMode('connect_required');
      fake.resetCalls();
      expectPresenceAsRtmStartGave(fake, before, await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl }));
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

/** The bot: channels and ims handed to a package of its node_modules, which the analysis does not read. */
const PANEL_BOT = `${HEADER}const panel = require('roster-panel');

async function main() {
  const data = await web.rtm.start();
  panel.show(data.channels, data.ims);
}
${FOOTER}`;

/** The package: prints every channel's name and members and every DM's user, and reads `has_pins` off each channel. */
const PANEL = `const byId = (a, b) => (a.id < b.id ? -1 : 1);

exports.show = (channels, ims) => {
  for (const channel of [...channels].sort(byId)) console.log('#' + channel.name + ': ' + [...(channel.members || [])].sort().join(','));
  for (const im of [...ims].sort(byId)) console.log('@' + im.user);
  console.log('pinned: ' + channels.filter((channel) => channel.has_pins).length);
  console.log('first has_pins: ' + channels[0].has_pins);
  console.log('listed: ' + Object.keys(channels[0]).includes('has_pins') + ' ' + JSON.stringify({ ...channels[0] }).includes('has_pins'));
};
`;

/** A folder with bot.js and its own node_modules: the bundled bots' packages linked in, and the package `name` (its index.js). */
async function panelBot(bot = PANEL_BOT, name = 'roster-panel', index = PANEL): Promise<string> {
  const dir = await tempDir('rtm-migrate-escaped-panel-');
  const bots = join(ROOT, 'fixtures', 'bots', 'node_modules');
  await mkdir(join(dir, 'node_modules', name), { recursive: true });
  for (const entry of await readdir(bots)) await symlink(join(bots, entry), join(dir, 'node_modules', entry));
  await writeFile(join(dir, 'node_modules', name, 'index.js'), index);
  await writeFile(join(dir, 'bot.js'), bot);
  return dir;
}

describe('channels and ims handed to a package in node_modules', () => {
  it('migrated through the helper module: the same names, members and users, has_pins undefined as before, and one warning naming it', async () => {
    const fake = await startFakeSlack({ seed: 31, users: 12, channels: 5, mode: 'legacy' });
    try {
      const dir = await panelBot();
      const before = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
      expect(before.stderr).toBe('');
      expect(before.stdout).toMatch(/^#\S+: U\w+/m);
      expect(before.stdout).toMatch(/^@U\w+$/m);
      // The fake's legacy rtm.start sends no `has_pins` either: the read gave undefined before too.
      expect(before.stdout).toContain('first has_pins: undefined');
      expect(before.stdout).toContain('listed: false false');

      // The lint informs (the hand-over, and both lists read), it fixes nothing.
      expect(await lint(dir)).toEqual(['7 rtmStart', '8 escapedItems', '8 startOnlyField', '8 startOnlyField']);

      // The report, text and JSON, names the lists and the attributes and says the helper warns on a read.
      const dry = await cli(['apply', '.', '--dry', '--allow-dirty', '--report', 'json'], dir);
      const report = JSON.parse(dry.stdout) as DryReport;
      expect(report.todos).toBe(0);
      expect(report.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
      expect(report.sites[0]?.message).toContain(
        'gets `channels`, `ims` and may read `channels[].has_pins`, `ims[].is_open`, `ims[].has_pins`, which the replacement lists lack',
      );
      expect(report.sites[0]?.message).toContain('a read of one answers `undefined` and warns once at run time');
      // `rtmStartCompat()` of @rtm-migrate/shim builds no such getter: `--helper shim` keeps the TODO.
      const shim = JSON.parse((await cli(['apply', '.', '--dry', '--allow-dirty', '--helper', 'shim', '--report', 'json'], dir)).stdout) as DryReport;
      expect(shim.sites.map((s) => s.rewrite)).toEqual(['todo']);
      expect(shim.sites[0]?.message).toContain('may read `channels[].has_pins`, `ims[].is_open`, `ims[].has_pins`: item attributes only `rtm.start` gave');

      const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
      expect(migrated.stderr).toBe('');
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain('TODOs left: 0');
      expect(migrated.stdout.replace(/\s+/g, ' ')).toContain('warns once at run time');
      expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain('await rtmStartData(web)');

      fake.setMode('connect_required');
      fake.resetCalls();
      const after = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
      expect(after.code).toBe(0);
      // Every name, member and DM user as before, the attributes still not enumerable.
      expect(after.stdout).toBe(before.stdout);
      // Five channels read for has_pins, one warning, saying where it comes from now; none for what nobody read.
      expect(after.stderr.trim().split('\n')).toEqual([
        'rtm-start-data: channels[].has_pins is not in the replacement data: `conversations.list` has no `has_pins`: `pins.list` per conversation tells whether it has pins',
      ]);
      expect(fake.calls.map((c) => c.method)).not.toContain('rtm.start');
      expect(fake.calls.map((c) => c.method)).not.toContain('pins.list');
    } finally {
      await fake.close();
    }
  });
});

/** The bot: its own user (`self`) handed to a package of its node_modules. */
const ME_BOT = `${HEADER}const card = require('me-card');

async function main() {
  const data = await web.rtm.start();
  card.show(data.self);
}
${FOOTER}`;

/** The package: prints the bot's id and name, and reads its prefs (`self.prefs`: no public method gives them back). */
const ME_CARD = `exports.show = (me) => {
  console.log('me: ' + me.id + ' ' + me.name);
  console.log('prefs: ' + typeof me.prefs);
  console.log('time zone: ' + (me.prefs && me.prefs.tz));
};
`;

describe('the bot\'s own user (self) handed to a package in node_modules', () => {
  it('migrated through the helper module: the same id and name, prefs an empty object, and one warning naming the pref read; the lint and the report name what self lacks', async () => {
    const fake = await startFakeSlack({ seed: 37, users: 8, channels: 3, mode: 'legacy' });
    try {
      const dir = await panelBot(ME_BOT, 'me-card', ME_CARD);
      const before = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
      expect(before.stderr).toBe('');
      // rtm.start's self carries its prefs: the package reads them.
      expect(before.stdout).toContain('prefs: object');
      expect(before.stdout).toMatch(/^time zone: \S+$/m);
      expect(before.stdout).not.toContain('time zone: undefined');

      expect(await lint(dir)).toEqual(['7 rtmStart', '8 escapedObject']);

      const dry = JSON.parse((await cli(['apply', '.', '--dry', '--allow-dirty', '--report', 'json'], dir)).stdout) as DryReport;
      expect(dry.todos).toBe(0);
      expect(dry.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
      expect(dry.sites[0]?.message).toContain('gets `self` and may read `self.prefs`, `self.created`, `self.manual_presence`');
      expect(dry.sites[0]?.message).toContain('a read of one answers `undefined` and warns once at run time');
      expect(dry.sites[0]?.message).toContain('Except `self.prefs`: RTM events write into it (`pref_change`), so it is an empty object');
      // `rtmStartCompat()` of @rtm-migrate/shim builds no such getter: `--helper shim` leaves a TODO naming them.
      const shim = JSON.parse((await cli(['apply', '.', '--dry', '--allow-dirty', '--helper', 'shim', '--report', 'json'], dir)).stdout) as DryReport;
      expect(shim.sites.map((s) => s.rewrite)).toEqual(['todo']);
      expect(shim.sites[0]?.message).toContain('gets `self` and may read `self.prefs`, `self.created`, `self.manual_presence`: attributes only `rtm.start` gave');

      const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
      expect(migrated.stderr).toBe('');
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain('TODOs left: 0');
      expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain('await rtmStartData(web)');

      fake.setMode('connect_required');
      fake.resetCalls();
      const after = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
      expect(after.code).toBe(0);
      // The same id and name; prefs an object still (RTM events write into it), but empty: no public method returns them.
      expect(after.stdout).toBe(before.stdout.replace(/^time zone: .*$/m, 'time zone: undefined'));
      // One read of a pref, one warning, saying there is no replacement; none for what nobody read.
      expect(after.stderr.trim().split('\n')).toEqual([
        "rtm-start-data: self.prefs.tz is not in the replacement data: no public method returns a user's prefs: drop the read or keep the setting in your app",
      ]);
      expect(fake.calls.map((c) => c.method)).not.toContain('rtm.start');
    } finally {
      await fake.close();
    }
  });
});

/** The package: prints the bot's id and its manual presence, which only `rtm.start` gave on `self`. */
const PRESENCE_CARD = `exports.show = (me) => {
  console.log('me: ' + me.id);
  console.log('manual presence: ' + me.manual_presence);
};
`;

/** What core's advice for `self.manual_presence` says to do, through the WebClient the bots use: `users.getPresence` for the bot itself. */
const PRESENCE_BY_ADVICE = `${HEADER}
async function main() {
  const { self } = await web.rtm.connect();
  const own = await web.users.getPresence({ user: self.id });
  console.log('me: ' + self.id);
  console.log('manual presence: ' + (own.manual_away ? 'away' : 'active'));
}
${FOOTER}`;

describe("the bot's manual presence (self.manual_presence) read by a package in node_modules", () => {
  it("migrated: undefined with one warning pointing to users.getPresence's manual_away, which gives back what rtm.start gave", async () => {
    // Seed 7: the bot has set itself away by hand, so rtm.start said "away" (the default "active" would prove less).
    const fake = await startFakeSlack({ seed: 7, users: 8, channels: 3, mode: 'legacy' });
    try {
      const dir = await panelBot(ME_BOT, 'me-card', PRESENCE_CARD);
      const before = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
      expect(before.stderr).toBe('');
      expect(before.stdout).toMatch(/^me: U\w+\nmanual presence: away\n$/);

      const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
      expect(migrated.code).toBe(0);
      expect(migrated.stdout).toContain('TODOs left: 0');

      fake.setMode('connect_required');
      fake.resetCalls();
      const after = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
      expect(after.code).toBe(0);
      expect(after.stdout).toBe(before.stdout.replace('manual presence: away', 'manual presence: undefined'));
      expect(after.stderr.trim().split('\n')).toEqual([
        'rtm-start-data: self.manual_presence is not in the replacement data: call `users.getPresence` for the bot itself: it has no `manual_presence`, but its `manual_away` is true where `manual_presence` was `"away"` and false where it was `"active"`',
      ]);
      expect(fake.calls.map((c) => c.method)).not.toContain('rtm.start');

      // Doing what the warning says, against the same Slack without rtm.start, prints what rtm.start gave.
      await writeFile(join(dir, 'by-advice.js'), PRESENCE_BY_ADVICE);
      const byAdvice = await runNodeBot(join(dir, 'by-advice.js'), { cwd: dir, apiUrl: fake.apiUrl });
      expect(byAdvice.stderr).toBe('');
      expect(byAdvice.stdout).toBe(before.stdout);
    } finally {
      await fake.close();
    }
  });
});

const FORWARD_BOT = `${HEADER}const relay = require('stats-relay');

async function main() {
  const data = await web.rtm.start();
  relay.send(data);
}
${FOOTER}`;

/** The package: what an analytics client does with the whole answer (blind s55/11 posted it to a service): reads a few keys, sends the rest. */
const STATS_RELAY = `exports.send = (data) => {
  console.log('team: ' + data.team.id + ', users: ' + data.users.length);
  console.log('cache_ts: ' + data.cache_ts);
  console.log('is_europe: ' + data.is_europe);
  console.log('keys sent: ' + Object.keys(data).filter((k) => ['cache_ts', 'is_europe', 'links'].includes(k)).join(',') + '.');
};
`;

describe("the whole answer handed to a package in node_modules, keys nothing replaces among what it reads (cache_ts, is_europe)", () => {
  it('migrated through the helper module: the report names those keys; at run time each read answers undefined and warns once', async () => {
    const fake = await startFakeSlack({ seed: 12, users: 8, channels: 3, mode: 'legacy' });
    try {
      const dir = await panelBot(FORWARD_BOT, 'stats-relay', STATS_RELAY);
      const before = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
      expect([before.code, before.stderr]).toEqual([0, '']);
      expect(before.stdout).toMatch(/^cache_ts: \d+\nis_europe: false\nkeys sent: cache_ts,is_europe,links\.$/m);
      const dry = JSON.parse((await cli(['apply', '.', '--dry', '--report', 'json'], dir)).stdout) as { sites: { message: string }[] };
      // Every key nothing replaces is named, with why.
      expect(dry.sites[0]?.message.replace(/\s+/g, ' ')).toMatch(/`cache_ts`, `cache_ts_version`, `cache_version`, `latest_event_ts`, `accept_tos_url`, .*`thread_only_channels`/);
      const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
      expect(migrated.stdout).toContain('TODOs left: 0');
      fake.setMode('connect_required');
      fake.resetCalls();
      const after = await runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl });
      expect(after.code).toBe(0);
      const expected = before.stdout.replace(/^cache_ts: .*$/m, 'cache_ts: undefined').replace(/^is_europe: .*$/m, 'is_europe: undefined').replace(/^keys sent: .*$/m, 'keys sent: .');
      expect(after.stdout).toBe(expected);
      expect(after.stderr.trim().split('\n')).toEqual([
        'rtm-start-data: cache_ts is not in the replacement data: no replacement: drop the read',
        'rtm-start-data: is_europe is not in the replacement data: no public replacement: drop the read',
      ]);
      expect(fake.calls.map((c) => c.method)).not.toContain('rtm.start');
    } finally {
      await fake.close();
    }
  });
});
