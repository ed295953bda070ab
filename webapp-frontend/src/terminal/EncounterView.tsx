import { useCallback } from 'react';
import { EncounterMap } from '../encounter/EncounterMap';
import { MapLegend } from '../encounter/MapLegend';
import { viewMemory, type MapView } from '../encounter/viewport';
import { useEncounterMap, type MapCache, type MapFetcher } from '../encounter/mapCache';
import {
  currentTurnTokenId,
  isMapLocation,
  playerVisibleTokens,
  revealedRoomIds,
  tokensOfDisplayedDeck,
  totalDecks,
  turnEntries,
} from '../state/selectors';
import { useStore } from '../state/store';
import { EncounterScene } from '../bridge/EncounterScene';
import type { MapLoader as BridgeMapLoader } from '../bridge/mapLoader';
import { isSceneLocation } from '../bridge/selection';
import { LevelIndicator } from './LevelIndicator';
import { TurnStrip } from './TurnStrip';
import type { TerminalStore } from './store';

const EMPTY: Record<string, never> = {};

const EMPTY_PATH: string[] = [];

const restoreView = (key: string): MapView | null => viewMemory.load(key);
const keepView = (key: string, view: MapView) => viewMemory.save(key, view);

/**
 * ENCOUNTER: the displayed deck of the current location, revealed rooms only, with its
 * tokens and the deck indicator. A system, planet or moon location without a deck map shows
 * the BRIDGE's map scene of it (bridge.md §3); other locations without a deck map get a
 * titled screen.
 *
 * The map keeps the table's own pinch, pan and zoom per location and deck (sessionStorage), so a
 * reconnect, a new snapshot or a reload draws it where it was. While the GM's projector frames
 * this map, the terminal shows that frame instead and its own gestures are off; the GM's legend
 * switch adds the legend beside the map.
 */
export function EncounterView({
  store,
  mapFetcher,
  mapCache,
  bridgeLoader,
  bridgeRenderer,
}: {
  store: TerminalStore;
  mapFetcher?: MapFetcher;
  mapCache?: MapCache;
  bridgeLoader?: BridgeMapLoader;
  bridgeRenderer?: 'webgl' | '2d';
}) {
  const slug = useStore(store, (s) => s.view?.location_slug ?? '');
  const deckId = useStore(store, (s) => s.view?.encounter_deck_id ?? '');
  const level = useStore(store, (s) => s.view?.encounter_level ?? 1);
  const total = useStore(store, (s) => totalDecks(s.view));
  const deckName = useStore(store, (s) => s.view?.encounter_deck_name ?? '');
  const locationName = useStore(store, (s) => s.view?.location_name ?? '');
  const locationType = useStore(store, (s) => s.view?.location_type ?? '');
  const hasMap = useStore(store, (s) => isMapLocation(s.view));
  const locationPath = useStore(store, (s) => s.view?.location_path ?? EMPTY_PATH);
  const visibility = useStore(store, (s) => s.view?.encounter_room_visibility ?? EMPTY);
  const doorStatus = useStore(store, (s) => s.view?.encounter_door_status ?? EMPTY);
  const projector = useStore(store, (s) => s.view?.projector ?? null);
  const legend = useStore(store, (s) => s.view?.legend_visible === true);
  const turns = useStore(store, (s) => turnEntries(s.view));
  const turnId = useStore(store, (s) => currentTurnTokenId(s.view));
  const tokens = useStore(store, (s) =>
    playerVisibleTokens(tokensOfDisplayedDeck(s.view), s.view?.encounter_room_visibility),
  );

  const onProblem = useCallback(
    (message: string) => store.dispatch({ type: 'problem', source: 'map', message }),
    [store],
  );
  const onImageError = useCallback(
    (what: string) => store.dispatch({ type: 'problem', source: 'image', message: `Could not load ${what}` }),
    [store],
  );

  const { map, loading } = useEncounterMap({
    slug: hasMap ? slug : '',
    deckId,
    revealed: revealedRoomIds(visibility),
    fetcher: mapFetcher,
    cache: mapCache,
    onProblem,
  });

  let body;
  if (!slug) {
    body = <EncounterMessage lines={['NO LOCATION SELECTED', 'AWAITING NAVIGATION DATA']} />;
  } else if (!hasMap && isSceneLocation(locationType)) {
    body = (
      <EncounterScene
        key={slug}
        locationType={locationType}
        locationSlug={slug}
        locationPath={locationPath}
        locationName={locationName}
        loader={bridgeLoader}
        renderer={bridgeRenderer}
        onProblem={onProblem}
      />
    );
  } else if (!hasMap) {
    body = (
      <EncounterMessage
        lines={[
          (locationName || slug).toUpperCase(),
          locationType ? `TYPE: ${locationType.toUpperCase()}` : 'TYPE: UNKNOWN',
          'NO TACTICAL MAP FOR THIS LOCATION',
        ]}
      />
    );
  } else if (map) {
    const deck = map.current_deck;
    const follows = !!projector && projector.location_slug === slug && projector.deck_id === deck.deck_id;
    body = (
      <>
        {/* a strip above the map, so it never covers a room */}
        <LevelIndicator level={level} total={total} name={deckName || map.current_deck.name || ''} />
        <TurnStrip entries={turns} />
        <div className="encounter-stage">
          <EncounterMap
            deck={deck}
            visibility={visibility}
            doorStatus={doorStatus}
            tokens={tokens}
            onImageError={onImageError}
            viewKey={`${slug}/${deck.deck_id}`}
            restoreView={restoreView}
            onViewChange={keepView}
            follow={follows ? projector : null}
            currentTokenId={turnId}
          />
          {legend && <MapLegend />}
        </div>
      </>
    );
  } else if (loading) {
    body = <EncounterMessage lines={['ACCESSING DECK SCHEMATICS']} cursor />;
  } else {
    body = <EncounterMessage lines={['[ ]  NO MAP DATA AVAILABLE', (locationName || slug).toUpperCase()]} />;
  }

  return (
    <div className="encounter-view" data-testid="view-ENCOUNTER" data-location={slug} data-deck-id={deckId}>
      {body}
    </div>
  );
}

function EncounterMessage({ lines, cursor = false }: { lines: string[]; cursor?: boolean }) {
  return (
    <div className="encounter-message">
      {lines.map((l, i) => (
        <div key={i} className={i === lines.length - 1 && cursor ? 'crt-cursor' : undefined}>
          {l}
        </div>
      ))}
    </div>
  );
}
