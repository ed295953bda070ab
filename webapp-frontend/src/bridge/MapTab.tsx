import { useCallback } from 'react';
import type { BridgeMapNav, BridgeTab } from '../state/types';
import { prefersInstantText } from '../terminal/teletype';
import { infoFor } from './info';
import { InfoPanel } from './InfoPanel';
import type { MapLoader } from './mapLoader';
import { back, enterOrbit, enterSystem, selectBody, selectStation, selectSystem, type NavRequest } from './nav';
import { SceneHost } from './SceneHost';
import { listModel } from './selection';
import { StarMapPanel } from './StarMapPanel';
import { useMapScene } from './useMapScene';

/**
 * MAP tab: the scene (one canvas for the three levels, or the 2D diagram), the STAR MAP list
 * on the left, the info panel on the right. Everything follows the pushed `bridge_map`; the
 * players' touches become navigation requests only while the GM lets them explore.
 */
export function MapTab({
  nav,
  tab,
  explore,
  loader,
  onNavigate,
  onProblem,
  renderer,
}: {
  nav: BridgeMapNav;
  tab: BridgeTab;
  explore: boolean;
  loader: MapLoader;
  onNavigate: (r: NavRequest) => void;
  onProblem?: (message: string) => void;
  renderer?: 'webgl' | '2d';
}) {
  const scene = useMapScene(nav, loader, onProblem);
  const model = listModel(nav, scene.maps);
  const info = infoFor(nav, scene.maps);
  const showInfo = nav.level !== 'galaxy' || !!scene.selection.system;

  const onSelect = useCallback(
    (id: string | null) => {
      if (nav.level === 'galaxy') onNavigate(selectSystem(id));
      else if (nav.level === 'system' && nav.system) onNavigate(selectBody(nav.system, id));
      else if (nav.level === 'orbit' && nav.system && nav.body) onNavigate(selectStation(nav.system, nav.body, id));
    },
    [nav.level, nav.system, nav.body, onNavigate],
  );
  const onEnter = (id: string) => {
    if (nav.level === 'galaxy') onNavigate(enterSystem(id));
    else if (nav.level === 'system' && nav.system) onNavigate(enterOrbit(nav.system, id));
  };
  const onBack = () => {
    const r = back(nav);
    if (r) onNavigate(r);
  };

  return (
    <div className="bridge-map" data-testid="bridge-map">
      <SceneHost
        renderer={renderer}
        status={scene.status}
        onProblem={onProblem}
        scene={{
          level: nav.level,
          layouts: scene.layouts,
          selected: scene.selected,
          shownKey: scene.shownKey,
          interactive: explore,
          reducedMotion: prefersInstantText(),
          zoomLimits: scene.zoomLimits,
          next: scene.next,
          onSelect,
        }}
        probe={{ mode: 'bridge', tab, explore, level: nav.level, ...scene.selection.ids }}
      />
      <StarMapPanel model={model} interactive={explore} onRow={(id, selected) => onSelect(selected ? null : id)} onEnter={onEnter} onBack={onBack} />
      {showInfo && <InfoPanel model={info} />}
    </div>
  );
}
