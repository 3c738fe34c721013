import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack } from '@rtm-migrate/fake-slack';
import { ROOT } from '../../support/legacy-bot.js';
import { run } from '../../support/run.js';
import { copyV3Bot, installV3Release, runV3Bot } from '../../support/v3-bot.js';
import type { DemoContext } from '../context.js';
import { block, green, heading } from '../print.js';

const CLI = join(ROOT, 'packages', 'codemod', 'dist', 'cli.js');

/**
 * Stage 4b: a bot on the legacy @slack/client v3 RtmClient (AUTHENTICATED data, dataStore,
 * sendMessage): before against legacy rtm.start, migrated by rtm-migrate (useRtmConnect: true and the
 * generated helper module), after against today's Slack. 4c: the same bot pinned to 3.9.0, a release
 * with no useRtmConnect (the helper module sends its rtm.start request as rtm.connect; the pin stays).
 */
export async function codemodV3Stage(ctx: DemoContext): Promise<void> {
  heading('4b. codemod: a @slack/client v3 RtmClient bot (fixtures/v3-bot)');
  await migrateV3Bot(ctx);
  heading('4c. codemod: the same bot pinned to @slack/client 3.9.0, which has no useRtmConnect');
  await migrateV3Bot(ctx, '3.9.0');
}

async function migrateV3Bot(ctx: DemoContext, release?: string): Promise<void> {
  const dir = await copyV3Bot('rtm-migrate-demo-v3-');
  if (release !== undefined) {
    const manifest = join(dir, 'package.json');
    await writeFile(manifest, (await readFile(manifest, 'utf8')).replace('"^3.16.0"', `"${release}"`));
    await installV3Release(dir, release);
  }
  const fake = await startFakeSlack({ seed: ctx.workspace.seed, users: 40, channels: 8, mode: 'legacy' });
  try {
    const before = await runV3Bot(dir, fake.apiUrl);
    if (before.code !== 0) throw new Error(`the v3 bot failed against legacy rtm.start:\n${before.stderr}`);
    fake.setMode('connect_required');
    const broken = await runV3Bot(dir, fake.apiUrl);
    console.log('Unmigrated, against a Slack that answers rtm_connect_required:');
    block(broken.stderr.split('\n').filter((l) => l.startsWith('unable to start')).join('\n'));

    const applied = await run(process.execPath, [CLI, '.'], { cwd: dir });
    if (applied.code !== 0) throw new Error(`rtm-migrate failed:\n${applied.stdout}${applied.stderr}`);
    block(applied.stdout);
    const source = await readFile(join(dir, 'src', 'bot.js'), 'utf8');
    block(source.split('\n').filter((l) => /useRtmConnect|startRtmClient/.test(l)).join('\n'));

    const after = await runV3Bot(dir, fake.apiUrl);
    if (after.code !== 0) throw new Error(`the migrated v3 bot failed against connect_required:\n${after.stderr}`);
    console.log('\nThe migrated v3 bot against connect_required (first lines):');
    block(after.stdout.split('\n').filter((l) => !l.startsWith('users: ')).slice(0, 8).join('\n'));
    if (after.stdout !== before.stdout) throw new Error('the migrated v3 bot printed something else than the original against legacy rtm.start');
    console.log(`${green('✓')} the same users, channels, groups, DMs and members as the original printed with legacy rtm.start`);
  } finally {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}
