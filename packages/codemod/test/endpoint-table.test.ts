import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../src/plan.js';
import { cli, tempDir } from './helpers.js';

/**
 * A URL kept in a table of endpoints (`RTM.prototype.endpoints = { start: '/api/rtm.start' }`) and
 * handed to the class's request helper (`this.request('GET', this.endpoints.start, {}, callback)`),
 * as CoffeeScript compiles such clients (slack-api-client). Followed only where the helper's contract
 * is seen: it requests its host followed by the URL, passes the arguments on and calls back
 * Node-style; otherwise a TODO that says which part is not seen. The real CLI on files on disk; the
 * published library runs before and after in behaviour.test.ts.
 */

const BASE = `(function() {
  var BaseClass, request = require('superagent');
  BaseClass = (function() {
    function BaseClass(slack) { this.slack = slack; }
    BaseClass.prototype.request = function(method, url, params, callback) {
      if (url == null) { url = ''; }
      if (params == null) { params = {}; }
      params.token = this.slack.apiKey;
      var xhr = request[method.toLowerCase()]("" + this.slack.host + url);
      xhr.query(params);
      return xhr.end(function(err, res) {
        if (err) { throw err; }
        if (!res.body.ok) { return callback(new Error(res.body.error)); }
        return callback(null, res.body);
      });
    };
    return BaseClass;
  })();
  module.exports = BaseClass;
}).call(this);
`;

const rtm = (body: string, endpoints = "start: '/api/rtm.start'"): string => `(function() {
  var BaseClass, RTM,
    extend = function(child, parent) { for (var key in parent) { if ({}.hasOwnProperty.call(parent, key)) child[key] = parent[key]; } function ctor() { this.constructor = child; } ctor.prototype = parent.prototype; child.prototype = new ctor(); child.__super__ = parent.prototype; return child; };
  BaseClass = require('./common/base_class');
  RTM = (function(superClass) {
    extend(RTM, superClass);
    function RTM() { return RTM.__super__.constructor.apply(this, arguments); }
    RTM.prototype.endpoints = {
      ${endpoints}
    };
    ${body}
    return RTM;
  })(BaseClass);
  module.exports = RTM;
}).call(this);
`;

const START = 'RTM.prototype.start = function(callback) {\n      return this.request(\'GET\', this.endpoints.start, {}, callback);\n    };';

async function library(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('rtm-migrate-endpoint-table-');
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

async function sites(dir: string): Promise<Plan['sites']> {
  const scanned = await cli(['scan', '.', '--json'], dir);
  expect(scanned.stderr).toBe('');
  return (JSON.parse(scanned.stdout) as Plan).sites;
}

describe('a table of endpoints followed to the request it is handed to', () => {
  it('through the helper inherited from the base class in another file: the entry leaves the table, the callback is kept', async () => {
    const dir = await library({ 'lib/rtm.js': rtm(START, "connect: '/api/rtm.connect',\n      start: '/api/rtm.start'"), 'lib/common/base_class.js': BASE });
    expect((await sites(dir)).map((s) => s.rewrite)).toEqual(['helper-module']);
    const applied = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('TODOs left: 0');
    const out = await readFile(join(dir, 'lib', 'rtm.js'), 'utf8');
    expect(out).toContain("RTM.prototype.endpoints = {\n      connect: '/api/rtm.connect'\n    };");
    expect(out).toContain("this.request('GET', '/api/' + apiMethod, apiArgs, (err, data) => (err ? reject(err) : resolve(data)))");
    // The answer goes whole to the caller's callback: the extras a caller may read are asked for too.
    expect(out).toContain("return callbackify(rtmStartData)(callSlack, {}, { optional: ['dnd', 'subteams', 'team.prefs'] }, callback);");
    // Idempotent: nothing left to follow.
    const again = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(again.stdout).toContain('changed: 0');
  });

  it.each([
    ['the helper reads the URL besides adding it', { base: BASE.replace('xhr.query(params);', "if (url.indexOf('rtm') >= 0) { params.full = 1; }\n      xhr.query(params);") }, 'the helper does not add the URL it is given to the end of the one it requests'],
    ['the helper reads the arguments', { base: BASE.replace('xhr.query(params);', 'xhr.query(params.only);') }, 'the helper reads the arguments it is given'],
    ['the helper calls back with the data alone', { base: BASE.replace('return callback(null, res.body);', 'return callback(res.body);').replace('return callback(new Error(res.body.error));', 'return callback(res.body, true);') }, 'the helper does not call its callback Node-style'],
    ['the table is read by a computed name', { body: `${START}\n    RTM.prototype.call = function(name, callback) { return this.request('GET', this.endpoints[name], {}, callback); };` }, 'is read other than entry by entry'],
    ['the entry is read twice', { body: `${START}\n    RTM.prototype.again = function(callback) { return this.request('POST', this.endpoints.start, {}, callback); };` }, 'is read more than once'],
    ['the base class is not a module of the project', { rtmText: rtm(START).replace("require('./common/base_class')", "require('some-base')") }, '`this.request` is not one function rtm-migrate sees'],
  ] as const)('%s: a TODO that says so', async (_name, change, why) => {
    const changed = change as { base?: string; body?: string; rtmText?: string };
    const dir = await library({ 'lib/rtm.js': changed.rtmText ?? rtm(changed.body ?? START), 'lib/common/base_class.js': changed.base ?? BASE });
    const [site] = await sites(dir);
    expect(site?.rewrite).toBe('todo');
    expect(site?.message).toContain(why);
  });
});
