import { readFileSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { cli, PATTERNS, tempDir } from './helpers.js';

const require = createRequire(import.meta.url);
/** The SARIF 2.1.0 JSON schema as @microsoft/jest-sarif ships it (draft-04). */
const SCHEMA = JSON.parse(
  readFileSync(join(dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'),
) as object;

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
      partialFingerprints: Record<string, string>;
    }[];
  }[];
}

describe('--report sarif', () => {
  it('is valid SARIF 2.1.0 with what GitHub code scanning needs', async () => {
    const dir = await tempDir('rtm-migrate-sarif-');
    await mkdir(join(dir, 'src', 'http'), { recursive: true });
    for (const name of ['method-call.input.ts', 'promise-chain.input.js', 'helper-post.input.js']) await cp(join(PATTERNS, name), join(dir, 'src', name));
    // needle in TypeScript: a TODO (its callback would lose the types needle gives it).
    await writeFile(join(dir, 'src', 'http', 'needle-start.ts'), "import needle from 'needle';\nneedle.post('https://slack.com/api/rtm.start', { token: 'xoxb-test' }, (err, resp, body) => console.log(body.users));\n");
    // Two sites with the same code in one file: their fingerprints must still differ.
    const twice = "web.rtm.start().then((res) => console.log(res.users.length));\n";
    await writeFile(join(dir, 'src', 'twice.js'), `const { WebClient } = require('@slack/web-api');\nconst web = new WebClient('xoxb-test');\n${twice}${twice}`);
    await writeFile(join(dir, 'src', 'broken.ts'), 'const x = await web.rtm.start({ no_unreads: true };\n');
    const r = await cli(['apply', '.', '--dry', '--report', 'sarif'], dir);
    expect(r.code).toBe(2); // the broken file failed; the report is written all the same
    const log = JSON.parse(r.stdout) as SarifLog;

    const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
    ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json') as object);
    const valid = ajv.validate(SCHEMA, log);
    expect(ajv.errors ?? [], ajv.errorsText()).toEqual([]);
    expect(valid).toBe(true);

    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe('rtm-migrate');
    expect(run.tool.driver.rules.length).toBeGreaterThan(0);
    for (const rule of run.tool.driver.rules) {
      expect(rule.id).toMatch(/^rtm-start-/);
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
    }
    const ruleIds = run.tool.driver.rules.map((x) => x.id);
    expect(run.results.length).toBeGreaterThanOrEqual(5);
    for (const res of run.results) {
      expect(ruleIds).toContain(res.ruleId);
      expect(run.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
      expect(res.message.text.length).toBeGreaterThan(0);
      expect(res.locations).toHaveLength(1);
      const loc = res.locations[0]!.physicalLocation;
      expect(loc.artifactLocation.uri).toMatch(/^src\/[\w./-]+$/); // relative, forward slashes
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.region.startColumn).toBeGreaterThanOrEqual(1);
      expect(Object.keys(res.partialFingerprints).length).toBeGreaterThan(0);
    }
    const uris = run.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('src/http/needle-start.ts');
    expect(uris).toContain('src/broken.ts');
    // Sites that still need a human (TODO, or rewritten with a TODO left) are warnings.
    const needle = run.results.find((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'src/http/needle-start.ts')!;
    expect(needle.ruleId).toBe('rtm-start-todo');
    expect(needle.level).toBe('warning');
    expect(uris.filter((uri) => uri === 'src/twice.js')).toHaveLength(2);
    // Fingerprints tell the sites apart.
    const prints = run.results.map((x) => JSON.stringify(x.partialFingerprints));
    expect(new Set(prints).size).toBe(prints.length);
  });
});
