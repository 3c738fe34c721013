import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { linkBotsRelease } from '../../../test/support/bots-release.js';
import { run, type RunResult } from '../../../test/support/run.js';
import { cli, ROOT, tempDir } from './helpers.js';

/**
 * A project whose own mocha tests stub Slack with nock (fixtures/projects/nock-stub-follows), run with
 * the real nock 13 and mocha 10 fixtures/bots installs. nock answers inside the process, and each spec
 * calls `nock.disableNetConnect()`, so a request the stubs do not answer fails instead of leaving.
 */
const PROJECT = join(ROOT, 'fixtures', 'projects', 'nock-stub-follows', 'input');

interface Report {
  readonly todos: number;
  readonly sites: readonly { readonly id: string; readonly rewrite: string }[];
}

interface Project {
  readonly dir: string;
  mocha(...specs: string[]): Promise<RunResult>;
}

async function project(): Promise<Project> {
  const dir = await tempDir('nock-stub-');
  await cp(PROJECT, dir, { recursive: true });
  await linkBotsRelease(dir, 'nock', 'nock');
  const bin = join(await linkBotsRelease(dir, 'mocha', 'mocha'), 'bin', 'mocha.js');
  return { dir, mocha: (...specs) => run(process.execPath, [bin, ...specs], { cwd: dir, env: { PATH: process.env.PATH ?? '' } }) };
}

describe("a project's own tests that stub rtm.start with nock, migrated by the CLI", () => {
  it('the stub of code that now asks rtm.connect answers rtm.connect, and its test still passes', { timeout: 120_000 }, async () => {
    const app = await project();
    const before = await app.mocha();
    expect([before.code, before.stdout]).toEqual([0, expect.stringMatching(/5 passing/)]);

    const done = await cli(['apply', '.', '--allow-dirty', '--no-verify', '--report', 'json'], app.dir);
    expect(done.code).toBe(0);
    const report = JSON.parse(done.stdout) as Report;
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([
      ['lib/connect.js:5:13', 'connect-only'],
      ['lib/roster.js:5:13', 'helper-module'],
      // nock('https://slack.com/api').get('/rtm.start'): a path of its own, which the analysis takes for a helper's method name (blind s124/08).
      ['test/connect-base.spec.js:11:5', 'connect-only'],
      // this.slack.get('/rtm.start'), `this.slack` the suite's nock scope (blind s134/11: taken for an app's helper, a TODO).
      ['test/connect-held.spec.js:12:5', 'connect-only'],
      ['test/connect.spec.js:11:12', 'connect-only'],
      ['test/connect.spec.js:21:35', 'connect-only'],
      // Its tested code builds the data through the generated module: split into the replacement methods.
      ['test/roster.spec.js:10:12', 'helper-module'],
    ]);
    expect(report.todos).toBe(0);

    // The connect specs, their success and error answers alike, pass against the migrated lib/connect.js.
    const connect = await app.mocha('test/connect.spec.js', 'test/connect-base.spec.js', 'test/connect-held.spec.js');
    expect([connect.code, connect.stdout]).toEqual([0, expect.stringMatching(/4 passing/)]);
    for (const spec of ['connect.spec.js', 'connect-base.spec.js', 'connect-held.spec.js']) expect(await readFile(join(app.dir, 'test', spec), 'utf8')).not.toContain('rtm.start');
  });

  it('the stub of code that now asks the replacement methods answers them, on the same scope and for the same query, and its test still passes', { timeout: 120_000 }, async () => {
    const app = await project();
    expect((await cli(['apply', '.', '--allow-dirty', '--no-verify'], app.dir)).code).toBe(0);
    const spec = await readFile(join(app.dir, 'test', 'roster.spec.js'), 'utf8');
    expect(spec).toContain("const { stubRtmStart } = require('../lib/rtm-start-data');");
    expect(spec).toContain("stubRtmStart(nock('https://slack.com'), { ok: true, url: 'wss://example.invalid/socket', users: [{ id: 'U1', name: 'ada' }, { id: 'U2', name: 'ken' }] }, { prefix: '/api/', query: 'token=xoxb-test', verb: 'get', status: 200 });");
    expect(spec).not.toContain('TODO(rtm-migrate)');
    const roster = await app.mocha('test/roster.spec.js');
    expect([roster.code, roster.stdout]).toEqual([0, expect.stringMatching(/1 passing/)]);
    // The stub carries the query it was given: a request with another token is not answered, as before.
    await writeFile(join(app.dir, 'test', 'roster.spec.js'), spec.replace("roster('xoxb-test'", "roster('xoxb-other'"));
    const other = await app.mocha('test/roster.spec.js');
    expect(other.code).not.toBe(0);
    expect(other.stdout).toMatch(/No match for request[^]*\/api\/users\.list\?\S*token=xoxb-other/);
  });

  it('a stub whose answer nock computes (a reply function) keeps a TODO naming the code it tests, which the test run bears out', { timeout: 120_000 }, async () => {
    const app = await project();
    const path = join(app.dir, 'test', 'roster.spec.js');
    const source = await readFile(path, 'utf8');
    const answer = "{ ok: true, url: 'wss://example.invalid/socket', users: [{ id: 'U1', name: 'ada' }, { id: 'U2', name: 'ken' }] }";
    expect(source).toContain(`.reply(200, ${answer})`);
    await writeFile(path, source.replace(`.reply(200, ${answer})`, `.reply(200, function () { return ${answer}; })`));
    expect((await cli(['apply', '.', '--allow-dirty', '--no-verify'], app.dir)).code).toBe(0);
    const spec = await readFile(path, 'utf8');
    expect(spec).toMatch(/TODO\(rtm-migrate\): this `nock` interceptor stands in for Slack's `rtm\.start` in a test, and the\n\s+\/\/\s+code the test runs \(lib\/roster\.js\)/);
    // As the TODO says: the migrated roster asks users.list, which the stub does not answer.
    const roster = await app.mocha('test/roster.spec.js');
    expect(roster.code).not.toBe(0);
    expect(roster.stdout).toContain('/api/users.list');
  });
});

/**
 * An SDK fork's own facet (@slack/client 3.14's `rtm` facet, its `makeAPICall` posting a form as the SDK's did)
 * and its test, written as node-slack-sdk's connection-logic test is: the interceptor's path chosen at run time
 * between `rtm.connect` and `rtm.start`, answering two starts (blind s136/05, 08).
 */
const FACET = `function RtmFacet(makeAPICall) {
  this.name = 'rtm';
  this.makeAPICall = makeAPICall;
}
RtmFacet.prototype.start = function start(opts, optCb) {
  return this.makeAPICall('rtm.start', null, opts, optCb);
};
RtmFacet.prototype.connect = function connect(opts, optCb) {
  return this.makeAPICall('rtm.connect', null, opts, optCb);
};
module.exports = RtmFacet;
`;

const CLIENT = `var https = require('https');
var querystring = require('querystring');
var RtmFacet = require('./facets/rtm');

/** The SDK's transport: a form POSTed to <url><method>, called back (err, answer). */
function client(url) {
  return new RtmFacet(function makeAPICall(method, _data, args, cb) {
    var body = querystring.stringify(Object.assign({ token: 'xoxb-test' }, args));
    var req = https.request(url + '/' + method, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, function (res) {
      var text = '';
      res.on('data', function (chunk) { text += chunk; });
      res.on('end', function () {
        if (res.statusCode !== 200) return cb(new Error('HTTP ' + res.statusCode));
        var answer = JSON.parse(text);
        cb(answer.ok ? null : new Error(answer.error), answer);
      });
    });
    req.on('error', function (err) { cb(err); });
    req.end(body);
  });
}
module.exports = client;
`;

const SPEC = `var assert = require('assert');
var nock = require('nock');
var client = require('../lib/clients/web/client');

var fixture = {
  ok: true,
  url: 'wss://example.invalid/socket',
  self: { id: 'U0', name: 'bot' },
  team: { id: 'T1', name: 'Team', domain: 'team', prefs: {} },
  users: [{ id: 'U0', name: 'bot' }, { id: 'U1', name: 'ada' }],
  channels: [{ id: 'C1', name: 'general', is_channel: true, is_member: true, members: ['U0', 'U1'] }],
  groups: [],
  ims: [{ id: 'D1', is_im: true, user: 'U1' }],
  bots: [],
};

function mock(url, useConnect) {
  nock(url).post(useConnect ? '/rtm.connect' : '/rtm.start').times(2).reply(200, fixture);
}

describe('connection logic', function () {
  before(function () { nock.disableNetConnect(); });

  it('starts twice with the same data', function (done) {
    var url = 'https://slack.com:4431/api';
    mock(url, false);
    var rtm = client(url);
    rtm.start({}, function (err, first) {
      if (err) return done(err);
      rtm.start({}, function (err2, second) {
        if (err2) return done(err2);
        for (const data of [first, second]) {
          assert.deepStrictEqual([data.self.id, data.team.domain, data.url], ['U0', 'team', 'wss://example.invalid/socket']);
          assert.deepStrictEqual(data.users.map(function (u) { return u.name; }), ['bot', 'ada']);
          assert.deepStrictEqual(data.channels.map(function (c) { return c.name + ':' + c.members.join(','); }), ['general:U0,U1']);
          assert.deepStrictEqual(data.ims.map(function (im) { return im.user; }), ['U1']);
        }
        assert.ok(nock.isDone(), 'every interceptor answered: ' + nock.pendingMocks());
        done();
      });
    });
  });

  it('connects twice', function (done) {
    var url = 'https://slack.com:4432/api';
    mock(url, true);
    var rtm = client(url);
    rtm.connect({}, function (err, data) {
      if (err) return done(err);
      rtm.connect({}, function (err2) {
        if (err2) return done(err2);
        assert.strictEqual(data.url, 'wss://example.invalid/socket');
        assert.ok(nock.isDone());
        done();
      });
    });
  });

  it('a third start finds no interceptor, as before', function (done) {
    var url = 'https://slack.com:4433/api';
    mock(url, false);
    var rtm = client(url);
    rtm.start({}, function () {
      rtm.start({}, function () {
        rtm.start({}, function (err) {
          assert.ok(err && /No match for request/.test(String(err.message)), String(err && err.message));
          done();
        });
      });
    });
  });
});
`;

/** The same fork's retry-policy test, as node-slack-sdk's: the interceptor handed to a function that gives it its answer (blind s136/05, 08). */
const RETRY_SPEC = `var assert = require('assert');
var nock = require('nock');
var client = require('../lib/clients/web/client');

var fixture = { ok: true, url: 'wss://example.invalid/socket', self: { id: 'U0', name: 'bot' }, team: { id: 'T1', name: 'Team', domain: 'team', prefs: {} }, users: [{ id: 'U1', name: 'ada' }], channels: [], groups: [], ims: [], bots: [] };

describe('retry policy', function () {
  before(function () { nock.disableNetConnect(); });

  var testStart = function (port, reply) {
    var url = 'https://slack.com:' + port + '/api';
    var serverReply = reply || function (post) {
      return post.reply(500, '');
    };
    serverReply(nock(url).post('/rtm.start'));
    return client(url);
  };

  it('a server error fails the start', function (done) {
    testStart(4441).start({}, function (err) {
      assert.strictEqual(err && err.message, 'HTTP 500');
      done();
    });
  });

  it("Slack's error is the start's", function (done) {
    testStart(4442, function (post) {
      return post.reply(200, { ok: false, error: 'invalid_auth' });
    }).start({}, function (err) {
      assert.strictEqual(err && err.message, 'invalid_auth');
      done();
    });
  });

  it('two answers for two starts', function (done) {
    var rtm = testStart(4443, function (post) {
      return post.twice().reply(200, fixture);
    });
    rtm.start({}, function (err) {
      if (err) return done(err);
      rtm.start({}, function (err2, data) {
        if (err2) return done(err2);
        assert.deepStrictEqual(data.users.map(function (u) { return u.name; }), ['ada']);
        assert.ok(nock.isDone());
        done();
      });
    });
  });
});
`;

describe("an SDK fork's own tests whose interceptor's path is chosen at run time, or handed on before its answer", () => {
  it('rtm.start splits into the replacement methods for both starts, rtm.connect stays as it was, an interceptor handed on gets its answer as before, and the tests pass before and after', { timeout: 120_000 }, async () => {
    const dir = await tempDir('nock-stub-chosen-');
    await mkdir(join(dir, 'lib', 'clients', 'web', 'facets'), { recursive: true });
    await mkdir(join(dir, 'test'));
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: '@slack/client', version: '3.14.11', main: 'index.js', devDependencies: { mocha: '^10.0.0', nock: '^13.0.0' } }));
    await writeFile(join(dir, 'lib', 'clients', 'web', 'facets', 'rtm.js'), FACET);
    await writeFile(join(dir, 'lib', 'clients', 'web', 'client.js'), CLIENT);
    await writeFile(join(dir, 'test', 'connection-logic.spec.js'), SPEC);
    await writeFile(join(dir, 'test', 'retry-policy.spec.js'), RETRY_SPEC);
    // Handed to a function that keeps it (not a reply chain): nothing says what answers it, so a TODO.
    await writeFile(join(dir, 'test', 'kept.js'), "var nock = require('nock');\nvar kept = [];\nfunction keep(interceptor) { kept.push(interceptor); return interceptor; }\nkeep(nock('https://slack.com/api').post('/rtm.start'));\nmodule.exports = kept;\n");
    await linkBotsRelease(dir, 'nock', 'nock');
    const bin = join(await linkBotsRelease(dir, 'mocha', 'mocha'), 'bin', 'mocha.js');
    const mocha = () => run(process.execPath, [bin, 'test/connection-logic.spec.js', 'test/retry-policy.spec.js'], { cwd: dir, env: { PATH: process.env.PATH ?? '' } });
    const before = await mocha();
    expect([before.code, before.stdout]).toEqual([0, expect.stringMatching(/6 passing/)]);

    const done = await cli(['apply', '.', '--allow-dirty', '--no-verify', '--report', 'json'], dir);
    expect(done.code).toBe(0);
    const report = JSON.parse(done.stdout) as Report;
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([
      ['lib/clients/web/facets/rtm.js:6:10', 'helper-module'],
      ['test/connection-logic.spec.js:18:3', 'helper-module'],
      ['test/kept.js:4:6', 'todo'],
      ['test/retry-policy.spec.js:15:17', 'helper-module'],
    ]);
    const spec = await readFile(join(dir, 'test', 'connection-logic.spec.js'), 'utf8');
    expect(spec).toContain("stubRtmStart(nock(url), fixture, { prefix: '/', connectOnly: useConnect, times: 2, status: 200 });");
    expect(await readFile(join(dir, 'test', 'retry-policy.spec.js'), 'utf8')).toContain("serverReply(rtmStartInterceptor(nock(url), { prefix: '/' }));");
    const after = await mocha();
    expect([after.code, after.stdout]).toEqual([0, expect.stringMatching(/6 passing/)]);
  });
});
