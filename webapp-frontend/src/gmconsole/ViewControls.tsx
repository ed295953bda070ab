import type { ActiveView } from '../state/types';
import type { Gm } from './gm';
import { useGmView } from './hooks';

/** Every view type of the protocol; CHARON is CHARON_TERMINAL. */
export const VIEW_BUTTONS: Array<{ type: string; label: string }> = [
  { type: 'STANDBY', label: 'STANDBY' },
  { type: 'BRIDGE', label: 'BRIDGE' },
  { type: 'ENCOUNTER', label: 'ENCOUNTER' },
  { type: 'CHARON_TERMINAL', label: 'CHARON' },
  { type: 'COMM_TERMINAL', label: 'COMM TERMINAL' },
  { type: 'MESSAGES', label: 'MESSAGES' },
  { type: 'SHIP_DASHBOARD', label: 'SHIP DASHBOARD' },
];

const selectViewType = (v: ActiveView | null) => v?.view_type ?? '';
const selectLocationName = (v: ActiveView | null) => (v ? v.location_name || v.location_slug : '');

/**
 * What the players' screen shows, one click each. switch-view without a location keeps
 * the current one (so STANDBY and back to ENCOUNTER keeps the encounter).
 */
export function ViewControls({ gm }: { gm: Gm }) {
  const current = useGmView(gm.store, selectViewType);
  const location = useGmView(gm.store, selectLocationName);
  return (
    <section className="gm-view-controls crt-panel" aria-label="View controls">
      <div className="crt-panel-title">
        VIEW CONTROLS
        <span className="gm-title-info">
          ON SCREEN: <b data-testid="current-view">{current || '—'}</b>
          {location ? ` · ${location}` : ''}
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
          </button>
        ))}
      </div>
    </section>
  );
}
