import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, ROOT, scanOneSite, writeBotFiles } from './helpers.js';

/**
 * An `rtm.start` request whose answer nothing reads, before an `rtm.connect` whose `url` is used (the
 * shape of SeonghoJin/standUpCheckBot, corpus s27 case 13): the request goes to `auth.test`, not to a
 * second Tier-1 `rtm.connect` that a rate-limited Slack answers 429 back to back.
 */

const OWN_CLASS_BOT = `const request = require('request');
const WebSocket = require('ws');
const API = process.env.SLACK_API_URL || 'https://slack.com/api/';

function Rtm(token) { this.token = token; }
Rtm.prototype.uris = { start: API + 'rtm.start', connect: API + 'rtm.connect' };
Rtm.prototype.start = function () {
  const self = this;
  return this.request('get', this.uris.start)
    .then(function () { return self.request('get', self.uris.connect); })
    .then(function (result) {
      const socket = new WebSocket(result.url);
      socket.on('message', function (data) {
        if (JSON.parse(data).type === 'hello') { console.log('hello'); socket.close(); }
      });
    });
};
Rtm.prototype.request = function (type, uri) {
  const query = { method: type, uri: uri, qs: { token: this.token }, json: true };
  return new Promise(function (resolve) {
    request(query, function (error, response, body) { resolve(body); });
  });
};

new Rtm(process.env.SLACK_BOT_TOKEN).start().catch(function (e) { console.error(e.message); process.exit(1); });
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 13, users: 5, channels: 3, mode: 'legacy', rateLimits: true });
});

afterAll(async () => {
  await fake.close();
});

/** A run against a fresh rate limiter (Tier 1: one call back to back), calls counted from zero. */
function runLimited(dir: string): Promise<RunResult> {
  fake.setRateLimits(true);
  fake.resetCalls();
  // fixtures/bots has no `ws`: the workspace's own, found through NODE_PATH.
  return runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000, env: { NODE_PATH: join(ROOT, 'node_modules') } });
}

describe('an rtm.start request whose answer nothing reads', () => {
  it('goes to auth.test: under rate limits the rtm.connect asked next is not answered 429', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-unread-', { 'bot.js': OWN_CLASS_BOT });
    fake.setMode('legacy');
    const before = await runLimited(dir);
    expect({ code: before.code, stderr: before.stderr, stdout: before.stdout }).toEqual({ code: 0, stderr: '', stdout: 'hello\n' });
    expect(fake.stats().ratelimited).toBe(0);

    fake.setMode('connect_required');
    // What the URL swap to rtm.connect made of it: the second rtm.connect in a row is refused, and the bot dies on its url.
    await writeFile(join(dir, 'bot.js'), OWN_CLASS_BOT.replace("'rtm.start'", "'rtm.connect'"));
    const swapped = await runLimited(dir);
    expect(swapped.code).not.toBe(0);
    expect(fake.stats().ratelimited).toBe(1);

    await writeFile(join(dir, 'bot.js'), OWN_CLASS_BOT);
    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.stdout).toContain('raw-url → token-check');
    expect(migrated.stdout).toContain('TODOs left: 0');
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toBe(OWN_CLASS_BOT.replace("'rtm.start'", "'auth.test'"));

    const after = await runLimited(dir);
    expect({ code: after.code, stderr: after.stderr, stdout: after.stdout }).toEqual({ code: 0, stderr: '', stdout: 'hello\n' });
    expect(fake.stats().ratelimited).toBe(0);
    expect(fake.calls.map((c) => c.method)).toEqual(['auth.test', 'rtm.connect']);
    expect((await cli(['apply', '.', '--allow-dirty'], dir)).stdout).toContain('changed: 0');
  });

  it.each([
    ['WebClient, the promise awaited and dropped', "const { WebClient } = require('@slack/web-api');\nconst web = new WebClient(process.env.T);\n(async () => { await web.rtm.start(); console.log((await web.rtm.connect()).url); })();", 'web.auth.test()'],
    ['apiCall, its .then taking no answer', "const { WebClient } = require('@slack/web-api');\nconst web = new WebClient(process.env.T);\nweb.apiCall('rtm.start').then(() => web.rtm.connect()).then((r) => console.log(r.url));", "web.apiCall('auth.test')"],
    ['fetch, awaited and dropped', "(async () => { await fetch('https://slack.com/api/rtm.start?token=' + process.env.T); })();", 'auth.test?token='],
    ['request, its callback taking no parameter', "const request = require('request');\nrequest('https://slack.com/api/rtm.start?token=' + process.env.T, function () { console.log('next'); });", 'auth.test?token='],
    ['https.get, the stream never read', "const https = require('https');\nhttps.get('https://slack.com/api/rtm.start?token=' + process.env.T, (res) => { console.log('next'); });", 'auth.test?token='],
    // Clients the analysis does not know: taken where every way back is seen and takes no answer (the analysis' clientAnswerUnread).
    ["AngularJS's $http, its .then taking no answer", "angular.module('a').service('s', function ($http) {\n  this.check = function (t) { return $http.post('https://slack.com/api/rtm.start?token=' + t).then(function () { return true; }); };\n});", 'auth.test?token='],
    ["Meteor's HTTP.get, its callback taking no parameter", "Meteor.startup(function () {\n  HTTP.get('https://slack.com/api/rtm.start', { params: { token: process.env.T } }, function () { console.log('next'); });\n});", "'https://slack.com/api/auth.test'"],
  ])('%s: token-check', async (_name, source, written) => {
    const { dir, site } = await scanOneSite('rtm-migrate-unread-forms-', `${source}\n`);
    expect(site?.rewrite).toBe('token-check');
    expect((await cli(['apply', '.', '--allow-dirty'], dir)).code).toBe(0);
    expect(await readFile(join(dir, 'bot.js'), 'utf8')).toContain(written);
  });

  it.each([
    ['request, only ok read', "const request = require('request');\nrequest({ url: 'https://slack.com/api/rtm.start?token=' + process.env.T, json: true }, (err, res, body) => { if (!body.ok) console.log('bad'); });"],
    ['WebClient given options', "const { WebClient } = require('@slack/web-api');\nconst web = new WebClient(process.env.T);\n(async () => { await web.rtm.start({ batch_presence_aware: true }); })();"],
    ["AngularJS's $http, ok read", "angular.module('a').service('s', function ($http) {\n  this.check = function (t) { return $http.get('https://slack.com/api/rtm.start?token=' + t).then(function (r) { return r.data.ok; }); };\n});"],
    ["Meteor's HTTP.post, its callback reading the error", "Meteor.startup(function () {\n  HTTP.post('https://slack.com/api/rtm.start?token=' + process.env.T, function (err) { if (err) console.log('bad'); });\n});"],
  ])('%s: rtm.connect as before', async (_name, source) => {
    const { site } = await scanOneSite('rtm-migrate-unread-read-', `${source}\n`);
    expect(site?.rewrite).toBe('connect-only');
  });
});

describe("item reads inside lodash's / underscore's collection callbacks", () => {
  const METEOR_PRESENCE = (head: string): string =>
    `${head}HTTP.get('https://slack.com/api/rtm.start', { params: { token: process.env.T } }, function (err, res) {
  if (!err) console.log(_.filter(res.data.users, function (user) { return 'active' == user.presence; }).length, res.data.users.length);
});
`;

  it("Meteor's global _ (SpaceTalk, corpus s27 case 20): users[].presence is read, and the TODO does not ask for rtm.connect", async () => {
    const { site } = await scanOneSite('rtm-migrate-meteor-underscore-', METEOR_PRESENCE("Meteor.startup(function () {});\n"));
    expect(site?.rewrite).toBe('todo');
    expect(site?.fieldsRead).toEqual(['users', 'users[].presence']);
    expect(site?.message).toContain('users[].presence: users.getPresence');
    expect(site?.message).toContain('no code reads its `url`');
    expect(site?.message).not.toContain('request `rtm.connect` instead');
  });

  it.each([
    ['a global _ in a file that is not Meteor\'s', ''],
    ['an _ of the app\'s own', "const _ = require('./util');\nMeteor.startup(function () {});\n"],
  ])('%s: the item reads are not taken on a guess', async (_name, head) => {
    const { site } = await scanOneSite('rtm-migrate-unknown-underscore-', METEOR_PRESENCE(head));
    expect(site?.fieldsRead).toEqual(['users']);
  });
});
