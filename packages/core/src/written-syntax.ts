import { deepFreeze } from './freeze.js';

/**
 * The syntax the code rtm-migrate writes into an app's existing files (the inline rewrites; the
 * generated helper module keeps to ES2016 with no async function, which Node 8 runs and Babel 5 and
 * 6 build with nothing to polyfill) may add, and what can build and run it. An app built by Babel 5
 * or 6 (`babel-core` below 7), held to an older Node (`engines.node`, a Dockerfile…) or compiled by an
 * older `typescript` fails on it at build or load time, so the codemod warns where a changed package
 * declares one of them. JavaScript rewrites write `||` and `(x || {}).y` where TypeScript ones write
 * `??` and `?.` (tsc lowers those to its target), so a JavaScript bot needs Node 10 (`for await`), not 14.
 *
 * - `features`: each syntax, as the warning names it, the ECMAScript edition that brought it, the
 *   first Node.js that runs it (`node`), the first TypeScript that parses it (`typescript`), and
 *   `babel6`: the packages that make Babel 6 parse it (a syntax or transform plugin, or a stage preset
 *   that holds one; Babel 6 parses none of these by default), or null for one Babel 5 and 6 parse and
 *   compile by default (ES2015's).
 * - `helperModule`: the first TypeScript that compiles the generated TypeScript helper module as it
 *   is (`typescript`), the first that compiles it as it is written for an older one (`older`), and
 *   what of it needs that one (`olderNeeds`).
 * - `babel5Only`: those only Babel 5 breaks (async functions: its default stage compiles them into
 *   `regeneratorRuntime` calls that fail without its polyfill; Node 8, Babel 6 and tsc take them).
 * - `babel4Also`: those Babel 4 breaks besides (it parses no `const` in a `for` head).
 * - `babelBefore6`: the package of Babel 4 and 5 (core and command line in one), which Babel 6 made a stub.
 * - `babel`: the first Babel 7 whose parser reads all of it by default and whose preset-env compiles
 *   it (`??` and `?.` since 7.8). Nothing written is newer than ES2020 (the helper module writes
 *   `60000`, not `60_000`: numeric separators are ES2021, Babel 7.11).
 * - `babelCore`: the package of Babel 5 and 6 (Babel 7 is `@babel/core`), and `babelCoreFixed`, the
 *   major from which that name is only Babel 7's bridge.
 * - `babelTools`: the tools that also declare a Babel 6 (or 5) build when `babel-core` is not the
 *   word (see BabelTool), with the major of each from which it runs Babel 7.
 */
const STAGE_PRESETS = ['babel-preset-stage-0', 'babel-preset-stage-1', 'babel-preset-stage-2', 'babel-preset-stage-3'];

export const WRITTEN_SYNTAX = deepFreeze({
  features: {
    nullish: { name: '`??`', edition: 'ES2020', node: '14.0.0', typescript: '3.7.0', babel6: [] as string[] },
    optional: { name: '`?.`', edition: 'ES2020', node: '14.0.0', typescript: '3.7.0', babel6: [] as string[] },
    forAwait: {
      name: '`for await`',
      edition: 'ES2018',
      node: '10.0.0',
      typescript: '2.3.0',
      babel6: ['babel-plugin-syntax-async-generators', 'babel-plugin-transform-async-generator-functions', ...STAGE_PRESETS],
    },
    objectSpread: {
      name: 'object spread',
      edition: 'ES2018',
      node: '8.3.0',
      typescript: '2.1.0',
      babel6: ['babel-plugin-syntax-object-rest-spread', 'babel-plugin-transform-object-rest-spread', ...STAGE_PRESETS],
    },
    async: { name: 'async functions', edition: 'ES2017', node: '7.6.0', typescript: '1.7.0', babel6: [] as string[] },
    // `const { x } = require('./rtm-start-data')`, and the helper module's own code: Node 4 and 5 parse no
    // destructuring (blind s69/10: engines.node 5.9.1). Babel 5 and 6 compile it by default (`null`: nothing to declare).
    destructuring: { name: 'destructuring', edition: 'ES2015', node: '6.0.0', typescript: '1.5.0', babel6: null },
    // `for (const name of list)`, as the helper module loops: Babel 4 (the `babel` package) rejects a `const` there
    // ("Unexpected token", blind s100/01: rauchg/slackin's build broke); Babel 5 and 6 compile it by default.
    loopHeadConst: { name: '`const` in a `for` head', edition: 'ES2015', node: '6.0.0', typescript: '1.5.0', babel6: null },
    // A type: TypeScript rewrites only (a transport's `Record<string, unknown>`); tsc erases it, so any Node runs the output.
    unknownType: { name: 'the type `unknown`', edition: 'TypeScript 3.0', node: '0.0.0', typescript: '3.0.0', babel6: [] as string[] },
  },
  babel5Only: ['async'],
  babel4Also: ['loopHeadConst'],
  babelBefore6: 'babel',
  // The TypeScript helper module's types: \`unknown\` (3.0) and \`readonly T[]\` (3.4); for an older TypeScript the
  // module is written with \`any\` and \`ReadonlyArray<T>\` instead, which 2.2 compiles (the \`object\` type is 2.2's).
  // Older than that, tsc reports errors and still emits JavaScript, broken where it misread it (blind s48/06, 2.9).
  helperModule: { typescript: '3.5.0', older: '2.2.0', olderNeeds: 'the `object` type' },
  babel: '7.8',
  babelCore: 'babel-core',
  babelCoreFixed: 7,
  babelTools: [
    // Babel 6's own packages: they depend on babel-core 6 themselves (a 7 bridge beside them does not
    // change theirs). There is no 7 of either: Babel 7's are @babel/cli and @babel/register.
    { name: 'babel-cli', babel7: 7, ownCore: true, upgrade: '@babel/cli' },
    { name: 'babel-register', babel7: 7, ownCore: true, upgrade: '@babel/register' },
    // Run the babel-core installed beside them: babel-loader 8.0.0 and gulp-babel 8.0.0 were the first
    // for Babel 7 (@babel/core); their 7.x are the Babel 6 ones ("Babel 6: npm install babel-loader@7
    // babel-core", gulp-babel's README the same with gulp-babel@7).
    { name: 'babel-loader', babel7: 8, ownCore: false, upgrade: 'babel-loader 8+' },
    { name: 'gulp-babel', babel7: 8, ownCore: false, upgrade: 'gulp-babel 8+' },
  ],
} as const);

/**
 * A build tool of Babel 6 and older: `name`, `babel7` (its first major for Babel 7), `ownCore` (it
 * depends on babel-core itself, so it runs Babel 6 whatever else is declared; otherwise it runs the
 * `babel-core` beside it, whose own declaration then says more), and `upgrade` (what replaces it
 * for Babel 7).
 */
export interface BabelTool {
  readonly name: string;
  readonly babel7: number;
  readonly ownCore: boolean;
  readonly upgrade: string;
}

/** A syntax of WRITTEN_SYNTAX.features. */
export type WrittenFeature = keyof typeof WRITTEN_SYNTAX.features;
