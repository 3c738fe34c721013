import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';

import { recommendedConfig, toFindings } from './helpers.js';

// A legacy client made with `useRtmConnect: true` calls `rtm.connect` only on an SDK that knows the
// option (@slack/client 3.10+): on an older one the option is ignored and `start()` still asks the
// retired `rtm.start`. Real files in a real package folder (the version is read from its package.json
// and its lockfile, as npm and yarn write them), linted by the real ESLint.
let dir: string;

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lintBot(module: string, range: string, lockfile?: readonly [name: string, text: string]): Promise<string[]> {
  dir = await mkdtemp(join(tmpdir(), 'legacy-option-ignored-'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bot', dependencies: { [module]: range } }));
  if (lockfile) await writeFile(join(dir, lockfile[0]), lockfile[1]);
  await writeFile(
    join(dir, 'bot.js'),
    `var RtmClient = require('${module}').RtmClient;\nvar rtm = new RtmClient(process.env.SLACK_BOT_TOKEN, { useRtmConnect: true });\nrtm.start();\n`,
  );
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: recommendedConfig(), ignore: false });
  const [result] = await eslint.lintFiles([join(dir, 'bot.js')]);
  return toFindings(result?.messages ?? []).map((f) => `${String(f.line)} ${f.messageId}`);
}

describe('a legacy RtmClient made with useRtmConnect: true, which reads nothing of the start', () => {
  it.each([
    ['@slack/client', '3.16.0'],
    ['@slack/client', '^3.8.1'],
  ])('on %s %s (a release that takes the option) is not reported', async (module, range) => {
    expect(await lintBot(module, range)).toEqual([]);
  });

  it.each([
    ['@slack/client', '3.9.0'],
    ['@slack/client', '~3.6.0'],
    ['@slack/client', '2.3.0'],
    ['slack-client', '^2.0.4'],
  ])('on %s %s (no release of it takes the option) is reported: it still starts with rtm.start', async (module, range) => {
    expect(await lintBot(module, range)).toEqual(['3 legacyRtmClient']);
  });
});

/** The lockfile npm 7+ writes for a package whose `@slack/client` resolved to `version`. */
function npmLock(version: string): readonly [string, string] {
  const packages = { '': { name: 'bot', dependencies: { '@slack/client': '^3.8.1' } }, 'node_modules/@slack/client': { version } };
  return ['package-lock.json', JSON.stringify({ name: 'bot', lockfileVersion: 3, requires: true, packages })];
}

/** The yarn 1 lockfile for `@slack/client@^3.8.1` resolved to `version`. */
function yarnLock(version: string): readonly [string, string] {
  return ['yarn.lock', `# yarn lockfile v1\n\n"@slack/client@^3.8.1":\n  version "${version}"\n  resolved "https://registry.yarnpkg.com/@slack/client/-/client-${version}.tgz"\n`];
}

describe('a legacy RtmClient made with useRtmConnect: true whose range reaches 3.10, not installed', () => {
  it.each([
    ['package-lock.json', npmLock('3.9.0')],
    ['yarn.lock', yarnLock('3.9.0')],
  ])('is reported where %s pins a release before 3.10: the next install brings that release back', async (_name, lockfile) => {
    expect(await lintBot('@slack/client', '^3.8.1', lockfile)).toEqual(['3 legacyRtmClient']);
  });

  it.each([
    ['package-lock.json', npmLock('3.16.0')],
    ['yarn.lock', yarnLock('3.16.0')],
  ])('is not reported where %s pins 3.10 or later', async (_name, lockfile) => {
    expect(await lintBot('@slack/client', '^3.8.1', lockfile)).toEqual([]);
  });
});
