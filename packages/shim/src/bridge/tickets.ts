import { randomBytes } from 'node:crypto';
import { RTM_URL_LIFETIME_SECONDS } from '@rtm-migrate/core';

export type TicketCheck = 'ok' | 'unknown' | 'used' | 'expired';

/** The bridge's RTM URLs: random, single use, valid 30 s as Slack's were; never derived from a token. */
export class RtmTickets {
  private readonly issued = new Map<string, number>();
  private readonly used = new Set<string>();

  constructor(private readonly lifetimeMs = RTM_URL_LIFETIME_SECONDS * 1000) {}

  issue(now = Date.now()): string {
    for (const [t, at] of this.issued) if (now - at > this.lifetimeMs) this.issued.delete(t);
    const ticket = randomBytes(16).toString('hex');
    this.issued.set(ticket, now);
    return ticket;
  }

  take(ticket: string, now = Date.now()): TicketCheck {
    if (this.used.has(ticket)) return 'used';
    const at = this.issued.get(ticket);
    if (at === undefined) return 'unknown';
    this.issued.delete(ticket);
    if (now - at > this.lifetimeMs) return 'expired';
    this.used.add(ticket);
    return 'ok';
  }
}
