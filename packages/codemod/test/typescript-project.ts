import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { run } from '../../../test/support/run.js';
import { V3_BOT } from '../../../test/support/v3-bot.js';
import { ROOT, tempDir } from './helpers.js';

/** The TypeScript of fixtures/legacy-bot, which a TypeScript bot's project installs as its own. */
const TYPESCRIPT = join(ROOT, 'fixtures', 'legacy-bot', 'node_modules', 'typescript');

/** A TypeScript bot's project on disk: `files`, with that TypeScript (apply's type-check loads it) and @slack/client v3 installed. */
export async function v3TypescriptProject(prefix: string, files: Readonly<Record<string, string>>): Promise<string> {
  const dir = await tempDir(prefix);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  await mkdir(join(dir, 'node_modules', '@slack'), { recursive: true });
  await symlink(TYPESCRIPT, join(dir, 'node_modules', 'typescript'), 'dir');
  await symlink(join(V3_BOT, 'node_modules', '@slack', 'client'), join(dir, 'node_modules', '@slack', 'client'), 'dir');
  return dir;
}

/** `tsc -p` over the project (into `outDir` where given, else where its tsconfig says): its output, empty when it compiles. */
export async function compileProject(dir: string, outDir?: string): Promise<string> {
  const r = await run(process.execPath, [join(TYPESCRIPT, 'bin', 'tsc'), '-p', dir, ...(outDir === undefined ? [] : ['--outDir', outDir])]);
  return r.stdout + r.stderr;
}
