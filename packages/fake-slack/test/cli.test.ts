import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const NODE_ARGS = ['--import', 'tsx', CLI];

describe('fake-slack CLI', () => {
  it('a bad flag: one-line error, usage, exit 2, no stack trace', () => {
    const r = spawnSync(process.execPath, [...NODE_ARGS, '--users', '10', '--bogus'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^fake-slack: .*--bogus/);
    expect(r.stderr).toContain('usage: fake-slack');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const mode = spawnSync(process.execPath, [...NODE_ARGS, '--mode', 'nope'], { encoding: 'utf8' });
    expect(mode.status).toBe(2);
    expect(mode.stderr).toMatch(/--mode must be one of legacy, connect_required, connect_shape/);
  });

  it('--help: exit 0, every option of the usage line described on a line of its own', () => {
    const r = spawnSync(process.execPath, [...NODE_ARGS, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const [usage = '', options = ''] = r.stdout.split('\noptions:\n');
    const flags = [...usage.matchAll(/\[(--[a-z-]+)/g)].map((m) => m[1]!);
    expect(flags).toHaveLength(11);
    for (const flag of flags) expect(options, flag).toMatch(new RegExp(`^  ${flag}\\b.* \\S`, 'm'));
  });

  it('serves, logs one line per call without the token, exits on SIGINT', async () => {
    const child = spawn(process.execPath, [...NODE_ARGS, '--users', '2000', '--channels', '50', '--mode', 'connect_required', '--seed', 's'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += String(d)));
    const until = async (re: RegExp): Promise<RegExpMatchArray> => {
      for (let i = 0; i < 200; i++) {
        const m = re.exec(out);
        if (m) return m;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no ${re} in ${out}`);
    };
    const [, apiUrl] = await until(/listening: (http:\/\/127\.0\.0\.1:\d+\/api\/)/);
    expect(out).toMatch(/generated in \d+ ms: 2000 users/);
    const res = await fetch(`${apiUrl}rtm.start`, { method: 'POST', headers: { authorization: 'Bearer xoxb-test' } });
    expect(await res.json()).toMatchObject({ ok: false, error: 'rtm_connect_required' });
    await until(/rtm\.start 200 rtm_connect_required/);
    const callLines = out.split('\n').slice(3).filter(Boolean);
    expect(callLines).toEqual(['rtm.start 200 rtm_connect_required']);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGINT');
    });
    expect(code).toBe(0);
  });
});
