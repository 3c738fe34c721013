import { CHAT_WRITE_SCOPE, SOCKET_MODE_METHODS as API } from '@rtm-migrate/core';
import { fail, missingArgument, missingScope, ok, type MethodHandler } from '../methods/context.js';

/** `apps.connections.open`: a single-use Socket Mode URL (the app-level token was checked before). */
export const appsConnectionsOpen: MethodHandler = (ctx) => ok({ url: ctx.issueSocketModeUrl() });

/**
 * `chat.postMessage` as the bot: `channel` and `text` (or `blocks` / `attachments`); the posted
 * message goes out as a `message` event like any other.
 */
export const chatPostMessage: MethodHandler = (ctx) => {
  const denied = missingScope(ctx, [CHAT_WRITE_SCOPE]);
  if (denied) return denied;
  const channel = ctx.args['channel'];
  if (!channel) return missingArgument('channel');
  if (!ctx.workspace.conversation(channel)) return fail('channel_not_found');
  const text = ctx.args['text'] ?? '';
  if (text === '' && !ctx.args['blocks'] && !ctx.args['attachments']) return fail('no_text');
  const threadTs = ctx.args['thread_ts'];
  const { ts, message } = ctx.activity.botPost(channel, text, threadTs === '' ? undefined : threadTs);
  return ok({ channel, ts, message }, { acceptedScopes: [CHAT_WRITE_SCOPE] });
};

export const SOCKET_MODE_HANDLERS: ReadonlyMap<string, MethodHandler> = new Map([
  [API.appsConnectionsOpen, appsConnectionsOpen],
  [API.chatPostMessage, chatPostMessage],
]);
