import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRtmStartOnlyArg, isStartOnlyField } from '@rtm-migrate/core';
import { expect, it } from 'vitest';

// fixtures/real-world holds published packages as they ship plus hand-made expected findings. This
// checks that the ground truth still points at what it claims (so nobody edited a shipped file or
// mistyped a line), that each package carries its license, and that the README lists it.
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'real-world');
const readme = readFileSync(join(dir, 'README.md'), 'utf8');
const packages = readdirSync(dir).filter((d) => statSync(join(dir, d)).isDirectory()).sort();

interface Located {
  file: string;
  line: number;
}
interface Expected {
  name: string;
  version: string;
  license: string;
  kind: 'positive' | 'negative';
  why: string;
  sites: (Located & { form: string })[];
  args: (Located & { arg: string })[];
  fields: (Located & { field: string })[];
  escapes: (Located & { why: string })[];
}

const problems: string[] = [];
let positives = 0;
let negatives = 0;

for (const pkg of packages) {
  const root = join(dir, pkg);
  const expected = JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8')) as Expected;
  const manifest = JSON.parse(readFileSync(join(root, 'package', 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    license?: string;
    /** npm's older form (slack-client 1.4.1's): `[{ type: 'MIT', url }]`. */
    licenses?: { type?: string }[];
  };
  const say = (what: string) => problems.push(`${pkg}: ${what}`);

  if (pkg !== `${expected.name.replace('/', '+')}@${expected.version}`) say('folder name is not <name>@<version> ("+" for "/")');
  if (manifest.name !== expected.name || manifest.version !== expected.version) say('package.json disagrees with expected.json');
  const license = manifest.license ?? manifest.licenses?.[0]?.type;
  if (!license || !expected.license.startsWith(license)) say(`license ${expected.license} vs package.json ${license}`);
  const licenseFile = readdirSync(join(root, 'package')).some((f) => /^licen[cs]e/i.test(f));
  if (!licenseFile && !expected.license.includes('no LICENSE file')) say('no license file and no note saying so');
  if (expected.kind === 'positive') positives++;
  else negatives++;
  if ((expected.kind === 'positive') !== expected.sites.length > 0) say(`kind ${expected.kind} with ${expected.sites.length} sites`);
  if (expected.kind === 'negative' && expected.args.length + expected.fields.length + expected.escapes.length > 0) say('negative with findings');
  if (!readme.includes(`| \`${expected.name}\` | ${expected.version} |`)) say('not in README table');

  const lineOf = (at: Located): string | undefined => {
    const path = join(root, at.file);
    if (!at.file.startsWith('package/') || !existsSync(path)) {
      say(`${at.file} missing`);
      return undefined;
    }
    const text = readFileSync(path, 'utf8').split(/\r?\n/)[at.line - 1];
    if (text === undefined) say(`${at.file}:${at.line} past the end`);
    return text;
  };
  for (const site of expected.sites) lineOf(site);
  for (const escape of expected.escapes) lineOf(escape);
  for (const arg of expected.args) {
    if (!isRtmStartOnlyArg(arg.arg)) say(`${arg.arg} is not a start-only argument`);
    if (!lineOf(arg)?.includes(arg.arg)) say(`${arg.file}:${arg.line} does not pass ${arg.arg}`);
  }
  for (const field of expected.fields) {
    if (!isStartOnlyField(field.field)) say(`${field.field} is not a start-only field`);
    const text = lineOf(field) ?? '';
    // A read names the field, or is a data-store look-up (getUserById, getChannelOrGroupByName…).
    if (!text.includes(field.field) && !/[.]get[A-Z]\w*By\w+\(/.test(text)) say(`${field.file}:${field.line} does not read ${field.field}`);
  }
}

it(`fixtures/real-world: ${packages.length} packages, expected findings point at what they claim`, () => {
  expect(positives).toBeGreaterThanOrEqual(8);
  expect(negatives).toBeGreaterThanOrEqual(6);
  expect(problems).toEqual([]);
});
