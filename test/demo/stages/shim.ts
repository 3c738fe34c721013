import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startFakeSlack } from '@rtm-migrate/fake-slack';
import { startProxy, withRtmStartCompat } from '@rtm-migrate/shim';
import { compileBot, runCompiledBot } from '../../support/legacy-bot.js';
import { compareSummaries } from '../compare.js';
import type { DemoContext } from '../context.js';
import { block, heading } from '../print.js';

interface LegacyBotModule {
  runBot: (web: unknown) => Promise<{ text: string }>;
}

/** Stage 5: the unchanged legacy bot, its WebClient wrapped by the shim, against today's Slack; then through the proxy. */
export async function shimStage(ctx: DemoContext): Promise<void> {
  heading('5. shim: the unchanged legacy-bot with withRtmStartCompat(web), against connect_required');
  const compiled = await compileBot(ctx.legacyBot);
  if (compiled.code !== 0) throw new Error(`legacy-bot does not compile:\n${compiled.stdout}`);
  const { runBot } = (await import(pathToFileURL(join(ctx.legacyBot, 'dist', 'bot.js')).href)) as LegacyBotModule;
  // The bot's own @slack/web-api 7, as its index.ts would construct it.
  const { WebClient } = createRequire(join(ctx.legacyBot, 'package.json'))('@slack/web-api') as {
    WebClient: new (token: string, options: object) => Parameters<typeof withRtmStartCompat>[0];
  };

  const fake = await startFakeSlack({ ...ctx.workspace, mode: 'connect_required' });
  try {
    fake.resetCalls();
    const web = withRtmStartCompat(new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }), { rateLimit: false });
    const summary = await runBot(web);
    block(summary.text);
    const methods = new Map<string, number>();
    for (const call of fake.calls) methods.set(call.method, (methods.get(call.method) ?? 0) + 1);
    console.log(`calls made: ${[...methods].map(([m, n]) => `${m} ×${n}`).join(', ')} (rtm.connect last: ${fake.calls.at(-1)?.method === 'rtm.connect'})`);
    compareSummaries(ctx.legacySummary, summary.text);

    heading('6. shim: rtm-shim proxy in front of fake Slack, the compiled bot unchanged (only SLACK_API_URL differs)');
    const log: string[] = [];
    const proxy = await startProxy({ listen: '127.0.0.1:0', upstream: fake.apiUrl, log: (line) => log.push(line), rateLimit: false });
    try {
      const proxied = await runCompiledBot(ctx.legacyBot, proxy.url);
      if (proxied.code !== 0) throw new Error(`the bot failed through the proxy:\n${proxied.stderr}`);
      console.log(`legacy-bot with SLACK_API_URL=${proxy.url} (upstream ${fake.apiUrl}): exit code ${proxied.code}`);
      compareSummaries(ctx.legacySummary, proxied.stdout);

      // A restart (or a second bot with the same token): answered from the snapshot, with a fresh rtm.connect.
      fake.resetCalls();
      log.length = 0;
      const again = await runCompiledBot(ctx.legacyBot, proxy.url);
      if (again.code !== 0) throw new Error(`the restarted bot failed through the proxy:\n${again.stderr}`);
      const slackCalls = fake.calls.map((c) => c.method).filter((m) => m.startsWith('rtm.') || m.endsWith('.list') || m.endsWith('.members'));
      console.log(`restarted: exit code ${again.code}; Slack saw only ${slackCalls.join(', ')} (the build's calls are not repeated)`);
      block(log.filter((l) => /rtm\.start|snapshot /.test(l)).map((l) => l.replace(/^\S+ /, '')).join('\n'));
      compareSummaries(ctx.legacySummary, again.stdout);
    } finally {
      await proxy.close();
    }
  } finally {
    await fake.close();
  }
}
