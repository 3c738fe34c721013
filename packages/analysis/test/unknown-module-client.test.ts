import { describe, expect, it } from 'vitest';

import { findSites, siteNode } from '../src/index.js';
import { parseFile } from '../src/project.js';

/** The sites found, as `line: kind (the unknown package)`. */
function sites(source: string): string[] {
  const parsed = parseFile('/virtual/bot.js', source);
  return findSites(parsed.program, parsed.resolver).map((s) => `${String(siteNode(s).loc.start.line)}: ${s.kind}${s.kind === 'unfollowed-client' && s.unknownModule !== undefined ? ` (${s.unknownModule})` : ''}`);
}

describe('start() of an RtmClient made from a package rtm-migrate does not know', () => {
  it.each([
    ['a copy of @slack/client kept as `slack/client` (blind s66/08)', "var slack = require('slack/client');\nvar RtmClient = slack.RtmClient;\nvar rtm = new RtmClient(token);\nrtm.start();", ['4: unfollowed-client (slack/client)']],
    ['a named import of a Slack-named package', "import { RtmClient } from 'slack-rtm-lite';\nconst rtm = new RtmClient(token);\nrtm.start();", ['3: unfollowed-client (slack-rtm-lite)']],
    ['`new x.RtmClient` of a namespace', "const sdk = require('my-slack-sdk');\nconst bot = new sdk.RtmClient(token);\nbot.start({});", ['3: unfollowed-client (my-slack-sdk)']],
  ])('reported: %s', (_what, source, expected) => {
    expect(sites(source)).toEqual(expected);
  });

  it('the legacy SDK itself is a client site of its own, not an unknown package', () => {
    expect(sites("const { RtmClient } = require('@slack/client');\nconst rtm = new RtmClient(token);\nrtm.start();")).toEqual(['3: client-start']);
  });

  it.each([
    ['another vendor’s package', "const { RtmClient } = require('acme-chat');\nnew RtmClient(token).start();"],
    ['the app’s own module', "const { RtmClient } = require('./rtm');\nconst rtm = new RtmClient(token);\nrtm.start();"],
    ['a class of another name', "const { SocketClient } = require('slack-rtm-lite');\nconst rtm = new SocketClient(token);\nrtm.start();"],
    ['stop(), not start()', "const { RtmClient } = require('slack-rtm-lite');\nconst rtm = new RtmClient(token);\nrtm.stop();"],
  ])('no site: %s', (_what, source) => {
    expect(sites(source)).toEqual([]);
  });
});
