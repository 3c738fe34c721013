export { startFakeSlack } from './server.js';
export { isLoopbackHost } from '@rtm-migrate/core';
export type { FakeSlack, FakeSlackOptions, CallLogEntry, FakeSlackStats, MethodStats } from './server.js';
export { Workspace, generateWorkspace } from './workspace.js';
export type {
  WorkspaceOptions,
  SizeOptions,
  SlackUser,
  SlackBot,
  SlackTeam,
  SlackProfile,
  Conversation,
  Membership,
  Usergroup,
} from './workspace.js';
export { RTM_START_MODES, METHOD_HANDLERS } from './methods/index.js';
export type { RtmStartMode } from './methods/index.js';
export type { Fault } from './faults.js';
export type { TokenOptions } from './tokens.js';
export { DEFAULT_TOKENS } from './tokens.js';
export type { RateLimitOptions } from './rate-limit.js';
export { ALL_SCOPES } from './scopes.js';
export { mulberry32, type Random } from './random.js';
export type { FakeSocketMode, JoinOptions, PostOptions, ReactOptions, SlackEvent, SocketModeAck, SocketModeOptions, SocketModeStats } from './socket-mode/index.js';
