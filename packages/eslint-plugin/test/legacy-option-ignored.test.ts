import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';

import { recommendedConfig, toFindings } from './helpers.js';

// A legacy client made with `useRtmConnect: true` calls `rtm.connect` only on an SDK that knows the
// option (@slack/client 3.10+): on an older one the option is ignored and `start()` still asks the
// retired `rtm.start`. Real files in a real package folder (the version is read from its package.json),
// linted by the real ESLint.
let dir: string;

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lintBot(module: string, range: string): Promise<string[]> {
  dir = await mkdtemp(join(tmpdir(), 'legacy-option-ignored-'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bot', dependencies: { [module]: range } }));
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
