#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { RTM_START_MODES, type RtmStartMode } from './methods/index.js';
import { startFakeSlack } from './server.js';
import { Workspace } from './workspace.js';

const USAGE = `usage: fake-slack [--users N] [--channels N] [--mode ${RTM_START_MODES.join('|')}] [--port N] [--host H]
                  [--seed S] [--rate-limits] [--time-scale X] [--short-pages] [--quiet] [--stats-on-exit]`;

const OPTIONS = `options:
  --users N          users in the generated workspace (default 50; the bot itself is the first)
  --channels N       public plus private channels, a fifth private (default 20); MPIMs and IMs come on top
  --mode M           how rtm.start answers: legacy (the full old response, member lists cut at 500),
                     connect_required (ok:false, rtm_connect_required) or connect_shape (ok:true, thin)
                     (default legacy)
  --port N           port to listen on (default 0: any free port)
  --host H           address to listen on, loopback only (default 127.0.0.1)
  --seed S           seed of the generated workspace: the same seed gives the same workspace (default 1)
  --rate-limits      answer 429 + Retry-After past each method's rate tier
  --time-scale X     a minute of the rate tiers lasts X minutes (0.01: 100 times faster; implies --rate-limits)
  --short-pages      every third page stops halfway before the end, as Slack's pages sometimes do
  --quiet            no line per API call
  --stats-on-exit    on SIGINT/SIGTERM, print one last line: \`stats \` + the call statistics as JSON
  -h, --help         this help`;

function die(message: string): never {
  process.stderr.write(`fake-slack: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function count(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) die(`--${name} must be a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      strict: true,
      allowPositionals: false,
      options: {
        users: { type: 'string' },
        channels: { type: 'string' },
        mode: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        'rate-limits': { type: 'boolean' },
        'time-scale': { type: 'string' },
        'short-pages': { type: 'boolean' },
        quiet: { type: 'boolean' },
        'stats-on-exit': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    die(e instanceof Error ? e.message : String(e));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n\n${OPTIONS}\n`);
    return;
  }
  const mode = (values.mode ?? 'legacy') as RtmStartMode;
  if (!RTM_START_MODES.includes(mode)) die(`--mode must be one of ${RTM_START_MODES.join(', ')}, got ${JSON.stringify(values.mode)}`);
  let timeScale: number | undefined;
  if (values['time-scale'] !== undefined) {
    timeScale = Number(values['time-scale']);
    if (!(timeScale > 0)) die(`--time-scale must be a number above 0, got ${JSON.stringify(values['time-scale'])}`);
  }
  const port = count('port', values.port, 0);
  if (port > 65535) die(`--port must be at most 65535, got ${port}`);
  const workspace = new Workspace({
    users: count('users', values.users, 50),
    channels: count('channels', values.channels, 20),
    seed: values.seed ?? 1,
  });
  const rateLimits = values['rate-limits'] || timeScale !== undefined ? { timeScale: timeScale ?? 1 } : false;
  let fake;
  try {
    fake = await startFakeSlack({
      workspace,
      mode,
      port,
      host: values.host ?? '127.0.0.1',
      rateLimits,
      shortPages: values['short-pages'] ?? false,
      onCall: values.quiet
        ? undefined
        : (c) => process.stdout.write(`${c.method} ${c.status}${c.error ? ` ${c.error}` : ''}${c.warnings ? ` (${c.warnings.join(',')})` : ''}\n`),
    });
  } catch (e) {
    die(e instanceof Error ? e.message : String(e));
  }
  const size = workspace.size();
  const conversations = Object.entries(size.conversations).map(([t, n]) => `${n} ${t}`).join(', ');
  process.stdout.write(
    [
      `fake-slack listening: ${fake.apiUrl}  (WebSocket ${fake.wsUrl}, rtm.start mode ${mode}, rate limits ${rateLimits ? `on, time scale ${rateLimits.timeScale}` : 'off'})`,
      `workspace (seed ${String(workspace.seed)}) generated in ${workspace.generationMs.toFixed(0)} ms: ${size.users} users (${size.bots} bots), ${conversations}`,
      `token: xoxb-test (every scope); xoxb-inactive answers account_inactive`,
      '',
    ].join('\n'),
  );
  const stop = (): void => {
    // `--stats-on-exit`: one last stdout line, `stats ` + fake.stats() as JSON (for benchmarks).
    const stats = values['stats-on-exit'] ? `stats ${JSON.stringify(fake.stats())}\n` : '';
    void fake.close().then(() => (stats ? process.stdout.write(stats, () => process.exit(0)) : process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
