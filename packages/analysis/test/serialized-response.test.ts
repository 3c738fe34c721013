import { describe, expect, it } from 'vitest';
import { followResponse, isSignificantEscape, type Flow } from '../src/flow.js';
import { parseFile } from '../src/project.js';
import { findSites } from '../src/sites.js';

/**
 * A response handed to code that reads every field of it (serialized and sent on, its keys listed,
 * spread, copied) must come out of the analysis as an escape of the whole response, never as "only
 * the fields read by name": the codemod would otherwise switch the call to `rtm.connect` and send a
 * thinner object. A print of the whole response (or of its JSON text) is such a use too: what the
 * program shows would be the thin answer. A print of a field is not.
 */
function flowOf(body: string): Flow {
  const text = `const { WebClient } = require('@slack/web-api');\nconst web = new WebClient('xoxb-test');\nasync function f(socket, res) {\n  const r = await web.rtm.start();\n  ${body}\n}\n`;
  const parsed = parseFile('/virtual/bot.js', text);
  const sites = findSites(parsed.program, parsed.resolver);
  expect(sites).toHaveLength(1);
  return followResponse(parsed.resolver, sites[0]!);
}

const WHOLE = (callee: string): string => `: the whole response is printed or serialised by \`${callee}\`: on \`rtm.connect\` what it shows or hands on would be a thin answer`;

/** The significant escapes, as `path: reason`. */
function escapes(body: string): string[] {
  return flowOf(body).escapes.filter(isSignificantEscape).map((e) => `${e.path}: ${e.reason}`);
}

describe('uses that read every field of the response', () => {
  it.each([
    ['socket.send(JSON.stringify(r));', WHOLE('JSON.stringify')],
    ['socket.send(JSON.stringify(r, null, 2));', WHOLE('JSON.stringify')],
    ['const text = JSON.stringify(r); socket.send(text);', WHOLE('JSON.stringify')],
    ['socket.send(`snapshot ${JSON.stringify(r)}`);', WHOLE('JSON.stringify')],
    ["process.stdout.write(JSON.stringify(r) + '\\n');", WHOLE('JSON.stringify')],
    ["socket.send(require('util').inspect(r));", ": the response is passed to `require(…).inspect`, which could not be followed"],
    ["const util = require('util'); socket.send(util.inspect(r));", WHOLE('util.inspect')],
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

describe('prints of the whole response', () => {
  it.each([
    ['console.log(r);', 'console.log'],
    ["console.log('got', r);", 'console.log'],
    ['console.info(`answer: ${r}`);', 'console.info'],
    ["logger.debug('answer ' + r);", 'logger.debug'],
    ['console.log(JSON.stringify(r));', 'JSON.stringify'],
    ['console.error(`answer: ${JSON.stringify(r, null, 2)}`);', 'JSON.stringify'],
    ["const util = require('util'); console.log(util.inspect(r, { depth: 3 }));", 'util.inspect'],
    ["const fs = require('fs'); fs.writeFileSync('team.json', `${r}`);", 'fs.writeFileSync'],
    ["fs.promises.appendFile('team.log', 'answer ' + r);", 'fs.promises.appendFile'],
  ])('%s is an escape of the whole response (what it prints would be the thin answer)', (body, callee) => {
    const flow = flowOf(`${body} socket.send(r.url);`);
    expect(flow.escapes.filter(isSignificantEscape).map((e) => e.reason)).toEqual([WHOLE(callee).slice(2)]);
    expect(flow.reads.map((read) => read.path)).toEqual(['url']);
  });
});

describe('prints of a field', () => {
  it.each(['console.log(r.self.id);', 'console.log(`${r.users.length} users`);', "logger.info('team ' + r.team.name);", 'console.log(JSON.stringify(r.self.id));'])(
    '%s reads the field, nothing escapes',
    (body) => {
      const flow = flowOf(`${body} socket.send(r.url);`);
      expect(flow.escapes.filter(isSignificantEscape)).toEqual([]);
      expect(flow.reads.map((read) => read.path)).toContain('url');
    },
  );
});

describe('a list whose items carry attributes only rtm.start gave, handed to code not followed', () => {
  // `bots`: a list that is significant only for its items' gaps (`icons`, `updated`), not as a conversation list.
  it.each([
    ['renderBots(r.bots);', 'bots'],
    ['r.bots.forEach(track);', 'bots[]'],
    ['store.save(r.bots);', 'bots'],
    ['return new Directory(r.bots);', 'bots'],
    ['const copy = r.bots.map((b) => b); store.save(copy);', 'bots'],
    ['Object.assign(socket, { bots: r.bots });', 'bots'],
    ['module.exports.bots = r.bots;', 'bots'],
    ['track(r.bots.find((b) => b.deleted));', 'bots[]'],
  ])('%s is a significant escape of `%s` (code that gets it may read `icons`, `updated`)', (body, path) => {
    expect(escapes(body).map((e) => e.slice(0, e.indexOf(':')))).toEqual([path]);
  });

  // rtm.start had stopped sending `presence` in January 2018: code handed its users found none, so handing on a users list rebuilt from users.list hides nothing.
  it.each(['renderUsers(r.users);', 'r.users.forEach(track);', 'module.exports.users = r.users;', 'track(r.users.find((u) => u.is_admin));'])('%s is no significant escape: the users carry no attribute only rtm.start gave', (body) => {
    expect(flowOf(body).escapes.map((e) => e.path).filter((p) => p.startsWith('users'))).not.toEqual([]);
    expect(escapes(body)).toEqual([]);
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
    expect(escapes('socket.send([...r.bots, extra]);').map((e) => e.slice(0, e.indexOf(':')))).toEqual(['bots']);
  });

  it('a list walked by index with for…in reads its items where they are indexed', () => {
    const flow = flowOf('for (const i in r.users) { if (r.users[i].id === me) socket.send(r.users[i].real_name); }');
    expect(flow.escapes.filter(isSignificantEscape)).toEqual([]);
    expect([...new Set(flow.reads.map((read) => read.path))].sort()).toEqual(['users', 'users[].id', 'users[].real_name']);
  });

  it('a string off an item is no such escape', () => {
    expect(escapes('r.users.forEach((u) => track(u.id, u.name));')).toEqual([]);
  });
});
