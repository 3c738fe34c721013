import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import plugin from '../src/index.js';

describe('rule options', () => {
  for (const rule of Object.keys(plugin.rules)) {
    it(`${rule}: an unknown option is ESLint's schema error naming it`, () => {
      const linter = new Linter({ configType: 'flat' });
      const run = () =>
        linter.verify('web.rtm.start()', [
          { plugins: { '@rtm-migrate': plugin as never }, rules: { [`@rtm-migrate/${rule}`]: ['error', { bogusOption: true }] } },
        ]);
      expect(run).toThrow(new RegExp(`@rtm-migrate/${rule}[\\s\\S]*bogusOption[\\s\\S]*(should|must) NOT have more than 0 items`));
    });
  }
});
