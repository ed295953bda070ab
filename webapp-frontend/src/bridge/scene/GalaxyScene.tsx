import { Line } from '@react-three/drei';
import { useFrame, type ThreeEvent } from '@react-three/fiber';
import { useRef } from 'react';
import { AdditiveBlending, type Sprite } from 'three';
import type { GalaxyLayout, GalaxyStar } from '../layout';
import { mixColor } from '../palette';
import { Particles, Reticle } from './parts';
import { starTexture } from './textures';

/**
 * Thousands of additive particles add up: at the file's opacity the cloud drowns the stars
 * behind it. These keep it a haze (the original drew each sprite at 0.3–1.0 of it, smaller).
 */
const NEBULA_OPACITY_FACTOR = 0.5;
const NEBULA_SIZE_FACTOR = 0.8;
/**
 * With a software renderer (webgl.ts) a nebula is drawn with this part of its particles.
 * The Veil's 3,500 additive sprites, tens of pixels wide each, made the galaxy the slowest
 * level by far: 2.8 frames a second at 1920×1080 in SwiftShader at half resolution, 9.9
 * with a quarter of them (the system level: 22).
 */
export const SOFTWARE_NEBULA_FRACTION = 0.25;

/** How far a click may move before it is a drag (pixels). */
export const CLICK_SLOP_PIXELS = 6;

export interface PickProps {
  selected: string | null;
  interactive: boolean;
  onPick: (id: string) => void;
}

export function pickHandler(interactive: boolean, id: string, onPick: (id: string) => void) {
  if (!interactive) return undefined;
  return (e: ThreeEvent<MouseEvent>) => {
    if (e.delta > CLICK_SLOP_PIXELS) return;
    e.stopPropagation();
    onPick(id);
  };
}

/** Stars, every route, the nebulae (names: the canvas's label layer). */
export function GalaxyScene({ layout, selected, interactive, onPick, lite = false }: PickProps & { layout: GalaxyLayout; lite?: boolean }) {
  const sel = layout.stars.find((s) => s.system.id === selected);
  return (
    <group>
      <ambientLight color={0x222244} intensity={0.3} />
      {layout.nebulae.map((n, i) => (
        <Particles
          key={`${n.nebula.name}-${i}`}
          positions={n.positions}
          color={n.nebula.color}
          size={n.particleSize * NEBULA_SIZE_FACTOR}
          opacity={n.nebula.opacity * NEBULA_OPACITY_FACTOR}
          pulse={n.nebula.type === 'emission' ? 0.15 : n.nebula.type === 'reflection' ? 0.08 : 0}
          fraction={lite ? SOFTWARE_NEBULA_FRACTION : 1}
        />
      ))}
      {layout.routes.map((r) => (
        <Line key={`${r.fromId}>${r.toId}`} points={[r.from, r.to]} color={r.color} lineWidth={2} transparent opacity={0.75} />
      ))}
      {layout.stars.map((s) => (
        <StarSprite key={s.system.id} star={s} selected={s.system.id === selected} onClick={pickHandler(interactive, s.system.id, onPick)} />
      ))}
      {sel && <Reticle position={() => sel.system.position} radius={Math.max(4, sel.scale * 0.45)} />}
    </group>
  );
}

function StarSprite({ star, selected, onClick }: { star: GalaxyStar; selected: boolean; onClick?: (e: ThreeEvent<MouseEvent>) => void }) {
  const ref = useRef<Sprite>(null);
  const phase = star.system.position[0] * 0.37 + star.system.position[1] * 0.11;
  useFrame(({ clock }) => {
    const m = ref.current?.material;
    if (m) m.opacity = 0.9 + (selected ? 0.2 : 0.1) * Math.sin(clock.elapsedTime * 1.3 + phase);
  });
  const s = star.system;
  // the system's own colour, lifted toward white so every star reads as a star
  const color = mixColor(s.color, 0xffffff, 0.35);
  return (
    <sprite ref={ref} position={s.position} scale={[star.scale, star.scale, 1]} onClick={onClick}>
      <spriteMaterial map={starTexture()} color={color} transparent depthWrite={false} blending={AdditiveBlending} />
    </sprite>
  );
}
