import { describe, expect, it } from 'vitest';
import { isLegacyRtmClientModule, sdkFileExport } from '../src/modules.js';

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
