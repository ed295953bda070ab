import type { BridgeLevel, BridgeTab } from '../state/types';

/**
 * What the BRIDGE shows, for browser tests: `window.__charonBridge` (and the same as data
 * attributes on the scene's wrapper). `ready` turns true once the level's map is loaded and
 * drawn — by the 3D canvas after its first frames, or by the 2D diagram.
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
  renderer: 'webgl' | '2d' | 'none';
  explore: boolean;
  /** frames the 3D canvas has drawn (0 in 2D) */
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
