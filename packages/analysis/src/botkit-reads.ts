import { BOTKIT } from '@rtm-migrate/core';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

import { descendants, isFunction, memberName, outermost, programOf, unwrap, variableOf } from './ast.js';
import { workerEscapes } from './botkit-escapes.js';
import { followParameter, isSignificantEscape } from './flow.js';
import { originOf } from './origin.js';
import type { Resolver } from './resolver.js';

type Node = TSESTree.Node;

/**
 * Every read of `rtm.start`'s data a Botkit 0.x bot's `startRTM(cb)` makes reachable, where all of them are
 * known: Botkit's own (BOTKIT.reads), the callback's off the data it is handed (followed as a response is),
 * and the project's off what the worker keeps (`bot.identity.name`, `bot.team_info.domain`: core's names,
 * `self.name`, `team.domain`). The worker is handed to every handler Botkit calls, wherever it is written,
 * so its members are looked for in every file of the project by name. Undefined (the whole data) where any
 * use is not known: the callback not written here, reading `arguments`, or its data escaping (a part that
 * may hold anything: the whole data, `self`, a list); a kept part
 * used whole (`bot.identity` stored, tested, printed, destructured), written, or read by a name not static
 * (`bot.team_info[key]`, `'team_info'` as a string); a mustache template naming `identity` otherwise than
 * `{{identity.<field>}}`; the bot or its controller handed to another package (which may read anything of
 * it), or any worker Botkit hands the app leaving for code not read (workerEscapes); a project file that
 * mentions them but cannot be parsed.
 */
export function botkitReads(resolver: Resolver, call: TSESTree.CallExpression): string[] | undefined {
  const payload = payloadReads(resolver, call.arguments[0]);
  const kept = payload && !handedToPackage(resolver, call) && !workerEscapes(resolver, call) ? keptReads(resolver, call) : undefined;
  return payload && kept ? [...new Set([...BOTKIT.reads, ...payload, ...kept])].sort() : undefined;
}

/** What the `startRTM` callback reads of the data, its third argument; undefined where that is not known. */
function payloadReads(resolver: Resolver, callback: TSESTree.CallExpressionArgument | undefined): string[] | undefined {
  if (callback === undefined) return [];
  const fn = unwrap(callback);
  if (!isFunction(fn) || fn.params.some((p) => p.type === AST_NODE_TYPES.RestElement)) return undefined;
  for (const node of descendants(resolver, fn.body)) if (node.type === AST_NODE_TYPES.Identifier && node.name === 'arguments') return undefined;
  if (fn.params.length <= BOTKIT.payloadArgument) return [];
  const flow = followParameter(resolver, fn, BOTKIT.payloadArgument);
  // A part that leaves whole may be read for anything (isSignificantEscape); a value inside one (`user.id` handed on) is read where it leaves.
  return flow.escapes.some(isSignificantEscape) ? undefined : [...flow.reads, ...flow.escapes].map((r) => r.path);
}

/**
 * Whether the bot whose `startRTM` is called, or the controller that spawned it, is handed to a function
 * or class of another package (`new builder.SlackBot(controller, bot)`): that package may read anything
 * of what the worker keeps. The app's own modules are read with the rest of the project.
 */
function handedToPackage(resolver: Resolver, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return true;
  const held = [callee.object];
  const bot = unwrap(callee.object);
  const spawned = bot.type === AST_NODE_TYPES.Identifier ? variableOf(resolver, bot)?.defs[0]?.node : undefined;
  const made = spawned?.type === AST_NODE_TYPES.VariableDeclarator && spawned.init ? unwrap(spawned.init) : bot;
  if (made.type === AST_NODE_TYPES.CallExpression && made.callee.type === AST_NODE_TYPES.MemberExpression) held.push(made.callee.object);
  for (const value of held) {
    const bare = unwrap(value);
    if (bare.type !== AST_NODE_TYPES.Identifier) continue;
    for (const reference of variableOf(resolver, bare)?.references ?? []) {
      const use = outermost(reference.identifier);
      const parent = use.parent;
      if ((parent?.type !== AST_NODE_TYPES.CallExpression && parent?.type !== AST_NODE_TYPES.NewExpression) || !parent.arguments.includes(use as TSESTree.CallExpressionArgument)) continue;
      const origin = originOf(resolver, parent.callee);
      if (origin === undefined || (!origin.module.startsWith('.') && origin.module !== BOTKIT.module)) return true;
    }
  }
  return false;
}

/** The names of the worker's members that hold the data, as a pattern for a cheap look at a file's text. */
const KEPT_NAMES = Object.keys(BOTKIT.keptAs);
const MENTIONS_KEPT = new RegExp(KEPT_NAMES.join('|'));

/** The part of the data a member of the worker holds (`identity` → `self`), or undefined for any other name. */
function keptPart(name: string | undefined): string | undefined {
  const kept: Readonly<Record<string, string>> = BOTKIT.keptAs;
  return name !== undefined && Object.hasOwn(kept, name) ? kept[name] : undefined;
}

/** The project's reads off `bot.identity` / `bot.team_info` in every file (this one alone without a project); undefined where one is not known. */
function keptReads(resolver: Resolver, call: Node): string[] | undefined {
  const files = resolver.project?.filesMentioning ? resolver.project.filesMentioning(MENTIONS_KEPT) : [{ node: programOf(call), resolver }];
  if (files === undefined) return undefined;
  const reads: string[] = [];
  for (const each of files) {
    const found = readsIn(each.resolver, each.node);
    if (found === undefined) return undefined;
    reads.push(...found);
  }
  return reads;
}

/** The reads of a file off the worker's members that hold the data; undefined where one is not known. */
function readsIn(resolver: Resolver, program: Node): string[] | undefined {
  const reads: string[] = [];
  for (const node of descendants(resolver, program)) {
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const part = keptPart(memberName(resolver, node));
      if (part === undefined) continue;
      const field = fieldRead(resolver, node);
      if (field === undefined) return undefined;
      reads.push(`${part}.${field}`);
    } else if (node.type === AST_NODE_TYPES.Property && node.parent.type === AST_NODE_TYPES.ObjectPattern) {
      // `const { identity } = bot`: the part taken whole (a key not static may be either).
      if (node.computed || keptPart(node.key.type === AST_NODE_TYPES.Identifier ? node.key.name : String(node.key.value)) !== undefined) return undefined;
    } else if ((node.type === AST_NODE_TYPES.Literal && !isMemberName(node)) || node.type === AST_NODE_TYPES.TemplateElement) {
      const text = node.type === AST_NODE_TYPES.Literal ? (typeof node.value === 'string' ? node.value : '') : (node.value.cooked ?? node.value.raw);
      const found = stringReads(text);
      if (found === undefined) return undefined;
      reads.push(...found);
    }
  }
  return reads;
}

/** A string that names a member (`bot['team_info']`): the member is judged where it is read. */
function isMemberName(node: TSESTree.Literal): boolean {
  return node.parent.type === AST_NODE_TYPES.MemberExpression && node.parent.computed && node.parent.property === node;
}

/**
 * The field read off a member holding a part (`bot.identity.name` → `name`); undefined where the part is
 * used otherwise: whole (`bot.identity`, `if (bot.team_info)`, handed on), written (`bot.identity = …`,
 * `bot.identity.name = …`), or read by a name not static (`bot.team_info[key]`).
 */
function fieldRead(resolver: Resolver, member: TSESTree.MemberExpression): string | undefined {
  const parent = member.parent;
  if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== member) return undefined;
  const field = memberName(resolver, parent);
  const use = outermost(parent).parent;
  const written =
    (use?.type === AST_NODE_TYPES.AssignmentExpression && use.left === outermost(parent)) ||
    use?.type === AST_NODE_TYPES.UpdateExpression ||
    (use?.type === AST_NODE_TYPES.UnaryExpression && use.operator === 'delete');
  return written ? undefined : field;
}

/** A string that is a kept part's name, or a path through one (`'identity'`, `'team_info.domain'`, `'bot.identity'`). */
function namesKeptPart(text: string): boolean {
  return KEPT_NAMES.some((name) => text === name || text.includes(`${name}.`) || text.includes(`.${name}`));
}

/** Mustache tags naming `identity`, which a Botkit conversation's templates get (CoreBot's `replaceTokens`). */
const TEMPLATE_TAG = /\{\{[^}]*\}\}/g;
const TEMPLATE_READ = /^\{\{\s*[&{]?\s*identity\.(\w+)\s*\}?\}\}$/;

/**
 * What a string reads of the kept parts: `{{identity.name}}` in a conversation's template reads `self.name`.
 * Undefined where it names a part otherwise: the name alone (`bot['identity']`, `_.get(bot, 'identity')`), a
 * path (`'team_info.domain'`), a template section or the whole `{{identity}}`.
 */
function stringReads(text: string): string[] | undefined {
  if (!MENTIONS_KEPT.test(text)) return [];
  if (namesKeptPart(text)) {
    const tags = text.match(TEMPLATE_TAG) ?? [];
    if (namesKeptPart(tags.reduce((left, tag) => left.replace(tag, ''), text))) return undefined;
  }
  const reads: string[] = [];
  for (const tag of text.match(TEMPLATE_TAG) ?? []) {
    if (!MENTIONS_KEPT.test(tag)) continue;
    const field = TEMPLATE_READ.exec(tag)?.[1];
    if (field === undefined) return undefined;
    reads.push(`self.${field}`);
  }
  return reads;
}

