/**
 * A stand-in for jQuery's Ajax in Node, preloaded into a bot (`--require runtime.js`).
 *
 * jQuery itself is not run: its npm package builds on a browser `window` (a `document`, whose
 * `createElement` its feature tests call as it loads, and `XMLHttpRequest`), and the lockfile has no
 * DOM (no jsdom), nor jQuery. The preloaded runtime below stands in for its Ajax with the signatures
 * jQuery documents (`success(data, textStatus, jqXHR)`, `fail(jqXHR, textStatus, errorThrown)`,
 * `jqXHR.responseJSON`, request data serialised into the query), over Node's `http`.
 */

export const RUNTIME = `const http = require('http');
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
