import { CODEMOD_MESSAGES, TODO_MARKER, todoComment } from '@rtm-migrate/core';
import type { ASTPath } from 'jscodeshift';
import { leavesUnchanged, type PlanSite } from '../plan.js';
import {
  CALL_TYPES,
  dropTodoAbove,
  enclosingStatement,
  findSiteNode,
  placeTodo,
  startOf,
  type AnyNode,
  type Transform,
  type TransformContext,
} from './common.js';

const TYPES: Record<string, readonly string[]> = {
  'raw-url': ['StringLiteral', 'TemplateLiteral', 'Literal'],
  'rtm-client-option': ['NewExpression'],
  'method-table': ['StringLiteral', 'TemplateLiteral', 'Literal'],
  'unfollowed-name': ['StringLiteral', 'TemplateLiteral', 'Literal'],
  'stand-in': ['AssignmentExpression', 'CallExpression', 'Property', 'ObjectProperty'],
  'legacy-data-store': ['CallExpression', 'FunctionExpression', 'FunctionDeclaration', 'MemberExpression'],
  // `new SlackBot(…)` of slackbots and `new slackAPI(…)` of slackbotapi log in from their constructors, as do the instances of a class extending slackbots'.
  'library-start': ['CallExpression', 'OptionalCallExpression', 'NewExpression', 'ClassDeclaration', 'ClassExpression'],
};

/** The statement a site's TODO goes above: the one holding its node. */
function siteStatement(ctx: TransformContext, site: PlanSite): ASTPath<AnyNode> | undefined {
  const found = findSiteNode(ctx, site, TYPES[site.form] ?? CALL_TYPES);
  return found ? enclosingStatement(found) : undefined;
}

/**
 * Every site no other transform rewrote gets a `// TODO(rtm-migrate): …` comment above its statement,
 * naming the fields read and their replacement methods (once: a second run finds it and adds nothing,
 * or brings it up to date where the reason changed).
 */
export const todoTransform: Transform = (ctx) => {
  for (const site of ctx.sites) {
    if (ctx.handled.has(site)) continue;
    if (leavesUnchanged(site.rewrite)) {
      // Right as it is once the rest of its package is rewritten: a report line, no comment.
      ctx.handled.add(site);
      ctx.outcomes.push({ site, rewrite: site.rewrite, changed: false, message: site.message });
      continue;
    }
    const message =
      site.rewrite === 'todo'
        ? site.message
        : site.rewrite === 'helper-module' && site.reason !== undefined
          ? todoComment(site.reason, site.startOnlyFields)
          : // A rewrite that found no node to change: `--helper shim` is not suggested, the plan does not say whether it fits.
            todoComment(CODEMOD_MESSAGES.notAwaited(false), site.startOnlyFields);
    const statement = siteStatement(ctx, site);
    if (!statement) {
      ctx.outcomes.push({ site, rewrite: 'todo', changed: false, message });
      ctx.handled.add(site);
      continue;
    }
    ctx.handled.add(site);
    // Comments attached before the statement belong above the TODO; babel counts them in leadingComments only.
    ctx.outcomes.push({ site, rewrite: 'todo', changed: placeTodo(ctx, startOf(statement.node), message), message });
  }
};

/**
 * Removes the earlier runs' TODOs above the statements of sites this run settled (rewrote, or found
 * right as they are; see dropTodoAbove). A site it left alone keeps the one above its statement: still
 * blocked, or handled by a transform not run (jscodeshift's runner runs one at a time).
 */
export function dropStaleTodos(ctx: TransformContext): void {
  // Most files never had one: no site's node is looked up again for them.
  if (!ctx.source.includes(TODO_MARKER)) return;
  const settled = new Set(ctx.outcomes.filter((o) => o.rewrite !== 'todo').map((o) => o.site));
  const statements = (sites: readonly PlanSite[]): Set<number> =>
    new Set(
      sites
        .map((site) => siteStatement(ctx, site))
        .filter((s) => s !== undefined)
        .map((s) => startOf(s.node)),
    );
  const kept = statements(ctx.sites.filter((s) => !settled.has(s)));
  for (const at of statements([...settled])) if (!kept.has(at)) dropTodoAbove(ctx, at);
}
