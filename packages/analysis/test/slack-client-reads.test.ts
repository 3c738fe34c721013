import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { findSites, slackClientReads, type LibraryStartSite } from '../src/index.js';
import { parseFile } from '../src/project.js';

/** The extras read through the client of the file's one slack-client `login()`: `path@line`. */
function readsOf(source: string, file = '/virtual/bot.js'): string[] {
  const parsed = parseFile(file, source);
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

  it('no DM of those methods where the installed release is before 1.5.0 (they walk `this.ims`, never set), every DM where a range allows 1.5', () => {
    const source = `${MADE}slack.on('open', () => console.log(slack.getUnreadCount()));\nslack.login();\n`;
    const app = (installed: string, declared: string): string => {
      const dir = mkdtempSync(join(tmpdir(), 'slack-client-reads-'));
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ dependencies: { 'slack-client': declared } }));
      if (installed !== '') {
        mkdirSync(join(dir, 'node_modules', 'slack-client'), { recursive: true });
        writeFileSync(join(dir, 'node_modules', 'slack-client', 'package.json'), JSON.stringify({ name: 'slack-client', version: installed }));
      }
      return join(dir, 'bot.js');
    };
    expect(readsOf(source, app('1.4.1', '^1.4.0'))).toEqual(['channels[].unread_count@3', 'groups[].unread_count@3']);
    expect(readsOf(source, app('', '~1.4.0'))).toEqual(['channels[].unread_count@3', 'groups[].unread_count@3']);
    expect(readsOf(source, app('', '^1.4.0'))).toEqual(['channels[].unread_count@3', 'ims[].unread_count@3', 'groups[].unread_count@3']);
    expect(readsOf(source, app('1.5.1', '^1.4.0'))).toEqual(['channels[].unread_count@3', 'ims[].unread_count@3', 'groups[].unread_count@3']);
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

  it("`is_open` counts for the lists the object it is read off holds items of, where the file shows them all", () => {
    // 1.4.1's examples/simple_reverse.js: the groups' is_open, with DMs reached by getChannelGroupOrDMByID() elsewhere.
    const loops = `${MADE}slack.on('open', function () {
  var id, group, _ref;
  _ref = slack.groups;
  for (id in _ref) { group = _ref[id]; if (group.is_open) console.log(group.name); }
});
slack.on('message', (m) => console.log(slack.getChannelGroupOrDMByID(m.channel).name));
slack.login();
`;
    expect(readsOf(loops)).toEqual(['groups[].is_open@6']);
    const callbacks = `${MADE}slack.on('open', () => {
  const open = Object.keys(slack.groups).map((k) => slack.groups[k]).filter((g) => g.is_open);
  for (const dm of Object.values(slack.dms)) if (dm.is_open) console.log(dm.id);
  const found = slack.getDMByName('ann') || slack.getGroupByName('ops');
  console.log(open.length, found && found.is_open);
});
slack.on('message', (m) => console.log(slack.getChannelGroupOrDMByID(m.channel).name));
slack.login();
`;
    expect(readsOf(callbacks)).toEqual(['groups[].is_open@4', 'ims[].is_open@5', 'ims[].is_open@7', 'groups[].is_open@7']);
  });

  it('`is_open` read off what the file does not show the source of counts for every list it reaches', () => {
    // A function of the app's own, and a parameter: either may be handed an item of any list the file reaches.
    const source = `${MADE}function open(c) { return c.is_open; }
var items = (map) => Object.keys(map).map((k) => map[k]);
slack.on('open', () => console.log(items(slack.groups).filter((g) => g.is_open).length, open(slack.getDMByName('ann'))));
slack.login();
`;
    expect(readsOf(source)).toEqual(['groups[].is_open@3', 'ims[].is_open@3', 'groups[].is_open@5', 'ims[].is_open@5']);
  });
});
