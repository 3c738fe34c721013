import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../src/plan.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, expectUrlSwapKeepsOutput, writeBotFiles } from './helpers.js';

/**
 * Raw requests to `rtm.start` whose answer is read for `rtm.connect`'s fields only, through a client
 * rtm-migrate does not know (a runtime's global class, a framework's injected `$http`) or through Node's
 * `http.request` with options held apart and the body added up in an outer variable parsed on `close`.
 * Each bot runs against fake Slack in `legacy` mode, is migrated by the real CLI, and runs again in
 * `connect_required` mode: it prints the same, asking `rtm.connect` once. The clients the runtime
 * provides are globals set by a preloaded file (`--require`), as a browser or an embedded runtime would.
 */

const API = "const API = process.env.SLACK_API_URL || 'https://slack.com/api/';\n";

/** The runtime's globals: `Courier` (answers `{ status, payload }` to a callback) and `$http` (a promise of `{ status, data }`). */
const RUNTIME = `const http = require('http');
function fetchJson(url, done, failed) {
  http.get(url, (res) => {
    let text = '';
    res.on('data', (c) => (text += c));
    res.on('end', () => done(res.statusCode, JSON.parse(text)));
  }).on('error', failed);
}
globalThis.Courier = class Courier {
  constructor(url) { this.url = url; this.onfailure = null; }
  send(options, callback) { fetchJson(this.url, (status, payload) => callback({ status, payload }), (e) => this.onfailure && this.onfailure(e)); }
};
globalThis.$http = { get: (url) => new Promise((resolve, reject) => fetchJson(url, (status, data) => resolve({ status, data }), reject)) };
`;

const OPTIONS_CLOSE_BOT = `const http = require('http');
${API}
const api = new URL(API);
const startOptions = { hostname: api.hostname, port: api.port, path: api.pathname + 'rtm.start?token=' + process.env.SLACK_BOT_TOKEN, method: 'GET' };

let text = '';
function opened() {
  const answer = JSON.parse(text);
  if (!answer.ok) return console.error(answer.error);
  console.log([answer.self.id, answer.team.domain, /^wss?:/.test(answer.url)].join(' '));
}

const outgoing = http.request(startOptions, function (res) {
  res.on('data', function (piece) {
    text = text + piece.toString();
  });
  res.on('close', opened);
});
outgoing.end();
`;

const RUNTIME_CLIENT_BOT = `${API}
function Bot(token) {
  this.token = token;
  this.me = { id: null, name: null };
}
Bot.prototype.address = function (done) {
  var call = new Courier(API + 'rtm.start?token=' + this.token);
  call.send({ verb: 'GET' }, function (event) {
    var answer = event.payload;
    this.me.id = answer.self.id;
    this.me.name = answer.self.name;
    done(answer.ok ? answer.url : null, answer.team.domain);
  }.bind(this));
  call.onfailure = function () {
    done(null);
  };
};
var bot = new Bot(process.env.SLACK_BOT_TOKEN);
bot.address(function (url, domain) {
  console.log([bot.me.id, bot.me.name, domain, /^wss?:/.test(url)].join(' '));
});
`;

const INJECTED_HTTP_BOT = `${API}
function tokenCheck($http) {
  return {
    describe: function (token) {
      var address = API + 'rtm.start?token=' + token;
      return $http.get(address).then(function (reply) {
        if (!reply.data.ok) throw new Error(reply.data.error);
        return reply.status + ' ' + reply.data.team.domain + ' ' + reply.data.self.name;
      });
    },
  };
}
tokenCheck($http).describe(process.env.SLACK_BOT_TOKEN).then(function (text) {
  console.log(text);
});
`;

/** The same client, its answer's `data.users` read: `data` is the client's wrapper, `users` is not on rtm.connect. */
const INJECTED_HTTP_USERS_BOT = INJECTED_HTTP_BOT.replace("' ' + reply.data.self.name", "' ' + reply.data.users.length");

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 44, users: 5, channels: 3, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string): Promise<RunResult> =>
  runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000, env: { NODE_OPTIONS: `--require ${join(dir, 'runtime.js')}` } });

describe('raw rtm.start requests through clients rtm-migrate does not know, read for rtm.connect fields only', () => {
  it.each([
    ['http.request, options held apart, the body added up in an outer variable and parsed on close', OPTIONS_CLOSE_BOT, /^U\w+ \S+ true\n$/],
    ['a runtime global `new Courier(url)`, a bound callback and an error handler', RUNTIME_CLIENT_BOT, /^U\w+ \S+ \S+ true\n$/],
    ["an injected `$http.get(url)` whose promise's `data` is read", INJECTED_HTTP_BOT, /^200 \S+ \S+\n$/],
  ])('%s: the URL names rtm.connect and the bot prints the same', { timeout: 120_000 }, async (_name, source, printed) => {
    const dir = await writeBotFiles('rtm-migrate-raw-unknown-client-', { 'bot.js': source, 'runtime.js': RUNTIME });
    await expectUrlSwapKeepsOutput(fake, dir, source, printed, () => runIn(dir));
  });

  it('the same $http client read for data.users: a TODO naming users, the URL left as it is', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-raw-unknown-users-', { 'bot.js': INJECTED_HTTP_USERS_BOT, 'runtime.js': RUNTIME });
    const scanned = await cli(['scan', '.', '--json'], dir);
    expect(scanned.stderr).toBe('');
    const [site, ...more] = (JSON.parse(scanned.stdout) as Plan).sites;
    expect(more).toEqual([]);
    expect(site?.rewrite).toBe('todo');
    expect(site?.message).toContain('Fields read → replacements: users: users.list');
    const applied = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(applied.stdout).toContain('TODOs left: 1');
    const out = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(out).toContain('TODO(rtm-migrate)');
    expect(out).toContain("var address = API + 'rtm.start?token=' + token;");
  });
});
