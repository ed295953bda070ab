import { Component, lazy, Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { publishProbe, type BridgeProbe } from './expose';
import { MapDiagram2D } from './MapDiagram2D';
import { drawnKey, type SceneProps } from './sceneProps';
import type { MapStatus } from './selection';
import { webglSupport } from './webgl';

/**
 * The 3D canvas lives in its own chunk (three.js, fiber, drei): loaded only when a map is
 * shown, so the terminal's other views never pay for it.
 */
const BridgeCanvas = lazy(() => import('./scene/BridgeCanvas'));

type Renderer = 'webgl' | '2d';

class SceneBoundary extends Component<{ onError: (e: unknown) => void; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  componentDidCatch(error: unknown) {
    this.props.onError(error);
  }
  render() {
    return this.state.failed ? null : this.props.children;
  }
}

export interface SceneHostProps {
  scene: Omit<SceneProps, 'onReady' | 'onSettled' | 'onFail' | 'onFrames' | 'softwareRenderer'>;
  /** the level's map: loading / ready / missing (404) / error */
  status: MapStatus;
  probe: Omit<BridgeProbe, 'ready' | 'settled' | 'renderer' | 'frames' | 'status'>;
  /** tests and `?bridge=2d`; default: WebGL when the browser has it */
  renderer?: Renderer;
  onProblem?: (message: string) => void;
  /** a location name shown over the scene while it has no data (ENCOUNTER) */
  name?: string;
}

export function SceneHost({ scene, status, probe, renderer: forced, onProblem, name }: SceneHostProps) {
  const [support] = useState(webglSupport);
  const [renderer, setRenderer] = useState<Renderer>(() => forced ?? (support.available ? 'webgl' : '2d'));
  const [readyKey, setReadyKey] = useState<string | null>(null);
  const [settledKey, setSettledKey] = useState<string | null>(null);
  const frames = useRef(0);
  const problem = useRef(onProblem);
  problem.current = onProblem;
  const key = drawnKey(scene.shownKey, scene.selected);
  const ready = status === 'ready' && readyKey === key;
  // the 2D diagram has no camera: drawn is settled
  const settled = ready && (renderer === '2d' || settledKey === key);

  const { mode, tab, level, system, body, station, explore } = probe;
  const current = { mode, tab, level, system, body, station, explore, status, ready, settled, renderer };
  const latest = useRef({ key, probe: current });
  latest.current = { key, probe: current };
  // published from the frame itself (not after another React render): a test sees the moment
  const publishNow = (changes: Partial<BridgeProbe>) => {
    publishProbe({ ...latest.current.probe, frames: frames.current, ...changes });
  };
  const settledRef = useRef<string | null>(null);
  const onReady = useCallback((k: string) => {
    setReadyKey(k);
    const l = latest.current;
    if (k === l.key && l.probe.status === 'ready' && !l.probe.ready) {
      publishNow({ ready: true, settled: l.probe.renderer === '2d' || settledRef.current === k });
    }
  }, []);
  const onSettled = useCallback((k: string) => {
    settledRef.current = k;
    setSettledKey(k);
    const l = latest.current;
    if (k === l.key && l.probe.ready && !l.probe.settled) publishNow({ ready: true, settled: true });
  }, []);
  const onFail = useCallback((reason: string) => {
    problem.current?.(`3D display unavailable: ${reason}`);
    setRenderer('2d');
  }, []);
  const onFrames = useCallback((n: number) => {
    frames.current = n;
    if (typeof window !== 'undefined' && window.__charonBridge) window.__charonBridge.frames = n;
  }, []);

  useEffect(() => {
    publishProbe({ mode, tab, level, system, body, station, explore, status, ready, settled, renderer, frames: frames.current });
  }, [mode, tab, level, system, body, station, explore, status, ready, settled, renderer]);
  useEffect(() => () => publishProbe(null), []);

  const props: SceneProps = { ...scene, softwareRenderer: support.software, onReady, onSettled, onFail, onFrames };
  return (
    <div
      className="bridge-scene"
      data-testid="bridge-scene"
      data-level={level}
      data-system={system ?? ''}
      data-body={body ?? ''}
      data-station={station ?? ''}
      data-status={status}
      data-ready={ready ? 'true' : 'false'}
      data-renderer={renderer}
    >
      {renderer === 'webgl' ? (
        <SceneBoundary onError={(e) => onFail(e instanceof Error ? e.message : String(e))}>
          <Suspense fallback={<SceneMessage lines={['INITIALISING DISPLAY']} cursor />}>
            <BridgeCanvas {...props} />
          </Suspense>
        </SceneBoundary>
      ) : (
        <MapDiagram2D {...props} />
      )}
      {status === 'loading' && <SceneMessage lines={['ACCESSING NAVIGATION DATA']} cursor />}
      {status === 'missing' && <SceneMessage lines={[...(name ? [name.toUpperCase()] : []), 'NO DATA', 'NO CHART ON FILE FOR THIS LOCATION']} />}
      {status === 'error' && <SceneMessage lines={[...(name ? [name.toUpperCase()] : []), 'NAVIGATION DATA UNAVAILABLE']} />}
    </div>
  );
}

function SceneMessage({ lines, cursor = false }: { lines: string[]; cursor?: boolean }) {
  return (
    <div className="bridge-scene-message" role="status">
      {lines.map((l, i) => (
        <div key={i} className={cursor && i === lines.length - 1 ? 'crt-cursor' : undefined}>
          &gt; {l}
        </div>
      ))}
    </div>
  );
}
