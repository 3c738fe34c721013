import { describe, expect, it } from 'vitest';
import { followResponse, isSignificantEscape, type Flow } from '../src/flow.js';
import { parseFile } from '../src/project.js';
import { findSites } from '../src/sites.js';

/**
 * A response handed to code that reads every field of it (serialized and sent on, its keys listed,
 * spread, copied) must come out of the analysis as an escape of the whole response, never as "only
 * the fields read by name": the codemod would otherwise switch the call to `rtm.connect` and send a
 * thinner object. A debug print of the response (or of its JSON text) is no such use.
 */
function flowOf(body: string): Flow {
  const text = `const { WebClient } = require('@slack/web-api');\nconst web = new WebClient('xoxb-test');\nasync function f(socket, res) {\n  const r = await web.rtm.start();\n  ${body}\n}\n`;
  const parsed = parseFile('/virtual/bot.js', text);
  const sites = findSites(parsed.program, parsed.resolver);
  expect(sites).toHaveLength(1);
  return followResponse(parsed.resolver, sites[0]!);
}

/** The significant escapes, as `path: reason`. */
function escapes(body: string): string[] {
  return flowOf(body).escapes.filter(isSignificantEscape).map((e) => `${e.path}: ${e.reason}`);
}

describe('uses that read every field of the response', () => {
  it.each([
    ['socket.send(JSON.stringify(r));', ': the response is serialized by `JSON.stringify` and the text handed on'],
    ['socket.send(JSON.stringify(r, null, 2));', ': the response is serialized by `JSON.stringify` and the text handed on'],
    ['const text = JSON.stringify(r); socket.send(text);', ': the response is serialized by `JSON.stringify` and the text handed on'],
    ['socket.send(`snapshot ${JSON.stringify(r)}`);', ': the response is serialized by `JSON.stringify` and the text handed on'],
    ["process.stdout.write(JSON.stringify(r) + '\\n');", ': the response is serialized by `JSON.stringify` and the text handed on'],
    ["socket.send(require('util').inspect(r));", ": the response is passed to `require(…).inspect`, which could not be followed"],
    ["const util = require('util'); socket.send(util.inspect(r));", ': the response is serialized by `util.inspect` and the text handed on'],
    ["socket.send(JSON.stringify({ kind: 'snapshot', data: r }));", ': the response is put in an object'],
    ['return { ...r };', ': the response is spread into another value'],
    ['return Object.keys(r);', ': the response is passed to `Object.keys`, which could not be followed'],
    ['return Object.entries(r);', ': the response is passed to `Object.entries`, which could not be followed'],
    ['return Object.values(r);', ': the response is passed to `Object.values`, which could not be followed'],
    ['return Object.assign({}, r);', ': the response is passed to `Object.assign`, which could not be followed'],
    ['for (const k in r) socket.send(k);', ": the response's keys are enumerated"],
  ])('%s is an escape of the whole response', (body, escape) => {
    expect(escapes(body)).toEqual([escape]);
  });

  it('a part serialized and sent on is an escape of that part', () => {
    expect(escapes('socket.send(JSON.stringify(r.self));')).toEqual(['self: the response is serialized by `JSON.stringify` and the text handed on']);
    // A field rtm.connect also returns whole (a string) is no loss: the escape is not significant.
    const flow = flowOf('socket.send(JSON.stringify(r.url));');
    expect(flow.escapes.filter(isSignificantEscape)).toEqual([]);
    expect(flow.reads.map((read) => read.path)).toEqual(['url']);
  });
});

describe('debug prints of the response', () => {
  it.each([
    'console.log(r);',
    "console.log('got', r);",
    'console.log(JSON.stringify(r));',
    'console.error(`answer: ${JSON.stringify(r, null, 2)}`);',
    "logger.debug('answer ' + JSON.stringify(r));",
    "const util = require('util'); console.log(util.inspect(r, { depth: 3 }));",
  ])('%s reads nothing (what it prints may change, what the program does does not)', (body) => {
    const flow = flowOf(`${body} socket.send(r.url);`);
    expect(flow.escapes.filter(isSignificantEscape)).toEqual([]);
    expect(flow.reads.map((read) => read.path)).toEqual(['url']);
  });
});

describe('a list whose items carry attributes only rtm.start gave, handed to code not followed', () => {
  it.each([
    ['renderUsers(r.users);', 'users'],
    ['r.users.forEach(track);', 'users[]'],
    ['store.save(r.users);', 'users'],
    ['return new Directory(r.users);', 'users'],
    ['const copy = r.users.map((u) => u); store.save(copy);', 'users[]'],
    ['Object.assign(socket, { users: r.users });', 'users'],
    ['module.exports.users = r.users;', 'users'],
    ['renderBots(r.bots);', 'bots'],
    ['track(r.users.find((u) => u.is_admin));', 'users[]'],
  ])('%s is a significant escape of `%s` (code that gets it may read `presence`, `icons`…)', (body, path) => {
    expect(escapes(body).map((e) => e.slice(0, e.indexOf(':')))).toEqual([path]);
  });

  it('a same-file function is followed instead: its reads are known, nothing escapes', () => {
    const flow = flowOf('r.users.forEach(greet); function greet(member) { socket.send(member.name); }');
    expect(flow.escapes.filter(isSignificantEscape)).toEqual([]);
    expect(flow.reads.map((read) => read.path)).toEqual(['users', 'users[].name']);
  });

  it('a function handed in beside the list, called on its items, is followed where the list came in', () => {
    const flow = flowOf("show(r.users, (u) => u.name); show(r.channels, (c) => c.topic); function show(list, describe) { list.forEach((item) => socket.send(describe(item))); }");
    expect(flow.escapes.filter(isSignificantEscape)).toEqual([]);
    // Each list's items go to its own describer only.
    expect(flow.reads.map((read) => read.path).sort()).toEqual(['channels', 'channels[].topic', 'users', 'users[].name']);
  });

  it('lists spread into one array keep their items', () => {
    const flow = flowOf('for (const c of [...r.channels, ...r.groups]) socket.send(c.id);');
    expect(flow.escapes.filter(isSignificantEscape)).toEqual([]);
    expect(flow.reads.map((read) => read.path).sort()).toEqual(['channels', 'channels[].id', 'groups', 'groups[].id']);
    expect(escapes('socket.send([...r.users, extra]);').map((e) => e.slice(0, e.indexOf(':')))).toEqual(['users']);
  });

  it('a string off an item is no such escape', () => {
    expect(escapes('r.users.forEach((u) => track(u.id, u.name));')).toEqual([]);
  });
});
