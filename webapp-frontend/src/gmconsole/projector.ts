import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { ViewBox } from '../encounter/geometry';
import { createThrottle, type MapView } from '../encounter/viewport';
import type { ActiveView } from '../state/types';
import type { Gm } from './gm';
import { useGmView } from './hooks';

/**
 * The GM's projector ("follow me") and legend switches. While the projector is on, every pan and
 * zoom of the GM's map is sent as the terminals' frame: at most one write per
 * PROJECTOR_INTERVAL_MS (each write is a version and an event to every screen), the first at once
 * and the last always, so the TV ends exactly where the GM stopped.
 */
export const PROJECTOR_INTERVAL_MS = 100;

const selectProjectorOn = (v: ActiveView | null) => !!v?.projector;
const selectLegend = (v: ActiveView | null) => v?.legend_visible === true;

/** The map a frame was taken on: sent with it, since the write may overtake a switch sent before it. */
interface Framed {
  rect: ViewBox;
  location_slug: string;
  deck_id: string;
}

/** Hundredths of a map unit are plenty, and keep the body short. */
function body(f: Framed) {
  const r = (n: number) => Math.round(n * 100) / 100;
  const { rect } = f;
  return {
    enabled: true,
    location_slug: f.location_slug,
    deck_id: f.deck_id,
    x: r(rect.x),
    y: r(rect.y),
    width: r(rect.width),
    height: r(rect.height),
  };
}

export interface ProjectorControls {
  on: boolean;
  legend: boolean;
  /** the GM map's onViewChange */
  onViewChange: (key: string, view: MapView, rect: ViewBox) => void;
  toggle: () => void;
  toggleLegend: () => void;
}

/** `slug` and `deckId`: the map the GM's console shows (its frames are of that map). */
export function useProjector(gm: Gm, slug: string, deckId: string): ProjectorControls {
  const map = useRef({ slug, deckId });
  map.current = { slug, deckId };
  const on = useGmView(gm.store, selectProjectorOn);
  const legend = useGmView(gm.store, selectLegend);
  const onRef = useRef(on);
  onRef.current = on;
  const lastFrame = useRef<Framed | null>(null);
  const fail = useCallback(
    (e: unknown) => gm.actions.notify('error', `Projector: ${e instanceof Error ? e.message : String(e)}`),
    [gm],
  );
  const throttle = useMemo(
    () => createThrottle<Framed>(PROJECTOR_INTERVAL_MS, (f) => void gm.actions.send('api/gm/projector/', body(f)).catch(fail)),
    [gm, fail],
  );
  useEffect(() => () => throttle.cancel(), [throttle]);

  const onViewChange = useCallback(
    (_key: string, _view: MapView, rect: ViewBox) => {
      const frame = { rect, location_slug: map.current.slug, deck_id: map.current.deckId };
      lastFrame.current = frame;
      if (onRef.current) throttle.push(frame);
    },
    [throttle],
  );
  const toggle = useCallback(() => {
    throttle.cancel();
    if (onRef.current) {
      void gm.actions.send('api/gm/projector/', { enabled: false }).catch(fail);
    } else if (lastFrame.current) {
      void gm.actions.send('api/gm/projector/', body(lastFrame.current)).catch(fail);
    }
  }, [gm, throttle, fail]);
  const toggleLegend = useCallback(() => {
    void gm.actions.send('api/gm/legend/', { visible: !legend }).catch((e: unknown) =>
      gm.actions.notify('error', `Legend: ${e instanceof Error ? e.message : String(e)}`),
    );
  }, [gm, legend]);
  return useMemo(() => ({ on, legend, onViewChange, toggle, toggleLegend }), [on, legend, onViewChange, toggle, toggleLegend]);
}
