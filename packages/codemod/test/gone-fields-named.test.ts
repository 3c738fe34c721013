import { describe, expect, it } from 'vitest';
import { scanFiles } from './helpers.js';

/**
 * `rtm.start`'s data kept where the analysis does not follow them (a field of `this`), and read there for a
 * field no Web API method returns (`self.prefs`, `cache_ts`): the generated module would answer `undefined`
 * with a warning where `rtm.start` answered a value, so the site is a TODO naming the read (blind s94/08,
 * shaunburdick/slack-ooo-personal: `this.payload.self.prefs.tz` formatted by moment threw at start-up).
 * Each case is a small project written to disk and run through the CLI (`--dry`, its JSON report).
 */
const MANIFEST = JSON.stringify({ name: 'bot', private: true, dependencies: { '@slack/web-api': '^6.0.0' } });

const bot = (read: string): string => `const { WebClient } = require('@slack/web-api');

class Bot {
  constructor(token) {
    this.web = new WebClient(token);
  }

  start() {
    return this.web.rtm.start().then((payload) => {
      this.payload = payload;
    });
  }

  describe() {
    return ${read};
  }
}

module.exports = Bot;
`;

/** The bot handing its data to a module of its program that reads `read` off them. */
const handing = (read: string): Record<string, string> => ({ 'bot.js': bot("require('./show')(this.payload)"), 'show.js': `module.exports = (data) => ${read};\n` });

describe('data handed on, read elsewhere for a field no method returns', () => {
  it.each([
    ['`self.prefs`', handing('data.self.prefs.tz'), '`self.prefs` (show.js:1)'],
    ["`self['prefs']`", handing("data.self['prefs'].tz"), '`self.prefs` (show.js:1)'],
    ['`cache_ts`', handing('Date.now() / 1000 - data.cache_ts'), '`cache_ts` (show.js:1)'],
    // Blind s110/09 (matrix-puppet-slack): a bot's avatar read off its `icons`, which the module never fetches (`bots.info` per bot).
    ['a key of `bots[].icons`', handing("data.bots.find((b) => b.id === 'B1').icons.image_72"), '`bots[].icons` (show.js:1)'],
  ])('%s: a TODO naming the field and where it is written', async (_name, files, named) => {
    const report = await scanFiles(MANIFEST, files);
    expect(report.sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(report.sites[0]?.message).toContain(`that code names ${named}, which the migrated data do not have`);
  });

  it.each([
    ['a field the generated module builds', handing('data.users.length')],
    // `links` is a word code says for much else: not taken for the field.
    ['`links`, a plain word', handing('data.links')],
    // A key of another object (`team.prefs` is fetched; `prefs` alone is no `self.prefs`).
    ['`team.prefs`', handing('data.team.prefs')],
    // slack-client 1.x's own `pref_change` handler writes `this.self.prefs[name] = value`: the module's `self.prefs` keeps it.
    ['`self.prefs` written, not read', handing("(data.self.prefs[data.name] = 'x')")],
    // The warning getter answers `undefined` for `icons` itself, as a truth test reads it.
    ['`bots[].icons` tested, no key read off it', handing("data.bots.filter((b) => b.icons).length")],
  ])('%s: the generated module, as before', async (_name, files) => {
    const report = await scanFiles(MANIFEST, files);
    expect(report.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
  });
});
