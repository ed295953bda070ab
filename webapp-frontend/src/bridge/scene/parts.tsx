import { Billboard } from '@react-three/drei';
import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef, useState } from 'react';
import { AdditiveBlending, BufferAttribute, BufferGeometry, Color, SRGBColorSpace, TextureLoader, type Group, type Points, type PointsMaterial, type Texture } from 'three';
import { resourceUrl } from '../../api/http';
import { backgroundStars } from '../layout';
import { CRT, sphereTones } from '../palette';
import type { TextureConfig, Vec3 } from '../types';
import { glowTexture, surfaceFamily, surfaceTexture } from './textures';

/** A points geometry from a flat position buffer (instanced points: one draw call). */
export function usePointsGeometry(positions: Float32Array): BufferGeometry {
  const geometry = useMemo(() => {
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(positions, 3));
    g.computeBoundingSphere();
    return g;
  }, [positions]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  return geometry;
}

/** The 5 000 background stars, one draw call, twinkling a little as a whole. */
export function Background() {
  const positions = useMemo(() => backgroundStars(1), []);
  const geometry = usePointsGeometry(positions);
  const mat = useRef<PointsMaterial>(null);
  useFrame(({ clock }) => {
    if (mat.current) mat.current.opacity = 0.6 + 0.1 * Math.sin(clock.elapsedTime * 0.7);
  });
  return (
    <points geometry={geometry} frustumCulled={false}>
      <pointsMaterial ref={mat} size={2.2} sizeAttenuation color={CRT.grey} map={glowTexture()} transparent opacity={0.6} depthWrite={false} blending={AdditiveBlending} />
    </points>
  );
}

/**
 * Instanced particles (nebulae, belts) in one colour. `fraction` < 1 draws only that part of
 * them (the positions are random, so any prefix is an even sample), each more opaque by as
 * much: the same brightness on average for a fraction of the pixels blended.
 */
export function Particles({ positions, color, size, opacity: full, pulse = 0, fraction = 1 }: { positions: Float32Array; color: number; size: number; opacity: number; pulse?: number; fraction?: number }) {
  const geometry = usePointsGeometry(positions);
  const ref = useRef<Points>(null);
  const mat = useRef<PointsMaterial>(null);
  const total = positions.length / 3;
  const count = fraction >= 1 ? total : Math.max(1, Math.round(total * fraction));
  const opacity = Math.min(1, (full * total) / count);
  useEffect(() => {
    geometry.setDrawRange(0, count);
  }, [geometry, count]);
  useFrame(({ clock }) => {
    if (pulse && mat.current) mat.current.opacity = opacity * (1 + pulse * Math.sin(clock.elapsedTime * 0.5));
  });
  return (
    <points ref={ref} geometry={geometry}>
      <pointsMaterial ref={mat} size={size} sizeAttenuation color={color} map={glowTexture()} transparent opacity={opacity} depthWrite={false} blending={AdditiveBlending} />
    </points>
  );
}

/**
 * A texture the campaign provides, else null: loaded without Suspense, so a missing or
 * broken file leaves the procedural surface in place (the original's canvas crashed).
 */
export function useOptionalTexture(url: string | null): Texture | null {
  const [tex, setTex] = useState<{ url: string; tex: Texture } | null>(null);
  useEffect(() => {
    if (!url) return;
    let live = true;
    let loaded: Texture | null = null;
    new TextureLoader().load(
      resourceUrl(url),
      (t) => {
        loaded = t;
        if (!live) {
          t.dispose();
          return;
        }
        t.colorSpace = SRGBColorSpace;
        setTex({ url, tex: t });
      },
      undefined,
      () => {
        if (live) setTex(null);
      },
    );
    return () => {
      live = false;
      loaded?.dispose();
    };
  }, [url]);
  return url && tex && tex.url === url ? tex.tex : null;
}

/** The colour map of a sphere: the campaign's image when served and loaded, else procedural. */
export function useSurface(key: string, type: string, config: TextureConfig | null, own: number | null, url: string | null): Texture {
  const file = useOptionalTexture(url);
  const procedural = useMemo(() => surfaceTexture(key, surfaceFamily(type, config), sphereTones(type, config, own), config?.noiseScale ?? 2), [key, type, config, own]);
  return file ?? procedural;
}

/**
 * The selection reticle: two amber rings facing the camera, turning at different speeds,
 * around whatever `position()` says each frame (so it follows a moving body).
 */
export function Reticle({ position, radius }: { position: () => Vec3 | null; radius: number }) {
  const group = useRef<Group>(null);
  const a = useRef<Group>(null);
  const b = useRef<Group>(null);
  useFrame(({ clock }) => {
    const p = position();
    if (!group.current) return;
    group.current.visible = !!p;
    if (p) group.current.position.set(p[0], p[1], p[2]);
    const t = clock.elapsedTime;
    if (a.current) a.current.rotation.z = t * 0.9;
    if (b.current) b.current.rotation.z = -t * 0.45;
  });
  const color = useMemo(() => new Color(CRT.amberLight), []);
  return (
    <group ref={group}>
      <Billboard>
        <group ref={a}>
          <mesh>
            <ringGeometry args={[radius * 1.0, radius * 1.06, 48, 1, 0, Math.PI * 1.6]} />
            <meshBasicMaterial color={color} transparent opacity={0.9} depthWrite={false} />
          </mesh>
        </group>
        <group ref={b}>
          <mesh>
            <ringGeometry args={[radius * 1.22, radius * 1.26, 48, 1, 0, Math.PI * 0.8]} />
            <meshBasicMaterial color={color} transparent opacity={0.7} depthWrite={false} />
          </mesh>
        </group>
      </Billboard>
    </group>
  );
}
