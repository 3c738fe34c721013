export { startBridge, BridgeStartError, type BridgeOptions, type BridgeStats, type RunningBridge } from './server.js';
export { rtmBotManifest, DELIVERABLE_RTM_EVENTS, type ManifestOptions, type RtmBotManifest } from './manifest.js';
