/** What the bridge knows of an inner event: its type and the fields that identify a message. */
export interface InnerEvent {
  readonly type?: unknown;
  readonly subtype?: unknown;
  readonly channel?: unknown;
  readonly ts?: unknown;
  readonly [key: string]: unknown;
}

/** Message subtypes that are a message of their own (their `ts` names them); edits and deletions are not. */
const OWN_TS_SUBTYPES = new Set([undefined, 'bot_message', 'me_message', 'thread_broadcast', 'file_share']);

/** A set that forgets its oldest entries past `limit`. */
class RecentSet {
  private readonly items = new Set<string>();
  constructor(private readonly limit: number) {}
  /** Adds the key; false when it was already there. */
  add(key: string): boolean {
    if (this.items.has(key)) return false;
    this.items.add(key);
    if (this.items.size > this.limit) {
      const oldest = this.items.values().next();
      if (!oldest.done) this.items.delete(oldest.value);
    }
    return true;
  }
}

export type DedupeVerdict = 'new' | 'redelivery' | 'twin';

/**
 * Slack sends an event again when it missed the ack (same `event_id`), and a message that mentions
 * the bot twice: as `message` and as `app_mention` (two event ids, the same channel and `ts`). RTM
 * had one `message`: the first of the twins is forwarded, the second is not.
 */
export class EventDeduper {
  private readonly ids: RecentSet;
  private readonly messages: RecentSet;

  constructor(limit = 50_000) {
    this.ids = new RecentSet(limit);
    this.messages = new RecentSet(limit);
  }

  check(eventId: string | undefined, event: InnerEvent): DedupeVerdict {
    if (eventId !== undefined && !this.ids.add(eventId)) return 'redelivery';
    const key = twinKey(event);
    if (key !== undefined && !this.messages.add(key)) return 'twin';
    return 'new';
  }
}

function twinKey(event: InnerEvent): string | undefined {
  const isMessage = event.type === 'message' && OWN_TS_SUBTYPES.has(event.subtype as string | undefined);
  if (!isMessage && event.type !== 'app_mention') return undefined;
  if (typeof event.channel !== 'string' || typeof event.ts !== 'string') return undefined;
  return `${event.channel}\u0000${event.ts}`;
}
