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
});
