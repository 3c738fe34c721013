import { describe, expect, it } from 'vitest';

import { findSites, slackClientReads, type LibraryStartSite } from '../src/index.js';
import { parseFile } from '../src/project.js';

/** The extras read through the client of the file's one slack-client `login()`: `path@line`. */
function readsOf(source: string): string[] {
  const parsed = parseFile('/virtual/bot.js', source);
  const starts = findSites(parsed.program, parsed.resolver).filter((s): s is LibraryStartSite => s.kind === 'library-start' && s.library === 'slack-client');
  expect(starts).toHaveLength(1);
  const start = starts[0];
  if (start?.library !== 'slack-client') return [];
  return slackClientReads(parsed.resolver, start.call).map((r) => `${r.path}@${r.node.loc.start.line}`);
}

const MADE = "var Slack = require('slack-client');\nvar slack = new Slack(process.env.SLACK_TOKEN, true, true);\n";

describe('what a file reads through a slack-client 1.x client that the generated module fetches only when asked', () => {
  it("names every list `getUnreadCount()` and `getChannelsWithUnreads()` read the `unread_count` of", () => {
    expect(readsOf(`${MADE}slack.on('open', () => console.log(slack.getUnreadCount(), slack.getChannelsWithUnreads().length));\nslack.login();\n`)).toEqual([
      'channels[].unread_count@3',
      'ims[].unread_count@3',
      'groups[].unread_count@3',
      'channels[].unread_count@3',
      'ims[].unread_count@3',
      'groups[].unread_count@3',
    ]);
  });

  it("a `.presence` read in a file that reaches the client's users (its map or a look-up); never a write", () => {
    const source = `${MADE}slack.on('message', (m) => { const u = slack.getUserByID(m.user); if (u.presence === 'active') u.presence = 'seen'; });\nslack.login();\n`;
    expect(readsOf(source)).toEqual(['users[].presence@3']);
  });

  it('read state read off what the look-ups of channels, groups and DMs answer, for each of those lists', () => {
    const source = `${MADE}slack.on('message', (m) => console.log(slack.getChannelGroupOrDMByID(m.channel).unread_count));\nslack.login();\n`;
    expect(readsOf(source)).toEqual(['channels[].unread_count@3', 'groups[].unread_count@3', 'ims[].unread_count@3']);
  });

  it('nothing where the file reaches none of the client\'s lists, though some other `.presence` is read', () => {
    expect(readsOf(`${MADE}function away(event) { return event.presence === 'away'; }\nslack.on('loggedIn', (self) => console.log(self.name));\nslack.login();\n`)).toEqual([]);
  });

  it('a client held in a field of `this`: its uses in the methods of the object', () => {
    const source = `var Slack = require('slack-client');
function Service(token) { this.slack = new Slack(token, true, true); }
Service.prototype.run = function () { this.slack.login(); };
Service.prototype.here = function () {
  var users = this.slack.users;
  return Object.keys(users).filter((k) => users[k].presence === 'active');
};
module.exports = Service;
`;
    expect(readsOf(source)).toEqual(['users[].presence@6']);
  });
});
