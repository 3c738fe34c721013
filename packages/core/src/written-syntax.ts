import { deepFreeze } from './freeze.js';

/**
 * The newest syntax in the code rtm-migrate writes into an app (the generated helper module and the
 * inline rewrites), and what can build and run it. An app built by Babel 5 or 6 (`babel-core` below
 * 7) or held to Node before 14 (`engines.node`) fails on it at build or load time, so the codemod
 * warns where a changed package declares either.
 *
 * - `features`: each syntax, as the warning names it, and the ECMAScript edition that brought it.
 * - `node`: the first Node.js major that runs all of it (`??` and `?.` came in 14.0; numeric
 *   separators already in 12.5).
 * - `babel`: the first Babel 7 whose parser reads all of it by default and whose preset-env compiles
 *   it (`??` and `?.` since 7.8; numeric separators since 7.11, babel/babel#11864).
 * - `babelCore`: the package of Babel 5 and 6 (Babel 7 is `@babel/core`), and `babelCoreFixed`, the
 *   major from which that name is only Babel 7's bridge.
 */
export const WRITTEN_SYNTAX = deepFreeze({
  features: {
    nullish: { name: '`??`', edition: 'ES2020' },
    optional: { name: '`?.`', edition: 'ES2020' },
    separator: { name: 'numeric separators such as `60_000`', edition: 'ES2021' },
  },
  node: 14,
  babel: '7.11',
  babelCore: 'babel-core',
  babelCoreFixed: 7,
} as const);

/** A syntax of WRITTEN_SYNTAX.features. */
export type WrittenFeature = keyof typeof WRITTEN_SYNTAX.features;
