import { isIP } from 'node:net';
import { basename, dirname } from 'node:path';

import { RTM_CONNECT, RTM_START } from './methods.js';

/**
 * How code addresses `rtm.start` and `rtm.connect` over HTTP, and the cheap test that tells whether a
 * file can mention them at all. Method names in prose (`'rtm.start failed'`, `rtm.started`) never match.
 */

const escaped = (method: string): string => method.replace('.', '\\.');

/** `…/api/<method>` ending the path (a query or fragment may follow), or `<method>?…` ending a base URL. */
const urlOf = (method: string): RegExp => new RegExp(`/api/${escaped(method)}(?:$|[?#])|^${escaped(method)}\\?`);
/** A piece of an assembled URL that, after a base, names `<method>` as the path's last segment. */
const tailOf = (method: string): RegExp => new RegExp(`^/?${escaped(method)}(?:$|[?#])`);

const RTM_START_URL = urlOf(RTM_START);
const RTM_CONNECT_URL = urlOf(RTM_CONNECT);
const RTM_START_TAIL = tailOf(RTM_START);
const RTM_CONNECT_TAIL = tailOf(RTM_CONNECT);

/**
 * True when `text` addresses the `rtm.start` method over HTTP: a URL or path whose last segment is
 * `rtm.start` under `/api/`, with or without a query (`https://slack.com/api/rtm.start?token=…`, `/api/rtm.start`), or a
 * relative tail that ends a base URL (`rtm.start?token=` as in `base + 'rtm.start?token=' + t`).
 */
export function isRtmStartUrl(text: string): boolean {
  return RTM_START_URL.test(text.trim());
}

/** True when `text` addresses `rtm.connect` over HTTP (`…/api/rtm.connect`, `rtm.connect?token=`). */
export function isRtmConnectUrl(text: string): boolean {
  return RTM_CONNECT_URL.test(text.trim());
}

/** True for a string that is exactly the method name, as given to `apiCall` or an app's own helper. */
export function isRtmStartMethodName(text: string): boolean {
  return text === RTM_START;
}

/**
 * True for a piece of a URL that is assembled from parts (`base + 'rtm.start?token=' + t`,
 * `` `${base}rtm.start` ``): the piece, following a base, names `rtm.start` as the path's last segment.
 */
export function isRtmStartUrlTail(piece: string): boolean {
  return RTM_START_TAIL.test(piece);
}

/** The same for `rtm.connect`. */
export function isRtmConnectUrlTail(piece: string): boolean {
  return RTM_CONNECT_TAIL.test(piece);
}

/** Slack's own API hosts: `slack.com`, GovSlack's `slack-gov.com`, and their subdomains (`acme.slack.com`). */
function isSlackHost(host: string): boolean {
  return /(^|\.)slack(-gov)?\.com$/.test(host);
}

/**
 * True when the leading text of a base URL names another vendor's host, so that `rtm.start` after it
 * (`${BASE}/rtm.start`, `BASE + '/rtm.start'`) is that vendor's method of the same name: a named host
 * (a dot in it, no IP address, so never loopback) that is not Slack's. `whole` says the text is the
 * base's whole value; a prefix that may go on (`'https://api.' + tld`) names no host. A base that
 * names no host (`/api/`, `localhost:3000`, a bare `slack-proxy` service name) is not known to be
 * another vendor's.
 */
export function namesOtherVendorHost(text: string, whole: boolean): boolean {
  const match = /^https?:\/\/([^/?#]*)([/?#]|$)/i.exec(text.trim());
  if (!match || (match[2] === '' && !whole)) return false;
  const authority = (match[1] ?? '').slice((match[1] ?? '').lastIndexOf('@') + 1).toLowerCase();
  // A port may follow; a trailing dot ends a fully qualified name.
  const host = authority.replace(/:\d*$/, '').replace(/\.$/, '');
  // IP addresses (loopback ones included) and single-label names (`localhost`) are nobody's named host.
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) && isIP(host) === 0 && !isSlackHost(host);
}

/**
 * The test run on a file's text before any parsing, by the lint rules and the codemod alike: every form
 * that reaches `rtm.start` spells `rtm` somewhere (`rtm.start`, `web.rtm`, `'rtm'`, `RTMClient`,
 * `RtmClient`, `useRtmConnect`, `/api/rtm.connect`), and look-ups in the legacy client's store handed
 * to another module spell `dataStore`; a `slack-client` 1.x client whose `login()` requests `rtm.start`
 * is made in the file that calls it, which names its module, and so is a `slackbots` or `slackbotapi` bot,
 * which logs in from its constructor. A name built from pieces that split `rtm`
 * (`'r' + 'tm.start'`) is not found.
 */
export function mayMentionRtm(text: string): boolean {
  return /rtm|datastore|slack-client|slackbots|slackbotapi/i.test(text);
}

/** The text requires or imports a module of the app by a relative specifier. */
const REQUIRES_RELATIVE = /\brequire\s*\(\s*['"`]\.|\bfrom\s*['"]\.|\bimport\s*\(\s*['"`]\./;

/**
 * The one form `mayMentionRtm` passes over: a client another module of the app made and exports
 * (`module.exports = new RtmClient(token)`), required here without the word (`const client = cond ?
 * require('./a') : require('./b')`) and started, or its `'authenticated'` data read. True when the text
 * requires or imports a relative module and calls `start(`/`login(` or names `authenticated`: what
 * the client, and the module that makes it, are is for the analysis to tell.
 */
export function mayStartRequiredClient(text: string): boolean {
  return /\.(?:start|login)\s*\(|authenticated/i.test(text) && REQUIRES_RELATIVE.test(text);
}

/**
 * A `slack` package bot (`slack.rtm.client()`) another module of the app made and exports, started here
 * with `listen(` without the word (`let bot = require('./bot'); bot.listen({ token })`, blind s63/14).
 * Not part of `mayStartRequiredClient`, which the lint runs on every file: every Express app calls `listen(`.
 */
export function mayListenRequiredBot(text: string): boolean {
  return /\.listen\s*\(/.test(text) && REQUIRES_RELATIVE.test(text);
}

/**
 * A file that may make a legacy RTM client and hand it to a function of a module it requires
 * (`new Bot(new Slack.RtmClient(token))` with the `Bot` of `./bot`): the modules it requires are to be
 * looked at too where they may start it (`mayStartHandedClient`) without spelling `rtm`.
 */
export function mayHandRtmClientOn(text: string): boolean {
  return /rtmclient|slack-client/i.test(text) && REQUIRES_RELATIVE.test(text);
}

/** A file that may start a client it is handed: `slack.start()`, `client.login()`. */
export function mayStartHandedClient(text: string): boolean {
  return /\.(?:start|login)\s*\(/.test(text);
}

/**
 * A file that may export an RTM client it makes (a `mayMentionRtm` file): its requirers are to be looked
 * at too. A v3 `RtmClient`, or a `slack-client` 1.x client (`module.exports = new Slack(token, …)`),
 * whose `login()` requests `rtm.start` in a requirer that never spells the package, or a `slack` package
 * bot (`slack.rtm.client()`), whose `listen()` does.
 */
export function mayExportRtmClient(text: string): boolean {
  return /rtmclient|slack-client|\brtm\.client\s*\(/i.test(text) && /\bmodule\.exports\b|\bexports\.|\bexport\b/.test(text);
}

/**
 * The word a module that requires or imports `path` by a relative specifier must spell: its name
 * (`./workspace` for `workspace.js`), or its folder's for an `index` file.
 */
export function requiredAsWord(path: string): string {
  const name = basename(path).replace(/\.[cm]?[jt]sx?$/, '');
  return name === 'index' ? basename(dirname(path)) : name;
}
