import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBot, copyLegacyBot } from '../../../test/support/legacy-bot.js';
import { cli, tsProject } from './helpers.js';

// Each case type-checks a project twice with tsc: up to a minute on a busy machine.
describe('apply type-checks what it changed (the project has a tsconfig.json)', { timeout: 120_000 }, () => {
  it('reports the errors the rewrite introduced, with exit 1; errors that were there before do not count', async () => {
    // --helper shim imports @rtm-migrate/shim, which this project does not have installed.
    const dir = await tsProject({
      'src/bot.ts': `import { WebClient } from '@slack/web-api';

export function start(web: WebClient): Promise<number> {
  return web.rtm.start().then((res) => res.users!.length);
}

export const alreadyWrong: number = 'a string';
`,
    });
    const r = await cli(['apply', '.', '--helper', 'shim', '--dry'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('type-check (tsconfig.json, 1 changed file): 2 errors introduced (1 there before, not counted)');
    expect(r.stdout).toMatch(/^ {2}src\/bot\.ts:2:32 TS2307 Cannot find module '@rtm-migrate\/shim'/m);
    // ...and what follows from it: the response is no longer typed.
    expect(r.stdout).toMatch(/^ {2}src\/bot\.ts:5:36 TS7006 Parameter 'res' implicitly has an 'any' type\./m);
    expect(r.stdout).not.toContain('TS2322');
  });

  it('says so when the rewrite introduced none (the legacy bot, strict)', async () => {
    const dir = await copyLegacyBot('legacy-bot-verify-');
    const r = await cli(['apply', '.'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('type-check (tsconfig.json, 1 changed file): no error introduced');
    // The verdict is tsc's own: the written project compiles.
    const compiled = await compileBot(dir);
    expect(compiled.code).toBe(0);
  });

  it('checks the generated helper module too, and skips the check with --no-verify', async () => {
    const dir = await tsProject({
      'src/bot.ts': `import { WebClient } from '@slack/web-api';

export async function names(web: WebClient): Promise<string[]> {
  const started = [await web.rtm.start({ mpim_aware: true })];
  return started.map((s) => s.self!.name!);
}
`,
    });
    const r = await cli(['apply', '.', '--dry'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('type-check (tsconfig.json, 2 changed files): no error introduced');
    const skipped = await cli(['apply', '.', '--dry', '--no-verify'], dir);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).not.toContain('type-check');
  });

  it('says the check did not run where the project has a tsconfig.json but no TypeScript installed', async () => {
    const dir = await tsProject({ 'src/bot.ts': "import { WebClient } from '@slack/web-api';\nexport const start = (web: WebClient) => web.rtm.start().then((r) => r.users?.length);\n" });
    await rm(join(dir, 'node_modules'));
    const r = await cli(['apply', '.', '--dry', '--report', 'json'], dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { readonly warnings: readonly string[]; readonly verification?: unknown };
    expect(report.verification).toBeUndefined();
    expect(report.warnings).toEqual([expect.stringContaining('the changed TypeScript files were not type-checked: the project has no `typescript` installed')]);
  });

  // Blind s66/01 (robwormald/rx-slack, TypeScript 1.5): 1.5 and 2.4 have no getParsedCommandLineOfConfigFile, and the run ended with exit 2, nothing analysed.
  it("says the check did not run where the project's TypeScript is older than the compiler API it needs, and migrates all the same", async () => {
    const dir = await tsProject({ 'src/bot.ts': "import { WebClient } from '@slack/web-api';\nexport const start = (web: WebClient) => web.rtm.start().then((r) => r.url);\n" });
    await rm(join(dir, 'node_modules'));
    // A stand-in for TypeScript 2.4.2's package (no release before 2.9 is installed here): its version, and none of the compiler API the check calls.
    await mkdir(join(dir, 'node_modules', 'typescript'), { recursive: true });
    await writeFile(join(dir, 'node_modules', 'typescript', 'package.json'), JSON.stringify({ name: 'typescript', version: '2.4.2', main: 'index.js' }));
    await writeFile(join(dir, 'node_modules', 'typescript', 'index.js'), "exports.version = '2.4.2';\n");
    const r = await cli(['apply', '.', '--dry', '--report', 'json'], dir);
    expect([r.code, r.stderr.includes('is not a function')]).toEqual([0, false]);
    const report = JSON.parse(r.stdout) as { readonly warnings: readonly string[]; readonly files: { readonly changed: readonly string[] } };
    expect(report.files.changed).toEqual(['src/bot.ts']);
    const tooOld = "the changed TypeScript files were not type-checked: the project's `typescript` 2.4.2 is older than 2.9.0, whose compiler API the check needs (run the project's own `tsc` before committing).";
    expect(report.warnings).toContain(tooOld);
    // The same from the folder above, which has no TypeScript of its own (blind s74/03 was told there was none).
    const above = await cli(['apply', basename(dir), '--dry', '--report', 'json'], dirname(dir));
    expect(above.code).toBe(0);
    expect((JSON.parse(above.stdout) as { readonly warnings: readonly string[] }).warnings).toContain(tooOld);
  });

  it("the app's own helpers in TypeScript compile strict after the rewrite: a Node-style callback (its parameters typed or not), a bound apiCall and a helper declared with a native Promise", async () => {
    const dir = await tsProject({
      'src/api.ts': `export function post(method: string, params: Record<string, unknown>, cb: (err: Error | null, data?: Record<string, unknown>) => void): void {
  fetch('https://slack.com/api/' + method, { method: 'POST', body: JSON.stringify(params) })
    .then((r) => r.json() as Promise<Record<string, unknown>>)
    .then((data) => cb(null, data), (err: Error) => cb(err));
}
`,
      'src/boot.ts': `import { WebClient } from '@slack/web-api';
import * as api from './api.js';

export function boot(cb: (err: Error | null, names?: string[]) => void): void {
  api.post('rtm.start', { no_unreads: 1 }, (err, data) => {
    if (err) return cb(err);
    cb(null, (data?.users as Array<{ name: string }>).map((u) => u.name));
  });
}

export function bootTyped(cb: (err: Error | null, count?: number) => void): void {
  api.post('rtm.start', {}, (err: Error | null, data?: any) => {
    if (err) return cb(err);
    cb(null, data.channels.length);
  });
}

export class Connector {
  readonly rtmStart: (options?: Record<string, unknown>) => Promise<unknown>;
  constructor(private readonly web: WebClient) {
    this.rtmStart = this.web.apiCall.bind(this.web, 'rtm.start');
  }
}

export class Bot {
  names: string[] = [];
  constructor(private readonly token: string) {}

  private _api(method: string, params: Record<string, string | number> = {}): Promise<any> {
    return fetch('https://slack.com/api/' + method, { method: 'POST', body: new URLSearchParams({ ...params, token: this.token } as Record<string, string>) }).then((r) => r.json());
  }

  login(): Promise<string> {
    return this._api('rtm.start').then((data) => {
      this.names = (data.users as Array<{ name: string }>).map((u) => u.name);
      return data.url as string;
    });
  }
}
`,
    });
    const r = await cli(['apply', '.'], dir);
    expect(r.stdout).toMatch(/^done +src\/boot\.ts:5:3 +helper → helper-module$/m);
    expect(r.stdout).toMatch(/^done +src\/boot\.ts:12:3 +helper → helper-module$/m);
    expect(r.stdout).toMatch(/^done +src\/boot\.ts:\d+:21 +helper → helper-module$/m);
    expect(r.stdout).toMatch(/^done +src\/boot\.ts:\d+:12 +helper → helper-module$/m);
    expect(r.stdout).toContain('TODOs left: 0');
    expect(r.stdout).toContain('type-check (tsconfig.json, 2 changed files): no error introduced');
    expect(r.code).toBe(0);
  });
});
