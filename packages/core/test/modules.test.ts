import { describe, expect, it } from 'vitest';
import { asKnownPackage, isLegacyRtmClientModule, releaseAtLeast, sdkBoundRtmStart, sdkFileExport, sdkRtmStartFacet } from '../src/modules.js';

describe("the SDKs' own files", () => {
  it('name the export each stands for, with or without the extension', () => {
    expect(sdkFileExport('slack-client', 'lib/clients/rtm/client')).toBe('RtmClient');
    expect(sdkFileExport('@slack/client', 'lib/clients/rtm/client.js')).toBe('RtmClient');
    expect(sdkFileExport('@slack/client', 'dist/WebClient.js')).toBe('*');
    expect(sdkFileExport('@slack/rtm-api', 'dist/RTMClient')).toBe('*');
  });

  it('know nothing of other files or packages', () => {
    expect(sdkFileExport('@slack/client', 'lib/clients/web/facets/rtm')).toBeUndefined();
    expect(sdkFileExport('slackbots', 'lib/clients/rtm/client')).toBeUndefined();
  });

  it('a deep import of the legacy RtmClient by its file is that class', () => {
    expect(isLegacyRtmClientModule('@slack/client/lib/clients/rtm/client')).toBe(true);
    expect(isLegacyRtmClientModule('slack-client/lib/clients/rtm/client.js')).toBe(true);
    expect(isLegacyRtmClientModule('@slack/client/lib/clients/web/client')).toBe(false);
    expect(isLegacyRtmClientModule('@slack/rtm-api/dist/RTMClient')).toBe(false);
  });
});

describe("the SDKs' own rtm.start by release", () => {
  it('compares releases by number, a prerelease tag aside', () => {
    expect(releaseAtLeast('3.16.0', [3, 4, 0])).toBe(true);
    expect(releaseAtLeast('3.4.0', [3, 4, 0])).toBe(true);
    expect(releaseAtLeast('3.1.0', [3, 4, 0])).toBe(false);
    expect(releaseAtLeast('3.16.1-sec.2', [3, 16, 0])).toBe(true);
    expect(releaseAtLeast('2.0.0-beta.2', [2, 0, 0])).toBe(false);
    expect(releaseAtLeast('10.0.0', [9, 9, 9])).toBe(true);
  });

  it('lists the legacy facet with the contract of its release', () => {
    expect(sdkRtmStartFacet('@slack/client', '3.0.0')?.files[0]?.facet).toBe('lib/clients/web/facets/rtm');
    expect(sdkRtmStartFacet('@slack/client', '3.16.1-sec')?.contract.call).toBe('required-optional');
    expect(sdkRtmStartFacet('@slack/client', '2.3.0')?.contract).toEqual({ call: 'opts-in-data', okFalse: 'answer', promise: 'bluebird' });
    expect(sdkRtmStartFacet('@slack/client', '2.0.4')?.contract.promise).toBe('none');
    expect(sdkRtmStartFacet('slack-client', '2.0.6')?.contract.okFalse).toBe('answer');
    expect(sdkRtmStartFacet('slack-client', '2.0.0-beta.9')).toBeUndefined();
    expect(sdkRtmStartFacet('slack-client', '1.5.1')).toBeUndefined();
    expect(sdkRtmStartFacet('@slack/client', '4.0.0')).toBeUndefined();
  });

  it("lists the bound WebClient method by package, release and file", () => {
    expect(sdkBoundRtmStart('@slack/client', '4.12.0', 'dist/WebClient')?.callback).toBe(true);
    expect(sdkBoundRtmStart('@slack/web-api', '5.0.0', 'dist/methods')?.callback).toBe(false);
    expect(sdkBoundRtmStart('@slack/web-api', '7.19.0', 'dist/methods')?.binders).toContain('bindApiCallWithOptionalArgument');
    expect(sdkBoundRtmStart('@slack/web-api', '8.0.0', 'dist/methods')).toBeUndefined();
    expect(sdkBoundRtmStart('@slack/web-api', '7.19.0', 'dist/WebClient')).toBeUndefined();
    expect(sdkBoundRtmStart('@slack/client', '3.16.0', 'dist/WebClient')).toBeUndefined();
  });
});

describe('a known package spelt in other case', () => {
  it('is that package (a file system that ignores case finds it), the path inside it kept as written', () => {
    expect(asKnownPackage('Botkit')).toBe('botkit');
    expect(asKnownPackage('Botkit/lib/SlackBot.js')).toBe('botkit/lib/SlackBot.js');
    expect(asKnownPackage('@Slack/Client')).toBe('@slack/client');
    expect(asKnownPackage('SlackBots')).toBe('slackbots');
  });

  it('leaves other packages, packages spelt right and relative or absolute paths as written', () => {
    expect(asKnownPackage('botkit')).toBe('botkit');
    expect(asKnownPackage('JSONStream')).toBe('JSONStream');
    expect(asKnownPackage('./Botkit')).toBe('./Botkit');
    expect(asKnownPackage('/opt/Botkit')).toBe('/opt/Botkit');
  });
});

describe('a relative path into node_modules (blind s49/01)', () => {
  it('is the known package installed there, with the path inside it', () => {
    expect(asKnownPackage('./node_modules/slack-client')).toBe('slack-client');
    expect(asKnownPackage('../node_modules/@slack/client/lib/clients/rtm/client')).toBe('@slack/client/lib/clients/rtm/client');
    expect(asKnownPackage('../../app/node_modules/Botkit')).toBe('botkit');
  });

  it('leaves another package, or a folder named node_modules with nothing after it, as written', () => {
    expect(asKnownPackage('./node_modules/ws')).toBe('./node_modules/ws');
    expect(asKnownPackage('./node_modules/')).toBe('./node_modules/');
    expect(asKnownPackage('./lib/node_modules_cache')).toBe('./lib/node_modules_cache');
  });
});

describe("a known package's main file (blind s54/07)", () => {
  it('is the package, by a bare or a node_modules path, with or without its extension', () => {
    expect(asKnownPackage('botkit/lib/Botkit.js')).toBe('botkit');
    expect(asKnownPackage('./node_modules/botkit/lib/Botkit.js')).toBe('botkit');
    expect(asKnownPackage('Botkit/lib/Botkit')).toBe('botkit');
    expect(asKnownPackage('slackbots/index.js')).toBe('slackbots');
    expect(asKnownPackage('slackbotapi/lib/index')).toBe('slackbotapi');
    expect(asKnownPackage('slack-client/index')).toBe('slack-client');
  });

  it('leaves its other files, and another package whose file has that name, as written', () => {
    expect(asKnownPackage('botkit/lib/SlackBot.js')).toBe('botkit/lib/SlackBot.js');
    expect(asKnownPackage('botkit/index.js')).toBe('botkit/index.js');
    expect(asKnownPackage('ws/lib/index')).toBe('ws/lib/index');
  });
});
