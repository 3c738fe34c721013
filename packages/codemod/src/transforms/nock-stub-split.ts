import { addImport, styled, type Transform } from './common.js';

/** The options the scan writes itself (in single quotes): the others are the test's own text, kept as written. */
const WRITTEN_OPTIONS = /^(?:prefix|query|verb): /;

/**
 * A test's nock interceptor for `rtm.start`, whose tested code now builds the data through the generated
 * module: `nock(base).post('/rtm.start').times(2).reply(200, answer)` → `stubRtmStart(nock(base), answer,
 * { prefix: '/', times: 2, status: 200 })`, which answers each replacement method on that scope; one handed on
 * before its answer, `rtmStartInterceptor(nock(base), { prefix: '/' })` (see scan/nock-stub-split.ts).
 */
export const nockStubSplitTransform: Transform = (ctx) => {
  const module = ctx.helperModule;
  if (!module) return;
  for (const site of ctx.sites) {
    const stub = site.stub;
    if (ctx.handled.has(site) || site.rewrite !== 'helper-module' || !stub) continue;
    const options = stub.options.map((option) => (WRITTEN_OPTIONS.test(option) ? styled(ctx, option) : option));
    ctx.edits.push({ start: stub.start, end: stub.end, text: `${stub.call}(${[stub.scope, ...(stub.answer === undefined ? [] : [stub.answer])].join(', ')}, { ${options.join(', ')} })` });
    addImport(ctx, module, stub.call, false);
    ctx.handled.add(site);
    ctx.outcomes.push({ site, rewrite: 'helper-module', changed: true, message: site.message });
  }
};
