import {
  CODEMOD_MESSAGES,
  CONVERSATION_LIST_FIELDS,
  METHODS,
  RECOMMENDED_PAGE_SIZE,
  fieldFact,
  isRtmConnectArg,
} from '@rtm-migrate/core';
import type { ASTPath } from 'jscodeshift';
import type { PlanSite } from '../plan.js';
import {
  CALL_TYPES,
  addImport,
  commentLines,
  enclosingStatement,
  findSiteNode,
  freshName,
  indentUnit,
  insertBefore,
  text,
  type Transform,
  type TransformContext,
} from './common.js';

/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument --
   Nodes of jscodeshift's babel, tsx and flow parsers are read through the untyped `N`: the parsers disagree
   on shapes (Literal / StringLiteral, start / range). Typing them with ast-types' namedTypes is still to do. */
type N = any;

const WRAPPERS = new Set(['ChainExpression', 'TSAsExpression', 'TSNonNullExpression', 'ParenthesizedExpression', 'TSSatisfiesExpression', 'TSTypeAssertion']);

/** `x.rtm.start` → the member expression whose property is `start` (null for `apiCall`). */
function startMember(callee: N): N {
  const c = callee;
  if (c.type === 'MemberExpression' || c.type === 'OptionalMemberExpression') {
    const name = c.computed ? c.property.value : c.property.name;
    if (name === 'start') return c;
    if (name === 'call' || name === 'apply') return startMember(c.object);
  }
  return null;
}

/** The `rtm.connect` callee text for a method-form site. */
function connectCallee(ctx: TransformContext, member: N): string {
  const prop = member.property;
  const before = ctx.source.slice(member.start, prop.start);
  const after = ctx.source.slice(prop.end, member.end);
  const name = member.computed ? `${ctx.source[prop.start]}connect${ctx.source[prop.start]}` : 'connect';
  return before + name + after;
}

/** The arguments `rtm.connect` keeps (batch_presence_aware, presence_sub, token), as source text. */
function keptArgs(ctx: TransformContext, arg: N): string {
  if (!arg) return '';
  if (arg.type !== 'ObjectExpression') return text(ctx, arg);
  const kept = arg.properties.filter((p: N) => {
    const key = p.key?.name ?? p.key?.value;
    return key === 'token' || (typeof key === 'string' && isRtmConnectArg(key));
  });
  return kept.length === 0 ? '' : `{ ${kept.map((p: N) => text(ctx, p)).join(', ')} }`;
}

function boolArg(arg: N, name: string): boolean {
  if (arg?.type !== 'ObjectExpression') return false;
  const p = arg.properties.find((q: N) => (q.key?.name ?? q.key?.value) === name);
  if (!p) return false;
  const v = p.value;
  if (['BooleanLiteral', 'NumericLiteral', 'StringLiteral', 'Literal'].includes(v.type)) {
    return v.value !== false && v.value !== 0 && v.value !== '0' && v.value !== 'false' && v.value !== '';
  }
  return true;
}

interface CallParts {
  readonly call: N;
  /** Receiver of the Web API calls: `web`, `this.web`. */
  readonly client: string;
  /** The new call, `web.rtm.connect({ … })` / `web.apiCall('rtm.connect')`. */
  readonly connect: string;
  /** The call's options argument (undefined when there is none). */
  readonly args: N;
}

function callParts(ctx: TransformContext, site: PlanSite, call: N): CallParts | undefined {
  const callee = call.callee;
  const member = startMember(callee);
  if (member) {
    const rtm = member.object;
    const client = text(ctx, rtm.object);
    const isCallApply = member !== callee;
    if (isCallApply) {
      const how = callee.computed ? callee.property.value : callee.property.name;
      const rawArg = call.arguments[1];
      const arg = how === 'apply' && rawArg?.type === 'ArrayExpression' ? rawArg.elements[0] : rawArg;
      const kept = keptArgs(ctx, arg);
      const thisArg = call.arguments[0] ? text(ctx, call.arguments[0]) : client;
      const connect =
        how === 'apply'
          ? `${connectCallee(ctx, member)}.apply(${thisArg}, [${kept}])`
          : `${connectCallee(ctx, member)}.call(${thisArg}${kept ? `, ${kept}` : ''})`;
      return { call, client, connect, args: arg };
    }
    const arg = call.arguments[0];
    const kept = keptArgs(ctx, arg);
    const optionalCall = call.optional ? '?.' : '';
    return { call, client, connect: `${connectCallee(ctx, member)}${optionalCall}(${kept})`, args: arg };
  }
  if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression' || callee.type === 'Identifier') && call.arguments[0]) {
    if (site.form !== 'api-call' && site.form !== 'helper') return undefined;
    const first = call.arguments[0];
    const quote = first.type === 'StringLiteral' || first.type === 'Literal' ? ctx.source[first.start] : "'";
    const rest = call.arguments.slice(1);
    const arg = rest[0] && rest[0].type !== 'ArrowFunctionExpression' && rest[0].type !== 'FunctionExpression' ? rest[0] : undefined;
    const kept = keptArgs(ctx, arg);
    const tail = rest.map((a: N) => (a === arg ? kept : text(ctx, a))).filter((t: string) => t !== '');
    const calleeText = text(ctx, callee);
    const client = callee.type === 'Identifier' ? calleeText : text(ctx, callee.object);
    const connect = `${calleeText}(${[`${quote}${METHODS.rtmConnect}${quote}`, ...tail].join(', ')})`;
    return { call, client, connect, args: arg };
  }
  return undefined;
}

/** `await <call>` as a declaration's initializer or an assignment's right side, in a statement list. */
function awaitedStatement(path: ASTPath<N>): { awaitNode: N; statement: ASTPath<N> } | undefined {
  let p: ASTPath<N> = path;
  while (p.parent && WRAPPERS.has(p.parent.node.type)) p = p.parent;
  if (p.parent?.node.type !== 'AwaitExpression') return undefined;
  const awaitPath = p.parent as ASTPath<N>;
  let q: ASTPath<N> = awaitPath;
  while (q.parent && WRAPPERS.has(q.parent.node.type)) q = q.parent;
  const holder = q.parent?.node;
  if (!holder) return undefined;
  const ok =
    (holder.type === 'VariableDeclarator' && holder.init === q.node) ||
    (holder.type === 'AssignmentExpression' && holder.right === q.node && holder.operator === '=');
  if (!ok) return undefined;
  const statement = enclosingStatement(awaitPath);
  if (!statement) return undefined;
  if (statement.node.type !== 'VariableDeclaration' && statement.node.type !== 'ExpressionStatement') return undefined;
  return { awaitNode: awaitPath.node, statement };
}

const NAMES: Readonly<Record<string, readonly string[] | undefined> & Record<'team', readonly string[]>> = {
  users: ['allUsers', 'workspaceUsers', 'usersList'],
  channels: ['publicChannels', 'allChannels', 'channelList'],
  groups: ['privateChannels', 'allGroups', 'groupList'],
  mpims: ['groupDms', 'allMpims', 'mpimList'],
  ims: ['directMessages', 'allIms', 'imList'],
  team: ['teamInfo', 'teamDetails'],
};

interface ListPlan {
  readonly field: 'users' | keyof typeof CONVERSATION_LIST_FIELDS;
  readonly types: readonly string[];
  readonly members: boolean;
}

/** The code that fetches the start-only fields a site reads, before `rtm.connect`. */
function inlineFetch(ctx: TransformContext, site: PlanSite, parts: CallParts): { lines: string[]; props: string[] } {
  const ts = ctx.typescript;
  const unit = indentUnit(ctx.source);
  const fields = site.startOnlyFields;
  const tops = new Set(fields.map((f) => /^[^.[]*/.exec(f)?.[0] ?? f));
  const mpimAware = boolArg(parts.args, 'mpim_aware');
  const locale = boolArg(parts.args, 'include_locale');
  const localeArg = locale ? ', include_locale: true' : '';
  const limit = `limit: ${RECOMMENDED_PAGE_SIZE}`;
  const c = parts.client;
  const lists: ListPlan[] = [];
  if (tops.has('users')) lists.push({ field: 'users', types: [], members: false });
  for (const list of Object.keys(CONVERSATION_LIST_FIELDS) as (keyof typeof CONVERSATION_LIST_FIELDS)[]) {
    if (!tops.has(list)) continue;
    if (list === 'mpims' && !mpimAware) continue; // rtm.start sent `mpims` only with mpim_aware
    const types = list === 'groups' && !mpimAware ? ['private_channel', 'mpim'] : [CONVERSATION_LIST_FIELDS[list]];
    lists.push({ field: list, types, members: fields.includes(`${list}[].members`) });
  }
  const lines: string[] = [];
  const props: string[] = [];
  const methods = new Set<string>();
  const described: string[] = [];
  const loop = (target: string, call: string, type: string, key: string): void => {
    const iter = ts ? `${call} as AsyncIterable<${type}>` : call;
    lines.push(`for await (const page of ${iter}) {`, `${unit}${target}.push(...(page.${key} ?? []));`, '}');
  };
  for (const l of lists) {
    const name = freshName(ctx, NAMES[l.field] ?? [l.field]);
    props.push(l.field === name ? l.field : `${l.field}: ${name}`);
    if (l.field === 'users') {
      methods.add(METHODS.usersList);
      described.push('users');
      if (ts) addImport(ctx, '@slack/web-api', 'UsersListResponse', true);
      lines.push(ts ? `const ${name}: NonNullable<UsersListResponse['members']> = [];` : `const ${name} = [];`);
      loop(name, `${c}.paginate('${METHODS.usersList}', { ${limit}${localeArg} })`, 'UsersListResponse', fieldFact('users')?.replacements[0]?.resultField ?? 'members');
      continue;
    }
    methods.add(METHODS.conversationsList);
    described.push(l.members ? `${l.field} (with members)` : l.field);
    if (ts) addImport(ctx, '@slack/web-api', 'ConversationsListResponse', true);
    lines.push(ts ? `const ${name}: NonNullable<ConversationsListResponse['channels']> = [];` : `const ${name} = [];`);
    for (const type of l.types) {
      loop(name, `${c}.paginate('${METHODS.conversationsList}', { types: '${type}', ${limit}${localeArg} })`, 'ConversationsListResponse', 'channels');
    }
    if (l.members) {
      methods.add(METHODS.conversationsMembers);
      if (ts) addImport(ctx, '@slack/web-api', 'ConversationsMembersResponse', true);
      // rtm.start listed `members` on the public channels the bot was in (and on every group it could see).
      const skip = l.field === 'channels' ? '!conversation.is_member || !conversation.id' : '!conversation.id';
      const call = `${c}.paginate('${METHODS.conversationsMembers}', { channel: conversation.id, ${limit} })`;
      lines.push(
        `for (const conversation of ${name}) {`,
        `${unit}if (${skip}) continue;`,
        ts ? `${unit}const members: string[] = [];` : `${unit}const members = [];`,
        `${unit}for await (const page of ${ts ? `${call} as AsyncIterable<ConversationsMembersResponse>` : call}) {`,
        `${unit}${unit}members.push(...(page.members ?? []));`,
        `${unit}}`,
        `${unit}Object.assign(conversation, { members });`,
        '}',
      );
    }
  }
  const teamFields = fields.filter((f) => f.startsWith('team.'));
  if (teamFields.length > 0) {
    const name = freshName(ctx, NAMES.team);
    methods.add(METHODS.teamInfo);
    described.push('team details');
    lines.push(`const ${name} = await ${c}.team.info();`);
    props.push(`team: ${name}.team`);
  }
  const header = commentLines(CODEMOD_MESSAGES.inlineComment(described, [...methods]));
  return { lines: [...header, ...lines], props };
}

/** `rtm.start(args)` / `apiCall('rtm.start', args)` → `rtm.connect`, plus the calls that fetch what is read. */
export const rtmStartCallTransform: Transform = (ctx) => {
  for (const site of ctx.sites) {
    if (ctx.handled.has(site)) continue;
    if (!['method-call', 'call-apply', 'api-call', 'helper'].includes(site.form)) continue;
    if (!['inline', 'connect-only', 'shim'].includes(site.rewrite)) continue;
    const path = findSiteNode(ctx, site, CALL_TYPES);
    if (!path) continue;
    const call = path.node as N;
    const parts = callParts(ctx, site, call);
    if (!parts) continue;

    if (site.rewrite === 'connect-only') {
      ctx.edits.push({ start: call.start, end: call.end, text: parts.connect });
      ctx.handled.add(site);
      ctx.outcomes.push({ site, rewrite: 'connect-only', changed: true, message: site.message });
      continue;
    }
    if (site.rewrite === 'shim') {
      if (call.arguments.some((a: N) => a.type === 'SpreadElement')) continue;
      const args = parts.args ? `, ${text(ctx, parts.args)}` : '';
      ctx.edits.push({ start: call.start, end: call.end, text: `rtmStartCompat(${parts.client}${args})` });
      addImport(ctx, '@rtm-migrate/shim', 'rtmStartCompat', false);
      ctx.handled.add(site);
      ctx.outcomes.push({ site, rewrite: 'shim', changed: true, message: site.message });
      continue;
    }
    const target = awaitedStatement(path as ASTPath<N>);
    if (!target) continue; // left to the TODO transform
    const { lines, props } = inlineFetch(ctx, site, parts);
    insertBefore(ctx, target.statement.node.start, lines);
    const replacement = props.length > 0 ? `{ ...(await ${parts.connect}), ${props.join(', ')} }` : `await ${parts.connect}`;
    ctx.edits.push({ start: target.awaitNode.start, end: target.awaitNode.end, text: replacement });
    ctx.handled.add(site);
    ctx.outcomes.push({ site, rewrite: 'inline', changed: true, message: site.message });
  }
};

