import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { breaksThenMigrates, cli, expectPresenceAsRtmStartGave, writeBotFiles } from './helpers.js';

/**
 * A raw superagent `rtm.start` to the team's own host (a template literal, the host an expression),
 * its `(err, res)` callback handing the response to a method of the same class (`this.onres(err, res)`,
 * slackin's form) or to a function of the same module: the reads there are the callback's. Each bot
 * runs against fake Slack in `legacy` mode, breaks in `connect_required` mode, is migrated by the CLI
 * with no TODO and then prints the same channels, users and team, and nobody awake (`rtm.start` sent no
 * presence since 2018, and the migration fetches none), its requests still going to the same host.
 */

/** The host the bot is told, as slackin is told its team's (`<org>.slack.com`): fake Slack's. */
const HOST = `const HOST = new URL(process.env.SLACK_API_URL).host;\n`;

/** What the bot prints of what it was told: the channel name → id map, the people, who is awake, the team. */
const SHOW = `function show(body) {
  const channelsByName = {};
  for (const c of body.channels || []) channelsByName[c.name] = c.id;
  console.log('channels: ' + Object.keys(channelsByName).sort().map((n) => n + '=' + channelsByName[n]).join(' '));
  const people = body.users.filter((u) => u.id !== 'USLACKBOT' && !u.is_bot && !u.deleted);
  console.log('people: ' + people.length + ' of ' + body.users.length);
  console.log('awake: ' + body.users.filter((u) => u.presence === 'active').map((u) => u.name).sort().join(','));
  console.log('team: ' + body.team.name + ' ' + (body.team.icon.image_default ? 'default icon' : body.team.icon.image_132));
}
`;

const METHOD_BOT = `const request = require('superagent');
const { EventEmitter } = require('events');
${HOST}${SHOW}
class SlackData extends EventEmitter {
  constructor({ token, org: host }) {
    super();
    this.host = host;
    this.token = token;
  }

  fetch() {
    request
      .get(\`http://\${this.host}/api/rtm.start\`)
      .query({ token: this.token })
      .end((err, res) => {
        this.onres(err, res);
      });
  }

  onres(err, res) {
    if (err) return this.emit('error', err);
    if (!res.body.users) return this.emit('error', new Error('Invalid Slack response: ' + res.status + ' ' + res.body.error));
    show(res.body);
    this.emit('ready');
  }
}

const slack = new SlackData({ token: process.env.SLACK_BOT_TOKEN, org: HOST });
slack.on('error', (err) => {
  console.error('unable to start: ' + err.message);
  process.exitCode = 1;
});
slack.fetch();
`;

const FUNCTION_BOT = `const superagent = require('superagent');
${HOST}${SHOW}
function remember(err, res) {
  if (err || !res.body.ok) {
    console.error('unable to start: ' + (err ? err.message : res.body.error));
    process.exitCode = 1;
    return;
  }
  show(res.body);
}

superagent
  .post(\`http://\${HOST}/api/rtm.start\`)
  .type('form')
  .send({ token: process.env.SLACK_BOT_TOKEN })
  .end((err, res) => remember(err, res));
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 18, users: 8, channels: 4, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string): Promise<RunResult> => runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000 });

describe('a superagent callback handing the response to a method of its class or a function of its module', () => {
  it.each([
    ['`this.onres(err, res)`, a method of the same class', METHOD_BOT, 'request.get(`http://${this.host}/api/` + apiMethod)'],
    ['`remember(err, res)`, a function of the same module', FUNCTION_BOT, 'superagent.post(`http://${HOST}/api/` + apiMethod)'],
  ])('%s: the same channels, users and team after the migration', { timeout: 180_000 }, async (_name, source, sameHost) => {
    const dir = await writeBotFiles('rtm-migrate-response-to-method-', { 'bot.js': source });
    fake.setMode('legacy');
    const before = await runIn(dir);
    expect({ code: before.code, stderr: before.stderr }).toEqual({ code: 0, stderr: '' });
    expect(before.stdout).toMatch(/^channels: (\S+=C\w+ ){3}\S+=C\w+$/m);
    expect(before.stdout).toMatch(/^people: \d+ of \d+$/m);
    expect(before.stdout).toContain(`team: ${fake.workspace.team.name} default icon`);

    const report = await breaksThenMigrates(fake, dir, () => runIn(dir));
    expect(report).toContain('raw-url → helper-module');
    const migrated = await readFile(join(dir, 'bot.js'), 'utf8');
    // Every method goes to the host the bot was told, as `rtm.start` did.
    expect(migrated).toContain(sameHost);
    expect(migrated).not.toContain('rtm.start');

    fake.resetCalls();
    const after = await runIn(dir);
    // Every read is known and none is `url` or `self`: the helper module, asked for those parts, calls no rtm.connect.
    expect(migrated).toMatch(/rtmStartData\(callSlack[^\n]*\{ fields: \['channels', 'team', 'users'\] \}\)/);
    expectPresenceAsRtmStartGave(fake, before, after, 0);
  });
});

describe('a hand-off rtm-migrate cannot follow: the call stays on rtm.start, a TODO says why', () => {
  it.each([
    ['the method is also called with another value', METHOD_BOT.replace("slack.fetch();", "slack.fetch();\nslack.onres(null, { status: 200, body: {} });")],
    ['the function keeps the response', FUNCTION_BOT.replace('  show(res.body);\n}', '  show(res.body);\n  module.exports.last = res;\n}')],
  ])('%s', { timeout: 60_000 }, async (_name, source) => {
    expect(source).not.toBe(METHOD_BOT);
    expect(source).not.toBe(FUNCTION_BOT);
    const dir = await writeBotFiles('rtm-migrate-response-to-method-todo-', { 'bot.js': source });
    const migrated = await cli(['apply', '.', '--allow-dirty'], dir);
    expect({ code: migrated.code, stderr: migrated.stderr }).toEqual({ code: 0, stderr: '' });
    expect(migrated.stdout).toContain('TODOs left: 1');
    const output = await readFile(join(dir, 'bot.js'), 'utf8');
    expect(output.replace(/^ *\/\/.*\n/gm, '')).toBe(source);
    expect(output.replace(/\n\s*\/\/\s*/g, ' ')).toContain('the callback reads the response for more than');
  });
});
