import type { BridgeLevel } from '../state/types';
import type { SceneLayouts } from './camera';
import type { OrbitLayout, SystemLayout } from './layout';

/** A level's scene built ahead of the navigation that shows it (hidden until then). */
export type NextScene = { key: string; level: 'system'; layout: SystemLayout } | { key: string; level: 'orbit'; layout: OrbitLayout };

/** What the scene (3D canvas or 2D diagram) is given; shared by the lazy chunk and its host. */
export interface SceneProps {
  level: BridgeLevel;
  layouts: SceneLayouts;
  /** the selected id at this level: a system (galaxy), a body (system), a moon/station/marker (orbit) */
  selected: string | null;
  /** what is drawn (level and map); a new key is "not ready" until it has been drawn */
  shownKey: string;
  /** the players may touch: drag/zoom the camera, click to select */
  interactive: boolean;
  reducedMotion: boolean;
  /** [min, max] camera distance from the map file */
  zoomLimits: [number, number] | null;
  /** the scene a dive from here would show, when its map is loaded (3D: built and compiled ahead) */
  next?: NextScene | null;
  /** WebGL draws on the CPU (SwiftShader, llvmpipe): fewer pixels, no multisampling (webgl.ts) */
  softwareRenderer?: boolean;
  onSelect: (id: string | null) => void;
  /** the first frame showing `drawnKey(shownKey, selected)` has been drawn */
  onReady: (drawnKey: string) => void;
  /** the camera has covered CAMERA_SETTLED_FRACTION of its way to that selection's view */
  onSettled?: (drawnKey: string) => void;
  /** the 3D display cannot work here (no context, context lost): show the 2D diagram */
  onFail: (reason: string) => void;
  /** frames drawn so far (for the browser-test probe; called once per frame) */
  onFrames?: (frames: number) => void;
}

/** What a frame shows: the map (`shownKey`) and the selection within it. */
export function drawnKey(shownKey: string, selected: string | null): string {
  return `${shownKey}|${selected ?? ''}`;
}
