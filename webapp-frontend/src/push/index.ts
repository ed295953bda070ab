export { PushConnection } from './PushConnection';
export type { EventSourceConstructor, EventSourceLike, PushOptions, PushState, PushStatus } from './PushConnection';
export { GM_FAILURE_THRESHOLD, PLAYER_FAILURE_THRESHOLD, RECONNECT_DELAY_MS } from './timing';
export { isNewerSnapshot, versionOf } from './versioning';
export { connectLiveStore, useLiveStream } from './liveStream';
export type { LiveStreamOptions } from './liveStream';
