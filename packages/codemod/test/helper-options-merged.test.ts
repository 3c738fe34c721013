import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, scanOneSite } from './helpers.js';

/**
 * The app's own async helper awaited for `rtm.start`, the answer returned to callers (so the fields
 * read are not all known): through the generated helper module, called with the app's helper, where
 * the helper's declaration is seen and takes the options as data, here when it merges them into a
 * new object (`options = { ...this.defaults, ...options }`). The pattern `helper-await-returned` shows
 * the whole rewrite; here, the helpers that do not show that much keep their TODO. The real CLI on
 * files on disk.
 */

/** A class with its own `call` helper (no helper when `call` is undefined) and an `open` method. */
const session = (call: string | undefined, open: string, head = 'class Session'): string => `${head} {
  constructor(token) {
    this.defaults = { token };
  }
${call === undefined ? '' : `
  async call(method, options = {}) {
${call}
  }
`}
  async open(options) {
${open}
  }
}

module.exports = Session;
`;

const MERGED = "    options = { ...this.defaults, ...options };\n    const res = await fetch('https://slack.com/api/' + method, { method: 'POST', body: new URLSearchParams(options) });\n    return res.json();";
const OPEN = "    const answer = await this.call('rtm.start', options);\n    return answer;";

const scanned = (source: string): ReturnType<typeof scanOneSite> => scanOneSite('rtm-migrate-options-merged-', source, 'session.js');

describe("an awaited helper whose answer is returned, the helper merging its options into a new object", () => {
  it('goes through the helper module with the same helper and options', async () => {
    const { dir, site } = await scanned(session(MERGED, OPEN));
    expect(site?.rewrite).toBe('helper-module');
    const applied = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('TODOs left: 0');
    const out = await readFile(join(dir, 'session.js'), 'utf8');
    expect(out).toContain('const callSlack = (apiMethod, apiArgs) => this.call(apiMethod, apiArgs);');
    // The answer goes to callers: the extras they may read come too, as optional.
    expect(out).toContain("const answer = await rtmStartData(callSlack, options, { optional: ['dnd', 'subteams', 'team.prefs'] }).catch((err) => (err.data !== undefined && err.data !== null ? err.data : Promise.reject(err)));");
  });

  it.each([
    ['the helper gives its options another value than a new object', session(MERGED.replace('options = { ...this.defaults, ...options };', 'options = normalize(options);'), OPEN)],
    ['the helper also calls what it is given there', session(`    if (typeof options === 'function') return options(method);\n${MERGED}`, OPEN)],
    ['the helper is inherited from a class not seen', session(undefined, OPEN, "const Base = require('./base');\nclass Session extends Base")],
    ['the caller hands on a name that is no options bag', session(MERGED, "    const answer = await this.call('rtm.start', this.token);\n    return answer;")],
  ])('%s: a TODO, as before', async (_name, source) => {
    const { site } = await scanned(source);
    expect(site?.rewrite).toBe('todo');
  });
});
