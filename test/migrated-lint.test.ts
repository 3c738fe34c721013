import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import rtmMigrate from '@rtm-migrate/eslint-plugin';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { config, isEsModule, REPO, sourceFiles } from './support/corpus.js';
import { run } from './support/run.js';

// What CI sees after `rtm-migrate apply`: the bundled bots, copied (fixtures are never edited), linted
// with the real ESLint and `configs.recommended`, migrated by the built CLI, and linted again.
const CLI = join(REPO, 'packages', 'codemod', 'dist', 'cli.js');
const copies: string[] = [];

afterAll(async () => {
  for (const dir of copies) await rm(dir, { recursive: true, force: true });
});

/** fixtures/<name> in a fresh folder, its dependencies resolved through the fixture's own node_modules. */
async function copyBundled(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `migrated-lint-${name.replace(/\//g, '-')}-`));
  copies.push(dir);
  const from = join(REPO, 'fixtures', name);
  // A bot with a package.json of its own declares a `slack` package version other than the one
  // installed here, which is the one it would run with in a copy: its own test
  // (packages/codemod/test/slack-package.test.ts) runs it with the version it declares.
  const ownManifest = (src: string): boolean => src !== from && existsSync(join(src, 'package.json'));
  await cp(from, dir, { recursive: true, filter: (src) => !src.includes('node_modules') && !ownManifest(src) });
  if (existsSync(join(from, 'node_modules'))) await symlink(join(from, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/**
 * Every source file of the copy (its node_modules left out), linted from the copy's folder as its CI
 * would: `file:line rule message`, fatal parse errors included.
 */
async function lintTree(dir: string): Promise<string[]> {
  const linters = {
    module: new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(true), ignore: false }),
    commonjs: new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(false), ignore: false }),
  };
  const findings: string[] = [];
  for (const file of sourceFiles(dir).filter((f) => !f.startsWith(join(dir, 'node_modules')))) {
    const eslint = isEsModule(file, readFileSync(file, 'utf8')) ? linters.module : linters.commonjs;
    for (const result of await eslint.lintFiles([file])) {
      for (const m of result.messages) findings.push(`${relative(dir, file)}:${String(m.line)} ${m.ruleId ?? '(fatal)'} ${m.message.slice(0, 80)}`);
    }
  }
  return findings;
}

describe.each([
  // The bots that read `rtm.start`'s data; echo-bot already uses `rtm.connect` and is clean from the start.
  // Its runner of the `slack` package's rtm.client() bot (every 5.x–8.x listen() calls rtm.start inside the
  // package), its botkit 0.4.10 runner's `startRTM()` and slackbots 1.2.0 runner's `new SlackBot(…)` go
  // through the generated module, which answers the library's own rtm.start request: nothing reported. Its
  // two app-helper bots that keep conversation lists on the instance go to the generated module too, whose
  // items warn on a read of what the lists lack (`has_pins`, `is_open`).
  { name: 'bots', before: true },
  { name: 'legacy-bot', before: true },
  { name: 'v3-bot', before: true },
  { name: 'echo-bot', before: false },
  // The app's own rtm.start wrapper module, its caller and a method table: the wrapper is migrated, the
  // other two are left as they are (`covered`), and the lint agrees they need nothing more.
  { name: 'projects/method-modules/input', before: true },
  // Published libraries whose uses of their own migrated wrapper stay as they are (`covered`): calls and
  // a table entry of methods/rtm.start.js (slack), and bot.api.rtm.start of a factory's object (botkit).
  { name: 'real-world/slack@8.4.2/package', before: true },
  { name: 'real-world/botkit@0.4.10/package', before: true },
])('fixtures/$name, migrated by rtm-migrate apply', ({ name, before, todoIn = [] }: { name: string; before: boolean; todoIn?: string[] }) => {
  it('lints with no report of ours after the migration (and reported before it)', async () => {
    const dir = await copyBundled(name);
    const unmigrated = await lintTree(dir);
    expect(unmigrated.filter((f) => f.includes('(fatal)'))).toEqual([]);
    expect(unmigrated.length > 0).toBe(before);

    const applied = await run(process.execPath, [CLI, 'apply', '.', '--allow-dirty'], { cwd: dir, env: { PATH: process.env.PATH ?? '' } });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(`TODOs left: ${String(todoIn.length)}`);

    // The rewritten files, the generated helper module and the code the migration left as it was: only
    // the TODOs left on purpose are still reported.
    const after = await lintTree(dir);
    expect(after.filter((f) => !todoIn.some((file) => f.startsWith(`${file}:`)))).toEqual([]);
    for (const file of todoIn) expect(after.filter((f) => f.startsWith(`${file}:`) && /@rtm-migrate\/no-rtm-start(?!-)/.test(f))).toHaveLength(1);
  });
});

describe('fixtures/bots/v3-split-bot, before the migration', () => {
  it('reports the start of the v3 client that another module made, where it is started', async () => {
    const findings = await lintTree(await copyBundled('bots'));
    const at = `${join('v3-split-bot', 'bot.js')}:34 @rtm-migrate/no-rtm-start The legacy \`@slack/client\` v3 \`RtmClient\``;
    expect(findings.filter((f) => f.startsWith(at))).toHaveLength(1);
  });
});

describe.each([
  { name: 'legacy-bot', folder: '.', files: 'src/*.ts' },
  { name: 'bots', folder: 'axios-ts-bot', files: '*.ts' },
])('fixtures/$name with configs.recommended-type-checked, migrated', ({ name, folder, files }) => {
  it('lints with no report of ours after the migration (and reported before it)', async () => {
    const dir = await copyBundled(name);
    const project = join(dir, folder);
    const typed: Linter.Config[] = [
      { files: ['**/*.ts'], languageOptions: { parser: tsParser, parserOptions: { tsconfigRootDir: project } } },
      { files: ['**/*.ts'], ...(rtmMigrate.configs['recommended-type-checked'] as Linter.Config) },
    ];
    const lint = async (): Promise<string[]> => {
      const eslint = new ESLint({ cwd: project, overrideConfigFile: true, overrideConfig: typed, ignore: false });
      return (await eslint.lintFiles([files])).flatMap((r) => r.messages.map((m) => `${relative(project, r.filePath)}:${String(m.line)} ${m.ruleId ?? '(fatal)'} ${m.message.slice(0, 80)}`));
    };
    const unmigrated = await lint();
    expect(unmigrated.filter((f) => f.includes('(fatal)'))).toEqual([]);
    expect(unmigrated.length).toBeGreaterThan(0);
    const applied = await run(process.execPath, [CLI, 'apply', '.', '--allow-dirty'], { cwd: project, env: { PATH: process.env.PATH ?? '' } });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('TODOs left: 0');
    expect(await lint()).toEqual([]);
  });
});
