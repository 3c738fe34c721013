#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import { SLACK_API_URL } from '@rtm-migrate/core';
import { rtmBotManifest } from './bridge/manifest.js';
import { startBridge } from './bridge/server.js';
import { redact } from './proxy/redact.js';
import { startProxy, type RunningProxy } from './proxy/server.js';
import { COMPAT_FIELDS, type CompatField } from './types.js';

// A declaration, not an arrow: only a declared `never` function narrows what follows its calls.
function fail(message: string): never {
  process.stderr.write(`${pc.red('rtm-shim: error:')} ${message}\n`);
  process.exit(2);
}

/** SIGINT / SIGTERM close the server, then exit 0. */
const closeOnSignal = (server: { close(): Promise<void> }): void => {
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

const int = (name: string) => (value: string): number => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a whole number`);
  return Number(value);
};

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('rtm-shim')
  .description('Run rtm.start code unchanged: rebuilds rtm.start responses from rtm.connect and its replacement methods.')
  .version(version, '-V, --version')
  .exitOverride()
  .configureOutput({ outputError: (str, write) => write(str.replace(/^error: /, 'rtm-shim: error: ')) });

program
  .command('proxy')
  .description('A loopback HTTP proxy for any Slack client: /api/<method> goes to --upstream unchanged, rtm.start is answered compatibly.')
  .option('--listen <host:port>', 'address to listen on (loopback unless --allow-remote; port 0 picks one)', '127.0.0.1:8787')
  .option('--upstream <url>', 'the Web API base every request is forwarded to', SLACK_API_URL)
  .option('--allow-remote', 'listen on a non-loopback address and accept any Host header', false)
  .addOption(new Option('--mode <mode>', 'fallback: ask rtm.start first; always: never call it').choices(['fallback', 'always']).default('fallback'))
  .option('--fields <list>', `fields to build, comma-separated (${COMPAT_FIELDS.join(',')})`)
  .addOption(new Option('--members <which>', 'whose members arrays to fill').choices(['joined', 'all', 'none']).default('joined'))
  .option('--page-size <n>', 'limit of every page', int('--page-size'), 200)
  .option('--concurrency <n>', 'most requests in flight per rtm.start', int('--concurrency'), 4)
  .addOption(new Option('--on-missing-scope <what>', 'throw: answer missing_scope; omit: leave the field out with a warning').choices(['throw', 'omit']).default('throw'))
  .option('--time-scale <n>', 'scale of the rate tiers the shim paces itself by (1 = real Slack)', parseFloat, 1)
  .option('--no-pace', 'do not pace the calls rtm.start answers make')
  .option('--max-body <bytes>', 'largest request body accepted', int('--max-body'), 1024 * 1024)
  .option('--timeout <ms>', 'timeout of every upstream request', int('--timeout'), 30_000)
  .option('--no-check-upstream', 'do not probe the upstream at start')
  .option('--prewarm', 'build the snapshot for SLACK_BOT_TOKEN at start, so that the first client is answered at once', false)
  .option('--prewarm-args <query>', 'rtm.start arguments to prewarm for, e.g. mpim_aware=1', '')
  .option('--snapshot-ttl <s>', 'seconds a snapshot answers without a rebuild', int('--snapshot-ttl'), 600)
  .option('--snapshot-stale <s>', 'seconds past the TTL a snapshot still answers while it is rebuilt in the background', int('--snapshot-stale'), 86_400)
  .option('--no-snapshot', 'build for every rtm.start (concurrent requests still share a build)')
  .option('--quiet', 'no request log', false)
  .action(async (o: Record<string, unknown>) => {
    const fields = typeof o['fields'] === 'string' ? (o['fields'].split(',').map((f) => f.trim()).filter(Boolean) as CompatField[]) : undefined;
    const unknown = fields?.filter((f) => !COMPAT_FIELDS.includes(f));
    if (unknown && unknown.length > 0) fail(`--fields: unknown field ${unknown.join(', ')} (known: ${COMPAT_FIELDS.join(', ')})`);
    // The token comes from the environment only: argv is visible to every user of the machine.
    const prewarmToken = o['prewarm'] === true ? process.env['SLACK_BOT_TOKEN'] : undefined;
    if (o['prewarm'] === true && !prewarmToken) fail('--prewarm needs the token in the SLACK_BOT_TOKEN environment variable');
    const timeScale = o['timeScale'] as number;
    if (!(timeScale > 0)) fail(`--time-scale must be a number above 0`);
    try {
      const proxy = await startProxy({
        listen: o['listen'] as string,
        upstream: o['upstream'] as string,
        allowRemote: o['allowRemote'] === true,
        mode: o['mode'] as 'fallback' | 'always',
        ...(fields ? { fields } : {}),
        members: o['members'] as 'joined' | 'all' | 'none',
        pageSize: o['pageSize'] as number,
        concurrency: o['concurrency'] as number,
        onMissingScope: o['onMissingScope'] as 'throw' | 'omit',
        rateLimit: o['pace'] === false ? false : { timeScale },
        maxBodyBytes: o['maxBody'] as number,
        timeoutMs: o['timeout'] as number,
        checkUpstream: o['checkUpstream'] !== false,
        log: o['quiet'] === true ? false : undefined,
        snapshot: o['snapshot'] === false ? false : { ttlMs: (o['snapshotTtl'] as number) * 1000, staleMs: (o['snapshotStale'] as number) * 1000 },
      });
      process.stdout.write(`rtm-shim proxy listening on ${proxy.url} → ${proxy.upstream}\n`);
      if (prewarmToken !== undefined) prewarm(proxy, prewarmToken, o['prewarmArgs'] as string);
      closeOnSignal(proxy);
    } catch (e) {
      fail((e as Error).message);
    }
  });

program
  .command('bridge')
  .description('Run an unchanged RTM bot on a modern Slack app: an RTM server on loopback fed by Socket Mode (tokens from SLACK_APP_TOKEN and SLACK_BOT_TOKEN).')
  .option('--listen <host:port>', 'loopback address to listen on (port 0 picks one)', '127.0.0.1:8788')
  .option('--upstream <url>', 'the Web API base', SLACK_API_URL)
  .option('--max-buffered <n>', 'events held while no bot is connected', int('--max-buffered'), 10_000)
  .option('--timeout <ms>', 'timeout of every upstream request', int('--timeout'), 30_000)
  .option('--quiet', 'no log', false)
  .action(async (o: Record<string, unknown>) => {
    const appToken = process.env['SLACK_APP_TOKEN'];
    const botToken = process.env['SLACK_BOT_TOKEN'];
    if (!appToken) fail('set SLACK_APP_TOKEN to the app-level token (xapp-…, scope connections:write)');
    if (!botToken) fail('set SLACK_BOT_TOKEN to the bot token (xoxb-…)');
    try {
      const bridge = await startBridge({
        appToken,
        botToken,
        listen: o['listen'] as string,
        upstream: o['upstream'] as string,
        maxBuffered: o['maxBuffered'] as number,
        timeoutMs: o['timeout'] as number,
        log: o['quiet'] === true ? false : undefined,
      });
      process.stdout.write(`rtm-shim bridge for ${bridge.self.name} (${bridge.self.id}), Socket Mode open, upstream ${bridge.upstream}\nset the bot's Slack API base to:\n${bridge.url}\n`);
      closeOnSignal(bridge);
    } catch (e) {
      fail((e as Error).message);
    }
  });

program
  .command('manifest')
  .description('Print a Slack app manifest (JSON) for an RTM bot on Socket Mode: bot events and scopes.')
  .option('--name <name>', 'app and bot user name', 'rtm-bot')
  .option('--events <list>', `RTM event types the bot handles, comma-separated (default: all Socket Mode delivers)`)
  .action((o: Record<string, unknown>) => {
    const events = typeof o['events'] === 'string' ? o['events'].split(',').map((e) => e.trim()).filter(Boolean) : undefined;
    try {
      process.stdout.write(`${JSON.stringify(rtmBotManifest({ name: o['name'] as string, ...(events ? { events } : {}) }), null, 2)}\n`);
    } catch (e) {
      fail((e as Error).message);
    }
  });

/** Builds the snapshot in the background; the proxy answers meanwhile (a client then waits for this build). */
function prewarm(proxy: RunningProxy, token: string, query: string): void {
  const args = Object.fromEntries(new URLSearchParams(query));
  const started = performance.now();
  const label = query ? ` (${query})` : '';
  process.stderr.write(`${new Date().toISOString()} prewarm${label}: building the snapshot for SLACK_BOT_TOKEN\n`);
  proxy.prewarm(token, args).then(
    (snapshot) => {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stderr.write(
        `${new Date().toISOString()} prewarm${label}: ${snapshot ? `done in ${seconds} s, clients are answered from the snapshot` : 'rtm.start answers in full upstream: nothing to build'}\n`,
      );
    },
    (e: unknown) => process.stderr.write(`${new Date().toISOString()} prewarm${label}: failed: ${redact((e as Error).message)} (clients build on first contact)\n`),
  );
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) process.exit(0);
    process.exit(2);
  }
  fail((e as Error).message);
}
