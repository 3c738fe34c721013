import { RTM_CONNECT_ARGS } from './args.js';
import { fieldFact } from './fields.js';
import type { PlannedCall } from './cost.js';
import { RATE_TIERS } from './rate-tiers.js';
import { RTM_URL_LIFETIME_SECONDS } from './errors.js';

const list = (items: readonly string[]): string => items.map((i) => `\`${i}\``).join(', ');

/** Why a fact about a plan's slowest method: "users.list: 25 calls at Tier 2: 20+ per minute". */
function slowest(byMethod: readonly PlannedCall[]): PlannedCall | undefined {
  return [...byMethod].sort((a, b) => b.floorSeconds - a.floorSeconds)[0];
}

/** The `rtm.start` fields code most often read, for a TODO when the reads could not be followed. */
const COMMON_START_FIELDS = ['users', 'channels', 'groups', 'mpims', 'ims', 'channels[].members', 'bots', 'team.icon'] as const;

/** "`users` → users.list; `channels`, `groups`… → conversations.list; …", from the field facts. */
function commonReplacements(): string {
  const byMethods = new Map<string, string[]>();
  for (const path of COMMON_START_FIELDS) {
    const methods = [...new Set(fieldFact(path)?.replacements.map((r) => r.method) ?? [])].join(' / ');
    if (!methods) continue;
    byMethods.set(methods, [...(byMethods.get(methods) ?? []), path === 'team.icon' ? 'team.*' : path]);
  }
  return [...byMethods].map(([methods, fields]) => `${list(fields)} → ${methods}`).join('; ');
}

/** What the TODO says when nothing shows which fields the code reads off the response. */
const UNFOLLOWED_READS = (): string =>
  `rtm-migrate cannot follow the response to the fields read: fetch any other data read before it (${commonReplacements()}).`;

/**
 * Sentences the codemod (`rtm-migrate`) prints in reports and writes into TODO comments and the code it
 * emits. Kept in core with the other messages so that every tool words Slack facts the same way.
 */
export const CODEMOD_MESSAGES = {
  connectStartOnly: (fields: readonly string[]): string =>
    `this code reads ${list(fields)} off an \`rtm.connect\` response, which never carries them (only \`url\`, \`self\` and \`team\`): fetch them with their replacement methods before \`rtm.connect\`.`,
  connectArgsConst: (args: readonly string[]): string =>
    `\`rtm.connect\` does not accept ${list(args)} (passed through a shared object): keep only ${list(RTM_CONNECT_ARGS)}.`,
  escapes: (escapes: readonly { file: string; line: number; reason: string }[]): string =>
    `the response leaves code rtm-migrate can follow (${[...new Set(escapes.map((e) => `${e.file}:${e.line}: ${e.reason}`))]
      .slice(0, 3)
      .join('; ')}), so the fields it reads are not all known: move the reads next to the call, or fetch them by hand before \`rtm.connect\`.`,
  rtmClientReads:
    '`RTMClient` hands this `rtm.start` data to `authenticated` and `start()`; after `rtm.connect` they carry only `url`, `self` and `team`. Fetch the data read with its replacement methods, then drop `useRtmConnect: false`.',
  argsUnknown: `the arguments are not written out, so rtm-migrate cannot tell which ones \`rtm.connect\` accepts (only ${list(RTM_CONNECT_ARGS)}).`,
  helper:
    "the app's own helper is given `rtm.start`: call `rtm.connect` through it and fetch the fields read with their replacement methods first.",
  rawHttp: (request: string): string =>
    `\`rtm.start\` over HTTP is retired: request \`rtm.connect\` instead, and first fetch the data the code reads from ${request}'s response with its replacement methods (rtm-migrate cannot follow a raw HTTP response: ${commonReplacements()}).`,
  /** Why a site on the app's own transport (its helper, raw HTTP) is left unchanged. */
  transportUnseen: (why: string): string =>
    `rtm-migrate leaves the call unchanged: it rebuilds \`rtm.start\`'s data through the app's own transport only where it sees how that is called, and here ${why}.`,
  legacyDataStore:
    "this reads the legacy `@slack/client` v3 `dataStore`, which only `rtm.start`'s data filled: after `rtm.connect` it stays empty. Fetch the data read with its replacement methods (or keep your own cache of them).",
  methodTable:
    "`rtm.start` is an entry of a table the app generates its API wrappers from: the wrapper calls the retired method and its callers' reads are not followed. Use `rtm.connect` there and fetch the data the callers read with its replacement methods.",
  legacyClient:
    "the legacy `@slack/client` v3 `RtmClient` starts with `rtm.start` and hands its data to the AUTHENTICATED event and `dataStore`: move to `@slack/rtm-api`'s `RTMClient` (it uses `rtm.connect`) and fetch the data read with its replacement methods.",
  startTypes:
    "the response is stored where the code's own types are those of `rtm.start`'s response (`RtmStartResponse`, `ReturnType<WebClient['rtm']['start']>`; @slack/web-api 8 removed `rtm.start`): type it after the data you fetch, then run rtm-migrate again.",
  notAwaited:
    'the response is used in a promise chain or a callback: rewrite it to `const res = await …` first (then run rtm-migrate again), or use `--helper shim`.',
  callApply: '`rtm.start` is called through `.call` / `.apply`: call `client.rtm.connect(args)` directly and fetch the fields read first.',
  noInline: (fields: readonly string[]): string =>
    `rtm-migrate has no inline rewrite for ${list(fields)}: replace these reads by hand (or use \`--helper shim\`).`,
  rewrite: (kind: string, fields: readonly string[], byMethod: readonly PlannedCall[]): string => {
    if (kind === 'connect-only') return 'Only fields that `rtm.connect` also returns are read: `rtm.start` → `rtm.connect`, start-only arguments dropped.';
    if (kind === 'drop-option') return 'Arguments / options that only `rtm.start` knew are dropped: the client now uses `rtm.connect`.';
    const methods = [...new Set(byMethod.map((c) => c.method))].filter((m) => m !== 'rtm.connect');
    const via = kind === 'shim' ? '`rtmStartCompat()` from @rtm-migrate/shim' : methods.join(', ');
    return `${list(fields)} now come from ${via}, fetched before \`rtm.connect\`.`;
  },
  /** A site rewritten to call the helper module rtm-migrate generates into the project. */
  helperModule: (legacyClient: boolean, fields: readonly string[], module: string): string =>
    legacyClient
      ? `the v3 \`RtmClient\` now starts with \`rtm.connect\` (\`useRtmConnect: true\`); \`startRtmClient()\` of the generated \`${module}\` fills its AUTHENTICATED data and \`dataStore\` first (users.list, conversations.list, conversations.members, team.info).`
      : `${fields.length > 0 ? `${list(fields)} and the rest of \`rtm.start\`'s data` : `\`rtm.start\`'s data`} now come from \`rtmStartData()\` of the generated \`${module}\` (users.list, conversations.list, conversations.members, team.info, then \`rtm.connect\`).`,
  /** The comment above the calls the inline rewrite emits. */
  inlineComment: (fields: readonly string[], methods: readonly string[]): string =>
    `rtm-migrate: \`rtm.start\` is retired. ${fields.join(', ')} now come from ${methods.join(', ')}, fetched before \`rtm.connect\` (its url lives ${RTM_URL_LIFETIME_SECONDS} s).`,
  startupSummary: (calls: number, floorSeconds: number, byMethod: readonly PlannedCall[]): string => {
    const s = slowest(byMethod);
    const tail =
      s && s.floorSeconds > 0
        ? `the rate tiers make that take at least ${floorSeconds} s (slowest: ${s.method}, ${s.calls} calls at ${RATE_TIERS[s.tier].description})`
        : 'the rate tiers allow that within a few seconds (every method stays within its burst)';
    return `${calls} API call${calls === 1 ? '' : 's'} per start-up; ${tail}.`;
  },
} as const;
