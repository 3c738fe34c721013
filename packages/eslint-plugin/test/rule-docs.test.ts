import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { DOCS_DIR, END, RULE_NAMES, withHead } from '../scripts/rule-docs.js';

describe.each(RULE_NAMES)('docs/rules/%s.md', (rule) => {
  const doc = readFileSync(join(DOCS_DIR, `${rule}.md`), 'utf8');

  it("has the head `pnpm docs` writes from the rule's meta and core's facts", () => {
    expect(doc).toBe(withHead(rule, doc));
  });

  it('has hand-written examples, "When not to use it" and "Limits" below the generated part', () => {
    const handWritten = doc.slice(doc.indexOf(END));
    expect(handWritten).toMatch(/^## Examples$/m);
    expect(handWritten).toMatch(/^## When not to use it$/m);
    expect(handWritten).toMatch(/^## Limits$/m);
  });
});
