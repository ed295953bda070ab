import { createStore, type Store } from '../state/store';
import { initialLiveState, liveReducer, type LiveAction, type LiveState } from '../state/liveState';

export type TerminalStore = Store<LiveState, LiveAction>;

/** The player terminal's one store. */
export function createTerminalStore(): TerminalStore {
  return createStore(liveReducer, initialLiveState());
}
