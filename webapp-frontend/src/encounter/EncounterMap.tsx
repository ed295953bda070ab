import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
  type CSSProperties,
  type ReactNode,
  type Ref,
  type WheelEvent,
} from 'react';
import { resourceUrl } from '../api/http';
import { effectiveDoorStatus, isRoomRevealed } from '../state/selectors';
import type { DeckMap, MapRoom, Token } from '../state/types';
import { DoorSymbol } from './DoorSymbol';
import {
  cellAt,
  clientToMap,
  connectionPath,
  DEFAULT_UNIT,
  doorPlacement,
  LABEL_CHAR_EM,
  LABEL_LINE_EM,
  pointsAttr,
  rectCenter,
  roomRect,
  viewBoxFor,
  fitLabel,
  MAX_ZOOM,
  type Point,
  type Rect,
  type Side,
  type ViewBox,
} from './geometry';
import { TokenLayer } from './TokenLayer';
import { PoiIcon } from './PoiIcon';
import { detailTargetOf, MapDetail, type DetailTarget } from './MapDetail';
import { fitRectView, homeView, panBy, pinchView, sameView, viewOfRect, viewRect, zoomAt, type MapView } from './viewport';

/**
 * The 2D deck map as an SVG scaled to fit its box (viewBox + preserveAspectRatio), with
 * drag-to-pan, wheel zoom and, on touch screens, pinch zoom and two-finger pan (viewport.ts);
 * FIT MAP brings the whole map back. The view can be kept across remounts (`restoreView` /
 * `onViewChange`, per `viewKey`) and driven from outside (`follow`: the GM's projector, which
 * switches the local gestures off). Hovering, focusing or tapping a token, room or icon shows an
 * app-drawn detail (MapDetail) instead of the browser's native tooltip. Layers, bottom to top: path lines, rooms, terminal and POI
 * icons, doors, tokens, room names. The names come last, each on a plate, so no piece is ever
 * drawn over a room's name; they keep their size on screen whatever the map's scale (the CSS
 * custom property --map-label-size, in screen pixels: the shared terminal sizes it to the TV).
 * Only revealed rooms are drawn (missing entry = hidden); `showHidden` (GM use) draws hidden
 * rooms dimmed instead.
 */
export interface EncounterMapProps {
  deck: DeckMap;
  visibility: Record<string, boolean>;
  doorStatus: Record<string, string>;
  tokens: readonly Token[];
  showHidden?: boolean;
  onImageError?: (what: string) => void;
  /** GM use: rooms and doors become buttons, clicks and drops are reported */
  interaction?: MapInteraction;
  /** what the view is kept under (default: the deck id); a new key starts at `restoreView` or FIT MAP */
  viewKey?: string;
  /** the view kept for a key, if any (read when the map mounts and when the key changes) */
  restoreView?: (key: string) => MapView | null;
  /** every new view (also the first): its key, the view and the rectangle it draws in map units */
  onViewChange?: (key: string, view: MapView, rect: ViewBox) => void;
  /** draw this rectangle of the map (the GM's projector): local pan, zoom and pinch are off */
  follow?: ViewBox | null;
  /** the token whose turn it is (turn order): ringed by the read-only token layer */
  currentTokenId?: string | null;
  /**
   * Centre the map on this point (map units) at the closest zoom, each time `seq` changes (a
   * phone's MY TOKEN): the local view then pans and pinches from there as usual.
   */
  focus?: MapFocus | null;
  /**
   * What FIT MAP shows, in map units (default: the whole map), e.g. the rooms the players can see
   * on a phone; the map starts there and follows it until it is panned or zoomed.
   */
  fitTo?: ViewBox | null;
}

/** A request to centre the map on a point, in map units; a new `seq` repeats it. */
export interface MapFocus {
  x: number;
  y: number;
  seq: number;
}

/** What a click (or Enter/Space on a focused room or door) hit on the map. */
export interface MapHit {
  /** the grid cell under the pointer; null for keyboard activation */
  cell: Point | null;
  roomId: string | null;
  doorId: string | null;
  clientX: number;
  clientY: number;
}

/** Handed to a custom token layer: converts screen positions to grid cells. */
export interface MapContext {
  unit: number;
  /** the grid cell under a client (screen) position, or null */
  toCell: (clientX: number, clientY: number) => Point | null;
}

export interface MapInteraction {
  onHit?: (hit: MapHit) => void;
  /** something was dropped (HTML drag and drop) on a cell */
  onDropAt?: (cell: Point, event: DragEvent) => void;
  /** replaces the read-only token layer */
  renderTokens?: (ctx: MapContext) => ReactNode;
  /** extra class on the map root (e.g. a placing cursor) */
  className?: string;
}

const DRAG_THRESHOLD_PX = 3;
/** Room labels before the first measurement (and in jsdom, which has no layout). */
const FALLBACK_LABEL_PX = 11;

/** The SVG's size on screen and the label size CSS resolved for it. */
interface Measured {
  width: number;
  height: number;
  labelPx: number;
}

export function EncounterMap({
  deck,
  visibility,
  doorStatus,
  tokens,
  showHidden = false,
  onImageError,
  interaction,
  viewKey,
  restoreView,
  onViewChange,
  follow = null,
  currentTokenId = null,
  focus = null,
  fitTo = null,
}: EncounterMapProps) {
  const unit = deck.grid.unit_size && deck.grid.unit_size > 0 ? deck.grid.unit_size : DEFAULT_UNIT;
  const width = Math.max(1, deck.grid.width) * unit;
  const height = Math.max(1, deck.grid.height) * unit;
  const wholeMap: MapView = useMemo(() => homeView(width, height), [width, height]);
  const key = viewKey ?? deck.deck_id;
  /** the view the table panned or zoomed to; null: FIT MAP's (`home`), which follows `fitTo` */
  const [userView, setView] = useState<MapView | null>(() => restoreView?.(key) ?? null);
  const [viewFor, setViewFor] = useState(key);
  const svgRef = useRef<SVGSVGElement>(null);
  const imageErrorRef = useRef(onImageError);
  imageErrorRef.current = onImageError;
  // stable, so the memoised token markers are not re-rendered by a new callback
  const onTokenImageError = useCallback((t: Token) => imageErrorRef.current?.(`token image of ${t.name}`), []);
  const drag = useRef<{ id: number; x: number; y: number; start: MapView; moved: boolean } | null>(null);
  /** the pointers down on the map (touch: fingers), for the pinch */
  const pointers = useRef(new Map<number, Point>());
  const pinch = useRef<{ start: MapView; a: number; b: number; a0: Point; b0: Point } | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const [detail, setDetail] = useState<DetailTarget | null>(null);
  /** set when a pan ends, so the click that follows does not count as a hit */
  const panned = useRef(false);
  const viewBoxRef = useRef<ViewBox>({ x: 0, y: 0, width, height });
  const labelsRef = useRef<SVGGElement>(null);
  const [measured, setMeasured] = useState<Measured | null>(null);

  // Labels are sized in screen pixels, so the map's scale must be known: follow the SVG's box
  // (a resized window or panel) and the label size CSS gives at that viewport.
  useLayoutEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const read = () => {
      const box = svg.getBoundingClientRect();
      const px = labelsRef.current ? parseFloat(getComputedStyle(labelsRef.current).fontSize) : NaN;
      const next = { width: box.width, height: box.height, labelPx: Number.isFinite(px) && px > 0 ? px : FALLBACK_LABEL_PX };
      setMeasured((m) => (m && m.width === next.width && m.height === next.height && m.labelPx === next.labelPx ? m : next));
    };
    read();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(read);
    observer.observe(svg);
    return () => observer.disconnect();
  }, []);

  // FIT MAP's view: the whole map, or the part `fitTo` names (a phone: the rooms the players see)
  // fitted to the box's shape; until someone pans or zooms, the map follows it as rooms appear
  const fit = fitTo ? `${fitTo.x} ${fitTo.y} ${fitTo.width} ${fitTo.height}` : '';
  const home: MapView = useMemo(
    () => (fitTo && measured && measured.width > 0 && measured.height > 0 ? fitRectView(fitTo, measured, width, height) : wholeMap),
    // fitTo by value (`fit`): a new object with the same rectangle is the same home
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [fit, measured?.width, measured?.height, width, height, wholeMap],
  );
  const ownView = userView ?? home;

  // a different deck (or key) starts at its kept view, else FIT MAP's
  if (viewFor !== key) {
    setViewFor(key);
    setView(restoreView?.(key) ?? null);
    setDetail(null);
  }
  // MY TOKEN: a new request centres the map on its point, as close as the map zooms
  const [focusSeq, setFocusSeq] = useState(focus?.seq ?? null);
  if (focus && focus.seq !== focusSeq) {
    setFocusSeq(focus.seq);
    setView({ zoom: MAX_ZOOM, cx: focus.x, cy: focus.y });
  }
  // the projector draws the GM's rectangle; the map's own view is kept for when it ends
  const view = follow ? viewOfRect(follow, width, height) : ownView;
  const following = !!follow;

  const onViewChangeRef = useRef(onViewChange);
  onViewChangeRef.current = onViewChange;
  useEffect(() => {
    onViewChangeRef.current?.(key, ownView, viewRect(ownView, width, height));
  }, [key, ownView, width, height]);

  const box = () => svgRef.current?.getBoundingClientRect() ?? { left: 0, top: 0, width: 0, height: 0 };

  const onWheel = (e: WheelEvent<SVGSVGElement>) => {
    if (following) return;
    const factor = e.deltaY < 0 ? 1.1 : 0.9;
    const at = { x: e.clientX, y: e.clientY };
    const b = box();
    setView((v) => zoomAt(v ?? home, factor, at, b, width, height));
  };

  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    if (e.button !== 0 || following) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.current.size === 2) {
      // a second finger: the drag becomes a pinch (zoom and pan at once), and no tap follows
      const [[a, a0], [b, b0]] = [...pointers.current.entries()];
      pinch.current = { start: ownView, a, b, a0, b0 };
      drag.current = null;
      panned.current = true;
      svgRef.current?.setPointerCapture?.(a);
      svgRef.current?.setPointerCapture?.(b);
      return;
    }
    if (pointers.current.size > 2) return;
    drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY, start: ownView, moved: false };
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    if (e.pointerType === 'mouse' && !drag.current) hover(e);
    if (pointers.current.has(e.pointerId)) pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const p = pinch.current;
    if (p) {
      const a1 = pointers.current.get(p.a);
      const b1 = pointers.current.get(p.b);
      if (a1 && b1) setView(pinchView(p.start, p.a0, p.b0, a1, b1, box(), width, height));
      return;
    }
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return;
    if (!d.moved) {
      d.moved = true;
      svgRef.current?.setPointerCapture?.(e.pointerId);
    }
    setView(panBy(d.start, dx, dy, box(), width, height));
  };
  const onPointerUp = (e: PointerEvent<SVGSVGElement>) => {
    pointers.current.delete(e.pointerId);
    if (pinch.current && (pinch.current.a === e.pointerId || pinch.current.b === e.pointerId)) {
      // the pinch is over; a finger left on the glass does not start a drag (no jump)
      pinch.current = null;
    }
    if (drag.current?.id === e.pointerId) {
      panned.current = drag.current.moved;
      drag.current = null;
    }
  };

  const rootBox = () => rootRef.current?.getBoundingClientRect() ?? { left: 0, top: 0, width: 0, height: 0 };
  const hover = (e: { target: EventTarget | null }) => {
    const t = detailTargetOf(e.target as Element | null, rootBox());
    setDetail((d) => (d?.pinned ? d : t && d && d.kind === t.kind && d.id === t.id ? d : t));
  };

  const moved = !following && userView !== null && !sameView(userView, home);
  viewBoxRef.current = viewRect(view, width, height);
  const vbW = viewBoxRef.current.width;
  const vbH = viewBoxRef.current.height;
  // screen pixels per map unit (preserveAspectRatio meet: the smaller of the two ratios)
  const scale = measured && measured.width > 0 && measured.height > 0 ? Math.min(measured.width / vbW, measured.height / vbH) : 1;
  const svgVars = { '--map-unscale': String(1 / scale) } as CSSProperties;

  // stable for the lifetime of the map: reads the current viewBox through a ref
  const toCell = useCallback(
    (clientX: number, clientY: number): Point | null => {
      const svg = svgRef.current;
      if (!svg) return null;
      const p = clientToMap(clientX, clientY, svg.getBoundingClientRect(), viewBoxRef.current);
      return p ? cellAt(p, unit) : null;
    },
    [unit],
  );
  const context = useMemo<MapContext>(() => ({ unit, toCell }), [unit, toCell]);

  const onHit = interaction?.onHit;
  const onClick = onHit
    ? (e: MouseEvent<SVGSVGElement>) => {
        if (panned.current) {
          panned.current = false;
          return;
        }
        const target = e.target as Element;
        if (target.closest?.('[data-token-id]')) return; // tokens handle their own clicks
        const door = target.closest?.('[data-door-id]');
        const room = target.closest?.('[data-room-id]');
        onHit({
          cell: toCell(e.clientX, e.clientY),
          roomId: room?.getAttribute('data-room-id') ?? null,
          doorId: door?.getAttribute('data-door-id') ?? null,
          clientX: e.clientX,
          clientY: e.clientY,
        });
      }
    : undefined;
  // players' screens: a tap (touch) or click shows the detail of what it hit and keeps it until the
  // next tap (on the GM's map a click acts, and hover and focus show the detail)
  const tap = (e: MouseEvent<SVGSVGElement>) => {
    const t = detailTargetOf(e.target as Element, rootBox());
    setDetail((d) => (t && !(d?.pinned && d.kind === t.kind && d.id === t.id) ? { ...t, pinned: true } : null));
  };
  const onTap = (e: MouseEvent<SVGSVGElement>) => {
    if (panned.current) {
      panned.current = false;
      return;
    }
    tap(e);
  };
  const onKeyDown = onHit
    ? (e: KeyboardEvent<SVGSVGElement>) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        const target = e.target as Element;
        const door = target.closest?.('[data-door-id]');
        const room = door ? null : target.closest?.('[data-room-id]');
        if (!door && !room) return;
        e.preventDefault();
        const box = target.getBoundingClientRect();
        onHit({
          cell: null,
          roomId: room?.getAttribute('data-room-id') ?? null,
          doorId: door?.getAttribute('data-door-id') ?? null,
          clientX: box.left + box.width / 2,
          clientY: box.top + box.height / 2,
        });
      }
    : undefined;
  const onDropAt = interaction?.onDropAt;
  const dropProps = onDropAt
    ? {
        onDragOver: (e: DragEvent<SVGSVGElement>) => {
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
        },
        onDrop: (e: DragEvent<SVGSVGElement>) => {
          e.preventDefault();
          const cell = toCell(e.clientX, e.clientY);
          if (cell) onDropAt(cell, e);
        },
      }
    : {};

  return (
    <div
      ref={rootRef}
      className={`encounter-map${interaction?.className ? ` ${interaction.className}` : ''}`}
      data-testid="encounter-map"
      data-deck-id={deck.deck_id}
      data-following={following ? 'true' : undefined}
    >
      <svg
        ref={svgRef}
        className="encounter-map-svg"
        style={svgVars}
        viewBox={viewBoxFor(width, height, view.zoom, view.cx, view.cy)}
        preserveAspectRatio="xMidYMid meet"
        // an image for players; for the GM a group of labelled buttons (rooms, doors, tokens):
        // an img role would hide them from assistive technology
        role={onHit ? 'group' : 'img'}
        aria-label={`Deck map ${deck.name ?? deck.deck_id}`}
        onWheel={onWheel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onPointerLeave={() => setDetail((d) => (d?.pinned ? d : null))}
        onFocus={(e) => hover(e)}
        onBlur={() => setDetail((d) => (d?.pinned ? d : null))}
        onClick={onClick ?? onTap}
        onKeyDown={onKeyDown}
        {...dropProps}
      >
        <defs>
          <filter id="token-glow-blur" x="-50%" y="-50%" width="200%" height="200%">
            <feGaussianBlur stdDeviation="3" />
          </filter>
        </defs>
        <rect className="map-backdrop" x={-width} y={-height} width={width * 3} height={height * 3} />
        {deck.image_url ? (
          <MapImage url={deck.image_url} width={width} height={height} onError={onImageError} />
        ) : null}
        <StaticLayers
          deck={deck}
          unit={unit}
          visibility={visibility}
          doorStatus={doorStatus}
          showHidden={showHidden}
          interactive={!!onHit}
        />
        {interaction?.renderTokens ? (
          interaction.renderTokens(context)
        ) : (
          <TokenLayer tokens={tokens} unit={unit} onImageError={onTokenImageError} currentTokenId={currentTokenId} />
        )}
        <RoomLabels
          ref={labelsRef}
          deck={deck}
          unit={unit}
          visibility={visibility}
          showHidden={showHidden}
          scale={scale}
          labelPx={measured?.labelPx ?? FALLBACK_LABEL_PX}
        />
      </svg>
      {moved && (
        <button type="button" className="crt-button map-reset" data-testid="map-fit" onClick={() => setView(null)}>
          FIT MAP
        </button>
      )}
      {following && (
        <div className="map-following" data-testid="map-following" role="status">
          GM VIEW
        </div>
      )}
      {detail && <MapDetail target={detail} deck={deck} tokens={tokens} doorStatus={doorStatus} />}
    </div>
  );
}

function MapImage({ url, width, height, onError }: { url: string; width: number; height: number; onError?: (what: string) => void }) {
  const [failed, setFailed] = useState(false);
  if (failed) return null;
  return (
    <image
      className="map-image"
      href={resourceUrl(url)}
      x={0}
      y={0}
      width={width}
      height={height}
      preserveAspectRatio="xMidYMid meet"
      onError={() => {
        setFailed(true);
        onError?.('deck image');
      }}
    />
  );
}

interface StaticLayersProps {
  deck: DeckMap;
  unit: number;
  visibility: Record<string, boolean>;
  doorStatus: Record<string, string>;
  showHidden: boolean;
  /** GM: rooms and doors are focusable buttons with data-testids */
  interactive: boolean;
}

/** Everything but the tokens; memoised so token moves never redraw the rooms. */
const StaticLayers = memo(function StaticLayers({
  deck,
  unit,
  visibility,
  doorStatus,
  showHidden,
  interactive,
}: StaticLayersProps) {
  const rects = useMemo(() => {
    const m = new Map<string, { room: MapRoom; rect: Rect }>();
    for (const room of deck.rooms) m.set(room.id, { room, rect: roomRect(room, unit) });
    return m;
  }, [deck.rooms, unit]);
  const revealed = (id: string) => isRoomRevealed(visibility, id);
  const drawn = (id: string) => rects.has(id) && (showHidden || revealed(id));

  const connections = deck.connections ?? [];
  const paths = connections.filter((c) => drawn(c.from) && drawn(c.to) && revealed(c.from) && revealed(c.to));
  const doors = connections.flatMap((c) => {
    if (!c.door_type) return [];
    // the door sits on the wall of a drawn room: the server's wall position when given
    // (the player map leaves a hidden neighbour out), else the wall facing the neighbour
    const end = drawn(c.from) ? 'from' : drawn(c.to) ? 'to' : null;
    if (!end) return [];
    const given = end === 'from' ? c.from_door : c.to_door;
    if (given && Number.isFinite(given.x) && Number.isFinite(given.y) && isSide(given.side)) {
      return [{ c, point: { x: given.x * unit, y: given.y * unit }, side: given.side }];
    }
    const on = rects.get(end === 'from' ? c.from : c.to)!;
    const other = rects.get(end === 'from' ? c.to : c.from);
    if (!other) return [];
    const { point, side } = doorPlacement(on.rect, other.rect);
    return [{ c, point, side }];
  });

  return (
    <g className="map-static">
      <g className="map-paths">
        {paths.map((c) => (
          <polyline
            key={c.id}
            className="map-path"
            data-connection-id={c.id}
            points={pointsAttr(connectionPath(rects.get(c.from)!.rect, rects.get(c.to)!.rect))}
          />
        ))}
      </g>
      <g className="map-rooms">
        {deck.rooms.filter((r) => drawn(r.id)).map((room) => (
          <RoomBox
            key={room.id}
            room={room}
            rect={rects.get(room.id)!.rect}
            hidden={!revealed(room.id)}
            interactive={interactive}
          />
        ))}
      </g>
      <g className="map-icons">
        {(deck.terminals ?? [])
          .filter((t) => drawn(t.room) && t.position)
          .map((t) => (
            <g
              key={t.id}
              className="map-terminal"
              data-terminal-id={t.id}
              data-detail="terminal"
              transform={`translate(${t.position.x * unit + unit / 2} ${t.position.y * unit + unit / 2})`}
            >
              <rect className="map-terminal-screen" x={-7} y={-6} width={14} height={10} rx={1} />
              <rect className="map-terminal-stand" x={-3} y={4} width={6} height={2} />
            </g>
          ))}
        {(deck.poi ?? [])
          .filter((p) => drawn(p.room) && p.position)
          .map((p) => (
            <PoiIcon key={p.id} poi={p} unit={unit} />
          ))}
      </g>
      <g className="map-doors">
        {doors.map(({ c, point, side }) => (
          <DoorSymbol
            key={c.id}
            id={c.id}
            point={point}
            side={side}
            doorType={String(c.door_type)}
            status={effectiveDoorStatus(c, doorStatus)}
            interactive={interactive}
          />
        ))}
      </g>
    </g>
  );
});

function isSide(v: unknown): v is Side {
  return v === 'left' || v === 'right' || v === 'top' || v === 'bottom';
}

const ROOM_STATUSES = new Set(['operational', 'warning', 'hazard', 'offline']);

function RoomBox({ room, rect, hidden, interactive }: { room: MapRoom; rect: Rect; hidden: boolean; interactive: boolean }) {
  const status = String(room.status ?? 'OPERATIONAL').toLowerCase();
  const gm = interactive
    ? {
        'data-testid': `room-${room.id}`,
        'data-revealed': hidden ? 'false' : 'true',
        tabIndex: 0,
        role: 'button',
        'aria-pressed': !hidden,
        'aria-label': `${room.name || room.id}: ${hidden ? 'hidden' : 'revealed'}`,
      }
    : {};
  return (
    <g
      className={`room room-${ROOM_STATUSES.has(status) ? status : 'operational'}${hidden ? ' room-hidden' : ''}`}
      data-room-id={room.id}
      data-detail="room"
      {...gm}
    >
      <rect className="room-box" x={rect.x} y={rect.y} width={rect.width} height={rect.height} />
    </g>
  );
}

/** Space kept free between a label's plate and its room's walls, in screen pixels. */
const LABEL_INSET_PX = 4;
/** The plate's padding around the text, in em of the label (each side). */
const LABEL_PAD_X_EM = 0.3;
const LABEL_PAD_Y_EM = 0.15;

interface RoomLabelsProps {
  deck: DeckMap;
  unit: number;
  visibility: Record<string, boolean>;
  showHidden: boolean;
  /** screen pixels per map unit */
  scale: number;
  /** the label font size on screen (CSS --map-label-size, resolved) */
  labelPx: number;
  ref?: Ref<SVGGElement>;
}

/**
 * The room names, drawn after every piece: each sits at its room's centre on a plate, in a
 * group scaled by 1/scale so its font size is screen pixels. The plate never leaves its room
 * (rooms do not overlap, so no name covers another): a name is broken at spaces into the lines
 * the room has room for (estimated from the monospace advance, no measuring) and cut with "…"
 * where it does not fit; too small a room for a letter and an ellipsis draws no name. The full
 * name is in the room's detail (MapDetail) and, on the GM's map, its accessible name.
 */
const RoomLabels = memo(function RoomLabels({ deck, unit, visibility, showHidden, scale, labelPx, ref }: RoomLabelsProps) {
  const advance = labelPx * LABEL_CHAR_EM;
  const lineHeight = labelPx * LABEL_LINE_EM;
  const padX = labelPx * LABEL_PAD_X_EM;
  const padY = labelPx * LABEL_PAD_Y_EM;
  return (
    <g className="map-labels" ref={ref}>
      {deck.rooms
        .filter((room) => showHidden || isRoomRevealed(visibility, room.id))
        .map((room) => {
          const rect = roomRect(room, unit);
          const c = rectCenter(rect);
          const name = (room.name || room.id).toUpperCase();
          const { lines, cut } = fitLabel(
            name,
            (rect.width * scale - 2 * LABEL_INSET_PX - 2 * padX) / advance,
            (rect.height * scale - 2 * LABEL_INSET_PX - 2 * padY) / lineHeight,
          );
          if (lines.length === 0) return null;
          const longest = Math.max(...lines.map((l) => l.length));
          const plateW = longest * advance + 2 * padX;
          const plateH = lines.length * lineHeight + 2 * padY;
          const hidden = !isRoomRevealed(visibility, room.id);
          return (
            <g
              key={room.id}
              className={`room-label-group${hidden ? ' room-label-hidden' : ''}`}
              data-label-for={room.id}
              data-cut={cut ? 'true' : undefined}
              transform={`translate(${c.x} ${c.y}) scale(${1 / scale})`}
            >
              <rect className="room-label-plate" x={-plateW / 2} y={-plateH / 2} width={plateW} height={plateH} rx={2} />
              <text className="room-label" y={(-(lines.length - 1) * lineHeight) / 2} dy="0.35em">
                {lines.map((l, i) => (
                  <tspan key={i} x={0} dy={i === 0 ? undefined : lineHeight}>
                    {l}
                  </tspan>
                ))}
              </text>
            </g>
          );
        })}
    </g>
  );
});
