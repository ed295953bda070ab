import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { EncounterMap, type MapContext, type MapHit, type MapInteraction } from '../encounter/EncounterMap';
import { STATUS_LABELS } from '../encounter/TokenLayer';
import { roomAtCell, type Point } from '../encounter/geometry';
import { useEncounterMap } from '../encounter/mapCache';
import { currentTurnTokenId, effectiveDoorStatus, isMapLocation, tokensOfDeck } from '../state/selectors';
import { useStore } from '../state/store';
import type { ActiveView, DeckMap, MapRoom, Token } from '../state/types';
import type { Gm } from './gm';
import { GmTokenLayer } from './GmTokenLayer';
import { useGmView, useJson } from './hooks';
import { pendingTokenIds } from './optimistic';
import { Popup } from './Popup';
import { crewOf, linksOf, ownersEqual, tokenOwners } from './tableLinks';
import { useProjector } from './projector';
import { useHotkeys } from './Hotkeys';
import { nextDoorStatus, selectionOf, type HotkeyAction, type MapSelection } from './hotkeys';
import { TEMPLATE_MIME, TokenPalette, type TokenTemplate } from './TokenPalette';
import { TurnOrderBox } from './TurnOrderBox';

export const DOOR_STATUSES = ['OPEN', 'CLOSED', 'LOCKED', 'SEALED', 'DAMAGED'] as const;
export const TOKEN_STATUSES = ['wounded', 'dead', 'panicked', 'stunned', 'hidden'] as const;

const EMPTY: Record<string, never> = {};
const NO_ROOMS: string[] = [];

interface AllDecks {
  is_multi_deck?: boolean;
  decks?: Array<{ id: string; name?: string; level?: number; rooms?: MapRoom[] }>;
}

const selectSlug = (v: ActiveView | null) => v?.location_slug ?? '';
const selectDeckId = (v: ActiveView | null) => v?.encounter_deck_id ?? '';
const selectHasMap = (v: ActiveView | null) => isMapLocation(v);
const selectName = (v: ActiveView | null) => (v ? v.location_name || v.location_slug : '');
const selectType = (v: ActiveView | null) => v?.location_type ?? '';
const selectVisibility = (v: ActiveView | null) => v?.encounter_room_visibility ?? EMPTY;
const selectDoors = (v: ActiveView | null) => v?.encounter_door_status ?? EMPTY;
const selectTokenMap = (v: ActiveView | null) => v?.encounter_tokens ?? EMPTY;
const selectMovement = (v: ActiveView | null) => v?.player_movement === true;
const selectTurn = (v: ActiveView | null) => currentTurnTokenId(v);

type PopupState =
  | { kind: 'door'; id: string; x: number; y: number }
  | { kind: 'token'; id: string; x: number; y: number }
  | null;

/**
 * The encounter: the current deck with every room (hidden ones dimmed). Click a room to
 * reveal/hide it, a door to set its state, a token for its statuses; drag tokens to move
 * them (snapped to the grid); place tokens from the palette by drag or click-to-place.
 */
export function EncounterPanel({ gm }: { gm: Gm }) {
  const { store, actions } = gm;
  const slug = useGmView(store, selectSlug);
  const hasMap = useGmView(store, selectHasMap);
  const name = useGmView(store, selectName);
  const type = useGmView(store, selectType);

  if (!slug) {
    return (
      <div className="gm-empty" data-testid="encounter-empty">
        Select a location in the tree: in ENCOUNTER it is shown at once, in any other view it is prepared.
      </div>
    );
  }
  if (!hasMap) {
    return (
      <div className="gm-empty" data-testid="encounter-no-map">
        {name.toUpperCase()} {type ? `(${type})` : ''} — no tactical map for this location.
        <RestartButton gm={gm} slug={slug} />
      </div>
    );
  }
  return <EncounterControls key={slug} gm={gm} slug={slug} actions={actions} />;
}

function RestartButton({ gm, slug }: { gm: Gm; slug: string }) {
  const viewType = useGmView(gm.store, (v) => v?.view_type ?? 'ENCOUNTER');
  return (
    <button
      type="button"
      className="crt-button gm-danger"
      data-testid="restart-encounter"
      title="All rooms hidden, no tokens, doors reset, portraits dismissed"
      onClick={() => {
        if (window.confirm('Start this encounter again? All rooms are hidden and every token is removed.')) {
          void gm.actions.run({ kind: 'switch-view', view_type: viewType, location_slug: slug, reset: true });
        }
      }}
    >
      RESTART ENCOUNTER
    </button>
  );
}

function EncounterControls({ gm, slug }: { gm: Gm; slug: string; actions: Gm['actions'] }) {
  const { store, actions } = gm;
  const deckId = useGmView(store, selectDeckId);
  const visibility = useGmView(store, selectVisibility);
  const doorStatus = useGmView(store, selectDoors);
  const tokenMap = useGmView(store, selectTokenMap);
  const pendingIds = useStore(store, pendingTokenIds, setEqual);
  const turnId = useGmView(store, selectTurn);
  const onProblem = useCallback((message: string) => store.dispatch({ type: 'problem', source: 'map', message }), [store]);
  const { map, loading, failed } = useEncounterMap({
    slug,
    deckId,
    revealed: NO_ROOMS, // the GM map has every room: no refetch on reveal
    basePath: 'api/gm/encounter-map/',
    onProblem,
  });
  const allDecks = useJson<AllDecks>(`api/gm/encounter-map/${encodeURIComponent(slug)}/all-decks/`, null, gm.toLogin);
  const deck: DeckMap | null = map?.current_deck ?? null;
  const shownDeckId = deck?.deck_id || deckId;
  const tokens = tokensOfDeck(tokenMap, shownDeckId);
  const decks = allDecks.data?.decks ?? map?.decks?.map((d) => ({ ...d, rooms: undefined })) ?? [];
  const owners = usePlayerOwners(gm, tokens);

  const [placing, setPlacing] = useState<TokenTemplate | null>(null);
  const dragged = useRef<TokenTemplate | null>(null);
  const [popup, setPopup] = useState<PopupState>(null);
  const [allDecksScope, setAllDecksScope] = useState(false);
  const projector = useProjector(gm, slug, deck?.deck_id ?? '');
  const [selection, setSelection] = useState<MapSelection>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  // the first full render waits for the map and the deck list: drawn before them, the toolbar
  // grew when the deck buttons arrived and pushed the map down (a layout shift of 0.14-0.17)
  const decksKnown = !!allDecks.data || !!allDecks.error || !!map?.decks;
  const shown = useRef(false);
  if ((deck || failed) && (decksKnown || failed)) shown.current = true;

  useEffect(() => {
    if (!placing) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setPlacing(null);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [placing]);

  const at = useCallback((clientX: number, clientY: number) => {
    const box = boxRef.current?.getBoundingClientRect();
    return box ? { x: clientX - box.left, y: clientY - box.top } : { x: 0, y: 0 };
  }, []);

  const roomOf = useCallback((cell: Point) => (deck ? roomAtCell(deck.rooms, cell) : null), [deck]);

  const place = useCallback(
    (t: TokenTemplate, cell: Point) => {
      void actions.run({
        kind: 'place-token',
        temp_id: actions.newTempId(),
        type: t.type,
        name: t.name,
        x: cell.x,
        y: cell.y,
        image_url: t.image_url,
        deck_id: shownDeckId,
        room_id: roomOf(cell)?.id,
      });
    },
    [actions, shownDeckId, roomOf],
  );

  const onHit = useCallback(
    (hit: MapHit) => {
      if (placing) {
        if (hit.cell) {
          place(placing, hit.cell);
          setPlacing(null);
        }
        return;
      }
      if (hit.doorId) {
        setSelection({ kind: 'door', id: hit.doorId });
        const p = at(hit.clientX, hit.clientY);
        setPopup({ kind: 'door', id: hit.doorId, ...p });
        return;
      }
      if (hit.roomId) {
        setSelection({ kind: 'room', id: hit.roomId });
        const revealed = visibilityRef.current[hit.roomId] === true;
        void actions.run({ kind: 'room', room_id: hit.roomId, visible: !revealed });
      }
    },
    // visibility is read through a ref so the handler stays stable
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [placing, place, at, actions],
  );
  const visibilityRef = useRef(visibility);
  visibilityRef.current = visibility;

  const onMove = useCallback(
    (t: Token, cell: Point) => {
      void actions.run({ kind: 'move-token', token_id: t.id, x: cell.x, y: cell.y, room_id: roomOf(cell)?.id });
    },
    [actions, roomOf],
  );
  const onOpenToken = useCallback(
    (t: Token, where: { clientX: number; clientY: number }) => {
      setSelection({ kind: 'token', id: t.id });
      setPopup({ kind: 'token', id: t.id, ...at(where.clientX, where.clientY) });
    },
    [at],
  );
  const onDropAt = useCallback(
    (cell: Point, e: DragEvent) => {
      let t = dragged.current;
      if (!t) {
        try {
          t = JSON.parse(e.dataTransfer?.getData(TEMPLATE_MIME) || 'null') as TokenTemplate | null;
        } catch {
          t = null;
        }
      }
      dragged.current = null;
      if (t) place(t, cell);
    },
    [place],
  );
  const selectedTokenId = popup?.kind === 'token' ? popup.id : null;
  const renderTokens = useCallback(
    (ctx: MapContext) => (
      <GmTokenLayer
        ctx={ctx}
        tokens={tokens}
        pendingIds={pendingIds}
        selectedId={selectedTokenId}
        owners={owners}
        currentId={turnId}
        onMove={onMove}
        onOpen={onOpenToken}
      />
    ),
    [tokens, pendingIds, selectedTokenId, owners, turnId, onMove, onOpenToken],
  );
  const interaction: MapInteraction = useMemo(
    () => ({ onHit, onDropAt, renderTokens, className: placing ? 'gm-map-placing' : 'gm-map' }),
    [onHit, onDropAt, renderTokens, placing],
  );

  const deckRooms = (id: string | null): string[] => {
    const list = allDecks.data?.decks ?? [];
    const chosen = id ? list.filter((d) => d.id === id) : list;
    const ids = chosen.flatMap((d) => (d.rooms ?? []).map((r) => r.id));
    if (ids.length === 0 && deck && (!id || id === deck.deck_id)) return deck.rooms.map((r) => r.id);
    return ids;
  };
  const setAll = (visible: boolean) => {
    const scopeDeck = allDecksScope ? null : shownDeckId || null;
    void actions.run({
      kind: 'rooms',
      visible,
      deck_id: scopeDeck ?? undefined,
      rooms: deckRooms(scopeDeck),
    });
  };
  const tokenCount = Object.keys(tokenMap).length;
  const revealedHere = deck ? deck.rooms.filter((r) => visibility[r.id] === true).length : 0;

  const popupToken = popup?.kind === 'token' ? tokenMap[popup.id] : undefined;
  const popupDoor = popup?.kind === 'door' ? deck?.connections?.find((c) => c.id === popup.id) : undefined;

  const tokenMapRef = useRef(tokenMap);
  tokenMapRef.current = tokenMap;
  const encounterKeys = useCallback(
    (action: HotkeyAction): boolean => {
      const sel = selection;
      switch (action.kind) {
        case 'reveal-room':
          if (sel?.kind !== 'room') return false;
          void actions.run({ kind: 'room', room_id: sel.id, visible: visibilityRef.current[sel.id] !== true });
          return true;
        case 'cycle-door': {
          const door = sel?.kind === 'door' ? deck?.connections?.find((c) => c.id === sel.id) : undefined;
          if (!door) return false;
          void actions.run({ kind: 'door', connection_id: door.id, door_status: nextDoorStatus(effectiveDoorStatus(door, doorStatus)) });
          return true;
        }
        case 'remove-token':
          if (sel?.kind !== 'token' || !tokenMapRef.current[sel.id]) return false;
          setPopup(null);
          setSelection(null);
          void actions.run({ kind: 'remove-token', token_id: sel.id });
          return true;
        case 'clear-selection':
          setSelection(null);
          setPopup(null);
          setPlacing(null);
          return false;
        case 'projector':
          projector.toggle();
          return true;
        case 'legend':
          projector.toggleLegend();
          return true;
        default:
          return false;
      }
    },
    [selection, actions, deck, doorStatus, projector],
  );
  useHotkeys(encounterKeys);
  const selectedName =
    selection?.kind === 'room'
      ? deck?.rooms.find((r) => r.id === selection.id)?.name || selection.id
      : selection?.kind === 'token'
        ? tokenMap[selection.id]?.name
        : selection?.kind === 'door'
          ? `door ${selection.id}`
          : '';

  if (!shown.current) {
    return (
      <div className="gm-encounter" data-testid="encounter-loading">
        <div className="gm-empty crt-cursor">Loading map</div>
      </div>
    );
  }
  return (
    <div className="gm-encounter" data-testid="encounter-panel">
      <div className="gm-toolbar" role="toolbar" aria-label="Encounter controls">
        <div className="gm-decks" role="group" aria-label="Decks">
          {decks.length > 1 ? (
            decks.map((d) => (
              <button
                key={d.id}
                type="button"
                className={`crt-button gm-mini${d.id === shownDeckId ? ' active' : ''}`}
                data-testid={`deck-${d.id}`}
                aria-pressed={d.id === shownDeckId}
                title={d.name}
                onClick={() => {
                  if (d.id !== shownDeckId) {
                    setPopup(null);
                    void actions.run({ kind: 'switch-deck', deck_id: d.id, level: d.level, deck_name: d.name });
                  }
                }}
              >
                {`L${d.level ?? '?'} ${d.name ?? d.id}`}
              </button>
            ))
          ) : (
            <span className="crt-muted">SINGLE DECK</span>
          )}
        </div>
        <div className="gm-rooms-actions" role="group" aria-label="Room visibility">
          <span className="gm-count" data-testid="revealed-count">
            {revealedHere}/{deck?.rooms.length ?? 0} REVEALED
          </span>
          <button type="button" className="crt-button gm-mini" data-testid="reveal-all" onClick={() => setAll(true)}>
            REVEAL ALL
          </button>
          <button type="button" className="crt-button gm-mini" data-testid="hide-all" onClick={() => setAll(false)}>
            HIDE ALL
          </button>
          {decks.length > 1 && (
            <label className="gm-check">
              <input
                type="checkbox"
                data-testid="scope-all-decks"
                checked={allDecksScope}
                onChange={(e) => setAllDecksScope(e.target.checked)}
              />
              ALL DECKS
            </label>
          )}
        </div>
        <div className="gm-token-actions" role="group" aria-label="Tokens">
          <button
            type="button"
            className="crt-button gm-mini gm-danger"
            data-testid="clear-tokens"
            disabled={tokenCount === 0}
            onClick={() => {
              if (window.confirm(`Remove all ${tokenCount} tokens from every deck?`)) void actions.run({ kind: 'clear-tokens' });
            }}
          >
            CLEAR ALL TOKENS ({tokenCount})
          </button>
          <RestartButton gm={gm} slug={slug} />
        </div>
        <MovementSwitch gm={gm} />
        <div className="gm-table-actions" role="group" aria-label="Shared terminal">
          <button
            type="button"
            className={`crt-button gm-mini${projector.on ? ' active' : ''}`}
            data-testid="projector-toggle"
            aria-pressed={projector.on}
            title="Every terminal shows what this map shows (F)"
            onClick={projector.toggle}
          >
            FOLLOW ME {projector.on ? 'ON' : 'OFF'}
          </button>
          <button
            type="button"
            className={`crt-button gm-mini${projector.legend ? ' active' : ''}`}
            data-testid="legend-toggle"
            aria-pressed={projector.legend}
            title="Show the map legend on the terminal (L)"
            onClick={projector.toggleLegend}
          >
            LEGEND {projector.legend ? 'ON' : 'OFF'}
          </button>
          <span className="gm-count" data-testid="selection" aria-live="polite">
            {selectedName ? `SELECTED: ${selectedName.toUpperCase()}` : 'NOTHING SELECTED'}
          </span>
        </div>
        <TurnOrderBox gm={gm} selectedTokenId={selection?.kind === 'token' ? selection.id : selectedTokenId} />
      </div>
      <div className="gm-encounter-body">
        <div
          className="gm-map-box"
          ref={boxRef}
          onFocus={(e) => {
            const sel = selectionOf(e.target as Element);
            if (sel) setSelection(sel);
          }}
        >
          {placing && (
            <div className="gm-placing-banner" data-testid="placing-banner" role="status">
              PLACING {placing.name.toUpperCase()} — click a cell inside a room ·{' '}
              <button type="button" className="crt-button gm-mini" onClick={() => setPlacing(null)}>
                CANCEL (ESC)
              </button>
            </div>
          )}
          {deck ? (
            <EncounterMap
              deck={deck}
              visibility={visibility}
              doorStatus={doorStatus}
              tokens={tokens}
              showHidden
              interaction={interaction}
              viewKey={`${slug}/${deck.deck_id}`}
              onViewChange={projector.onViewChange}
              onImageError={(what) => store.dispatch({ type: 'problem', source: 'image', message: `Could not load ${what}` })}
            />
          ) : (
            <div className="gm-empty">{loading ? 'Loading map…' : failed ? 'The map could not be loaded.' : ''}</div>
          )}
          {popup?.kind === 'door' && popupDoor && (
            <Popup x={popup.x} y={popup.y} label={`Door ${popup.id}`} onClose={() => setPopup(null)} testId="popup-door">
              <div className="gm-popup-title">DOOR {popup.id}</div>
              <div className="gm-popup-buttons">
                {DOOR_STATUSES.map((s) => {
                  const current = effectiveDoorStatus(popupDoor, doorStatus) === s;
                  return (
                    <button
                      key={s}
                      type="button"
                      className={`crt-button gm-mini gm-door-${s.toLowerCase()}${current ? ' active' : ''}`}
                      data-testid={`door-status-${s}`}
                      aria-pressed={current}
                      onClick={() => {
                        setPopup(null);
                        if (!current) void actions.run({ kind: 'door', connection_id: popup.id, door_status: s });
                      }}
                    >
                      {s}
                    </button>
                  );
                })}
              </div>
            </Popup>
          )}
          {popup?.kind === 'token' && popupToken && (
            <Popup x={popup.x} y={popup.y} label={`Token ${popupToken.name}`} onClose={() => setPopup(null)} testId="popup-token">
              <div className="gm-popup-title">
                {popupToken.name.toUpperCase()} <span className="crt-muted">{popupToken.type.toUpperCase()}</span>
              </div>
              <div className="gm-popup-buttons">
                {TOKEN_STATUSES.map((s) => {
                  const on = popupToken.status.includes(s);
                  return (
                    <button
                      key={s}
                      type="button"
                      className={`crt-button gm-mini${on ? ' active' : ''}`}
                      data-testid={`popup-token-status-${s.toUpperCase()}`}
                      aria-pressed={on}
                      onClick={() =>
                        void actions.run({ kind: 'token-status', token_id: popupToken.id, ...(on ? { remove: s } : { add: s }) })
                      }
                    >
                      {STATUS_LABELS[s] ?? s.toUpperCase()}
                    </button>
                  );
                })}
              </div>
              <div className="gm-popup-buttons">
                <button
                  type="button"
                  className="crt-button gm-mini gm-danger"
                  data-testid="popup-token-remove"
                  onClick={() => {
                    setPopup(null);
                    void actions.run({ kind: 'remove-token', token_id: popupToken.id });
                  }}
                >
                  REMOVE
                </button>
              </div>
            </Popup>
          )}
        </div>
        <TokenPalette
          gm={gm}
          selected={placing}
          onSelect={setPlacing}
          onDragTemplate={(t) => {
            dragged.current = t;
          }}
        />
      </div>
      <div className="gm-hint crt-muted">
        Click a room to reveal or hide it · click a door to set its state · drag a token to move it, click it for its
        statuses · arrow keys move a focused token · press ? for keyboard shortcuts
      </div>
    </div>
  );
}

/**
 * The GM's "players may move their tokens" switch (pushed as `player_movement`): on, a linked
 * player drags their token on /player/; off takes control back at once.
 */
function MovementSwitch({ gm }: { gm: Gm }) {
  const on = useGmView(gm.store, selectMovement);
  return (
    <div className="gm-movement" role="group" aria-label="Players at the table">
      <button
        type="button"
        className={`crt-button gm-mini${on ? ' active' : ''}`}
        data-testid="player-movement"
        aria-pressed={on}
        title={on ? 'Linked players drag their tokens on /player/ — click to take them back' : 'Let linked players drag their tokens on /player/'}
        onClick={() => void gm.actions.run({ kind: 'player-movement', enabled: !on })}
      >
        PLAYERS MAY MOVE THEIR TOKENS
      </button>
    </div>
  );
}

/**
 * Which player moves each token on the map, for a marker under it. Links are not pushed: they
 * are read when the panel opens (the Players panel, where they change, is another tab) and again
 * when the set of tokens changes; the crew list is read only once a crew member is linked.
 */
function usePlayerOwners(gm: Gm, tokens: readonly Token[]): ReadonlyMap<string, string> {
  const tokenKey = tokens.map((t) => t.id).join(',');
  const links = linksOf(useJson<unknown>('api/gm/table/links/', tokenKey, gm.toLogin).data);
  const needsCrew = links.some((l) => l.kind === 'crew');
  const crew = crewOf(useJson<unknown>(needsCrew ? 'api/gm/bridge/personnel/' : null, null, gm.toLogin).data);
  const next = tokenOwners(tokens, links, crew);
  const last = useRef(next);
  if (!ownersEqual(last.current, next)) last.current = next;
  return last.current;
}

function setEqual(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
