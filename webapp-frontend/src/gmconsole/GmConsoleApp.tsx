import { useEffect, useRef, useState } from 'react';
import { ApiError, apiUrl, getJson, pageUrl, postJson } from '../api/http';
import { ConnectionToast } from '../common/ConnectionToast';
import { ProblemIndicator } from '../common/ProblemIndicator';
import type { EventSourceConstructor } from '../push/PushConnection';
import { useLiveStream } from '../push/liveStream';
import { GM_FAILURE_THRESHOLD } from '../push/timing';
import { useStore } from '../state/store';
import type { Me } from '../state/types';
import type { GmStore } from './store';

/**
 * GM console placeholder: checks the session, follows the GM stream (threshold 2) and
 * shows the live state. The real console is built on the same store and push module.
 */
export interface GmConsoleAppProps {
  store: GmStore;
  EventSourceImpl?: EventSourceConstructor;
  navigate?: (url: string) => void;
}

const LOGIN_URL = 'login/?next=gmconsole/';
const defaultNavigate = (url: string) => window.location.assign(url);

export function GmConsoleApp({ store, EventSourceImpl, navigate = defaultNavigate }: GmConsoleAppProps) {
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
      <header className="crt-header">
        <span className="crt-header-title">CHARON</span>
        <span className="crt-header-subtitle">GM CONSOLE</span>
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
      <main className="gm-main">
        {denied && <div className="gm-denied">&gt; {denied}</div>}
        {me && me.role === 'GM' && <GmLiveState store={store} EventSourceImpl={EventSourceImpl} navigate={navigate} />}
        {!me && !denied && <div className="crt-cursor">&gt; Loading GM Console</div>}
      </main>
    </div>
  );
}

function GmLiveState({
  store,
  EventSourceImpl,
  navigate,
}: {
  store: GmStore;
  EventSourceImpl?: EventSourceConstructor;
  navigate: (url: string) => void;
}) {
  useLiveStream(store, {
    url: apiUrl('api/gm/active-view/stream/'),
    failureThreshold: GM_FAILURE_THRESHOLD,
    EventSourceImpl,
    onAuthLost: () => navigate(pageUrl(LOGIN_URL)),
  });
  const view = useStore(store, (s) => s.view);
  const connection = useStore(store, (s) => s.connection);
  const problems = useStore(store, (s) => s.problems);

  const rows: Array<[string, string]> = view
    ? [
        ['VIEW', view.view_type],
        ['LOCATION', view.location_name ? `${view.location_name} (${view.location_slug})` : view.location_slug || '—'],
        ['DECK', view.encounter_deck_id ? `${view.encounter_level} / ${view.encounter_total_decks ?? 1} ${view.encounter_deck_name ?? view.encounter_deck_id}` : '—'],
        [
          'ROOMS REVEALED',
          `${Object.values(view.encounter_room_visibility).filter((v) => v === true).length} / ${Object.keys(view.encounter_room_visibility).length}`,
        ],
        ['TOKENS', String(Object.keys(view.encounter_tokens).length)],
        ['PORTRAITS', view.encounter_active_portraits.join(', ') || '—'],
        ['OVERLAY', view.overlay_location_slug && view.overlay_terminal_slug ? `${view.overlay_location_slug}/${view.overlay_terminal_slug}` : '—'],
        ['STATE', `epoch ${view.epoch} · version ${view.version}`],
      ]
    : [];

  return (
    <section className="crt-panel gm-panel" data-testid="gm-live-state">
      <div className="crt-panel-title">ACTIVE VIEW</div>
      <div className="gm-connection" data-testid="gm-connection" data-status={connection.status}>
        LINK: {connection.status.toUpperCase()}
        {connection.failures > 0 ? ` (${connection.failures} failed)` : ''}
      </div>
      {!view && <div className="gm-rows crt-cursor">&gt; Waiting for state</div>}
      {view && (
        <dl className="gm-rows">
          {rows.map(([k, v]) => (
            <div key={k} className="gm-row">
              <dt>{k}</dt>
              <dd data-field={k}>{v}</dd>
            </div>
          ))}
        </dl>
      )}
      <ConnectionToast visible={connection.connectionLost} />
      <ProblemIndicator problems={problems} onClear={() => store.dispatch({ type: 'clear-problems' })} />
    </section>
  );
}
