import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

/**
 * Method tables through the real CLI on files on disk: the `rtm.start` entry moves to an override
 * after the generator only where the generator, the wrapper's place and its transport's callback are
 * all seen; every other table keeps its entry and gets a TODO that says what was not seen.
 */

const TRANSPORT = `
function SlackApi(token) { this.token = token; }
SlackApi.prototype.call = function (method, params, callback) {
  post(method, params, function (err, body) { callback(err, body); });
};
`;

const generator = (table: string, body: string): string => `${table}
${body}
`;

interface Case {
  readonly source: string;
  readonly file?: string;
  /** A piece of the TODO's reason; none for a table that is rewritten. */
  readonly todo?: string;
  /** What the rewritten file stores the wrapper as. */
  readonly stores?: string;
}

const CASES: Record<string, Case> = {
  'a list read by its one forEach, the wrapper at root[name.replace(".", "_")]': {
    source: generator("var METHODS = ['auth.test', 'rtm.start'];", `var self = new SlackApi('xoxb-test');\nMETHODS.forEach(function (m) {\n  self[m.replace('.', '_')] = function (params, cb) {\n    self.call(m, params, cb);\n  };\n});\nmodule.exports = self;`),
    stores: 'self.rtm_start = function (params, cb) {',
  },
  'an object table read through Object.keys, the wrapper at root.rtm[key]': {
    source: generator("var RTM = { start: 'rtm.start', connect: 'rtm.connect' };", `var self = new SlackApi('xoxb-test');\nself.rtm = {};\nObject.keys(RTM).forEach(function (key) {\n  self.rtm[key] = function (params, cb) {\n    self.call(RTM[key], params, cb);\n  };\n});\nmodule.exports = self;`),
    stores: 'self.rtm.start = function (params, cb) {',
  },
  'a table also exported': {
    source: generator("var METHODS = ['auth.test', 'rtm.start'];\nmodule.exports.METHODS = METHODS;", `var self = new SlackApi('xoxb-test');\nMETHODS.forEach(function (m) {\n  self[m.replace('.', '_')] = function (params, cb) {\n    self.call(m, params, cb);\n  };\n});`),
    todo: 'the table is read besides its generator',
  },
  'a wrapper that returns its transport’s value': {
    source: generator("var METHODS = ['rtm.start'];", `var self = new SlackApi('xoxb-test');\nMETHODS.forEach(function (m) {\n  self[m] = (params, cb) => self.call(m, params, cb);\n});`),
    todo: "the wrapper returns its transport's value",
  },
  'a transport whose callback gets the body alone': {
    source: `var METHODS = ['rtm.start'];\nvar api = {};\napi.call = function (method, params, callback) { post(method, params, function (body) { callback(body); }); };\nMETHODS.forEach(function (m) {\n  api[m] = function (params, cb) {\n    api.call(m, params, cb);\n  };\n});\n`,
    todo: 'calls its callback Node-style',
  },
  'a wrapper stored under a name built some other way': {
    source: generator("var METHODS = ['rtm.start'];", `var self = new SlackApi('xoxb-test');\nMETHODS.forEach(function (m) {\n  self[m.split('.').join('_')] = function (params, cb) {\n    self.call(m, params, cb);\n  };\n});`),
    todo: "the wrapper's name is not computed from the method name",
  },
  'a table in TypeScript': {
    file: 'api.ts',
    source: `declare const api: { call(m: string, p: object, cb: (err: unknown, data: unknown) => void): void } & Record<string, unknown>;\nconst METHODS = ['rtm.start'];\nMETHODS.forEach((m) => {\n  api[m] = function (params: object, cb: (err: unknown, data: unknown) => void) {\n    api.call(m, params, cb);\n  };\n});\n`,
    todo: 'in JavaScript only',
  },
};

describe('method tables', () => {
  it.each(Object.entries(CASES))('%s', { timeout: 60_000 }, async (_name, c) => {
    const dir = await tempDir('method-table-');
    const file = c.file ?? 'api.js';
    const source = file.endsWith('.js') ? `${c.source}${TRANSPORT}function post(method, params, cb) { cb(null, { ok: true }); }\n` : c.source;
    await writeFile(join(dir, file), source);
    await writeFile(join(dir, 'package.json'), '{ "name": "app", "type": "commonjs" }\n');
    const report = JSON.parse((await cli(['apply', '.', '--dry', '--report', 'json'], dir)).stdout) as { sites: { form: string; rewrite: string; message: string }[] };
    const tables = report.sites.filter((s) => s.form === 'method-table');
    expect(tables).toHaveLength(1);
    const applied = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(applied.code).toBe(0);
    const output = await readFile(join(dir, file), 'utf8');
    if (c.todo) {
      expect(tables[0]?.rewrite).toBe('todo');
      expect(tables[0]?.message).toContain(c.todo);
      // The entry stays where it was: never dropped without its override.
      expect(output).toContain("'rtm.start'");
      expect(output).toContain('TODO(rtm-migrate)');
    } else {
      expect(tables[0]?.rewrite).toBe('helper-module');
      expect(output).not.toContain("'rtm.start'");
      expect(output).toContain(c.stores);
      expect(output).toContain("callbackify(rtmStartData)(callSlack, params, { optional: ['dnd', 'subteams', 'team.prefs'] }, cb);");
      // A second run changes nothing.
      expect((await cli(['apply', '.', '--allow-dirty'], dir)).stdout).toMatch(/changed: 0/);
    }
  });
});

/** botkit's shape: a factory module returning the generated object, and a caller holding its result. */
const FACTORY = `module.exports = function (config) {
  var api = {};
  var methods = ['auth.test', 'rtm.start'];
  api.callAPI = function (command, data, cb) {
    post(command, data, cb);
  };
  methods.forEach(function (name) {
    var groups = name.split('.');
    var method = groups.pop();
    var group = api;
    groups.forEach(function (next) {
      if (!group[next]) group[next] = {};
      group = group[next];
    });
    group[method] = function (options, cb) {
      api.callAPI(name, options, cb);
    };
  });
  return api;
};
function post(command, data, cb) {
  cb(null, { ok: true });
}
`;

const caller = (extra: string): string => `var makeApi = require('./web-api.js');
var bot = { api: makeApi({ token: 'xoxb-test' }) };
${extra}
bot.api.rtm.start({ no_unreads: true }, function (err, res) {
  if (err) throw err;
  exports.data = res;
});
`;

describe('calls of a wrapper the method-table rewrite stores, through the factory that made it', () => {
  it.each([
    ['the holder made by the factory alone: covered, this run and the next', '', 'covered'],
    ['the holder given another rtm.start: left a TODO', 'bot.api.rtm = { start: function (o, cb) { cb(null, {}); } };', 'todo'],
  ] as const)('%s', { timeout: 60_000 }, async (_name, extra, outcome) => {
    const dir = await tempDir('table-covered-');
    await writeFile(join(dir, 'web-api.js'), FACTORY);
    await writeFile(join(dir, 'bot.js'), caller(extra));
    await writeFile(join(dir, 'package.json'), '{ "name": "app", "type": "commonjs" }\n');
    const report = JSON.parse((await cli(['apply', '.', '--dry', '--report', 'json'], dir)).stdout) as { sites: { id: string; rewrite: string }[] };
    expect(report.sites.find((s) => s.id.startsWith('web-api.js:'))?.rewrite).toBe('helper-module');
    expect(report.sites.find((s) => s.id.startsWith('bot.js:'))?.rewrite).toBe(outcome);
    expect((await cli(['apply', '.', '--allow-dirty'], dir)).code).toBe(0);
    const bot = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(bot === caller(extra)).toBe(outcome === 'covered');
    if (outcome === 'covered') {
      const again = JSON.parse((await cli(['apply', '.', '--dry', '--report', 'json'], dir)).stdout) as { sites: { id: string; rewrite: string }[] };
      expect(again.sites.map((s) => `${s.id.split(':')[0] ?? ''} ${s.rewrite}`)).toEqual(['bot.js covered']);
    }
  });
});
