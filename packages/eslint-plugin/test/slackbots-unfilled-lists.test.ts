import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ESLint } from 'eslint';
import { afterEach, describe, expect, it } from 'vitest';

import { recommendedConfig, toFindings } from './helpers.js';

// slackbots 1.3.0 logs in with `rtm.connect` and no longer keeps `users`, `channels`, `groups` and `ims` on
// the bot, which 1.2.x kept of `rtm.start`'s data: a bot of that release whose own code reads one finds
// nothing (blind s77/07). Real files in a package folder declaring the release, linted by the real ESLint.
let dir: string;

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lintBot(range: string, code: string): Promise<string[]> {
  dir = await mkdtemp(join(tmpdir(), 'slackbots-unfilled-'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bot', dependencies: { slackbots: range } }));
  await writeFile(join(dir, 'bot.js'), code);
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: recommendedConfig(), ignore: false });
  const [result] = await eslint.lintFiles([join(dir, 'bot.js')]);
  return toFindings(result?.messages ?? []).map((f) => `${String(f.line)} ${f.messageId}`);
}

const READS_USERS = "const Bot = require('slackbots');\n\nclass Caniuse extends Bot {\n  admins() {\n    return this.users.filter((u) => u.is_admin);\n  }\n}\n\nmodule.exports = Caniuse;\n";
const READS_SELF = "const Bot = require('slackbots');\n\nclass Caniuse extends Bot {\n  me() {\n    return this.self.name;\n  }\n}\n\nmodule.exports = Caniuse;\n";

describe('a class extending slackbots', () => {
  it('on 1.3.0, reading this.users, is reported where it extends slackbots, naming the read', async () => {
    expect(await lintBot('1.3.0', READS_USERS)).toEqual(['3 slackbotsListsUnfilled']);
  });

  it('on 1.3.0, reading only self, is not reported', async () => {
    expect(await lintBot('1.3.0', READS_SELF)).toEqual([]);
  });

  it('on ^1.0.2 (which allows 1.2.0, whose login requests rtm.start) is reported as such', async () => {
    expect(await lintBot('^1.0.2', READS_USERS)).toEqual(['3 rtmStartInSlackbots']);
  });
});
