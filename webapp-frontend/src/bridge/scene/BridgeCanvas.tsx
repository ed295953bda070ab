import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { PerspectiveCamera, Vector3 } from 'three';
import { sceneLabels, type SceneLabel } from '../layout';
import { applyUserOrbit, cameraGoal, dampFactor, dragOrbit, lerp3, NO_USER_ORBIT, zoomOrbit, type UserOrbit } from '../camera';
import type { SceneProps } from '../sceneProps';
import { clockSeconds } from '../time';
import type { Vec3 } from '../types';
import { CLICK_SLOP_PIXELS, GalaxyScene } from './GalaxyScene';
import { OrbitScene } from './OrbitScene';
import { Background } from './parts';
import { SystemScene } from './SystemScene';

/**
 * The BRIDGE's one WebGL canvas (the lazily loaded chunk: the only module that pulls in
 * three.js, fiber and drei, with the scene files beside it). The level's scene is swapped
 * inside the same canvas, the camera eases to the goal camera.ts computes for the
 * selection, and — while the players explore — drag, wheel and pinch swing it around.
 * `preserveDrawingBuffer` keeps the last frame readable, so a browser test can see that
 * the canvas is not blank.
 */
export default function BridgeCanvas(props: SceneProps) {
  const { interactive, onSelect, onFail, selected, shownKey, level, layouts } = props;
  const labels = useMemo(() => sceneLabels(level, layouts, selected), [level, layouts, selected]);
  const labelEls = useRef(new Map<string, HTMLDivElement>());
  const user = useRef<UserOrbit>(NO_USER_ORBIT);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const pinch = useRef<number | null>(null);
  /** pixels moved since the last press: a drag that ends over empty space is not a click */
  const moved = useRef(0);

  // a new selection or map starts from its own view, not from where the players left it
  useEffect(() => {
    user.current = NO_USER_ORBIT;
  }, [selected, shownKey]);

  const onPointerDown = useCallback((e: React.PointerEvent) => {
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.current.size === 1) moved.current = 0;
    if (pointers.current.size === 2) pinch.current = spread(pointers.current);
  }, []);
  const onPointerMove = useCallback((e: React.PointerEvent) => {
    const prev = pointers.current.get(e.pointerId);
    if (!prev) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    moved.current += Math.hypot(e.clientX - prev.x, e.clientY - prev.y);
    if (pointers.current.size >= 2) {
      const d = spread(pointers.current);
      if (pinch.current && d > 0) user.current = zoomOrbit(user.current, pinch.current / d);
      pinch.current = d;
    } else {
      user.current = dragOrbit(user.current, e.clientX - prev.x, e.clientY - prev.y);
    }
  }, []);
  const onPointerUp = useCallback((e: React.PointerEvent) => {
    pointers.current.delete(e.pointerId);
    if (pointers.current.size < 2) pinch.current = null;
  }, []);
  const onWheel = useCallback((e: React.WheelEvent) => {
    user.current = zoomOrbit(user.current, e.deltaY > 0 ? 1.08 : 1 / 1.08);
  }, []);

  return (
    <div
      className={`bridge-canvas${interactive ? ' interactive' : ''}`}
      data-testid="bridge-canvas"
      onPointerDown={interactive ? onPointerDown : undefined}
      onPointerMove={interactive ? onPointerMove : undefined}
      onPointerUp={interactive ? onPointerUp : undefined}
      onPointerCancel={interactive ? onPointerUp : undefined}
      onPointerLeave={interactive ? onPointerUp : undefined}
      onWheel={interactive ? onWheel : undefined}
    >
      <Canvas
        dpr={[1, 2]}
        gl={{ antialias: true, preserveDrawingBuffer: true, powerPreference: 'high-performance' }}
        camera={{ fov: 60, near: 0.1, far: 3000, position: [0, 40, 160] }}
        onCreated={({ gl }) => {
          gl.domElement.addEventListener('webglcontextlost', (ev) => {
            ev.preventDefault();
            onFail('WebGL context lost');
          });
        }}
        onPointerMissed={() => {
          if (interactive && selected && moved.current <= CLICK_SLOP_PIXELS) onSelect(null);
        }}
      >
        <color attach="background" args={['#000000']} />
        <Background />
        <Level {...props} />
        <CameraRig {...props} user={user} />
        <ReadyProbe {...props} />
        <LabelProjector labels={labels} elements={labelEls} />
      </Canvas>
      {/* names as DOM text over the canvas: crisp at any size, sized by the screen's CSS */}
      <div className="bridge-labels" aria-hidden="true">
        {labels.map((l) => (
          <div
            key={l.id}
            className={`bridge-label${l.selected ? ' selected' : ''}`}
            ref={(el) => {
              if (el) labelEls.current.set(l.id, el);
              else labelEls.current.delete(l.id);
            }}
          >
            {l.text}
          </div>
        ))}
      </div>
    </div>
  );
}

function spread(m: Map<number, { x: number; y: number }>): number {
  const [a, b] = [...m.values()];
  return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
}

function Level({ level, layouts, selected, interactive, onSelect }: SceneProps) {
  const onPick = useCallback((id: string) => onSelect(id === selected ? null : id), [onSelect, selected]);
  const pick = { selected, interactive, onPick };
  if (level === 'galaxy' && layouts.galaxy) return <GalaxyScene layout={layouts.galaxy} {...pick} />;
  if (level === 'system' && layouts.system) return <SystemScene layout={layouts.system} {...pick} />;
  if (level === 'orbit' && layouts.orbit) return <OrbitScene layout={layouts.orbit} {...pick} />;
  return null;
}

/** Eases the camera to camera.ts's goal every frame; follows a moving selection. */
function CameraRig({ level, layouts, selected, reducedMotion, zoomLimits, shownKey, user }: SceneProps & { user: React.RefObject<UserOrbit> }) {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const target = useRef<Vec3>([0, 0, 0]);
  const first = useRef<string | null>(null);
  const lookAt = useRef(new Vector3());
  useFrame((_, dt) => {
    const seconds = clockSeconds();
    const nav = { level, system: null, body: null, station: null };
    const auto = reducedMotion && level === 'galaxy' ? 0 : seconds; // no slow turn under reduced motion
    let goal = cameraGoal(nav, layouts, selected, level === 'galaxy' && !selected ? auto : seconds);
    if (!goal) return;
    goal = applyUserOrbit(goal, user.current ?? NO_USER_ORBIT, zoomLimits);
    // a new map jumps into place; a new selection within a map is a flight
    const k = first.current !== shownKey ? 1 : dampFactor(Math.min(dt, 0.25), reducedMotion ? 0 : undefined);
    first.current = shownKey;
    const pos = lerp3([camera.position.x, camera.position.y, camera.position.z], goal.position, k);
    target.current = lerp3(target.current, goal.target, k);
    camera.position.set(pos[0], pos[1], pos[2]);
    lookAt.current.set(target.current[0], target.current[1], target.current[2]);
    camera.lookAt(lookAt.current);
    if (Math.abs(camera.fov - goal.fov) > 0.01) {
      camera.fov += (goal.fov - camera.fov) * k;
      camera.updateProjectionMatrix();
    }
  });
  return null;
}

/** Reports "drawn" a few frames after a map's scene is in the canvas, and the frame count. */
function ReadyProbe({ level, layouts, shownKey, onReady, onFrames }: SceneProps) {
  const frames = useRef(0);
  const since = useRef<{ key: string; n: number }>({ key: '', n: 0 });
  const has = level === 'galaxy' ? !!layouts.galaxy : level === 'system' ? !!layouts.system : !!layouts.orbit;
  useFrame(() => {
    frames.current++;
    if (frames.current % 30 === 1) onFrames?.(frames.current);
    if (!has) return;
    if (since.current.key !== shownKey) since.current = { key: shownKey, n: 0 };
    since.current.n++;
    // the third frame: textures uploaded, camera placed
    if (since.current.n === 3) onReady(shownKey);
  });
  return null;
}

/** Places each name label at its anchor's screen position every frame (hidden behind the camera). */
function LabelProjector({ labels, elements }: { labels: SceneLabel[]; elements: React.RefObject<Map<string, HTMLDivElement>> }) {
  const v = useRef(new Vector3());
  useFrame(({ camera, size }) => {
    const seconds = clockSeconds();
    for (const l of labels) {
      const el = elements.current?.get(l.id);
      if (!el) continue;
      const p = l.at(seconds);
      if (!p) {
        el.style.visibility = 'hidden';
        continue;
      }
      v.current.set(p[0], p[1], p[2]).project(camera);
      const visible = v.current.z < 1 && Math.abs(v.current.x) < 1.2 && Math.abs(v.current.y) < 1.2;
      el.style.visibility = visible ? 'visible' : 'hidden';
      if (visible) {
        const x = ((v.current.x + 1) / 2) * size.width;
        const y = ((1 - v.current.y) / 2) * size.height;
        el.style.transform = `translate3d(${x.toFixed(1)}px, ${y.toFixed(1)}px, 0)`;
      }
    }
  });
  return null;
}
