import { join } from 'node:path';
import { startFakeSlack, type FakeSlack } from '@rtm-migrate/fake-slack';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { runNodeBot, type RunResult } from '../../../test/support/run.js';
import { expectUrlSwapKeepsOutput, writeBotFiles } from './helpers.js';

/**
 * jQuery's Ajax calls to `rtm.start` read for `rtm.connect`'s fields only, through the jqXHR's
 * `.done` / `.fail` / `.always` / `.then` chain or a `$` an IIFE is given: each bot runs against fake
 * Slack in `legacy` mode, is migrated by the real CLI, and runs again in `connect_required` mode,
 * printing the same and asking `rtm.connect` once.
 *
 * jQuery itself is not run: its npm package builds on a browser `window` (a `document`, whose
 * `createElement` its feature tests call as it loads, and `XMLHttpRequest`), and the lockfile has no
 * DOM (no jsdom), nor jQuery. The preloaded runtime below stands in for its Ajax with the signatures
 * jQuery documents (`success(data, textStatus, jqXHR)`, `fail(jqXHR, textStatus, errorThrown)`,
 * `jqXHR.responseJSON`, request data serialised into the query), over Node's `http`.
 */

const API = "const API = process.env.SLACK_API_URL || 'https://slack.com/api/';\n";

const RUNTIME = `const http = require('http');
function ajax(url, options) {
  const settings = typeof url === 'object' ? url : Object.assign({}, options, { url: url });
  const query = new URLSearchParams(settings.data || {}).toString();
  const xhr = { status: 0 };
  const settled = new Promise(function (resolve) {
    http.get(settings.url + (query ? (settings.url.includes('?') ? '&' : '?') + query : ''), function (res) {
      let text = '';
      res.on('data', function (piece) { text += piece; });
      res.on('end', function () {
        xhr.status = res.statusCode;
        xhr.responseText = text;
        try { xhr.responseJSON = JSON.parse(text); } catch (e) { return resolve({ ok: false, args: [xhr, 'parsererror', e] }); }
        resolve(res.statusCode < 300 ? { ok: true, args: [xhr.responseJSON, 'success', xhr] } : { ok: false, args: [xhr, 'error', res.statusMessage] });
      });
    }).on('error', function (e) { resolve({ ok: false, args: [xhr, 'error', e.message] }); });
  });
  function on(when) {
    return function () {
      for (const fn of [].concat.apply([], arguments)) settled.then(function (s) { if (when(s)) fn.apply(settings, s.args); });
      return xhr;
    };
  }
  xhr.done = on(function (s) { return s.ok; });
  xhr.fail = on(function (s) { return !s.ok; });
  xhr.always = on(function () { return true; });
  xhr.then = function (ok, ko) {
    return settled.then(function (s) { const fn = s.ok ? ok : ko; return fn ? fn.apply(settings, s.args) : s.args[0]; });
  };
  xhr.catch = function (ko) { return xhr.then(null, ko); };
  if (settings.success) xhr.done(settings.success);
  if (settings.error) xhr.fail(settings.error);
  if (settings.complete) xhr.always(settings.complete);
  return xhr;
}
function getJSON(url, data, success) {
  if (typeof data === 'function') return ajax(url, { success: data, dataType: 'json' });
  return ajax(url, { data: data, success: success, dataType: 'json' });
}
globalThis.jQuery = globalThis.$ = { ajax: ajax, getJSON: getJSON };
`;

const DEFERRED_BOT = `${API}
$.getJSON(API + 'rtm.start', { token: process.env.SLACK_BOT_TOKEN })
  .done(function (json, status, xhr) {
    console.log([json.self.id, xhr.responseJSON.team.domain, status, /^wss?:/.test(json.url)].join(' '));
  })
  .fail(function (xhr, status, error) {
    console.error(xhr.status, status, error);
  })
  .always(function () {
    console.log('asked Slack');
  });
`;

const THEN_BOT = `${API}
jQuery.ajax({ url: API + 'rtm.start', data: { token: process.env.SLACK_BOT_TOKEN }, dataType: 'json' }).then(
  function (json) { console.log(json.ok + ' ' + json.self.name + ' ' + /^wss?:/.test(json.url)); },
  function (xhr, status) { console.error(status); }
);
`;

const IIFE_BOT = `${API}
(function ($, env) {
  $.getJSON(API + 'rtm.start', { token: env.SLACK_BOT_TOKEN }, function (json) {
    if (!json.ok) return console.error(json.error);
    console.log(json.self.name + ' @ ' + json.team.domain + ' ' + /^wss?:/.test(json.url));
  });
})(jQuery, process.env);
`;

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack({ seed: 45, users: 5, channels: 3, mode: 'legacy' });
});

afterAll(async () => {
  await fake.close();
});

const runIn = (dir: string): Promise<RunResult> =>
  runNodeBot(join(dir, 'bot.js'), { cwd: dir, apiUrl: fake.apiUrl, timeoutMs: 60_000, env: { NODE_OPTIONS: `--require ${join(dir, 'runtime.js')}` } });

describe("jQuery's Ajax to rtm.start read for rtm.connect fields only", () => {
  it.each([
    ["`$.getJSON(url, data)` answered through `.done(json, status, xhr).fail(…).always(…)`", DEFERRED_BOT, /^U\w+ \S+ success true\nasked Slack\n$/],
    ['`jQuery.ajax({ url, data })` answered through `.then(done, fail)`', THEN_BOT, /^true \S+ true\n$/],
    ['`$` given by an IIFE `(function ($, env) { … })(jQuery, process.env)`', IIFE_BOT, /^\S+ @ \S+ true\n$/],
  ])('%s: the URL names rtm.connect and the bot prints the same', { timeout: 120_000 }, async (_name, source, printed) => {
    const dir = await writeBotFiles('rtm-migrate-raw-jquery-', { 'bot.js': source, 'runtime.js': RUNTIME });
    await expectUrlSwapKeepsOutput(fake, dir, source, printed, () => runIn(dir));
  });
});
