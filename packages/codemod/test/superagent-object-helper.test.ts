import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli, ROOT, writeBotFiles } from './helpers.js';

/**
 * The app's own superagent helper as the member `api` of an object literal its factory returns, the
 * token set on the arguments inside it (stolksdorf/slack-higgins, corpus s33b case 07, trimmed: no
 * lodash, the API base read from SLACK_API_URL). `Slack.api('rtm.start', …).end((err, res) => …)` prints
 * the whole answer (`console.log(data)`), so it is rebuilt whole through `Slack.api`, which adds the
 * token to every call. Run with real superagent and `ws` against fake Slack: before in `legacy` mode,
 * migrated in `connect_required` mode, the same users and channels known and the socket opened; a
 * token Slack does not know starts nothing, before and after.
 */

const SLACK_API = `var request = require('superagent');
var ws = require('ws');

var idMap = function(arr){
	return arr.reduce((r, item)=>{
		r[item.id] = item;
		return r;
	}, {});
}

module.exports = function(TOKEN, opts){
	var Slack = {
		socketUrl : '',
		users : [],
		channels : [],

		init : function(cb){
			Slack.api('rtm.start', {no_unreads : true, simple_latest : true})
				.end((err, res)=>{
					var data = res.body;
					if(!data.ok) return;

					Slack.users = idMap(data.users);
					Slack.channels = idMap(data.channels);
					Slack.socketUrl = data.url;

					console.log(data);

					Slack.connect(cb)
				})
		},

		connect : function(cb){
			Slack.ws = new ws(Slack.socketUrl);
			Slack.ws.on('open', function(data){
				console.log('Open!', data);
				if(cb) cb()
			});
		},

		// Not in the original: the socket URL alone, through \`this.api\` with no option (rtm.connect in place).
		reconnect : function(cb){
			this.api('rtm.start', {}).end(function(err, res){ cb(err, err ? null : res.body.url) })
		},

		api : function(method, parameters){
			parameters.token = TOKEN;
			return request
				.post((process.env.SLACK_API_URL || "https://slack.com/api/") + method)
				.type('form')
				.send(parameters)
		},
	};

	return Slack;
}
`;

/** Starts the app, prints who and what it knows once its socket is open, and closes the socket. */
const BOT = `var slack = require('./slack.api.js')(process.env.SLACK_BOT_TOKEN);
slack.init(function () {
  console.log('known users: ' + Object.keys(slack.users).sort().join(' '));
  console.log('known channels: ' + Object.keys(slack.channels).sort().join(' '));
  slack.ws.close();
  slack.reconnect(function (err, url) {
    console.log('known socket: ' + (err ? err.message : /^wss?:/.test(url)));
  });
});
`;

/** The lines the app prints of what it knows (the whole answer it also prints differs by its socket URL). */
const known = (run: RunResult): string[] => run.stdout.split('\n').filter((line) => /^(known |Open!)/.test(line));

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 33, users: 6, channels: 4, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

// fixtures/bots has no `ws`: the workspace's own, found through NODE_PATH; superagent is fixtures/bots' 3.8.3.
const runIn = (dir: string, token = 'xoxb-test'): Promise<RunResult> =>
  runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, token, timeoutMs: 60_000, env: { NODE_PATH: join(ROOT, 'node_modules') } });

describe('a superagent helper that is a member of an object literal, called as Slack.api(…)', () => {
  it('is migrated through Slack.api, rebuilding every field: the same users and channels, the socket opened', { timeout: 180_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-superagent-object-', { 'slack.api.js': SLACK_API, 'bot.js': BOT });
    fake.setMode('legacy');
    fake.resetCalls();
    const before = await runIn(dir);
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
    expect(known(before)).toEqual(['Open! undefined', expect.stringMatching(/^known users: (U\w+ ){5,}U\w+$/), expect.stringMatching(/^known channels: (C\w+ ){3,}C\w+$/), 'known socket: true']);
    expect(fake.calls.map((c) => c.method)).toEqual(['rtm.start', 'rtm.start']);
    const refused = await runIn(dir, 'xoxb-bad');
    expect(refused).toEqual({ code: 0, stderr: '', stdout: '' });

    fake.setMode('connect_required');
    expect(known(await runIn(dir))).toEqual([]);

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect({ code: migrated.code, stderr: migrated.stderr }).toEqual({ code: 0, stderr: '' });
    expect(migrated.stdout).toContain('helper → helper-module');
    expect(migrated.stdout).toContain('TODOs left: 0');
    const output = await readFile(join(dir, 'slack.api.js'), 'utf8');
    expect(output).toContain('const callSlack = (apiMethod, apiArgs) => new Promise((resolve, reject) => Slack.api(apiMethod, apiArgs).end(');
    // The whole answer is printed: no `fields` asked, every part of it rebuilt.
    expect(output).toContain('rtmStartData(callSlack, {no_unreads : true, simple_latest : true}, { optional: [');
    // The helper sets the token on the options it is given: they stay an object.
    expect(output).toContain("this.api('rtm.connect', {}).end(");
    expect(output).not.toContain("'rtm.start'");

    fake.resetCalls();
    const after = await runIn(dir);
    expect({ code: after.code, stderr: after.stderr }).toEqual({ code: 0, stderr: '' });
    expect(known(after)).toEqual(known(before));
    const methods = fake.calls.map((c) => c.method);
    expect(methods).not.toContain('rtm.start');
    expect(methods.filter((m) => m === 'rtm.connect')).toHaveLength(2);
    // Every call went through Slack.api, which added the token: none was refused.
    expect(fake.calls.filter((c) => !c.ok)).toEqual([]);

    fake.resetCalls();
    const stillRefused = await runIn(dir, 'xoxb-bad');
    expect(stillRefused).toEqual({ code: 0, stderr: '', stdout: '' });
    // The first call is refused and nothing more is asked.
    expect(fake.calls.map((c) => c.error)).toEqual(['invalid_auth']);
  });
});

/**
 * stolksdorf/slack-microbots' helper (blind s93/02, trimmed: the API base read from SLACK_API_URL): superagent-promise's
 * request, the arguments merged with lodash's `_.assign({}, payload, { token })`, its promise's `.then` handing the
 * response on after throwing Slack's error. Every read of the start is off `res.body`: the data come back as
 * `{ body }`, each method's body taken off the helper's own promise. fixtures/bots' superagent 3.8.3,
 * superagent-promise 1.1.0 and lodash 4.
 */
const PROMISE_API = `const request = require('superagent-promise')(require('superagent'), Promise);
const _ = require('lodash');

module.exports = function (token) {
  const slack = {
    users: {},
    channels: {},
    dms: {},
    url: '',

    api: (command, payload) => {
      return request
        .get(\`\${process.env.SLACK_API_URL}\${command}\`)
        .query(_.assign({}, payload, { token: token }))
        .then((res) => {
          if (res.body && res.body.ok === false) throw res.body.error;
          return res;
        });
    },

    start: () => {
      return slack.api('rtm.start').then((res) => {
        if (!res.body.ok || !res.body.url) throw 'bad access token';
        _.each(res.body.channels, (c) => { slack.channels[c.id] = c.name; });
        _.each(res.body.groups, (c) => { slack.channels[c.id] = c.name; });
        _.each(res.body.users, (u) => { slack.users[u.id] = u.name; });
        _.each(res.body.ims, (im) => { slack.dms[im.id] = slack.users[im.user]; });
        slack.url = res.body.url;
      });
    },
  };
  return slack;
};
`;

const PROMISE_BOT = `const slack = require('./slack.api.js')(process.env.SLACK_BOT_TOKEN);
slack.start().then(() => {
  console.log('known users: ' + Object.values(slack.users).sort().join(','));
  console.log('known channels: ' + Object.values(slack.channels).sort().join(','));
  console.log('known dms: ' + Object.values(slack.dms).sort().join(','));
  console.log('known socket: ' + /^wss?:/.test(slack.url));
}).catch((err) => console.log('failed: ' + err));
`;

describe("a superagent-promise helper whose promise hands the response on, its answer read off `res.body`", () => {
  it('is migrated through the helper, each body taken off its promise: the same users, channels and DMs; a bad token fails the same', { timeout: 180_000 }, async () => {
    const dir = await writeBotFiles('rtm-migrate-superagent-promise-', { 'slack.api.js': PROMISE_API, 'bot.js': PROMISE_BOT });
    fake.setMode('legacy');
    const before = await runIn(dir);
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
    expect(before.stdout).toMatch(/^known users: \S+,\S+/m);
    expect(before.stdout).toMatch(/^known dms: \S+/m);
    expect(before.stdout).toMatch(/^known socket: true$/m);
    const refused = await runIn(dir, 'xoxb-bad');
    expect(refused.stdout).toBe('failed: invalid_auth\n');

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect({ code: migrated.code, stderr: migrated.stderr }).toEqual({ code: 0, stderr: '' });
    expect(migrated.stdout).toContain('TODOs left: 0');
    expect(await readFile(join(dir, 'slack.api.js'), 'utf8')).toContain('const callSlack = (apiMethod, apiArgs) => slack.api(apiMethod, apiArgs).then((res) => res.body);');

    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await runIn(dir);
    expect({ code: after.code, stderr: after.stderr, stdout: after.stdout }).toEqual({ code: 0, stderr: '', stdout: before.stdout });
    expect(fake.calls.map((c) => c.method)).not.toContain('rtm.start');
    expect((await runIn(dir, 'xoxb-bad')).stdout).toBe(refused.stdout);
  });
});

describe("a superagent-promise helper whose `.then` does more than hand the response on: a TODO", () => {
  it.each([
    ['it logs each response first', '          if (res.body && res.body.ok === false) throw res.body.error;\n', '          console.log(res.status);\n'],
    ['it answers the body, not the response', '          return res;\n', '          return res.body;\n'],
  ])('%s', { timeout: 60_000 }, async (_name, from, to) => {
    expect(PROMISE_API).toContain(from);
    const dir = await writeBotFiles('rtm-migrate-superagent-promise-todo-', { 'slack.api.js': PROMISE_API.replace(from, to), 'bot.js': PROMISE_BOT });
    const migrated = await cli(['apply', '.', '--allow-dirty', '--dry'], dir);
    expect({ code: migrated.code, stderr: migrated.stderr }).toEqual({ code: 0, stderr: '' });
    expect(migrated.stdout).toContain('TODOs left: 1');
  });
});
