import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './helpers.js';

/**
 * An SDK's own `rtm.start` is rewritten by the SDK's identity and release (its package.json), as core's
 * SDK_RTM_START_FACETS / SDK_BOUND_RTM_START list them: each case is a package on disk, run through
 * the CLI; what is not a listed release written as that release writes it keeps its TODO.
 */
interface Site {
  readonly id: string;
  readonly rewrite: string;
  readonly message: string;
}

async function migrate(manifest: { name: string; version: string }, files: Record<string, string>): Promise<{ dir: string; sites: Site[] }> {
  const dir = await tempDir('rtm-migrate-sdk-release-');
  await writeFile(join(dir, 'package.json'), JSON.stringify({ ...manifest, private: true }));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  const run = await cli(['apply', '.', '--allow-dirty', '--report', 'json'], dir);
  expect(run.stderr).toMatch(/^failed: 0$/m);
  return { dir, sites: (JSON.parse(run.stdout) as { sites: Site[] }).sites };
}

const FACET = 'lib/clients/web/facets/rtm.js';
const facet = (body: string, params = 'opts, optCb'): string => `function RtmFacet(makeAPICall) {\n  this.makeAPICall = makeAPICall;\n}\n\nRtmFacet.prototype.start = function start(${params}) {\n${body}\n};\n\nmodule.exports = RtmFacet;\n`;
const V3_BODY = "  return this.makeAPICall('rtm.start', null, opts, optCb);";
const V2_BODY = "  var args = { opts: opts };\n  return this.makeAPICall('rtm.start', args, optCb);";
const CLIENT = 'lib/clients/rtm/client.js';
const INDEX = 'lib/clients/web/facets/index.js';
const index = "module.exports = { RtmFacet: require('./rtm.js') };\n";
const client = "var RtmFacet = require('../web/facets').RtmFacet;\n\nfunction RTMClient() {\n  this._rtm = new RtmFacet(this._makeAPICall.bind(this));\n}\n\nRTMClient.prototype.start = function start(opts) {\n  this._rtm.start(opts, this._onStart.bind(this));\n};\n\nRTMClient.prototype._onStart = function _onStart(err, data) {\n  this.emit('authenticated', data);\n};\n\nmodule.exports = RTMClient;\n";

describe('legacy web facets by release', () => {
  it('3.4.0 and later take the callback as `opts` too; 3.0.0 and 3.1.0 do not (their makeAPICall has no getAPICallArgs)', async () => {
    const late = await migrate({ name: '@slack/client', version: '3.4.0' }, { [FACET]: facet(V3_BODY) });
    const early = await migrate({ name: '@slack/client', version: '3.1.0' }, { [FACET]: facet(V3_BODY) });
    expect(late.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(early.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    const lateText = await readFile(join(late.dir, FACET), 'utf8');
    const earlyText = await readFile(join(early.dir, FACET), 'utf8');
    expect(lateText).toContain("const callback = typeof opts === 'function' ? opts : optCb;");
    expect(earlyText).toContain('const callback = optCb;');
    expect(earlyText).not.toContain("typeof opts === 'function'");
  });

  it('2.x: `{ opts }` to makeAPICall, Slack\'s answer as data; a bluebird promise from @slack/client 2.1.0, none in slack-client 2.x', async () => {
    const promised = await migrate({ name: '@slack/client', version: '2.3.0' }, { [FACET]: facet(V2_BODY) });
    const plain = await migrate({ name: 'slack-client', version: '2.0.6' }, { [FACET]: facet(V2_BODY) });
    expect([...promised.sites, ...plain.sites].map((s) => s.rewrite)).toEqual(['helper-module', 'helper-module']);
    const promisedText = await readFile(join(promised.dir, FACET), 'utf8');
    const plainText = await readFile(join(plain.dir, FACET), 'utf8');
    // Callers no run sees get every optional extra rtm.start gave them (blind s99/07: slack-client 2.0.6's facet lost `subteams` and `dnd`).
    expect(promisedText).toContain("if (!callback) return rtmStartDataAs((apiMethod, apiArgs) => makeAPICall(apiMethod, { opts: apiArgs }), args, { optional: ['dnd', 'subteams', 'team.prefs'] });");
    expect(plainText).toContain('const callback = optCb || function () {};');
    expect(plainText).not.toContain('rtmStartDataAs');
    for (const text of [promisedText, plainText]) {
      expect(text).toContain("callbackify(rtmStartData)(callSlack, args, { optional: ['dnd', 'subteams', 'team.prefs'] }, (err, data) => (err && err.data && err.data.ok === false ? callback(null, err.data) : callback(err, data)));");
      expect(text).not.toContain('var args = { opts: opts };');
    }
  });

  it('covers the RTM client call only where the facet of the same package is migrated', async () => {
    const migrated = await migrate({ name: '@slack/client', version: '3.16.0' }, { [FACET]: facet(V3_BODY), [INDEX]: index, [CLIENT]: client });
    expect(Object.fromEntries(migrated.sites.map((s) => [s.id, s.rewrite]))).toEqual({ [`${CLIENT}:8:3`]: 'covered', [`${FACET}:6:10`]: 'helper-module' });
    const logged = facet(`  console.log('starting');\n${V3_BODY}`);
    const kept = await migrate({ name: '@slack/client', version: '3.16.0' }, { [FACET]: logged, [INDEX]: index, [CLIENT]: client });
    expect(kept.sites.map((s) => s.rewrite).sort()).toEqual(['todo', 'todo']);
    expect(kept.sites.find((s) => s.id.startsWith(FACET))?.message).toContain("the @slack/client 3.16.0 facet's `start` does more than return its makeAPICall call");
    expect(await readFile(join(kept.dir, CLIENT), 'utf8')).toContain('TODO(rtm-migrate)');
  });

  it.each([
    ['a 2.x release with a facet written as 3.x writes it', { name: '@slack/client', version: '2.3.0' }, facet(V3_BODY)],
    ['a 3.x release with a facet written as 2.x writes it', { name: '@slack/client', version: '3.16.0' }, facet(V2_BODY)],
    ['a slack-client prerelease (not read)', { name: 'slack-client', version: '2.0.0-beta.9' }, facet(V2_BODY)],
    ['an app of its own with the same file (not the SDK)', { name: 'my-bot', version: '3.16.0' }, facet(V3_BODY)],
    ['4.x has no such facet', { name: '@slack/client', version: '4.0.0' }, facet(V3_BODY)],
    ['parameters named as the rewritten body names its own', { name: '@slack/client', version: '3.16.0' }, facet("  return this.makeAPICall('rtm.start', null, args, callback);", 'args, callback')],
  ])('keeps the TODO: %s', async (_name, manifest, text) => {
    const { dir, sites } = await migrate(manifest, { [FACET]: text });
    expect(sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(await readFile(join(dir, FACET), 'utf8')).toContain('TODO(rtm-migrate)');
  });
});

const METHODS = 'dist/methods.js';
const methods = (binder: string, declared = true): string =>
  `${declared ? `function ${binder}(self, method) {\n    return self.apiCall.bind(self, method);\n}\n` : ''}class Methods {\n    constructor() {\n        this.rtm = {\n            start: ${binder}(this, 'rtm.start'),\n        };\n    }\n}\nexports.Methods = Methods;\n`;
const WEB_CLIENT = 'dist/WebClient.js';
const webClient = (bound: string): string => `const util_1 = require("./util");\nclass WebClient {\n    constructor() {\n        this.rtm = {\n            start: (${bound}),\n        };\n    }\n    apiCall(method, options, callback) {}\n}\nexports.WebClient = WebClient;\n`;

describe('later WebClients by release', () => {
  it('@slack/web-api 5.x to 7.x: a promise-only function; @slack/client 4.x: with its optional callback', async () => {
    const web = await migrate({ name: '@slack/web-api', version: '6.13.0' }, { [METHODS]: methods('bindApiCall') });
    expect(web.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    expect(await readFile(join(web.dir, METHODS), 'utf8')).toContain("start: (options) => rtmStartData(this, options, { optional: ['dnd', 'subteams', 'team.prefs'] }),");
    const v4 = await migrate({ name: '@slack/client', version: '4.12.0' }, { [WEB_CLIENT]: webClient("this.apiCall.bind(this, 'rtm.start')") });
    expect(v4.sites.map((s) => s.rewrite)).toEqual(['helper-module']);
    const text = await readFile(join(v4.dir, WEB_CLIENT), 'utf8');
    expect(text).toContain(
      'start: ((options, callback) => (callback === undefined ? rtmStartData(this, options, { optional: ["dnd", "subteams", "team.prefs"] }) : callbackify(() => rtmStartData(this, options, { optional: ["dnd", "subteams", "team.prefs"] }))(callback))),',
    );
    expect(text).toContain('const { callbackify } = require("util");');
  });

  it.each([
    ['@slack/web-api 8.x (no rtm.start there: not listed)', { name: '@slack/web-api', version: '8.0.0' }, METHODS, methods('bindApiCall')],
    ['a binder the file does not declare', { name: '@slack/web-api', version: '7.19.0' }, METHODS, methods('bindApiCall', false)],
    ['a binder no release writes', { name: '@slack/web-api', version: '7.19.0' }, METHODS, methods('bindOther')],
    ['apiCall bound to another object', { name: '@slack/client', version: '4.12.0' }, WEB_CLIENT, webClient("this.apiCall.bind(other, 'rtm.start')")],
  ])('keeps the TODO: %s', async (_name, manifest, file, text) => {
    const { dir, sites } = await migrate(manifest, { [file]: text });
    expect(sites.map((s) => s.rewrite)).toEqual(['todo']);
    expect(await readFile(join(dir, file), 'utf8')).toContain('TODO(rtm-migrate)');
  });
});
