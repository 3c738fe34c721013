import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HELPER_MARK } from '@rtm-migrate/core';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

/** A TypeScript bot reading `rtm.start`'s users, and the JavaScript tsc built from it (as tsc 5 writes it for CommonJS). */
const SOURCE = "import { WebClient } from '@slack/web-api';\n\nconst web = new WebClient(process.env.SLACK_TOKEN);\n\nexport async function users(): Promise<number> {\n  const res = await web.rtm.start();\n  return (res.users as unknown[]).length;\n}\n";
const BUILT = '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.users = users;\nconst web_api_1 = require("@slack/web-api");\nconst web = new web_api_1.WebClient(process.env.SLACK_TOKEN);\nasync function users() {\n    const res = await web.rtm.start();\n    return res.users.length;\n}\n';

/** The same bot written by hand in JavaScript. */
const HANDWRITTEN = "const { WebClient } = require('@slack/web-api');\n\nconst web = new WebClient(process.env.SLACK_TOKEN);\n\nasync function users() {\n  const res = await web.rtm.start();\n  return res.users.length;\n}\n\nmodule.exports = { users };\n";

interface Report {
  readonly sites: readonly { readonly id: string }[];
  readonly files: { readonly skipped: readonly { readonly file: string; readonly reason: string }[] };
  readonly warnings: readonly string[];
}

/** A package with `src/bot.ts`, its build at `built` and the tsconfig.json given. */
async function project(built: string, tsconfig: object | undefined, extra: Readonly<Record<string, string>> = {}): Promise<string> {
  const dir = await tempDir('rtm-migrate-compiled-');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bot', version: '1.0.0', dependencies: { '@slack/web-api': '^7.0.0' } }));
  if (tsconfig) await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
  for (const [file, text] of Object.entries({ 'src/bot.ts': SOURCE, [built]: BUILT, ...extra })) {
    await mkdir(join(dir, file, '..'), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  return dir;
}

const applied = async (dir: string, ...paths: string[]): Promise<Report> => {
  const run = await cli(['apply', ...paths, '--allow-dirty', '--no-verify', '--report', 'json'], dir);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Report;
};

// Blind s86/01, s87/01: the build committed beside its TypeScript source was migrated while the source kept a TODO, and the next
// build undid it. A build is never rewritten: it is skipped, naming its source, and `--check` counts it until it is built again.
describe('JavaScript that tsc built from a TypeScript source of the project', () => {
  it.each([
    ['beside its source (no outDir)', 'src/bot.js', { compilerOptions: { module: 'commonjs' } }, 'src/bot.ts is beside it'],
    ['in the outDir of the tsconfig.json', 'dist/bot.js', { compilerOptions: { module: 'commonjs', outDir: 'dist', rootDir: 'src' } }, 'the `outDir` of tsconfig.json'],
    ['in the outDir, the source folder found as tsc finds it (no rootDir)', 'lib/bot.js', { compilerOptions: { outDir: 'lib' }, include: ['src'] }, 'the `outDir` of tsconfig.json'],
  ])('%s: skipped, naming its source, which is migrated; --check fails until it is built again', async (_, built, tsconfig, how) => {
    const dir = await project(built, tsconfig);
    const report = await applied(dir, '.');
    expect(report.sites.map((s) => s.id)).toEqual(['src/bot.ts:6:21']);
    expect(report.files.skipped).toEqual([
      { file: built, reason: `built by tsc from src/bot.ts (${how}): a rewrite of the build would be undone by the next build; it contains \`rtm.start\`: rtm-migrate reads src/bot.ts instead; build it again after this run`, mentionsRtmStart: true, names: '`rtm.start`' },
    ]);
    expect(report.warnings).toContain(`${built} was skipped (built by tsc from src/bot.ts (${how}): a rewrite of the build would be undone by the next build) but contains \`rtm.start\`.`);
    expect(await readFile(join(dir, built), 'utf8')).toBe(BUILT);
    expect(await readFile(join(dir, 'src', 'bot.ts'), 'utf8')).not.toContain('rtm.start()');
    expect((await cli(['apply', '.', '--check'], dir)).code).toBe(1);
    // Built again (as tsc would, from the migrated source): nothing left to do.
    await writeFile(join(dir, built), '"use strict";\n// built from the migrated source\n');
    expect((await cli(['apply', '.', '--check'], dir)).code).toBe(0);
    // The build of a module an earlier run generated says `rtm.start` in its comments only (blind s94/02): not counted.
    const generated = `${HELPER_MARK} for code that used \`rtm.start\`.\nexport function rtmStartData(): void {}\n`;
    await writeFile(join(dir, 'src', 'rtm-start-data.ts'), generated);
    await writeFile(join(dir, built.replace('bot.js', 'rtm-start-data.js')), `"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n${generated.replace(': void', '')}`);
    expect((await cli(['apply', '.', '--check'], dir)).code).toBe(0);
  });

  it('named alone (the build folder): skipped, saying to run rtm-migrate on the source', async () => {
    const dir = await project('dist/bot.js', { compilerOptions: { outDir: 'dist', rootDir: 'src' } });
    const report = await applied(dir, 'dist');
    expect(report.sites).toEqual([]);
    expect(report.files.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/: run rtm-migrate on src\/bot\.ts, then build it again$/)]);
    expect(await readFile(join(dir, 'dist', 'bot.js'), 'utf8')).toBe(BUILT);
  });

  it.each([
    ['a JavaScript file with its own declarations beside it (bot.d.ts)', 'src/api.js', { 'src/api.d.ts': 'export declare function users(): Promise<number>;\n' }, 'src/api.js:7:23'],
    ['a JavaScript file in a folder outside the outDir', 'scripts/bot.js', {}, 'scripts/bot.js:7:23'],
    ["a JavaScript file beside a TypeScript one of its name, without a compiler's mark (an example kept in both languages)", 'src/bot.js', { 'src/bot.js': HANDWRITTEN }, 'src/bot.js:6:21'],
  ])('%s: read and migrated as ever', async (_, file, extra, id) => {
    const dir = await project(file, { compilerOptions: { outDir: 'dist', rootDir: 'src' } }, extra);
    const before = await readFile(join(dir, file), 'utf8');
    const report = await applied(dir, '.');
    expect(report.files.skipped).toEqual([]);
    expect(report.sites.map((s) => s.id).sort()).toEqual([id, 'src/bot.ts:6:21'].sort());
    expect(await readFile(join(dir, file), 'utf8')).not.toBe(before);
  });
});
