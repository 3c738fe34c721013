import { RTM_START_WRITTEN_GAPS } from '@rtm-migrate/core';
import type { RtmStartCompatResponse, SlackObject } from '../types.js';
import { gzip, type JsonList } from './json-list.js';

/** The lists of an `rtm.start` response, in the order `rtm.start` sent them. */
export type SnapshotListField = 'users' | 'channels' | 'groups' | 'mpims' | 'ims' | 'bots';

/** What one `rtm.connect` call answered: the part of `rtm.start`'s response that is never cached. */
export interface RtmConnection {
  /** The WebSocket URL: valid for 30 s, for one connection. */
  readonly url: string;
  readonly self: RtmStartCompatResponse['self'];
  /** `id`, `name`, `domain`. */
  readonly team: RtmStartCompatResponse['team'];
}

export interface SnapshotParts {
  readonly lists: readonly (readonly [SnapshotListField, JsonList])[];
  /** `team.info`'s `team` (and `prefs` from team.preferences.list), merged under `rtm.connect`'s `team`. */
  readonly teamDetails: SlackObject | undefined;
  /** `usergroups.list`'s groups, for `subteams`; `dnd.info`'s answer, for `dnd`. */
  readonly usergroups?: readonly SlackObject[] | undefined;
  readonly dnd?: SlackObject | undefined;
  readonly warnings: readonly string[];
  readonly messages: readonly string[];
  /** Web API calls the build made. */
  readonly calls: number;
}

/**
 * The data of an `rtm.start` response, built once and shared: everything but `url`, `self` and
 * `team`'s identity, which come from a fresh `rtm.connect` for every answer. Held as JSON text
 * (see `JsonList`), so a snapshot of 50k users costs its size in bytes, and an answer is written from
 * the same buffers to any number of clients.
 */
export class RtmStartSnapshot {
  /** `Date.now()` when the build finished. */
  readonly builtAt = Date.now();

  constructor(private readonly parts: SnapshotParts) {
    for (const [, list] of parts.lists) list.seal();
  }

  /** Web API calls the build made. */
  get calls(): number {
    return this.parts.calls;
  }

  /** Items per list (`users`: 2000, …). */
  get counts(): Partial<Record<SnapshotListField, number>> {
    return Object.fromEntries(this.parts.lists.map(([field, list]) => [field, list.length]));
  }

  /** Bytes of the lists' JSON. */
  get bytes(): number {
    return this.parts.lists.reduce((n, [, list]) => n + list.bytes, 0);
  }

  /** Bytes kept in memory (the lists compressed). */
  get storedBytes(): number {
    return this.parts.lists.reduce((n, [, list]) => n + list.storedBytes, 0);
  }

  /** `rtm.start`'s response for this connection, as a fresh object the caller may change. */
  toResponse(connection: RtmConnection): RtmStartCompatResponse {
    const head = this.head(connection);
    const lists = Object.fromEntries(this.parts.lists.map(([field, list]) => [field, list.parse()]));
    const tail = this.tail();
    return { ...head, ...lists, ...tail };
  }

  /**
   * The same response as JSON, in chunks to write in order, and its length. With `gzip`, the
   * chunks are gzip members (one valid gzip body: send it with `Content-Encoding: gzip`) and the
   * lists' are the stored ones, shared by every answer; without, the lists are inflated as the
   * chunks are read.
   */
  toJsonChunks(connection: RtmConnection, options: { gzip?: boolean } = {}): { chunks: Iterable<Buffer>; length: number } {
    const head = JSON.stringify(this.head(connection));
    const tail = JSON.stringify(this.tail());
    const pieces: (Buffer | JsonList)[] = [Buffer.from(head.slice(0, -1))];
    for (const [field, list] of this.parts.lists) pieces.push(Buffer.from(`,${JSON.stringify(field)}:`), list);
    pieces.push(Buffer.from(`,${tail.slice(1)}`));
    if (options.gzip) {
      const chunks = pieces.flatMap((p) => (Buffer.isBuffer(p) ? [gzip(p)] : p.gzipChunks()));
      return { chunks, length: chunks.reduce((n, c) => n + c.length, 0) };
    }
    const length = pieces.reduce((n, p) => n + (Buffer.isBuffer(p) ? p.length : p.bytes), 0);
    const chunks = (function* () {
      for (const p of pieces) {
        if (Buffer.isBuffer(p)) yield p;
        else yield* p.jsonChunks();
      }
    })();
    return { chunks, length };
  }

  private head(connection: RtmConnection): Pick<RtmStartCompatResponse, 'ok' | 'url' | 'self' | 'team' | 'subteams' | 'dnd'> {
    const { teamDetails, usergroups, dnd } = this.parts;
    return {
      ok: true,
      url: connection.url,
      // Fresh objects per answer: RTM events write into their prefs (see withWrittenObjects).
      self: withWrittenObjects('self', { ...connection.self }),
      team: withWrittenObjects('team', { ...(teamDetails ?? {}), ...connection.team }),
      // `self`: the groups whose users hold this connection's bot.
      ...(usergroups ? { subteams: { self: usergroups.filter((g) => (g['users'] as unknown[] | undefined)?.includes(connection.self.id)).map((g) => g['id'] as string), all: structuredClone(usergroups) as SlackObject[] } } : {}),
      ...(dnd ? { dnd: structuredClone(dnd) } : {}),
    };
  }

  private tail(): Pick<RtmStartCompatResponse, 'warning' | 'response_metadata'> {
    const { warnings, messages } = this.parts;
    return { warning: warnings.join(','), response_metadata: { warnings: [...warnings], ...(messages.length > 0 ? { messages: [...messages] } : {}) } };
  }
}

/**
 * `holder` (`self` or `team` of an answer) with an empty object for each of core's RTM_START_WRITTEN_GAPS
 * it lacks: RTM events write into them (`pref_change` into `self.prefs`, `team_pref_change` into
 * `team.prefs`, in slack-client 1.x's handlers and a v3 dataStore's), and with no object there the write
 * throws, ending a slack-client 1.x bot or losing the pref in a dataStore. `self.prefs` is never rebuilt;
 * `team.prefs` is not where `team.preferences.list` was not called or the token may not read it.
 */
function withWrittenObjects<T extends SlackObject>(holder: 'self' | 'team', object: T): T {
  for (const path of RTM_START_WRITTEN_GAPS) {
    const [of, name = ''] = path.split('.');
    if (of === holder && !(name in object)) Object.assign(object, { [name]: {} });
  }
  return object;
}
