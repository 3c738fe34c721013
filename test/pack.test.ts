import { mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './support/run.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const packageDirs = (await readdir(join(root, 'packages'))).sort();
const TSC = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

interface Manifest {
  name: string;
  private?: boolean;
  license?: string;
  repository?: { url: string; directory: string };
  keywords?: string[];
  publishConfig?: { access: string; provenance: boolean };
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** [package dir, command, bin file] of every command a package installs. */
const commands = await Promise.all(
  packageDirs.map(async (dir) => {
    const { bin = {} } = JSON.parse(await readFile(join(root, 'packages', dir, 'package.json'), 'utf8')) as Manifest;
    return Object.entries(bin).map(([command, file]) => [dir, command, file] as const);
  }),
).then((lists) => lists.flat());

let work: string;
let app: string;
const manifests = new Map<string, Manifest>();

// Packs every workspace package the way `npm publish` sees it and unpacks the tarballs into the
// node_modules of an empty project outside the workspace. Their third-party dependencies are linked
// from the workspace's own install, so the check needs no registry: it proves what the tarball
// holds (files, `exports`, `.d.ts`), not what npm resolves.
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'rtm-migrate-pack-'));
  app = join(work, 'app');
  for (const dir of packageDirs) {
    const packageDir = join(root, 'packages', dir);
    const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as Manifest;
    manifests.set(dir, manifest);
    const packed = await run('pnpm', ['pack', '--pack-destination', work], { cwd: packageDir });
    expect(packed.code, packed.stderr).toBe(0);
    const tarball = (await readdir(work)).find((f) => f.startsWith(manifest.name.replace('@', '').replace('/', '-')))!;
    const target = join(app, 'node_modules', manifest.name);
    await mkdir(target, { recursive: true });
    const unpacked = await run('tar', ['-xzf', join(work, tarball), '-C', target, '--strip-components=1']);
    expect(unpacked.code, unpacked.stderr).toBe(0);
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) {
      const link = join(app, 'node_modules', dep);
      if (dep.startsWith('@rtm-migrate/') || existsSync(link)) continue;
      await mkdir(dirname(link), { recursive: true });
      await symlink(await realpath(join(packageDir, 'node_modules', dep)), link, 'dir');
    }
  }
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'pack-check', private: true, type: 'module' }));
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('published packages', () => {
  it.each(packageDirs)('packages/%s: the tarball holds dist with types, and imports outside the workspace', async (dir) => {
    const { name } = manifests.get(dir)!;
    const files = await readdir(join(app, 'node_modules', name, 'dist'));
    expect(files).toContain('index.js');
    expect(files).toContain('index.d.ts');
    expect(existsSync(join(app, 'node_modules', name, 'src'))).toBe(false);
    expect(existsSync(join(app, 'node_modules', name, 'test'))).toBe(false);
    const imported = await run(process.execPath, ['--input-type=module', '-e', `const m = await import('${name}'); console.log(Object.keys(m).length);`], {
      cwd: app,
    });
    expect(imported.stderr).toBe('');
    expect(Number(imported.stdout.trim())).toBeGreaterThan(0);
  });

  it.each(packageDirs)('packages/%s: LICENSE, CHANGELOG and the metadata a registry shows', (dir) => {
    const manifest = manifests.get(dir)!;
    for (const file of ['LICENSE', 'CHANGELOG.md', 'README.md']) expect(existsSync(join(app, 'node_modules', manifest.name, file)), file).toBe(true);
    expect(manifest.license).toBe('MIT');
    expect(manifest.repository).toEqual({ type: 'git', url: 'git+https://github.com/rtm-migrate/rtm-migrate.git', directory: `packages/${dir}` });
    expect(manifest.keywords?.length).toBeGreaterThan(2);
    if (!manifest.private) expect(manifest.publishConfig).toEqual({ access: 'public', provenance: true });
  });

  it.each(commands)('packages/%s: the %s command runs from the tarball', async (dir, command, file) => {
    const { name } = manifests.get(dir)!;
    const flag = command === 'fake-slack' ? '--help' : '--version';
    const ran = await run(process.execPath, [join(app, 'node_modules', name, file), flag], { cwd: app });
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(command === 'fake-slack' ? /^usage: fake-slack/ : /^0\.\d+\.\d+\n$/);
  });

  it('every package type-checks from its published .d.ts (NodeNext, strict)', async () => {
    const names = [...manifests.values()].map((m) => m.name);
    await writeFile(join(app, 'check.ts'), names.map((n, i) => `import * as m${i} from '${n}';\nvoid m${i};`).join('\n') + '\n');
    await writeFile(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ['check.ts'],
      }),
    );
    const checked = await run(process.execPath, [TSC, '-p', app]);
    expect(checked.stdout + checked.stderr).toBe('');
    expect(checked.code).toBe(0);
  });
});
