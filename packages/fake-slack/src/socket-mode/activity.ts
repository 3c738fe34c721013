import type { Conversation, SlackUser, Workspace } from '../workspace.js';

/** An event as the Events API's `payload.event` and RTM carry it. */
export type SlackEvent = Record<string, unknown> & { type: string };

export interface PostOptions {
  readonly channel: string;
  readonly text: string;
  /** Who posts (default: the first active human user who is not the bot). */
  readonly user?: string;
  readonly threadTs?: string;
}

export interface ReactOptions {
  readonly channel: string;
  /** The message reacted to. */
  readonly ts: string;
  readonly reaction: string;
  readonly user?: string;
}

export interface JoinOptions {
  readonly channel: string;
  readonly user?: string;
}

const CHANNEL_TYPE = { public_channel: 'channel', private_channel: 'group', mpim: 'mpim', im: 'im' } as const;
const MEMBER_CHANNEL_TYPE = { public_channel: 'C', private_channel: 'G', mpim: 'G', im: 'D' } as const;

/**
 * What happens in the workspace, as events: a user posts (with the `app_mention` twin when the text
 * mentions the bot), reacts, joins a channel; the bot posts through `chat.postMessage`. Every event
 * goes to `sink` (Socket Mode and the RTM sockets). Message timestamps are unique and increasing.
 */
export class WorkspaceActivity {
  private lastTs = 0;
  private seq = 0;

  constructor(
    private readonly workspace: Workspace,
    private readonly sink: (event: SlackEvent) => void,
  ) {}

  /** A fresh `ts`: seconds, then a six-digit counter that keeps each one unique and increasing. */
  nextTs(): string {
    const now = Math.floor(Date.now() / 1000);
    if (now > this.lastTs) {
      this.lastTs = now;
      this.seq = 0;
    }
    this.seq += 1;
    if (this.seq > 999_999) {
      this.lastTs += 1;
      this.seq = 1;
    }
    return `${this.lastTs}.${String(this.seq).padStart(6, '0')}`;
  }

  private conversation(id: string): Conversation {
    const c = this.workspace.conversation(id);
    if (!c) throw new Error(`fake-slack: no conversation ${JSON.stringify(id)}`);
    return c;
  }

  private human(id: string | undefined): SlackUser {
    if (id !== undefined) {
      const u = this.workspace.user(id);
      if (!u) throw new Error(`fake-slack: no user ${JSON.stringify(id)}`);
      return u;
    }
    const u = this.workspace.users.find((x) => !x.is_bot && !x.deleted && x.id !== this.workspace.self.id);
    if (!u) throw new Error('fake-slack: the workspace has no active human user');
    return u;
  }

  /** A user posts: `message`, and `app_mention` when the text mentions the bot. Returns the message's `ts`. */
  post(options: PostOptions): string {
    const c = this.conversation(options.channel);
    const user = this.human(options.user);
    const ts = this.nextTs();
    const common = {
      user: user.id,
      text: options.text,
      ts,
      team: this.workspace.team.id,
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
      channel: c.id,
      event_ts: ts,
    };
    this.sink({ type: 'message', ...common, channel_type: CHANNEL_TYPE[c.type] });
    if (options.text.includes(`<@${this.workspace.self.id}>`)) this.sink({ type: 'app_mention', ...common });
    return ts;
  }

  /** The bot's own `chat.postMessage`, as the `message` event every subscriber sees. */
  botPost(channel: string, text: string, threadTs?: string): { ts: string; message: SlackEvent } {
    const c = this.conversation(channel);
    const self = this.workspace.self;
    const ts = this.nextTs();
    const message: SlackEvent = {
      type: 'message',
      user: self.id,
      bot_id: self.profile.bot_id,
      app_id: this.workspace.bot(self.profile.bot_id ?? '')?.app_id,
      text,
      ts,
      team: this.workspace.team.id,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    };
    this.sink({ ...message, channel: c.id, event_ts: ts, channel_type: CHANNEL_TYPE[c.type] });
    return { ts, message };
  }

  react(options: ReactOptions): void {
    const c = this.conversation(options.channel);
    const user = this.human(options.user);
    this.sink({
      type: 'reaction_added',
      user: user.id,
      reaction: options.reaction,
      item: { type: 'message', channel: c.id, ts: options.ts },
      event_ts: this.nextTs(),
    });
  }

  join(options: JoinOptions): void {
    const c = this.conversation(options.channel);
    const user = this.human(options.user);
    this.sink({
      type: 'member_joined_channel',
      user: user.id,
      channel: c.id,
      channel_type: MEMBER_CHANNEL_TYPE[c.type],
      team: this.workspace.team.id,
      event_ts: this.nextTs(),
    });
  }
}
