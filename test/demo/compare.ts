import { RTM_START_MEMBER_LIMIT } from '@rtm-migrate/core';
import { green, red } from './print.js';

/**
 * Says whether a migrated bot knows what the legacy one knew: every summary line equal, except member
 * counts that the legacy rtm.start cut at its limit and the migrated bot now has complete.
 */
export function compareSummaries(legacy: string | undefined, migrated: string): void {
  if (legacy === undefined) throw new Error('no legacy summary to compare with (stage 2 did not run)');
  const before = legacy.trimEnd().split('\n');
  const after = migrated.trimEnd().split('\n');
  const completed: string[] = [];
  const differing: string[] = [];
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const [was, now] = [before[i], after[i]];
    if (was === now) continue;
    const cut = was?.match(new RegExp(`^(.*?)${RTM_START_MEMBER_LIMIT} members\\)?$`));
    // The largest channel is the one with the most members: with lists complete it may be another.
    const samePrefix = cut && (now?.startsWith(cut[1]!) === true || (cut[1]!.startsWith('largest:') && now?.startsWith('largest:') === true));
    if (samePrefix) completed.push(`${now.trim()} (was ${RTM_START_MEMBER_LIMIT})`);
    else differing.push(`- ${was ?? ''}\n+ ${now ?? ''}`);
  }
  if (differing.length > 0) {
    console.log(`${red('✗')} the summaries differ:\n${differing.join('\n')}`);
    throw new Error('the migrated bot does not know what the legacy bot knew');
  }
  console.log(
    `${green('✓')} same users, channels, groups, mpims, ims and memberships as under the legacy rtm.start` +
      (completed.length > 0 ? `; ${completed.length} member list(s) now complete: ${completed.join(', ')}` : ''),
  );
}
