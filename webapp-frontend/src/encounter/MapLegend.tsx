import { DoorSymbol } from './DoorSymbol';
import { PoiIcon } from './PoiIcon';
import { STATUS_LABELS, STATUS_MARKS, StatusMarks } from './TokenLayer';

/**
 * What the deck map's symbols mean: door states, token status markers, token kinds and points of
 * interest, drawn with the map's own pieces (the same components and CSS), so the legend can never
 * disagree with the map. The GM shows it on the shared terminal (`legend_visible`); it is a side
 * panel that takes its width from the map rather than covering rooms.
 */
export const LEGEND_DOORS = ['OPEN', 'CLOSED', 'LOCKED', 'SEALED', 'DAMAGED'] as const;
export const LEGEND_STATUSES = Object.keys(STATUS_LABELS);
export const LEGEND_TOKEN_TYPES = [
  ['player', 'CREW'],
  ['npc', 'NPC'],
  ['creature', 'CREATURE'],
  ['object', 'OBJECT'],
] as const;
export const LEGEND_POIS = [
  ['objective', 'OBJECTIVE'],
  ['hazard', 'HAZARD'],
  ['item', 'ITEM'],
  ['pod', 'ESCAPE POD'],
] as const;

const TOKEN_R = 10;

/** A token-sized sample with one status marker, e.g. in the legend and in a token's detail. */
export function StatusMark({ status }: { status: string }) {
  return (
    <svg className="legend-sample legend-status-sample" viewBox="-18 -18 36 36" aria-hidden="true" focusable="false">
      <g className={`token token-type-player${status === 'dead' ? ' token-dead' : ''}`}>
        {status === 'panicked' && <circle className="token-panic-ring" r={TOKEN_R + 6} />}
        <circle className="token-body" r={TOKEN_R} />
        <StatusMarks statuses={new Set([status])} r={TOKEN_R} />
      </g>
    </svg>
  );
}

export function MapLegend() {
  return (
    <aside className="map-legend crt-panel" data-testid="map-legend" aria-label="Map legend">
      <h2 className="map-legend-title">LEGEND</h2>
      <section aria-label="Doors">
        <h3 className="map-legend-heading">DOORS</h3>
        <ul className="map-legend-list">
          {LEGEND_DOORS.map((s) => (
            <li key={s} className="map-legend-item" data-legend-door={s}>
              <svg className="legend-sample" viewBox="-16 -12 32 24" aria-hidden="true" focusable="false">
                <DoorSymbol id={`legend-${s}`} point={{ x: 0, y: 0 }} side="top" doorType="standard" status={s} sample />
              </svg>
              <span>{s}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Token status">
        <h3 className="map-legend-heading">STATUS</h3>
        <ul className="map-legend-list">
          {LEGEND_STATUSES.map((s) => (
            <li key={s} className="map-legend-item" data-legend-status={s} title={STATUS_MARKS[s]}>
              <StatusMark status={s} />
              <span>{STATUS_LABELS[s]}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Tokens">
        <h3 className="map-legend-heading">TOKENS</h3>
        <ul className="map-legend-list">
          {LEGEND_TOKEN_TYPES.map(([type, label]) => (
            <li key={type} className="map-legend-item" data-legend-token={type}>
              <svg className="legend-sample" viewBox="-14 -14 28 28" aria-hidden="true" focusable="false">
                <g className={`token token-type-${type}`}>
                  <circle className="token-body" r={TOKEN_R} />
                </g>
              </svg>
              <span>{label}</span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Points of interest">
        <h3 className="map-legend-heading">POINTS OF INTEREST</h3>
        <ul className="map-legend-list">
          <li className="map-legend-item" data-legend-poi="terminal">
            <svg className="legend-sample" viewBox="-12 -12 24 24" aria-hidden="true" focusable="false">
              <g className="map-terminal">
                <rect className="map-terminal-screen" x={-7} y={-6} width={14} height={10} rx={1} />
                <rect className="map-terminal-stand" x={-3} y={4} width={6} height={2} />
              </g>
            </svg>
            <span>TERMINAL</span>
          </li>
          {LEGEND_POIS.map(([kind, label]) => (
            <li key={kind} className="map-legend-item" data-legend-poi={kind}>
              <svg className="legend-sample" viewBox="-12 -12 24 24" aria-hidden="true" focusable="false">
                <PoiIcon poi={{ id: `legend-${kind}`, room: '', icon: kind, position: { x: -0.5, y: -0.5 } }} unit={48} sample />
              </svg>
              <span>{label}</span>
            </li>
          ))}
        </ul>
      </section>
    </aside>
  );
}
