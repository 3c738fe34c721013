import { RTM_START_ONLY_ARGS, type RtmStartOnlyArg } from './args.js';
import { fieldFact, type FieldFact } from './fields.js';
import { RATE_TIERS } from './rate-tiers.js';

/** Every sentence the tools show a user about rtm.start comes from here, so lint, codemod and shim agree. */
export const MESSAGES = {
  rtmStart:
    '`rtm.start` is retired: Slack answers `rtm_connect_required` or a thin `rtm.connect`-shaped response. Call `rtm.connect` and fetch only the data you read with its replacement methods.',
  rtmStartFixable: 'Replace `rtm.start` with `rtm.connect`: only fields that `rtm.connect` also returns are read.',
  rtmClientUsesStart:
    '`useRtmConnect: false` makes RTMClient call the retired `rtm.start`. Drop the option (RTMClient uses `rtm.connect` by default) and fetch the data you read with its replacement methods.',
  legacyRtmClient:
    "The legacy `@slack/client` v3 `RtmClient` starts with the retired `rtm.start`. Move to `@slack/rtm-api`'s `RTMClient` (it uses `rtm.connect`) and fetch the data you read with its replacement methods.",
  rtmStartUrl:
    '`rtm.start` over HTTP is retired: request `rtm.connect` instead and fetch the data you read with its replacement methods.',
} as const;

export function unsupportedArgMessage(name: RtmStartOnlyArg): string {
  const arg = RTM_START_ONLY_ARGS[name];
  return `\`rtm.connect\` does not accept \`${name}\` (on \`rtm.start\` it ${arg.did}): ${arg.instead}.`;
}

/** Where a start-only field comes from now, with scope and tier: `users.list` (scope `users:read`, Tier 2). */
export function replacementSummary(fact: FieldFact): string {
  const first = fact.replacements[0];
  if (!first) return fact.advice;
  const scopes = first.scopes.length > 0 ? `scope ${first.scopes.map((s) => `\`${s}\``).join(', ')}, ` : '';
  return `${fact.advice} (${scopes}${RATE_TIERS[first.tier].description})`;
}

/** The sentence for a read of a start-only field, with `{{field}}` and `{{replacement}}` to fill in. */
export const START_ONLY_FIELD_TEMPLATE =
  "`{{field}}` is not in `rtm.connect`'s response (and a retired `rtm.start` may answer in that shape): {{replacement}}.";

/** What fills `{{replacement}}` for `path`: where the field comes from now. */
export function startOnlyFieldReplacement(path: string): string {
  const fact = fieldFact(path);
  return fact ? replacementSummary(fact) : "it is not part of `rtm.connect`'s response";
}

export function startOnlyFieldMessage(path: string): string {
  return START_ONLY_FIELD_TEMPLATE.replace('{{field}}', () => path).replace('{{replacement}}', () => startOnlyFieldReplacement(path));
}

/** The text of a `// TODO(rtm-migrate): …` comment the codemod leaves where it cannot rewrite safely. */
export function todoComment(reason: string, fields: readonly string[] = []): string {
  // One entry per fact (`channels[].name` is served by `channels`' list), each method named once.
  const facts = new Map<string, FieldFact>();
  for (const f of fields.map((p) => fieldFact(p))) if (f && !f.onRtmConnect && !facts.has(f.path)) facts.set(f.path, f);
  const needs = [...facts.values()].map(
    (f) => `${f.path}: ${[...new Set(f.replacements.map((r) => r.method))].join(' / ') || 'no replacement'}`,
  );
  return `TODO(rtm-migrate): ${reason}${needs.length > 0 ? ` Fields read → replacements: ${needs.join('; ')}.` : ''}`;
}
