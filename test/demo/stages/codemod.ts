import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack } from '@rtm-migrate/fake-slack';
import { ROOT, compileBot, copyLegacyBot, runCompiledBot } from '../../support/legacy-bot.js';
import { run } from '../../support/run.js';
import type { DemoContext } from '../context.js';
import { compareSummaries } from '../compare.js';
import { block, green, heading } from '../print.js';

const CLI = join(ROOT, 'packages', 'codemod', 'dist', 'cli.js');

/** Stage 4: rtm-migrate on a fresh copy of legacy-bot, then tsc, then the migrated bot against today's Slack. */
export async function codemodStage(ctx: DemoContext): Promise<void> {
  heading('4. codemod: rtm-migrate on a copy of legacy-bot');
  const dir = await copyLegacyBot('rtm-migrate-demo-codemod-');
  try {
    const scan = await run(process.execPath, [CLI, 'scan', '.', '--workspace', `users=${ctx.workspace.users},channels=${ctx.workspace.channels}`], { cwd: dir });
    if (scan.code !== 0) throw new Error(`rtm-migrate scan failed:\n${scan.stderr}`);
    block(scan.stdout.split('\n').filter((l) => /^(Scopes|  optional|Per start-up)/.test(l)).join('\n'));

    const applied = await run(process.execPath, [CLI, '.', '--diff'], { cwd: dir });
    if (applied.code !== 0) throw new Error(`rtm-migrate failed:\n${applied.stderr}`);
    block(applied.stdout);
    block(applied.stderr);

    const compiled = await compileBot(dir);
    if (compiled.code !== 0) throw new Error(`the migrated bot does not compile:\n${compiled.stdout}`);
    console.log(`${green('✓')} tsc -p (strict): the migrated bot compiles`);

    const fake = await startFakeSlack({ ...ctx.workspace, mode: 'connect_required' });
    try {
      const migrated = await runCompiledBot(dir, fake.apiUrl);
      console.log('\nThe migrated bot against fake Slack in connect_required mode:');
      block(migrated.stdout || migrated.stderr);
      if (migrated.code !== 0) throw new Error('the migrated bot failed against connect_required');
      compareSummaries(ctx.legacySummary, migrated.stdout);
    } finally {
      await fake.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
