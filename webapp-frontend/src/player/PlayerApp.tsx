import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, apiUrl, getJson, pageUrl, postJson } from '../api/http';
import { ConnectionToast } from '../common/ConnectionToast';
import { EncounterMap, type MapContext, type MapFocus } from '../encounter/EncounterMap';
import { DEFAULT_UNIT, type Point } from '../encounter/geometry';
import { useEncounterMap, type MapCache, type MapFetcher } from '../encounter/mapCache';
import type { EventSourceConstructor } from '../push/PushConnection';
import { useLiveStream } from '../push/liveStream';
import { PLAYER_FAILURE_THRESHOLD } from '../push/timing';
import { currentTurnTokenId, isMapLocation, playerVisibleTokens, revealedRoomIds, tokensOfDisplayedDeck } from '../state/selectors';
import { useStore } from '../state/store';
import type { Token } from '../state/types';
import type { TerminalStore } from '../terminal/store';
import { PlayerTokenLayer } from './PlayerTokenLayer';
import { isTableMe, meKey, moveBody, revealedArea, statusLine } from './table';

/**
 * A player's phone at the table (/player/): the player projection of the encounter map on
 * screen, from the player stream only (never the GM's), and their own tokens to drag while the GM
 * allows it. A move is a POST; the token is drawn where it was dropped until the pushed state
 * has it there (or the server refused, and then it goes back with the reason shown).
 */
export interface PlayerAppProps {
  store: TerminalStore;
  EventSourceImpl?: EventSourceConstructor;
  mapFetcher?: MapFetcher;
  mapCache?: MapCache;
  navigate?: (url: string) => void;
}

const EMPTY: Record<string, never> = {};
const NO_IDS: ReadonlySet<string> = new Set();
const defaultNavigate = (url: string) => window.location.assign(url);
const LOGIN = 'login/?next=player/';

export function PlayerApp({ store, EventSourceImpl, mapFetcher, mapCache, navigate = defaultNavigate }: PlayerAppProps) {
  const navigateRef = useRef(navigate);
  navigateRef.current = navigate;
  const [username, setUsername] = useState<string | null>(null);
  const [mine, setMine] = useState<ReadonlySet<string>>(NO_IDS);
  const [pending, setPending] = useState<{ id: string; cell: Point; version: number } | null>(null);
  const [refusal, setRefusal] = useState('');
  const [meRound, setMeRound] = useState(0);
  const [focus, setFocus] = useState<MapFocus | null>(null);

  useLiveStream(store, {
    url: apiUrl('api/active-view/stream/'),
    failureThreshold: PLAYER_FAILURE_THRESHOLD,
    EventSourceImpl,
  });

  const viewType = useStore(store, (s) => s.view?.view_type ?? 'STANDBY');
  const version = useStore(store, (s) => s.view?.version ?? 0);
  const movement = useStore(store, (s) => s.view?.player_movement === true);
  const slug = useStore(store, (s) => s.view?.location_slug ?? '');
  const deckId = useStore(store, (s) => s.view?.encounter_deck_id ?? '');
  const hasMap = useStore(store, (s) => isMapLocation(s.view));
  const visibility = useStore(store, (s) => s.view?.encounter_room_visibility ?? EMPTY);
  const doorStatus = useStore(store, (s) => s.view?.encounter_door_status ?? EMPTY);
  const tokens = useStore(store, (s) => playerVisibleTokens(tokensOfDisplayedDeck(s.view), s.view?.encounter_room_visibility));
  const connectionLost = useStore(store, (s) => s.connection.connectionLost);
  const turnId = useStore(store, (s) => currentTurnTokenId(s.view));
  const key = meKey(tokens, movement);

  // The page is personal: no session, no page (the stream itself is public, the moves are not).
  const toLogin = useCallback(() => navigateRef.current(pageUrl(LOGIN)), []);
  useEffect(() => {
    let stopped = false;
    getJson<unknown>('api/table/me/')
      .then((me) => {
        if (stopped || !isTableMe(me)) return;
        setUsername(me.username);
        setMine(new Set(me.tokens));
      })
      .catch((e) => {
        if (!stopped && e instanceof ApiError && e.status === 401) toLogin();
      });
    return () => {
      stopped = true;
    };
  }, [key, meRound, toLogin]);

  // Back from the lock screen: the GM may have linked or unlinked meanwhile.
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') setMeRound((n) => n + 1);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);

  // The ghost goes once the pushed state holds the move (the token is drawn from the state again).
  if (pending && version >= pending.version) setPending(null);

  const onMove = useCallback(
    (token: Token, cell: Point) => {
      setRefusal('');
      setPending({ id: token.id, cell, version: Number.POSITIVE_INFINITY });
      postJson<{ version?: number }>('api/table/move/', moveBody(token, cell))
        .then((answer) => {
          const v = typeof answer.version === 'number' ? answer.version : 0;
          setPending((p) => (p && p.id === token.id ? { ...p, version: v } : p));
        })
        .catch((e) => {
          setPending(null);
          if (e instanceof ApiError && e.status === 401) {
            toLogin();
            return;
          }
          if (e instanceof ApiError && e.status === 403) setMeRound((n) => n + 1);
          setRefusal(e instanceof Error ? e.message : 'The move did not go through');
        });
    },
    [toLogin],
  );

  const { map, loading } = useEncounterMap({
    slug: hasMap && viewType === 'ENCOUNTER' ? slug : '',
    deckId,
    revealed: revealedRoomIds(visibility),
    fetcher: mapFetcher,
    cache: mapCache,
  });

  const myTokens = useMemo(() => tokens.filter((t) => mine.has(t.id)), [tokens, mine]);
  const pendingCell = pending ? { id: pending.id, cell: pending.cell } : null;
  const interaction = useMemo(
    () => ({
      className: 'player-map',
      renderTokens: (ctx: MapContext) => (
        <PlayerTokenLayer ctx={ctx} tokens={tokens} mine={mine} movement={movement} pending={pendingCell} onMove={onMove} currentId={turnId} />
      ),
    }),
    // pendingCell is rebuilt every render; its content is what matters
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [tokens, mine, movement, onMove, turnId, pending?.id, pending?.cell.x, pending?.cell.y],
  );

  // MY TOKEN: a phone shows a whole deck at a dozen pixels a cell; this brings the player's token
  // (the next one, with several) to the middle at the closest zoom, where a cell is a finger wide
  const unitSize = map?.current_deck.grid.unit_size;
  const unit = unitSize && unitSize > 0 ? unitSize : DEFAULT_UNIT;
  const findMine = () => {
    if (myTokens.length === 0) return;
    const seq = (focus?.seq ?? -1) + 1;
    const t = myTokens[seq % myTokens.length];
    setFocus({ x: (t.x + 0.5) * unit, y: (t.y + 0.5) * unit, seq });
  };

  // a phone fits the rooms the players see, not the whole deck (FIT MAP goes back there too)
  const deckMap = map?.current_deck;
  const fitTo = useMemo(() => (deckMap ? revealedArea(deckMap, visibility, unit) : null), [deckMap, visibility, unit]);

  let body;
  if (viewType !== 'ENCOUNTER' || !hasMap) {
    body = <div className="player-message">NO ENCOUNTER MAP ON SCREEN</div>;
  } else if (map) {
    body = (
      <EncounterMap
        deck={map.current_deck}
        visibility={visibility}
        doorStatus={doorStatus}
        tokens={tokens}
        interaction={interaction}
        focus={focus}
        fitTo={fitTo}
      />
    );
  } else {
    body = <div className="player-message crt-cursor">{loading ? 'ACCESSING DECK SCHEMATICS' : 'NO MAP DATA'}</div>;
  }

  return (
    <div className="player-page" data-testid="player-page" data-movement={movement ? 'on' : 'off'}>
      <header className="crt-header player-header">
        <h1 className="crt-header-title">{username ? username.toUpperCase() : 'CREW'}</h1>
        <a className="crt-button player-nav" href={pageUrl('messages/')}>
          MESSAGES
        </a>
      </header>
      <div className="player-bar">
        <div className={`player-status${movement ? '' : ' held'}`} data-testid="player-status" role="status">
          {statusLine(movement, myTokens)}
        </div>
        {map && viewType === 'ENCOUNTER' && myTokens.length > 0 && (
          <button type="button" className="crt-button player-find" data-testid="player-find" onClick={findMine}>
            MY TOKEN
          </button>
        )}
      </div>
      {refusal && (
        <div className="player-refusal" data-testid="player-refusal" role="alert">
          {refusal}
        </div>
      )}
      <main className="player-main">{body}</main>
      <ConnectionToast visible={connectionLost} />
    </div>
  );
}
