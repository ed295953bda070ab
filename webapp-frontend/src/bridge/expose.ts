import type { BridgeLevel, BridgeTab } from '../state/types';

/**
 * What the BRIDGE shows, for browser tests: `window.__charonBridge` (and the same as data
 * attributes on the scene's wrapper). A new object is published at each of three moments of a
 * navigation, which the benchmark times apart:
 *   1. the pushed state has arrived and rendered: level and selection change, `ready` false;
 *   2. `ready`: the level's map is loaded and the first frame that shows this map with this
 *      selection has been drawn (3D: the frame's render call has returned — the selection's
 *      reticle and label are in it, the camera on its way; 2D: the diagram is in the DOM);
 *   3. `settled`: the camera's flight to the selection has covered 95 % of the way
 *      (CAMERA_SETTLED_FRACTION; a new map's camera jumps, so there it comes with `ready`).
 */
export interface BridgeProbe {
  /** "bridge" on the BRIDGE view, "encounter" for an ENCOUNTER on a system/planet/moon */
  mode: 'bridge' | 'encounter';
  tab: BridgeTab | null;
  level: BridgeLevel;
  system: string | null;
  body: string | null;
  station: string | null;
  status: string;
  ready: boolean;
  settled: boolean;
  renderer: 'webgl' | '2d' | 'none';
  explore: boolean;
  /** frames the 3D canvas has drawn (0 in 2D), updated every frame */
  frames: number;
}

declare global {
  interface Window {
    __charonBridge?: BridgeProbe;
  }
}

export function publishProbe(probe: BridgeProbe | null): void {
  if (typeof window === 'undefined') return;
  if (probe) window.__charonBridge = probe;
  else delete window.__charonBridge;
}
