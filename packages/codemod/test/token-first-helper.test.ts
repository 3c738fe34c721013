import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, copyBot, runBot } from './helpers.js';

/**
 * callmenick/nixon's form (corpus s28/16): the app's own `apiCall(token, method, qs)`, `request.post`
 * in a Promise, given the token before the method name and a fourth argument it never reads; the
 * answer goes to a callback and through an `emit` hop to a class chain that stores the lists. The
 * reads are not followed, so the whole data is rebuilt through `apiCall` itself: the bot prints the
 * same before (legacy) and after (connect_required), and a token Slack does not know fails with
 * Slack's own `invalid_auth` answer handed to the callback, as `apiCall` resolved it.
 */
const BOT = 'heart-class-bot';
let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 28, users: 12, channels: 6, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

describe("an app helper given the token before the method name, its answer's reads not followed", () => {
  it('is rebuilt whole through the helper: the same users, groups, ims, self and team after the migration', { timeout: 180_000 }, async () => {
    const dir = await copyBot(BOT);
    fake.setMode('legacy');
    const before = await runBot(dir, BOT, 'xoxb-test', fake.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.stdout).toMatch(/^users: [1-9]\d*$/m);
    expect(before.stdout).toMatch(/^groups: [1-9]\d*$/m);
    expect(before.stdout).toMatch(/^me: \S+, socket string$/m);
    const failedBefore = await runBot(dir, BOT, 'xoxb-not-a-known-token', fake.apiUrl);
    expect({ stderr: failedBefore.stderr, code: failedBefore.code }).toEqual({ stderr: 'login failed: invalid_auth\n', code: 1 });

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('TODOs left: 0');
    const source = await readFile(join(dir, BOT, 'api.js'), 'utf8');
    expect(source).toContain('const callSlack = (apiMethod, apiArgs) => apiCall(token, apiMethod, apiArgs);');
    expect(source).toContain('rtmStartData(callSlack, {}, {');
    expect(source).not.toContain("'rtm.start'");

    fake.setMode('connect_required');
    fake.resetCalls();
    const after = await runBot(dir, BOT, 'xoxb-test', fake.apiUrl);
    expect({ code: after.code, stderr: after.stderr, stdout: after.stdout }).toEqual({ code: 0, stderr: '', stdout: before.stdout });
    const methods = fake.calls.map((c) => c.method);
    expect(methods).not.toContain('rtm.start');
    expect(methods).toContain('users.list');

    const failedAfter = await runBot(dir, BOT, 'xoxb-not-a-known-token', fake.apiUrl);
    expect({ code: failedAfter.code, stdout: failedAfter.stdout, stderr: failedAfter.stderr }).toEqual({ code: failedBefore.code, stdout: failedBefore.stdout, stderr: failedBefore.stderr });
  });
});
