import { useEffect, useMemo } from 'react';
import type { BridgeMapNav } from '../state/types';
import { parseOrbitMap, parseStarMap, parseSystemMap } from './adapters/maps';
import type { SceneLayouts } from './camera';
import { galaxyLayout, orbitLayout, systemLayout } from './layout';
import { useMapResource, type MapLoader } from './mapLoader';
import type { NextScene } from './sceneProps';
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
  /** the level a dive from the selection would show, when its map is here: built ahead */
  next: NextScene | null;
}

/** One layout per parsed map (layouts hold the particle buffers: built once, kept). */
function memo<A extends object, R>(build: (a: A) => R): (a: A) => R {
  const cache = new WeakMap<A, R>();
  return (a) => {
    let r = cache.get(a);
    if (r === undefined) cache.set(a, (r = build(a)));
    return r;
  };
}
const galaxyOf = memo(galaxyLayout);
const systemOf = memo(systemLayout);
const orbitOf = memo(orbitLayout);

/** The key of what a scene draws: the level and its map (the selection moves within it). */
export function sceneKey(level: BridgeMapNav['level'], system: string | null, body: string | null): string {
  return `${level}:${level === 'galaxy' ? '' : (system ?? '')}:${level === 'orbit' ? (body ?? '') : ''}`;
}

/** The maps a navigation needs (each fetched once), their layouts and what is selected. */
export function useMapScene(nav: BridgeMapNav, loader: MapLoader, onProblem?: (message: string) => void): MapScene {
  const paths = mapPaths(nav);
  const star = useMapResource(loader, paths.star, parseStarMap, onProblem);
  const system = useMapResource(loader, paths.system, parseSystemMap, onProblem);
  const orbit = useMapResource(loader, paths.orbit, parseOrbitMap, onProblem);
  const galaxyL = star.data ? galaxyOf(star.data) : null;
  const systemL = system.data ? systemOf(system.data) : null;
  const orbitL = orbit.data ? orbitOf(orbit.data) : null;
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
  const shownKey = sceneKey(nav.level, nav.system, nav.body);
  const zoomLimits =
    nav.level === 'system' ? (system.data?.camera.zoomLimits ?? null) : nav.level === 'orbit' ? (orbit.data?.camera.zoomLimits ?? null) : null;

  // the dive the selection offers: its map (fetched once) and scene are ready before the GM takes it
  const nextSystemId = nav.level === 'galaxy' && selection.system?.hasSystemMap ? selection.system.id : null;
  const nextBody = nav.level === 'system' && selection.body?.hasOrbitMap && nav.system ? selection.body : null;
  const nextSystemPath = nextSystemId ? mapPaths({ level: 'system', system: nextSystemId, body: null, station: null }).system : null;
  const nextOrbitPath = nextBody ? mapPaths({ level: 'orbit', system: nav.system, body: nextBody.id, station: null }).orbit : null;
  const nextSystem = useMapResource(loader, nextSystemPath, parseSystemMap);
  const nextOrbit = useMapResource(loader, nextOrbitPath, parseOrbitMap);
  const nextSystemL = nextSystem.data ? systemOf(nextSystem.data) : null;
  const nextOrbitL = nextOrbit.data ? orbitOf(nextOrbit.data) : null;
  const next: NextScene | null = useMemo(() => {
    if (nextSystemId && nextSystemL) return { key: sceneKey('system', nextSystemId, null), level: 'system', layout: nextSystemL };
    if (nextBody && nextOrbitL) return { key: sceneKey('orbit', nav.system, nextBody.id), level: 'orbit', layout: nextOrbitL };
    return null;
  }, [nextSystemId, nextSystemL, nextBody, nextOrbitL, nav.system]);

  usePrefetch(loader, star.data);
  return { maps, layouts, selection, selected, shownKey, status: selection.status, zoomLimits, next };
}

/**
 * Every system map the star map offers, then every orbit map those offer, fetched in the
 * background once the star map is here, so that a navigation to any system or orbit never
 * waits for the network (the fixture's 7 system and 4 orbit maps are a few kB each). This
 * effect runs after the shown level's own (declared first), so its requests go out first.
 */
function usePrefetch(loader: MapLoader, star: ReturnType<typeof parseStarMap> | null) {
  useEffect(() => {
    if (!star) return;
    let live = true;
    const quiet = () => {};
    for (const s of star.systems) {
      if (!s.hasSystemMap) continue;
      const path = mapPaths({ level: 'system', system: s.id, body: null, station: null }).system!;
      loader.load(path).then((raw) => {
        if (!live) return;
        let map;
        try {
          map = parseSystemMap(raw);
        } catch {
          return; // reported when it is shown
        }
        for (const b of map.bodies) {
          if (b.hasOrbitMap) loader.load(mapPaths({ level: 'orbit', system: s.id, body: b.id, station: null }).orbit!).catch(quiet);
        }
      }, quiet);
    }
    return () => {
      live = false;
    };
  }, [loader, star]);
}
