import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  costOfReplacement,
  fieldFact,
  isRtmConnectArg,
  isRtmStartOnlyArg,
  isStartOnlyField,
  METHODS,
  MESSAGES,
  startOnlyFieldMessage,
  CODEMOD_MESSAGES,
  todoComment,
  type PlannedCall,
  type WorkspaceSize,
} from '@rtm-migrate/core';
import { Node, Project, ts, type SourceFile } from 'ts-morph';
import { leavesTodo, type Escape, type FieldRead, type Plan, type PlanSite, type RewriteKind, type SiteArgs } from '../plan.js';
import { FlowFollower } from './flow.js';
import { findSites, type FoundSite } from './sites.js';
import { staticString, skipWrappers } from './resolve.js';
import { helperModuleFits } from '../helper-module/fits.js';
import { HELPER_BASENAME, helperBuilds, helperFieldsRead } from '../helper-module/source.js';
import { assemblePlan } from '../plan-assemble.js';


export { parseWorkspace, DEFAULT_WORKSPACE } from './workspace.js';
import { DEFAULT_WORKSPACE, type WorkspaceSpec } from './workspace.js';

export interface ScanOptions {
  /** Folder the plan's paths are relative to. */
  readonly root: string;
  /** Files to look for sites in (absolute). */
  readonly files: readonly string[];
  /** A tsconfig.json to load the project from (all its files take part in following responses). */
  readonly tsconfig?: string | null;
  readonly workspace?: WorkspaceSpec;
  readonly helper?: 'inline' | 'shim';
  /** Called after each file is scanned (for a progress bar). */
  readonly onFile?: (done: number, total: number) => void;
}

/** Fields the inline rewrite knows how to fetch. */
const INLINE_LISTS = new Set(['users', 'channels', 'groups', 'mpims', 'ims']);
const UNREAD_STATE = /^(channels|groups|mpims|ims)\[\]\.(latest|unread_count|unread_count_display|last_read)(\.|$)/;

/** The start-only fields of `fields` that the inline rewrite cannot fetch (it leaves a TODO then). */
export function unsupportedInline(fields: readonly string[]): string[] {
  return fields.filter((f) => {
    if (!isStartOnlyField(f)) return false;
    const top = f.split(/[.[]/)[0] ?? f;
    if (INLINE_LISTS.has(top)) return UNREAD_STATE.test(f);
    if (top === 'team') return fieldFact(f)?.replacements[0]?.method !== METHODS.teamInfo;
    return true;
  });
}

/** `users`, `channels`, `channels[].members`, `team.icon`: what a one-line message names. */
function headlineFields(fields: readonly string[]): string[] {
  return [
    ...new Set(
      fields.map((f) => {
        const top = f.split(/[.[]/)[0] ?? f;
        if (/\[\]\.members$/.test(f) || top === 'team' || top === 'self') return f;
        return top;
      }),
    ),
  ];
}

export function findTsconfig(paths: readonly string[]): string | null {
  for (const p of paths) {
    const candidate = join(resolve(p), 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

function createProject(options: ScanOptions): Project {
  const compilerOptions: ts.CompilerOptions = {
    allowJs: true,
    checkJs: false,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    esModuleInterop: true,
    // The flow follower needs symbols and references, not the standard library's types: without
    // lib.*.d.ts the language service starts several times faster.
    noLib: true,
    types: [],
  };
  if (options.tsconfig) {
    const project = new Project({ tsConfigFilePath: options.tsconfig, compilerOptions: { allowJs: true, noEmit: true } });
    for (const f of options.files) if (!project.getSourceFile(f)) project.addSourceFileAtPathIfExists(f);
    return project;
  }
  const project = new Project({ compilerOptions, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  for (const f of options.files) {
    try {
      project.createSourceFile(f, stripBom(readFileSync(f, 'utf8')), { overwrite: true });
    } catch {
      // unreadable files are reported by the caller
    }
  }
  project.resolveSourceFileDependencies();
  return project;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function position(root: string, node: Node): { file: string; line: number; column: number } {
  const sf = node.getSourceFile();
  const start = node.getStart();
  const { line, column } = sf.getLineAndColumnAtPos(start);
  // ts-morph may keep a BOM as the file's first character: columns are counted without it.
  const bomShift = line === 1 && sf.getFullText().charCodeAt(0) === 0xfeff ? 1 : 0;
  return { file: relative(root, sf.getFilePath()) || sf.getBaseName(), line, column: column - bomShift };
}

function argsOf(site: FoundSite): SiteArgs {
  const node = site.argsNode ? skipWrappers(site.argsNode) : undefined;
  if (!site.argsKnown || (node && !Node.isObjectLiteralExpression(node))) {
    return { known: site.form === 'rtm-client-option', names: [], kept: [], dropped: [] };
  }
  const names = node && Node.isObjectLiteralExpression(node)
    ? node.getProperties().map((p) => {
        const n = (p as Node & { getNameNode(): Node }).getNameNode();
        return staticString(n) ?? n.getText();
      })
    : [];
  return {
    known: true,
    names,
    kept: names.filter((n) => isRtmConnectArg(n) || n === 'token'),
    dropped: names.filter((n) => isRtmStartOnlyArg(n)),
  };
}

function mpimAwareOf(site: FoundSite): boolean {
  const node = site.argsNode ? skipWrappers(site.argsNode) : undefined;
  if (!node || !Node.isObjectLiteralExpression(node)) return false;
  const prop = node.getProperty('mpim_aware');
  if (!prop || !Node.isPropertyAssignment(prop)) return false;
  const v = prop.getInitializer()?.getText();
  return v !== undefined && v !== 'false' && v !== '0' && v !== "'0'" && v !== "'false'";
}

function shortCode(node: Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

interface Decision {
  readonly rewrite: RewriteKind;
  readonly form: PlanSite['form'];
  readonly reason?: string;
}

function decide(site: FoundSite, args: SiteArgs, startOnly: string[], escapes: readonly Escape[], helper: 'inline' | 'shim'): Decision | undefined {
  if (site.connect) {
    if (startOnly.length > 0) {
      return { rewrite: 'todo', form: 'connect-start-only-fields', reason: CODEMOD_MESSAGES.connectStartOnly(startOnly) };
    }
    const startOnlyArgs = args.known ? args.dropped : [];
    if (startOnlyArgs.length > 0) return { rewrite: 'drop-option', form: 'connect-unsupported-args' };
    const passedConst = site.argsNode && Node.isIdentifier(skipWrappers(site.argsNode)!) ? constArgs(site.argsNode) : [];
    if (passedConst.length > 0) {
      return { rewrite: 'todo', form: 'connect-unsupported-args', reason: CODEMOD_MESSAGES.connectArgsConst(passedConst) };
    }
    return undefined;
  }
  if (site.form === 'raw-url' && site.literal) {
    // The URL is rewritten in place; the raw response is not followed, so its reads stay a TODO.
    return { rewrite: 'connect-todo', form: site.form, reason: CODEMOD_MESSAGES.rawHttpConnect(site.request ?? 'the request', startOnly.length > 0) };
  }
  if (site.form === 'raw-url' || site.form === 'legacy-client') {
    return { rewrite: 'todo', form: site.form, reason: escapes[0]?.reason ?? MESSAGES.rtmStartUrl };
  }
  const shimmable = (site.form === 'method-call' || site.form === 'api-call') && !(Node.isCallExpression(site.node) && site.node.getArguments().some((a) => Node.isSpreadElement(a)));
  if (helper === 'shim' && shimmable && (startOnly.length > 0 || escapes.length > 0)) return { rewrite: 'shim', form: site.form };
  if (site.form === 'helper' && site.literal && args.known && (startOnly.length > 0 || escapes.length > 0)) {
    // The method name is rewritten in place; the fields read (or the escape) stay a TODO.
    return {
      rewrite: 'connect-todo',
      form: site.form,
      reason: CODEMOD_MESSAGES.helperConnect(escapes.length > 0 ? CODEMOD_MESSAGES.escapes(escapes) : undefined),
    };
  }
  if (escapes.length > 0) return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.escapes(escapes) };
  if (site.form === 'rtm-client-option') {
    return startOnly.length === 0
      ? { rewrite: 'drop-option', form: site.form }
      : { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.rtmClientReads };
  }
  if (!args.known) return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.argsUnknown };
  if (startOnly.length === 0) return { rewrite: 'connect-only', form: site.form };
  if (site.form === 'helper') return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.helper };
  if (site.form === 'call-apply') return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.callApply };
  const unsupported = unsupportedInline(startOnly);
  if (unsupported.length > 0) return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.noInline(unsupported) };
  if (!isAwaitedStatement(site.node)) return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.notAwaited };
  if (storedAsStartType(site.node)) return { rewrite: 'todo', form: site.form, reason: CODEMOD_MESSAGES.startTypes };
  return { rewrite: 'inline', form: site.form };
}

const isWrapper = (n: Node): boolean =>
  Node.isParenthesizedExpression(n) || Node.isAsExpression(n) || Node.isNonNullExpression(n) || Node.isSatisfiesExpression(n) || Node.isTypeAssertion(n);

const START_TYPE = /RtmStart|rtm'?\]?\s*\[\s*'start'|rtm\.start|RTMStart/;

/** The type written for the variable / field the response is stored in, one alias resolved. */
function typeTextOf(decl: Node | undefined): string {
  if (!decl) return '';
  const typeNode = (decl as Node & { getTypeNode?(): Node | undefined }).getTypeNode?.();
  if (!typeNode) return '';
  let text = typeNode.getText();
  if (Node.isTypeReference(typeNode)) {
    const alias = typeNode.getTypeName().getSymbol()?.getDeclarations()[0];
    if (alias && Node.isTypeAliasDeclaration(alias)) text += ' ' + (alias.getTypeNode()?.getText() ?? '');
  }
  return text;
}

/** True when the response goes into a variable or field typed as rtm.start's response (TS only). */
function storedAsStartType(node: Node): boolean {
  let p = node.getParent();
  while (p && (isWrapper(p) || Node.isAwaitExpression(p))) p = p.getParent();
  if (!p) return false;
  if (Node.isVariableDeclaration(p)) return START_TYPE.test(typeTextOf(p));
  if (Node.isBinaryExpression(p)) {
    const left = p.getLeft();
    const target = Node.isPropertyAccessExpression(left) ? left.getNameNode() : left;
    return (target.getSymbol()?.getDeclarations() ?? []).some((d) => START_TYPE.test(typeTextOf(d)));
  }
  return false;
}

/** `const x = await <call>` / `x = await <call>;`: where the inline rewrite can put calls before. */
function isAwaitedStatement(node: Node): boolean {
  let p = node.getParent();
  while (p && isWrapper(p)) p = p.getParent();
  if (!p || !Node.isAwaitExpression(p)) return false;
  let q: Node | undefined = p;
  let holder = q.getParent();
  while (holder && isWrapper(holder)) {
    q = holder;
    holder = holder.getParent();
  }
  if (!holder) return false;
  if (Node.isVariableDeclaration(holder)) return holder.getInitializer() === q && Node.isVariableStatement(holder.getParent()?.getParent());
  if (Node.isBinaryExpression(holder)) return holder.getRight() === q && Node.isExpressionStatement(holder.getParent());
  return false;
}

function constArgs(node: Node): string[] {
  const id = skipWrappers(node);
  if (!id || !Node.isIdentifier(id)) return [];
  const decl = id.getSymbol()?.getDeclarations()[0];
  if (!decl || !Node.isVariableDeclaration(decl)) return [];
  const init = skipWrappers(decl.getInitializer());
  if (!init || !Node.isObjectLiteralExpression(init)) return [];
  return init
    .getProperties()
    .map((p) => (Node.isPropertyAssignment(p) || Node.isShorthandPropertyAssignment(p) ? p.getName() : ''))
    .filter((n) => isRtmStartOnlyArg(n));
}

/** Scans the files for `rtm.start` sites and follows each response: the plan the rewrite uses. */
export function scan(options: ScanOptions): Plan {
  const root = resolve(options.root);
  const project = createProject(options);
  const spec = options.workspace ?? DEFAULT_WORKSPACE;
  const helper = options.helper ?? 'inline';
  const sites: PlanSite[] = [];
  const wanted = new Set(options.files.map((f) => resolve(f)));
  const sourceFiles: SourceFile[] = project.getSourceFiles().filter((sf) => wanted.has(resolve(sf.getFilePath())));

  for (const [index, sf] of sourceFiles.entries()) {
    options.onFile?.(index, sourceFiles.length);
    for (const found of findSites(sf)) {
      const follower = new FlowFollower();
      for (const start of found.starts) follower.follow(start);
      const reads: FieldRead[] = follower.reads.map((r) => ({ field: r.field, ...position(root, r.node) }));
      const escapes: Escape[] = [...found.escapes, ...follower.escapes].map((e) => ({ reason: e.reason, ...position(root, e.node) }));
      const fieldsRead = [...new Set(reads.map((r) => r.field))].sort();
      const startOnlyFields = fieldsRead.filter(isStartOnlyField);
      const args = argsOf(found);
      const planned = decide(found, args, startOnlyFields, escapes, helper);
      if (!planned) continue;
      // What the inline rewrite leaves to a human goes to the generated helper module where it fits.
      // Not where the code's own types are rtm.start's response: rtmStartData()'s types would not fit them.
      const toModule =
        helper === 'inline' &&
        planned.rewrite === 'todo' &&
        planned.reason !== CODEMOD_MESSAGES.startTypes &&
        // Nor where a field is read that the helper does not build either (`cache_ts`, `latest`, `self.prefs`…).
        unsupportedInline(startOnlyFields).every(helperBuilds) &&
        helperModuleFits(found, planned.form, startOnlyFields.length > 0 || escapes.length > 0);
      const decision: Decision = toModule ? { ...planned, rewrite: 'helper-module' } : planned;
      const mpimAware = mpimAwareOf(found);
      const cost = costOfReplacement(spec.size, toModule ? helperFieldsRead(mpimAware) : startOnlyFields, { mpimAware });
      const pos = position(root, found.node);
      const end = found.node.getSourceFile().getLineAndColumnAtPos(found.node.getEnd());
      const message =
        leavesTodo(decision.rewrite)
          ? todoComment(decision.reason ?? '', startOnlyFields)
          : decision.rewrite === 'helper-module'
            ? CODEMOD_MESSAGES.helperModule(decision.form === 'legacy-client', headlineFields(startOnlyFields), HELPER_BASENAME)
            : CODEMOD_MESSAGES.rewrite(decision.rewrite, headlineFields(startOnlyFields), cost.byMethod);
      sites.push({
        id: `${pos.file}:${pos.line}:${pos.column}`,
        ...pos,
        endLine: end.line,
        endColumn: end.column,
        form: decision.form,
        code: shortCode(found.node),
        args,
        fieldsRead,
        startOnlyFields,
        reads,
        escapes,
        replacement: cost.byMethod,
        scopes: cost.scopes,
        calls: cost.calls,
        floorSeconds: cost.floorSeconds,
        rewrite: decision.rewrite,
        ...(decision.reason === undefined ? {} : { reason: decision.reason }),
        message,
      });
    }
  }

  const files = project.getSourceFiles().filter((f) => !f.isDeclarationFile()).length;
  return assemblePlan(root, options.tsconfig, files, spec, sites);
}

export function siteReadsMessage(field: string): string {
  return startOnlyFieldMessage(field);
}

export type { PlannedCall, WorkspaceSize };
export { dirname };
