import { useStore } from '../state/store';
import type { ActiveView, ShipStatus, ShipSystemOverride } from '../state/types';
import type { Gm } from './gm';
import { useGmView, useJson } from './hooks';

export const SHIP_STATUSES = ['ONLINE', 'STRESSED', 'DAMAGED', 'CRITICAL', 'OFFLINE'] as const;

const EMPTY: Record<string, ShipSystemOverride> = {};
const selectOverrides = (v: ActiveView | null) => v?.ship_system_overrides ?? EMPTY;

/**
 * Ship systems. The file is fetched again only when the server's overrides change (no
 * polling); the GM's own pending changes are drawn on top at once.
 */
export function ShipPanel({ gm }: { gm: Gm }) {
  const serverOverrides = useStore(gm.store, (s) => s.view?.ship_system_overrides ?? EMPTY);
  const shown = useGmView(gm.store, selectOverrides);
  const ship = useJson<ShipStatus>('api/ship-status/', serverOverrides, gm.toLogin);
  const data = ship.data?.ship;
  if (!data) {
    return (
      <div className="gm-empty" data-testid="ship-panel">
        {ship.error ? `Ship status: ${ship.error}` : 'Loading ship status…'}
      </div>
    );
  }
  const systems = Object.entries(data.systems ?? {});
  const low = (v?: { current: number; max: number }) => !!v && v.max > 0 && v.current / v.max < 0.3;
  return (
    <div className="gm-ship" data-testid="ship-panel">
      <div className="gm-ship-head">
        <span className="gm-ship-name">{data.name}</span>
        <span className="crt-muted">{data.class}</span>
        {data.crew_count !== undefined && <span>CREW {data.crew_count} / {data.crew_capacity ?? '?'}</span>}
        {data.hull && <span className={low(data.hull) ? 'gm-low' : ''}>HULL {data.hull.current} / {data.hull.max}</span>}
        {data.armor && <span className={low(data.armor) ? 'gm-low' : ''}>ARMOR {data.armor.current} / {data.armor.max}</span>}
      </div>
      {ship.error && <div className="gm-error">{ship.error}</div>}
      <div className="gm-systems">
        {systems.map(([id, sys]) => {
          const o = shown[id];
          const status = o?.status || sys.status;
          const condition = o?.condition ?? sys.condition ?? 0;
          const info = o?.info !== undefined ? String(o.info ?? '') : typeof sys.info === 'string' ? sys.info : '';
          const commitCondition = (raw: string) => {
            const n = Math.round(Number(raw));
            if (raw.trim() === '' || !Number.isFinite(n)) return;
            const c = Math.min(100, Math.max(0, n));
            if (c !== condition) void gm.actions.run({ kind: 'ship', system: id, condition: c });
          };
          const commitInfo = (raw: string) => {
            if (raw !== info) void gm.actions.run({ kind: 'ship', system: id, info: raw });
          };
          return (
            <div key={id} className={`gm-system system-${status.toLowerCase()}`} data-testid={`ship-system-${id}`}>
              <div className="gm-system-name">{id.replace(/_/g, ' ').toUpperCase()}</div>
              <label>
                STATUS
                <select
                  className="crt-input"
                  data-testid={`ship-status-${id}`}
                  value={status}
                  onChange={(e) => void gm.actions.run({ kind: 'ship', system: id, status: e.target.value })}
                >
                  {SHIP_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                CONDITION %
                <input
                  key={`c${condition}`}
                  className="crt-input"
                  type="number"
                  min={0}
                  max={100}
                  data-testid={`ship-condition-${id}`}
                  defaultValue={condition}
                  onBlur={(e) => commitCondition(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') commitCondition(e.currentTarget.value);
                  }}
                />
              </label>
              <div className="bar" aria-hidden="true">
                <div className="bar-fill" style={{ width: `${condition}%` }} />
              </div>
              <label className="gm-system-info">
                INFO
                <input
                  key={`i${info}`}
                  className="crt-input"
                  maxLength={200}
                  data-testid={`ship-info-${id}`}
                  defaultValue={info}
                  onBlur={(e) => commitInfo(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') commitInfo(e.currentTarget.value);
                  }}
                />
              </label>
            </div>
          );
        })}
      </div>
    </div>
  );
}
