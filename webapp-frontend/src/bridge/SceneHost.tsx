import { Component, lazy, Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { publishProbe, type BridgeProbe } from './expose';
import { MapDiagram2D } from './MapDiagram2D';
import type { SceneProps } from './sceneProps';
import type { MapStatus } from './selection';
import { webglAvailable } from './webgl';

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
  scene: Omit<SceneProps, 'onReady' | 'onFail' | 'onFrames'>;
  /** the level's map: loading / ready / missing (404) / error */
  status: MapStatus;
  probe: Omit<BridgeProbe, 'ready' | 'renderer' | 'frames' | 'status'>;
  /** tests and `?bridge=2d`; default: WebGL when the browser has it */
  renderer?: Renderer;
  onProblem?: (message: string) => void;
  /** a location name shown over the scene while it has no data (ENCOUNTER) */
  name?: string;
}

export function SceneHost({ scene, status, probe, renderer: forced, onProblem, name }: SceneHostProps) {
  const [renderer, setRenderer] = useState<Renderer>(() => forced ?? (webglAvailable() ? 'webgl' : '2d'));
  const [readyKey, setReadyKey] = useState<string | null>(null);
  const frames = useRef(0);
  const problem = useRef(onProblem);
  problem.current = onProblem;
  const ready = status === 'ready' && readyKey === scene.shownKey;

  const onReady = useCallback((key: string) => setReadyKey(key), []);
  const onFail = useCallback((reason: string) => {
    problem.current?.(`3D display unavailable: ${reason}`);
    setRenderer('2d');
  }, []);
  const onFrames = useCallback((n: number) => {
    frames.current = n;
    if (typeof window !== 'undefined' && window.__charonBridge) window.__charonBridge.frames = n;
  }, []);

  const { mode, tab, level, system, body, station, explore } = probe;
  useEffect(() => {
    publishProbe({ mode, tab, level, system, body, station, explore, status, ready, renderer, frames: frames.current });
  }, [mode, tab, level, system, body, station, explore, status, ready, renderer]);
  useEffect(() => () => publishProbe(null), []);

  const props: SceneProps = { ...scene, onReady, onFail, onFrames };
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
