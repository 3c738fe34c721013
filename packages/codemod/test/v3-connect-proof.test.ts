import { describe, expect, it } from 'vitest';
import { scanOneSite } from './helpers.js';

/**
 * The proof that a v3 RtmClient needs nothing of `rtm.start`'s data (scan/legacy-connect-only.ts and
 * the analysis' legacyClientInPlace), one clause broken at a time: each variant keeps the helper
 * module's start. The plain bot, which keeps no store, is the one that gets `useRtmConnect: true` alone.
 */
const HEAD = "const { RtmClient, CLIENT_EVENTS } = require('@slack/client');\n";
const MADE = "const rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, { logLevel: 'error', dataStore: false });\n";
const AUTH = "rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, (data) => console.log(data.self.name + ' of ' + data.team.domain));\n";
const START = 'rtm.start();\n';

const bot = (parts: { made?: string; auth?: string; extra?: string; start?: string }): string =>
  HEAD + (parts.made ?? MADE) + (parts.auth ?? AUTH) + (parts.extra ?? '') + (parts.start ?? START);

describe('a v3 RtmClient gets useRtmConnect: true alone only where nothing of rtm.start is needed', () => {
  it('the plain bot: connect-only', async () => {
    const { site } = await scanOneSite('v3-proof-', bot({}));
    expect(site?.form).toBe('legacy-client');
    expect(site?.rewrite).toBe('connect-only');
    expect(site?.calls).toBe(1);
  });

  it.each([
    ['a start-only field read', { auth: "rtm.on('authenticated', (data) => console.log(data.users.length));\n" }],
    ['the data handed on', { auth: "rtm.on('authenticated', (data) => keep(data));\nfunction keep(d) { module.exports.d = d; }\n" }],
    ['the store read', { extra: "rtm.on('message', (m) => console.log(rtm.dataStore.getUserById(m.user)));\n" }],
    ['the store the SDK makes where the options name none', { made: "const rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, { logLevel: 'error' });\n" }],
    ['a store given in the options', { made: "const rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, { dataStore: new (require('@slack/client').MemoryDataStore)() });\n" }],
    ['the client exported', { extra: 'module.exports = rtm;\n' }],
    ['the client handed to a function', { extra: 'setup(rtm);\nfunction setup(c) { return c; }\n' }],
    ['an event named at run time', { extra: "const name = process.env.EVENT;\nrtm.on(name, (d) => console.log(d));\n" }],
    ['a function listener that may use this', { extra: "rtm.on('message', function () { console.log(this.dataStore); });\n" }],
    ['a listener prepended', { extra: "rtm.prependListener('authenticated', (d) => console.log(d.users));\n" }],
    ['a start-only start option', { start: 'rtm.start({ no_unreads: true });\n' }],
  ])('%s: helper-module', async (_name, parts) => {
    const { site } = await scanOneSite('v3-proof-', bot(parts));
    expect(site?.form).toBe('legacy-client');
    expect(site?.rewrite).toBe('helper-module');
  });

  it('a self field rtm.connect lacks (nor the helper module builds): left to a human, as before', async () => {
    const { site } = await scanOneSite('v3-proof-', bot({ auth: "rtm.on('authenticated', (data) => console.log(data.self.prefs));\n" }));
    expect(site?.rewrite).toBe('todo');
  });
});
