import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, postJson } from '../api/http';
import { messagesOf } from '../charon/selectors';
import { useStore } from '../state/store';
import type { BridgeTab } from '../state/types';
import { CharonConversation } from '../terminal/CharonConversation';
import { publishProbe } from './expose';
import type { TerminalStore } from '../terminal/store';
import { LogsTab } from './LogsTab';
import { createMapLoader, type MapLoader } from './mapLoader';
import { MapTab } from './MapTab';
import { navBody, type NavRequest } from './nav';
import { PersonnelTab } from './PersonnelTab';
import { StatusTab } from './StatusTab';
import { TabBar } from './TabBar';

/** The CHARON channel of the BRIDGE (docs/charon.md: active when the GM switches to BRIDGE). */
export const BRIDGE_CHANNEL = 'bridge';

const NO_OVERRIDES = {};

/**
 * The BRIDGE view of the shared terminal: five tabs over one content area, following the
 * pushed `bridge_tab`, `bridge_map` and `bridge_explore`. The GM drives; while the GM lets
 * the players explore, their presses are POSTed to api/bridge/navigate and come back to
 * every screen by the push (a 409 means the GM took the bridge back in between).
 */
export function BridgeScreen({
  store,
  loader: given,
  renderer,
}: {
  store: TerminalStore;
  loader?: MapLoader;
  renderer?: 'webgl' | '2d';
}) {
  const tab = useStore(store, (s) => s.view?.bridge_tab ?? 'MAP');
  const nav = useStore(store, (s) => s.view?.bridge_map ?? null);
  const explore = useStore(store, (s) => s.view?.bridge_explore === true);
  const overrides = useStore(store, (s) => s.view?.ship_system_overrides ?? NO_OVERRIDES);
  const revision = useStore(store, (s) => s.bridge.revision);
  const loader = useMemo(() => given ?? createMapLoader(), [given]);
  const charonNews = useCharonNews(store, tab === 'CHARON');

  // the MAP tab's scene publishes the probe itself (with its level and readiness); the other
  // tabs are ready as soon as they are on screen
  useEffect(() => {
    if (tab === 'MAP' || !nav) return;
    publishProbe({ mode: 'bridge', tab, level: nav.level, system: nav.system, body: nav.body, station: nav.station, explore, status: 'ready', ready: true, settled: true, renderer: 'none', frames: 0 });
    return () => publishProbe(null);
  }, [tab, nav, explore]);

  const problem = useCallback(
    (source: string) => (message: string) => store.dispatch({ type: 'problem', source, message }),
    [store],
  );
  const mapProblem = useMemo(() => problem('map'), [problem]);

  const navigate = useCallback(
    (r: NavRequest) => {
      postJson('api/bridge/navigate', navBody(r)).catch((e: unknown) => {
        const taken = e instanceof ApiError && e.status === 409;
        store.dispatch({
          type: 'problem',
          source: 'bridge',
          message: taken ? 'The GM has the bridge controls' : `Navigation: ${e instanceof Error ? e.message : String(e)}`,
        });
      });
    },
    [store],
  );

  let content;
  switch (tab) {
    case 'MAP':
      content = nav && <MapTab nav={nav} tab={tab} explore={explore} loader={loader} onNavigate={navigate} onProblem={mapProblem} renderer={renderer} />;
      break;
    case 'PERSONNEL':
      content = <PersonnelTab revision={revision} onProblem={problem('personnel')} />;
      break;
    case 'LOGS':
      content = <LogsTab revision={revision} onProblem={problem('logs')} />;
      break;
    case 'STATUS':
      content = <StatusTab overrides={overrides} onProblem={problem('ship')} />;
      break;
    case 'CHARON':
      content = (
        <section className="crt-panel charon-panel bridge-charon" data-testid="bridge-charon" aria-label="CHARON">
          <div className="charon-title">CHARON</div>
          <CharonConversation store={store} channel={BRIDGE_CHANNEL} />
        </section>
      );
      break;
  }

  return (
    <div className="bridge-view" data-testid="view-BRIDGE" data-tab={tab} data-explore={explore ? 'true' : 'false'}>
      {/* keyed by tab: each change fades the new content in (bridge.md §1, 0.3 s) */}
      <div className={`bridge-content bridge-content-${tab.toLowerCase()}`} key={tab}>
        {content}
      </div>
      <TabBar tab={tab} explore={explore} charonNews={charonNews} onPick={(t: BridgeTab) => navigate({ tab: t })} />
    </div>
  );
}

/**
 * The CHARON tab's dot: a CHARON line that arrived live on the `bridge` channel after the
 * last one seen while the tab was open (lines already there when the BRIDGE appears, or
 * delivered by a snapshot, count as seen).
 */
function useCharonNews(store: TerminalStore, open: boolean): boolean {
  const latest = useStore(store, (s) => {
    const m = messagesOf(s.charon, BRIDGE_CHANNEL);
    // only lines that arrived live: a snapshot (connect, reload) is not news
    for (let i = m.length - 1; i >= 0; i--) if (m[i].role === 'charon' && m[i].live) return m[i].seq;
    return 0;
  });
  const [seen, setSeen] = useState(latest);
  useEffect(() => {
    if (open) setSeen(latest);
  }, [open, latest]);
  return !open && latest > seen;
}
