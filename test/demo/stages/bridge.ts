import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startFakeSlack } from '@rtm-migrate/fake-slack';
import { WebClient, type WebAPIPlatformError } from '@slack/web-api';
import { JsonLinesProcess } from '../../support/json-lines.js';
import { ROOT } from '../../support/legacy-bot.js';
import type { DemoContext } from '../context.js';
import { block, green, heading, red } from '../print.js';

const SHIM_CLI = join(ROOT, 'packages', 'shim', 'dist', 'cli.js');
const ECHO_BOT = join(ROOT, 'fixtures', 'echo-bot', 'index.js');

/** Reads the bridge's stdout until the line with the API base, and returns it. */
function apiBaseOf(bridge: ReturnType<typeof spawn>): Promise<{ url: string; printed: string }> {
  return new Promise((resolve, reject) => {
    let printed = '';
    bridge.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      printed += chunk;
      const url = /^(http:\/\/127\.0\.0\.1:\d+\/api\/)$/m.exec(printed)?.[1];
      if (url) resolve({ url, printed });
    });
    bridge.once('exit', (code) => reject(new Error(`rtm-shim bridge exited (${code}) before printing its API base`)));
  });
}

/** Stage 7: an unchanged RTM bot on a modern Slack app, through `rtm-shim bridge` and Socket Mode. */
export async function bridgeStage(ctx: DemoContext): Promise<void> {
  heading('7. bridge: an unchanged RTM echo bot on a modern app (Socket Mode), through rtm-shim bridge');
  const fake = await startFakeSlack({ ...ctx.workspace });
  const refused = await new WebClient('xoxb-modern', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }).rtm.connect().then(
    () => undefined,
    (e: unknown) => (e as Partial<WebAPIPlatformError>).data?.error,
  );
  console.log(`rtm.connect with the modern app's bot token, straight to Slack: ${red(String(refused))}`);
  const bridge = spawn(process.execPath, [SHIM_CLI, 'bridge', '--listen', '127.0.0.1:0', '--upstream', fake.apiUrl], {
    env: { PATH: process.env['PATH'] ?? '', SLACK_APP_TOKEN: 'xapp-test', SLACK_BOT_TOKEN: 'xoxb-modern' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  bridge.stderr.setEncoding('utf8').on('data', (d: string) => (log += d));
  let bot: JsonLinesProcess | undefined;
  try {
    const { url, printed } = await apiBaseOf(bridge);
    console.log('$ SLACK_APP_TOKEN=xapp-… SLACK_BOT_TOKEN=xoxb-… rtm-shim bridge --listen 127.0.0.1:0');
    block(printed);
    bot = JsonLinesProcess.spawn(process.execPath, [ECHO_BOT], { PATH: process.env['PATH'] ?? '', SLACK_BOT_TOKEN: 'xoxb-old-classic-token', SLACK_API_URL: url });
    const ready = await bot.next((l) => l['kind'] === 'ready');
    console.log(`fixtures/echo-bot (RTMClient + WebClient, unchanged) with SLACK_API_URL=${url}: connected as ${String(ready['self'])}`);
    const channel = fake.workspace.byType.public_channel[0]!;
    const ts = fake.socketMode.post({ channel: channel.id, text: 'echo hello, bridge' });
    console.log(`a user posts "echo hello, bridge" in #${channel.name}; Socket Mode delivers it to the bridge`);
    const event = await bot.next((l) => l['kind'] === 'event' && l['ts'] === ts);
    const replied = await bot.next((l) => l['kind'] === 'replied');
    block([JSON.stringify(event), JSON.stringify(replied)].join('\n'));
    const post = fake.calls.find((c) => c.method === 'chat.postMessage');
    const ok = post?.ok === true && post.args['channel'] === channel.id;
    console.log(`${ok ? green('✓') : red('✗')} the reply went out as chat.postMessage to #${channel.name}: "${String(post?.args['text'])}", acked to the bot with reply_to ${String(replied['reply_to'])}`);
    console.log('bridge log (tokens never appear):');
    block(log.split('\n').filter((l) => / → |hello|bridge for/.test(l)).slice(0, 8).join('\n'));
    if (!ok || /xapp-test|xoxb-modern/.test(log)) throw new Error('the bridge stage did not get the reply through cleanly');
  } finally {
    await bot?.stop();
    bridge.kill('SIGTERM');
    await new Promise((resolve) => bridge.once('exit', resolve));
    await fake.close();
  }
}
