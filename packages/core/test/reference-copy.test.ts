import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readReference } from './reference.js';

// The steering repo keeps the live reference beside the checkout (../shared); core keeps the copy its
// tables were checked against. When both exist they must agree, so a changed fact is noticed.
const shared = fileURLToPath(new URL('../../../../shared/slack-rtm-reference.md', import.meta.url));

describe('reference copy', () => {
  it.skipIf(!existsSync(shared))('matches ../shared/slack-rtm-reference.md', () => {
    expect(readReference()).toBe(readFileSync(shared, 'utf8'));
  });
});
