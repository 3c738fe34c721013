import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { costOfReplacement, tierFloorSeconds } from '@rtm-migrate/core';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../src/plan.js';
import { parseWorkspace } from '../src/scan/workspace.js';
import { cli, tempDir } from './helpers.js';

async function project(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('rtm-migrate-scan-');
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true }, include: ['src'] });

describe('rtm-migrate scan', () => {
  it('follows a response passed to a function in another file, and one returned to a caller in a third', async () => {
    const dir = await project({
      'tsconfig.json': TSCONFIG,
      'src/start.ts': `import { WebClient } from '@slack/web-api';
import { summarize } from './summarize.js';

export async function boot(web: WebClient) {
  const res = await web.rtm.start({ no_unreads: true });
  return summarize(res);
}

export function startRaw(web: WebClient) {
  return web.rtm.start({ batch_presence_aware: true });
}
`,
      'src/summarize.ts': `export function summarize(data: any): string {
  const names = data.users.map((u: any) => u.name);
  let members = 0;
  for (const c of data.channels) if (c.is_member) members += c.members.length;
  return names.join(',') + members;
}
`,
      'src/main.ts': `import { WebClient } from '@slack/web-api';
import { startRaw } from './start.js';

export async function main() {
  const r = await startRaw(new WebClient('xoxb-test'));
  return r.ims.length + r.team.icon.image_68;
}
`,
    });
    const r = await cli(['scan', '.', '--json', '--workspace', 'users=5000,channels=800'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as Plan;
    expect(plan.project.tsconfig).toBe('tsconfig.json');
    expect(plan.sites).toHaveLength(2);
    const [passed, returned] = plan.sites;

    // passed as an argument into another file
    expect(passed!.id).toBe(join('src', 'start.ts') + ':5:21');
    expect(passed!.fieldsRead).toEqual(['channels', 'channels[].is_member', 'channels[].members', 'users', 'users[].name']);
    expect(new Set(passed!.reads.map((x) => x.file))).toEqual(new Set([join('src', 'summarize.ts')]));
    expect(passed!.rewrite).toBe('inline');
    expect(passed!.args).toEqual({ known: true, names: ['no_unreads'], kept: [], dropped: ['no_unreads'] });
    expect(passed!.scopes).toEqual(['channels:read', 'users:read']);
    const spec = parseWorkspace('users=5000,channels=800');
    const cost = costOfReplacement(spec.size, passed!.startOnlyFields);
    expect(passed!.calls).toBe(cost.calls);
    expect(passed!.replacement.map((c) => [c.method, c.calls])).toEqual([
      ['users.list', 25],
      ['conversations.list', 4],
      ['conversations.members', 200],
      ['rtm.connect', 1],
    ]);
    expect(passed!.calls).toBe(25 + 4 + 200 + 1);
    expect(passed!.floorSeconds).toBe(Math.max(tierFloorSeconds(2, 25), tierFloorSeconds(4, 200)));
    expect(passed!.replacement.at(-1)!.method).toBe('rtm.connect');

    // returned to a caller in a third file
    expect(returned!.fieldsRead).toEqual(['ims', 'team', 'team.icon', 'team.icon.image_68']);
    expect(new Set(returned!.reads.map((x) => x.file))).toEqual(new Set([join('src', 'main.ts')]));
    expect(returned!.scopes).toEqual(['im:read', 'team:read']);
    expect(returned!.replacement.map((c) => c.method)).toEqual(['conversations.list', 'team.info', 'rtm.connect']);

    // union over the project
    expect(plan.scopes).toEqual(['channels:read', 'im:read', 'team:read', 'users:read']);
    expect(plan.startup.calls).toBe(costOfReplacement(spec.size, plan.startup.fieldsRead).calls);
    expect(plan.startup.summary).toMatch(/^\d+ API calls per start-up; the rate tiers make that take at least [\d.]+ s \(slowest: /);

    const human = await cli(['scan', '.'], dir);
    expect(human.stdout).toContain(`followed into: ${join('src', 'summarize.ts')}`);
    expect(human.stdout).toContain('users.list: 25 calls, Tier 2: 20+ per minute, scope users:read');
    expect(human.stdout).toMatch(/Scopes the migrated app needs: channels:read, im:read, team:read, users:read/);
    expect(human.stdout).toMatch(/Per start-up \(workspace users=5000, channels=800/);
  });

  it('reports an escape instead of guessing, and stays silent on negatives', async () => {
    const dir = await project({
      'a.ts': `import { WebClient } from '@slack/web-api';
import { handOff } from 'somewhere-else';
export async function f(web: WebClient) {
  const res = await web.rtm.start();
  handOff(res);
}
`,
      'b.ts': `import { createClient } from '@acme/realtime-sdk';
const http = createClient();
export async function g() { const s = await http.rtm.start(); return s.channels; }
`,
    });
    const r = await cli(['scan', '.', '--json'], dir);
    const plan = JSON.parse(r.stdout) as Plan;
    expect(plan.sites).toHaveLength(1);
    expect(plan.sites[0]!.rewrite).toBe('todo');
    expect(plan.sites[0]!.escapes[0]!.reason).toContain('handOff');
  });
});
