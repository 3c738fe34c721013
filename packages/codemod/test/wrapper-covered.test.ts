import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Project } from '@rtm-migrate/analysis/project';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { migratedWhole } from '../src/scan/wrapper-covered.js';
import { cli, tempDir } from './helpers.js';

/**
 * Uses of the app's own `rtm.start` wrapper (a module named after the method, called from another
 * file or re-exported by a table): `covered`, left as they are, only where the wrapper hands back the
 * whole data through the generated helper module in the way the use takes it; a TODO otherwise.
 */

async function project(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('rtm-migrate-covered-');
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

interface Site {
  readonly id: string;
  readonly rewrite: string;
  readonly message: string;
  readonly covers?: string;
}

async function scan(files: Record<string, string>): Promise<Record<string, Site>> {
  const dir = await project(files);
  const r = await cli(['scan', '.', '--json'], dir);
  expect(r.code).toBe(0);
  const sites = (JSON.parse(r.stdout) as { sites: Site[] }).sites;
  return Object.fromEntries(sites.map((s) => [s.id.replace(/:\d+:\d+$/, ''), s]));
}

const POST = `module.exports = function post(method, params, callback) {
  require('https').get('https://slack.com/api/' + method, function (res) { callback(null, res); }).on('error', callback);
};
`;

/** rtmStart(params, callback) hands its caller's callback straight to the app's post() helper. */
const CALLBACK_WRAPPER = `var post = require('./post');
module.exports = function rtmStart(params, callback) {
  if (!params.token) return callback(new Error('not_authed'));
  post('rtm.start', params, callback);
};
`;

/** rtmStart(params) returns @slack/web-api's promise. */
const PROMISE_WRAPPER = `var WebClient = require('@slack/web-api').WebClient;
var web = new WebClient(process.env.SLACK_BOT_TOKEN);
module.exports = function rtmStart(params) {
  return web.rtm.start(params);
};
`;

describe('a use of the app\'s own rtm.start wrapper', () => {
  it('is covered where the wrapper passes its callback parameter on and the caller gives its callback there', async () => {
    const sites = await scan({
      'lib/post.js': POST,
      'lib/rtm.start.js': CALLBACK_WRAPPER,
      'lib/caller.js': `var rtmStart = require('./rtm.start');
rtmStart({ token: 'xoxb-test' }, function (err, data) {
  console.log(data.users.length, data.channels[0].members.length);
});
`,
    });
    expect(sites['lib/rtm.start.js']?.rewrite).toBe('helper-module');
    const caller = sites['lib/caller.js'];
    expect(caller?.rewrite).toBe('covered');
    expect(caller?.covers).toBe(sites['lib/rtm.start.js']?.id);
    expect(caller?.message).toContain("the app's own `rtmStart` (lib/rtm.start.js:2)");
    expect(caller?.message).toContain('the callback passed here gets the whole');
  });

  it('is covered through `.call(thisArg, …)` and Babel\'s interop default, and as a table entry re-exporting it', async () => {
    const sites = await scan({
      'lib/post.js': POST,
      'lib/rtm.start.js': CALLBACK_WRAPPER,
      'lib/applied.js': `exports.start = function (params, callback) {
  params.token = process.env.SLACK_BOT_TOKEN;
  require('./rtm.start').call({}, params, callback);
};
`,
      'lib/client.js': `var _rtm = require('./rtm.start');
var _rtm2 = _interopRequireDefault(_rtm);
function _interopRequireDefault(obj) { return obj && obj.__esModule ? obj : { default: obj }; }
exports.listen = function (params, cb) {
  (0, _rtm2.default)(params, function (err, data) { cb(err, data); });
};
`,
      'lib/index.js': `var rtmStart = require('./rtm.start');
module.exports = { rtm: { start: rtmStart } };
`,
    });
    expect(sites['lib/applied.js']?.rewrite).toBe('covered');
    expect(sites['lib/client.js']?.rewrite).toBe('covered');
    expect(sites['lib/index.js']?.rewrite).toBe('covered');
    expect(sites['lib/index.js']?.message).toContain('this entry re-exports');
  });

  it('is covered where the wrapper returns the promise and the caller uses it', async () => {
    const sites = await scan({
      'lib/rtm.start.js': PROMISE_WRAPPER,
      'lib/caller.js': `var rtmStart = require('./rtm.start');
rtmStart({ mpim_aware: true }).then(function (data) { console.log(data.users.length); });
`,
    });
    expect(sites['lib/rtm.start.js']?.rewrite).toBe('helper-module');
    expect(sites['lib/caller.js']?.rewrite).toBe('covered');
    expect(sites['lib/caller.js']?.message).toContain('the promise returned here gives');
  });

  it.each([
    [
      'the wrapper hands on only a part of the data',
      `var post = require('./post');
module.exports = function rtmStart(params, callback) {
  post('rtm.start', params, function (err, data) { callback(err, data && data.users); });
};
`,
      `var rtmStart = require('./rtm.start');
rtmStart({ token: 'x' }, function (err, users) { console.log(users.length); });
`,
    ],
    [
      'the wrapper keeps the response and returns one field',
      `var WebClient = require('@slack/web-api').WebClient;
var web = new WebClient(process.env.SLACK_BOT_TOKEN);
module.exports = async function rtmStart(params) {
  const res = await web.rtm.start(params);
  return res.users;
};
`,
      `var rtmStart = require('./rtm.start');
rtmStart({}).then(function (users) { console.log(users.length); });
`,
    ],
    [
      'the caller reads a field the wrapper\'s helper call does not fetch (subteams)',
      CALLBACK_WRAPPER,
      `var rtmStart = require('./rtm.start');
rtmStart({ token: 'x' }, function (err, data) { console.log(data.subteams.self.length); });
`,
    ],
    [
      'the caller waits for a promise from a wrapper that calls back',
      CALLBACK_WRAPPER,
      `var rtmStart = require('./rtm.start');
rtmStart({ token: 'x' }).then(function (data) { console.log(data.users.length); });
`,
    ],
    [
      'the caller passes its callback where the wrapper takes its arguments',
      CALLBACK_WRAPPER,
      `var rtmStart = require('./rtm.start');
rtmStart(function (err, data) { console.log(data.users.length); });
`,
    ],
    [
      'the wrapper itself is left as a TODO (its raw request is not one rtm-migrate rebuilds)',
      `module.exports = function rtmStart(params, callback) {
  var req = require('https').request({ hostname: 'slack.com', path: '/api/rtm.start', method: 'POST' }, function (res) {
    var body = '';
    res.on('data', function (c) { body += c; });
    res.on('end', function () { callback(null, JSON.parse(body)); });
  });
  req.setTimeout(5000);
  req.end();
};
`,
      `var rtmStart = require('./rtm.start');
rtmStart({ token: 'x' }, function (err, data) { console.log(data.users.length); });
`,
    ],
  ])('keeps its TODO where %s', async (name, wrapper, caller) => {
    const sites = await scan({ 'lib/post.js': POST, 'lib/rtm.start.js': wrapper, 'lib/caller.js': caller });
    // The wrapper's own outcome, so that the use's TODO is for the reason named. A wrapper that hands on
    // the users list alone goes to the helper module too: its callers get users as rtm.start's were
    // (no `presence` since January 2018), but not the whole data, so the use is still no covered one.
    expect(sites['lib/rtm.start.js']?.rewrite).toBe(name.startsWith('the wrapper itself') ? 'todo' : 'helper-module');
    expect(sites['lib/caller.js']?.rewrite).toBe('todo');
    expect(sites['lib/caller.js']?.message).toMatch(/^TODO\(rtm-migrate\): /);
  });

  it('is never rewritten in place (there is no method name in it to change), even when it reads only what rtm.connect returns', async () => {
    const sites = await scan({
      'lib/rtm.start.js': `module.exports = function rtmStart(params, callback) { callback(null, { ok: true, url: 'wss://x' }); };`,
      'lib/caller.js': `var rtmStart = require('./rtm.start');
rtmStart({}, function (err, data) { console.log(data.url); });
`,
    });
    expect(sites['lib/caller.js']?.rewrite).toBe('todo');
    expect(sites['lib/caller.js']?.message).toContain("this calls the app's own module for `rtm.start`");
  });
});

describe('migratedWhole', () => {
  it("knows a wrapper a previous run moved to the helper module, in JavaScript's and TypeScript's output, with the extras it asks for", async () => {
    const dir = await project({
      'lib/rtm-start-data.js': 'exports.rtmStartData = async function rtmStartData() {};\n',
      'lib/js.js': `const { callbackify } = require('util');
const { rtmStartData } = require('./rtm-start-data');
module.exports = function rtmStart(params, callback) {
  callbackify(rtmStartData)(callSlack, params, { include: ['subteams'] }, callback);
};
`,
      'lib/ts.ts': `import { callbackify } from 'util';
import { rtmStartData } from './rtm-start-data';
export default function rtmStart(params: object, callback: (err: Error | null, data?: unknown) => void): void {
  callbackify(() => rtmStartData(callSlack, params))(callback);
}
`,
      'lib/promise.js': `const { rtmStartData } = require('./rtm-start-data');
module.exports = (params) => rtmStartData(web, params);
`,
      'lib/elsewhere.js': `const { rtmStartData } = require('./rtm-start-data');
module.exports = function rtmStart(params, callback) {
  rtmStartData(web, params).then((data) => callback(null, data.users));
};
`,
      'lib/main.js': `require('./js'); require('./ts'); require('./promise'); require('./elsewhere');`,
    });
    const files = ['js.js', 'ts.ts', 'promise.js', 'elsewhere.js'].map((f) => join(dir, 'lib', f));
    const p = new Project([...files, join(dir, 'lib', 'main.js')]);
    const main = p.file(join(dir, 'lib', 'main.js'))!;
    const targets = main.program.body.map((s) => (s.type === AST_NODE_TYPES.ExpressionStatement ? s.expression : undefined)).filter((e) => e !== undefined);
    const whole = targets.map((t) => {
      const fn = p.moduleFunction(main.resolver, t);
      return fn && migratedWhole(fn, []);
    });
    expect(whole[0]).toEqual({ contract: { kind: 'callback', param: 1 }, include: ['subteams'] });
    expect(whole[1]).toEqual({ contract: { kind: 'callback', param: 1 }, include: [] });
    expect(whole[2]).toEqual({ contract: { kind: 'promise' }, include: [] });
    // The data goes to the callback cut down (`data.users`): not the whole data.
    expect(whole[3]).toBeUndefined();
  });
});
