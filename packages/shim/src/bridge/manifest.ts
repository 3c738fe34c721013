import { BRIDGE_BOT_SCOPES, RTM_EVENTS_ON_SOCKET_MODE } from '@rtm-migrate/core';

export interface ManifestOptions {
  /** App and bot user name (default `rtm-bot`). */
  readonly name?: string;
  /** RTM event types the bot handles (default: every one Socket Mode can deliver). */
  readonly events?: readonly string[];
}

export interface RtmBotManifest {
  readonly display_information: { readonly name: string; readonly description: string };
  readonly features: { readonly bot_user: { readonly display_name: string; readonly always_online: boolean } };
  readonly oauth_config: { readonly scopes: { readonly bot: readonly string[] } };
  readonly settings: {
    readonly event_subscriptions: { readonly bot_events: readonly string[] };
    readonly interactivity: { readonly is_enabled: boolean };
    readonly org_deploy_enabled: boolean;
    readonly socket_mode_enabled: boolean;
    readonly token_rotation_enabled: boolean;
  };
}

/** RTM event types a manifest can ask for: those with Events API counterparts. */
export const DELIVERABLE_RTM_EVENTS: readonly string[] = Object.entries(RTM_EVENTS_ON_SOCKET_MODE)
  .filter(([, fact]) => fact.botEvents.length > 0)
  .map(([type]) => type);

/**
 * A Slack app manifest for an RTM bot behind `rtm-shim bridge`: Socket Mode on, the bot events that
 * carry the RTM events it handles, and the bot scopes those events, its replies (`chat:write`) and
 * the `rtm.start` rebuild need. Throws on an RTM event that Socket Mode cannot deliver.
 */
export function rtmBotManifest(options: ManifestOptions = {}): RtmBotManifest {
  const name = options.name ?? 'rtm-bot';
  const events = options.events ?? DELIVERABLE_RTM_EVENTS;
  const botEvents = new Set<string>();
  const scopes = new Set<string>(BRIDGE_BOT_SCOPES);
  for (const type of events) {
    const fact = RTM_EVENTS_ON_SOCKET_MODE[type];
    if (!fact) throw new Error(`unknown RTM event ${JSON.stringify(type)}`);
    if (fact.lost !== undefined) throw new Error(`Socket Mode has no ${type} event: ${fact.lost}`);
    for (const e of fact.botEvents) botEvents.add(e);
    for (const s of fact.scopes) scopes.add(s);
  }
  return {
    display_information: { name, description: 'An RTM bot running on Socket Mode through rtm-shim bridge' },
    features: { bot_user: { display_name: name, always_online: true } },
    oauth_config: { scopes: { bot: [...scopes].sort() } },
    settings: {
      event_subscriptions: { bot_events: [...botEvents].sort() },
      interactivity: { is_enabled: false },
      org_deploy_enabled: false,
      socket_mode_enabled: true,
      token_rotation_enabled: false,
    },
  };
}
