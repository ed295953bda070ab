export { PushConnection } from './PushConnection';
export type { EventSourceConstructor, EventSourceLike, PushOptions, PushState, PushStatus } from './PushConnection';
export { GM_FAILURE_THRESHOLD, PLAYER_FAILURE_THRESHOLD, RECONNECT_DELAY_MS, STREAM_OPEN_TIMEOUT_MS } from './timing';
export { defaultEventSourceImpl, sharedEventSource, MAX_REPLAY_FRAMES } from './sharedStream';
export type { ChannelConstructor, ChannelLike, LocksLike, SharedStreamDeps } from './sharedStream';
export { classifyFrame, isNewerSnapshot, versionOf } from './versioning';
export type { FrameDecision } from './versioning';
export { connectLiveStore, useLiveStream } from './liveStream';
export type { LiveStore, LiveStreamOptions } from './liveStream';
