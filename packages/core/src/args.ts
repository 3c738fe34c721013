import { deepFreeze } from './freeze.js';

export type RtmStartOnlyArg = 'include_locale' | 'mpim_aware' | 'no_latest' | 'no_unreads' | 'simple_latest';
export type RtmConnectArg = 'batch_presence_aware' | 'presence_sub';

export interface UnsupportedArgFact {
  readonly name: RtmStartOnlyArg;
  /** What the argument did on `rtm.start`. */
  readonly did: string;
  /** What to do instead, in one sentence a lint message or a report line can show as is. */
  readonly instead: string;
  /** The method that now serves the need, or null where nothing replaces it. */
  readonly replacement: { readonly method: string; readonly args: Readonly<Record<string, unknown>> } | null;
}

/** Reference §1, "Arguments `rtm.connect` does not accept". */
export const RTM_START_ONLY_ARGS: Readonly<Record<RtmStartOnlyArg, UnsupportedArgFact>> = deepFreeze({
  include_locale: {
    name: 'include_locale',
    did: 'added `locale` to users and channels',
    instead: 'pass `include_locale: true` to `users.list` / `conversations.list` instead',
    replacement: { method: 'users.list', args: { include_locale: true } },
  },
  mpim_aware: {
    name: 'mpim_aware',
    did: 'returned `mpims` separately (without it, MPIMs were folded into `groups`)',
    instead: "list MPIMs with `conversations.list` and `types: 'mpim'` instead",
    replacement: { method: 'conversations.list', args: { types: 'mpim' } },
  },
  no_latest: {
    name: 'no_latest',
    did: 'dropped `latest` from channels, groups, mpims and ims (and set `no_unreads=1`)',
    instead: 'drop it: the replacement lists carry no `latest` anyway',
    replacement: null,
  },
  no_unreads: {
    name: 'no_unreads',
    did: 'skipped unread counts',
    instead: 'drop it: the replacement lists carry no unread counts',
    replacement: null,
  },
  simple_latest: {
    name: 'simple_latest',
    did: 'returned `latest` as a timestamp only',
    instead: 'drop it; call `conversations.history` with `limit: 1` where the latest message is truly needed',
    replacement: { method: 'conversations.history', args: { limit: 1 } },
  },
});

/** Arguments valid on both methods: a rewrite keeps them. `token` is accepted everywhere and not listed. */
export const RTM_CONNECT_ARGS: readonly RtmConnectArg[] = deepFreeze(['batch_presence_aware', 'presence_sub']);

export const RTM_START_ARGS: readonly (RtmStartOnlyArg | RtmConnectArg | 'token')[] = deepFreeze([
  'token',
  ...RTM_CONNECT_ARGS,
  ...(Object.keys(RTM_START_ONLY_ARGS) as RtmStartOnlyArg[]),
]);

export function isRtmStartOnlyArg(name: string): name is RtmStartOnlyArg {
  return Object.hasOwn(RTM_START_ONLY_ARGS, name);
}

export function isRtmConnectArg(name: string): name is RtmConnectArg {
  return (RTM_CONNECT_ARGS as readonly string[]).includes(name);
}
