import { describe, expect, it } from 'vitest';
import { followResponse, isSignificantEscape, type Flow } from '../src/flow.js';
import { parseFile } from '../src/project.js';
import { findSites } from '../src/sites.js';

/**
 * The whole answer printed or serialised where it can only be Slack's failure answer reads only what
 * that answer has (`ok`, `error`, `warning`, `response_metadata`), the same for `rtm.connect`: no
 * escape. Where the branch may also run on a success answer, the print stays an escape of the whole.
 */
function flowOf(body: string): Flow {
  const text = `const request = require('request');\nfunction f(token, cb, debug, attempt, other) {\n  request.post({ url: 'https://slack.com/api/rtm.start', form: { token }, json: true }, (err, res, body) => {\n    ${body}\n    cb(null, body.url);\n  });\n}\n`;
  const parsed = parseFile('/virtual/bot.js', text);
  const sites = findSites(parsed.program, parsed.resolver);
  expect(sites).toHaveLength(1);
  return followResponse(parsed.resolver, sites[0]!);
}

function wholeEscapes(body: string): string[] {
  return flowOf(body).escapes.filter(isSignificantEscape).map((e) => e.reason);
}

describe('the whole answer printed where it is a failure answer', () => {
  it.each([
    "if (err || !body.ok) { console.error('rtm.start failed: ' + JSON.stringify(body)); return cb(err || new Error(body.error)); }",
    'if (!body.ok) throw new Error(JSON.stringify(body));',
    'if (!res.body.ok) throw new Error(JSON.stringify(res.body));',
    "if (body.ok === false) console.log(util.inspect(body));",
    'if (false == body.ok) console.log(body);',
    'if (body.ok !== true) console.log(body);',
    'if (body.error) return cb(new Error(JSON.stringify(body)));',
    'if (err) return cb(err); if (!body.ok) { console.log(body); return cb(new Error(body.error)); }',
    'if (body.ok) return cb(null, body.url); console.error(`failed: ${JSON.stringify(body)}`);',
    'if (body.ok) { cb(null, body.url); return; } else { console.log(body); }',
    'if (body.ok && !err) { return cb(null, body.url); } console.log(body);',
    'const text = body.ok ? body.url : JSON.stringify(body); console.log(text);',
    '!body.ok && console.error(body);',
    'body.ok || console.error(body);',
    'if (attempt > 1 && !body.ok) console.error(body);',
    'if (!body.error) { return cb(null, body.url); } console.log(body);',
    'switch (attempt) { case 1: if (body.ok) return; console.log(body); }',
    // An HTTP error status: Slack sends its data only with 200 (blind s98/05, slack-rtm-presence).
    'if (err || res.statusCode >= 400) return cb(err || new Error(JSON.stringify(res.body)));',
    'if (res.statusCode !== 200) { console.error(res.body); return; }',
    'if (399 < res.statusCode) throw new Error(JSON.stringify(res.body));',
  ])('%s: no escape', (body) => {
    expect(wholeEscapes(body)).toEqual([]);
  });
});

describe('a branch that also runs on a success answer', () => {
  const WHOLE = 'the whole response is printed or serialised by';
  it.each([
    'console.error(JSON.stringify(body));',
    'if (debug || !body.ok) console.error(JSON.stringify(body));',
    // `err` of another function: no proof that no answer came.
    'if (other || !body.ok) console.error(JSON.stringify(body));',
    'if (attempt > 3) console.error(JSON.stringify(body));',
    'if (body.ok) console.log(body);',
    'if (!body.ok) {} else { console.log(body); }',
    'if (body.ok !== false) console.log(body);',
    'if (body.warning) console.log(body);',
    // A test of another value's `ok`.
    'if (!res.ok) console.log(body);',
    // A status that a success may have, or another response's.
    'if (res.statusCode >= 200) console.log(res.body);',
    'if (res.statusCode === 200) console.log(res.body);',
    'if (other.statusCode >= 400) console.log(res.body);',
    // Given another value after the test: the guard no longer speaks for it.
    'let answer = body; if (!answer.ok) { answer = JSON.parse(other); console.log(answer); }',
    // The success branch may fall through (`cb`, not `return cb`).
    'if (body.ok) { cb(null, body.url); } console.log(body);',
    // A function defined in the branch may be called later, from anywhere.
    'if (!body.ok) { setTimeout(() => console.log(body), 10); }',
  ])('%s: the whole answer escapes', (body) => {
    expect(wholeEscapes(body).filter((r) => r.startsWith(WHOLE))).toHaveLength(1);
  });
});

/**
 * The whole answer handed on (a callback, a rejection, a throw, an event) where it can only be Slack's
 * failure answer: what gets it gets the failure answer, the same for `rtm.connect`. The same guards as
 * for a print; elsewhere the hand-off is an escape of the whole.
 */
describe('the whole answer handed on where it is a failure answer', () => {
  it.each([
    'if (!body.ok) return cb(body);',
    'if (err) return cb(err); if (body.error) return cb(body);',
    'if (!body.ok) { cb(body); return; }',
    'if (!body.ok) throw body;',
    'if (body.ok === false) return Promise.reject(body);',
    'if (body.ok) { cb(null, body.url); } else { emitter.emit(\'error\', body); }',
    'if (body.ok) return cb(null, body.url); cb(new SlackError(body));',
    // The transport's error, or (none came) Slack's failure answer.
    'if (err || !body.ok) return cb(err || body);',
    'if (err || body.ok === false) { reject(err || body); return; }',
    'if (err || !body.ok) throw err || body;',
    'if (err || body.error) return cb(err ?? body);',
  ])('%s: no escape', (body) => {
    expect(wholeEscapes(body)).toEqual([]);
  });

  it.each([
    ['cb(body);', 'the response is passed to `cb`'],
    ['if (!body.ok || attempt > 3) return cb(body);', 'the response is passed to `cb`'],
    ['if (body.ok) emitter.emit(\'open\', body);', 'the response is passed to `emitter.emit`'],
    ['if (body.warning) throw body;', 'the response is thrown'],
    ['throw body;', 'the response is thrown'],
    ['return cb(err || body);', 'the response is passed to `cb`'],
    ['if (err || res.statusCode !== 200) return cb(err || body);', 'the response is passed to `cb`'],
    // `err` of another function: no proof that no answer came.
    ['if (other || !body.ok) return cb(other || body);', 'the response is passed to `cb`'],
  ])('%s: the whole answer escapes', (body, reason) => {
    expect(wholeEscapes(body).filter((r) => r.startsWith(reason))).toHaveLength(1);
  });
});
