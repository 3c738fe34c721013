import { knownError } from '../errors.js';
import type { WorkspaceActivity } from '../socket-mode/activity.js';
import type { Workspace } from '../workspace.js';

export type RtmStartMode = 'legacy' | 'connect_required' | 'connect_shape';
export const RTM_START_MODES: readonly RtmStartMode[] = ['legacy', 'connect_required', 'connect_shape'];

export interface MethodContext {
  readonly workspace: Workspace;
  readonly args: Record<string, string>;
  /** Scopes of the calling token. */
  readonly scopes: readonly string[];
  readonly mode: RtmStartMode;
  readonly shortPages: boolean;
  /** A fresh single-use WebSocket URL. */
  issueWebSocketUrl(): string;
  /** A fresh single-use Socket Mode URL. */
  issueSocketModeUrl(): string;
  /** What users and the bot do in the workspace, as events. */
  readonly activity: WorkspaceActivity;
}

export interface MethodResult {
  readonly body: Record<string, unknown>;
  readonly warnings?: readonly string[];
  /** Scopes the method needed, for the `X-Accepted-OAuth-Scopes` header. */
  readonly acceptedScopes?: readonly string[];
}

export type MethodHandler = (ctx: MethodContext) => MethodResult;

export function ok(body: Record<string, unknown>, extra: Omit<MethodResult, 'body'> = {}): MethodResult {
  return { body: { ok: true, ...body }, ...extra };
}

export function fail(error: string, extra: Record<string, unknown> = {}): MethodResult {
  return { body: { ok: false, error: knownError(error), ...extra } };
}

/** `missing_scope` with Slack's `needed` and `provided` (comma-separated), or undefined when all are granted. */
export function missingScope(ctx: MethodContext, needed: readonly string[]): MethodResult | undefined {
  const missing = needed.filter((s) => !ctx.scopes.includes(s));
  if (missing.length === 0) return undefined;
  return fail('missing_scope', { needed: missing.join(','), provided: ctx.scopes.join(',') });
}

/** Slack's answer to a missing required argument. */
export function missingArgument(name: string): MethodResult {
  return {
    body: { ok: false, error: knownError('invalid_arguments'), response_metadata: { messages: [`[ERROR] missing required field: ${name}`] } },
  };
}
