import { describe, expect, it } from 'vitest';

import { findSites } from '../src/index.js';
import { parseFile } from '../src/project.js';

/** `kind@line` of every site in a JavaScript (or, with `file`, TypeScript) source (the real parser and scope analysis). */
function sites(source: string, file = '/virtual/bot.js'): string[] {
  const parsed = parseFile(file, source);
  return findSites(parsed.program, parsed.resolver).map((s) => `${s.kind}@${'node' in s ? s.node.loc.start.line : 'call' in s ? s.call.loc.start.line : 0}`);
}

describe("the name 'rtm.start' handed where no site follows it", () => {
  it('is a site where it reaches a call through a value chosen at run time (a shorthand property, a branch, `||`)', () => {
    expect(
      sites(`const api = require('./api');
function list(folder, cb) {
  const method = folder === 'top' ? 'rtm.start' : 'files.list';
  if (method === 'rtm.start') cb();
  return api.send({ method }, cb);
}
function boot(legacy) {
  let name;
  if (legacy) name = 'rtm.start';
  api.call(name);
}
function pick(m) {
  const chosen = m || 'rtm.start';
  queue.push({ chosen });
  return 'rtm.start';
}`),
    ).toEqual(['unfollowed-name@3', 'unfollowed-name@9', 'unfollowed-name@13', 'unfollowed-name@15']);
  });

  it('is no site of its own where a site takes it: the name given to a helper, directly, through a const or a choice', () => {
    expect(
      sites(`const api = require('./api');
const METHOD = 'rtm.start';
api.call(METHOD, {}, (err, res) => console.log(res.url));
const chosen = process.env.LEGACY ? 'rtm.start' : 'rtm.connect';
api.call(chosen, {}, (err, res) => console.log(res.url));`),
    ).toEqual(['method@3', 'method@5']);
  });

  it('stays quiet for comparisons, cases, object keys, looked-up keys, string and log helpers, and a name ruled out before the call', () => {
    expect(
      sites(`const handlers = { 'rtm.start': () => null };
function route(method, api) {
  if (method === 'rtm.start') return handlers['rtm.start'];
  switch (method) { case 'rtm.start': return null; default: break; }
  console.log('rtm.start');
  if (['rtm.start', 'rtm.connect'].includes(method)) return null;
  const name = method || 'rtm.start';
  return name === 'rtm.start' ? null : api.call(name);
}`),
    ).toEqual([]);
  });

  it('stays quiet for the name put into a message, given to a validator by its module name, or a URL tail after another base', () => {
    expect(
      sites(`const _validate = require('./_validate');
function onStart(useConnect, log) {
  const startMethod = useConnect ? 'rtm.connect' : 'rtm.start';
  log('info', 'Unable to ' + startMethod + ', retrying');
  log('info', \`\${startMethod} failed\`);
  const ns = 'rtm.start';
  return (0, _validate.default)(ns, {});
}
const vendorUrl = getBasePath('https://api.example.net/v1') + '/rtm.start';`),
    ).toEqual([]);
  });

  it('follows the name into a path it is joined to without words: the request made with it is not seen', () => {
    expect(sites("const m = 'rtm.start';\nsend(base + m);")).toEqual(['unfollowed-name@1']);
    // Slack's path to the method without a host is no URL the analysis follows either.
    expect(sites("const path = 'api/rtm.start';\nagent.get(path);")).toEqual(['unfollowed-name@1']);
  });

  it("an emitter's event name is no call of the method: on / once / addListener / removeListener / off with a listener, emit (a listener added is a start-listener site: it reads the answer)", () => {
    expect(
      sites(`const bot = require('./bot');
bot.on('rtm.start', function (data) { bot.users = data.users; });
bot.once('rtm.start', (data) => data);
bot.off('rtm.start', handler);
bot.emit('rtm.start', {});
function handler() {}`),
    ).toEqual(['start-listener@2', 'start-listener@3']);
  });

  it("a helper that happens to be called `on` is still one when it is not given a listener: `api.on('rtm.start', { token })`", () => {
    expect(sites(`const api = require('./api');\napi.on('rtm.start', { token: 'xoxb-test' }).then((res) => res.users);`)).toEqual(['method@2']);
  });

  // Blind s99/09 (messaging-api-slack): a union of every method name the client's `callMethod` takes got a TODO in a
  // types file, though a type is gone at run time; the value given to `callMethod` is where a site would be.
  it('is no site in a TypeScript type (a union of method names, a parameter typed with one), but is where such a type is given the value', () => {
    expect(
      sites(
        `export type AvailableMethod = 'api.test' | 'rtm.connect' | 'rtm.start' | 'users.list';
type Start = { method: 'rtm.start' };
export function callMethod(method: AvailableMethod | 'rtm.start', send: (m: string) => void): void {
  send(method);
}
const chosen: AvailableMethod = process.env.LEGACY ? 'rtm.start' : 'rtm.connect';
queue.push({ chosen });`,
        '/virtual/types.ts',
      ),
    ).toEqual(['unfollowed-name@6']);
  });
});
