import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../src/plan.js';
import { cli, ROOT, tempDir } from './helpers.js';

/** The legacy SDK's own code (`@slack/client` 3, `slack-client` 2) scanned as a project, as it ships. */
const REAL_WORLD = join(ROOT, 'fixtures', 'real-world');

async function scan(dir: string): Promise<Plan> {
  const r = await cli(['scan', '.', '--json'], dir);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Plan;
}

const at = (plan: Plan, file: string): string[] => plan.sites.filter((s) => s.file === file).map((s) => `${s.line} ${s.form}`);

describe("the legacy SDK's own code", () => {
  it("@slack/client 3's SlackDataStore.cacheRtmStart (the SDK filling its store) is no site; the SDK's start still is", async () => {
    const dir = await tempDir('rtm-migrate-sdk-own-');
    await cp(join(REAL_WORLD, '@slack+client@3.16.0', 'package'), dir, { recursive: true });
    const plan = await scan(dir);
    expect(at(plan, join('lib', 'data-store', 'data-store.js'))).toEqual([]);
    expect(at(plan, join('lib', 'clients', 'rtm', 'client.js'))).toEqual(['266 method-call']);
  });

  it("an app's own store written to the same interface stays a site (its cacheRtmStart reads rtm.start's data)", async () => {
    const dir = await tempDir('rtm-migrate-app-store-');
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'my-bot', dependencies: { '@slack/client': '^3.16.0' } }));
    await mkdir(join(dir, 'lib'));
    await writeFile(
      join(dir, 'lib', 'store.js'),
      'function Store() { this.users = {}; }\nStore.prototype.cacheRtmStart = function cacheRtmStart(data) {\n  data.users.forEach((u) => { this.users[u.id] = u; });\n};\nmodule.exports = Store;\n',
    );
    const plan = await scan(dir);
    const sites = plan.sites.filter((s) => s.file === join('lib', 'store.js'));
    expect(sites.map((s) => `${s.line} ${s.form} ${s.rewrite}`)).toEqual(['2 legacy-data-store todo']);
    expect(sites[0]?.startOnlyFields).toContain('users');
  });
});
