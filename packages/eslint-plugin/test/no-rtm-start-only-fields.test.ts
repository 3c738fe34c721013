import './setup.js';

import { RuleTester } from '@typescript-eslint/rule-tester';

import rule, { startOnlyFieldData } from '../src/rules/no-rtm-start-only-fields.js';

/** A report of a start-only field read, with the replacement core's facts name for it. */
const startOnly = (field: string) => ({ messageId: 'startOnlyField' as const, data: startOnlyFieldData(field) });

/** A report of a list handed to code not followed whose items carried start-only attributes. */
const escaped = { messageId: 'escapedItems' as const };

/** A report of `self` / `team` handed to code not followed, which may read what only `rtm.start` gave them. */
const escapedObject = { messageId: 'escapedObject' as const };

const ruleTester = new RuleTester();

ruleTester.run('no-rtm-start-only-fields', rule, {
  valid: [
    'const res = await web.rtm.start(); use(res.url, res.ok, res.self.id, res.self.name, res.team.id, res.team.name, res.team.domain);',
    'const { url, self: { id }, team: { domain } } = await web.rtm.connect();',
    // rtm.connect's self and team never had prefs nor a plan: handing them on loses nothing.
    "this._api('rtm.connect').then((data) => { this.self = data.self; this.team = data.team; });",
    'const res = await web.conversations.list(); res.channels.forEach((c) => c.members);',
    'const res = await web.users.list(); res.members;',
    'const res = await web.rtm.connect(); res.response_metadata; res.warning; res.error;',
    "import vendor from 'acme-rt'; const http = vendor(); const s = await http.rtm.start(); s.channels;",
    'const res = await web.rtm.start(); const channels = other.channels;',
    'web.rtm.start().then((r) => r.url);',
    "import { RTMClient } from '@slack/rtm-api'; const rtm = new RTMClient(t); rtm.on('message', (m) => m.channels);",
  ],
  invalid: [
    { code: 'const res = await web.rtm.start(); res.users;', errors: [{ ...startOnly('users'), column: 40 }] },
    { code: "const res = await web.rtm.start(); res['channels'];", errors: [startOnly('channels')] },
    { code: 'const res = await web.rtm.connect(); res.channels.length;', errors: [startOnly('channels')] },
    { code: '(await web.rtm.start()).ims.length;', errors: [startOnly('ims')] },
    { code: 'const n = (await web.rtm.start()).groups!.length;', errors: [startOnly('groups')] },
    { code: 'const { channels, users, self } = await web.rtm.start();', errors: [startOnly('channels'), startOnly('users')] },
    { code: 'const { channels = [] } = await web.rtm.start();', errors: [startOnly('channels')] },
    { code: 'const { self: { prefs } } = await web.rtm.start();', errors: [startOnly('self.prefs')] },
    { code: 'const { team: { icon, avatar_base_url } } = await web.rtm.start();', errors: [startOnly('team.icon'), startOnly('team.avatar_base_url')] },
    { code: 'const res = await web.rtm.start(); res.team.plan;', errors: [startOnly('team.plan')] },
    { code: 'const { url, ...rest } = await web.rtm.start(); rest.bots;', errors: [startOnly('bots')] },
    { code: 'web.rtm.start().then((r) => r.ims.forEach(f));', errors: [startOnly('ims'), escaped] },
    { code: 'web.rtm.start().then(({ subteams }) => subteams);', errors: [startOnly('subteams')] },
    { code: 'web.rtm.start().catch(log).then(function (r) { return r.dnd; });', errors: [startOnly('dnd')] },
    {
      code: 'const res = await web.rtm.start(); for (const c of res.channels) c.members;',
      errors: [startOnly('channels'), startOnly('channels[].members')],
    },
    {
      code: 'const res = await web.rtm.start(); res.groups.forEach((g) => g.latest); res.ims.map((im) => im.unread_count);',
      errors: [startOnly('groups'), startOnly('groups[].latest'), startOnly('ims'), startOnly('ims[].unread_count')],
    },
    {
      code: 'const { channels } = await web.rtm.start(); const general = channels.find((c) => c.is_general); general.members;',
      errors: [startOnly('channels'), startOnly('channels[].members')],
    },
    { code: 'const res = await web.rtm.start(); const [first] = res.mpims; first.members;', errors: [startOnly('mpims'), startOnly('mpims[].members')] },
    { code: 'const p = web.rtm.start(); const res = await p; res.cache_ts;', errors: [startOnly('cache_ts')] },
    { code: 'let res; res = await web.rtm.start(); res.latest_event_ts;', errors: [startOnly('latest_event_ts')] },
    { code: 'const [a, b] = await Promise.all([web.rtm.start(), other()]); a.users; b.users;', errors: [{ ...startOnly('users'), column: 65 }] },
    { code: 'Promise.all([x(), web.rtm.start()]).then(([a, b]) => b.users);', errors: [startOnly('users')] },
    { code: 'function index(data) { return data.bots; } web.rtm.start().then(index);', errors: [escaped, startOnly('bots')] },
    // The users handed on the same way are no escape of item attributes: rtm.start's own had no `presence` since January 2018.
    { code: 'function index(data) { return data.users; } web.rtm.start().then(index);', errors: [startOnly('users')] },
    { code: 'function index(data) { return data.users; } const r = await web.rtm.start(); index(r);', errors: [startOnly('users')] },
    { code: "web.apiCall('rtm.start').then((r) => r.channels);", errors: [startOnly('channels')] },
    { code: "const m = 'rtm.connect'; const r = await web.apiCall(m); r.users;", errors: [startOnly('users')] },
    { code: "api.post('rtm.start', {}, function (err, res) { res.users; });", errors: [startOnly('users')] },
    { code: 'web.rtm.start({}, (err, res) => res.bots);', errors: [escaped, startOnly('bots')] },
    // Kept on a `this` no class owns: code rtm-migrate does not see may read a DM's `is_open`; the users it may read lack nothing rtm.start's had.
    { code: "this._api('rtm.start').then((data) => { this.ims = data.ims; });", errors: [escaped, startOnly('ims')] },
    {
      code: "this._api('rtm.start').then((data) => { this.self = data.self; this.team = data.team; });",
      errors: [
        { ...escapedObject, line: 1, column: 41 },
        { ...escapedObject, line: 1, column: 64 },
      ],
    },
    { code: "this._api('rtm.start').then((data) => { this.users = data.users; });", errors: [startOnly('users')] },
    { code: 'const res = await web.rtm?.start(); res?.users?.find(Boolean);', errors: [startOnly('users')] },
    { code: 'const res = (await web.rtm.start()) as Resp; (res as Any).mpims;', errors: [startOnly('mpims')] },
    {
      code: "import { RTMClient } from '@slack/rtm-api'; const rtm = new RTMClient(t); rtm.on('authenticated', (d) => d.channels);",
      errors: [escaped, startOnly('channels')],
    },
    {
      code: "import { RTMClient } from '@slack/rtm-api'; const rtm = new RTMClient(t); const { users } = await rtm.start();",
      errors: [startOnly('users')],
    },
    {
      code: "const { RtmClient, CLIENT_EVENTS } = require('@slack/client'); const rtm = new RtmClient(t); rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (d) { d.channels; });",
      errors: [startOnly('channels')],
    },
    {
      code: "const { RtmClient } = require('@slack/client'); const rtm = new RtmClient(t); rtm.dataStore.getUserById(u);",
      // The store itself, and the look-up: a read of `users`, which only rtm.start returned.
      errors: [{ messageId: 'legacyDataStore' }, { ...startOnly('users'), column: 93 }],
    },
    {
      code: "const { RtmClient } = require('@slack/client'); class Bot { constructor(t) { this._rtm = new RtmClient(t); } name(id) { const store = this._rtm.dataStore; return store.getChannelById(id).name; } }",
      errors: [{ messageId: 'legacyDataStore' }, startOnly('channels')],
    },
  ],
});
