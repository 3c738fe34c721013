import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from './helpers.js';

/**
 * A package.json that declares `@slack/client` 4 or later over code written for its v3 `RtmClient`
 * (fixtures/projects/v4-declared-v3-code: `new RtmClient(token, { dataStore })`, a
 * `CLIENT_EVENTS.RTM.AUTHENTICATED` handler, `rtm.dataStore` look-ups). v4 has none of that API, so
 * the code was broken before the migration; rtm-migrate still rewrites it as the v3 code it is, and
 * says so on stderr and in the reports' warnings, naming the range.
 */

const FIXTURE = join(ROOT, 'fixtures', 'projects', 'v4-declared-v3-code', 'input');

interface Report {
  readonly warnings: readonly string[];
  readonly sites: readonly { readonly id: string; readonly form: string; readonly rewrite: string; readonly message: string }[];
}

/** The warning for `package.json` declaring `range` (`runs`: the installed or locked version, when one is). */
const warning = (range: string, runs = ''): string =>
  `package.json declares \`@slack/client\` ${range}${runs}, but bot.js starts a v3 \`RtmClient\` (the v3 API, with its \`dataStore\` and \`CLIENT_EVENTS\`), which @slack/client 4 removed: that code did not run on the declared version before this migration either. rtm-migrate treats it as the v3 code it is, and what it writes for it needs @slack/client 3.10.0 or a later 3.x: declare \`@slack/client\` ^3.10.0, or port the code to the \`RTMClient\` of @slack/client 4+ (now @slack/rtm-api).`;

/** The fixture copied, with `manifest` over its package.json and `installed` as node_modules/@slack/client's version; migrated for real. */
async function migrate(options: { range?: string; installed?: string } = {}): Promise<{ stderr: string; report: Report; code: number | null }> {
  const dir = await tempDir('rtm-migrate-v3-code-range-');
  await cp(FIXTURE, dir, { recursive: true });
  if (options.range !== undefined) await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'lunch-poll', version: '1.2.0', dependencies: { '@slack/client': options.range } }, null, 2));
  if (options.installed !== undefined) {
    await mkdir(join(dir, 'node_modules', '@slack', 'client'), { recursive: true });
    await writeFile(join(dir, 'node_modules', '@slack', 'client', 'package.json'), JSON.stringify({ name: '@slack/client', version: options.installed }));
  }
  const run = await cli(['apply', '.', '--report', 'json'], dir);
  return { stderr: run.stderr, report: JSON.parse(run.stdout) as Report, code: run.code };
}

const ours = (report: Report): string[] => report.warnings.filter((w) => w.includes('v3 `RtmClient`'));

describe('v3 RtmClient code under a declared @slack/client 4+', () => {
  it('is rewritten as v3 code, with a warning naming the declared range (stderr and --report json)', async () => {
    const { stderr, report, code } = await migrate();
    expect(code).toBe(0);
    expect(report.sites.map((s) => [s.id, s.form, s.rewrite])).toEqual([['bot.js:15:1', 'legacy-client', 'helper-module']]);
    expect(ours(report)).toEqual([warning('^4.8.0')]);
    expect(stderr.replace(/\n {2}/g, ' ')).toContain(`warning: ${warning('^4.8.0')}`);
  });

  it('names the installed version when one is, and says nothing when what is installed is a 3.x', async () => {
    expect(ours((await migrate({ range: '^3.8.1 || ^4.0.0', installed: '4.12.0' })).report)).toEqual([warning('^3.8.1 || ^4.0.0', ' (4.12.0 installed)')]);
    // The code runs with the 3.16.0 installed (a stale install of an older range): the v3 code fits it.
    expect(ours((await migrate({ installed: '3.16.0' })).report)).toEqual([]);
  });

  it('no warning for a range of 3.x (the same code, the range it was written for)', async () => {
    const { report, code } = await migrate({ range: '^3.10.0' });
    expect(code).toBe(0);
    expect(report.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(ours(report)).toEqual([]);
  });
});

// Blind s69/12 (spell_bot): es5_spell_bot.js logs in a slack-client 1.x client (`new Slack(token, true, true)`) where 2.0.2 is installed.
describe('slack-client 1.x code under a declared slack-client 2+', () => {
  const BOT = "var Slack = require('slack-client');\nvar slack = new Slack(process.env.SLACK_TOKEN, true, true);\nslack.on('open', function () { console.log(slack.self.name, Object.keys(slack.users).length); });\nslack.login();\n";
  const run = async (installed: string): Promise<readonly string[]> => {
    const dir = await tempDir('rtm-migrate-v1-code-range-');
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'spell-bot', version: '1.0.0', dependencies: { 'slack-client': '^2.0.2' } }));
    await writeFile(join(dir, 'bot.js'), BOT);
    await mkdir(join(dir, 'node_modules', 'slack-client'), { recursive: true });
    await writeFile(join(dir, 'node_modules', 'slack-client', 'package.json'), JSON.stringify({ name: 'slack-client', version: installed }));
    const r = await cli(['apply', '.', '--dry', '--report', 'json'], dir);
    expect(r.code).toBe(0);
    return (JSON.parse(r.stdout) as Report).warnings.filter((w) => w.includes('slack-client 1.x client'));
  };

  it('is warned, naming the range and the release installed; not where a 1.x is installed', async () => {
    expect(await run('2.0.2')).toEqual([
      'package.json declares `slack-client` ^2.0.2 (2.0.2 installed), but bot.js logs in a slack-client 1.x client (`new Slack(token, …)`, `login()`), whose API slack-client 2 replaced with its `RtmClient`: that code did not run on the declared version before this migration either. rtm-migrate treats it as the 1.x code it is, and what it writes for it runs on slack-client 1.x only: declare `slack-client` ^1.5.0, or port the code to the `RtmClient` of slack-client 2.',
    ]);
    expect(await run('1.5.1')).toEqual([]);
  });
});

// Blind s83/01 (samgos/Reddbot): no package.json and nothing installed; the bot ran @slack/client 2.3.0, which ignores the option.
describe('v3 RtmClient code whose @slack/client release nothing names', () => {
  it('is rewritten with `useRtmConnect: true`, and a warning (and the site) says the option needs 3.10 or later', async () => {
    const dir = await tempDir('rtm-migrate-v3-unknown-release-');
    await cp(FIXTURE, dir, { recursive: true });
    await rm(join(dir, 'package.json'));
    const run = await cli(['apply', '.', '--report', 'json'], dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    const unknown = 'Nothing says which `@slack/client` this code runs with (no package.json above it names it, and none is installed): `useRtmConnect` is read from 3.10.0 on, and an older release (2.x, 3.0 to 3.9) ignores it and keeps requesting `rtm.start`. Make sure the app runs 3.10.0 or later: declare `"@slack/client": "^3.10.0"` and install.';
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['bot.js:15:1', 'helper-module']]);
    expect(report.sites[0]?.message).toContain(` ${unknown}`);
    expect(report.warnings).toContain(`\`useRtmConnect: true\` is given to the v3 \`RtmClient\` of bot.js, but n${unknown.slice(1)}`);
    // Named, it is not said.
    const named = (await migrate({ range: '^3.10.0' })).report;
    expect(named.sites.map((s) => s.message.includes('Nothing says which'))).toEqual([false]);
    expect(named.warnings.filter((w) => w.includes('Nothing says which') || w.includes('nothing says which'))).toEqual([]);
  });
});
