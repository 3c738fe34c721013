import { describe, expect, it } from 'vitest';

import { findSites } from '../src/index.js';
import { parseFile } from '../src/project.js';

/** The unfollowed-client sites of a source, as `line: candidate's source text`, then the holder of the chosen modules. */
function unfollowedClients(source: string): string[] {
  const parsed = parseFile('/virtual/bot.js', source);
  return findSites(parsed.program, parsed.resolver).flatMap((s) => (s.kind === 'unfollowed-client' ? [`${String(s.call.loc.start.line)}: ${source.slice(s.candidate.range[0], s.candidate.range[1])}${s.moduleChosen === undefined ? '' : ` (modules chosen: ${s.moduleChosen})`}`] : []));
}

describe('a v3 RtmClient made from a module chosen at run time', () => {
  const bot = (modules: string): string => `var slack = ${modules};\nvar rtm = new slack.RtmClient('t');\nrtm.start();\n`;

  it.each([
    ["process.env.T ? require('./mock_slack') : require('@slack/client')"],
    ["require('@slack/client') || require('./mock_slack')"],
  ])('is reported at its start: %s', (modules) => {
    expect(unfollowedClients(bot(modules))).toEqual(["3: new slack.RtmClient('t') (modules chosen: slack)"]);
  });

  it.each([
    ["process.env.T ? require('./mock_slack') : require('./other_mock')"],
    ["process.env.T ? require('./mock_slack') : require('@slack/rtm-api')"],
  ])('is no site when no choice is the legacy SDK: %s', (modules) => {
    expect(unfollowedClients(bot(modules))).toEqual([]);
  });

  it('is no site for another member of the chosen module', () => {
    expect(unfollowedClients("var slack = process.env.T ? require('./m') : require('@slack/client');\nvar web = new slack.WebClient('t');\nweb.start();\n")).toEqual([]);
  });
});
