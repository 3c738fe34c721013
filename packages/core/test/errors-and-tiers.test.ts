import { describe, expect, it } from 'vitest';
import {
  METHOD_TIERS,
  RATE_TIERS,
  REFERENCE_CORRECTIONS,
  RTM_START_RETIRED_ERRORS,
  SLACK_ERRORS,
  SLACK_WARNINGS,
  tierFloorSeconds,
  tierOf,
} from '../src/index.js';
import { codeSpans, readReference, tableAfter } from './reference.js';

const reference = readReference();

describe('RATE_TIERS against reference §3, row by row', () => {
  for (const [tierCell, allowance] of tableAfter(reference, '## 3. Rate-limit tiers') as [string, string][]) {
    const tier = Number(tierCell.replace('Tier ', '')) as 1 | 2 | 3 | 4;
    it(tierCell, () => {
      expect(RATE_TIERS[tier].perMinute).toBe(Number(/(\d+)\+ per minute/.exec(allowance)![1]));
      expect(RATE_TIERS[tier].burst).toBeGreaterThanOrEqual(1);
    });
  }
  it('gives every method the tier of reference §1 and §4', () => {
    expect(tierOf('rtm.start')).toBe(1);
    expect(tierOf('rtm.connect')).toBe(1);
    expect(tierOf('users.list')).toBe(2);
    expect(tierOf('conversations.members')).toBe(4);
    expect(tierOf('auth.test')).toBe('special');
    expect(REFERENCE_CORRECTIONS.some((c) => c.corrected.includes('auth.test'))).toBe(true);
    expect(tierOf('chat.postMessage')).toBeUndefined();
    for (const tier of Object.values(METHOD_TIERS)) expect(RATE_TIERS[tier]).toBeDefined();
  });
  it('puts a floor under repeated calls', () => {
    expect(tierFloorSeconds(2, 1)).toBe(0);
    expect(tierFloorSeconds(2, 2)).toBe(0);
    // Reference §5: 30 users.list pages at Tier 2 need ~90 s.
    expect(tierFloorSeconds(2, 30)).toBe(84);
    // 40 conversations.members calls fit in one minute at Tier 4.
    expect(tierFloorSeconds(4, 40)).toBeLessThan(60);
    // Tier 4's generous burst: half a minute's floor back to back, then one call every 0.6 s.
    expect(tierFloorSeconds(4, 50)).toBe(0);
    expect(tierFloorSeconds(4, 68)).toBe(10.8);
  });
});

describe('SLACK_ERRORS against reference §1 and §2', () => {
  const section2 = reference.slice(reference.indexOf('## 2.'), reference.indexOf('## 3.'));
  const errorsLine = section2.split('\n').find((l) => l.includes('Common errors'))!;
  const errorCodes = codeSpans(errorsLine.concat(section2.slice(section2.indexOf(errorsLine) + errorsLine.length).split('- Warnings')[0]!))
    .filter((c) => /^[a-z_]+$/.test(c) && !['needed', 'provided'].includes(c));
  it.each(errorCodes)('knows %s', (code) => {
    expect(SLACK_ERRORS[code]?.meaning).toBeTruthy();
  });
  it('knows the errors of rtm.start and rtm.connect', () => {
    const row = tableAfter(reference, '## 1. The two methods').find(([label]) => label === 'Errors of its own')!;
    for (const code of [...codeSpans(row[1]!), ...codeSpans(row[2]!)]) expect(SLACK_ERRORS[code], code).toBeDefined();
    expect(RTM_START_RETIRED_ERRORS).toEqual(['rtm_connect_required', 'method_deprecated']);
    expect(SLACK_ERRORS['ratelimited']!.status).toBe(429);
  });
  it('knows the warnings', () => {
    const warningsLine = section2.split('\n').find((l) => l.startsWith('- Warnings'))!;
    for (const code of codeSpans(warningsLine).filter((c) => /^[a-z_]+$/.test(c) && c !== 'warning')) {
      expect(SLACK_WARNINGS[code], code).toBeTruthy();
    }
  });
});
