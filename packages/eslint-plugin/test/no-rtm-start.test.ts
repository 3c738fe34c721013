import './setup.js';

import { RuleTester } from '@typescript-eslint/rule-tester';

import rule from '../src/rules/no-rtm-start.js';

const ruleTester = new RuleTester();
const esm = (code: string) => code;

ruleTester.run('no-rtm-start', rule, {
  valid: [
    'web.rtm.connect()',
    // The branch where the chosen name is ruled out (what the codemod writes for a name chosen at run time).
    "const m = opts.connect ? 'rtm.connect' : 'rtm.start';\nconst r = m === 'rtm.start' ? rtmStartData(web, a) : web.apiCall(m, a);",
    "const m = opts.connect ? 'rtm.connect' : 'rtm.start';\nif (m !== 'rtm.start') web.apiCall(m, a);",
    'await web.rtm.connect({ batch_presence_aware: true })',
    'server.start()',
    'web.rtm.startTyping()',
    "emitter.emit('rtm.started')",
    "throw new Error('rtm.start failed')",
    "console.log('rtm.start')",
    "if (url.endsWith('rtm.start')) {}",
    '// web.rtm.start()\nfoo();',
    '/* rtm.start */ foo();',
    'type T = typeof web.rtm.start;',
    "type U = 'https://slack.com/api/rtm.start';",
    // A path under another vendor's configured base: its own method of that name.
    "const api = request.defaults({ baseUrl: 'https://api.bearychat.com/v1' });\napi({ url: '/rtm.start' }, cb);",
    // A path that is no request's address, or one under another vendor's host written beside it.
    "const route = { name: '/rtm.start' };",
    "https.request({ hostname: 'api.acme.io', path: '/rtm.start' }, cb);",
    "import { RTMClient } from '@slack/rtm-api'; const rtm = new RTMClient(token); await rtm.start();",
    "const { RTMClient } = require('@slack/client'); const rtm = new RTMClient(token, { useRtmConnect: true }); rtm.start();",
    "import vendor from 'acme-realtime'; const http = vendor.create(); http.rtm.start();",
    "const http = require('acme-realtime'); http.rtm.start();",
    "import { createClient } from '@acme/realtime-sdk'; const http = createClient(); await http.rtm.start();",
    "const res = await web.conversations.list(); res.channels;",
    "fetch('https://slack.com/api/rtm.connect')",
    "fetch(`${base}/api/rtm.started`)",
    "const msg = 'calling ' + 'rtm.start failed';",
    "import { RtmClient } from 'some-other-lib'; const c = new RtmClient(t); c.start();",
    "web.apiCall('rtm.connect')",
    // An emitter's event named after the method (a bot library emits rtm.start's data under it), and other non-call uses of the name.
    "bot.on('rtm.start', function (data) { bot.users = data.users; });",
    "bot.once('rtm.start', (data) => data.self); bot.emit('rtm.start', {});",
    "switch (method) { case 'rtm.start': break; }",
    "const handlers = { 'rtm.start': reply }; handlers['rtm.start']();",
    // A function put in `rtm.start`'s place is a definition (its requests are sites of their own); a stub of another method is none.
    "client.rtm.start = function (opts, cb) { return client._call('rtm.connect', opts, cb); };",
    "sinon.stub(web.rtm, 'connect').resolves({ ok: true, url: 'wss://x' }); web.chat.start = sinon.stub();",
    // A facet's own start, made by the library's wrapper (its string is a site of its own), is no stand-in.
    "const api = { rtm: { start: wrap(start), connect: jest.fn() } };",
    // A v3 client already on rtm.connect; the current RTMClient kept in an object literal.
    "const { RtmClient } = require('@slack/client'); const rtm = new RtmClient(t, { useRtmConnect: true }); rtm.start();",
    "const { WebClient, RTMClient } = require('@slack/client'); const bot = { web: new WebClient(t), rtm: new RTMClient(t) }; bot.rtm.start();",
  ],
  invalid: [
    // Blind s100/02: a test's stand-ins for the method, which the migrated code no longer calls; never fixed.
    {
      code: "web.rtm.start = sinon.stub().resolves({ ok: true, users: [] });\nsinon.stub(bot.web.rtm, 'start').yields(null, {});\njest.spyOn(client.rtm, 'start').mockResolvedValue({});\nconst fake = { rtm: { start: jest.fn().mockResolvedValue({}) } };",
      errors: [
        { messageId: 'rtmStartStandIn', line: 1, column: 1 },
        { messageId: 'rtmStartStandIn', line: 2, column: 1 },
        { messageId: 'rtmStartStandIn', line: 3, column: 1 },
        { messageId: 'rtmStartStandIn', line: 4, column: 23 },
      ],
    },
    // The name chosen at run time and handed where no call of it is seen: reported at the string, never fixed.
    {
      code: "const method = top ? 'rtm.start' : 'files.list';\nrequest({ method, params }, done);",
      errors: [{ messageId: 'rtmStartUnfollowed', line: 1, column: 22 }],
    },
    { code: "let name;\nif (legacy) name = 'rtm.start';\napi.call(name, {}, done);", errors: [{ messageId: 'rtmStartUnfollowed', line: 2 }] },
    // A helper that is called `on` but given no listener is still given the method.
    {
      code: "api.on('rtm.start', { token: 'xoxb-test' }).then((res) => res.users);",
      errors: [{ messageId: 'rtmStart', suggestions: [{ messageId: 'useRtmConnect', output: "api.on('rtm.connect', { token: 'xoxb-test' }).then((res) => res.users);" }] }],
    },
    { code: 'web.rtm.start()', output: 'web.rtm.connect()', errors: [{ messageId: 'rtmStartFixable', line: 1, column: 1 }] },
    // The comparison rules rtm.start out of the other branch only.
    { code: "const m = opts.connect ? 'rtm.connect' : 'rtm.start';\nconst r = m === 'rtm.start' ? web.apiCall(m, a) : null;", errors: [{ messageId: 'rtmStart', line: 2 }] },
    {
      code: 'const res = await web.rtm.start({ no_unreads: true, batch_presence_aware: true }); use(res.url, res.self.id, res.team.domain);',
      output: 'const res = await web.rtm.connect({ batch_presence_aware: true }); use(res.url, res.self.id, res.team.domain);',
      errors: [{ messageId: 'rtmStartFixable' }],
    },
    // A built-in error makes text of its message and reads only `cause` of its options (blind s79/14b: `new Error('Error starting RTM', err || body)`).
    {
      code: "const res = await web.rtm.start();\nif (!res.url) throw new Error('RTM start without a URL', res);\nopen(res.url, res.self.id);",
      output: "const res = await web.rtm.connect();\nif (!res.url) throw new Error('RTM start without a URL', res);\nopen(res.url, res.self.id);",
      errors: [{ messageId: 'rtmStartFixable' }],
    },
    {
      code: 'const { url, self: { name } } = await client.rtm.start({ mpim_aware: 1, no_latest: 1 });',
      output: 'const { url, self: { name } } = await client.rtm.connect({});',
      errors: [{ messageId: 'rtmStartFixable' }],
    },
    {
      code: 'const res = await web.rtm.start({ no_unreads: true }); res.channels.forEach(f);',
      errors: [
        {
          messageId: 'rtmStart',
          suggestions: [{ messageId: 'useRtmConnect', output: 'const res = await web.rtm.connect({}); res.channels.forEach(f);' }],
        },
      ],
    },
    {
      // A spread of a plain constant hands the response on to nothing, but its arguments are not written
      // out (`include_locale` is not one of rtm.connect's): a suggestion, never an autofix.
      code: 'const args = [{ include_locale: true }]; const { url } = await web.rtm.start(...args);',
      errors: [{ messageId: 'rtmStart', suggestions: [{ messageId: 'useRtmConnect', output: 'const args = [{ include_locale: true }]; const { url } = await web.rtm.connect(...args);' }] }],
    },
    {
      code: 'async function f() { return web.rtm.start(); }',
      errors: [{ messageId: 'rtmStart', suggestions: [{ messageId: 'useRtmConnect', output: 'async function f() { return web.rtm.connect(); }' }] }],
    },
    { code: 'web.rtm?.start()', output: 'web.rtm?.connect()', errors: [{ messageId: 'rtmStartFixable' }] },
    { code: 'web.rtm?.start?.()', output: 'web.rtm?.connect?.()', errors: [{ messageId: 'rtmStartFixable' }] },
    { code: "web.rtm['start']()", output: "web.rtm['connect']()", errors: [{ messageId: 'rtmStartFixable' }] },
    { code: "web['rtm'][\"start\"]()", output: "web['rtm'][\"connect\"]()", errors: [{ messageId: 'rtmStartFixable' }] },
    { code: 'web.rtm.start.call(web, {})', output: 'web.rtm.connect.call(web, {})', errors: [{ messageId: 'rtmStartFixable' }] },
    {
      code: 'web.rtm.start.apply(web, [opts])',
      errors: [{ messageId: 'rtmStart', suggestions: [{ messageId: 'useRtmConnect', output: 'web.rtm.connect.apply(web, [opts])' }] }],
    },
    { code: 'this.web.rtm.start()', output: 'this.web.rtm.connect()', errors: [{ messageId: 'rtmStartFixable' }] },
    { code: 'const { rtm } = web; rtm.start();', output: 'const { rtm } = web; rtm.connect();', errors: [{ messageId: 'rtmStartFixable' }] },
    // Nothing reads the answer, and nothing but the name is given: auth.test (the codemod's token-check, analysis' methodAnswerUnread).
    { code: "web.apiCall('rtm.start')", output: "web.apiCall('auth.test')", errors: [{ messageId: 'rtmStartUnread', column: 13 }] },
    { code: "web.apiCall('rtm.start').then((r) => log(r.ok))", output: "web.apiCall('rtm.connect').then((r) => log(r.ok))", errors: [{ messageId: 'rtmStartFixable', column: 13 }] },
    { code: 'web.apiCall(`rtm.start`, {})', output: 'web.apiCall(`rtm.connect`, {})', errors: [{ messageId: 'rtmStartFixable' }] },
    {
      code: "const m = 'rtm.start'; web.apiCall(m);",
      output: "const m = 'rtm.start'; web.apiCall('auth.test');",
      errors: [{ messageId: 'rtmStartUnread', column: 36 }],
    },
    {
      code: "const m = 'rtm.start'; web.apiCall(m).then((r) => log(r.ok));",
      errors: [{ messageId: 'rtmStart', column: 36, suggestions: [] }],
    },
    { code: "const ns = 'rtm'; web.apiCall(`${ns}.start`);", output: "const ns = 'rtm'; web.apiCall('auth.test');", errors: [{ messageId: 'rtmStartUnread' }] },
    { code: "const ns = 'rtm'; web.apiCall(`${ns}.start`, cb);", errors: [{ messageId: 'rtmStart', suggestions: [] }] },
    { code: "const M = 'rtm' + '.start'; web.apiCall(M);", output: "const M = 'rtm' + '.start'; web.apiCall('auth.test');", errors: [{ messageId: 'rtmStartUnread' }] },
    {
      code: "api.post('rtm.start', { no_unreads: 1 }, function (err, res) { cb(res.users); });",
      errors: [{ messageId: 'rtmStart', suggestions: [{ messageId: 'useRtmConnect', output: "api.post('rtm.connect', {}, function (err, res) { cb(res.users); });" }] }],
    },
    {
      code: "this._api('rtm.start').then((data) => { this.users = data.users; });",
      errors: [{ messageId: 'rtmStart', suggestions: [{ messageId: 'useRtmConnect', output: "this._api('rtm.connect').then((data) => { this.users = data.users; });" }] }],
    },
    {
      code: "fetch('https://slack.com/api/rtm.start', { method: 'POST', body })",
      errors: [{ messageId: 'rtmStartUrl', suggestions: [{ messageId: 'useRtmConnectUrl', output: "fetch('https://slack.com/api/rtm.connect', { method: 'POST', body })" }] }],
    },
    { code: "axios.get('https://slack.com/api/rtm.start?token=' + t)", errors: [{ messageId: 'rtmStartUrl', suggestions: [{ messageId: 'useRtmConnectUrl', output: "axios.get('https://slack.com/api/rtm.connect?token=' + t)" }] }] },
    { code: 'got(`https://slack.com/api/rtm.start?token=${t}&no_unreads=1`)', errors: [{ messageId: 'rtmStartUrl', suggestions: [{ messageId: 'useRtmConnectUrl', output: 'got(`https://slack.com/api/rtm.connect?token=${t}&no_unreads=1`)' }] }] },
    { code: "request.get(base + 'rtm.start?token=' + token, cb)", errors: [{ messageId: 'rtmStartUrl', column: 20, suggestions: [{ messageId: 'useRtmConnectUrl', output: "request.get(base + 'rtm.connect?token=' + token, cb)" }] }] },
    // A path under the base a request client was made with (blind s113/01, tinybot: `request.defaults({ baseUrl })`).
    {
      code: "const api = request.defaults({ baseUrl: 'https://slack.com/api', json: true });\napi({ method: 'GET', url: '/rtm.start' }, cb);",
      errors: [{ messageId: 'rtmStartUrl', line: 2, suggestions: [{ messageId: 'useRtmConnectUrl', output: "const api = request.defaults({ baseUrl: 'https://slack.com/api', json: true });\napi({ method: 'GET', url: '/rtm.connect' }, cb);" }] }],
    },
    {
      code: "https.request({ hostname: 'slack.com', path: '/rtm.start', method: 'POST' }, cb);",
      errors: [{ messageId: 'rtmStartUrl', suggestions: [{ messageId: 'useRtmConnectUrl', output: "https.request({ hostname: 'slack.com', path: '/rtm.connect', method: 'POST' }, cb);" }] }],
    },
    { code: "this.api({ uri: '/rtm.start' }, cb);", errors: [{ messageId: 'rtmStartUrl', suggestions: [{ messageId: 'useRtmConnectUrl', output: "this.api({ uri: '/rtm.connect' }, cb);" }] }] },
    { code: "const endpoint = SLACK_API + 'rtm.start';", errors: [{ messageId: 'rtmStartUrl', suggestions: [{ messageId: 'useRtmConnectUrl', output: "const endpoint = SLACK_API + 'rtm.connect';" }] }] },
    { code: 'fetch(`${base}rtm.start`)', errors: [{ messageId: 'rtmStartUrl', suggestions: [{ messageId: 'useRtmConnectUrl', output: 'fetch(`${base}rtm.connect`)' }] }] },
    { code: "https.request({ hostname: 'slack.com', path: '/api/rtm.start', method: 'POST' }, cb)", errors: [{ messageId: 'rtmStartUrl', suggestions: [{ messageId: 'useRtmConnectUrl', output: "https.request({ hostname: 'slack.com', path: '/api/rtm.connect', method: 'POST' }, cb)" }] }] },
    { code: "new URL('/api/rtm.start', 'https://slack.com')", errors: [{ messageId: 'rtmStartUrl', suggestions: [{ messageId: 'useRtmConnectUrl', output: "new URL('/api/rtm.connect', 'https://slack.com')" }] }] },
    { code: "new URL('rtm.start', 'https://slack.com/api/')", errors: [{ messageId: 'rtmStartUrl', suggestions: [{ messageId: 'useRtmConnectUrl', output: "new URL('rtm.connect', 'https://slack.com/api/')" }] }] },
    { code: "api.get('/rtm.start')", output: "api.get('/auth.test')", errors: [{ messageId: 'rtmStartUnread' }] },
    { code: "api.get('/rtm.start').then((res) => res.url)", output: "api.get('/rtm.connect').then((res) => res.url)", errors: [{ messageId: 'rtmStartFixable' }] },
    {
      code: "import { RTMClient } from '@slack/rtm-api'; new RTMClient(token, { useRtmConnect: false });",
      errors: [
        {
          messageId: 'rtmClientUsesStart',
          suggestions: [{ messageId: 'dropUseRtmConnectFalse', output: "import { RTMClient } from '@slack/rtm-api'; new RTMClient(token, {});" }],
        },
      ],
    },
    {
      code: "import { RTMClient as R } from '@slack/rtm-api'; new R(token, { logLevel: 'debug', useRtmConnect: false });",
      errors: [
        {
          messageId: 'rtmClientUsesStart',
          suggestions: [{ messageId: 'dropUseRtmConnectFalse', output: "import { RTMClient as R } from '@slack/rtm-api'; new R(token, { logLevel: 'debug' });" }],
        },
      ],
    },
    { code: "const { RTMClient: R } = require('@slack/rtm-api'); new R(token, { useRtmConnect: false });", errors: [{ messageId: 'rtmClientUsesStart', suggestions: [{ messageId: 'dropUseRtmConnectFalse', output: "const { RTMClient: R } = require('@slack/rtm-api'); new R(token, {});" }] }] },
    { code: "const R = require('@slack/client').RTMClient; new R(token, { useRtmConnect: false });", errors: [{ messageId: 'rtmClientUsesStart', suggestions: [{ messageId: 'dropUseRtmConnectFalse', output: "const R = require('@slack/client').RTMClient; new R(token, {});" }] }] },
    { code: 'new RTMClient(token, { useRtmConnect: false });', errors: [{ messageId: 'rtmClientUsesStart', suggestions: [{ messageId: 'dropUseRtmConnectFalse', output: 'new RTMClient(token, {});' }] }] },
    { code: "const { RtmClient } = require('@slack/client'); const client = new RtmClient(token); client.start();", errors: [{ messageId: 'legacyRtmClient', column: 86 }] },
    { code: "const RtmClient = require('slack-client').RtmClient; const bot = new RtmClient(t); bot.start({});", errors: [{ messageId: 'legacyRtmClient' }] },
    { code: "import { RtmClient as Legacy } from '@slack/client'; const s = new Legacy(t); s.start();", errors: [{ messageId: 'legacyRtmClient' }] },
    {
      code: "const { RtmClient } = require('@slack/client'); class Bot { constructor(t) { this.rtm = new RtmClient(t); } run() { this.rtm.start(); } }",
      errors: [{ messageId: 'legacyRtmClient' }],
    },
    {
      code: "const { RtmClient } = require('@slack/client'); class B { constructor(t) { const rtm = new RtmClient(t); this.slack = { rtm }; } run() { this.slack.rtm.start(); } }",
      errors: [{ messageId: 'legacyRtmClient' }],
    },
    // Used as an RTM client (the Web API's rtm family has only start and connect): no fix, no suggestion.
    { code: "class Roll { constructor(rtm) { this.rtm = rtm; } run() { this.rtm.on('message', f); this.rtm.start(); } }", errors: [{ messageId: 'rtmStart', suggestions: [] }] },
    { code: 'function run(bot) { bot.rtm.sendMessage(text, channel); bot.rtm.start(); }', errors: [{ messageId: 'rtmStart', suggestions: [] }] },
    { code: "import { WebClient } from '@slack/web-api'; const web = new WebClient(t); web.rtm.start();", output: "import { WebClient } from '@slack/web-api'; const web = new WebClient(t); web.auth.test();", errors: [{ messageId: 'rtmStartUnread' }] },
    { code: "import { WebClient } from '@slack/web-api'; const web = new WebClient(t); await web['rtm'][\"start\"]?.();", output: "import { WebClient } from '@slack/web-api'; const web = new WebClient(t); await web['auth'][\"test\"]?.();", errors: [{ messageId: 'rtmStartUnread' }] },
    // Read (the url), given options or a callback, or a facet kept apart from its client (no `auth` beside it): rtm.connect as before.
    { code: "import { WebClient } from '@slack/web-api'; const web = new WebClient(t); log((await web.rtm.start()).url);", output: "import { WebClient } from '@slack/web-api'; const web = new WebClient(t); log((await web.rtm.connect()).url);", errors: [{ messageId: 'rtmStartFixable' }] },
    { code: "import { WebClient } from '@slack/web-api'; const web = new WebClient(t); await web.rtm.start({ batch_presence_aware: true });", output: "import { WebClient } from '@slack/web-api'; const web = new WebClient(t); await web.rtm.connect({ batch_presence_aware: true });", errors: [{ messageId: 'rtmStartFixable' }] },
    { code: "import { WebClient } from '@slack/web-api'; const { rtm } = new WebClient(t); rtm.start();", output: "import { WebClient } from '@slack/web-api'; const { rtm } = new WebClient(t); rtm.connect();", errors: [{ messageId: 'rtmStartFixable' }] },
    { code: "import { wrap } from './slack'; wrap().rtm.start();", output: "import { wrap } from './slack'; wrap().rtm.connect();", errors: [{ messageId: 'rtmStartFixable' }] },
    {
      code: esm('const res = await web.rtm.start();\nexport default res;'),
      errors: [{ messageId: 'rtmStart', suggestions: [{ messageId: 'useRtmConnect', output: 'const res = await web.rtm.connect();\nexport default res;' }] }],
    },
  ],
});
