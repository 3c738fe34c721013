import { describe, expect, it } from 'vitest';

import { findSites, followResponse } from '../src/index.js';
import { parseFile } from '../src/project.js';

/** For each site of the source, the fields read and whether the response escapes at a yield. */
function flows(file: string, source: string) {
  const parsed = parseFile(file, source);
  return findSites(parsed.program, parsed.resolver).map((site) => {
    const flow = followResponse(parsed.resolver, site);
    return { reads: flow.reads.map((r) => r.path).sort(), yielded: flow.escapes.some((e) => e.reason === 'the response is yielded') };
  });
}

const AWAITED = { reads: ['self', 'self.id'], yielded: false };
const HANDED_OUT = { reads: [], yielded: true };

describe('a yield of rtm.start inside a generator', () => {
  it('reads as await under co, co.wrap and bluebird coroutine, however they are imported', () => {
    const body = '{ const res = yield web.rtm.start(); return res.self.id; }';
    expect(
      flows(
        '/virtual/bot.ts',
        `import co from 'co';
import * as coNs from 'co';
import { coroutine } from 'bluebird';
import Bluebird from 'bluebird';
import { WebClient } from '@slack/web-api';
const web = new WebClient('xoxb-test');
co(function* () ${body});
co.wrap(function* () ${body});
coNs.wrap(function* () ${body});
coroutine(function* () ${body});
Bluebird.coroutine(function* () ${body});`,
      ),
    ).toEqual([AWAITED, AWAITED, AWAITED, AWAITED, AWAITED]);
  });

  it('is handed out anywhere else: an unknown runner, a global Promise, another co member, yield*, a generator also iterated by hand or exported', () => {
    const body = '{ const res = yield web.rtm.start(); return res.self.id; }';
    expect(
      flows(
        '/virtual/bot.js',
        `const co = require('co');
const suspend = require('suspend');
const { WebClient } = require('@slack/web-api');
const web = new WebClient('xoxb-test');
suspend(function* () ${body});
Promise.coroutine(function* () ${body});
co.unknown(function* () ${body});
co(function* () { const res = yield* web.rtm.start(); return res.self.id; });
function* twice() ${body}
co(twice);
twice().next();
module.exports = function* exported() ${body};
co(module.exports);`,
      ),
    ).toEqual([HANDED_OUT, HANDED_OUT, HANDED_OUT, HANDED_OUT, HANDED_OUT, HANDED_OUT]);
  });

  it('of a declared generator reads as await only when every use of its name hands it to a runner, and it is not exported', () => {
    const body = '{ const res = yield web.rtm.start(); return res.self.id; }';
    expect(
      flows(
        '/virtual/bot.ts',
        `import co from 'co';
import { WebClient } from '@slack/web-api';
const web = new WebClient('xoxb-test');
function* local() ${body}
co(local);
co.wrap(local);
export function* shared() ${body}
co(shared);`,
      ),
    ).toEqual([AWAITED, HANDED_OUT]);
  });
});
