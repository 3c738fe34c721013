import { describe, expect, it } from 'vitest';
import { outcomes, scanFiles } from './helpers.js';

/**
 * A v3 `RtmClient` handed to a class's constructor and started as `this.<field>.start()` in a method:
 * the scan follows the field to the client only where the constructor is the field's one assignment,
 * from a parameter, and every construction of the class in the project hands it that one v3 client
 * (both sites then go to the helper module). Anything else is not followed: a start on a field the
 * class uses as an RTM client goes to the helper module's run-time check of the client, and one it
 * does not keeps the TODO that says the field may be an RTM client. Each case is a small project written to disk and run through the CLI (`--dry`).
 */
const MANIFEST = JSON.stringify({ name: 'bot', private: true, dependencies: { '@slack/client': '^3.15.0' } });

const SLACK = "const { RtmClient } = require('@slack/client');\n";
const HANDLER = "    this.rtm.on('authenticated', (data) => console.log(data.users.length));\n";

/** A class module whose constructor keeps `param`'s client as `this.rtm = value`. */
function service(param: string, value: string, extra = ''): string {
  return `class Desk {\n  constructor(${param}) {\n    this.rtm = ${value};\n  }\n\n  run() {\n${HANDLER}    this.rtm.start();\n  }\n${extra}}\n\nmodule.exports = Desk;\n`;
}

const POSITIONAL = service('rtm, store', 'rtm');

describe('a v3 RtmClient handed to a class constructor and kept in this.rtm', () => {
  it.each([
    { form: 'the first parameter, the client made in place', desk: POSITIONAL, main: `${SLACK}const Desk = require('./desk');\nnew Desk(new RtmClient('xoxb-test'), {}).run();\n` },
    { form: 'a variable holding the client', desk: POSITIONAL, main: `${SLACK}const Desk = require('./desk');\nconst rtm = new RtmClient('xoxb-test', { logLevel: 'error' });\nnew Desk(rtm, {}).run();\n` },
    { form: 'a destructured parameter, an object literal', desk: service('{ rtm, store }', 'rtm'), main: `${SLACK}const Desk = require('./desk');\nnew Desk({ store: {}, rtm: new RtmClient('xoxb-test') }).run();\n` },
    { form: 'a member of the options parameter', desk: service('options', 'options.rtm'), main: `${SLACK}const Desk = require('./desk');\nnew Desk({ rtm: new RtmClient('xoxb-test') }).run();\n` },
    {
      form: 'constructed in two modules with the client one module exports',
      desk: POSITIONAL,
      main: `const Desk = require('./desk');\nconst rtm = require('./client');\nnew Desk(rtm).run();\n`,
      more: { 'client.js': `${SLACK}module.exports = new RtmClient('xoxb-test');\n`, 'again.js': "const Desk = require('./desk');\nnew Desk(require('./client'));\n" },
    },
  ])('$form: both sites go to the helper module', async ({ desk, main, more }) => {
    const report = await scanFiles(MANIFEST, { 'desk.js': desk, 'main.js': main, ...(more ?? {}) });
    expect(outcomes(report)['desk.js:8:5']).toBe('helper-module');
    expect(Object.values(outcomes(report)).filter((r) => r !== 'helper-module')).toEqual([]);
    expect(report.todos).toBe(0);
  });

  it.each([
    { form: 'another construction hands in an unknown client', desk: POSITIONAL, main: `${SLACK}const Desk = require('./desk');\nnew Desk(new RtmClient('xoxb-test')).run();\nexports.spare = (client) => new Desk(client);\n` },
    { form: 'another construction hands in a v4 RTMClient', desk: POSITIONAL, main: `${SLACK}const { RTMClient } = require('@slack/rtm-api');\nconst Desk = require('./desk');\nnew Desk(new RtmClient('xoxb-test')).run();\nnew Desk(new RTMClient('xoxb-test')).run();\n` },
    { form: 'a method assigns the field again', desk: service('rtm', 'rtm', '\n  swap(other) {\n    this.rtm = other;\n  }\n'), main: `${SLACK}const Desk = require('./desk');\nnew Desk(new RtmClient('xoxb-test')).run();\n` },
    { form: 'the class is handed on, not constructed', desk: POSITIONAL, main: `${SLACK}const Desk = require('./desk');\nnew Desk(new RtmClient('xoxb-test')).run();\nmodule.exports = { make: (Kind) => new Kind(), Desk };\n` },
    { form: 'a subclass may be constructed with anything', desk: POSITIONAL, main: `${SLACK}const Desk = require('./desk');\nclass Loud extends Desk {}\nnew Desk(new RtmClient('xoxb-test')).run();\nnew Loud(null);\n` },
    { form: 'the client comes through a spread', desk: POSITIONAL, main: `${SLACK}const Desk = require('./desk');\nconst args = [new RtmClient('xoxb-test')];\nnew Desk(...args).run();\n` },
    { form: 'the class is never constructed in the project', desk: POSITIONAL, main: `${SLACK}new RtmClient('xoxb-test');\n` },
    { form: 'the field is set from a parameter only on one branch', desk: service('rtm', 'rtm || null'), main: `${SLACK}const Desk = require('./desk');\nnew Desk(new RtmClient('xoxb-test')).run();\n` },
  ])('$form: not followed to the client (no useRtmConnect on a `new`), but used as one: the start tells the client when it starts', async ({ desk, main }) => {
    const report = await scanFiles(MANIFEST, { 'desk.js': desk, 'main.js': main });
    const start = report.sites.find((s) => s.id.startsWith('desk.js:8:'));
    expect(start?.rewrite).toBe('helper-module');
    expect(start?.message).toContain('now starts through `startRtmClientMadeElsewhere()`');
    expect(report.sites.filter((s) => s !== start).every((s) => s.rewrite !== 'helper-module' && s.rewrite !== 'connect-only')).toBe(true);
  });

  it('not followed to the client, and not used as one in the class (this.rtm = rtm alone): the start keeps its TODO', async () => {
    const main = `${SLACK}const Desk = require('./desk');\nnew Desk(new RtmClient('xoxb-test')).run();\nexports.spare = (client) => new Desk(client);\n`;
    const report = await scanFiles(MANIFEST, { 'desk.js': POSITIONAL.replace(HANDLER, ''), 'main.js': main });
    const start = report.sites.find((s) => s.id.startsWith('desk.js:7:'));
    expect(start?.rewrite).toBe('todo');
    expect(start?.message).toContain('may be the RTM client kept in a member of that name (`this.rtm = …`, line 3)');
    expect(report.sites.every((s) => s.rewrite !== 'helper-module' && s.rewrite !== 'connect-only')).toBe(true);
  });
});
