import { describe, expect, it } from 'vitest';

import { findSites, followResponse, type RtmSite } from '../src/index.js';
import { parseFile } from '../src/project.js';

/** The sites of a JavaScript source (the real parser and scope analysis) with each one's flow. */
function flows(source: string) {
  const parsed = parseFile('/virtual/bot.js', source);
  return findSites(parsed.program, parsed.resolver).map((site: RtmSite) => {
    const flow = followResponse(parsed.resolver, site);
    return {
      kind: site.kind,
      reads: flow.reads.map((r) => r.path).sort(),
      escapes: flow.escapes.map((e) => ({ reason: e.reason, path: e.path, line: e.node.loc.start.line })),
    };
  });
}

const HELPER = `function get(method, args, done) { done(null, { statusCode: 200 }, '{}'); }\n`;

describe('a variable holding the response that is given another value', () => {
  it('`body = JSON.parse(body)` keeps following the body: the reads after it and where it is handed on', () => {
    const [site] = flows(`${HELPER}exports.open = function (cb) {
  get('rtm.start', {}, function (err, res, body) {
    body = JSON.parse(body);
    cb(body.url, body);
  });
};`);
    expect(site?.reads).toEqual(['url']);
    expect(site?.escapes.filter((e) => e.path === '').map((e) => e.reason)).toEqual(['the response is passed to `cb`, which could not be followed']);
  });

  it('`JSON.parse(x.toString())` and `typeof x === "string" ? JSON.parse(x) : x` parse it again: no escape, the reads are the response\'s', () => {
    const [text, either] = flows(`${HELPER}get('rtm.start', {}, function (err, res, raw) {
  raw = JSON.parse(raw.toString());
  console.log(raw.self.id, raw.users.length);
});
get('rtm.start', {}, function (err, data) {
  data = typeof data === 'string' ? JSON.parse(data) : data;
  console.log(data.team.domain);
});`);
    expect(text?.reads).toEqual(['self', 'self.id', 'users']);
    expect(text?.escapes).toEqual([]);
    expect(either?.reads).toEqual(['team', 'team.domain']);
    expect(either?.escapes).toEqual([]);
  });

  it('any other write is an escape naming the variable and the line, for var, let and destructured forms', () => {
    const sites = flows(`${HELPER}let previous = null;
get('rtm.start', {}, function (err, data) {
  var d = JSON.parse(data);
  d = previous;
  console.log(d.url);
});
get('rtm.start', {}, function (err, data) {
  let { self } = JSON.parse(data);
  if (!self) self = { id: 'U0' };
  console.log(self.id);
});
get('rtm.start', {}, function (err, data) {
  data += '';
});`);
    expect(sites.map((s) => s.escapes.map((e) => `${e.line} ${e.reason} [${e.path}]`))).toEqual([
      ['5 `d` is given another value (line 5): what is read through it afterwards is not followed []'],
      ['10 `self` is given another value (line 10): what is read through it afterwards is not followed [self]'],
      ['14 `data` is given another value (line 14): what is read through it afterwards is not followed []'],
    ]);
  });

  it('`x = null` after use, and the declaration\'s own first value, are no escape', () => {
    const [site] = flows(`${HELPER}let socketUrl = '';
get('rtm.start', {}, function (err, res) {
  let info = {};
  info = res;
  socketUrl = info.url;
  info = null;
});`);
    expect(site?.reads).toEqual(['url']);
    expect(site?.escapes).toEqual([]);
  });
});

describe('a Node-style callback with more than two parameters', () => {
  it('follows each parameter after the error: `(err, res, body)` hands the body third', () => {
    const [site] = flows(`${HELPER}get('rtm.start', {}, (err, res, body) => {
  if (res.statusCode !== 200) return;
  const parsed = JSON.parse(body);
  console.log(parsed.channels.length);
});`);
    // `res.statusCode` is the HTTP response's: no answer of Slack's has one, so it is no read of the data.
    expect(site?.reads).toEqual(['channels']);
  });

  it('a callback reading `arguments` hands the response on', () => {
    const [site] = flows(`${HELPER}get('rtm.start', {}, function () { forward.apply(null, arguments); });`);
    expect(site?.escapes.map((e) => e.reason)).toContain('the callback reads its arguments dynamically (`arguments`)');
  });
});
