import { createStore, type Store } from '../state/store';
import { initialLiveState, liveReducer, type LiveAction, type LiveState } from '../state/liveState';

export type GmStore = Store<LiveState, LiveAction>;

/** The GM console's one store (same live-state reducer as the terminal, GM projection). */
export function createGmStore(): GmStore {
  return createStore(liveReducer, initialLiveState());
}
