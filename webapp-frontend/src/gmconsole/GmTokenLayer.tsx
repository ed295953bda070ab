import { memo, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { MapContext } from '../encounter/EncounterMap';
import { TokenMarker } from '../encounter/TokenLayer';
import type { Point } from '../encounter/geometry';
import { tokenDragHandlers, type Ghost, type TokenDragHandlers } from '../encounter/tokenDrag';
import type { Token } from '../state/types';

/**
 * The GM's tokens: drag to move with grid snapping (pointer events with capture, so mouse,
 * pen and touch work alike), click/tap or Enter to open the token popup, arrow keys to
 * move one cell. The marker itself is the terminal's memoised TokenMarker.
 */
export interface GmTokenLayerProps {
  ctx: MapContext;
  tokens: readonly Token[];
  pendingIds: ReadonlySet<string>;
  selectedId: string | null;
  /** token id → the player who moves it from their phone (marked under the token) */
  owners?: ReadonlyMap<string, string>;
  /** the token whose turn it is (turn order), ringed */
  currentId?: string | null;
  onMove: (token: Token, cell: Point) => void;
  onOpen: (token: Token, at: { clientX: number; clientY: number }) => void;
}

/** the owner's name under a player-linked token, as a share of a cell */
const OWNER_LABEL_RATIO = 0.45;

const NO_OWNERS: ReadonlyMap<string, string> = new Map();

export function GmTokenLayer({ ctx, tokens, pendingIds, selectedId, owners = NO_OWNERS, currentId = null, onMove, onOpen }: GmTokenLayerProps) {
  const [ghost, setGhost] = useState<Ghost>(null);
  // the handlers are created once (memoised tokens keep them); they read the latest props here
  const latest = useRef({ ctx, pendingIds, onMove, onOpen, ghost });
  latest.current = { ctx, pendingIds, onMove, onOpen, ghost };
  const handlers = useMemo<Handlers>(() => makeHandlers(latest, setGhost), []);

  return (
    <g className="token-layer gm-token-layer">
      {tokens.map((t) => (
        <GmToken
          key={t.id}
          token={t}
          unit={ctx.unit}
          ghost={ghost && ghost.id === t.id ? ghost.cell : null}
          pending={pendingIds.has(t.id)}
          selected={selectedId === t.id}
          owner={owners.get(t.id) ?? null}
          current={currentId === t.id}
          handlers={handlers}
        />
      ))}
      {/* outside each token's button: a name in it would not match the button's label (axe) */}
      {owners.size > 0 && (
        <g className="gm-token-owners" aria-hidden="true">
          {tokens.map((t) => {
            const owner = owners.get(t.id);
            if (!owner) return null;
            const at = ghost && ghost.id === t.id ? ghost.cell : t;
            return (
              <text
                key={t.id}
                className="gm-token-owner"
                data-testid={`token-owner-${t.id}`}
                x={(at.x + 0.5) * ctx.unit}
                y={(at.y + 1) * ctx.unit + ctx.unit * OWNER_LABEL_RATIO}
                fontSize={ctx.unit * OWNER_LABEL_RATIO}
              >
                {owner}
              </text>
            );
          })}
        </g>
      )}
    </g>
  );
}

type Latest = {
  current: {
    ctx: MapContext;
    pendingIds: ReadonlySet<string>;
    onMove: GmTokenLayerProps['onMove'];
    onOpen: GmTokenLayerProps['onOpen'];
    ghost: Ghost;
  };
};

function makeHandlers(latest: Latest, setGhost: (f: (g: Ghost) => Ghost) => void): Handlers {
  const drag = tokenDragHandlers(
    () => {
      const { ctx, pendingIds, onMove, onOpen } = latest.current;
      return { toCell: ctx.toCell, canStart: (t) => !pendingIds.has(t.id), onDrop: onMove, onTap: onOpen };
    },
    () => latest.current.ghost,
    setGhost,
  );
  const key = (e: KeyboardEvent<SVGGElement>, t: Token) => {
    const steps: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      const box = e.currentTarget.getBoundingClientRect();
      latest.current.onOpen(t, { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 });
    } else if (steps[e.key] && !latest.current.pendingIds.has(t.id)) {
      e.preventDefault();
      const [dx, dy] = steps[e.key];
      latest.current.onMove(t, { x: t.x + dx, y: t.y + dy });
    }
  };
  return { ...drag, key };
}

interface Handlers extends TokenDragHandlers {
  key: (e: KeyboardEvent<SVGGElement>, t: Token) => void;
}

/** One token; re-renders when its token object, its drag ghost or its flags change. */
const GmToken = memo(
  function GmToken({
    token,
    unit,
    ghost,
    pending,
    selected,
    owner,
    current,
    handlers,
  }: {
    token: Token;
    unit: number;
    ghost: Point | null;
    pending: boolean;
    selected: boolean;
    owner: string | null;
    current: boolean;
    handlers: Handlers;
  }) {
    const shown = ghost ? { ...token, x: ghost.x, y: ghost.y } : token;
    const classes = ['gm-token'];
    if (ghost) classes.push('dragging');
    if (pending) classes.push('pending');
    if (selected) classes.push('selected');
    return (
      <g
        className={classes.join(' ')}
        data-testid={`token-${token.id}`}
        data-x={token.x}
        data-y={token.y}
        data-pending={pending ? 'true' : undefined}
        data-owner={owner ?? undefined}
        tabIndex={pending ? -1 : 0}
        role="button"
        aria-label={`${token.name || 'Token'} (${token.type}) at ${token.x}, ${token.y}${token.status.length ? ': ' + token.status.join(', ') : ''}${owner ? `, moved by ${owner}` : ''}`}
        aria-haspopup="menu"
        onPointerDown={(e) => handlers.down(e, token)}
        onPointerMove={handlers.move}
        onPointerUp={(e) => handlers.up(e, token)}
        onPointerCancel={handlers.cancel}
        onLostPointerCapture={handlers.cancel}
        onKeyDown={(e) => handlers.key(e, token)}
      >
        <TokenMarker token={shown} unit={unit} current={current} />
      </g>
    );
  },
  (a, b) =>
    a.token === b.token &&
    a.unit === b.unit &&
    a.pending === b.pending &&
    a.selected === b.selected &&
    a.owner === b.owner &&
    a.current === b.current &&
    (a.ghost === b.ghost || (!!a.ghost && !!b.ghost && a.ghost.x === b.ghost.x && a.ghost.y === b.ghost.y)),
);
