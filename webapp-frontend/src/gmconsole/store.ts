import { createStore, type Store } from '../state/store';
import { gmReducer, initialGmState, type GmAction, type GmState } from './optimistic';

export type GmStore = Store<GmState, GmAction>;

/** The GM console's one store: the live state of the GM stream plus the optimistic layer. */
export function createGmStore(): GmStore {
  return createStore(gmReducer, initialGmState());
}
