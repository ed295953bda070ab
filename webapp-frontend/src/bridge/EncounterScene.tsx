import { useMemo } from 'react';
import type { BridgeMapNav } from '../state/types';
import { prefersInstantText } from '../terminal/teletype';
import { parseStarMap, parseSystemMap } from './adapters/maps';
import { createMapLoader, useMapResource, type MapLoader } from './mapLoader';
import { SceneHost } from './SceneHost';
import { encounterNav, encounterWant, mapPaths, moonElementId } from './selection';
import { useMapScene } from './useMapScene';

const NOOP = () => {};

/**
 * ENCOUNTER on a system, planet or moon location (bridge.md §3, without its defects): the
 * same scene as the BRIDGE map, full screen under the typed location name — a system's map,
 * a planet's orbit, a moon selected in its planet's orbit view. Where a map is missing, the
 * next one up is shown (a planet without orbit map: its system, the planet selected); with
 * none at all, NO DATA and the name. No list, no info panel; nothing to touch.
 */
export function EncounterScene({
  locationType,
  locationSlug,
  locationPath,
  locationName,
  loader: given,
  renderer,
  onProblem,
}: {
  locationType: string;
  locationSlug: string;
  locationPath?: string[];
  locationName: string;
  loader?: MapLoader;
  renderer?: 'webgl' | '2d';
  onProblem?: (message: string) => void;
}) {
  const loader = useMemo(() => given ?? createMapLoader(), [given]);
  const want = useMemo(() => encounterWant(locationType, locationSlug, locationPath), [locationType, locationSlug, locationPath]);
  // the system map decides how deep the scene can go; it is fetched once (the loader caches)
  const starRes = useMapResource(loader, 'api/star-map/', parseStarMap, onProblem);
  const systemPath = want ? mapPaths({ level: 'system', system: want.system, body: null, station: null }).system : null;
  const systemRes = useMapResource(loader, systemPath, parseSystemMap, onProblem);
  const base: BridgeMapNav = want
    ? encounterNav(want, starRes.data, systemRes.data, systemRes.status)
    : { level: 'galaxy', system: null, body: null, station: null };
  const scene = useMapScene(base, loader, onProblem);
  // the moon, by its location slug, among its planet's moons
  const nav: BridgeMapNav = base.level === 'orbit' ? { ...base, station: moonElementId(scene.maps.orbit.data, want?.moon ?? null) } : base;
  const selected = base.level === 'orbit' ? nav.station : scene.selected;
  const status = base.level === 'galaxy' && want && systemRes.status === 'loading' ? 'loading' : scene.status;
  return (
    <div className="bridge-encounter" data-testid="encounter-scene" data-location={locationSlug} data-location-name={locationName}>
      <SceneHost
        renderer={renderer}
        status={want ? status : 'missing'}
        name={locationName || locationSlug}
        onProblem={onProblem}
        scene={{
          level: nav.level,
          layouts: scene.layouts,
          selected,
          shownKey: scene.shownKey,
          interactive: false,
          reducedMotion: prefersInstantText(),
          zoomLimits: scene.zoomLimits,
          onSelect: NOOP,
        }}
        probe={{ mode: 'encounter', tab: null, explore: false, level: nav.level, system: nav.system, body: nav.body, station: selected }}
      />
    </div>
  );
}
