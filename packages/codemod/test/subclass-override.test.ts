import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * A base class hands `rtm.start`'s answer to `this.onStart(res)`, whose own body reads `url` alone; a
 * subclass (in the same module, or in a module that requires it, an ES6 class or an ES5 prototype), or
 * an instance's own member, overrides `onStart` and reads `users` and `channels`. Swapping in `rtm.connect` on the base's body alone
 * would leave the bot that runs the subclass with no users: the override is found, the answer is taken as
 * read by code rtm-migrate cannot see whole, and the call goes to the helper module, which rebuilds the
 * whole data. Each bot runs against fake Slack before (`legacy`) and after (`connect_required`) and prints
 * the same. Where nothing overrides the method, the swap to `rtm.connect` stands.
 */

const BASE = `const { WebClient } = require('@slack/web-api');

class Base {
  constructor(token) {
    this.web = new WebClient(token, { slackApiUrl: process.env.SLACK_API_URL });
  }

  async connect() {
    const res = await this.web.rtm.start();
    this.onStart(res);
  }

  onStart(res) {
    console.log('socket: ' + /^wss?:/.test(res.url));
  }
}

module.exports = Base;
`;

const SUBCLASS = `const Base = require('./lib/base');

class Bot extends Base {
  onStart(res) {
    console.log('users: ' + res.users.map((u) => u.name).sort().join(','));
    console.log('channels: ' + res.channels.map((c) => c.name).sort().join(','));
  }
}

new Bot(process.env.SLACK_BOT_TOKEN).connect();
`;

const ES5_BASE = `var WebClient = require('@slack/web-api').WebClient;

function Base(token) {
  this.web = new WebClient(token, { slackApiUrl: process.env.SLACK_API_URL });
}

Base.prototype.connect = function () {
  var self = this;
  this.web.rtm.start().then(function (res) {
    self.onStart(res);
  });
};

Base.prototype.onStart = function (res) {
  console.log('socket: ' + /^wss?:/.test(res.url));
};

module.exports = Base;
`;

const ES5_SUBCLASS = `var util = require('util');
var Base = require('./lib/base');

function Bot(token) {
  Base.call(this, token);
}
util.inherits(Bot, Base);

Bot.prototype.onStart = function (res) {
  console.log('users: ' + res.users.map(function (u) { return u.name; }).sort().join(','));
};

new Bot(process.env.SLACK_BOT_TOKEN).connect();
`;

const SAME_MODULE = BASE.replace('module.exports = Base;\n', SUBCLASS.replace("const Base = require('./lib/base');\n\n", ''));

const INSTANCE_MEMBER = `const Base = require('./lib/base');

const bot = new Base(process.env.SLACK_BOT_TOKEN);
bot.onStart = (res) => {
  console.log('users: ' + res.users.map((u) => u.name).sort().join(','));
};
bot.connect();
`;

const PLAIN = `const Base = require('./lib/base');

new Base(process.env.SLACK_BOT_TOKEN).connect();
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 83, users: 4, channels: 3, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

async function migratesAndRunsTheSame(files: Record<string, string>, printed: RegExp): Promise<{ stdout: string; dir: string }> {
  const dir = await writeBotFiles('rtm-migrate-subclass-override-', files);
  const run = () => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });
  fake.setMode('legacy');
  const before = await run();
  expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
  expect(before.stdout).toMatch(printed);
  const applied = await cli(['apply', '.', '--allow-dirty'], dir);
  expect(applied.stderr).toBe('');
  expect(applied.stdout).toContain('TODOs left: 0');
  fake.setMode('connect_required');
  fake.resetCalls();
  expectSameWithoutRtmStart(fake, before, await run());
  return { stdout: applied.stdout, dir };
}

describe('a response handed to this.onStart(res), a method a subclass overrides', () => {
  it.each([
    ['a subclass in the requiring module', { 'bot.js': SUBCLASS, 'lib/base.js': BASE }, 'lib/base.js'],
    ['an ES5 subclass (util.inherits) in the requiring module', { 'bot.js': ES5_SUBCLASS, 'lib/base.js': ES5_BASE }, 'lib/base.js'],
    ['a subclass in the same module', { 'bot.js': SAME_MODULE }, 'bot.js'],
    ['an instance given its own onStart in the requiring module', { 'bot.js': INSTANCE_MEMBER, 'lib/base.js': BASE }, 'lib/base.js'],
  ])('%s: the whole data through the helper module, and the bot knows the same users', { timeout: 120_000 }, async (_name, files, site) => {
    const { stdout, dir } = await migratesAndRunsTheSame(files, /^users: \S+/m);
    expect(stdout).toMatch(new RegExp(`${site.replace('.', '\\.')}:\\d+:\\d+ +method-call → helper-module`));
    expect(await readFile(join(dir, site), 'utf8')).not.toContain('rtm.connect()');
  });

  it('nothing overrides it: rtm.connect in place, and the bot opens the same socket', { timeout: 120_000 }, async () => {
    const { stdout, dir } = await migratesAndRunsTheSame({ 'bot.js': PLAIN, 'lib/base.js': BASE }, /^socket: true$/m);
    expect(stdout).toMatch(/lib\/base\.js:\d+:\d+ +method-call → connect-only/);
    expect(await readFile(join(dir, 'lib', 'base.js'), 'utf8')).toBe(BASE.replace('rtm.start()', 'rtm.connect()'));
  });
});
