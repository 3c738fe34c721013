import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './support/run.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const packageDirs = (await readdir(join(root, 'packages'))).sort();
let work: string;
const tarballs = new Map<string, string>();

// Packs every workspace package the way `npm publish` would see it, then installs the tarballs into
// an empty project outside the workspace and imports each one there.
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rtm-migrate-pack-'));
  for (const dir of packageDirs) {
    const packed = await run('pnpm', ['pack', '--pack-destination', work], { cwd: join(root, 'packages', dir) });
    expect(packed.code, packed.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(join(root, 'packages', dir, 'package.json'), 'utf8')) as { name: string };
    const file = (await readdir(work)).find((f) => f.startsWith(manifest.name.replace('@', '').replace('/', '-')));
    tarballs.set(manifest.name, join(work, file!));
  }
  const app = join(work, 'app');
  await run('mkdir', ['-p', app]);
  await writeFile(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'pack-check',
      private: true,
      type: 'module',
      dependencies: Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${file}`])),
      // Tarballs depend on each other by version; point those at the local tarballs too.
      pnpm: { overrides: Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${file}`])) },
    }),
  );
  const installed = await run('pnpm', ['install', '--prefer-offline', '--ignore-workspace', '--config.auto-install-peers=true'], {
    cwd: app,
    timeoutMs: 300_000,
  });
  expect(installed.code, installed.stderr + installed.stdout).toBe(0);
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('published packages', () => {
  it.each(packageDirs)('packages/%s installs from its tarball and imports with types', async (dir) => {
    const manifest = JSON.parse(await readFile(join(root, 'packages', dir, 'package.json'), 'utf8')) as {
      name: string;
      exports: Record<string, { types: string }>;
    };
    const listing = await run('tar', ['-tzf', tarballs.get(manifest.name)!]);
    expect(listing.stdout).toContain('package/dist/index.js');
    expect(listing.stdout).toContain('package/dist/index.d.ts');
    expect(listing.stdout).not.toMatch(/package\/(src|test)\//);
    const imported = await run('node', ['--input-type=module', '-e', `const m = await import('${manifest.name}'); console.log(Object.keys(m).length);`], {
      cwd: join(work, 'app'),
    });
    expect(imported.stderr).toBe('');
    expect(Number(imported.stdout.trim())).toBeGreaterThan(0);
  });
});
