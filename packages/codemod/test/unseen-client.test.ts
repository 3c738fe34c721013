import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../src/plan.js';
import { cli, tempDir } from './helpers.js';

// A raw request made through the app's own function from another module (`httpsGet(url, (data) => …)`
// from './utils') is never rebuilt: the TODO says where the function comes from, whether rtm-migrate
// was run on that module, and what to change by hand. The real CLI on files on disk.
const APP = `import { httpsGet } from './utils';

export function load(token: string, keep: (team: unknown) => void): void {
  httpsGet(\`https://slack.com/api/rtm.start?token=\${token}\`, (data: string) => {
    const obj = JSON.parse(data);
    keep(obj);
  });
}
`;
const UTILS = `import * as https from 'https';

export function httpsGet(url: string, done: (body: string) => void): void {
  https.get(url, (res) => {
    let text = '';
    res.on('data', (chunk) => (text += chunk));
    res.on('end', () => done(text));
  });
}
`;

async function run(withUtils: boolean): Promise<{ message: string; out: string }> {
  const dir = await tempDir('rtm-migrate-unseen-client-');
  await writeFile(join(dir, 'app.ts'), APP);
  if (withUtils) await writeFile(join(dir, 'utils.ts'), UTILS);
  const scanned = await cli(['scan', '.', '--json'], dir);
  expect(scanned.stderr).toBe('');
  const [site, ...more] = (JSON.parse(scanned.stdout) as Plan).sites;
  expect(more).toEqual([]);
  expect(site?.rewrite).toBe('todo');
  const applied = await cli(['apply', '.', '--allow-dirty'], dir);
  expect(applied.code).toBe(0);
  expect(applied.stdout).toContain('TODOs left: 1');
  return { message: site?.message ?? '', out: await readFile(join(dir, 'app.ts'), 'utf8') };
}

describe("a request through the app's own function from another module", () => {
  it('names the module missing from the run and what to change by hand', async () => {
    const { message, out } = await run(false);
    expect(message).toContain("`httpsGet` comes from `./utils`, which is not among the files rtm-migrate was run on: how it sends the request and what it hands its callback are not known, so change this call by hand: make the request to `rtm.connect`, and fetch the data its answer is read for with the replacement methods above (through `httpsGet` or a Web API client).");
    expect(out).toContain('TODO(rtm-migrate)');
    expect(out).toContain('rtm.start?token=');
  });

  it('says a module in the run is not followed either', async () => {
    const { message } = await run(true);
    expect(message).toContain("`httpsGet` is the app's own function from `./utils`, and rtm-migrate does not follow a request made in another module: how it sends the request");
  });
});
