import { useEffect, useRef, useState } from 'react';
import { getJson } from '../api/http';
import type { ShipStatus, ShipSystemOverride } from '../state/types';
import { changedSystems } from '../terminal/shipDiff';

/**
 * BRIDGE, STATUS tab: the ship's status. Fetched once on entry and again only when the pushed
 * `ship_system_overrides` change (no polling); a system whose reading changed flickers.
 */
export function StatusTab({
  overrides,
  onProblem,
}: {
  overrides: Record<string, ShipSystemOverride>;
  onProblem?: (message: string) => void;
}) {
  const [ship, setShip] = useState<ShipStatus | null>(null);
  const [failed, setFailed] = useState(false);
  const [flicker, setFlicker] = useState<{ names: Set<string>; generation: number }>({ names: new Set(), generation: 0 });
  const last = useRef<ShipStatus | null>(null);
  const problem = useRef(onProblem);
  problem.current = onProblem;

  useEffect(() => {
    const controller = new AbortController();
    getJson<ShipStatus>('api/ship-status/', { signal: controller.signal })
      .then((next) => {
        if (controller.signal.aborted) return;
        const changed = changedSystems(last.current, next);
        last.current = next;
        setShip(next);
        setFailed(false);
        if (changed.length) setFlicker((f) => ({ names: new Set(changed), generation: f.generation + 1 }));
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setFailed(true);
        problem.current?.(`Ship status: ${e instanceof Error ? e.message : String(e)}`);
      });
    return () => controller.abort();
    // `overrides` keeps its identity while unchanged (structural sharing in the store)
  }, [overrides]);

  const s = ship?.ship;
  const systems = Object.entries(s?.systems ?? {});
  return (
    <div className="bridge-status-tab" data-testid="bridge-status">
      <section className="crt-panel bridge-panel">
        <div className="crt-panel-title">SHIP STATUS</div>
        {!ship && !failed && <div className="bridge-status crt-cursor">&gt; QUERYING SHIP SYSTEMS</div>}
        {!ship && failed && <div className="bridge-status">&gt; SHIP DATA UNAVAILABLE</div>}
        {s && (
          <>
            <div className="bridge-ship">
              <div className="bridge-ship-name">{(s.name ?? 'UNKNOWN VESSEL').toUpperCase()}</div>
              {s.class && <div className="crt-muted">{s.class}</div>}
            </div>
            <dl className="bridge-stats">
              {s.crew_count !== undefined && (
                <Stat label="CREW" value={`${s.crew_count} / ${s.crew_capacity ?? '?'}`} />
              )}
              {s.hull && <Stat label="HULL" value={`${s.hull.current} / ${s.hull.max}`} low={isLow(s.hull)} />}
              {s.armor && <Stat label="ARMOR" value={`${s.armor.current} / ${s.armor.max}`} low={isLow(s.armor)} />}
            </dl>
            <div className="bridge-systems">
              {systems.map(([name, sys]) => {
                const status = String(sys.status ?? 'UNKNOWN').toUpperCase();
                const changed = flicker.names.has(name);
                return (
                  <div
                    key={changed ? `${name}-${flicker.generation}` : name}
                    className={`bridge-system system-${status.toLowerCase()}${changed ? ' system-changed' : ''}`}
                    data-system={name}
                    data-system-status={status}
                  >
                    <div className="bridge-system-name">{name.replace(/_/g, ' ').toUpperCase()}</div>
                    <div className="bridge-system-status">{status}</div>
                    {typeof sys.condition === 'number' && (
                      <div className="bridge-system-condition">
                        <div className="bar">
                          <div className="bar-fill" style={{ width: `${clampPct(sys.condition)}%` }} />
                        </div>
                        <span>{sys.condition}%</span>
                      </div>
                    )}
                    {sys.info !== undefined && sys.info !== '' && (
                      <div className="bridge-system-info">{String(sys.info)}</div>
                    )}
                  </div>
                );
              })}
            </div>
          </>
        )}
      </section>
    </div>
  );
}

function Stat({ label, value, low = false }: { label: string; value: string; low?: boolean }) {
  return (
    <div className={`bridge-stat${low ? ' low' : ''}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function isLow(v: { current: number; max: number }): boolean {
  return v.max > 0 && v.current / v.max < 0.3;
}

function clampPct(n: number): number {
  return Math.max(0, Math.min(100, n));
}
