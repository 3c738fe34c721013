import { dirname, join, relative } from 'node:path';
import { declaredRange, nearestManifest, type Manifest } from '@rtm-migrate/analysis/modules';
import { WRITTEN_SYNTAX, type BabelTool, type WrittenFeature } from '@rtm-migrate/core';
import semver from 'semver';
import type TypeScript from 'typescript';
import { sdkVersion } from '../helper-module/sdk-version.js';
import { runtimeNode } from './runtime-node.js';
import { javascriptFile, typescriptFile } from './discover.js';

/** A JavaScript file rtm-migrate writes: its text before (empty for a new file) and after. */
export interface WrittenFile {
  readonly file: string;
  readonly input: string;
  readonly output: string;
}

/**
 * Warnings for the packages whose code rtm-migrate writes newer syntax into (WRITTEN_SYNTAX) while
 * their package.json (the nearest one of each file) declares a toolchain that cannot read it. For
 * JavaScript: `babel-core` below 7 (Babel 5 and 6 fail on `??` with "Unexpected token") or a tool of
 * Babel 6 (WRITTEN_SYNTAX.babelTools: `babel-cli`, `babel-loader` 7…), or an `engines.node` whose every
 * version is older than Node 14 (without `engines`, the Node its Dockerfile's image, `.nvmrc`, `.node-version`
 * or `.tool-versions` names: runtimeNode). For TypeScript: a `typescript` whose every version is older than 3.7
 * (tsc lowers `??` and `?.` to its target, but parses them only from 3.7; Babel 5 and 6 do not read
 * TypeScript at all). Async functions (ES2017) count for Babel 5 only: its default stage compiles
 * them into `regeneratorRuntime` calls that fail without its polyfill, where Node 8, Babel 6 and tsc
 * take them. One warning per package and cause, naming the files.
 * Each file counts only for the syntax its rewrite added (more uses after than before), so a file
 * that already used `??` does not make the warning, and a package whose files only had a call
 * swapped gets none.
 */
export async function oldToolchainWarnings(cwd: string, written: readonly WrittenFile[]): Promise<string[]> {
  const js = written.filter((w) => javascriptFile(w.file));
  const typed = written.filter((w) => typescriptFile(w.file));
  if (js.length === 0 && typed.length === 0) return [];
  const ts = (await import('typescript')).default;
  const warnings: string[] = [];
  for (const { dir, files, features: all, sample } of packagesWithAddedSyntax(ts, js)) {
    const manifest = nearestManifest(dir)?.manifest ?? {};
    const where = relative(cwd, join(dir, 'package.json'));
    const babel = oldBabel(sample, manifest);
    const babel5 = babel !== undefined && 'major' in babel && babel.major <= 5;
    const beyond = beyondBabel5(all);
    const features = babel5 ? all : beyond;
    const what = `the code rtm-migrate writes into it (${files.join(', ')}) uses ${syntaxText(features)}`;
    if (features.size === 0) continue;
    if (babel && 'major' in babel) {
      const fails = babel5 && all.has('async') ? 'cannot parse or (async functions) compiles into `regeneratorRuntime` calls that fail without its polyfill' : 'cannot parse';
      warnings.push(`${where} declares \`${WRITTEN_SYNTAX.babelCore}\` ${babel.range}, and ${what}, which Babel ${babel.major} ${fails}: build with @babel/core ${WRITTEN_SYNTAX.babel}+ and @babel/preset-env, or run the written files untranspiled on Node ${WRITTEN_SYNTAX.node}+.`);
    } else if (babel) {
      warnings.push(`${where} declares \`${babel.tool.name}\` ${babel.range}, which runs Babel 6 or older, and ${what}, which Babel before 7 cannot parse: build with @babel/core ${WRITTEN_SYNTAX.babel}+, @babel/preset-env and ${babel.tool.upgrade}, or run the written files untranspiled on Node ${WRITTEN_SYNTAX.node}+.`);
    }
    const node = manifest.engines?.node;
    if (beyond.size > 0 && typeof node === 'string' && allowsOnlyBelow(node, `${WRITTEN_SYNTAX.node}.0.0`)) {
      warnings.push(`${where} allows only Node older than ${WRITTEN_SYNTAX.node} (engines.node \`${node}\`), and the code rtm-migrate writes into it (${files.join(', ')}) uses ${syntaxText(beyond)}, which those cannot run: allow Node ${WRITTEN_SYNTAX.node}+, or compile the written files with @babel/core ${WRITTEN_SYNTAX.babel}+ and @babel/preset-env.`);
    } else if (beyond.size > 0 && typeof node !== 'string') {
      // Without engines, the Node a Dockerfile or a version manager's file picks runs the bot.
      const runtime = runtimeNode(dir, cwd);
      if (runtime && runtime.major < WRITTEN_SYNTAX.node) {
        warnings.push(`${runtime.source} runs the package (${where}) on Node ${runtime.major}, and the code rtm-migrate writes into it (${files.join(', ')}) uses ${syntaxText(beyond)}, which Node ${runtime.major} cannot parse: move ${runtime.source} to Node ${WRITTEN_SYNTAX.node}+, or compile the written files with @babel/core ${WRITTEN_SYNTAX.babel}+ and @babel/preset-env.`);
      }
    }
  }
  for (const { dir, files, features: all } of packagesWithAddedSyntax(ts, typed)) {
    const features = beyondBabel5(all);
    if (features.size === 0) continue;
    const range = declaredRange(nearestManifest(dir)?.manifest ?? {}, 'typescript');
    if (range === undefined || !allowsOnlyBelow(range, `${WRITTEN_SYNTAX.typescript}.0`)) continue;
    const where = relative(cwd, join(dir, 'package.json'));
    warnings.push(`${where} allows only TypeScript older than ${WRITTEN_SYNTAX.typescript} (\`typescript\` ${range}), and the code rtm-migrate writes into it (${files.join(', ')}) uses ${syntaxText(features)}, which those cannot parse: allow TypeScript ${WRITTEN_SYNTAX.typescript}+.`);
  }
  return warnings;
}

/** The features of `features` that more than Babel 5 fails on. */
function beyondBabel5(features: ReadonlySet<WrittenFeature>): Set<WrittenFeature> {
  const only: readonly WrittenFeature[] = WRITTEN_SYNTAX.babel5Only;
  return new Set([...features].filter((f) => !only.includes(f)));
}

/** Whether every version a declared `range` allows is older than `version` (not for a range semver cannot read). */
function allowsOnlyBelow(range: string, version: string): boolean {
  return semver.validRange(range) !== null && semver.gtr(version, range);
}

/** A package some written files of which use syntax of WRITTEN_SYNTAX their rewrite added: those files, that syntax, and one of the files. */
interface AddedSyntax {
  readonly dir: string;
  readonly files: string[];
  readonly features: Set<WrittenFeature>;
  readonly sample: string;
}

/** The packages (by their nearest package.json) of the `written` files whose rewrite added syntax of WRITTEN_SYNTAX. */
function packagesWithAddedSyntax(ts: typeof TypeScript, written: readonly WrittenFile[]): AddedSyntax[] {
  const byPackage = new Map<string, AddedSyntax>();
  for (const w of written) {
    const before = featureCounts(ts, w.input);
    const after = featureCounts(ts, w.output);
    const added = [...after].filter(([f, n]) => n > (before.get(f) ?? 0)).map(([f]) => f);
    const found = nearestManifest(dirname(w.file));
    if (added.length === 0 || !found) continue;
    const entry = byPackage.get(found.dir) ?? { dir: found.dir, files: [], features: new Set(), sample: w.file };
    entry.files.push(relative(found.dir, w.file));
    for (const f of added) entry.features.add(f);
    byPackage.set(found.dir, entry);
  }
  return [...byPackage.values()];
}

/**
 * The Babel 5 or 6 a package declares, one declaration (so one warning) per package: its `babel-core`
 * when declared (the Babel that runs, with its major), else the first tool of Babel 6
 * (WRITTEN_SYNTAX.babelTools) it declares. A tool that runs the babel-core beside it counts only
 * without one declared: with 7's bridge beside it, babel-loader 7 runs Babel 7.
 */
function oldBabel(file: string, manifest: Manifest): { range: string; major: number } | { range: string; tool: BabelTool } | undefined {
  const core = declaredRange(manifest, WRITTEN_SYNTAX.babelCore);
  const major = belowMajor(file, WRITTEN_SYNTAX.babelCore, core, WRITTEN_SYNTAX.babelCoreFixed);
  if (core !== undefined && major !== undefined) return { range: core, major };
  for (const tool of WRITTEN_SYNTAX.babelTools) {
    if (!tool.ownCore && core !== undefined) continue;
    const range = declaredRange(manifest, tool.name);
    if (range !== undefined && belowMajor(file, tool.name, range, tool.babel7) !== undefined) return { range, tool };
  }
  return undefined;
}

/**
 * The major of `module` a file runs with (installed, locked, else the lowest the declared `range`
 * allows) when it is below `fixed`. Undefined when not declared, or for a range with no floor (`*`,
 * a URL): nothing certain to warn about.
 */
function belowMajor(file: string, module: string, range: string | undefined, fixed: number): number | undefined {
  if (range === undefined) return undefined;
  const version = sdkVersion(file, module);
  const major = version === undefined ? undefined : semver.coerce(version)?.major;
  return major !== undefined && major < fixed ? major : undefined;
}

/** `` `??` and `?.` (ES2020) ``: the features by edition, in WRITTEN_SYNTAX's order. */
function syntaxText(features: ReadonlySet<WrittenFeature>): string {
  const byEdition = new Map<string, string[]>();
  for (const [f, { name, edition }] of Object.entries(WRITTEN_SYNTAX.features)) {
    if (features.has(f as WrittenFeature)) byEdition.set(edition, [...(byEdition.get(edition) ?? []), name]);
  }
  return [...byEdition].map(([edition, names]) => `${names.join(' and ')} (${edition})`).join(' and ');
}

/**
 * How often the text uses each syntax of WRITTEN_SYNTAX, counted on TypeScript's scanner tokens (so
 * not in comments or strings; template literals are followed through their `${…}`). Regular
 * expressions are scanned as code: a `??` in one counts alike before and after the rewrite.
 */
function featureCounts(ts: typeof TypeScript, text: string): Map<WrittenFeature, number> {
  const counts = new Map<WrittenFeature, number>();
  const count = (f: WrittenFeature): void => void counts.set(f, (counts.get(f) ?? 0) + 1);
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  /** The brace depth at which each open template's `${` was entered. */
  const templates: number[] = [];
  let depth = 0;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.QuestionQuestionToken) count('nullish');
    else if (token === ts.SyntaxKind.AsyncKeyword) count('async');
    else if (token === ts.SyntaxKind.QuestionDotToken) count('optional');
    else if (token === ts.SyntaxKind.TemplateHead) templates.push(depth);
    else if (token === ts.SyntaxKind.OpenBraceToken) depth++;
    else if (token === ts.SyntaxKind.CloseBraceToken) {
      if (templates.at(-1) === depth) {
        if (scanner.reScanTemplateToken(false) === ts.SyntaxKind.TemplateTail) templates.pop();
      } else depth--;
    }
  }
  return counts;
}
