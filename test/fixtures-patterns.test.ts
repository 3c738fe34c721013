import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// fixtures/patterns is the shared input of the lint and codemod tests: every file parses (TS and JS),
// has its `// Form:` header, is in the tsconfig project and the README table; the BOM/CRLF files are
// what their names say; the project type-checks apart from modules the fixture does not install.
const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'patterns');
const problems: string[] = [];
const files = readdirSync(dir).filter((f) => /\.input\.(ts|js)$/.test(f)).sort();
const readme = readFileSync(join(dir, 'README.md'), 'utf8');

for (const f of files) {
  const raw = readFileSync(join(dir, f));
  const hasBom = raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
  const text = raw.toString('utf8').replace(/^\uFEFF/, '');
  const hasCrlf = text.includes('\r\n');
  if (hasBom !== /-bom\.|-crlf-bom\./.test(f)) problems.push(`${f}: BOM ${hasBom ? 'present' : 'missing'}`);
  if (hasCrlf !== /-crlf(-bom)?\./.test(f)) problems.push(`${f}: CRLF ${hasCrlf ? 'present' : 'missing'}`);
  if (hasCrlf && /[^\r]\n/.test(text)) problems.push(`${f}: mixed line endings`);
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  if (!/^\/\/ Form: .+ \(reference §7\)$/.test(header)) problems.push(`${f}: bad header ${JSON.stringify(header)}`);
  if (f.startsWith('negative-') !== header.startsWith('// Form: NEGATIVE,')) problems.push(`${f}: NEGATIVE marker`);
  if (!readme.includes('| `' + f + '` |')) problems.push(`${f}: not in README table`);
  const lines = text.split(/\r?\n/).length;
  if (lines > 45) problems.push(`${f}: ${lines} lines`);
}

const config = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d: import('typescript').Diagnostic) => problems.push(`tsconfig: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`),
});
const inProject = new Set(config!.fileNames.map((f: string) => f.split('/').pop()));
for (const f of files) if (!inProject.has(f)) problems.push(`${f}: not in tsconfig.json (list .js files in "files")`);

const program = ts.createProgram(config!.fileNames, config!.options);
const allowed = new Set([2307, 7006, 7031]); // missing module, and the implicit anys it causes
for (const sf of program.getSourceFiles()) {
  if (sf.fileName.includes('/node_modules/')) continue;
  const name = sf.fileName.split('/').pop();
  for (const d of program.getSyntacticDiagnostics(sf)) problems.push(`${name}: syntax: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  for (const d of program.getSemanticDiagnostics(sf)) {
    if (allowed.has(d.code)) continue;
    const line = sf.getLineAndCharacterOfPosition(d.start ?? 0).line + 1;
    problems.push(`${name}:${line}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  }
}


it(`fixtures/patterns: ${files.length} well-formed pattern files`, () => {
  expect(files.length).toBeGreaterThanOrEqual(58);
  expect(problems).toEqual([]);
});
