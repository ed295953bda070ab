import { memo, useMemo, useRef, useState, type PointerEvent } from 'react';
import type { MapContext } from '../encounter/EncounterMap';
import { TokenMarker } from '../encounter/TokenLayer';
import { cellCenter, type Point } from '../encounter/geometry';
import type { Token } from '../state/types';

/**
 * The phone's tokens: the player's own can be dragged with one finger (pointer events with
 * capture: touch, pen and mouse alike) and snap to cells; everyone else's are drawn as on the
 * terminal. While the GM holds the tokens nothing is draggable. A drop reports the cell; the
 * token shows there (a ghost) until the pushed state has it or the server refused.
 */
export interface PlayerTokenLayerProps {
  ctx: MapContext;
  tokens: readonly Token[];
  mine: ReadonlySet<string>;
  movement: boolean;
  /** a move on its way: the token is drawn at this cell meanwhile */
  pending: { id: string; cell: Point } | null;
  onMove: (token: Token, cell: Point) => void;
}

const DRAG_THRESHOLD_PX = 4;

interface DragState {
  id: string;
  pointerId: number;
  x: number;
  y: number;
  moved: boolean;
}

export function PlayerTokenLayer({ ctx, tokens, mine, movement, pending, onMove }: PlayerTokenLayerProps) {
  const drag = useRef<DragState | null>(null);
  const [ghost, setGhost] = useState<{ id: string; cell: Point } | null>(null);
  const latest = useRef({ ctx, onMove, ghost });
  latest.current = { ctx, onMove, ghost };
  const handlers = useMemo<Handlers>(() => {
    const down = (e: PointerEvent<SVGGElement>, t: Token) => {
      if (e.button !== 0) return;
      e.stopPropagation(); // a drag of one's token never pans the map
      e.currentTarget.setPointerCapture?.(e.pointerId);
      drag.current = { id: t.id, pointerId: e.pointerId, x: e.clientX, y: e.clientY, moved: false };
    };
    const move = (e: PointerEvent<SVGGElement>) => {
      const d = drag.current;
      if (!d || d.pointerId !== e.pointerId) return;
      if (!d.moved && Math.hypot(e.clientX - d.x, e.clientY - d.y) < DRAG_THRESHOLD_PX) return;
      d.moved = true;
      const cell = latest.current.ctx.toCell(e.clientX, e.clientY);
      if (cell) setGhost((g) => (g && g.id === d.id && g.cell.x === cell.x && g.cell.y === cell.y ? g : { id: d.id, cell }));
    };
    const up = (e: PointerEvent<SVGGElement>, t: Token) => {
      const d = drag.current;
      if (!d || d.pointerId !== e.pointerId) return;
      drag.current = null;
      e.stopPropagation();
      const cell = d.moved ? (latest.current.ctx.toCell(e.clientX, e.clientY) ?? latest.current.ghost?.cell ?? null) : null;
      setGhost(null);
      if (cell && (cell.x !== t.x || cell.y !== t.y)) latest.current.onMove(t, cell);
    };
    const cancel = () => {
      drag.current = null;
      setGhost(null);
    };
    return { down, move, up, cancel };
  }, []);

  return (
    <g className="token-layer player-token-layer">
      {tokens.map((t) => {
        const own = mine.has(t.id);
        const at = ghost?.id === t.id ? ghost.cell : pending?.id === t.id ? pending.cell : null;
        return (
          <PlayerToken
            key={t.id}
            token={t}
            unit={ctx.unit}
            at={at}
            draggable={own && movement}
            own={own}
            handlers={handlers}
          />
        );
      })}
    </g>
  );
}

interface Handlers {
  down: (e: PointerEvent<SVGGElement>, t: Token) => void;
  move: (e: PointerEvent<SVGGElement>) => void;
  up: (e: PointerEvent<SVGGElement>, t: Token) => void;
  cancel: () => void;
}

const PlayerToken = memo(
  function PlayerToken({
    token,
    unit,
    at,
    draggable,
    own,
    handlers,
  }: {
    token: Token;
    unit: number;
    at: Point | null;
    draggable: boolean;
    own: boolean;
    handlers: Handlers;
  }) {
    const shown = at ? { ...token, x: at.x, y: at.y } : token;
    if (!own) return <TokenMarker token={token} unit={unit} />;
    const c = cellCenter(shown.x, shown.y, unit);
    const classes = ['player-token', 'mine'];
    if (draggable) classes.push('draggable');
    if (at) classes.push('moving');
    return (
      <g
        className={classes.join(' ')}
        data-testid={`my-token-${token.id}`}
        data-x={token.x}
        data-y={token.y}
        data-draggable={draggable ? 'true' : 'false'}
        aria-label={`Your token ${token.name || ''} at ${token.x}, ${token.y}`}
        onPointerDown={draggable ? (e) => handlers.down(e, token) : undefined}
        onPointerMove={draggable ? handlers.move : undefined}
        onPointerUp={draggable ? (e) => handlers.up(e, token) : undefined}
        onPointerCancel={draggable ? handlers.cancel : undefined}
        onLostPointerCapture={draggable ? handlers.cancel : undefined}
      >
        {/* at least 44 px on screen, however small the cells are drawn (--map-unscale: units per px) */}
        <circle className="player-token-hit" cx={c.x} cy={c.y} r={unit} />
        <circle className="player-token-mark" cx={c.x} cy={c.y} r={unit * 0.62} />
        <TokenMarker token={shown} unit={unit} />
      </g>
    );
  },
  (a, b) =>
    a.token === b.token &&
    a.unit === b.unit &&
    a.draggable === b.draggable &&
    a.own === b.own &&
    (a.at === b.at || (!!a.at && !!b.at && a.at.x === b.at.x && a.at.y === b.at.y)),
);
