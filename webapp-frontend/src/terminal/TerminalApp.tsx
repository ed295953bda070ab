import { useCallback } from 'react';
import { apiUrl } from '../api/http';
import { ConnectionToast } from '../common/ConnectionToast';
import { ProblemIndicator } from '../common/ProblemIndicator';
import { Scanlines } from '../common/Scanlines';
import type { MapCache, MapFetcher } from '../encounter/mapCache';
import type { EventSourceConstructor } from '../push/PushConnection';
import { useLiveStream } from '../push/liveStream';
import { PLAYER_FAILURE_THRESHOLD } from '../push/timing';
import { activePortraitsOf } from '../state/selectors';
import { useStore } from '../state/store';
import { BridgeScreen } from '../bridge/BridgeScreen';
import type { MapLoader as BridgeMapLoader } from '../bridge/mapLoader';
import { CharonDialog, CharonTerminalView } from './CharonScreens';
import { CommTerminalOverlay } from './CommTerminalOverlay';
import { EncounterView } from './EncounterView';
import { PlaceholderView } from './PlaceholderView';
import { BroadcastFeed } from '../messages/BroadcastFeed';
import { PortraitOverlay } from './PortraitOverlay';
import { ShipDashboard } from './ShipDashboard';
import { StandbyScreen } from './StandbyScreen';
import type { TerminalStore } from './store';
import { TerminalHeader } from './TerminalHeader';

/**
 * The shared player terminal: one big screen for the whole table. It follows the player
 * stream only and never writes in reaction to an event.
 */
export interface TerminalAppProps {
  store: TerminalStore;
  EventSourceImpl?: EventSourceConstructor;
  mapFetcher?: MapFetcher;
  mapCache?: MapCache;
  /** BRIDGE/ENCOUNTER map JSON (tests inject one); default: fetched from the server */
  bridgeLoader?: BridgeMapLoader;
  /** force the 2D map diagram (tests; jsdom has no WebGL anyway) */
  bridgeRenderer?: 'webgl' | '2d';
}

export function TerminalApp({ store, EventSourceImpl, mapFetcher, mapCache, bridgeLoader, bridgeRenderer }: TerminalAppProps) {
  useLiveStream(store, {
    url: apiUrl('api/active-view/stream/'),
    failureThreshold: PLAYER_FAILURE_THRESHOLD,
    EventSourceImpl,
  });

  const hasState = useStore(store, (s) => s.view !== null);
  const viewType = useStore(store, (s) => s.view?.view_type ?? 'STANDBY');
  const locationName = useStore(store, (s) => s.view?.location_name ?? '');
  const overlayLocation = useStore(store, (s) => s.view?.overlay_location_slug ?? '');
  const overlayTerminal = useStore(store, (s) => s.view?.overlay_terminal_slug ?? '');
  const portraits = useStore(store, (s) => activePortraitsOf(s.view));
  const charonDialog = useStore(store, (s) => s.view?.charon_dialog_open === true);
  const shipOverrides = useStore(store, (s) => s.view?.ship_system_overrides);
  const connectionLost = useStore(store, (s) => s.connection.connectionLost);
  const problems = useStore(store, (s) => s.problems);

  const problem = useCallback(
    (source: string) => (message: string) => store.dispatch({ type: 'problem', source, message }),
    [store],
  );
  const onImageError = useCallback(
    (what: string) => store.dispatch({ type: 'problem', source: 'image', message: `Could not load ${what}` }),
    [store],
  );

  let body;
  let showHeader = true;
  switch (viewType) {
    case 'STANDBY':
      showHeader = false;
      body = <StandbyScreen />;
      break;
    case 'ENCOUNTER':
      body = (
        <EncounterView store={store} mapFetcher={mapFetcher} mapCache={mapCache} bridgeLoader={bridgeLoader} bridgeRenderer={bridgeRenderer} />
      );
      break;
    case 'BRIDGE':
      body = <BridgeScreen store={store} loader={bridgeLoader} renderer={bridgeRenderer} />;
      break;
    case 'MESSAGES':
      body = <BroadcastFeed />;
      break;
    case 'CHARON_TERMINAL':
      showHeader = false;
      body = <CharonTerminalView store={store} />;
      break;
    case 'SHIP_DASHBOARD':
      body = <ShipDashboard overrides={shipOverrides} onProblem={problem('ship')} />;
      break;
    default:
      body = (
        <PlaceholderView viewType={viewType} title={viewType.replace(/_/g, ' ')} lines={['DISPLAY MODE NOT AVAILABLE ON THIS TERMINAL']} />
      );
  }
  if (!hasState) showHeader = false;

  return (
    <div className={`terminal terminal-${viewType.toLowerCase()}`} data-view-type={viewType} data-ready={hasState ? 'true' : 'false'}>
      {showHeader && <TerminalHeader viewType={viewType} locationName={locationName} />}
      <main className="terminal-body">{body}</main>
      {/* stays mounted in ENCOUNTER so dismissed portraits can play their exit */}
      {viewType === 'ENCOUNTER' && <PortraitOverlay portraits={portraits} onImageError={onImageError} />}
      {overlayLocation && overlayTerminal && (
        <CommTerminalOverlay
          key={`${overlayLocation}/${overlayTerminal}`}
          locationSlug={overlayLocation}
          terminalSlug={overlayTerminal}
          onProblem={problem('terminal')}
        />
      )}
      {/* the GM's explicit flag; in CHARON_TERMINAL the screen itself is the conversation */}
      {charonDialog && viewType !== 'CHARON_TERMINAL' && <CharonDialog store={store} />}
      <ConnectionToast visible={connectionLost} />
      <ProblemIndicator problems={problems} onClear={() => store.dispatch({ type: 'clear-problems' })} />
      <Scanlines />
    </div>
  );
}
