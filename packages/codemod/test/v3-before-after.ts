import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { startFakeSlack, type FakeSlackOptions } from '@rtm-migrate/fake-slack';
import { expect } from 'vitest';
import { copyV3Bot } from '../../../test/support/v3-bot.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { cli } from './helpers.js';

export interface V3BeforeAndAfter {
  /** The bot's run against legacy fake Slack, before the migration. */
  readonly before: RunResult;
  /** Its run against a Slack that answers `rtm_connect_required`, after `rtm-migrate apply`. */
  readonly after: RunResult;
  /** The CLI's output. */
  readonly applied: string;
  /** The Web API methods the migrated run called. */
  readonly calls: string[];
  /** A file of the copy after the migration (`src/`-relative, `/`-separated). */
  readonly read: (name: string) => Promise<string>;
}

/**
 * The v3 bot fixture's copy with `files` written under `src/` (`bot.js` the one run), run with the real
 * @slack/client 3.16 against legacy fake Slack, migrated by the CLI (no error, exit 0), and run again
 * against connect_required with the same workspace and `token`.
 */
export async function v3BeforeAndAfter(prefix: string, files: Readonly<Record<string, string>>, token: string, workspace: Pick<FakeSlackOptions, 'seed' | 'users' | 'channels'>): Promise<V3BeforeAndAfter> {
  const fake = await startFakeSlack({ ...workspace, mode: 'legacy' });
  try {
    const dir = await copyV3Bot(prefix);
    const path = (name: string): string => join(dir, 'src', ...name.split('/'));
    for (const [name, text] of Object.entries(files)) {
      await mkdir(dirname(path(name)), { recursive: true });
      await writeFile(path(name), text);
    }
    const run = (): Promise<RunResult> => runNodeBot(path('bot.js'), { cwd: dir, apiUrl: fake.apiUrl, token, timeoutMs: 30_000 });
    const before = await run();
    const migrated = await cli(['apply', '.'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await run();
    return { before, after, applied: migrated.stdout, calls: fake.calls.map((c) => c.method), read: (name) => readFile(path(name), 'utf8') };
  } finally {
    await fake.close();
  }
}
