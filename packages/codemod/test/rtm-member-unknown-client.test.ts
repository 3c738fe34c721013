import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config } from '../../../test/support/corpus.js';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, cli, expectSameWithoutRtmStart, writeBotFiles } from './helpers.js';

/**
 * Bots on the legacy `@slack/client` 3.16 `RtmClient` (fixtures/bots' install) whose `rtm.start()` reads
 * like the Web API client's `rtm` family, though the analysis cannot name the client: made by `new` of a
 * class handed in, or destructured out of what another module's function returns; or a variable given
 * one of two v3 clients, which no single `new` makes. `rtm.connect()` there calls the v3 client's
 * `connect(url)`, which throws (no socket URL): the call must be reported and left with a TODO. Beside
 * them, a variable the analysis can tie to one `new` (it holds only `null` / `undefined` otherwise).
 * Run against fake Slack on 127.0.0.1: `legacy` before the migration, `connect_required` after it.
 */

const EVENTS = `var CLIENT_EVENTS = require('@slack/client').CLIENT_EVENTS;
var OPTIONS = { slackAPIUrl: process.env.SLACK_API_URL, autoReconnect: false, logLevel: 'error' };

function report(people, dms) {
  console.log('people: ' + people + ', dms: ' + dms);
  process.stdout.write('', function () { process.exit(0); });
}

function listen(rtm, done) {
  var seen = {};
  rtm.on(CLIENT_EVENTS.RTM.AUTHENTICATED, function (data) {
    seen.people = data.users.filter(function (u) { return !u.is_bot && !u.deleted; }).length;
    seen.dms = data.ims.length;
  });
  rtm.on(CLIENT_EVENTS.RTM.RTM_CONNECTION_OPENED, function () { done(seen.people, seen.dms); });
  rtm.on(CLIENT_EVENTS.RTM.UNABLE_TO_RTM_START, function (error) {
    console.error('unable to start: ' + (error && error.message ? error.message : error));
    process.exit(1);
  });
}
`;

/** A bot: its files (`bot.js` the one run), and the start call as written in it. */
interface Bot {
  readonly form: string;
  readonly start: string;
  /** What the lint reports the start as, and the start of the TODO the codemod leaves. */
  readonly messageId: string;
  readonly todo: string;
  readonly files: Readonly<Record<string, string>> & { readonly 'bot.js': string };
}

const BOTS: readonly Bot[] = [
  {
    form: 'this.rtm made by new of a client class that may be handed in',
    start: 'this.rtm.start();',
    messageId: 'rtmStart',
    todo: 'this `rtm` may be the RTM client',
    files: {
      'bot.js': `'use strict';
${EVENTS}
class RollCall {
  constructor(token, options) {
    // Its tests hand in a stub client.
    this.RtmClient = options.Client || require('@slack/client').RtmClient;
    this.rtm = new this.RtmClient(token, OPTIONS);
  }

  run(done) {
    listen(this.rtm, done);
    this.rtm.start();
  }
}

new RollCall(process.env.SLACK_BOT_TOKEN, {}).run(report);
`,
    },
  },
  {
    form: 'an rtm destructured out of what another module’s function returns',
    start: 'rtm.start();',
    messageId: 'rtmStart',
    todo: 'this `rtm` may be the RTM client',
    files: {
      'clients.js': `'use strict';
var RtmClient = require('@slack/client').RtmClient;

exports.clients = function (token, options) {
  return { rtm: new RtmClient(token, options) };
};
`,
      'bot.js': `'use strict';
${EVENTS}
const { rtm } = require('./clients').clients(process.env.SLACK_BOT_TOKEN, OPTIONS);
listen(rtm, report);
rtm.start();
`,
    },
  },
  // A `let` given a second `new RtmClient` of the file (a fallback token) is followed since every value it
  // holds is a v3 client: legacy-client-chosen.test.ts runs it migrated.
];

function runBot(dir: string, file = 'bot.js'): Promise<RunResult> {
  return runNodeBot(join(dir, 'bot', file), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });
}

let fake: FakeSlack;

describe('a v3 RtmClient the analysis cannot tie to one new, started as x.rtm.start() or rtm.start()', () => {
  beforeAll(async () => {
    fake = await startFakeSlack({ seed: 33, users: 24, channels: 5, mode: 'legacy' });
  });
  afterAll(async () => {
    await fake.close();
  });

  it.each(BOTS)('$form: a TODO and no lint autofix, never rtm.connect (which throws on a v3 client)', { timeout: 120_000 }, async ({ start, messageId, todo, files }) => {
    const dir = await writeBotFiles('v3-unknown-client-bot-', files, 'bot');
    fake.setMode('legacy');
    const before = await runBot(dir);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^people: [1-9]\d*, dms: [1-9]\d*$/m);

    // What an rtm.connect rewrite would run: the v3 client's connect(url), a crash before any Slack call.
    fake.setMode('connect_required');
    await writeFile(join(dir, 'bot', 'renamed.js'), files['bot.js'].replace(start, start.replace('start', 'connect')));
    const renamed = await runBot(dir, 'renamed.js');
    expect(renamed.code).not.toBe(0);
    expect(renamed.stderr).toContain('"url" argument must be of type string');
    await rm(join(dir, 'bot', 'renamed.js'));

    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(false), ignore: false });
    const [linted] = await eslint.lintFiles([join('bot', 'bot.js')]);
    expect(linted?.messages.map((m) => [m.ruleId, m.messageId, m.fix, m.suggestions ?? []])).toEqual([['@rtm-migrate/no-rtm-start', messageId, undefined, []]]);

    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toMatch(/^TODO +bot\/bot\.js:\d+:\d+ +[\w-]+ → todo$/m);
    expect(migrated.stdout).toContain('TODOs left: 1');
    const source = await readFile(join(dir, 'bot', 'bot.js'), 'utf8');
    expect(source).toContain(`// TODO(rtm-migrate): ${todo}`);
    expect(source).toContain(start);
    expect(source).not.toContain('.connect(');

    // Left as it was: where rtm.start still answers it runs the same, elsewhere it fails as loudly as before.
    fake.setMode('legacy');
    const after = await runBot(dir);
    expect(after.code).toBe(0);
    expect(after.stdout).toBe(before.stdout);
    fake.setMode('connect_required');
    const retired = await runBot(dir);
    expect(retired.code).toBe(1);
    expect(retired.stderr).toContain('unable to start: rtm_connect_required');
  });

  // Its counterpart that can be followed: `null` and `undefined` are never started, so a variable that
  // otherwise holds one client is that client, and its start goes through the helper module.
  it('a let holding one client and otherwise only null / undefined: started through startRtmClient, the same people and DMs against connect_required', { timeout: 120_000 }, async () => {
    const dir = await writeBotFiles('v3-unknown-client-bot-', {
      'bot.js': `'use strict';
${EVENTS}
var RtmClient = require('@slack/client').RtmClient;
let rtm = null;

function connect(token) {
  rtm = new RtmClient(token, OPTIONS);
  listen(rtm, function (people, dms) {
    rtm.disconnect();
    rtm = undefined;
    report(people, dms);
  });
  rtm.start();
}

connect(process.env.SLACK_BOT_TOKEN);
`,
    }, 'bot');
    fake.setMode('legacy');
    const before = await runBot(dir);
    expect(before.code).toBe(0);
    expect(before.stdout).toMatch(/^people: [1-9]\d*, dms: [1-9]\d*$/m);

    const migrated = await breaksThenMigrates(fake, dir, () => runBot(dir));
    expect(migrated).toMatch(/^done +bot\/bot\.js:\d+:\d+ +legacy-client → helper-module$/m);
    const source = await readFile(join(dir, 'bot', 'bot.js'), 'utf8');
    expect(source).toContain("  startRtmClient(rtm, {}, { optional: ['team.prefs'] });");
    expect(source).toContain('rtm = new RtmClient(token, Object.assign({}, OPTIONS, { useRtmConnect: true }));');

    fake.resetCalls();
    expectSameWithoutRtmStart(fake, before, await runBot(dir));
  });
});
