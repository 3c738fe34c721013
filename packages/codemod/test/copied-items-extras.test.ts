import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot } from '../../../test/support/run.js';
import { cli, expectSameWithoutRtmStart, writeBotFiles, type DryReport } from './helpers.js';

/**
 * Blind s109/09 (slack-client 1.3.1): the library copies the start data's groups and channels into objects of
 * its own (`new Group(this, g)`, key by key), where the analysis does not follow them, and its example reads
 * `is_open` off them. The copies keep no warning getter: a read of what the rebuilt lists lack was silently
 * `undefined` (8 open groups → 0). Where the program spells such a field, the start fetches it
 * (`conversations.info`, with the read state), as it does the read state.
 */
const CLIENT = `// slack-client 1.3.1's shape (blind s109/09): the start data's groups and channels copied into objects of the client's own.
var http = require('http');
var querystring = require('querystring');

function Group(client, data) { for (var k in data) this[k] = data[k]; }

function Client(token) { this.token = token; this.groups = {}; this.channels = {}; this._onLogin = this._onLogin.bind(this); }
Client.prototype.login = function (done) {
  this.done = done;
  return this._apiCall('rtm.start', { agent: 'node-slack' }, this._onLogin);
};
Client.prototype._onLogin = function (data) {
  if (!data.ok) return this.done(new Error(data.error));
  for (var k in data.groups) { var g = data.groups[k]; this.groups[g.id] = new Group(this, g); }
  for (var k2 in data.channels) { var c = data.channels[k2]; this.channels[c.id] = new Group(this, c); }
  this.socketUrl = data.url;
  this.done(null);
};
Client.prototype.getUnreadCount = function () {
  var n = 0; for (var id in this.channels) if (this.channels[id].unread_count != null) n += this.channels[id].unread_count; return n;
};
Client.prototype._apiCall = function (method, params, callback) {
  params.token = this.token;
  var url = new URL(process.env.SLACK_API_URL + method);
  var req = http.request({ hostname: url.hostname, port: url.port, method: 'POST', path: url.pathname, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  req.on('response', function (res) { var b = ''; res.on('data', function (c) { b += c; }); res.on('end', function () { callback(JSON.parse(b)); }); });
  req.end(querystring.stringify(params));
};
module.exports = Client;
`;

const EXAMPLE = `var Client = require('../lib/client');
var slack = new Client(process.env.SLACK_BOT_TOKEN);
slack.login(function (err) {
  if (err) {
    console.error('login failed: ' + err.message);
    process.exit(1);
  }
  var open = [];
  for (var k in slack.groups) if (slack.groups[k].is_open) open.push(slack.groups[k].name);
  console.log('open groups: ' + open.sort().join(', ') + ' | unread ' + slack.getUnreadCount());
});
`;

describe('conversations copied into objects of the app, read for is_open elsewhere in the program', () => {
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack({ seed: 91, users: 12, channels: 6, mode: 'legacy' });
  });
  afterAll(async () => {
    await slack.close();
  });

  it('fetches is_open with the read state, and the example prints the same open groups', { timeout: 240_000 }, async () => {
    const dir = await writeBotFiles('copied-items-extras-', { 'lib/client.js': CLIENT, 'examples/simple.js': EXAMPLE });
    const start = () => runNodeBot(join(dir, 'examples', 'simple.js'), { cwd: dir, apiUrl: slack.apiUrl });
    slack.setMode('legacy');
    const before = await start();
    expect([before.code, before.stderr]).toEqual([0, '']);
    expect(before.stdout).toMatch(/^open groups: \S.* \| unread \d+\n$/);

    const ran = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(ran.code).toBe(0);
    const report = JSON.parse(ran.stdout) as DryReport;
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['lib/client.js:10:10', 'helper-module']]);
    expect(await readFile(join(dir, 'lib', 'client.js'), 'utf8')).toContain("'groups[].is_open'");

    slack.setMode('connect_required');
    slack.resetCalls();
    expectSameWithoutRtmStart(slack, before, await start());
    expect(slack.calls.map((c) => c.method)).toContain('conversations.info');
  });
});
