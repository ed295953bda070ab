import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, apiUrl, getJson, pageUrl, postJson } from '../api/http';
import { ConnectionToast } from '../common/ConnectionToast';
import { ProblemIndicator } from '../common/ProblemIndicator';
import type { EventSourceConstructor } from '../push/PushConnection';
import { useLiveStream } from '../push/liveStream';
import { GM_FAILURE_THRESHOLD } from '../push/timing';
import { useStore } from '../state/store';
import type { Me } from '../state/types';
import { createGmActions, type Poster } from './actions';
import { BridgePanel } from './BridgePanel';
import { BroadcastPanel } from './BroadcastPanel';
import { CampaignPanel } from './CampaignPanel';
import { CharonPanel } from './CharonPanel';
import { EncounterPanel } from './EncounterPanel';
import type { Gm } from './gm';
import { LocationTree, type LocationNode } from './LocationTree';
import { Notices } from './Notices';
import { PlayerPreview } from './PlayerPreview';
import { PlayersPanel } from './PlayersPanel';
import { PortraitsPanel } from './PortraitsPanel';
import { ShipPanel } from './ShipPanel';
import { StagingBar } from './StagingBar';
import type { GmStore } from './store';
import { useJson } from './hooks';
import { consoleHotkeys, HotkeysOverlay, useHotkeys } from './Hotkeys';
import { VIEW_CONTROLS_ID, ViewControls } from './ViewControls';

/**
 * The GM console: session check, then the live GM state (stream, threshold 2) with the
 * location tree, the view controls and one panel per task. Every write is optimistic
 * (see optimistic.ts) and confirmed by the stream.
 */
export interface GmConsoleAppProps {
  store: GmStore;
  EventSourceImpl?: EventSourceConstructor;
  navigate?: (url: string) => void;
  /** injected for tests */
  post?: Poster;
}

const LOGIN_URL = 'login/?next=gmconsole/';
const defaultNavigate = (url: string) => window.location.assign(url);

export function GmConsoleApp({ store, EventSourceImpl, navigate = defaultNavigate, post }: GmConsoleAppProps) {
  const [me, setMe] = useState<Me | null>(null);
  const [denied, setDenied] = useState('');
  const navigateRef = useRef(navigate);
  navigateRef.current = navigate;

  useEffect(() => {
    const controller = new AbortController();
    getJson<Me>('api/auth/me/', { signal: controller.signal })
      .then((m) => {
        if (m.role !== 'GM') setDenied('GM ACCESS REQUIRED');
        setMe(m);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        if (e instanceof ApiError && e.status === 401) navigateRef.current(pageUrl(LOGIN_URL));
        else setDenied(e instanceof Error ? e.message : String(e));
      });
    return () => controller.abort();
  }, []);

  return (
    <div className="gm-page">
      {/* the first Tab stop: past the header and the whole location tree to what the GM uses most */}
      <a
        className="gm-skip-link"
        href={`#${VIEW_CONTROLS_ID}`}
        onClick={(e) => {
          const target = document.getElementById(VIEW_CONTROLS_ID);
          if (!target) return;
          e.preventDefault();
          target.focus();
          target.scrollIntoView({ block: 'nearest' });
        }}
      >
        SKIP TO VIEW CONTROLS
      </a>
      <header className="crt-header gm-header">
        <h1 className="crt-header-title gm-title">
          CHARON <span className="crt-header-subtitle">GM CONSOLE</span>
        </h1>
        <span className="crt-header-right">
          {me && <span>{me.username.toUpperCase()}</span>}
          <button
            type="button"
            className="crt-button"
            onClick={() =>
              postJson('api/auth/logout/', {})
                .catch(() => undefined)
                .then(() => navigateRef.current(pageUrl('login/')))
            }
          >
            LOGOUT
          </button>
        </span>
      </header>
      {denied && <div className="gm-denied">&gt; {denied}</div>}
      {me && me.role === 'GM' && (
        <Console store={store} EventSourceImpl={EventSourceImpl} navigate={navigate} post={post} />
      )}
      {!me && !denied && <div className="gm-loading crt-cursor">&gt; Loading GM Console</div>}
    </div>
  );
}

type TabId = 'encounter' | 'bridge' | 'portraits' | 'ship' | 'broadcast' | 'charon' | 'players' | 'campaign' | 'preview';

const TABS: Array<{ id: TabId; label: string }> = [
  { id: 'encounter', label: 'ENCOUNTER' },
  { id: 'bridge', label: 'BRIDGE' },
  { id: 'portraits', label: 'NPC PORTRAITS' },
  { id: 'ship', label: 'SHIP STATUS' },
  { id: 'broadcast', label: 'BROADCAST' },
  { id: 'charon', label: 'CHARON' },
  { id: 'players', label: 'PLAYERS' },
  { id: 'campaign', label: 'CAMPAIGN' },
  { id: 'preview', label: 'VIEW AS PLAYER' },
];

function Console({
  store,
  EventSourceImpl,
  navigate,
  post,
}: {
  store: GmStore;
  EventSourceImpl?: EventSourceConstructor;
  navigate: (url: string) => void;
  post?: Poster;
}) {
  const navigateRef = useRef(navigate);
  navigateRef.current = navigate;
  const toLogin = useCallback(() => navigateRef.current(pageUrl(LOGIN_URL)), []);
  useLiveStream(store, {
    url: apiUrl('api/gm/active-view/stream/'),
    failureThreshold: GM_FAILURE_THRESHOLD,
    EventSourceImpl,
    onAuthLost: toLogin,
  });
  const actions = useMemo(() => createGmActions(store, toLogin, post), [store, toLogin, post]);
  const gm: Gm = useMemo(() => ({ store, actions, toLogin }), [store, actions, toLogin]);
  const connection = useStore(store, (s) => s.connection);
  const problems = useStore(store, (s) => s.problems);
  const hasView = useStore(store, (s) => s.view !== null);
  const locations = useJson<{ locations?: LocationNode[] }>('api/gm/locations/', null, toLogin);
  const [tab, setTab] = useState<TabId>('encounter');
  const [help, setHelp] = useState(false);
  useHotkeys(useMemo(() => consoleHotkeys(gm, () => setHelp((h) => !h), () => setHelp(false)), [gm]));

  return (
    <div className="gm-layout" data-testid="gm-console">
      <aside className="gm-sider crt-panel" aria-label="Locations">
        <div className="crt-panel-title">LOCATIONS</div>
        <LocationTree gm={gm} resource={locations} />
      </aside>
      <main className="gm-main">
        <StagingBar gm={gm} />
        <ViewControls gm={gm} waiting={!hasView} />
        <nav className="gm-tabs" role="tablist" aria-label="Console panels">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`panel-${t.id}`}
              data-testid={`tab-${t.id}`}
              className={`gm-tab${tab === t.id ? ' active' : ''}`}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </nav>
        <section className="gm-panel-body" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
          {tab === 'encounter' && <EncounterPanel gm={gm} />}
          {tab === 'bridge' && <BridgePanel gm={gm} />}
          {tab === 'portraits' && <PortraitsPanel gm={gm} />}
          {tab === 'ship' && <ShipPanel gm={gm} />}
          {tab === 'broadcast' && <BroadcastPanel gm={gm} />}
          {tab === 'charon' && <CharonPanel gm={gm} locations={locations.data?.locations ?? []} />}
          {tab === 'players' && <PlayersPanel gm={gm} />}
          {tab === 'campaign' && <CampaignPanel gm={gm} onReloaded={locations.reload} />}
          {tab === 'preview' && <PlayerPreview />}
        </section>
      </main>
      {help && <HotkeysOverlay onClose={() => setHelp(false)} />}
      <Notices store={store} />
      <ConnectionToast visible={connection.connectionLost} />
      <ProblemIndicator problems={problems} onClear={() => store.dispatch({ type: 'clear-problems' })} />
    </div>
  );
}
