import type { BridgeLevel } from '../state/types';
import type { SceneLayouts } from './camera';

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
  onSelect: (id: string | null) => void;
  /** the map of `shownKey` has been drawn */
  onReady: (shownKey: string) => void;
  /** the 3D display cannot work here (no context, context lost): show the 2D diagram */
  onFail: (reason: string) => void;
  /** frames drawn so far (for the browser-test probe; called rarely) */
  onFrames?: (frames: number) => void;
}
