import { randomBytes } from 'node:crypto';
import { RTM_URL_LIFETIME_SECONDS } from '@rtm-migrate/core';

export type TicketCheck = 'ok' | 'unknown' | 'used' | 'expired';

/** The bridge's RTM URLs: random, single use, valid 30 s as Slack's were; never derived from a token. */
export class RtmTickets {
  private readonly issued = new Map<string, number>();
  /** Used tickets, remembered for a lifetime (to answer 410, not 401), by when they were issued. */
  private readonly used = new Map<string, number>();

  constructor(private readonly lifetimeMs = RTM_URL_LIFETIME_SECONDS * 1000) {}

  issue(now = Date.now()): string {
    for (const table of [this.issued, this.used]) for (const [t, at] of table) if (now - at > this.lifetimeMs) table.delete(t);
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
    this.used.set(ticket, at);
    return 'ok';
  }
}
