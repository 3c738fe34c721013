import { HELPER_LIBRARY_STARTS } from '@rtm-migrate/core';
import { escapeExtras, knownDataFields } from '../helper-module/escape-extras.js';
import { extrasOptions } from '../helper-module/extras.js';
import type { PlanSite } from '../plan.js';
import { addImport, endOf, findSiteNode, startOf, type AnyNode, type TransformContext } from './common.js';

/** The parts of a `bot.startRTM(…)` / `client.login()` / `new SlackBot(…)` / `SlackBot.call(this, …)` this transform reads. */
interface StartNode extends AnyNode {
  readonly callee?: StartNode;
  readonly superClass?: StartNode | null;
  readonly object?: StartNode;
  readonly arguments?: readonly StartNode[];
}

/** What the wrapper is handed: the receiver of the start call, the class of `new` or the parent of a subclass, or the instance a constructor is called on. */
function wrappedOf(start: StartNode, wraps: 'receiver' | 'class' | 'instance'): StartNode | undefined {
  if (wraps === 'class') return start.superClass ?? start.callee;
  if (wraps === 'instance') return start.arguments?.[0];
  return start.callee?.type === 'MemberExpression' ? start.callee.object : undefined;
}

/**
 * `X.startRTM(cb)` → `withBotkitRtmStart(X).startRTM(cb)`; `X.login()` → `withSlackClientRtmStart(X).login()`; `new SlackBot(opts)` →
 * `new (withSlackbotsRtmStart(SlackBot))(opts)`; `class X extends SlackBot` → `class X extends withSlackbotsRtmStart(SlackBot)`; `SlackBot.call(this, opts)` → `SlackBot.call(withSlackbotsRtmStartOn(this), opts)`:
 * the expression keeps its value and its place, and the
 * library's own `rtm.start` request is answered by the generated module (with the extras the data,
 * handed to the app's callback or kept on the bot, may carry, as optional). False when the expression
 * is not as planned (nothing is changed then).
 */
export function wrapLibraryStart(ctx: TransformContext, site: PlanSite, module: string): boolean {
  if (!site.library) return false;
  const { export: name, wraps } = HELPER_LIBRARY_STARTS[site.library];
  const path = findSiteNode(ctx, site, wraps === 'class' ? ['NewExpression', 'ClassDeclaration', 'ClassExpression'] : ['CallExpression']);
  if (!path) return false;
  const wrapped = wrappedOf(path.node, wraps);
  if (!wrapped || wrapped.type === 'SpreadElement') return false;
  const extras = extrasOptions(site.startOnlyFields, escapeExtras(site), knownDataFields(site));
  // A `new` callee that is a call must be parenthesised, or `new` would take the wrapper itself (a call may stand after `extends`).
  const [open, close] = path.node.type === 'NewExpression' ? ['(', ')'] : ['', ''];
  ctx.edits.push({ start: startOf(wrapped), end: startOf(wrapped), text: `${open}${name}(` });
  ctx.edits.push({ start: endOf(wrapped), end: endOf(wrapped), text: `${extras ? `, ${extras}` : ''})${close}` });
  addImport(ctx, module, name, false);
  return true;
}
