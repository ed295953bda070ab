import { memo } from 'react';
import type { DoorStatus } from '../state/types';
import type { Point, Side } from './geometry';
import { isVerticalEdge } from './geometry';

/**
 * A door on a room's wall, drawn as two halves (ui.md §3.4). The symbol is drawn for a
 * horizontal wall and rotated for left/right walls. Each of the five statuses has its own
 * look; the halves slide apart when OPEN (CSS transition).
 */
export const DOOR_LENGTH = 20;
export const DOOR_DEPTH = 12;

const KNOWN_DOOR_TYPES = new Set(['standard', 'airlock', 'blast_door', 'emergency', 'open']);

export interface DoorSymbolProps {
  id: string;
  point: Point;
  side: Side;
  doorType: string;
  status: DoorStatus;
  /** GM: a focusable button with data-testid door-<id> */
  interactive?: boolean;
  /** a sample in the legend: no door id, not part of the map */
  sample?: boolean;
}

export const DoorSymbol = memo(function DoorSymbol({ id, point, side, doorType, status, interactive, sample }: DoorSymbolProps) {
  const type = KNOWN_DOOR_TYPES.has(doorType) ? doorType : 'standard';
  const rotate = isVerticalEdge(side) ? 90 : 0;
  const half = DOOR_LENGTH / 2;
  const d = DOOR_DEPTH / 2;
  return (
    <g
      className={`door door-type-${type} door-${status.toLowerCase()}`}
      data-door-id={sample ? undefined : id}
      data-door-status={sample ? undefined : status}
      data-detail={sample ? undefined : 'door'}
      transform={`translate(${point.x} ${point.y}) rotate(${rotate})`}
      {...(interactive
        ? {
            'data-testid': `door-${id}`,
            tabIndex: 0,
            role: 'button',
            'aria-label': `Door ${id}: ${status}`,
            'aria-haspopup': 'menu' as const,
          }
        : {})}
    >
      {interactive && <rect className="door-hit" x={-half - 4} y={-d - 4} width={DOOR_LENGTH + 8} height={DOOR_DEPTH + 8} />}
      <rect className="door-frame" x={-half} y={-d} width={DOOR_LENGTH} height={DOOR_DEPTH} />
      <rect className="door-half door-half-a" x={-half} y={-d} width={half} height={DOOR_DEPTH} />
      <rect className="door-half door-half-b" x={0} y={-d} width={half} height={DOOR_DEPTH} />
      {status === 'CLOSED' && type === 'airlock' && (
        <rect className="door-airlock-inner" x={-half + 3} y={-d + 3} width={DOOR_LENGTH - 6} height={DOOR_DEPTH - 6} />
      )}
      {status === 'CLOSED' && type === 'blast_door' && (
        <g className="door-blast-x">
          <line x1={-half} y1={-d} x2={half} y2={d} />
          <line x1={half} y1={-d} x2={-half} y2={d} />
        </g>
      )}
      {status === 'LOCKED' && (
        <g className="door-lock">
          <rect className="door-lock-outline" x={-half} y={-d} width={DOOR_LENGTH} height={DOOR_DEPTH} />
          <circle className="door-keyhole" cx={0} cy={-1.2} r={2} />
          <rect className="door-keyhole" x={-0.8} y={-0.5} width={1.6} height={4} />
        </g>
      )}
      {status === 'SEALED' && (
        <g className="door-seal">
          <rect className="door-seal-outline" x={-half} y={-d} width={DOOR_LENGTH} height={DOOR_DEPTH} />
          <rect className="door-seal-inner" x={-half + 3} y={-d + 2.5} width={DOOR_LENGTH - 6} height={DOOR_DEPTH - 5} />
          <rect className="door-seal-stripe" x={-half} y={-1} width={DOOR_LENGTH} height={2} />
        </g>
      )}
      {status === 'DAMAGED' && (
        <g className="door-damage">
          <polyline className="door-crack" points={`${-half + 2},${-d + 1} -2,-1 1,2 ${half - 3},${d - 1}`} />
          <polyline className="door-crack" points={`3,${-d + 1} 1,-2`} />
          <circle className="door-spark" cx={half - 4} cy={-d + 3} r={1.6} />
        </g>
      )}
    </g>
  );
});
