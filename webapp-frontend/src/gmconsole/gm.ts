import type { GmActions } from './actions';
import type { GmStore } from './store';

/** What every panel gets: the one store, the write helpers, and the way to the login page. */
export interface Gm {
  store: GmStore;
  actions: GmActions;
  toLogin: () => void;
}
