import { describe, expect, it } from 'vitest';

import { findSites } from '../src/index.js';
import { parseFile } from '../src/project.js';

/** The starts of clients handed in, as `line: receiver, startable`, with where the client shows a v3 `RtmClient`. */
function received(source: string, file = '/virtual/bot.ts'): string[] {
  const parsed = parseFile(file, source);
  return findSites(parsed.program, parsed.resolver).flatMap((s) =>
    s.kind === 'unfollowed-client' && s.received ? [`${String(s.call.loc.start.line)}: ${s.received.receiver} ${s.received.startable ? 'startable' : 'not startable'} (${s.received.evidence})`] : [],
  );
}

const EVENTS = "const { CLIENT_EVENTS, RTM_EVENTS } = require('@slack/client');\n";

describe('start() of a v3 client handed in as a parameter', () => {
  it('a constructor parameter property started in the constructor, listened on with CLIENT_EVENTS (s24 M2)', () => {
    const source = `${EVENTS}class Handler {
  constructor(private rtmClient: any) {
    rtmClient.start();
    rtmClient.on(CLIENT_EVENTS.RTM.AUTHENTICATED, (d: any) => d.channels);
  }
}`;
    expect(received(source)).toEqual(['4: rtmClient startable (`rtmClient.on(CLIENT_EVENTS.RTM.AUTHENTICATED, …)`, line 5)']);
  });

  it('the parameter property started through `this` in a method, listened on through the parameter', () => {
    const source = `${EVENTS}class Handler {
  constructor(private client: any) { client.on(RTM_EVENTS.MESSAGE, () => undefined); }
  run() { this.client.start({ batch_presence_aware: true }); }
}`;
    expect(received(source)).toEqual(['4: this.client startable (`client.on(RTM_EVENTS.MESSAGE, …)`, line 3)']);
  });

  it('a field set from a constructor parameter, its dataStore read in a file loading @slack/client', () => {
    const source = `require('@slack/client');
class Bot {
  constructor(rtm) { this.slack = rtm; }
  run() { this.slack.start(); return this.slack.dataStore.getUserById('U1'); }
}`;
    expect(received(source, '/virtual/bot.js')).toEqual(['4: this.slack startable (`this.slack.dataStore`, line 4)']);
  });

  it('a function parameter named `rtm`, whose value is read: a site, not startable', () => {
    const source = `${EVENTS}export function connect(rtm: any) {
  rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, () => undefined);
  return rtm.start();
}`;
    expect(received(source)).toEqual(['4: rtm not startable (`rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, …)`, line 3)']);
  });

  it.each([
    ['a server listened on with a string event', "export function serve(server: any) { server.on('listening', () => undefined); server.start(); }"],
    ['an RTMClient listened on with strings (v4+: no constants)', "import { RTMClient } from '@slack/rtm-api';\nexport async function go(rtm: RTMClient) { rtm.on('authenticated', () => undefined); await rtm.start(); }"],
    ['a dataStore read where the file loads no @slack/client', "export function go(bot: any) { bot.start(); return bot.dataStore; }"],
    ['a constant of another module', "const { EVENTS } = require('./events');\nexport function go(timer: any) { timer.on(EVENTS.TICK, () => undefined); timer.start(); }"],
    ['a parameter assigned again', `${EVENTS}export function go(rtm: any) { rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, () => undefined); rtm = rtm.clone(); rtm.start(); }`],
    ['a local variable, not a parameter', `${EVENTS}declare const make: () => any;\nconst rtm = make();\nrtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, () => undefined);\nrtm.start();`],
    ['the evidence on another parameter', `${EVENTS}export function go(rtm: any, server: any) { rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, () => undefined); server.start(); }`],
  ])('no site: %s', (_what, source) => {
    expect(received(source)).toEqual([]);
  });
});

describe('a v3 client handed to a base class constructor (s24 M1)', () => {
  /** The handed-to-base sites, as `line: the client's source`. */
  function toBase(source: string): string[] {
    const parsed = parseFile('/virtual/slack-rtm.ts', source);
    return findSites(parsed.program, parsed.resolver).flatMap((s) => (s.kind === 'unfollowed-client' && s.handedToBase === true ? [`${String(s.call.loc.start.line)}: ${source.slice(...s.candidate.range)}`] : []));
  }
  const IMPORTS = "import { RtmClient } from '@slack/client';\nimport { BaseRtm } from './base';\n";

  it.each([
    ['written in super(…)', 'export class SlackRtm extends BaseRtm { constructor(t: string) { super(new RtmClient(t)); } }', ['3: new RtmClient(t)']],
    ['through a variable, also kept on this', 'export class SlackRtm extends BaseRtm {\n  constructor(t: string) { const client = new RtmClient(t); super(client); }\n}', ['4: new RtmClient(t)']],
  ])('is reported at super(…): %s', (_what, body, expected) => {
    expect(toBase(`${IMPORTS}${body}`)).toEqual(expected);
  });

  it.each([
    ['made with useRtmConnect: true', 'export class SlackRtm extends BaseRtm { constructor(t: string) { super(new RtmClient(t, { useRtmConnect: true })); } }'],
    ['started in this file too (a site of its own)', 'export class SlackRtm extends BaseRtm { constructor(t: string) { const c = new RtmClient(t); super(c); c.start(); } }'],
    ['another value handed to super', "export class SlackRtm extends BaseRtm { constructor(t: string) { super({ token: t }); } }"],
  ])('is no site: %s', (_what, body) => {
    expect(toBase(`${IMPORTS}${body}`)).toEqual([]);
  });

  it('a start through a field typed with a class the app imports is a site, but not startable (it may be a wrapper)', () => {
    const source = `${EVENTS}import { BaseRtmClient } from '../';
export class Manager {
  private rtmClient: BaseRtmClient;
  constructor(rtmClient: BaseRtmClient) { this.rtmClient = rtmClient; this.rtmClient.on(CLIENT_EVENTS.RTM.AUTHENTICATED, () => undefined); }
  start(): void { this.rtmClient.start(); }
}`;
    expect(received(source)).toEqual(['6: this.rtmClient not startable (`this.rtmClient.on(CLIENT_EVENTS.RTM.AUTHENTICATED, …)`, line 5)']);
  });
});
