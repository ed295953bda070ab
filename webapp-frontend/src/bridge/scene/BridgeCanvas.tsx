import { PerformanceMonitor } from '@react-three/drei';
import { addAfterEffect, Canvas, invalidate, useFrame, useThree } from '@react-three/fiber';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { PerspectiveCamera, Vector3, type Group, type Material, type Mesh, type Texture } from 'three';
import { applyUserOrbit, cameraGoal, CAMERA_SETTLED_FRACTION, dampFactor, dragOrbit, lerp3, NO_USER_ORBIT, zoomOrbit, type UserOrbit } from '../camera';
import { sceneLabels, type GalaxyLayout, type OrbitLayout, type SceneLabel, type SystemLayout } from '../layout';
import { drawnKey, type SceneProps } from '../sceneProps';
import { clockSeconds } from '../time';
import type { Vec3 } from '../types';
import { CLICK_SLOP_PIXELS, GalaxyScene, type PickProps } from './GalaxyScene';
import { OrbitScene } from './OrbitScene';
import { Background } from './parts';
import { SystemScene } from './SystemScene';

/**
 * The drawing buffer's pixels per CSS pixel where WebGL runs on the CPU (SwiftShader,
 * llvmpipe: webgl.ts): a quarter of the pixels, and no multisampling. Each frame's cost
 * there is nearly all per pixel (fill, blending, the full-screen clear); at 1920×1080 and
 * full resolution a frame took 90–200 ms on 2 cores. The names stay sharp: they are DOM text.
 */
export const SOFTWARE_DPR = 0.5;
/** The lowest a weak GPU steps down to (PerformanceMonitor), and its step. */
export const MIN_DPR = 0.5;
const DPR_STEP = 0.25;
/** Below this many frames a second (averaged by drei's PerformanceMonitor) the resolution steps down. */
const DECLINE_BELOW_FPS = 30;
/** Above this it steps back up (never above the screen's own ratio, capped at 2). */
const INCLINE_ABOVE_FPS = 55;
/**
 * Level scenes kept built (hidden) after they are left, and the one built ahead: going back
 * to one is a visibility switch, not a new build and a new shader compile (built anew each
 * time, a level change took 3 s at the median in SwiftShader). The campaign's own maps are a
 * few dozen meshes each.
 */
export const SCENES_KEPT = 6;
/**
 * Where WebGL runs on the CPU, frames a second while only the orbits turn (no camera flight, no
 * finger on the screen). Drawn as fast as it could, the canvas would take every core the machine
 * has, and the next GM selection would wait for the server, the page and the frame behind it.
 * While the camera flies or the players touch it, frames come as fast as the renderer goes.
 * At 12 the GM's selection still reached a drawn frame in 155 ms at the 95th percentile on 2
 * cores (7 runs of BridgeBenchmarkIT), at 4 in 137 ms (5 runs): each idle software frame takes
 * both cores for 30–60 ms, and a selection that lands in one waits. The fastest orbit's lap is
 * 20 s (time.ts), so at 4 frames a second it steps 4.5° a frame: visibly stepped, on a
 * fallback only; a GPU draws every frame.
 */
export const SOFTWARE_IDLE_FPS = 4;
/** Full rate this long after a touch, drag or wheel step (software rendering). */
const SOFTWARE_TOUCH_BUSY_MS = 400;

/** What the software pacer reads each animation frame. */
interface Pace {
  /** the camera is still on its way to the selection */
  flying: boolean;
  /** performance.now() until which a touch keeps the full rate */
  busyUntil: number;
}

/**
 * The BRIDGE's one WebGL canvas (the lazily loaded chunk: the only module that pulls in
 * three.js, fiber and drei, with the scene files beside it). The level's scene is swapped
 * inside the same canvas, the camera eases to the goal camera.ts computes for the
 * selection, and — while the players explore — drag, wheel and pinch swing it around.
 * `preserveDrawingBuffer` keeps the last frame readable, so a browser test can see that
 * the canvas is not blank.
 */
export default function BridgeCanvas(props: SceneProps) {
  const { interactive, onSelect, onFail, selected, shownKey, level, layouts, softwareRenderer = false } = props;
  const maxDpr = softwareRenderer ? SOFTWARE_DPR : Math.min(2, Math.max(1, typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1));
  const [dpr, setDpr] = useState(maxDpr);
  const labels = useMemo(() => sceneLabels(level, layouts, selected), [level, layouts, selected]);
  const labelEls = useRef(new Map<string, HTMLDivElement>());
  const user = useRef<UserOrbit>(NO_USER_ORBIT);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const pinch = useRef<number | null>(null);
  /** pixels moved since the last press: a drag that ends over empty space is not a click */
  const moved = useRef(0);
  const pace = useRef<Pace>({ flying: true, busyUntil: 0 });
  const touched = useCallback(() => {
    if (!softwareRenderer) return;
    pace.current.busyUntil = performance.now() + SOFTWARE_TOUCH_BUSY_MS;
    invalidate();
  }, [softwareRenderer]);

  // a new selection or map starts from its own view, not from where the players left it; its
  // first frame is asked for before the browser paints this render (a passive effect would run
  // after that paint, a frame later), whatever the pace
  useLayoutEffect(() => {
    user.current = NO_USER_ORBIT;
    pace.current.flying = true;
    invalidate();
  }, [selected, shownKey]);

  const onPointerDown = useCallback((e: React.PointerEvent) => {
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    touched();
    if (pointers.current.size === 1) moved.current = 0;
    if (pointers.current.size === 2) pinch.current = spread(pointers.current);
  }, []);
  const onPointerMove = useCallback((e: React.PointerEvent) => {
    const prev = pointers.current.get(e.pointerId);
    if (!prev) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    touched();
    moved.current += Math.hypot(e.clientX - prev.x, e.clientY - prev.y);
    if (pointers.current.size >= 2) {
      const d = spread(pointers.current);
      if (pinch.current && d > 0) user.current = zoomOrbit(user.current, pinch.current / d);
      pinch.current = d;
    } else {
      user.current = dragOrbit(user.current, e.clientX - prev.x, e.clientY - prev.y);
    }
  }, [touched]);
  const onPointerUp = useCallback((e: React.PointerEvent) => {
    pointers.current.delete(e.pointerId);
    if (pointers.current.size < 2) pinch.current = null;
  }, []);
  const onWheel = useCallback(
    (e: React.WheelEvent) => {
      user.current = zoomOrbit(user.current, e.deltaY > 0 ? 1.08 : 1 / 1.08);
      touched();
    },
    [touched],
  );

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
        dpr={dpr}
        frameloop={softwareRenderer ? 'demand' : 'always'}
        gl={{ antialias: !softwareRenderer, preserveDrawingBuffer: true, powerPreference: 'high-performance' }}
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
        {/* a weak GPU (a TV's) trades resolution for frames; software rendering starts at its floor */}
        {!softwareRenderer && (
          <PerformanceMonitor
            bounds={() => [DECLINE_BELOW_FPS, INCLINE_ABOVE_FPS]}
            flipflops={3}
            onDecline={() => setDpr((d) => Math.max(MIN_DPR, d - DPR_STEP))}
            onIncline={() => setDpr((d) => Math.min(maxDpr, d + DPR_STEP))}
          />
        )}
        <Background />
        <Scenes {...props} />
        <CameraRig {...props} user={user} pace={pace} />
        {softwareRenderer && <SoftwarePacer pace={pace} />}
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

type KeptScene =
  | { key: string; level: 'galaxy'; layout: GalaxyLayout }
  | { key: string; level: 'system'; layout: SystemLayout }
  | { key: string; level: 'orbit'; layout: OrbitLayout };

/**
 * The level shown, the levels shown before (hidden, up to SCENES_KEPT) and the one a dive
 * from the selection would show (`next`, hidden, its shaders compiled and its textures
 * uploaded while nobody waits). Each scene is keyed by its map, so showing it again reuses
 * its meshes, materials and compiled programs.
 */
function Scenes(props: SceneProps) {
  const { level, layouts, shownKey, next, selected, interactive, onSelect, softwareRenderer = false } = props;
  const kept = useRef(new Map<string, KeptScene>());
  const shown: KeptScene | null =
    level === 'galaxy' && layouts.galaxy
      ? { key: shownKey, level, layout: layouts.galaxy }
      : level === 'system' && layouts.system
        ? { key: shownKey, level, layout: layouts.system }
        : level === 'orbit' && layouts.orbit
          ? { key: shownKey, level, layout: layouts.orbit }
          : null;
  const m = kept.current;
  // most recently wanted last: the map's order is the eviction order
  if (next && m.get(next.key)?.layout !== next.layout) {
    m.delete(next.key);
    m.set(next.key, next);
  }
  if (shown) {
    const had = m.get(shown.key);
    m.delete(shown.key);
    m.set(shown.key, had && had.layout === shown.layout ? had : shown);
  }
  for (const k of m.keys()) {
    if (m.size <= SCENES_KEPT) break;
    if (k !== shown?.key && k !== next?.key) m.delete(k);
  }
  const onPick = useCallback((id: string) => onSelect(id === selected ? null : id), [onSelect, selected]);
  return (
    <>
      {[...m.values()].map((e) => {
        const active = e.key === shown?.key;
        // a hidden scene gets the same props every time: it is not rendered again (memo)
        return (
          <KeptLevel
            key={e.key}
            entry={e}
            active={active}
            selected={active ? selected : null}
            interactive={active && interactive}
            onPick={active ? onPick : NO_PICK}
            lite={softwareRenderer}
          />
        );
      })}
    </>
  );
}

const NO_PICK = () => {};

const KeptLevel = memo(function KeptLevel({ entry: e, active, lite, ...pick }: PickProps & { entry: KeptScene; active: boolean; lite: boolean }) {
  return (
    <KeptGroup active={active}>
      {e.level === 'galaxy' ? (
        <GalaxyScene layout={e.layout} lite={lite} {...pick} />
      ) : e.level === 'system' ? (
        <SystemScene layout={e.layout} {...pick} />
      ) : (
        <OrbitScene layout={e.layout} {...pick} />
      )}
    </KeptGroup>
  );
});

/** A scene's group: visible while it is the level shown; built hidden, it is compiled at once. */
function KeptGroup({ active, children }: { active: boolean; children: React.ReactNode }) {
  const group = useRef<Group>(null);
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    const g = group.current;
    if (!g || active) return; // shown at once: its first frame compiles it
    // lights are gathered from visible objects only: the scene's own, as when it is shown
    g.visible = true;
    try {
      void gl.compileAsync(g, camera).catch(() => {});
    } finally {
      g.visible = false;
    }
    g.traverse((o) => {
      const mat = (o as Mesh).material as (Material & { map?: Texture | null }) | Material[] | undefined;
      for (const x of Array.isArray(mat) ? mat : mat ? [mat] : []) {
        const map = (x as Material & { map?: Texture | null }).map;
        if (map) gl.initTexture(map);
      }
    });
    // once, when built: a scene left and kept needs nothing
  }, []);
  return (
    <group ref={group} visible={active}>
      {children}
    </group>
  );
}

/** The part of a flight left when the software pacer goes back to its idle rate (invisible). */
const FLIGHT_DONE_FRACTION_LEFT = 0.005;

/**
 * Where WebGL runs on the CPU (frameloop "demand"): asks for a frame on every animation frame
 * while the camera flies or a finger moves, else SOFTWARE_IDLE_FPS times a second.
 */
function SoftwarePacer({ pace }: { pace: React.RefObject<Pace> }) {
  const ask = useThree((s) => s.invalidate);
  useEffect(() => {
    let handle = 0;
    let last = -Infinity;
    const tick = (now: number) => {
      handle = requestAnimationFrame(tick);
      const p = pace.current;
      if (p.flying || now < p.busyUntil || now - last >= 1000 / SOFTWARE_IDLE_FPS) {
        last = now;
        ask();
      }
    };
    handle = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(handle);
  }, [ask, pace]);
  return null;
}

/** Eases the camera to camera.ts's goal every frame; follows a moving selection. */
function CameraRig({
  level,
  layouts,
  selected,
  reducedMotion,
  zoomLimits,
  shownKey,
  onSettled,
  user,
  pace,
}: SceneProps & { user: React.RefObject<UserOrbit>; pace: React.RefObject<Pace> }) {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const target = useRef<Vec3>([0, 0, 0]);
  const first = useRef<string | null>(null);
  const lookAt = useRef(new Vector3());
  /** the part of the way to this selection's view still to go (1 at a new selection) */
  const flight = useRef({ key: '', remaining: 1, reported: false });
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
    const key = drawnKey(shownKey, selected);
    const f = flight.current;
    if (f.key !== key) flight.current = { key, remaining: 1, reported: false };
    flight.current.remaining *= 1 - k;
    pace.current.flying = flight.current.remaining > FLIGHT_DONE_FRACTION_LEFT;
    if (!flight.current.reported && flight.current.remaining <= 1 - CAMERA_SETTLED_FRACTION) {
      flight.current.reported = true;
      onSettled?.(key);
    }
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

/**
 * Reports the first frame drawn with this map and selection (after the frame's render call,
 * not before it), and counts frames.
 */
function ReadyProbe({ level, layouts, shownKey, selected, onReady, onFrames }: SceneProps) {
  const has = level === 'galaxy' ? !!layouts.galaxy : level === 'system' ? !!layouts.system : !!layouts.orbit;
  const key = drawnKey(shownKey, selected);
  /** what the frame being drawn shows (set before its render, read after it) */
  const drawing = useRef<string | null>(null);
  const reported = useRef<string | null>(null);
  const frames = useRef(0);
  const report = useRef({ onReady, onFrames });
  report.current = { onReady, onFrames };
  useFrame(() => {
    drawing.current = has ? key : null;
  });
  useEffect(
    () =>
      addAfterEffect(() => {
        frames.current++;
        report.current.onFrames?.(frames.current);
        const k = drawing.current;
        if (k && k !== reported.current) {
          reported.current = k;
          report.current.onReady(k);
        }
      }),
    [],
  );
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
