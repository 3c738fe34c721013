import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveRelativeModule } from '../src/modules.js';

/** A package with both `lib/slack.js` and `lib/slack/index.js`, where the specifier decides which one Node loads. */
async function layout(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rtm-migrate-modules-'));
  await mkdir(join(dir, 'lib', 'slack'), { recursive: true });
  for (const file of ['index.js', 'lib/index.js', 'lib/main.js', 'lib/slack.js', 'lib/slack/index.js', 'lib/slack/rtm.js']) await writeFile(join(dir, file), '');
  return dir;
}

describe('relative module specifiers, resolved as Node resolves them', () => {
  it('try the file first, then the folder', async () => {
    const dir = await layout();
    const from = join(dir, 'lib', 'main.js');
    expect(resolveRelativeModule(from, './slack')).toBe(join(dir, 'lib', 'slack.js'));
    expect(resolveRelativeModule(from, './slack/rtm')).toBe(join(dir, 'lib', 'slack', 'rtm.js'));
  });

  it('with a trailing slash, `.` or `..`, name the folder only', async () => {
    const dir = await layout();
    const from = join(dir, 'lib', 'main.js');
    expect(resolveRelativeModule(from, './slack/')).toBe(join(dir, 'lib', 'slack', 'index.js'));
    expect(resolveRelativeModule(from, '.')).toBe(join(dir, 'lib', 'index.js'));
    expect(resolveRelativeModule(from, '..')).toBe(join(dir, 'index.js'));
    expect(resolveRelativeModule(join(dir, 'lib', 'slack', 'rtm.js'), '../')).toBe(join(dir, 'lib', 'index.js'));
  });

  it("load a folder with a package.json by its `main` (a file or a folder), else by its index (blind s45/11: `require('./')` in the package's bin)", async () => {
    const dir = await layout();
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bot', main: 'lib/main' }));
    await writeFile(join(dir, 'cli.js'), '');
    expect(resolveRelativeModule(join(dir, 'cli.js'), './')).toBe(join(dir, 'lib', 'main.js'));
    expect(resolveRelativeModule(join(dir, 'cli.js'), '.')).toBe(join(dir, 'lib', 'main.js'));
    await writeFile(join(dir, 'lib', 'slack', 'package.json'), JSON.stringify({ main: './rtm.js' }));
    expect(resolveRelativeModule(join(dir, 'lib', 'main.js'), './slack/')).toBe(join(dir, 'lib', 'slack', 'rtm.js'));
    // A `main` naming no file, or the folder itself: its index, as Node falls back to it.
    const other = await layout();
    await writeFile(join(other, 'package.json'), JSON.stringify({ name: 'bot', main: './' }));
    await writeFile(join(other, 'lib', 'package.json'), JSON.stringify({ main: 'gone.js' }));
    expect(resolveRelativeModule(join(other, 'lib', 'main.js'), '..')).toBe(join(other, 'index.js'));
    expect(resolveRelativeModule(join(other, 'index.js'), './lib')).toBe(join(other, 'lib', 'index.js'));
  });

  it('find a `.es6` or `.es` file by its full name only (without it, Node finds one only once babel-register added the extension)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rtm-migrate-modules-es6-'));
    for (const file of ['bot.es6', 'setup.es6', 'roster.es']) await writeFile(join(dir, file), '');
    const from = join(dir, 'bot.es6');
    expect(resolveRelativeModule(from, './setup.es6')).toBe(join(dir, 'setup.es6'));
    expect(resolveRelativeModule(from, './roster.es')).toBe(join(dir, 'roster.es'));
    expect(resolveRelativeModule(from, './setup')).toBeUndefined();
  });

  it('leave package names to the package resolution', () => {
    expect(resolveRelativeModule('/x/a.js', '@slack/client')).toBeUndefined();
  });
});
