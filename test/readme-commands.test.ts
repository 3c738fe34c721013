import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const markdown = execFileSync('git', ['ls-files', '*.md'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);

// The commands' names are not packages of ours on npm: `npx rtm-migrate` would fetch and run whatever
// package of that name the registry holds. Every doc names the scoped package with `-p`.
it.each(markdown)('%s: runs the commands only through their scoped packages', (file) => {
  const text = readFileSync(join(root, file), 'utf8');
  expect(text).not.toMatch(/\b(?:npx|npm exec|pnpm dlx|yarn dlx)\s+(?:--\s+)?(?:rtm-migrate|rtm-shim)\b/);
});
