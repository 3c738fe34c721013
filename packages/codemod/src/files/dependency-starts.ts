import { join, relative } from 'node:path';
import { declaredRange, installedVersion, nearestManifest, packageEntry, readableText, type Manifest } from '@rtm-migrate/analysis/modules';
import { BOTKIT, CODEMOD_MESSAGES, HUBOT_SLACK, RTM_START_PACKAGES, isKnownPackage, releaseAtLeast } from '@rtm-migrate/core';
import semver from 'semver';
import { globSync } from 'tinyglobby';

/**
 * The packages the project at `cwd` depends on (its package.json's `dependencies`, as
 * installed in its `node_modules`) that start a Slack client of their own with `rtm.start`: the
 * package declares one of RTM_START_PACKAGES in a range that allows a release before that package's
 * `rtm.connect`, and one of its own files loads it; or it is named for Slack and its own code requests
 * `rtm.start` by name. The app's code may never name `rtm` (blind s60/03:
 * `require('slack-terminalize').init(token)`), so without this nothing would say why it breaks.
 * Only the direct dependencies and peer dependencies are read (installed: a peer is installed for the
 * package's own tests or by its host): their manifests, and the files of those that declare such a client
 * or are named for Slack. Each with the warning that names it.
 */
export function startingDependencies(cwd: string, root: { readonly dir: string; readonly manifest: Manifest }): { readonly dependency: string; readonly warning: string }[] {
  const found: { dependency: string; warning: string }[] = [];
  const appClients = startingClients(root);
  // A peer dependency runs too: a Hubot script's hubot-slack is its host's (blind s77/12: hubot-slack 3.x as a peer, installed for its tests).
  for (const dependency of new Set([...Object.keys(root.manifest.dependencies ?? {}), ...Object.keys(root.manifest.peerDependencies ?? {})])) {
    // The app's own use of a known client is the analysis's to follow.
    if (RTM_START_PACKAGES.some((p) => p.module === dependency)) continue;
    const dir = join(root.dir, 'node_modules', dependency);
    // Not installed: the nearest package.json is then the project's own.
    const installed = nearestManifest(dir);
    if (installed?.dir !== dir) continue;
    const { manifest } = installed;
    // hubot-slack 4.10.0 makes its @slack/client 3 client with `useRtmConnect: true` (see HUBOT_SLACK).
    if (dependency === HUBOT_SLACK.module && manifest.version !== undefined && releaseAtLeast(manifest.version, HUBOT_SLACK.connectSince)) continue;
    const starter = RTM_START_PACKAGES.find((p) => {
      const range = manifest.dependencies?.[p.module];
      return range !== undefined && allowsBefore(range, p.connectSince);
    });
    const loading = starter ? fileLoading(dir, starter.module) : undefined;
    if (starter && loading) {
      const range = manifest.dependencies?.[starter.module] ?? '';
      found.push({ dependency, warning: CODEMOD_MESSAGES.dependencyStarts({ dependency, version: manifest.version, entry: relative(cwd, loading), module: starter.module, range, since: starter.connectSince }) });
      continue;
    }
    // A Botkit plugin starting the bots of the controller the app hands it (blind s74/12: beepboop-botkit's `worker.startRTM()`).
    const plugin = botkitPluginStart(cwd, root, dependency, dir, manifest);
    if (plugin) {
      found.push({ dependency, warning: plugin });
      continue;
    }
    // A client the app makes and hands it, which its own code starts (blind s80/12: chatter's `this.slack.rtmClient.start()`).
    const handed = handedClientStart(cwd, appClients, dependency, dir, manifest);
    if (handed) {
      found.push({ dependency, warning: handed });
      continue;
    }
    // A Slack client of its own (blind s65/13: smartslack's `api.post('rtm.start', …)`): only a package named for Slack, whose files are read.
    const named = isSlackLibrary(dependency) ? requestingRtmStart(dir) : undefined;
    if (named) found.push({ dependency, warning: CODEMOD_MESSAGES.dependencyNamesRtmStart({ dependency, version: manifest.version, at: `${relative(cwd, named.file)}:${named.line}` }) });
  }
  return found;
}

/**
 * The warning for the dependencies named for Slack (none rtm-migrate knows) that the package.json of
 * `root` declares but its `node_modules` does not hold (blind s89/08: `node-slackbot` 0.0.8, pinned to a
 * release no registry has, whose `connect()` requests `rtm.start`): their code cannot be read, so
 * nothing else would say whether they start a client of their own. Undefined when there is none.
 */
export function unreadSlackDependencies(cwd: string, root: { readonly dir: string; readonly manifest: Manifest }): { readonly dependency: string; readonly warning: string; readonly unread: true } | undefined {
  const missing = Object.entries(root.manifest.dependencies ?? {}).filter(([name]) => isSlackLibrary(name) && nearestManifest(join(root.dir, 'node_modules', name))?.dir !== join(root.dir, 'node_modules', name));
  if (missing.length === 0) return undefined;
  const manifest = relative(cwd, join(root.dir, 'package.json'));
  return { dependency: missing.map(([name]) => name).join(', '), warning: CODEMOD_MESSAGES.dependencyUnread(manifest, missing.map(([name, range]) => `\`${name}\` ${range}`)), unread: true };
}

/**
 * The warning for a package of Botkit's (named for it, or declaring it) whose own code calls `startRTM()`
 * where the app's Botkit, which such a plugin is handed, may be a release before BOTKIT.connectSince: that
 * `startRTM()` requests `rtm.start`, in code rtm-migrate does not rewrite.
 */
function botkitPluginStart(cwd: string, root: { readonly dir: string; readonly manifest: Manifest }, dependency: string, dir: string, manifest: Manifest): string | undefined {
  const ofBotkit = dependency.toLowerCase().includes(BOTKIT.module) || manifest.peerDependencies?.[BOTKIT.module] !== undefined || manifest.dependencies?.[BOTKIT.module] !== undefined;
  const app = root.manifest.dependencies?.[BOTKIT.module];
  const version = installedVersion(join(root.dir, 'package.json'), BOTKIT.module);
  if (!ofBotkit || app === undefined || !allowsBefore(version ?? app, BOTKIT.connectSince)) return undefined;
  for (const file of ownFiles(dir)) {
    const text = ownText(file);
    const at = new RegExp(`\\.${BOTKIT.start}\\s*\\(`).exec(text)?.index;
    if (at !== undefined) return CODEMOD_MESSAGES.dependencyStartsBotkit({ dependency, version: manifest.version, at: `${relative(cwd, file)}:${String(text.slice(0, at).split('\n').length)}`, botkit: version ?? app, since: BOTKIT.connectSince });
  }
  return undefined;
}

/**
 * The warning for a package whose own code starts an RTM client (`.rtmClient.start(`, `.rtm.start(`) it does not
 * load itself, where it declares (for its tests, or as a peer) a client package in a range that allows a
 * release starting with `rtm.start` and the app declares that package in such a range too: the app makes
 * the client and hands it over, and that start requests `rtm.start`, in code rtm-migrate does not rewrite.
 */
function handedClientStart(cwd: string, appClients: readonly StartingClient[], dependency: string, dir: string, manifest: Manifest): string | undefined {
  const client = appClients.find((c) => {
    const own = declaredRange(manifest, c.module);
    return own !== undefined && allowsBefore(own, c.connectSince);
  });
  if (!client) return undefined;
  for (const file of ownFiles(dir)) {
    const text = ownText(file);
    const at = /\.\s*rtm(?:Client)?\s*\.\s*start\s*\(/i.exec(text)?.index;
    if (at !== undefined) {
      return CODEMOD_MESSAGES.dependencyStartsHanded({ dependency, version: manifest.version, at: `${relative(cwd, file)}:${String(text.slice(0, at).split('\n').length)}`, module: client.module, range: client.range, since: client.connectSince });
    }
  }
  return undefined;
}

/** A client package the app declares, whose release there (`range`: the installed version, else the declared range) may start with `rtm.start`. */
interface StartingClient {
  readonly module: string;
  readonly connectSince: readonly number[] | undefined;
  readonly range: string;
}

/** The app's own client packages of RTM_START_PACKAGES that may start with `rtm.start`: read once per run, for every dependency. */
function startingClients(root: { readonly dir: string; readonly manifest: Manifest }): StartingClient[] {
  return RTM_START_PACKAGES.flatMap((p) => {
    const declared = declaredRange(root.manifest, p.module);
    const range = declared === undefined ? undefined : (installedVersion(join(root.dir, 'package.json'), p.module) ?? declared);
    return range !== undefined && allowsBefore(range, p.connectSince) ? [{ module: p.module, connectSince: p.connectSince, range }] : [];
  });
}

/**
 * Names of packages for Slack that make no RTM client: sign-in strategies, webhook notifiers, log transports,
 * formatters (blind s126/12: `passport-slack` and `passport-slack-oauth2`, not installed, were warned of).
 */
const NO_RTM_CLIENT = /passport|oauth|webhook|notif|winston|bunyan|pino|log4js|markdown|mrkdwn|emoji/i;

/** A package named for Slack that none of the facts are about: its own client may request `rtm.start` (the official `@slack/*` ones only list it). */
function isSlackLibrary(name: string): boolean {
  return /slack/i.test(name) && !name.startsWith('@slack/') && !isKnownPackage(name) && !NO_RTM_CLIENT.test(name);
}

/** The most JavaScript files of one package read (a bot library has tens). */
const MAX_PACKAGE_FILES = 400;

/** A package's own JavaScript (and CoffeeScript: hubot-slack 4.4 ships only that) files, in path order: not its `node_modules`, tests or examples. */
function ownFiles(dir: string): string[] {
  return globSync('**/*.{js,cjs,mjs,coffee}', { cwd: dir, absolute: true, ignore: ['**/node_modules/**', '**/test/**', '**/tests/**', '**/example*/**'] }).sort().slice(0, MAX_PACKAGE_FILES);
}

/**
 * The first place a package's own JavaScript requests `rtm.start` by name: a call given the method
 * (`api.post('rtm.start', …)`) or a URL of it (`/api/rtm.start`). Not a list of the method names a
 * wrapper offers (blind s67/04: hubot-slack-api's), which requests nothing itself.
 */
function requestingRtmStart(dir: string): { readonly file: string; readonly line: number } | undefined {
  for (const file of ownFiles(dir)) {
    const text = ownText(file);
    // A method name given to a call, a whole URL, or a piece of one (`API + 'rtm.start?token=' + t`: blind s117/08, slackr-bot).
    // Not the name alone in a list (hubot-slack-api's table of the methods it wraps, blind s67/04).
    const at = /\(\s*['"`]rtm\.start['"`]|\/api\/rtm\.start\b|['"`]\/?rtm\.start\?|\+\s*['"`]\/?rtm\.start['"`]|['"`]\/rtm\.start['"`]/.exec(text)?.index;
    if (at !== undefined) return { file, line: text.slice(0, at).split('\n').length };
  }
  return undefined;
}

/** True where the range allows a release before `since` (any release, where `since` is undefined); a range semver cannot read (a git URL) may. */
function allowsBefore(range: string, since: readonly number[] | undefined): boolean {
  if (since === undefined) return true;
  const lowest = semver.validRange(range) === null ? null : semver.minVersion(range);
  return lowest === null || semver.lt(lowest, since.join('.'));
}

/** The package's entry file where it loads `module`, else the first other file of its own that does (blind s67/04: hubot-slack 4.0.1 loads @slack/client in src/client.js). */
function fileLoading(dir: string, module: string): string | undefined {
  const entry = packageEntry(dir);
  if (entry !== undefined && loads(ownText(entry), module)) return entry;
  return ownFiles(dir).find((f) => loads(ownText(f), module));
}

/** A file of an installed package; one that cannot be read says nothing. */
function ownText(file: string): string {
  return readableText(file) ?? '';
}

/** The text requires or imports `module` (or a file of it); CoffeeScript's `require '@slack/client'` too. */
function loads(text: string, module: string): boolean {
  const name = module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(?:\\brequire\\s*\\(?|\\bfrom)\\s*['"\`]${name}(?:/[^'"\`]*)?['"\`]`).test(text);
}
