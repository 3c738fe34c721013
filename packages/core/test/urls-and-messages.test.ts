import { describe, expect, it } from 'vitest';
import {
  MESSAGES,
  isRtmConnectUrl,
  isRtmConnectUrlTail,
  isRtmStartMethodName,
  isRtmStartUrl,
  isRtmStartUrlTail,
  mayExportRtmClient,
  mayMentionRtm,
  mayStartRequiredClient,
  requiredAsWord,
  startOnlyFieldMessage,
  todoComment,
} from '../src/index.js';

describe('isRtmStartUrl', () => {
  it.each([
    'https://slack.com/api/rtm.start',
    'https://slack.com/api/rtm.start?token=xoxb-test&no_unreads=1',
    'http://127.0.0.1:8787/api/rtm.start',
    '/api/rtm.start',
    'rtm.start?token=',
    '  https://slack.com/api/rtm.start#x ',
  ])('matches %s', (url) => expect(isRtmStartUrl(url)).toBe(true));

  it.each(['rtm.start', 'rtm.start failed', 'https://slack.com/api/rtm.started', '/api/rtm.connect', 'rtm.startTyping', 'see rtm.start?'])(
    'does not match %s',
    (text) => expect(isRtmStartUrl(text)).toBe(false),
  );

  it('tells the bare method name apart', () => {
    expect(isRtmStartMethodName('rtm.start')).toBe(true);
    expect(isRtmStartMethodName('rtm.start ')).toBe(false);
  });
});

describe('isRtmConnectUrl and the tails of assembled URLs', () => {
  it.each(['https://slack.com/api/rtm.connect', '/api/rtm.connect?batch_presence_aware=1', 'rtm.connect?token='])('connect: matches %s', (url) =>
    expect(isRtmConnectUrl(url)).toBe(true),
  );
  it.each(['rtm.connect', '/api/rtm.connected', '/api/rtm.start'])('connect: does not match %s', (url) => expect(isRtmConnectUrl(url)).toBe(false));
  it.each([
    ['rtm.start?token=', true, false],
    ['/rtm.start', true, false],
    ['rtm.connect#x', false, true],
    ['rtm.started', false, false],
    ['api/rtm.start', false, false],
  ] as const)('%s: start tail %s, connect tail %s', (piece, start, connect) => {
    expect(isRtmStartUrlTail(piece)).toBe(start);
    expect(isRtmConnectUrlTail(piece)).toBe(connect);
  });
});

describe('mayMentionRtm (the pre-filter of the lint rules and the codemod)', () => {
  it.each(['web.rtm.start()', "new RTMClient(t)", 'new RtmClient(t)', '{ useRtmConnect: false }', "fetch('/api/rtm.connect')", "new (require('slack-client'))(t).login()", "new (require('slackbots'))({ token: t })", "new (require('slackbotapi'))({ token: t })"])('keeps %s', (text) =>
    expect(mayMentionRtm(text)).toBe(true),
  );
  it.each(['web.chat.postMessage()', "'r' + 'tm.start'"])('skips %s', (text) => expect(mayMentionRtm(text)).toBe(false));
});

describe('the pre-filter of files that require a client another module makes', () => {
  it.each(["const c = x ? require('./a') : require('./b'); c.start();", "import c from './chat'; c.login();", "const c = require('../c'); c.on('authenticated', f);"])('keeps %s', (text) =>
    expect(mayStartRequiredClient(text)).toBe(true),
  );
  it.each(["const c = require('express'); c().listen(80);", "server.start();", "const t = require('./t'); t.stop();"])('skips %s', (text) => expect(mayStartRequiredClient(text)).toBe(false));
  it('tells modules that may export a client they make', () => {
    expect(mayExportRtmClient('module.exports = new RtmClient(token);')).toBe(true);
    expect(mayExportRtmClient('export const rtm = new RTMClient(token);')).toBe(true);
    expect(mayExportRtmClient('new RtmClient(token).start();')).toBe(false);
    expect(mayExportRtmClient("var Slack = require('slack-client');\nmodule.exports = new Slack(token, true, true);")).toBe(true);
  });
  it('names a module as its requirers spell it', () => {
    expect(requiredAsWord('/app/lib/live.js')).toBe('live');
    expect(requiredAsWord('/app/slack/index.ts')).toBe('slack');
  });
});

describe('messages', () => {
  it('name replacement, scope and tier', () => {
    expect(startOnlyFieldMessage('users')).toMatch(/`users\.list`.*`users:read`.*Tier 2/);
    expect(startOnlyFieldMessage('channels[].members')).toMatch(/conversations\.members.*Tier 4/);
    expect(MESSAGES.rtmStart).toContain('rtm.connect');
  });
  it('write TODO comments that name fields and methods', () => {
    expect(todoComment('the method name is computed at run time.', ['users', 'url'])).toBe(
      'TODO(rtm-migrate): the method name is computed at run time. Fields read → replacements: users: users.list.',
    );
  });
});
