import './setup.js';

import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../src/rules/no-unsupported-rtm-args.js';

const ruleTester = new RuleTester();

ruleTester.run('no-unsupported-rtm-args', rule, {
  valid: [
    'web.rtm.connect({ batch_presence_aware: true, presence_sub: true })',
    'web.rtm.start({ batch_presence_aware: 1, token })',
    'web.conversations.list({ no_unreads: true })',
    "web.apiCall('users.list', { include_locale: true })",
    'web.rtm.start({ ...defaults })',
    'web.rtm.connect(opts)',
    "fetch('https://slack.com/api/rtm.connect?batch_presence_aware=1')",
    "fetch('https://slack.com/api/users.list?include_locale=true')",
    "import { RTMClient } from '@slack/rtm-api'; const rtm = new RTMClient(t); rtm.start({ batch_presence_aware: true });",
  ],
  invalid: [
    {
      code: 'web.rtm.start({ no_unreads: true, mpim_aware: true })',
      errors: [{ messageId: 'no_unreads', column: 17 }, { messageId: 'mpim_aware', column: 35 }],
    },
    { code: 'const simple_latest = 1; web.rtm.start({ simple_latest })', errors: [{ messageId: 'simple_latest' }] },
    { code: "web.rtm.start({ 'no_latest': 1 })", errors: [{ messageId: 'no_latest' }] },
    { code: "web.rtm.start({ ['include_locale']: true })", errors: [{ messageId: 'include_locale' }] },
    { code: 'web.rtm.start.call(web, { no_unreads: 1 })', errors: [{ messageId: 'no_unreads' }] },
    { code: 'web.rtm.start.apply(web, [{ no_unreads: 1 }])', errors: [{ messageId: 'no_unreads' }] },
    { code: "web.apiCall('rtm.start', { simple_latest: 1 })", errors: [{ messageId: 'simple_latest' }] },
    { code: "api.post('rtm.start', { no_unreads: 1 }, cb)", errors: [{ messageId: 'no_unreads' }] },
    {
      code: 'web.rtm.connect({ no_unreads: true, batch_presence_aware: true })',
      output: 'web.rtm.connect({ batch_presence_aware: true })',
      errors: [{ messageId: 'no_unreads' }],
    },
    {
      code: 'web.rtm.connect({ batch_presence_aware: true, no_unreads: true })',
      output: 'web.rtm.connect({ batch_presence_aware: true })',
      errors: [{ messageId: 'no_unreads' }],
    },
    { code: 'web.rtm.connect({ include_locale: true })', output: 'web.rtm.connect({})', errors: [{ messageId: 'include_locale' }] },
    {
      code: 'web.rtm.connect({\n  presence_sub: true,\n  // locale for users\n  include_locale: true, // old\n  batch_presence_aware: 1,\n});',
      output: 'web.rtm.connect({\n  presence_sub: true,\n  batch_presence_aware: 1,\n});',
      errors: [{ messageId: 'include_locale', line: 4 }],
    },
    {
      code: 'web.rtm.connect({\n  presence_sub: true,\n  no_unreads: 1\n});',
      output: 'web.rtm.connect({\n  presence_sub: true\n});',
      errors: [{ messageId: 'no_unreads' }],
    },
    {
      code: 'web.rtm.connect({ a: 1, no_unreads: 1, mpim_aware: 1 })',
      output: ['web.rtm.connect({ a: 1, mpim_aware: 1 })', 'web.rtm.connect({ a: 1 })'],
      errors: [{ messageId: 'no_unreads' }, { messageId: 'mpim_aware' }],
    },
    {
      code: "web.apiCall('rtm.connect', { include_locale: true, presence_sub: true })",
      output: "web.apiCall('rtm.connect', { presence_sub: true })",
      errors: [{ messageId: 'include_locale' }],
    },
    {
      code: 'const opts = { presence_sub: true, no_latest: 1 }; web.rtm.connect(opts);',
      output: 'const opts = { presence_sub: true }; web.rtm.connect(opts);',
      errors: [{ messageId: 'no_latest' }],
    },
    { code: "fetch('https://slack.com/api/rtm.start?token=x&no_unreads=1&mpim_aware=1')", errors: [{ messageId: 'no_unreads' }, { messageId: 'mpim_aware' }] },
    { code: 'got(`https://slack.com/api/rtm.connect?token=${t}&include_locale=1`)', errors: [{ messageId: 'include_locale' }] },
    { code: "request.get(base + 'rtm.start?no_latest=1&token=' + token, cb)", errors: [{ messageId: 'no_latest' }] },
    {
      code: "fetch('https://slack.com/api/rtm.start', { method: 'POST', body: new URLSearchParams({ token, no_unreads: '1' }) })",
      errors: [{ messageId: 'no_unreads' }],
    },
    {
      code: "const body = new URLSearchParams(); body.append('simple_latest', '1'); fetch('https://slack.com/api/rtm.start', { method: 'POST', body });",
      errors: [{ messageId: 'simple_latest' }],
    },
    {
      code: "const url = new URL('https://slack.com/api/rtm.start'); url.searchParams.set('no_unreads', '1'); fetch(url);",
      errors: [{ messageId: 'no_unreads' }],
    },
    { code: "axios.post('https://slack.com/api/rtm.start', qs.stringify({ token, mpim_aware: 1 }))", errors: [{ messageId: 'mpim_aware' }] },
    { code: "axios.get('https://slack.com/api/rtm.start', { params: { token, mpim_aware: 1 } })", errors: [{ messageId: 'mpim_aware' }] },
    { code: "const endpoint = base + 'rtm.start'; fetch(endpoint, { body: 'token=x&no_unreads=1' });", errors: [{ messageId: 'no_unreads' }] },
    {
      code: "const req = https.request({ path: '/api/rtm.start', method: 'POST' }, cb); req.end('no_latest=1');",
      errors: [{ messageId: 'no_latest' }],
    },
    {
      code: "fetch('https://slack.com/api/rtm.connect', { method: 'POST', body: new URLSearchParams({ token, no_unreads: '1' }) })",
      output: "fetch('https://slack.com/api/rtm.connect', { method: 'POST', body: new URLSearchParams({ token }) })",
      errors: [{ messageId: 'no_unreads' }],
    },
    {
      code: "import { RTMClient } from '@slack/rtm-api'; const rtm = new RTMClient(t); rtm.start({ no_unreads: true });",
      output: "import { RTMClient } from '@slack/rtm-api'; const rtm = new RTMClient(t); rtm.start({});",
      errors: [{ messageId: 'no_unreads' }],
    },
    {
      code: "import { RTMClient } from '@slack/rtm-api'; const rtm = new RTMClient(t, { useRtmConnect: false }); rtm.start({ no_unreads: true });",
      errors: [{ messageId: 'no_unreads' }],
    },
    {
      code: "const { RtmClient } = require('@slack/client'); const c = new RtmClient(t); c.start({ simple_latest: true });",
      errors: [{ messageId: 'simple_latest' }],
    },
  ],
});
