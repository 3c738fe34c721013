import { resolverOfSourceCode, type Resolver } from '@rtm-migrate/analysis';
import type { TSESLint } from '@typescript-eslint/utils';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const cache = new WeakMap<object, Resolver>();

/** The analysis' view of the file being linted, shared by the three rules. */
export function resolverFor(context: Context): Resolver {
  let resolver = cache.get(context.sourceCode);
  if (!resolver) {
    resolver = resolverOfSourceCode(context.sourceCode, context.physicalFilename);
    cache.set(context.sourceCode, resolver);
  }
  return resolver;
}
