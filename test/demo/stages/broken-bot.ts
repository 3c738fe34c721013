import { RTM_START_MEMBER_LIMIT } from '@rtm-migrate/core';
import { startFakeSlack } from '@rtm-migrate/fake-slack';
import { compileBot, runCompiledBot } from '../../support/legacy-bot.js';
import type { DemoContext } from '../context.js';
import { block, green, heading, red } from '../print.js';

/** Stage 1: the unchanged legacy bot against Slack as it is now, then against Slack as it was. */
export async function brokenBotStage(ctx: DemoContext): Promise<void> {
  heading('1. legacy-bot today: Slack answers rtm.start with rtm_connect_required');
  const compiled = await compileBot(ctx.legacyBot);
  if (compiled.code !== 0) throw new Error(`legacy-bot does not compile:\n${compiled.stdout}${compiled.stderr}`);

  const fake = await startFakeSlack({ ...ctx.workspace, mode: 'connect_required' });
  try {
    const broken = await runCompiledBot(ctx.legacyBot, fake.apiUrl);
    block(broken.stderr || broken.stdout);
    console.log(`${red('✗')} exit code ${broken.code}: the bot never starts.`);

    fake.setMode('connect_shape');
    const thin = await runCompiledBot(ctx.legacyBot, fake.apiUrl);
    console.log("\nSlack may also answer ok:true in rtm.connect's shape (apps created before 2021-11-30):");
    block(thin.stderr || thin.stdout);
    console.log(`${red('✗')} exit code ${thin.code}: a TypeError, not a Slack error.`);

    heading('2. legacy-bot against the old rtm.start (fake-slack in legacy mode)');
    fake.setMode('legacy');
    const working = await runCompiledBot(ctx.legacyBot, fake.apiUrl);
    block(working.stdout || working.stderr);
    console.log(`${working.code === 0 ? green('✓') : red('✗')} exit code ${working.code}`);
    if (working.code !== 0) throw new Error('legacy-bot failed against the legacy rtm.start');
    if (working.stderr.includes('member_list_truncated')) {
      console.log(`  even then, Slack warned member_list_truncated: rtm.start cut big channels' member lists at ${RTM_START_MEMBER_LIMIT}.`);
    }
    ctx.legacySummary = working.stdout;
  } finally {
    await fake.close();
  }
}
