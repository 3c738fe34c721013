export { createSnapshotStore, type SnapshotEvent, type SnapshotStore, type SnapshotStoreOptions, type SnapshotStoreStats } from './store.js';
export { RtmStartSnapshot, type RtmConnection, type SnapshotListField } from './snapshot.js';
