import type { SocketModeEnvelopeType } from '@rtm-migrate/core';
import type { TicketDesk } from '../websocket.js';
import type { Workspace } from '../workspace.js';
import { WorkspaceActivity, type JoinOptions, type PostOptions, type ReactOptions, type SlackEvent } from './activity.js';
import { SocketModeHub, type SocketModeAck, type SocketModeOptions, type SocketModeStats } from './hub.js';

export { refusesTokenType } from './token-types.js';
export type { JoinOptions, PostOptions, ReactOptions, SlackEvent, SocketModeAck, SocketModeOptions, SocketModeStats };

/** The test hooks of fake Slack's Socket Mode: make users act, disturb the connections, read counters. */
export interface FakeSocketMode {
  readonly appId: string;
  /** A user posts in a channel (`message`, and `app_mention` when the bot is mentioned); returns the `ts`. */
  post(options: PostOptions): string;
  /** A user reacts to a message (`reaction_added`). */
  react(options: ReactOptions): void;
  /** A user joins a channel (`member_joined_channel`). */
  join(options: JoinOptions): void;
  /** Any event, wrapped in an `events_api` envelope (and sent to RTM sockets); returns its `event_id`. */
  emit(event: SlackEvent): string;
  /** A `slash_commands` or `interactive` envelope; returns its `envelope_id`. */
  envelope(type: Exclude<SocketModeEnvelopeType, 'events_api'>, payload: Record<string, unknown>): string;
  disconnect: SocketModeHub['disconnect'];
  dropConnections(): void;
  loseAcks(n: number): void;
  /** Acks received, in order, with their response payloads. */
  readonly acks: readonly SocketModeAck[];
  stats(): SocketModeStats;
}

export interface SocketModeServer {
  readonly hub: SocketModeHub;
  readonly activity: WorkspaceActivity;
  readonly hooks: FakeSocketMode;
}

/**
 * Socket Mode for one workspace: events become `events_api` envelopes (Slack's `event_callback`
 * payload: `event_id`, `event_time`, `authorizations`…) and also go to `rtm` (the classic sockets).
 */
export function socketModeServer(
  workspace: Workspace,
  desk: TicketDesk,
  rtm: (event: SlackEvent) => void,
  options: SocketModeOptions = {},
): SocketModeServer {
  const hub = new SocketModeHub(desk, options);
  let eventSeq = 0;
  const emit = (event: SlackEvent): string => {
    eventSeq += 1;
    const eventId = `Ev${String(eventSeq).padStart(9, '0')}`;
    hub.publish('events_api', {
      team_id: workspace.team.id,
      api_app_id: hub.appId,
      event,
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: workspace.team.id, user_id: workspace.self.id, is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
      event_context: `4-fake-${eventSeq}`,
    });
    rtm(event);
    return eventId;
  };
  const activity = new WorkspaceActivity(workspace, (e) => void emit(e));
  const hooks: FakeSocketMode = {
    appId: hub.appId,
    post: (o) => activity.post(o),
    react: (o) => activity.react(o),
    join: (o) => activity.join(o),
    emit,
    envelope: (type, payload) => hub.publish(type, payload),
    disconnect: (reason) => hub.disconnect(reason),
    dropConnections: () => hub.dropConnections(),
    loseAcks: (n) => hub.loseAcks(n),
    acks: hub.acks,
    stats: () => hub.stats(),
  };
  return { hub, activity, hooks };
}
