import { describe, expect, it } from 'vitest';
import { MESSAGES, isRtmStartMethodName, isRtmStartUrl, startOnlyFieldMessage, todoComment } from '../src/index.js';

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
