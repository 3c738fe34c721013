import { dirname, join, relative } from 'node:path';
import { declaredRange, nearestManifest, type Manifest } from '@rtm-migrate/analysis/modules';
import { WRITTEN_SYNTAX, type BabelTool, type WrittenFeature } from '@rtm-migrate/core';
import semver from 'semver';
import type TypeScript from 'typescript';
import { typescriptKnown } from '../helper-module/older-typescript.js';
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
 * JavaScript: `babel-core` below 7 or a tool of Babel 6 (WRITTEN_SYNTAX.babelTools: `babel-cli`,
 * `babel-loader` 7…), which fail on `for await` and object spread with "Unexpected token" unless the
 * package declares the plugin or stage preset that parses them (Babel 5 on async functions too: its
 * default stage compiles them into `regeneratorRuntime` calls that fail without its polyfill); an
 * `engines.node` whose every version is older than a written syntax's Node (without `engines`, the
 * Node its Dockerfile's image, `.nvmrc`, `.node-version` or `.tool-versions` names: runtimeNode). For
 * TypeScript: a `typescript` whose every version is older than one that parses what is written (`??`
 * and `?.` from 3.7; tsc lowers them to its target; Babel 5 and 6 do not read TypeScript at all).
 * One warning per package and cause, naming the files and only the syntax that cause cannot take.
 * Each file counts only for the syntax its rewrite added (more uses after than before), so a file
 * that already used `for await` does not make the warning, and a package whose files only had a call
 * swapped gets none.
 */
export async function oldToolchainWarnings(cwd: string, written: readonly WrittenFile[]): Promise<string[]> {
  const js = written.filter((w) => javascriptFile(w.file));
  const typed = written.filter((w) => typescriptFile(w.file));
  if (js.length === 0 && typed.length === 0) return [];
  const ts = (await import('typescript')).default;
  const warnings: string[] = [];
  for (const { dir, filesUsing, features: all, sample } of packagesWithAddedSyntax(ts, js)) {
    const manifest = nearestManifest(dir)?.manifest ?? {};
    const where = relative(cwd, join(dir, 'package.json'));
    const uses = (features: ReadonlySet<WrittenFeature>): string => `the code rtm-migrate writes into it (${filesUsing(features).join(', ')}) uses ${syntaxText(features)}`;
    const compile = `compile the written files with @babel/core ${WRITTEN_SYNTAX.babel}+ and @babel/preset-env`;
    const babel = oldBabel(sample, manifest);
    const babel5 = babel !== undefined && 'major' in babel && babel.major <= 5;
    const babel4 = babel !== undefined && 'major' in babel && babel.major <= 4;
    const babel4Also: readonly WrittenFeature[] = WRITTEN_SYNTAX.babel4Also;
    // Babel 6 parses a syntax of ES2018 where the package declares the plugin or preset that adds it.
    const babelFails = only(babel5 ? all : beyondBabel5(all), (f) => {
      const plugins = WRITTEN_SYNTAX.features[f].babel6;
      return (babel4 && babel4Also.includes(f)) || (plugins !== null && (babel5 || !plugins.some((p) => declaredRange(manifest, p) !== undefined)));
    });
    const untranspiled = `run the written files untranspiled on Node ${shortVersion(newest(all, 'node'))}+`;
    if (babel && 'major' in babel) {
      const fails = babel5 && all.has('async') ? 'cannot parse or (async functions) compiles into `regeneratorRuntime` calls that fail without its polyfill' : 'cannot parse';
      if (babelFails.size > 0) warnings.push(`${where} declares \`${babel.name}\` ${babel.range}, and ${uses(babelFails)}, which Babel ${babel.major} ${fails}: build with @babel/core ${WRITTEN_SYNTAX.babel}+ and @babel/preset-env, or ${untranspiled}.`);
    } else if (babel && babelFails.size > 0) {
      warnings.push(`${where} declares \`${babel.tool.name}\` ${babel.range}, which runs Babel 6 or older, and ${uses(babelFails)}, which Babel before 7 cannot parse: build with @babel/core ${WRITTEN_SYNTAX.babel}+, @babel/preset-env and ${babel.tool.upgrade}, or ${untranspiled}.`);
    }
    const node = manifest.engines?.node;
    if (typeof node === 'string') {
      const beyond = only(all, (f) => allowsOnlyBelow(node, WRITTEN_SYNTAX.features[f].node));
      const needed = shortVersion(newest(beyond, 'node'));
      if (beyond.size > 0) warnings.push(`${where} allows only Node older than ${needed} (engines.node \`${node}\`), and ${uses(beyond)}, which those cannot run: allow Node ${needed}+, or ${compile}.`);
    } else {
      // Without engines, the Node a Dockerfile or a version manager's file picks runs the bot (its newest
      // minor: a `node:8` image is 8.17, which runs object spread).
      const runtime = runtimeNode(dir, cwd);
      const beyond = runtime ? only(all, (f) => runtime.major < semver.major(WRITTEN_SYNTAX.features[f].node)) : new Set<WrittenFeature>();
      if (runtime && beyond.size > 0) {
        warnings.push(`${runtime.source} runs the package (${where}) on Node ${runtime.major}, and ${uses(beyond)}, which Node ${runtime.major} cannot parse: move ${runtime.source} to Node ${shortVersion(newest(beyond, 'node'))}+, or ${compile}.`);
      }
    }
  }
  for (const { dir, filesUsing, features: all } of packagesWithAddedSyntax(ts, typed)) {
    const range = declaredRange(nearestManifest(dir)?.manifest ?? {}, 'typescript');
    const beyond = range === undefined ? new Set<WrittenFeature>() : only(all, (f) => allowsOnlyBelow(range, WRITTEN_SYNTAX.features[f].typescript));
    if (range === undefined || beyond.size === 0) continue;
    const needed = shortVersion(newest(beyond, 'typescript'));
    const where = relative(cwd, join(dir, 'package.json'));
    warnings.push(`${where} allows only TypeScript older than ${needed} (\`typescript\` ${range}), and the code rtm-migrate writes into it (${filesUsing(beyond).join(', ')}) uses ${syntaxText(beyond)}, which those cannot compile: allow TypeScript ${needed}+.`);
  }
  for (const [dir, created] of byPackage(typed.filter((w) => w.input === ''))) {
    const files = created.map((w) => relative(dir, w.file));
    const where = relative(cwd, join(dir, 'package.json'));
    // Blind s59/15: a TypeScript project of tsc 2.0's era that declares no `typescript` (a global tsc) got the 3.5+ module unsaid.
    // (A package whose TypeScript is known older than the module's oldest form gets no module: its sites are TODOs.)
    if (created[0] && !typescriptKnown(created[0].file)) {
      warnings.push(`Nothing says which TypeScript compiles the package of ${where} (no \`typescript\` installed, locked or declared), and the module rtm-migrate generates into it (${files.join(', ')}) is written for TypeScript ${shortVersion(WRITTEN_SYNTAX.helperModule.typescript)}+: declare the \`typescript\` it builds with (a run then writes the module for it, down to ${shortVersion(WRITTEN_SYNTAX.helperModule.older)}).`);
    }
  }
  return warnings;
}

/** The features of `features` that more than Babel 5 fails on. */
function beyondBabel5(features: ReadonlySet<WrittenFeature>): Set<WrittenFeature> {
  const babel5Only: readonly WrittenFeature[] = WRITTEN_SYNTAX.babel5Only;
  return only(features, (f) => !babel5Only.includes(f));
}

function only(features: ReadonlySet<WrittenFeature>, keep: (f: WrittenFeature) => boolean): Set<WrittenFeature> {
  return new Set([...features].filter(keep));
}

/** The newest `node` or `typescript` version the features need. */
function newest(features: ReadonlySet<WrittenFeature>, tool: 'node' | 'typescript'): string {
  return [...features].map((f) => WRITTEN_SYNTAX.features[f][tool]).reduce((a, b) => (semver.gt(b, a) ? b : a), '0.0.0');
}

/** `14` for 14.0.0, `8.3` for 8.3.0, `3.7` for 3.7.0. */
function shortVersion(version: string): string {
  return semver.minor(version) === 0 ? String(semver.major(version)) : `${String(semver.major(version))}.${String(semver.minor(version))}`;
}

/** Whether every version a declared `range` allows is older than `version` (not for a range semver cannot read). */
function allowsOnlyBelow(range: string, version: string): boolean {
  return semver.validRange(range) !== null && semver.gtr(version, range);
}

/** A package some written files of which use syntax of WRITTEN_SYNTAX their rewrite added: those files (the ones that added any of given syntax), that syntax, and one of the files. */
interface AddedSyntax {
  readonly dir: string;
  readonly filesUsing: (features: ReadonlySet<WrittenFeature>) => string[];
  readonly features: Set<WrittenFeature>;
  readonly sample: string;
}

/** The `written` files by package (the folder of each one's nearest package.json), in their order. */
function byPackage<W extends WrittenFile>(written: readonly W[]): Map<string, W[]> {
  const packages = new Map<string, W[]>();
  for (const w of written) {
    const found = nearestManifest(dirname(w.file));
    if (found) packages.set(found.dir, [...(packages.get(found.dir) ?? []), w]);
  }
  return packages;
}

/** The packages (by their nearest package.json) of the `written` files whose rewrite added syntax of WRITTEN_SYNTAX. */
function packagesWithAddedSyntax(ts: typeof TypeScript, written: readonly WrittenFile[]): AddedSyntax[] {
  const adding = written.flatMap((w) => {
    const before = featureCounts(ts, w.input, typescriptFile(w.file));
    const added = [...featureCounts(ts, w.output, typescriptFile(w.file))].filter(([f, n]) => n > (before.get(f) ?? 0)).map(([f]) => f);
    return added.length > 0 ? [{ ...w, added }] : [];
  });
  return [...byPackage(adding)].map(([dir, files]) => ({
    dir,
    filesUsing: (features: ReadonlySet<WrittenFeature>) => files.filter((w) => w.added.some((f) => features.has(f))).map((w) => relative(dir, w.file)),
    features: new Set(files.flatMap((w) => w.added)),
    sample: files[0]?.file ?? dir,
  }));
}

/**
 * The Babel 5 or 6 a package declares, one declaration (so one warning) per package: its `babel-core`
 * when declared (the Babel that runs, with its major), else the first tool of Babel 6
 * (WRITTEN_SYNTAX.babelTools) it declares. A tool that runs the babel-core beside it counts only
 * without one declared: with 7's bridge beside it, babel-loader 7 runs Babel 7.
 */
function oldBabel(file: string, manifest: Manifest): { name: string; range: string; major: number } | { range: string; tool: BabelTool } | undefined {
  const core = declaredRange(manifest, WRITTEN_SYNTAX.babelCore);
  const major = belowMajor(file, WRITTEN_SYNTAX.babelCore, core, WRITTEN_SYNTAX.babelCoreFixed);
  if (core !== undefined && major !== undefined) return { name: WRITTEN_SYNTAX.babelCore, range: core, major };
  // Babel 4 and 5 were one package, `babel` (from 6 a stub that only says to install babel-cli).
  const whole = declaredRange(manifest, WRITTEN_SYNTAX.babelBefore6);
  const wholeMajor = belowMajor(file, WRITTEN_SYNTAX.babelBefore6, whole, 6);
  if (whole !== undefined && wholeMajor !== undefined) return { name: WRITTEN_SYNTAX.babelBefore6, range: whole, major: wholeMajor };
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
 * expressions are scanned as code: a `??` in one counts alike before and after the rewrite. The type
 * `unknown` counts in TypeScript (`typed`) only.
 */
function featureCounts(ts: typeof TypeScript, text: string, typed: boolean): Map<WrittenFeature, number> {
  const DECLARES = new Set([ts.SyntaxKind.ConstKeyword, ts.SyntaxKind.LetKeyword, ts.SyntaxKind.VarKeyword]);
  const counts = new Map<WrittenFeature, number>();
  const count = (f: WrittenFeature): void => void counts.set(f, (counts.get(f) ?? 0) + 1);
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  /** The brackets open where the scanner is: `{`, `[`, `(`, and `${` of a template. */
  const open: string[] = [];
  let previous = ts.SyntaxKind.Unknown;
  let beforePrevious = ts.SyntaxKind.Unknown;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; beforePrevious = previous, previous = token, token = scanner.scan()) {
    if (token === ts.SyntaxKind.QuestionQuestionToken) count('nullish');
    else if (token === ts.SyntaxKind.ConstKeyword && previous === ts.SyntaxKind.OpenParenToken && beforePrevious === ts.SyntaxKind.ForKeyword) count('loopHeadConst');
    // `const {` / `let [` / `var {`: a declaration that destructures (parameters are not counted).
    else if ((token === ts.SyntaxKind.OpenBraceToken || token === ts.SyntaxKind.OpenBracketToken) && DECLARES.has(previous)) {
      count('destructuring');
      open.push(token === ts.SyntaxKind.OpenBraceToken ? '{' : '[');
    }
    else if (token === ts.SyntaxKind.AsyncKeyword) count('async');
    else if (token === ts.SyntaxKind.UnknownKeyword && typed) count('unknownType');
    else if (token === ts.SyntaxKind.QuestionDotToken) count('optional');
    else if (token === ts.SyntaxKind.AwaitKeyword && previous === ts.SyntaxKind.ForKeyword) count('forAwait');
    // `...` right inside braces spreads into (or rests out of) an object; in `[…]` or `(…)` it is older.
    else if (token === ts.SyntaxKind.DotDotDotToken && open.at(-1) === '{') count('objectSpread');
    else if (token === ts.SyntaxKind.TemplateHead) open.push('${');
    else if (token === ts.SyntaxKind.OpenBraceToken) open.push('{');
    else if (token === ts.SyntaxKind.OpenBracketToken) open.push('[');
    else if (token === ts.SyntaxKind.OpenParenToken) open.push('(');
    else if (token === ts.SyntaxKind.CloseBracketToken || token === ts.SyntaxKind.CloseParenToken) open.pop();
    else if (token === ts.SyntaxKind.CloseBraceToken) {
      if (open.at(-1) === '${') {
        if (scanner.reScanTemplateToken(false) === ts.SyntaxKind.TemplateTail) open.pop();
      } else open.pop();
    }
  }
  return counts;
}
