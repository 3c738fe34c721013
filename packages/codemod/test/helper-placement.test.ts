import { access, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as runProcess } from '../../../test/support/run.js';
import { cli, ROOT, tempDir } from './helpers.js';

/**
 * Where the generated helper module goes when sites in several folders call it: beside the first site of
 * the app's own source, not in `bin/`, `example/` or `test/` (which use the source: blind s51/07 had
 * `lib/norrisbot.js` require `../bin/rtm-start-data`), nor in `dist/` or `build/` (which a build may
 * empty: blind s47/10; or the folder the package's scripts build into, s71/17). Each project is written to disk and migrated by the CLI.
 */
const SITE = `const { WebClient } = require('@slack/web-api');
const web = new WebClient(process.env.SLACK_BOT_TOKEN);
module.exports = function connect() {
  return web.rtm.start().then((res) => res);
};
`;

async function project(folders: readonly string[], scripts: Readonly<Record<string, string>> = {}): Promise<string> {
  const dir = await tempDir('rtm-migrate-helper-placement-');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bot', private: true, scripts, dependencies: { '@slack/web-api': '^6.0.0' } }));
  for (const folder of folders) {
    await mkdir(join(dir, folder), { recursive: true });
    await writeFile(join(dir, folder, 'connect.js'), SITE);
  }
  return dir;
}

const exists = (file: string): Promise<boolean> => access(file).then(() => true, () => false);

describe('the helper module beside the first site of the app’s own source', () => {
  it.each([
    { folders: ['bin', 'lib'], home: 'lib' },
    { folders: ['build', 'example', 'src'], home: 'src' },
    { folders: ['dist', 'test'], home: 'test' },
    { folders: ['app', 'lib'], home: 'app' },
    // The folder the package's build writes is output whatever its name (blind s71/17: `babel -d lib src`, both committed).
    { folders: ['lib', 'src'], build: 'babel --optional runtime --stage 1 -d lib src', home: 'src' },
    { folders: ['lib', 'source'], build: 'tsc --outDir=lib && cp x lib', home: 'source' },
    { folders: ['lib', 'src'], build: 'babel src --out-dir "src"', home: 'lib' },
    { folders: ['lib', 'src'], build: 'babel -d . src', home: 'lib' },
  ])('sites in $folders, build script $build: generated in $home/', async ({ folders, build, home }) => {
    const dir = await project(folders, build === undefined ? {} : { build });
    const run = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`changed: ${String(folders.length + 1)} (${home}/rtm-start-data.js`);
    for (const folder of folders) {
      expect(await exists(join(dir, folder, 'rtm-start-data.js')), folder).toBe(folder === home);
      const specifier = folder === home ? './rtm-start-data' : `../${home}/rtm-start-data`;
      expect(await readFile(join(dir, folder, 'connect.js'), 'utf8')).toContain(`require('${specifier}')`);
    }
  });
});

/**
 * Not in a folder the project's own code lists file by file (a commands folder its index requires entry by
 * entry; blind s124/08: an SDK fork's test requiring every file of `lib/clients/web/facets` as a facet
 * failed with `Facet is not a constructor`), but in the nearest folder above it within the package.
 */
describe('the helper module outside a folder the project lists file by file', () => {
  const LOADER = `const fs = require('fs');
module.exports = fs.readdirSync(__dirname).filter((f) => f !== 'index.js').map((f) => typeof require('./' + f));
`;
  it.each([
    { site: 'commands/connect.js', lister: 'commands/index.js', listing: LOADER, home: '' },
    { site: 'lib/clients/web/facets/rtm.js', lister: 'test/facets.js', listing: "const path = require('path');\nmodule.exports = require('fs').readdirSync(path.resolve('lib', 'clients', 'web', 'facets'));\n", home: 'lib/clients/web/' },
    { site: 'lib/handlers/connect.js', lister: 'lib/load.js', listing: "const path = require('path');\nmodule.exports = require('fs').readdirSync(path.join(__dirname, 'handlers'), { withFileTypes: true });\n", home: 'lib/' },
    // A folder held in a variable cannot be known: the module goes beside the site.
    { site: 'lib/handlers/connect.js', lister: 'lib/load.js', listing: "module.exports = (dir) => require('fs').readdirSync(dir);\n", home: 'lib/handlers/' },
  ])('site $site, listed by $lister: generated in $home', async ({ site, lister, listing, home }) => {
    const dir = await project([]);
    await mkdir(join(dir, site, '..'), { recursive: true });
    await writeFile(join(dir, site), SITE);
    await mkdir(join(dir, lister, '..'), { recursive: true });
    await writeFile(join(dir, lister), listing);
    const run = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`(${home}rtm-start-data.js`);
    expect(await exists(join(dir, home, 'rtm-start-data.js'))).toBe(true);
    if (lister === 'commands/index.js') {
      // The loader, run (with @slack/web-api from fixtures/bots): it still finds one command, a function, and not the generated module.
      await symlink(join(ROOT, 'fixtures', 'bots', 'node_modules'), join(dir, 'node_modules'), 'dir');
      const loaded = await runProcess(process.execPath, ['-e', "process.stdout.write(JSON.stringify(require('./commands')))"], { cwd: dir });
      expect(loaded.stdout).toBe('["function"]');
    }
  });
});
