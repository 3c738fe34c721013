import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../test/support/run.js';
import { cli, ROOT, tsProject } from './helpers.js';

const FIXTURES = join(ROOT, 'fixtures', 'transforms', 'helper-module-call');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const WEB_API_V8 = join(ROOT, 'packages', 'shim', 'node_modules', '@slack', 'web-api-v8');

/** tsc over the project as written, on @slack/web-api 8 (which has no `rtm.start`): its output, empty when it compiles. */
async function compilesOnV8(dir: string): Promise<string> {
  await writeFile(join(dir, 'tsconfig.v8.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { paths: { '@slack/web-api': [WEB_API_V8] } } }));
  const r = await run(process.execPath, [TSC, '-p', join(dir, 'tsconfig.v8.json')]);
  return r.stdout + r.stderr;
}

// Each case type-checks a project with tsc (apply's own check, then tsc on v7 and v8): up to a minute on a busy machine.
describe('output that compiles under the code’s own types', { timeout: 120_000 }, () => {
  it("retypes responses typed with rtm.start's own types to the helper module's RtmStartData: compiles on @slack/web-api 7 and 8", async () => {
    const input = await readFile(join(FIXTURES, 'typed-response.input.ts'), 'utf8');
    const dir = await tsProject({ 'src/bot.ts': input });
    // Before: it does not compile on v8, which removed rtm.start.
    expect(await compilesOnV8(dir)).toMatch(/TS2339: Property 'start' does not exist/);
    const r = await cli(['apply', '.'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('TODOs left: 0');
    expect(r.stdout).toContain('type-check (tsconfig.json, 2 changed files): no error introduced');
    // The transform's fixture is run with the `.js` specifier; in a package that is not `"type": "module"` a file with no relative import of its own gets none (see place.ts).
    const expected = (await readFile(join(FIXTURES, 'typed-response.output.ts'), 'utf8')).replace("from './rtm-start-data.js';", "from './rtm-start-data';");
    expect(await readFile(join(dir, 'src', 'bot.ts'), 'utf8')).toBe(expected);
    const v7 = await run(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')]);
    expect(v7.stdout + v7.stderr).toBe('');
    expect(await compilesOnV8(dir)).toBe('');
  });

  it('emits no paginate() on a client typed as the app’s own interface: a TODO that says why, and the file still compiles', async () => {
    const dir = await tsProject({
      'src/bot.ts': `/** The app's own Slack API: only what it uses. */
export interface SlackApi {
  rtm: { start(args?: { no_unreads?: boolean }): Promise<{ url?: string; users?: { id?: string; name?: string }[] }> };
}

export async function userNames(api: SlackApi): Promise<string[]> {
  const res = await api.rtm.start({ no_unreads: true });
  return (res.users ?? []).map((u) => u.name ?? '');
}
`,
    });
    const r = await cli(['apply', '.'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^TODO +src\/bot\.ts:7:21 +method-call → todo$/m);
    expect(r.stdout).toContain('type-check (tsconfig.json, 1 changed file): no error introduced');
    const output = await readFile(join(dir, 'src', 'bot.ts'), 'utf8');
    expect(output).not.toMatch(/\.paginate\(/);
    expect(output).toContain('// TODO(rtm-migrate): the call goes through a client typed `SlackApi`, which may have no `paginate`');
    expect(output).toContain('const res = await api.rtm.start({ no_unreads: true });');
  });
});
