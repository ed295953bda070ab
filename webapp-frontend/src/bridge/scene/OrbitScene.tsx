import { useFrame } from '@react-three/fiber';
import { useRef } from 'react';
import { AdditiveBlending, DoubleSide, type Group } from 'three';
import { markerLocalPosition, MARKER_LIFT, orbitElementPosition, orbitPosition, type OrbitElementLayout, type OrbitLayout } from '../layout';
import { CRT } from '../palette';
import { clockSeconds, spinAngle } from '../time';
import type { OrbitElement } from '../types';
import { pickHandler, type PickProps } from './GalaxyScene';
import { Reticle, useOptionalTexture, useSurface } from './parts';
import { OrbitLine } from './SystemScene';
import { glowTexture, markerTexture, stationTexture } from './textures';

const DEG = Math.PI / 180;
const SUN_DISTANCE = 200;

/** Planet (turning, tilted, gridded), its rings, sun, moons and stations on orbits, surface markers. */
export function OrbitScene({ layout, selected, interactive, onPick }: PickProps & { layout: OrbitLayout }) {
  const { map } = layout;
  const p = map.planet;
  const spin = useRef<Group>(null);
  useFrame(() => {
    if (spin.current) spin.current.rotation.y = spinAngle(p.spinRadPerSecond, clockSeconds());
  });
  const surface = useSurface(`planet:${map.systemSlug}/${map.bodySlug}`, p.type, p.textureConfig, p.color, p.texture);
  const normal = useOptionalTexture(p.normalMap);
  const ringTex = useOptionalTexture(p.rings?.texture ?? null);
  const sun: [number, number, number] = [layout.sunDirection[0] * SUN_DISTANCE, layout.sunDirection[1] * SUN_DISTANCE, layout.sunDirection[2] * SUN_DISTANCE];
  const selectedEl = [...map.moons, ...map.stations, ...map.markers].find((e) => e.id === selected);
  return (
    <group>
      <ambientLight color={0x778899} intensity={1.4} />
      <directionalLight position={sun} intensity={2.6} color={0xfff4e0} />
      <mesh position={sun}>
        <sphereGeometry args={[5, 24, 12]} />
        <meshBasicMaterial color={0xfff8e0} />
      </mesh>
      <sprite position={sun} scale={[60, 60, 1]}>
        <spriteMaterial map={glowTexture()} color={0xfff0c0} transparent opacity={0.6} depthWrite={false} blending={AdditiveBlending} />
      </sprite>
      <group rotation={[0, 0, p.axialTiltDeg * DEG]}>
        <group ref={spin}>
          <mesh>
            <sphereGeometry args={[p.size, 64, 32]} />
            <meshStandardMaterial map={surface} normalMap={normal ?? undefined} roughness={0.75} metalness={0} />
          </mesh>
          <mesh>
            <sphereGeometry args={[p.size * 1.02, 32, 16]} />
            <meshBasicMaterial color={CRT.tealBright} wireframe transparent opacity={0.18} />
          </mesh>
          {map.markers.map((m) => (
            <Marker key={m.id} marker={m} radius={p.size + MARKER_LIFT} size={Math.max(1.6, p.size * 0.1)} selected={m.id === selected} onClick={pickHandler(interactive, m.id, onPick)} />
          ))}
        </group>
        {p.rings && (
          <mesh rotation={[-Math.PI / 2, 0, 0]}>
            <ringGeometry args={[p.rings.inner, p.rings.outer, 128]} />
            <meshBasicMaterial color={p.rings.color} map={ringTex ?? undefined} transparent opacity={p.rings.opacity} side={DoubleSide} depthWrite={false} />
          </mesh>
        )}
      </group>
      {layout.orbiting.map((o) => (
        <OrbitLine key={`orbit-${o.element.id}`} radius={o.orbit.radius} inclination={o.orbit.inclinationDeg} color={CRT.tealBright} opacity={0.35} />
      ))}
      {layout.orbiting.map((o) =>
        o.element.kind === 'moon' ? (
          <Moon key={o.element.id} item={o} onClick={pickHandler(interactive, o.element.id, onPick)} />
        ) : (
          <Station key={o.element.id} item={o} onClick={pickHandler(interactive, o.element.id, onPick)} />
        ),
      )}
      {selectedEl && <Reticle position={() => orbitElementPosition(layout, selectedEl.id, clockSeconds())} radius={Math.max(selectedEl.kind === 'moon' ? selectedEl.size * 1.3 : 2, 2)} />}
    </group>
  );
}

function useOrbitFollow(item: OrbitElementLayout) {
  const ref = useRef<Group>(null);
  useFrame(() => {
    const pos = orbitPosition(item.orbit, item.lapSeconds, clockSeconds());
    ref.current?.position.set(pos[0], pos[1], pos[2]);
  });
  return ref;
}

function Moon({ item, onClick }: { item: OrbitElementLayout; onClick?: ReturnType<typeof pickHandler> }) {
  const ref = useOrbitFollow(item);
  const e = item.element;
  const map = useSurface(`moon:${e.id}`, 'moon rock', e.textureConfig, e.color, e.texture);
  const normal = useOptionalTexture(e.normalMap);
  return (
    <group ref={ref}>
      <mesh onClick={onClick}>
        <sphereGeometry args={[e.size, 32, 16]} />
        <meshStandardMaterial map={map} normalMap={normal ?? undefined} roughness={0.95} metalness={0} />
      </mesh>
      {onClick && (
        <mesh onClick={onClick} visible={false}>
          <sphereGeometry args={[Math.max(e.size * 1.8, 4), 8, 6]} />
          <meshBasicMaterial />
        </mesh>
      )}
    </group>
  );
}

function Station({ item, onClick }: { item: OrbitElementLayout; onClick?: ReturnType<typeof pickHandler> }) {
  const ref = useOrbitFollow(item);
  const s = Math.max(item.element.size, 1) * 1.6;
  return (
    <group ref={ref}>
      <sprite scale={[s, s, 1]} onClick={onClick}>
        <spriteMaterial map={stationTexture()} transparent depthWrite={false} />
      </sprite>
    </group>
  );
}

function Marker({ marker, radius, size, selected, onClick }: { marker: OrbitElement; radius: number; size: number; selected: boolean; onClick?: ReturnType<typeof pickHandler> }) {
  const pos = markerLocalPosition(marker.latitude, marker.longitude, radius);
  return (
    <group position={pos}>
      <sprite scale={[size, size, 1]} onClick={onClick}>
        <spriteMaterial map={markerTexture()} transparent depthWrite={false} color={selected ? CRT.amberLight : 0xffffff} />
      </sprite>
    </group>
  );
}
