import {
  CODEMOD_MESSAGES,
  CONVERSATION_LIST_FIELDS,
  METHODS,
  methodSwappedIn,
  RECOMMENDED_PAGE_SIZE,
  conversationTypesOf,
  fieldFact,
  isRtmConnectArg,
  isRtmStartOnlyArg,
  todoComment,
  topLevelField,
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
  endOf,
  isObjectLiteral,
  startOf,
  text,
  todoAbove,
  type AnyNode,
  type CallNode,
  type Transform,
  type TransformContext,
} from './common.js';
import { conversationStateType, inlineExtras, orElse } from './inline-extras.js';
import { removeProperties } from './drop-args.js';

/** `x.rtm.start`, `x['rtm']['start']`, `x.rtm?.start`. */
interface MemberNode extends AnyNode {
  readonly type: 'MemberExpression' | 'OptionalMemberExpression';
  readonly object: AnyNode;
  readonly property: AnyNode & { readonly name?: string; readonly value?: unknown };
  readonly computed?: boolean;
}

/** A call: its callee, its arguments, `?.()`. */
interface CallExpressionNode extends CallNode {
  readonly callee: AnyNode;
  readonly optional?: boolean;
}

/** What holds an awaited call: `const x = await …` or `x = await …`. */
interface HolderNode extends AnyNode {
  readonly init?: unknown;
  readonly right?: unknown;
  readonly operator?: string;
}

function isMember(node: AnyNode): node is MemberNode {
  return node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression';
}

/** The name a member expression's property spells out (`start`, `['start']`). */
function memberName(member: MemberNode): unknown {
  return member.computed ? member.property.value : member.property.name;
}

const WRAPPERS = new Set(['ChainExpression', 'TSAsExpression', 'TSNonNullExpression', 'ParenthesizedExpression', 'TSSatisfiesExpression', 'TSTypeAssertion']);

/** `x.rtm.start` → the member expression whose property is `start` (undefined for `apiCall`). */
function startMember(callee: AnyNode): MemberNode | undefined {
  if (!isMember(callee)) return undefined;
  const name = memberName(callee);
  if (name === 'start') return callee;
  if (name === 'call' || name === 'apply') return startMember(callee.object);
  return undefined;
}

/** The `rtm.connect` callee text for a method-form site. */
function connectCallee(ctx: TransformContext, member: MemberNode): string {
  const prop = member.property;
  const before = ctx.source.slice(startOf(member), startOf(prop));
  const after = ctx.source.slice(endOf(prop), endOf(member));
  const quote = ctx.source[startOf(prop)] ?? "'";
  const name = member.computed ? `${quote}connect${quote}` : 'connect';
  return before + name + after;
}

/** The arguments `rtm.connect` keeps (batch_presence_aware, presence_sub, token), as source text. */
function keptArgs(ctx: TransformContext, arg: AnyNode | undefined): string {
  if (!arg) return '';
  if (!isObjectLiteral(arg)) return text(ctx, arg);
  const kept = arg.properties.filter((p) => {
    const key = p.key?.name ?? p.key?.value;
    return key === 'token' || (typeof key === 'string' && isRtmConnectArg(key));
  });
  return kept.length === 0 ? '' : `{ ${kept.map((p) => text(ctx, p)).join(', ')} }`;
}

/**
 * The kept options followed by the arguments after them (a callback above all: never dropped), with
 * `{}` holding the options' place when none is left.
 */
function withTrailing(ctx: TransformContext, kept: string, trailing: readonly AnyNode[]): string {
  if (trailing.length === 0) return kept;
  return [kept || '{}', ...trailing.map((a) => text(ctx, a))].join(', ');
}

function boolArg(arg: AnyNode | undefined, name: string): boolean {
  if (!isObjectLiteral(arg)) return false;
  const p = arg.properties.find((q) => (q.key?.name ?? q.key?.value) === name);
  if (!p) return false;
  const v = p.value;
  if (!v) return true;
  if (['BooleanLiteral', 'NumericLiteral', 'StringLiteral', 'Literal'].includes(v.type)) {
    return v.value !== false && v.value !== 0 && v.value !== '0' && v.value !== 'false' && v.value !== '';
  }
  return true;
}

interface CallParts {
  readonly call: CallExpressionNode;
  /**
   * Receiver of the Web API calls: `web`, `this.web`; undefined for a facet held alone (`rtm.start()` on
   * an `rtm` imported or destructured from its client), which `rtm.connect` alone still fits.
   */
  readonly client: string | undefined;
  /** The new call, `web.rtm.connect({ … })` / `web.apiCall('rtm.connect')`. */
  readonly connect: string;
  /** The call's options argument (undefined when there is none). */
  readonly args: AnyNode | undefined;
}

function callParts(ctx: TransformContext, site: PlanSite, call: CallExpressionNode): CallParts | undefined {
  const callee = call.callee;
  const member = startMember(callee);
  if (member) {
    const rtm = member.object;
    if (!isMember(rtm) && rtm.type !== 'Identifier') return undefined;
    const client = isMember(rtm) ? text(ctx, rtm.object) : undefined;
    if (member !== callee && isMember(callee)) {
      if (client === undefined) return undefined;
      const how = memberName(callee);
      const rawArg = call.arguments[1];
      const elements = rawArg?.type === 'ArrayExpression' ? (rawArg as AnyNode & { elements: (AnyNode | null)[] }).elements : undefined;
      const arg = how === 'apply' && elements ? (elements[0] ?? undefined) : rawArg;
      const trailing = how === 'apply' ? (elements?.slice(1).filter((e): e is AnyNode => e !== null) ?? []) : call.arguments.slice(2);
      const kept = withTrailing(ctx, keptArgs(ctx, arg), trailing);
      const thisArgNode = call.arguments[0];
      const thisArg = thisArgNode ? text(ctx, thisArgNode) : client;
      const connect =
        how === 'apply'
          ? `${connectCallee(ctx, member)}.apply(${thisArg}, [${kept}])`
          : `${connectCallee(ctx, member)}.call(${thisArg}${kept ? `, ${kept}` : ''})`;
      return { call, client, connect, args: arg };
    }
    const arg = call.arguments[0];
    const kept = withTrailing(ctx, keptArgs(ctx, arg), call.arguments.slice(1));
    const optionalCall = call.optional ? '?.' : '';
    return { call, client, connect: `${connectCallee(ctx, member)}${optionalCall}(${kept})`, args: arg };
  }
  const at = site.methodAt ?? 0;
  const leading = leadingArgs(ctx, site, call);
  const first = call.arguments[at];
  if ((isMember(callee) || callee.type === 'Identifier') && first) {
    if (site.form !== 'api-call' && site.form !== 'helper') return undefined;
    const rest = call.arguments.slice(at + 1);
    const arg = rest[0] && rest[0].type !== 'ArrowFunctionExpression' && rest[0].type !== 'FunctionExpression' ? rest[0] : undefined;
    // The options keep their place (`{}` when none is left) while anything follows them: a callback
    // moved into it would be taken for the options and never called.
    const kept = arg ? withTrailing(ctx, keptArgs(ctx, arg), rest.slice(1)) : rest.map((a) => text(ctx, a)).join(', ');
    // A helper that reads or sets fields of its options is still given an object (see the scan's args-kept.ts).
    const tail = kept !== '' ? [kept] : site.argsKept ? ['{}'] : [];
    const calleeText = text(ctx, callee);
    const client = isMember(callee) ? text(ctx, callee.object) : calleeText;
    const connect = `${calleeText}(${[...leading, methodArgument(ctx, first, METHODS.rtmConnect), ...tail].join(', ')})`;
    return { call, client, connect, args: arg };
  }
  return undefined;
}

/** `web.rtm.start()` → `web.auth.test()`, `web.apiCall('rtm.start')` → `web.apiCall('auth.test')` (the scan's answerUnread: no argument but the method's name). */
function tokenCheckCall(ctx: TransformContext, site: PlanSite, call: CallExpressionNode, client: string): string {
  const optional = call.optional ? '?.' : '';
  if (site.form === 'method-call') return `${client}.auth.test${optional}()`;
  const method = methodArgument(ctx, call.arguments[site.methodAt ?? 0], METHODS.authTest);
  return `${text(ctx, call.callee)}${optional}(${[...leadingArgs(ctx, site, call), method].join(', ')})`;
}

/** The arguments before the method name (`apiRequest(token, 'rtm.start', …)`), which stay as they are. */
function leadingArgs(ctx: TransformContext, site: PlanSite, call: CallExpressionNode): string[] {
  return call.arguments.slice(0, site.methodAt ?? 0).map((a) => text(ctx, a));
}

/**
 * The method-name argument naming `method` instead: a string literal keeps its quotes and what surrounds the
 * name (`'/rtm.start'` → `'/rtm.connect'`: a helper joining it to its base URL as it is would otherwise lose the
 * slash); anything else becomes the name quoted.
 */
function methodArgument(ctx: TransformContext, first: AnyNode | undefined, method: string): string {
  const plainTemplate = first?.type === 'TemplateLiteral' && (first as AnyNode & { expressions: unknown[] }).expressions.length === 0;
  if (first && (first.type === 'StringLiteral' || first.type === 'Literal' || plainTemplate)) {
    const raw = text(ctx, first);
    return methodSwappedIn(raw, method) ?? `${raw.charAt(0)}${method}${raw.charAt(0)}`;
  }
  return `'${method}'`;
}

/** `await <call>` as a declaration's initializer or an assignment's right side, in a statement list. */
function awaitedStatement(path: ASTPath<AnyNode>): { awaitNode: AnyNode; statement: ASTPath<AnyNode> } | undefined {
  // ast-types types `parent` as always set; the Program's path has none.
  const parentOf = (p: ASTPath<AnyNode>): ASTPath<AnyNode> | undefined => p.parent as ASTPath<AnyNode> | undefined;
  let p = path;
  for (let up = parentOf(p); up && WRAPPERS.has(up.node.type); up = parentOf(p)) p = up;
  const awaitPath = parentOf(p);
  if (awaitPath?.node.type !== 'AwaitExpression') return undefined;
  let q = awaitPath;
  for (let up = parentOf(q); up && WRAPPERS.has(up.node.type); up = parentOf(q)) q = up;
  const holder: HolderNode | undefined = parentOf(q)?.node;
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
function inlineFetch(ctx: TransformContext, site: PlanSite, parts: CallParts, c: string): { lines: string[]; props: string[]; connection: string | undefined } {
  const ts = ctx.typescript;
  const unit = indentUnit(ctx.source);
  const fields = site.startOnlyFields;
  const tops = new Set(fields.map(topLevelField));
  const mpimAware = boolArg(parts.args, 'mpim_aware');
  const locale = boolArg(parts.args, 'include_locale');
  const localeArg = locale ? ', include_locale: true' : '';
  const simpleLatest = boolArg(parts.args, 'simple_latest');
  const noLatest = boolArg(parts.args, 'no_latest');
  const noUnreads = boolArg(parts.args, 'no_unreads');
  const limit = `limit: ${RECOMMENDED_PAGE_SIZE}`;
  const lists: ListPlan[] = [];
  // `bots` are read off users.list too.
  if (tops.has('users') || tops.has('bots')) lists.push({ field: 'users', types: [], members: false });
  for (const list of Object.keys(CONVERSATION_LIST_FIELDS) as (keyof typeof CONVERSATION_LIST_FIELDS)[]) {
    if (!tops.has(list)) continue;
    if (list === 'mpims' && !mpimAware) continue; // rtm.start sent `mpims` only with mpim_aware
    lists.push({ field: list, types: conversationTypesOf(list, mpimAware), members: fields.includes(`${list}[].members`) });
  }
  const lines: string[] = [];
  const props: string[] = [];
  const methods = new Set<string>();
  const described: string[] = [];
  const listNames: { field: string; name: string }[] = [];
  let usersName: string | undefined;
  const loop = (target: string, call: string, type: string, key: string): void => {
    const iter = ts ? `${call} as AsyncIterable<${type}>` : call;
    lines.push(`for await (const page of ${iter}) {`, `${unit}${target}.push(...(${orElse(ts, `page.${key}`, '[]')}));`, '}');
  };
  for (const l of lists) {
    const name = freshName(ctx, NAMES[l.field] ?? [l.field]);
    if (tops.has(l.field)) props.push(l.field === name ? l.field : `${l.field}: ${name}`);
    if (l.field === 'users') {
      usersName = name;
      methods.add(METHODS.usersList);
      if (tops.has('users')) described.push('users');
      if (ts) addImport(ctx, '@slack/web-api', 'UsersListResponse', true);
      lines.push(ts ? `const ${name}: NonNullable<UsersListResponse['members']> = [];` : `const ${name} = [];`);
      loop(name, `${c}.paginate('${METHODS.usersList}', { ${limit}${localeArg} })`, 'UsersListResponse', fieldFact('users')?.replacements[0]?.resultField ?? 'members');
      continue;
    }
    listNames.push({ field: l.field, name });
    methods.add(METHODS.conversationsList);
    described.push(l.members ? `${l.field} (with members)` : l.field);
    if (ts) addImport(ctx, '@slack/web-api', 'ConversationsListResponse', true);
    const stateType = ts ? conversationStateType(ctx, { fields, simpleLatest, noLatest, noUnreads }, l.field) : undefined;
    const listType = stateType ? `(NonNullable<ConversationsListResponse['channels']>[number] & ${stateType})[]` : "NonNullable<ConversationsListResponse['channels']>";
    lines.push(ts ? `const ${name}: ${listType} = [];` : `const ${name} = [];`);
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
        `${unit}${unit}members.push(...(${orElse(ts, 'page.members', '[]')}));`,
        `${unit}}`,
        `${unit}Object.assign(conversation, { members });`,
        '}',
      );
    }
  }
  const teamFields = fields.filter((f) => f.startsWith('team.') && !/^team\.prefs(\.|$)/.test(f));
  let teamInfo: string | undefined;
  if (teamFields.length > 0) {
    teamInfo = freshName(ctx, NAMES.team);
    methods.add(METHODS.teamInfo);
    described.push('team details');
    lines.push(`const ${teamInfo} = await ${c}.team.info();`);
  }
  const connection = fields.some((f) => /^(subteams|team\.prefs)(\.|$)/.test(f)) ? freshName(ctx, ['connection', 'rtmConnection']) : undefined;
  const extras = inlineExtras(
    ctx,
    {
      fields,
      client: c,
      users: usersName,
      lists: listNames,
      teamInfo,
      simpleLatest,
      noLatest,
      noUnreads,
    },
    connection ?? 'connection',
  );
  for (const m of extras.methods) methods.add(m);
  const header = commentLines(CODEMOD_MESSAGES.inlineComment([...described, ...extras.described], [...methods]));
  return { lines: [...header, ...lines, ...extras.lines], props: [...props, ...extras.props], connection: extras.usesConnection ? connection : undefined };
}

/** The start-only properties of the object literal a name given to the call holds (the plan saw it read only there). */
function dropHeldStartOnlyArgs(ctx: TransformContext, site: PlanSite): void {
  const held = site.heldArgs;
  if (!held) return;
  const objects: AnyNode[] = ctx.root.find(ctx.j.ObjectExpression).nodes();
  const obj = objects.find((o) => o.start === held.start && o.end === held.end);
  if (!isObjectLiteral(obj)) return;
  const props = obj.properties.filter((p) => {
    const key = p.key?.name ?? p.key?.value;
    return typeof key === 'string' && isRtmStartOnlyArg(key);
  });
  if (props.length > 0) removeProperties(ctx, obj, props);
}

/** `rtm.start(args)` / `apiCall('rtm.start', args)` → `rtm.connect`, plus the calls that fetch what is read. */
export const rtmStartCallTransform: Transform = (ctx) => {
  for (const site of ctx.sites) {
    if (ctx.handled.has(site)) continue;
    if (!['method-call', 'call-apply', 'api-call', 'helper'].includes(site.form)) continue;
    if (!['inline', 'connect-only', 'token-check', 'shim'].includes(site.rewrite)) continue;
    const path = findSiteNode(ctx, site, CALL_TYPES);
    if (!path) continue;
    const call = path.node as CallExpressionNode;
    const parts = callParts(ctx, site, call);
    if (!parts) continue;

    if (site.rewrite === 'token-check' && parts.client !== undefined) {
      ctx.edits.push({ start: startOf(call), end: endOf(call), text: tokenCheckCall(ctx, site, call, parts.client) });
      ctx.handled.add(site);
      ctx.outcomes.push({ site, rewrite: 'token-check', changed: true, message: site.message });
      continue;
    }
    if (site.rewrite === 'connect-only') {
      ctx.edits.push({ start: startOf(call), end: endOf(call), text: parts.connect });
      dropHeldStartOnlyArgs(ctx, site);
      ctx.handled.add(site);
      ctx.outcomes.push({ site, rewrite: 'connect-only', changed: true, message: site.message });
      continue;
    }
    if (parts.client === undefined) {
      // What fetches the fields read (or the shim) needs the client the facet came from.
      const message = todoComment(CODEMOD_MESSAGES.facetAlone(text(ctx, call.callee)), site.startOnlyFields);
      ctx.handled.add(site);
      ctx.outcomes.push({ site, rewrite: 'todo', changed: todoAbove(ctx, path, message), message });
      continue;
    }
    if (site.rewrite === 'shim') {
      if (call.arguments.some((a) => a.type === 'SpreadElement')) continue;
      const args = parts.args ? `, ${text(ctx, parts.args)}` : '';
      ctx.edits.push({ start: startOf(call), end: endOf(call), text: `rtmStartCompat(${parts.client}${args})` });
      addImport(ctx, '@rtm-migrate/shim', 'rtmStartCompat', false);
      ctx.handled.add(site);
      ctx.outcomes.push({ site, rewrite: 'shim', changed: true, message: site.message });
      continue;
    }
    const target = awaitedStatement(path);
    if (!target) continue; // left to the TODO transform
    const { lines, props, connection } = inlineFetch(ctx, site, parts, parts.client);
    insertBefore(ctx, startOf(target.statement.node), lines);
    const replacement = connection
      ? // A property built from rtm.connect's answer (`subteams.self`): computed once it is in.
        `await ${parts.connect}.then((${connection}) => ({ ...${connection}, ${props.join(', ')} }))`
      : props.length > 0
        ? `{ ...(await ${parts.connect}), ${props.join(', ')} }`
        : `await ${parts.connect}`;
    ctx.edits.push({ start: startOf(target.awaitNode), end: endOf(target.awaitNode), text: replacement });
    ctx.handled.add(site);
    ctx.outcomes.push({ site, rewrite: 'inline', changed: true, message: site.message });
  }
};

