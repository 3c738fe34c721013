import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWith } from '../src/transforms/index.js';
import { cli, tempDir } from './helpers.js';

/**
 * The app's helper given its method name off a `const` table (`this.call(METHODS.open)`), and called
 * on a receiver a call computes (`hub.get('slack').request('rtm.start')`): the real CLI on files on
 * disk. Where the rewrite is sure, what it writes (the table entry gone, the receiver evaluated once
 * in its place); where it is not, the TODO and its reason, the file otherwise unchanged.
 */

interface Case {
  readonly name: string;
  readonly source: string;
  /** `helper-module`: the text the rewrite must write (and `absent`: must not); `todo`: the reason's words. */
  readonly rewrite: 'helper-module' | 'todo';
  readonly form?: string;
  readonly contains: readonly string[];
  readonly absent?: readonly string[];
}

const HELPER = `  async call(method, params) {
    const res = await fetch('https://slack.com/api/' + method, { method: 'POST', body: new URLSearchParams({ ...params, token: this.token }) });
    return res.json();
  }
`;

const CASES: readonly Case[] = [
  {
    name: "a table whose one entry is rtm.start: the whole const goes with its last read",
    source: `const METHODS = {\n  session: { open: 'rtm.start' },\n};\n\nclass Bot {\n${HELPER}\n  async open() {\n    const team = await this.call(METHODS.session.open, {});\n    return team.users.length + ' ' + team.url;\n  }\n}\n\nmodule.exports = Bot;\n`,
    rewrite: 'helper-module',
    contains: ["await rtmStartData(callSlack, {}, { fields: ['url', 'users'] })", 'class Bot {'],
    absent: ['METHODS', 'rtm.start'],
  },
  {
    name: 'a table written on one line: only its rtm.start entry goes',
    source: `const METHODS = { open: 'rtm.start', post: 'chat.postMessage' };\n\nclass Bot {\n${HELPER}\n  async open() {\n    const team = await this.call(METHODS.open, {});\n    return team.channels.length + ' ' + team.url;\n  }\n\n  say(channel, text) {\n    return this.call(METHODS.post, { channel, text });\n  }\n}\n\nmodule.exports = Bot;\n`,
    rewrite: 'helper-module',
    contains: ["const METHODS = { post: 'chat.postMessage' };", 'this.call(METHODS.post, { channel, text })'],
    absent: ['rtm.start'],
  },
  {
    name: 'an entry still read elsewhere (logged) stays in the table',
    source: `const METHODS = {\n  open: 'rtm.start',\n};\n\nclass Bot {\n${HELPER}\n  async open() {\n    console.log('opening with ' + METHODS.open);\n    const team = await this.call(METHODS.open, {});\n    return team.users.length + ' ' + team.url;\n  }\n}\n\nmodule.exports = Bot;\n`,
    rewrite: 'helper-module',
    contains: ["  open: 'rtm.start',", "console.log('opening with ' + METHODS.open);", "await rtmStartData(callSlack, {}, { fields: ['url', 'users'] })"],
  },
  {
    name: 'a table handed on whole: a table TODO, the call left as it is',
    source: `const METHODS = { open: 'rtm.start' };\nconst register = require('./register');\nregister(METHODS);\n\nclass Bot {\n${HELPER}\n  async open() {\n    const team = await this.call(METHODS.open, {});\n    return team.users.length;\n  }\n}\n\nmodule.exports = Bot;\n`,
    rewrite: 'todo',
    form: 'method-table',
    contains: ['entry of a table'],
  },
  {
    name: 'a table declared with let: a table TODO, the call left as it is',
    source: `let METHODS = { open: 'rtm.start' };\n\nclass Bot {\n${HELPER}\n  async open() {\n    const team = await this.call(METHODS.open, {});\n    return team.users.length;\n  }\n}\n\nmodule.exports = Bot;\n`,
    rewrite: 'todo',
    form: 'method-table',
    contains: ['entry of a table'],
  },
  {
    name: 'an entry deleted from the table: a TODO naming the delete',
    source: `const METHODS = { open: 'rtm.start' };\nif (process.env.CONNECT_ONLY) delete METHODS.open;\n\nclass Bot {\n${HELPER}\n  async open() {\n    const team = await this.call(METHODS.open, {});\n    return team.users.length;\n  }\n}\n\nmodule.exports = Bot;\n`,
    rewrite: 'todo',
    form: 'unfollowed-name',
    contains: ['delete METHODS.open'],
  },
  {
    name: 'a receiver computed in an arrow body: bound once, in place',
    source: `const hub = require('./hub');\n\nconst open = () => hub.get('slack').request('rtm.start', {}).then((team) => team.users.length + ' ' + team.url);\n\nmodule.exports = open;\n`,
    rewrite: 'helper-module',
    contains: ["rtmStartDataAs(((slackService) => (apiMethod, apiArgs) => slackService.request(apiMethod, apiArgs))(hub.get('slack')), {}, { fields: ['url', 'users'] })"],
  },
  {
    name: 'a receiver computed after other arguments of the statement: a TODO (binding it first would change the order)',
    source: `const hub = require('./hub');\nconst track = require('./track');\n\nfunction open(count) {\n  track(count(), hub.get('slack').request('rtm.start', {}).then((team) => team.users.length + ' ' + team.url));\n}\n\nmodule.exports = open;\n`,
    rewrite: 'todo',
    form: 'helper',
    contains: ["called on `hub.get('slack')`", 'other parts of the statement are evaluated before it'],
  },
  {
    name: 'a receiver computed by a call, answering through a callback: a TODO',
    source: `const hub = require('./hub');\n\nfunction open(done) {\n  hub.get('slack').request('rtm.start', {}, (err, team) => done(err, team && team.users.length, team && team.url));\n}\n\nmodule.exports = open;\n`,
    rewrite: 'todo',
    form: 'helper',
    contains: ['answers through a callback'],
  },
  {
    name: 'a helper declared with the method parameter alone: a TODO (the replacement methods would lose their arguments)',
    source: `class Bot {\n  api(action) {\n    return fetch('https://slack.com/api/' + action + '?token=' + this.token).then((res) => res.json());\n  }\n\n  async open() {\n    const team = await this.api('rtm.start');\n    return team.users.length + ' ' + team.url;\n  }\n}\n\nmodule.exports = Bot;\n`,
    rewrite: 'todo',
    form: 'helper',
    contains: ['the declaration of `this.api` takes no parameter for the arguments after the method name'],
  },
  {
    name: 'a helper that never reads its arguments parameter: a TODO',
    source: `class Bot {\n  api(action, params) {\n    return fetch('https://slack.com/api/' + action + '?token=' + this.token).then((res) => res.json());\n  }\n\n  async open() {\n    const team = await this.api('rtm.start', { no_unreads: true });\n    return team.users.length + ' ' + team.url;\n  }\n}\n\nmodule.exports = Bot;\n`,
    rewrite: 'todo',
    form: 'helper',
    contains: ['never reads its parameter `params`'],
  },
  {
    name: 'a helper given `this` as what follows the method name: a TODO saying so',
    source: `const Mixin = {};\n\nMixin.open = function () {\n  return this.request('rtm.start', this).then((team) => team.users.length);\n};\n\nmodule.exports = Mixin;\n`,
    rewrite: 'todo',
    form: 'helper',
    contains: ['the helper is given `this`, the calling object itself'],
  },
];

interface Report {
  readonly sites: readonly { readonly form: string; readonly rewrite: string; readonly message: string }[];
}

describe('method names off const tables, receivers computed by calls', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', { timeout: 60_000 }, async (_name, c) => {
    const dir = await tempDir('rtm-migrate-table-receiver-');
    const file = join(dir, 'bot.js');
    await writeFile(file, c.source);
    const applied = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect(applied.code).toBe(0);
    const report = JSON.parse(applied.stdout) as Report;
    expect(report.sites.map((s) => s.rewrite)).toEqual([c.rewrite]);
    const output = await readFile(file, 'utf8');
    expect(() => parseWith('babel', output)).not.toThrow();
    if (c.rewrite === 'todo') {
      expect(report.sites[0]?.form).toBe(c.form);
      for (const words of c.contains) expect(report.sites[0]?.message).toContain(words);
      // Only the TODO comment is added.
      expect(output.split('\n').filter((l) => !/^\s*\/\/ (TODO\(rtm-migrate\)| {2})/.test(l)).join('\n')).toBe(c.source);
      return;
    }
    for (const text of c.contains) expect(output).toContain(text);
    for (const text of c.absent ?? []) expect(output).not.toContain(text);
    const again = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
    expect((JSON.parse(again.stdout) as Report).sites).toEqual([]);
    expect(await readFile(file, 'utf8')).toBe(output);
  });
});
