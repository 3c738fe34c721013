import { RTM_START_FIELDS } from '@rtm-migrate/core';
import type { RtmStartResponse, UsersGetPresenceResponse, WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { startFakeSlack } from '../src/index.js';
import { clientFor } from './helpers.js';

async function rtmStart(web: WebClient): Promise<RtmStartResponse> {
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the retired method is what these tests compare against
  return web.rtm.start({});
}

/**
 * `rtm.start`'s `self` against what core says now answers its reads, through a real WebClient: the
 * bot's own manual presence (workspaces of several seeds, so that both of its values come up) and
 * its creation time.
 */
describe("rtm.start's self against core's facts", () => {
  it('self.manual_presence is users.getPresence\'s manual_away for the bot itself: "away" where true, "active" where false', async () => {
    const fact = RTM_START_FIELDS['self.manual_presence'];
    const call = fact?.replacements[0];
    expect(call).toMatchObject({ method: 'users.getPresence', resultField: 'manual_away', args: { user: '<self.id>' } });
    const seen = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const fake = await startFakeSlack({ seed, users: 4, channels: 1 });
      try {
        const web = clientFor(fake);
        const legacy = await rtmStart(web);
        const self = legacy.self;
        const legacyValue = self?.manual_presence;
        expect(['active', 'away'], `seed ${String(seed)}`).toContain(legacyValue);
        seen.add(String(legacyValue));
        fake.setMode('connect_required');
        const connected = await web.rtm.connect();
        const own: UsersGetPresenceResponse = await web.users.getPresence({ user: connected.self?.id ?? '' });
        const rebuilt = own.manual_away === true ? 'away' : 'active';
        expect(rebuilt, `seed ${String(seed)}`).toBe(legacyValue);
        // Without `user` Slack answers about the caller: the same details.
        expect(await web.users.getPresence({})).toMatchObject({ manual_away: own.manual_away, presence: own.presence });
        // About anyone else it answers the presence alone: no `manual_away` to read.
        const other = fake.workspace.users[1]?.id ?? '';
        const theirs = await web.users.getPresence({ user: other });
        expect(Object.keys(theirs).filter((k) => !['ok', 'response_metadata', 'warning'].includes(k))).toEqual(['presence']);
      } finally {
        await fake.close();
      }
    }
    expect([...seen].sort()).toEqual(['active', 'away']);
  });

  it('self.created, which rtm.start gave, has no replacement: users.info answers the bot user without it', async () => {
    expect(RTM_START_FIELDS['self.created']?.replacements).toEqual([]);
    const fake = await startFakeSlack({ users: 4, channels: 1 });
    try {
      const web = clientFor(fake);
      const legacy = await rtmStart(web);
      expect(legacy.self?.created).toBeTypeOf('number');
      const info = await web.users.info({ user: legacy.self?.id ?? '' });
      expect(info.user?.id).toBe(legacy.self?.id);
      expect(info.user).not.toHaveProperty('created');
    } finally {
      await fake.close();
    }
  });
});
