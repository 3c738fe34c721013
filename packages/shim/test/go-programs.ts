import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROOT } from '../../../test/support/legacy-bot.js';
import { run } from '../../../test/support/run.js';

/** Where Debian's golang-*-dev packages put their sources. */
const DEBIAN_GOPATH = '/usr/share/gocode';
const GO_SOURCES = join(ROOT, 'test', 'clients', 'go');

/**
 * Whether `go` runs and the Debian package that ships `importPath` is installed. When not, says so
 * on the console (naming the package to install) so that a skipped suite is never silent.
 */
export function hasGoLibrary(importPath: string, debianPackage: string, testFile: string, what: string): boolean {
  const found = spawnSync('go', ['version']).status === 0 && existsSync(join(DEBIAN_GOPATH, 'src', importPath));
  if (!found) {
    console.warn(
      `${testFile}: skipping ${what}: \`go\` or Debian's ${importPath} sources are missing ` +
        `(apt-get install golang-go ${debianPackage}; .ci/run installs them)`,
    );
  }
  return found;
}

export interface GoPrograms {
  /** The built binary of a program of test/clients/go. */
  path(program: string): string;
  remove(): void;
}

/**
 * Builds programs of test/clients/go as they are, in GOPATH mode (GO111MODULE=off): the libraries and
 * their dependencies from Debian's GOPATH, the programs (package `rtmclients/…`) from a temporary one.
 */
export async function buildGoPrograms(programs: readonly string[]): Promise<GoPrograms> {
  const dir = mkdtempSync(join(tmpdir(), 'rtm-shim-go-'));
  const sources = join(dir, 'src', 'rtmclients');
  cpSync(GO_SOURCES, sources, { recursive: true });
  const env = { ...process.env, GO111MODULE: 'off', GOPATH: `${dir}:${DEBIAN_GOPATH}`, GOFLAGS: '' };
  for (const program of programs) {
    const out = await run('go', ['build', '-o', join(dir, program), `./${program}`], { cwd: sources, env, timeoutMs: 240_000 });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
  }
  return { path: (program) => join(dir, program), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
