import { spawn } from 'node:child_process';

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a Node program as a bot is run: in its folder, with a fake bot token and the Slack API base
 * URL in the environment and nothing else of the test's environment but PATH.
 */
export function runNodeBot(
  main: string,
  options: { cwd: string; apiUrl: string; token?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
  return run(process.execPath, [main], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: options.token ?? 'xoxb-test', SLACK_API_URL: options.apiUrl, ...options.env },
    timeoutMs: options.timeoutMs ?? 120_000,
  });
}

/** Runs a command to completion, capturing its output; never throws on a non-zero exit. */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 120_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    // A child that exits before reading its input closes the pipe: that is not a failure of the run.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
