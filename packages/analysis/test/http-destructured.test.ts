import { describe, expect, it } from 'vitest';
import { followResponse, type Flow } from '../src/flow.js';
import { parseFile } from '../src/project.js';
import { findSites } from '../src/sites.js';

/**
 * axios's response destructured (`const { data } = await axios.get(url)`, `.then(({ data }) => …)`):
 * `data` is the body, read as `res.data` is; a property holding the body in a way not followed (a rest
 * element, a computed name, fetch's `json` taken off its response) is an escape.
 */
function flowOf(code: string): Flow {
  const text = `const axios = require('axios');\n${code}\n`;
  const parsed = parseFile('/virtual/bot.js', text);
  const sites = findSites(parsed.program, parsed.resolver);
  expect(sites).toHaveLength(1);
  return followResponse(parsed.resolver, sites[0]!);
}

const URL = "'https://slack.com/api/rtm.start?token=' + token";

describe('axios response destructured', () => {
  it.each([
    `async function f(token) { const { data } = await axios.get(${URL}); return data.self.id + data.users.length; }`,
    `function f(token) { return axios.get(${URL}).then(({ data, status }) => status + data.self.id + data.users.length); }`,
    `async function f(token) { const { data: { self, users } } = await axios.get(${URL}); return self.id + users.length; }`,
  ])('%s: the reads through data', (code) => {
    const flow = flowOf(code);
    expect(flow.reads.map((r) => r.path).sort()).toEqual(expect.arrayContaining(['self.id', 'users']));
    expect(flow.escapes.filter((e) => e.reason.includes('destructured'))).toEqual([]);
  });

  it.each([
    `async function f(token) { const { status, ...rest } = await axios.get(${URL}); return rest.data.users; }`,
    `async function f(token, key) { const { [key]: body } = await axios.get(${URL}); return body.users; }`,
  ])('%s: an escape', (code) => {
    expect(flowOf(code).escapes.filter((e) => e.reason === 'the response is destructured where it cannot be followed')).toHaveLength(1);
  });
});
