import { memo, useMemo, useRef, useState } from 'react';
import type { MapContext } from '../encounter/EncounterMap';
import { TokenMarker } from '../encounter/TokenLayer';
import { cellCenter, type Point } from '../encounter/geometry';
import { tokenDragHandlers, type Ghost, type TokenDragHandlers } from '../encounter/tokenDrag';
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
  /** the token whose turn it is (turn order), ringed */
  currentId?: string | null;
}

export function PlayerTokenLayer({ ctx, tokens, mine, movement, pending, onMove, currentId = null }: PlayerTokenLayerProps) {
  const [ghost, setGhost] = useState<Ghost>(null);
  // made once (memoised tokens keep them); they read the latest props here
  const latest = useRef({ ctx, onMove, ghost });
  latest.current = { ctx, onMove, ghost };
  const handlers = useMemo<Handlers>(
    () =>
      tokenDragHandlers(
        // only the player's own tokens get the handlers, and only while movement is on
        () => ({ toCell: latest.current.ctx.toCell, canStart: () => true, onDrop: latest.current.onMove }),
        () => latest.current.ghost,
        setGhost,
      ),
    [],
  );

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
            current={currentId === t.id}
            handlers={handlers}
          />
        );
      })}
    </g>
  );
}

type Handlers = TokenDragHandlers;

const PlayerToken = memo(
  function PlayerToken({
    token,
    unit,
    at,
    draggable,
    own,
    current,
    handlers,
  }: {
    token: Token;
    unit: number;
    at: Point | null;
    draggable: boolean;
    own: boolean;
    current: boolean;
    handlers: Handlers;
  }) {
    const shown = at ? { ...token, x: at.x, y: at.y } : token;
    if (!own) return <TokenMarker token={token} unit={unit} current={current} />;
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
        <TokenMarker token={shown} unit={unit} current={current} />
      </g>
    );
  },
  (a, b) =>
    a.token === b.token &&
    a.unit === b.unit &&
    a.draggable === b.draggable &&
    a.own === b.own &&
    a.current === b.current &&
    (a.at === b.at || (!!a.at && !!b.at && a.at.x === b.at.x && a.at.y === b.at.y)),
);
