import { badgeEqual, viewBadge } from '../charon/selectors';
import { useStore } from '../state/store';
import type { ActiveView } from '../state/types';
import type { Gm } from './gm';
import { useGmView } from './hooks';

/**
 * The views the GM can put on the players' screen; CHARON is CHARON_TERMINAL. COMM_TERMINAL is
 * in the protocol but not offered: a comm terminal is shown over the current view from the
 * location tree (the overlay), which is what a table needs; a view of its own only said
 * "not available".
 */
export const VIEW_BUTTONS: Array<{ type: string; label: string }> = [
  { type: 'STANDBY', label: 'STANDBY' },
  { type: 'BRIDGE', label: 'BRIDGE' },
  { type: 'ENCOUNTER', label: 'ENCOUNTER' },
  { type: 'CHARON_TERMINAL', label: 'CHARON' },
  { type: 'MESSAGES', label: 'MESSAGES' },
  { type: 'SHIP_DASHBOARD', label: 'SHIP DASHBOARD' },
];

const selectViewType = (v: ActiveView | null) => v?.view_type ?? '';
const selectLocationName = (v: ActiveView | null) => (v ? v.location_name || v.location_slug : '');

/**
 * What the players' screen shows, one click each. switch-view without a location keeps
 * the current one (so STANDBY and back to ENCOUNTER keeps the encounter).
 */
/** The skip link's target (GmConsoleApp). */
export const VIEW_CONTROLS_ID = 'gm-view-controls';

/**
 * `waiting`: no state yet. Said in the title line, not in a line of its own that would push the
 * panels down when the state arrives (a layout shift).
 */
export function ViewControls({ gm, waiting = false }: { gm: Gm; waiting?: boolean }) {
  const current = useGmView(gm.store, selectViewType);
  const location = useGmView(gm.store, selectLocationName);
  return (
    <section className="gm-view-controls crt-panel" aria-label="View controls" id={VIEW_CONTROLS_ID} tabIndex={-1}>
      <div className="crt-panel-title">
        VIEW CONTROLS
        <span className="gm-title-info">
          ON SCREEN: <b data-testid="current-view">{current || '—'}</b>
          {location ? ` · ${location}` : ''}
          {waiting && <span className="gm-waiting crt-cursor"> · waiting for state</span>}
        </span>
      </div>
      <div className="gm-view-buttons">
        {VIEW_BUTTONS.map((b) => (
          <button
            key={b.type}
            type="button"
            className={`crt-button gm-view-btn${current === b.type ? ' active' : ''}`}
            data-testid={`view-btn-${b.type}`}
            aria-pressed={current === b.type}
            disabled={!current}
            onClick={() => {
              if (current !== b.type) void gm.actions.run({ kind: 'switch-view', view_type: b.type });
            }}
          >
            {b.label}
            <CharonBadge gm={gm} viewType={b.type} />
          </button>
        ))}
      </div>
    </section>
  );
}

/**
 * CHARON work waiting for the GM in a view's channels (charon-computer.md §10, from the
 * pushed queues of every channel): "?n" queries waiting for a reply, "n" drafts to review.
 */
function CharonBadge({ gm, viewType }: { gm: Gm; viewType: string }) {
  const badge = useStore(gm.store, (s) => viewBadge(s.charon, viewType), badgeEqual);
  if (badge.pending === 0 && badge.waiting === 0) return null;
  const words = [
    badge.waiting ? `${badge.waiting} CHARON ${badge.waiting === 1 ? 'query' : 'queries'} waiting` : '',
    badge.pending ? `${badge.pending} ${badge.pending === 1 ? 'draft' : 'drafts'} to review` : '',
  ].filter(Boolean);
  return (
    <span
      className="gm-view-badges"
      data-testid={`view-badge-${viewType}`}
      data-waiting={badge.waiting}
      data-pending={badge.pending}
      title={words.join(', ')}
    >
      <span className="gm-sr-only">, {words.join(', ')}</span>
      {badge.waiting > 0 && (
        <span className="gm-badge gm-badge-waiting" aria-hidden="true">
          ?{badge.waiting}
        </span>
      )}
      {badge.pending > 0 && (
        <span className="gm-badge gm-badge-pending" aria-hidden="true">
          {badge.pending}
        </span>
      )}
    </span>
  );
}
