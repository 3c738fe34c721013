import type { WorkspaceSize } from '@rtm-migrate/core';

export interface WorkspaceSpec {
  readonly size: WorkspaceSize;
  /** What was assumed because `--workspace` did not say. */
  readonly assumptions: readonly string[];
}

const KEYS = ['users', 'channels', 'groups', 'mpims', 'ims', 'bots', 'member-of', 'members'] as const;
type Key = (typeof KEYS)[number];

/**
 * `users=5000,channels=800[,groups=N,mpims=N,ims=N,bots=N,member-of=N,members=N]`: the size of the
 * workspace the call counts are estimated for. `member-of` is how many public channels the bot is in,
 * `members` the member count of each of them.
 */
export function parseWorkspace(text: string): WorkspaceSpec {
  const given = new Map<Key, number>();
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [, key, count] = /^([a-z-]+)=(\d+)$/.exec(part) ?? [];
    if (key === undefined || !(KEYS as readonly string[]).includes(key)) {
      throw new Error(`--workspace: cannot read "${part}" (expected ${KEYS.map((k) => `${k}=N`).join(', ')})`);
    }
    given.set(key as Key, Number(count));
  }
  const assumptions: string[] = [];
  const get = (key: Key, fallback: number): number => {
    const v = given.get(key);
    if (v !== undefined) return v;
    assumptions.push(`${key}=${fallback}`);
    return fallback;
  };
  const users = get('users', 5000);
  const channels = get('channels', 800);
  const groups = get('groups', Math.ceil(channels / 10));
  const mpims = get('mpims', 10);
  const ims = get('ims', 50);
  const bots = get('bots', Math.ceil(users / 100));
  const memberOf = get('member-of', Math.ceil(channels / 4));
  const members = get('members', Math.min(users, 50));
  return {
    size: {
      users,
      conversations: { public_channel: channels, private_channel: groups, mpim: mpims, im: ims },
      memberCounts: {
        public_channel: Array.from({ length: memberOf }, () => members),
        private_channel: Array.from({ length: groups }, () => Math.min(members, 10)),
        mpim: Array.from({ length: mpims }, () => 3),
        im: Array.from({ length: ims }, () => 2),
      },
      bots,
    },
    assumptions,
  };
}

export const DEFAULT_WORKSPACE: WorkspaceSpec = parseWorkspace('users=5000,channels=800');
