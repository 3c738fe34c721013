import { rm } from 'node:fs/promises';
import { copyLegacyBot } from '../support/legacy-bot.js';
import type { DemoContext } from './context.js';
import { bold } from './print.js';
import { bridgeStage } from './stages/bridge.js';
import { brokenBotStage } from './stages/broken-bot.js';
import { codemodStage } from './stages/codemod.js';
import { codemodBotsStage } from './stages/codemod-bots.js';
import { codemodV3Stage } from './stages/codemod-v3.js';
import { lintStage } from './stages/lint.js';
import { shimStage } from './stages/shim.js';

// `pnpm demo`: the main job on the bundled fixtures, stage by stage. Every stage talks only to a
// fake Slack on 127.0.0.1.
const stages = [brokenBotStage, lintStage, codemodStage, codemodV3Stage, codemodBotsStage, shimStage, bridgeStage];

const ctx: DemoContext = {
  legacyBot: await copyLegacyBot('rtm-migrate-demo-'),
  workspace: { seed: 42, users: 2000, channels: 120 },
};
console.log(
  `${bold('rtm-migrate demo')}: fake Slack workspace of ${ctx.workspace.users} users and ${ctx.workspace.channels} channels (seed ${ctx.workspace.seed})`,
);
try {
  for (const stage of stages) await stage(ctx);
} catch (error) {
  console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await rm(ctx.legacyBot, { recursive: true, force: true });
}
