import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack } from '@rtm-migrate/fake-slack';
import { RTM_START_MEMBER_LIMIT } from '@rtm-migrate/core';
import { describe, expect, it } from 'vitest';
import { compileBot, copyLegacyBot, runCompiledBot } from '../../../test/support/legacy-bot.js';
import { run } from '../../../test/support/run.js';
import { cli, ROOT } from './helpers.js';

async function migratedBot(): Promise<string> {
  const dir = await copyLegacyBot('legacy-bot-migrated-');
  const res = await cli(['apply', '.'], dir);
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  expect(res.stdout).toContain('changed: 1 (src/bot.ts)');
  const compiled = await compileBot(dir);
  expect(compiled.stdout + compiled.stderr).toBe('');
  expect(compiled.code).toBe(0);
  return dir;
}

const WEB_API_V8 = join(ROOT, 'packages', 'shim', 'node_modules', '@slack', 'web-api-v8');

async function originalBot(): Promise<string> {
  const dir = await copyLegacyBot('legacy-bot-original-');
  const compiled = await compileBot(dir);
  expect(compiled.code).toBe(0);
  return dir;
}

/** The largest member count in the bot's summary ("largest: #x (N members)"). */
function largest(summary: string): number {
  return Number(/largest: #\S+ \((\d+) members?\)/.exec(summary)?.[1]);
}

describe('legacy-bot, migrated by the CLI', () => {
  it('prints the same summary against connect_required as the original against legacy rtm.start', async () => {
    const [original, migrated] = await Promise.all([originalBot(), migratedBot()]);
    const source = await readFile(join(migrated, 'src', 'bot.ts'), 'utf8');
    // The same output compiles on @slack/web-api 8 (which removed rtm.start), strict. v8 is always
    // installed (packages/shim's devDependency alias @slack/web-api-v8): missing it is a failure.
    expect(existsSync(join(WEB_API_V8, 'package.json')), `${WEB_API_V8} is missing: run pnpm install`).toBe(true);
    expect((JSON.parse(await readFile(join(WEB_API_V8, 'package.json'), 'utf8')) as { version: string }).version).toMatch(/^8\./);
    await writeFile(
      join(migrated, 'tsconfig.v8.json'),
      JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true, paths: { '@slack/web-api': [WEB_API_V8] } } }),
    );
    const v8 = await run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(migrated, 'tsconfig.v8.json')]);
    expect(v8.stdout + v8.stderr).toBe('');
    expect(v8.code).toBe(0);
    expect(source).not.toMatch(/rtm\.start\(/);
    expect(source).toContain("web.paginate('conversations.members'");
    // rtm.connect comes after every list call (its url lives 30 s)
    expect(source.indexOf('web.rtm.connect()')).toBeGreaterThan(source.lastIndexOf('web.paginate('));

    // Members complete: every channel of this workspace has fewer members than rtm.start's cut.
    const fake = await startFakeSlack({ seed: 7, users: 60, channels: 30, mode: 'legacy' });
    try {
      const before = await runCompiledBot(original, fake.apiUrl);
      expect(before.stderr).toBe('');
      expect(before.code).toBe(0);
      expect(largest(before.stdout)).toBeLessThan(RTM_START_MEMBER_LIMIT);

      // The original bot breaks once Slack retires rtm.start for it...
      fake.setMode('connect_required');
      const broken = await runCompiledBot(original, fake.apiUrl);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain('rtm_connect_required');

      // ...the migrated one prints the very same summary.
      const after = await runCompiledBot(migrated, fake.apiUrl);
      expect(after.stderr).toBe('');
      expect(after.code).toBe(0);
      expect(after.stdout).toBe(before.stdout);
      const methods = new Set(fake.calls.map((c) => c.method));
      expect(methods.has('conversations.members')).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it('gets complete member counts where legacy rtm.start cut them', async () => {
    const [original, migrated] = await Promise.all([originalBot(), migratedBot()]);
    const users = RTM_START_MEMBER_LIMIT + 150;
    const fake = await startFakeSlack({ seed: 7, users, channels: 12, mode: 'legacy' });
    try {
      const legacy = await runCompiledBot(original, fake.apiUrl);
      expect(legacy.code).toBe(0);
      fake.setMode('connect_required');
      const after = await runCompiledBot(migrated, fake.apiUrl);
      expect(after.stderr).toBe('');
      expect(after.code).toBe(0);
      // rtm.start stopped at the limit; conversations.members pages through everyone.
      expect(largest(legacy.stdout)).toBe(RTM_START_MEMBER_LIMIT);
      expect(largest(after.stdout)).toBeGreaterThan(RTM_START_MEMBER_LIMIT);
      // ...and that count is the workspace's own, as conversations.members reports it.
      expect(largest(after.stdout)).toBe(await memberCount(fake.apiUrl, /largest: #(\S+)/.exec(after.stdout)![1]!));
    } finally {
      await fake.close();
    }
  });
});

/** A Web API response as far as these checks read it. */
interface SlackResponse {
  [key: string]: unknown;
  response_metadata?: { next_cursor?: string };
}

async function api(apiUrl: string, method: string, args: Record<string, string>): Promise<SlackResponse> {
  const res = await fetch(`${apiUrl}${method}`, {
    method: 'POST',
    headers: { Authorization: 'Bearer xoxb-test', 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams(args).toString(),
  });
  return (await res.json()) as SlackResponse;
}

/** Members of the public channel `name`, every page of conversations.members. */
async function memberCount(apiUrl: string, name: string): Promise<number> {
  const list = await api(apiUrl, 'conversations.list', { types: 'public_channel', limit: '999' });
  const channel = (list['channels'] as { id: string; name: string }[]).find((c) => c.name === name)!;
  let count = 0;
  let cursor = '';
  do {
    const page = await api(apiUrl, 'conversations.members', { channel: channel.id, limit: '200', ...(cursor ? { cursor } : {}) });
    count += (page['members'] as string[]).length;
    cursor = page.response_metadata?.next_cursor ?? '';
  } while (cursor);
  return count;
}
