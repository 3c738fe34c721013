import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkBotsRelease } from '../../../test/support/bots-release.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, cli, expectSameWithoutRtmStart, knowsEveryUser, tempDir } from './helpers.js';

/**
 * spleenboy/slackversational's shape (blind corpus s47/10): a wrapper class around a slack-client 2.x
 * `RtmClient`, written once as an ES6 class in `src/` and once as what Babel 6 made of it in `dist/`,
 * the ES5 module pattern (`module.exports = function () { function SlackClient(client) {…} …; return
 * SlackClient; }()`) whose methods are its `prototype`'s or `_createClass`'s. The `dist/` copy, the
 * one the package runs, was passed over without a word: the bot kept asking `rtm.start`. Run here on
 * slack-client 2.0.6 as published (fixtures/bots' install).
 */
const SRC = `'use strict';
var Slack = require('slack-client');

// Wrapper for the Slack client, to manage API changes gracefully.
class SlackClient {
  constructor(client) {
    this.client = client;
  }

  start(opts) {
    this.client.start(opts);
  }

  static create(token) {
    return new SlackClient(new Slack.RtmClient(token, { slackAPIUrl: process.env.SLACK_API_URL, logLevel: 'error', autoReconnect: false, dataStore: new Slack.MemoryDataStore() }));
  }
}

module.exports = SlackClient;
`;

const OPTIONS = "{ slackAPIUrl: process.env.SLACK_API_URL, logLevel: 'error', autoReconnect: false, dataStore: new Slack.MemoryDataStore() }";

/** Babel 6's output of SRC (its `_createClass` and `_classCallCheck` helpers inlined). */
const BABEL = `"use strict";

var _createClass = function () { function defineProperties(target, props) { for (var i = 0; i < props.length; i++) { var descriptor = props[i]; descriptor.enumerable = descriptor.enumerable || false; descriptor.configurable = true; if ("value" in descriptor) descriptor.writable = true; Object.defineProperty(target, descriptor.key, descriptor); } } return function (Constructor, protoProps, staticProps) { if (protoProps) defineProperties(Constructor.prototype, protoProps); if (staticProps) defineProperties(Constructor, staticProps); return Constructor; }; }();

function _classCallCheck(instance, Constructor) { if (!(instance instanceof Constructor)) { throw new TypeError("Cannot call a class as a function"); } }

var Slack = require('slack-client');

// Wrapper for the Slack client, to manage API changes gracefully.
module.exports = function () {
    function SlackClient(client) {
        _classCallCheck(this, SlackClient);

        this.client = client;
    }

    _createClass(SlackClient, [{
        key: "start",
        value: function start(opts) {
            this.client.start(opts);
        }
    }], [{
        key: "create",
        value: function create(token) {
            return new SlackClient(new Slack.RtmClient(token, ${OPTIONS}));
        }
    }]);

    return SlackClient;
}();
`;

/** The same class in the ES5 module pattern by hand: prototype methods inside the function. */
const PROTOTYPE = `'use strict';
var Slack = require('slack-client');

module.exports = function () {
  function SlackClient(client) {
    this.client = client;
  }
  SlackClient.prototype.start = function (opts) {
    this.client.start(opts);
  };
  SlackClient.create = function (token) {
    return new SlackClient(new Slack.RtmClient(token, ${OPTIONS}));
  };
  return SlackClient;
}();
`;

/** The package's entry, on the built copy: prints what the client's AUTHENTICATED data knew once the socket is open. */
const INDEX = `'use strict';
var SlackClient = require('./dist/slack-client');

var wrapper = SlackClient.create(process.env.SLACK_BOT_TOKEN);
var started;
wrapper.client.on('authenticated', function (data) { started = data; });
wrapper.client.on('open', function () {
  console.log('signed in as ' + started.self.name + ' on ' + started.team.name);
  started.users.map(function (u) { return u.id + ' ' + u.name; }).sort().forEach(function (u) { console.log('user ' + u); });
  started.channels.filter(function (c) { return c.is_member; }).forEach(function (c) { console.log('channel #' + c.name + ' members=' + c.members.length); });
  process.stdout.write('', function () { process.exit(0); });
});
wrapper.client.on('unable_to_rtm_start', function (error) { console.error('unable to start: ' + (error && error.message)); process.exit(1); });
wrapper.start();
`;

async function slackversational(dist: string): Promise<string> {
  const dir = await tempDir('module-pattern-client-');
  await linkBotsRelease(dir, 'slack-client-2', 'slack-client');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'slackversational', version: '1.0.10', main: 'index.js', dependencies: { 'slack-client': '^2.0.0' } }));
  await mkdir(join(dir, 'src'));
  await mkdir(join(dir, 'dist'));
  await writeFile(join(dir, 'src', 'slack-client.js'), SRC);
  await writeFile(join(dir, 'dist', 'slack-client.js'), dist);
  await writeFile(join(dir, 'index.js'), INDEX);
  return dir;
}

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 47, users: 14, channels: 5, mode: 'legacy' });
});
afterAll(async () => {
  await fake.close();
});

describe('a slack-client 2.x wrapper in the ES5 module pattern, its ES6 source beside it', () => {
  it.each([
    { form: "Babel's _createClass output", dist: BABEL, at: 'dist/slack-client.js:20:13' },
    { form: 'prototype methods by hand', dist: PROTOTYPE, at: 'dist/slack-client.js:9:5' },
  ])('$form: both copies start through the helper module, generated beside the source (not in dist/, which a build empties); the same workspace against connect_required', { timeout: 180_000 }, async ({ dist, at }) => {
    const dir = await slackversational(dist);
    const run = (): Promise<RunResult> => runNodeBot(join(dir, 'index.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });
    const before = await knowsEveryUser(fake, run);
    expect(before.stdout).toMatch(/^channel #\S+ members=\d+$/m);

    const migrated = await breaksThenMigrates(fake, dir, run);
    expect(migrated).toMatch(new RegExp(`^done +${at.replace(/\./g, '\\.')} +legacy-client → helper-module$`, 'm'));
    expect(migrated).toMatch(/^done +src\/slack-client\.js:11:5 +legacy-client → helper-module$/m);
    expect(await readFile(join(dir, 'dist', 'slack-client.js'), 'utf8')).toContain("require('../src/rtm-start-data')");
    expect(await readFile(join(dir, 'src', 'slack-client.js'), 'utf8')).toContain("require('./rtm-start-data')");

    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await run());
    const again = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(again.stdout).toContain('TODOs left: 0');
    expect(again.stdout).not.toMatch(/^(done|would) /m);
  });
});
