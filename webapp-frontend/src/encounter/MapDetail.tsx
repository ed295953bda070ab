import { effectiveDoorStatus } from '../state/selectors';
import type { DeckMap, Token } from '../state/types';
import { STATUS_LABELS } from './TokenLayer';
import { StatusMark } from './MapLegend';

/**
 * The app-drawn detail of a token, room or icon on the deck map, shown on hover (mouse), focus
 * (keyboard, the GM's map) or tap (touch; it stays until the next tap). It replaces the
 * browser's native tooltip, which touch screens never show and which is too small on a TV: its
 * size is the map's own CSS (--map-detail-size), at least 14 px on a 1024×768 screen. It carries
 * the full words of what the map shows as compact markers (a token's statuses) and the room a
 * token stands in.
 */
export type DetailKind = 'token' | 'room' | 'poi' | 'terminal' | 'door';

export interface DetailTarget {
  kind: DetailKind;
  id: string;
  /** where the detail is drawn, in pixels from the map's top-left corner */
  x: number;
  y: number;
  /** shown by a tap: stays until the next tap */
  pinned?: boolean;
}

const ID_ATTRIBUTE: Record<DetailKind, string> = {
  token: 'data-token-id',
  room: 'data-room-id',
  poi: 'data-poi-id',
  terminal: 'data-terminal-id',
  door: 'data-door-id',
};

/** Room for the detail beside its target before it is moved inside the map. */
const DETAIL_W_PX = 320;
const DETAIL_H_PX = 140;
const GAP_PX = 8;

/** What a pointer or focus is on, with where its detail goes; null for the map's background. */
export function detailTargetOf(
  el: Element | null,
  root: { left: number; top: number; width: number; height: number },
): DetailTarget | null {
  // a focused GM token is the wrapper around the marker
  const hit = el?.closest?.('[data-detail]') ?? el?.querySelector?.('[data-detail="token"]') ?? null;
  if (!hit) return null;
  const kind = hit.getAttribute('data-detail') as DetailKind;
  const id = ID_ATTRIBUTE[kind] ? hit.getAttribute(ID_ATTRIBUTE[kind]) : null;
  if (!id) return null;
  const r = hit.getBoundingClientRect();
  // beside small pieces; over the middle of a room (it can fill the screen)
  let x = kind === 'room' ? r.left + r.width / 2 - root.left : r.right - root.left + GAP_PX;
  let y = kind === 'room' ? r.top + r.height / 2 - root.top : r.top - root.top;
  if (root.width > 0) x = Math.max(GAP_PX, Math.min(x, root.width - DETAIL_W_PX - GAP_PX));
  if (root.height > 0) y = Math.max(GAP_PX, Math.min(y, root.height - DETAIL_H_PX - GAP_PX));
  return { kind, id, x: Math.round(x), y: Math.round(y) };
}

/** The lines of a detail: a title, then plain lines; statuses are drawn with their markers. */
export interface DetailContent {
  title: string;
  lines: string[];
  statuses: string[];
}

export function detailContent(
  target: DetailTarget,
  deck: DeckMap,
  tokens: readonly Token[],
  doorStatus: Record<string, string> = {},
): DetailContent | null {
  const roomName = (id: string | undefined) => {
    const room = id ? deck.rooms.find((r) => r.id === id) : undefined;
    return room ? room.name || room.id : '';
  };
  switch (target.kind) {
    case 'token': {
      const t = tokens.find((x) => x.id === target.id);
      if (!t) return null;
      const statuses = t.status.map((s) => String(s).toLowerCase()).filter((s) => s in STATUS_LABELS || s === 'hidden');
      const room = roomName(t.room_id);
      return {
        title: (t.name || 'Token').toUpperCase(),
        lines: [String(t.type).toUpperCase(), ...(room ? [`IN ${room.toUpperCase()}`] : [])],
        statuses,
      };
    }
    case 'room': {
      const room = deck.rooms.find((r) => r.id === target.id);
      if (!room) return null;
      const here = tokens.filter((t) => t.room_id === room.id).length;
      return {
        title: (room.name || room.id).toUpperCase(),
        lines: [
          `STATUS: ${String(room.status ?? 'OPERATIONAL').toUpperCase()}`,
          ...(room.description ? [room.description] : []),
          ...(here ? [`${here} TOKEN${here === 1 ? '' : 'S'}`] : []),
        ],
        statuses: [],
      };
    }
    case 'poi': {
      const p = (deck.poi ?? []).find((x) => x.id === target.id);
      if (!p) return null;
      return {
        title: (p.name || p.type || 'Point of interest').toUpperCase(),
        lines: [p.type, p.status, roomName(p.room), p.description].filter((l): l is string => !!l).map((l, i) =>
          i < 3 ? l.toUpperCase() : l,
        ),
        statuses: [],
      };
    }
    case 'door': {
      const c = (deck.connections ?? []).find((x) => x.id === target.id);
      if (!c) return null;
      const type = String(c.door_type ?? 'standard').replace('_', ' ').toUpperCase();
      return { title: 'DOOR', lines: [type, effectiveDoorStatus(c, doorStatus)], statuses: [] };
    }
    case 'terminal': {
      const t = (deck.terminals ?? []).find((x) => x.id === target.id);
      if (!t) return null;
      const room = roomName(t.room);
      return { title: (t.name || t.id).toUpperCase(), lines: ['TERMINAL', ...(room ? [room.toUpperCase()] : [])], statuses: [] };
    }
  }
}

export interface MapDetailProps {
  target: DetailTarget;
  deck: DeckMap;
  tokens: readonly Token[];
  doorStatus: Record<string, string>;
}

export function MapDetail({ target, deck, tokens, doorStatus }: MapDetailProps) {
  const content = detailContent(target, deck, tokens, doorStatus);
  if (!content) return null;
  return (
    <div
      className="map-detail crt-panel"
      role="tooltip"
      data-testid="map-detail"
      data-kind={target.kind}
      data-for={target.id}
      style={{ left: target.x, top: target.y }}
    >
      <div className="map-detail-title">{content.title}</div>
      {content.lines.map((l, i) => (
        <div key={i} className="map-detail-line">
          {l}
        </div>
      ))}
      {content.statuses.map((s) => (
        <div key={s} className="map-detail-status" data-status={s}>
          <StatusMark status={s} /> {STATUS_LABELS[s] ?? s.toUpperCase()}
        </div>
      ))}
    </div>
  );
}
