import { describe, expect, it } from 'vitest';

import { findSites, followResponse, type RtmSite } from '../src/index.js';
import { parseFile } from '../src/project.js';

/** Each site's reads and the escapes of its stores on `this`, from the real parser and scope analysis. */
function flows(source: string) {
  const parsed = parseFile('/virtual/bot.js', source);
  return findSites(parsed.program, parsed.resolver).map((site: RtmSite) => {
    const flow = followResponse(parsed.resolver, site);
    return { reads: flow.reads.map((r) => r.path).sort(), stored: flow.escapes.filter((e) => e.reason.includes('a member that may be read off the instance')).map((e) => e.path) };
  });
}

/** A class keeping the users on the instance, `tail` appended (inside the class body where `method` is given). */
const bot = (method: string, tail: string): string => `const get = (m, cb) => cb({ users: [] });
class Bot {
  start() { get('rtm.start', (data) => { this._users = data.users; }); }
  nameOf(id) { return this._users.find((u) => u.id === id).name; }
  ${method}
}
${tail}`;

describe('a list kept in a member of this', () => {
  it('read only in the class, the instance only called on: the reads are the list\'s, no escape', () => {
    expect(flows(bot('', 'const b = new Bot(); b.start(); b.nameOf("U1");'))).toEqual([{ reads: ['users', 'users[].id', 'users[].name'], stored: [] }]);
  });

  it.each([
    ['read off the instance outside the class', '', 'const b = new Bot(); b.start(); console.log(b._users[0].presence);'],
    ['the class exported', '', 'module.exports = Bot;'],
    ['the instance handed on', '', 'register(new Bot());'],
    ['a subclass of it in the file', '', 'class Other extends Bot {}\nnew Other().start();'],
    ['`this` enumerated in a method', 'dump() { return Object.keys(this); }', 'new Bot().start();'],
    ['a member read by a computed name', 'get(name) { return this[name]; }', 'new Bot().start();'],
    ['`this` given to code not seen', 'hand() { other(this); }', 'new Bot().start();'],
  ])('%s: the store is an escape of `users`', (_name, method, tail) => {
    expect(flows(bot(method, tail)).map((f) => f.stored)).toEqual([['users']]);
  });

  it('an ES5 constructor: reads in its prototype methods through `var self = this` count; a read off the instance outside does not', () => {
    const source = (tail: string): string => `function Bot() {}
Bot.prototype.start = function () { var self = this; get('rtm.start', function (data) { self._users = data.users; }); };
Bot.prototype.awake = function () { return this._users.filter(function (u) { return u.presence === 'active'; }); };
${tail}`;
    expect(flows(source('new Bot().start();'))).toEqual([{ reads: ['users', 'users[].presence'], stored: [] }]);
    expect(flows(source('var b = new Bot(); b.start(); b._users.length;')).map((f) => f.stored)).toEqual([['users']]);
  });
});
