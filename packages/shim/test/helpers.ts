import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { CallLogEntry } from '@rtm-migrate/fake-slack';
import type { PlannedCall } from '@rtm-migrate/core';
import { LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';

export { WebClient };

/** The v8 WebClient (npm alias `@slack/web-api-v8`). */
export const { WebClient: WebClientV8, ErrorCode: ErrorCodeV8, WebAPIPlatformError, WebAPIRateLimitedError } = createRequire(import.meta.url)(
  '@slack/web-api-v8',
) as typeof import('@slack/web-api') & { WebAPIPlatformError: new (...a: never[]) => Error; WebAPIRateLimitedError: new (...a: never[]) => Error };

export function client(apiUrl: string, token = 'xoxb-test', options: WebClientOptions = {}): WebClient {
  return new WebClient(token, { slackApiUrl: apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR, ...options });
}

/** `method` or `conversations.list:<types>`: how a call log entry and a planned call are compared. */
export function keyOf(method: string, args: Readonly<Record<string, unknown>>): string {
  return method === 'conversations.list' ? `${method}:${String(args['types'])}` : method;
}

export function countLog(calls: readonly CallLogEntry[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of calls) out[keyOf(c.method, c.args)] = (out[keyOf(c.method, c.args)] ?? 0) + 1;
  return out;
}

export function countPlan(byMethod: readonly PlannedCall[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of byMethod) out[keyOf(c.method, c.args)] = (out[keyOf(c.method, c.args)] ?? 0) + c.calls;
  return out;
}

/** Keeps the legacy bot's WebClient (its own node_modules) apart from the shim's dev copy. */
export function requireFrom(dir: string): NodeJS.Require {
  return createRequire(join(dir, 'package.json'));
}

export const SHIM_CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Starts `rtm-shim proxy` and resolves with its URL and log. */
export async function startCli(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ url: string; child: ChildProcess; log: () => string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [SHIM_CLI, 'proxy', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`proxy exited ${code}: ${err}`)));
  });
  return {
    url,
    child,
    log: () => out + err,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
