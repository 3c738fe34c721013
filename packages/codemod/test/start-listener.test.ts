import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import type { Plan } from '../src/plan.js';
import { cli, ROOT, tempDir } from './helpers.js';

/**
 * fixtures/projects/start-listener-plugin run against fake Slack: a framework's core asks for
 * `rtm.start` through the shared object's `post()`, which publishes each answer as an event named
 * after the method, and a plugin fills its rooms from the `'rtm.start'` event. Rebuilding the core's
 * call (or `rtm.connect` in place) would publish other events and leave the rooms empty; the tool
 * leaves both sites TODOs, so the bot, run again against the Slack it was written for, prints the same.
 */
const FIXTURE = join(ROOT, 'fixtures', 'projects', 'start-listener-plugin');

function runApp(dir: string, apiUrl: string): Promise<RunResult> {
  return runNodeBot(join(dir, 'index.js'), { cwd: dir, apiUrl, timeoutMs: 60_000 });
}

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 19, users: 4, channels: 3, mode: 'legacy' });
  return () => fake.close();
});

describe("a plugin fed by the framework's 'rtm.start' event", () => {
  it('is left to a human on both sides, and the bot behaves as before under legacy', { timeout: 120_000 }, async () => {
    const dir = await tempDir('rtm-migrate-start-listener-');
    await cp(join(FIXTURE, 'input'), dir, { recursive: true });
    fake.setMode('legacy');
    fake.resetCalls();
    const before = await runApp(dir, fake.apiUrl);
    expect(before.stderr).toBe('');
    expect(before.code).toBe(0);
    // The plugin's listener fired: the rooms come from the published answer.
    expect(before.stdout).toMatch(/^rooms: \S+/m);
    expect(before.stdout).toMatch(/^me: \S+$/m);
    expect(fake.calls.map((c) => c.method)).toEqual(['rtm.start']);

    const applied = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('TODOs left: 2');
    expect(applied.stdout).toMatch(/lib\/core\.js:8:5 +helper → todo/);
    expect(applied.stdout).toMatch(/plugins\/rooms\.js:5:3 +start-listener → todo/);
    // Nothing but comments went in: the core still asks for rtm.start, the plugin still listens for it.
    const core = await readFile(join(dir, 'lib', 'core.js'), 'utf8');
    const plugin = await readFile(join(dir, 'plugins', 'rooms.js'), 'utf8');
    expect(core).toContain("app.post('rtm.start', { no_unreads: true }, (err, answer) => {");
    expect(core).toMatch(/TODO\(rtm-migrate\): `app\.post` belongs to the caller's object `app`[^]*plugins\/rooms\.js:5/);
    expect(plugin).toContain("app.on('rtm.start', (answer) => {");
    expect(plugin).toMatch(/TODO\(rtm-migrate\): This listener gets `rtm\.start`'s answer[^]*`channels` →\s+(\/\/\s+)?conversations\.list/);
    const code = (text: string): string => text.replace(/^\s*\/\/ ( |TODO\(rtm-migrate\)).*\n/gm, '');
    expect(code(core)).toBe(code(await readFile(join(FIXTURE, 'input', 'lib', 'core.js'), 'utf8')));
    expect(code(plugin)).toBe(code(await readFile(join(FIXTURE, 'input', 'plugins', 'rooms.js'), 'utf8')));

    fake.resetCalls();
    const after = await runApp(dir, fake.apiUrl);
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    expect(fake.calls.map((c) => c.method)).toEqual(['rtm.start']);
  });

  // Blind s65/04 (mhelgeson/b9): the framework's own repository, whose plugins are other packages; its README documents the `'rtm.start'` event.
  it('is left to a human where the shared object is an emitter there and no listener is in the files given: plugins elsewhere may listen', async () => {
    const dir = await tempDir('rtm-migrate-start-listener-');
    await cp(join(FIXTURE, 'input'), dir, { recursive: true });
    await rm(join(dir, 'plugins'), { recursive: true });
    const index = await readFile(join(dir, 'index.js'), 'utf8');
    await writeFile(join(dir, 'index.js'), index.replace("require('./plugins/rooms')(app);\n", ''));
    const core = await readFile(join(dir, 'lib', 'core.js'), 'utf8');
    await writeFile(join(dir, 'lib', 'core.js'), core.replace('  app.me = undefined;\n', "  app.me = undefined;\n  app.on('hello', () => app.emit('connected'));\n"));
    const plan = JSON.parse((await cli(['scan', '.', '--json'], dir)).stdout) as Plan;
    expect(plan.sites.map((s) => [s.id, s.rewrite])).toEqual([['lib/core.js:9:5', 'todo']]);
    expect(plan.sites[0]?.message).toContain("No `'rtm.start'` listener is in the files rtm-migrate was given, but plugins of `app` it never sees");
  });
});
