import { CONVERSATION_TYPES, type ConversationType, type WorkspaceSize } from '@rtm-migrate/core';
import { BOT_NAMES, CHANNEL_WORDS, FIRST_NAMES, LAST_NAMES, LOCALES, TIME_ZONES } from './names.js';
import { hashSeed, intBetween, mulberry32, nth, pick, type Random } from './random.js';

export interface WorkspaceOptions {
  /** Same seed, same workspace (default 1). */
  seed?: string | number;
  /** Users in `users.list`, the bot's own user, other bots and deactivated accounts included (default 50, at least 2). */
  users?: number;
  /** Public plus private channels (default 20, at least 1: #general). A fifth of them are private. */
  channels?: number;
  /** Group DMs the bot is in (default 2 + channels / 20). */
  mpims?: number;
  /** DMs of the bot (default 5 + users / 100, at most users - 1). */
  ims?: number;
}

export interface SlackProfile {
  real_name: string;
  display_name: string;
  email?: string;
  bot_id?: string;
  image_48: string;
  [key: string]: unknown;
}

/** A user as `users.list` returns it (without `locale`, added on `include_locale`). */
export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  deleted: boolean;
  real_name: string;
  is_bot: boolean;
  profile: SlackProfile;
  [key: string]: unknown;
}

export interface SlackBot {
  id: string;
  deleted: boolean;
  name: string;
  updated: number;
  app_id: string;
  user_id: string;
  icons: { image_36: string; image_48: string; image_72: string };
}

export interface SlackTeam {
  id: string;
  name: string;
  domain: string;
  email_domain: string;
  icon: Record<string, string | boolean>;
  avatar_base_url: string;
}

/**
 * Who is in a conversation, without storing a list: the bot's own user first when `self`, then
 * `count` users of the pool (every user but the bot), `start`, `start + stride`, … modulo the pool
 * size, `stride` coprime with it so no one comes twice.
 */
export interface Membership {
  readonly self: boolean;
  readonly start: number;
  readonly stride: number;
  readonly count: number;
}

export interface Conversation {
  readonly id: string;
  readonly type: ConversationType;
  /** `''` for ims, which have no name. */
  readonly name: string;
  readonly created: number;
  readonly creator: string;
  readonly isArchived: boolean;
  readonly isGeneral: boolean;
  readonly topic: string;
  readonly purpose: string;
  /** The other user of an im. */
  readonly user?: string;
  /** Whether the bot is a member. */
  readonly isMember: boolean;
  readonly membership: Membership;
  readonly locale: string;
  readonly unreadCount: number;
  readonly lastRead: string;
  readonly latestTs: string;
  /**
   * Whether the bot has the conversation open (`is_open`, which `rtm.start` gave on groups, mpims and
   * ims and `conversations.info` answers; `conversations.list` does not). Every third one is closed,
   * counted without a random draw so that the rest of a seed's workspace stays as it was.
   */
  readonly isOpen: boolean;
}

export interface Usergroup {
  id: string;
  name: string;
  handle: string;
  description: string;
  created: number;
  creator: string;
  membership: Membership;
}

export interface SizeOptions {
  /** Leave archived conversations out, as `exclude_archived: true` does. */
  excludeArchived?: boolean;
}

const EPOCH = 1_420_000_000; // 2015-01-01: creation times fall after it
const ID_SPACE = 36 ** 8;
const ID_STEP = 7919 * 104_729; // coprime with 36^8: ids spread out and never collide

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function coprimeStride(random: Random, n: number): number {
  if (n <= 2) return 1;
  let stride = intBetween(random, 1, n - 1);
  while (gcd(stride, n) !== 1) stride = (stride % (n - 1)) + 1;
  return stride;
}

/** A generated workspace: the data every method of the fake serves, consistent across methods. */
export class Workspace {
  readonly seed: string | number;
  readonly team: SlackTeam;
  readonly users: readonly SlackUser[];
  /** The bot's own user (always `users[0]`). */
  readonly self: SlackUser;
  readonly bots: readonly SlackBot[];
  readonly conversations: readonly Conversation[];
  readonly byType: Readonly<Record<ConversationType, readonly Conversation[]>>;
  readonly usergroups: readonly Usergroup[];
  /** Milliseconds the generation took. */
  readonly generationMs: number;
  private readonly userIndex = new Map<string, SlackUser>();
  private readonly conversationIndex = new Map<string, Conversation>();
  private readonly botIndex = new Map<string, SlackBot>();

  constructor(options: WorkspaceOptions = {}) {
    const started = performance.now();
    this.seed = options.seed ?? 1;
    const userCount = Math.max(2, Math.floor(options.users ?? 50));
    const channelCount = Math.max(1, Math.floor(options.channels ?? 20));
    const random = mulberry32(hashSeed(this.seed));
    const idBase = Math.floor(random() * ID_SPACE);
    let serial = 0;
    const id = (prefix: string): string =>
      prefix + ((idBase + serial++ * ID_STEP) % ID_SPACE).toString(36).toUpperCase().padStart(8, '0');
    const time = (): number => EPOCH + Math.floor(random() * 300_000_000);

    const teamId = id('T');
    const domain = `fake-${hashSeed(this.seed).toString(36)}`;
    this.team = {
      id: teamId,
      name: `Fake Workspace ${String(this.seed)}`,
      domain,
      email_domain: 'example.com',
      icon: {
        image_34: 'https://a.slack-edge.invalid/team_34.png',
        image_44: 'https://a.slack-edge.invalid/team_44.png',
        image_68: 'https://a.slack-edge.invalid/team_68.png',
        image_88: 'https://a.slack-edge.invalid/team_88.png',
        image_default: true,
      },
      avatar_base_url: 'https://ca.slack-edge.invalid/',
    };

    // Users: the bot itself first, then people, ~5% bots, ~2% deactivated people.
    const users: SlackUser[] = [];
    const bots: SlackBot[] = [];
    const makeBot = (user: SlackUser, name: string, created: number): SlackBot => {
      const bot: SlackBot = {
        id: id('B'),
        deleted: false,
        name,
        updated: created,
        app_id: id('A'),
        user_id: user.id,
        icons: {
          image_36: 'https://a.slack-edge.invalid/bot_36.png',
          image_48: 'https://a.slack-edge.invalid/bot_48.png',
          image_72: 'https://a.slack-edge.invalid/bot_72.png',
        },
      };
      bots.push(bot);
      return bot;
    };
    for (let i = 0; i < userCount; i++) {
      const isSelf = i === 0;
      const isBot = isSelf || random() < 0.05;
      const deleted = !isBot && random() < 0.02;
      const zone = pick(random, TIME_ZONES);
      const created = time();
      const name = isSelf
        ? 'rtmbot'
        : isBot
          ? `${pick(random, BOT_NAMES)}${i}`
          : `${pick(random, FIRST_NAMES)}.${pick(random, LAST_NAMES)}${i}`;
      const realName = isBot ? name : name.replace(/\d+$/, '').split('.').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
      const user: SlackUser = {
        id: id('U'),
        team_id: teamId,
        name,
        deleted,
        color: ((random() * 0xffffff) | 0).toString(16).padStart(6, '0'),
        real_name: realName,
        tz: zone.tz,
        tz_label: zone.tz_label,
        tz_offset: zone.tz_offset,
        profile: {
          real_name: realName,
          display_name: isBot ? name : nth(name.split('.'), 0),
          image_48: 'https://a.slack-edge.invalid/user_48.png',
        },
        is_admin: !isBot && i % 97 === 1,
        is_owner: i === 1,
        is_primary_owner: i === 1,
        is_restricted: false,
        is_ultra_restricted: false,
        is_bot: isBot,
        is_app_user: false,
        updated: created,
      };
      if (isBot) {
        const bot = makeBot(user, name, created);
        // Slack's bot users carry their app's id in the profile: what `bots[].app_id` is rebuilt from.
        Object.assign(user.profile, { bot_id: bot.id, api_app_id: bot.app_id });
      }
      else user.profile.email = `${name}@example.com`;
      users.push(user);
    }
    this.users = users;
    this.self = nth(users, 0);
    this.bots = bots;
    const pool = userCount - 1;
    const poolUser = (j: number): SlackUser => nth(users, 1 + (j % pool));

    const conversations: Conversation[] = [];
    const conversation = (
      type: ConversationType,
      prefix: string,
      name: string,
      membership: Membership,
      extra: { isGeneral?: boolean; isArchived?: boolean; user?: string } = {},
    ): void => {
      const created = time();
      const unread = intBetween(random, 0, 20);
      const lastRead = `${created + 1000}.000${String(intBetween(random, 100, 999))}`;
      conversations.push({
        id: id(prefix),
        type,
        name,
        created,
        creator: poolUser(Math.floor(random() * pool)).id,
        isArchived: extra.isArchived ?? false,
        isGeneral: extra.isGeneral ?? false,
        topic: type === 'im' ? '' : `All about ${name}`,
        purpose: type === 'im' ? '' : `A place for ${name}`,
        ...(extra.user === undefined ? {} : { user: extra.user }),
        isMember: membership.self,
        membership,
        locale: pick(random, LOCALES),
        unreadCount: unread,
        lastRead,
        latestTs: `${created + 2000}.000${String(intBetween(random, 100, 999))}`,
        isOpen: type === 'public_channel' || conversations.length % 3 !== 2,
      });
    };
    const someOf = (self: boolean, share: number): Membership => ({
      self,
      start: Math.floor(random() * pool),
      stride: coprimeStride(random, pool),
      count: Math.min(pool, 1 + Math.floor(pool * random() ** 3 * share)),
    });

    const privateCount = Math.floor(channelCount / 5);
    const publicCount = channelCount - privateCount;
    conversation('public_channel', 'C', 'general', { self: true, start: 0, stride: 1, count: pool }, { isGeneral: true });
    for (let i = 1; i < publicCount; i++) {
      const self = random() < 0.3;
      conversation('public_channel', 'C', `${pick(random, CHANNEL_WORDS)}-${i}`, someOf(self, 1), { isArchived: random() < 0.05 });
    }
    // A bot token sees only the private channels it is in. Older ones have G ids, newer ones C ids.
    for (let i = 0; i < privateCount; i++) {
      const prefix = i < privateCount / 2 ? 'G' : 'C';
      conversation('private_channel', prefix, `private-${pick(random, CHANNEL_WORDS)}-${i}`, someOf(true, 0.3), {
        isArchived: random() < 0.05,
      });
    }
    const mpimCount = pool >= 2 ? Math.max(0, Math.floor(options.mpims ?? 2 + channelCount / 20)) : 0;
    for (let i = 0; i < mpimCount; i++) {
      const membership: Membership = {
        self: true,
        start: Math.floor(random() * pool),
        stride: coprimeStride(random, pool),
        count: Math.min(pool, intBetween(random, 2, 7)),
      };
      const names = [this.self.name];
      for (let k = 0; k < membership.count; k++) names.push(poolUser(membership.start + k * membership.stride).name);
      conversation('mpim', 'G', `mpdm-${names.join('--')}-1`, membership);
    }
    const imCount = Math.min(pool, Math.max(0, Math.floor(options.ims ?? 5 + userCount / 100)));
    const imStride = coprimeStride(random, pool);
    const imStart = Math.floor(random() * pool);
    for (let i = 0; i < imCount; i++) {
      const j = (imStart + i * imStride) % pool;
      conversation('im', 'D', '', { self: true, start: j, stride: 1, count: 1 }, { user: poolUser(j).id });
    }
    this.conversations = conversations;
    const byType = Object.fromEntries(CONVERSATION_TYPES.map((t) => [t, [] as Conversation[]])) as Record<
      ConversationType,
      Conversation[]
    >;
    for (const c of conversations) byType[c.type].push(c);
    this.byType = byType;

    const groupCount = Math.min(10, 1 + Math.floor(userCount / 100));
    const usergroups: Usergroup[] = [];
    for (let i = 0; i < groupCount; i++) {
      const word = nth(CHANNEL_WORDS, i % CHANNEL_WORDS.length);
      usergroups.push({
        id: id('S'),
        name: `${word} team ${i}`,
        handle: `${word}-team-${i}`,
        description: `Everyone in ${word}`,
        created: time(),
        creator: poolUser(i).id,
        // The bot is in every other group: `subteams.self` lists those.
        membership: { self: i % 2 === 0, start: Math.floor(random() * pool), stride: coprimeStride(random, pool), count: Math.min(pool, intBetween(random, 1, 50)) },
      });
    }
    this.usergroups = usergroups;

    for (const u of users) this.userIndex.set(u.id, u);
    for (const c of conversations) this.conversationIndex.set(c.id, c);
    for (const b of bots) this.botIndex.set(b.id, b);
    this.generationMs = performance.now() - started;
  }

  user(id: string): SlackUser | undefined {
    return this.userIndex.get(id);
  }

  conversation(id: string): Conversation | undefined {
    return this.conversationIndex.get(id);
  }

  bot(id: string): SlackBot | undefined {
    return this.botIndex.get(id);
  }

  /** How many members a membership (of a conversation or a usergroup) has. */
  memberCount(of: { membership: Membership }): number {
    return (of.membership.self ? 1 : 0) + of.membership.count;
  }

  /** User ids of members `offset` … `offset + limit - 1`, in the one order every method uses. */
  members(of: { membership: Membership }, offset = 0, limit = Infinity): string[] {
    const { self, start, stride } = of.membership;
    const end = Math.min(this.memberCount(of), offset + limit);
    const pool = this.users.length - 1;
    const out: string[] = [];
    for (let k = offset; k < end; k++) {
      if (self && k === 0) out.push(this.self.id);
      else out.push(nth(this.users, 1 + ((start + (k - (self ? 1 : 0)) * stride) % pool)).id);
    }
    return out;
  }

  /**
   * The workspace as core's `costOfReplacement` sees it: users, conversations per type (archived
   * included unless `excludeArchived`), member counts of the conversations the bot is in, bot users.
   */
  size(options: SizeOptions = {}): WorkspaceSize {
    const conversations: Partial<Record<ConversationType, number>> = {};
    const memberCounts: Partial<Record<ConversationType, number[]>> = {};
    for (const type of CONVERSATION_TYPES) {
      const list = this.byType[type].filter((c) => !(options.excludeArchived && c.isArchived));
      conversations[type] = list.length;
      memberCounts[type] = list.filter((c) => c.isMember).map((c) => this.memberCount(c));
    }
    return {
      users: this.users.length,
      conversations,
      memberCounts,
      bots: this.users.filter((u) => u.is_bot).length,
    };
  }
}

export function generateWorkspace(options: WorkspaceOptions = {}): Workspace {
  return new Workspace(options);
}
