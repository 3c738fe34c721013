import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

/**
 * A run-time gaps note the same for several sites (what the replacement lists lack, ~2,000 characters) is
 * printed once and named from each site, in the scan, apply and Markdown reports (blind s124, s126–s128:
 * repeated on every site, it buried what each site said of itself). Two v3 bots whose stores are kept.
 */
const BOT = `var RtmClient = require('@slack/client').RtmClient;
var rtm = new RtmClient(process.env.SLACK_BOT_TOKEN);
rtm.on('authenticated', function (data) { console.log(data.self.name); });
rtm.start();
`;

async function project(): Promise<string> {
  const dir = await tempDir('rtm-migrate-shared-notes-');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bots', private: true, dependencies: { '@slack/client': '3.16.0' } }));
  for (const name of ['one.js', 'two.js']) await writeFile(join(dir, name), BOT);
  return dir;
}

const count = (text: string, part: string): number => text.split(part).length - 1;

describe('a run-time gaps note two sites share', () => {
  it('is printed once in each report, and each site names it', { timeout: 60_000 }, async () => {
    const dir = await project();
    const scan = await cli(['scan', '.'], dir);
    expect(scan.code).toBe(0);
    expect(count(scan.stdout, 'Run-time gaps: see note 1.')).toBe(2);
    expect(count(scan.stdout, '\nnote 1: Code rtm-migrate cannot follow gets')).toBe(1);
    expect(count(scan.stdout, 'which the replacement lists lack')).toBe(1);

    const md = await cli(['apply', '.', '--dry', '--report', 'md'], dir);
    const rows = md.stdout.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toContain('Run-time gaps: see note 1.');
    expect(md.stdout).toContain('\n## Notes\n\n1. Code rtm-migrate cannot follow gets');
    expect(count(md.stdout, 'which the replacement lists lack')).toBe(1);

    // Wrapped to the terminal's width.
    const text = (await cli(['apply', '.', '--dry'], dir)).stdout.replace(/\s+/g, ' ');
    expect(count(text, 'Run-time gaps: see note 1.')).toBe(1);
    expect(count(text, 'note 1: Code rtm-migrate cannot follow gets')).toBe(1);
    expect(count(text, 'which the replacement lists lack')).toBe(1);
  });

  it('stays in the message of a site that alone carries it', { timeout: 60_000 }, async () => {
    const dir = await project();
    await writeFile(join(dir, 'two.js'), '');
    const scan = await cli(['scan', '.'], dir);
    expect(scan.stdout).not.toContain('note 1');
    expect(count(scan.stdout, 'which the replacement lists lack')).toBe(1);
  });
});

// Blind s126, s128: a project with no site but an RTM client that asks rtm.connect itself read "1 API call per start-up".
describe('the start-up cost of a run with no site', () => {
  it('says there is nothing to fetch, not the rtm.connect the code makes already', { timeout: 60_000 }, async () => {
    const dir = await tempDir('rtm-migrate-no-site-cost-');
    await writeFile(join(dir, 'bot.js'), "const { RTMClient } = require('@slack/rtm-api');\n// rtm.start is retired: RTMClient asks rtm.connect.\nnew RTMClient(process.env.SLACK_BOT_TOKEN).start();\n");
    const md = await cli(['apply', '.', '--dry', '--report', 'md'], dir);
    expect(md.stdout).toContain('): no rtm.start site: nothing to fetch at start-up.');
    const json = JSON.parse((await cli(['scan', '.', '--json'], dir)).stdout) as { startup: { calls: number } };
    expect(json.startup.calls).toBe(0);
  });
});
