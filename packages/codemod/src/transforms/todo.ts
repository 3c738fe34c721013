import { CODEMOD_MESSAGES, todoComment } from '@rtm-migrate/core';
import type { ASTPath } from 'jscodeshift';
import { leavesUnchanged } from '../plan.js';
import { commentLines, enclosingStatement, hasTodoAbove, insertBefore, isSiteNode, startOf, type AnyNode, type Transform } from './common.js';

const TYPES: Record<string, readonly string[]> = {
  'raw-url': ['StringLiteral', 'TemplateLiteral', 'Literal'],
  'rtm-client-option': ['NewExpression'],
  'method-table': ['StringLiteral', 'TemplateLiteral', 'Literal'],
  'unfollowed-name': ['StringLiteral', 'TemplateLiteral', 'Literal'],
  'legacy-data-store': ['CallExpression', 'FunctionExpression', 'FunctionDeclaration', 'MemberExpression'],
  // `new SlackBot(…)` of slackbots and `new slackAPI(…)` of slackbotapi log in from their constructors.
  'library-start': ['CallExpression', 'OptionalCallExpression', 'NewExpression'],
};

/**
 * Every site no other transform rewrote gets a `// TODO(rtm-migrate): …` comment above its statement,
 * naming the fields read and their replacement methods (once: a second run finds it and adds nothing).
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
    const types = TYPES[site.form] ?? ['CallExpression', 'OptionalCallExpression'];
    let found: ASTPath<AnyNode> | undefined;
    ctx.root.find(ctx.j.Node).forEach((p: ASTPath<AnyNode>) => {
      const n = p.node;
      if (found || !n.loc || !types.includes(n.type)) return;
      if (isSiteNode(n, site)) found = p;
    });
    const message =
      site.rewrite === 'todo'
        ? site.message
        : site.rewrite === 'helper-module' && site.reason !== undefined
          ? todoComment(site.reason, site.startOnlyFields)
          : // A rewrite that found no node to change: `--helper shim` is not suggested, the plan does not say whether it fits.
            todoComment(CODEMOD_MESSAGES.notAwaited(false), site.startOnlyFields);
    const statement = found ? enclosingStatement(found) : undefined;
    if (!statement) {
      ctx.outcomes.push({ site, rewrite: 'todo', changed: false, message });
      ctx.handled.add(site);
      continue;
    }
    const at = startOf(statement.node);
    // Comments attached before the statement belong above the TODO; babel counts them in leadingComments only.
    const already = hasTodoAbove(ctx.source, at);
    if (!already) insertBefore(ctx, at, commentLines(message));
    ctx.handled.add(site);
    ctx.outcomes.push({ site, rewrite: 'todo', changed: !already, message });
  }
};
