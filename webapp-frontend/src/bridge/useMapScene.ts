import { useMemo } from 'react';
import type { BridgeMapNav } from '../state/types';
import { parseOrbitMap, parseStarMap, parseSystemMap } from './adapters/maps';
import type { SceneLayouts } from './camera';
import { galaxyLayout, orbitLayout, systemLayout } from './layout';
import { useMapResource, type MapLoader } from './mapLoader';
import { mapPaths, resolveSelection, type LoadedMaps, type MapStatus, type ResolvedSelection } from './selection';

export interface MapScene {
  maps: LoadedMaps;
  layouts: SceneLayouts;
  selection: ResolvedSelection;
  /** the selected id at the level shown */
  selected: string | null;
  shownKey: string;
  status: MapStatus;
  zoomLimits: [number, number] | null;
}

/** The maps a navigation needs (each fetched once), their layouts and what is selected. */
export function useMapScene(nav: BridgeMapNav, loader: MapLoader, onProblem?: (message: string) => void): MapScene {
  const paths = mapPaths(nav);
  const star = useMapResource(loader, paths.star, parseStarMap, onProblem);
  const system = useMapResource(loader, paths.system, parseSystemMap, onProblem);
  const orbit = useMapResource(loader, paths.orbit, parseOrbitMap, onProblem);
  const galaxyL = useMemo(() => (star.data ? galaxyLayout(star.data) : null), [star.data]);
  const systemL = useMemo(() => (system.data ? systemLayout(system.data) : null), [system.data]);
  const orbitL = useMemo(() => (orbit.data ? orbitLayout(orbit.data) : null), [orbit.data]);
  const maps: LoadedMaps = useMemo(() => ({ star, system, orbit }), [star, system, orbit]);
  const layouts: SceneLayouts = useMemo(
    () => ({
      galaxy: galaxyL,
      galaxyCamera: star.data?.camera ?? null,
      system: nav.level === 'galaxy' ? null : systemL,
      orbit: nav.level === 'orbit' ? orbitL : null,
    }),
    [galaxyL, star.data, systemL, orbitL, nav.level],
  );
  const selection = resolveSelection(nav, maps);
  const selected = nav.level === 'galaxy' ? selection.ids.system : nav.level === 'system' ? selection.ids.body : selection.ids.station;
  const shownKey = `${nav.level}:${nav.level === 'galaxy' ? '' : (nav.system ?? '')}:${nav.level === 'orbit' ? (nav.body ?? '') : ''}`;
  const zoomLimits =
    nav.level === 'system' ? (system.data?.camera.zoomLimits ?? null) : nav.level === 'orbit' ? (orbit.data?.camera.zoomLimits ?? null) : null;
  return { maps, layouts, selection, selected, shownKey, status: selection.status, zoomLimits };
}
