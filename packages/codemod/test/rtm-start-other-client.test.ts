import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { config } from '../../../test/support/corpus.js';
import { cli, scanFiles, writeBotFiles } from './helpers.js';

/**
 * `x.rtm.start()` on something that is no Slack Web API client, where `rtm.connect()` would throw (no
 * such method): blind s84/06, frozor-slack's bot (`slackAPI.createBot(token)`, whose `rtm` is its own RTM
 * manager: `start()` alone), started as `this.getBot().rtm.start()`; s84/08, the app's own TypeScript
 * class around a v3 `RtmClient` kept in `this.rtm` (`new RTMClientWrapper(token)` of `./wrapper`, which
 * has `start()` and no `connect`); s103/09, coffea-slack's v3 client made in a local and handed out as `{ rtm }`. None is
 * renamed: the first and the last keep a TODO, and the lint reports them with no fix. The wrapper's
 * `this.rtm.start()` is its own method, whose `this.client.start()` is the site that is migrated
 * (blind s104/10, SlackStream): the service's call is no site, and stays as it is.
 * frozor-slack 1.2.3 is not on the registry: the bot's code is the case's, the library is not run.
 */
const FROZOR = `var slackAPI = require('frozor-slack');

class SlackBot {
  constructor(token) {
    this._token = token;
    this._bot = null;
  }

  getBot() {
    return this._bot;
  }

  initialize() {
    this._bot = slackAPI.createBot(this._token);
    this._bot.auth.test({}, (response) => {
      if (response.ok) this.getBot().rtm.start();
    });
  }
}

module.exports = SlackBot;
`;

const WRAPPER = `import { RtmClient } from '@slack/client';

export class RTMClientWrapper {
  private client: any;

  constructor(token: string) {
    this.client = new RtmClient(token);
  }

  start(): void {
    this.client.start();
  }
}
`;

const SERVICE = `import { RTMClientWrapper } from './wrapper';

export class SlackClientImpl {
  rtm: RTMClientWrapper;

  constructor(token: string) {
    this.rtm = new RTMClientWrapper(token);
  }

  start(): void {
    this.rtm.start();
  }
}
`;

const INIT = `const { RtmClient } = require('@slack/client');

module.exports = function init(token) {
  const rtm = new RtmClient(token, {});
  return { rtm };
};
`;

/** The real ESLint with the plugin's recommended config, reading `file` as an ES module where it has `import`/`export`. */
async function lint(dir: string, file: string): Promise<ESLint.LintResult[]> {
  const module = /^\s*(?:import|export)\s/m.test(await readFile(join(dir, file), 'utf8'));
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config(module), ignore: false });
  return eslint.lintFiles([file]);
}

describe('x.rtm.start() of a client that is no Web API client', () => {
  it.each<{ form: string; manifest: Record<string, string>; files: Record<string, string>; file: string; code: string }>([
    { form: 'a library rtm-migrate does not know, started as a statement given nothing', manifest: { 'frozor-slack': '^1.2.3' }, files: { 'bot.js': FROZOR }, file: 'bot.js', code: 'this.getBot().rtm.start();' },
    // Blind s103/09 (coffea-slack): `const rtm = new RtmClient(…); return { rtm }` in another module, taken out as `const { rtm } = init(token)`.
    { form: 'a v3 client a factory of another module hands out as { rtm }', manifest: { '@slack/client': '^3.14.1' }, files: { 'src/init.js': INIT, 'src/index.js': "const init = require('./init');\n\nmodule.exports = function start(token) {\n  const { rtm } = init(token);\n  rtm.start();\n};\n" }, file: 'src/index.js', code: 'rtm.start();' },
    // Blind s132/02 (heyburrito): `{ rtm: mock ? new RTMMock() : new RTMClient(token) }` exported, `const { rtm } = slack; rtm.start()`:
    // `rtm.connect()` was written on an @slack/rtm-api client, which has no such method.
    {
      form: 'an @slack/rtm-api client one of two a condition chooses, in an object another module exports',
      manifest: { '@slack/rtm-api': '^5.0.3' },
      files: {
        'src/slack/index.js': "import { RTMClient } from '@slack/rtm-api';\nimport { RTMMock } from '../../test/lib/slack-mock';\n\nexport default { rtm: process.env.SLACK_MOCK === 'true' ? new RTMMock() : new RTMClient(process.env.SLACK_TOKEN) };\n",
        'test/lib/slack-mock.js': "import { EventEmitter } from 'events';\n\nexport class RTMMock extends EventEmitter {\n  start() {\n    return Promise.resolve(true);\n  }\n}\n",
        'src/server.js': "import slack from './slack';\n\nconst { rtm } = slack;\nrtm.start();\n",
      },
      file: 'src/server.js',
      code: 'rtm.start();',
    },
  ])('$form: a TODO, never rtm.connect; the lint offers no fix', async ({ manifest, files, file, code }) => {
    const report = await scanFiles(JSON.stringify({ dependencies: manifest }), files);
    const site = report.sites.find((s) => s.id.startsWith(`${file}:`));
    expect(site?.rewrite).toBe('todo');
    expect(site?.message).toContain('may be the RTM client kept in a member of that name');

    const dir = await writeBotFiles('rtm-migrate-other-client-', { 'package.json': JSON.stringify({ dependencies: manifest }), ...files });
    const applied = await cli(['apply', '.', '--allow-dirty'], dir);
    expect(applied.code).toBe(0);
    const after = await readFile(join(dir, file), 'utf8');
    expect(after).toContain(code);
    expect(after).not.toContain('rtm.connect(');
    expect(after).toContain('TODO(rtm-migrate)');

    const [result] = await lint(dir, file);
    const messages = result?.messages.filter((m) => m.ruleId === '@rtm-migrate/no-rtm-start') ?? [];
    expect(messages).toHaveLength(1);
    expect(messages[0]?.fix).toBeUndefined();
    expect(messages[0]?.suggestions ?? []).toEqual([]);
  });

  it("the app's own class around a v3 client: its start() is the wrapper's, whose client start is migrated; the call stays as it is", { timeout: 60_000 }, async () => {
    const manifest = { '@slack/client': '^3.14.1' };
    const files = { 'src/wrapper.ts': WRAPPER, 'src/service.ts': SERVICE };
    const report = await scanFiles(JSON.stringify({ dependencies: manifest }), files);
    // The wrapper reads nothing of the data, but its client keeps the store @slack/client makes: made with `useRtmConnect: true`,
    // it starts through startRtmClient(), which fills that store.
    expect(report.sites.map((s) => [s.id, s.rewrite])).toEqual([['src/wrapper.ts:11:5', 'helper-module']]);

    const dir = await writeBotFiles('rtm-migrate-other-client-', { 'package.json': JSON.stringify({ dependencies: manifest }), ...files });
    expect((await cli(['apply', '.', '--allow-dirty', '--no-verify'], dir)).code).toBe(0);
    expect(await readFile(join(dir, 'src/service.ts'), 'utf8')).toBe(SERVICE);
    expect(await readFile(join(dir, 'src/wrapper.ts'), 'utf8')).toContain('this.client = new RtmClient(token, { useRtmConnect: true });');
    expect(await readFile(join(dir, 'src/wrapper.ts'), 'utf8')).toContain('startRtmClient(this.client');
    // A second run finds nothing left: the wrapper's client now starts with rtm.connect.
    expect((await cli(['apply', '.', '--check'], dir)).code).toBe(0);
  });
});
