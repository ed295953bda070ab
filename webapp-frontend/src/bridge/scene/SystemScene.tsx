import { Line } from '@react-three/drei';
import { useFrame } from '@react-three/fiber';
import { useMemo, useRef } from 'react';
import { AdditiveBlending, DoubleSide, type Group } from 'three';
import { orbitPath, orbitPosition, systemBodyPosition, type SystemBodyLayout, type SystemLayout } from '../layout';
import { CRT } from '../palette';
import { clockSeconds } from '../time';
import { pickHandler, type PickProps } from './GalaxyScene';
import { Particles, Reticle, useSurface } from './parts';
import { glowTexture } from './textures';

/** Star, orbits, bodies on their orbits (time.ts), rings, asteroid belts, structures. */
export function SystemScene({ layout, selected, interactive, onPick }: PickProps & { layout: SystemLayout }) {
  const { map } = layout;
  const selBody = map.bodies.find((b) => b.id === selected);
  return (
    <group>
      <ambientLight color={0x445566} intensity={1.2} />
      <pointLight color={map.star.lightColor} intensity={Math.max(0.5, map.star.coronaIntensity) * 2.5} distance={0} decay={0} />
      <mesh>
        <sphereGeometry args={[map.star.size, 48, 24]} />
        <meshBasicMaterial color={map.star.color} />
      </mesh>
      <sprite scale={[map.star.size * 5, map.star.size * 5, 1]}>
        <spriteMaterial map={glowTexture()} color={map.star.color} transparent opacity={0.5} depthWrite={false} blending={AdditiveBlending} />
      </sprite>
      {map.orbits.show &&
        layout.bodies.map((b) => <OrbitLine key={`orbit-${b.body.id}`} radius={b.orbit.radius} inclination={b.orbit.inclinationDeg} color={map.orbits.color} opacity={map.orbits.opacity} />)}
      {layout.bodies.map((b) => (
        <Body key={b.body.id} item={b} onClick={pickHandler(interactive, b.body.id, onPick)} />
      ))}
      {layout.belts.map((b) => (
        <group key={b.body.id}>
          <Particles positions={b.positions} color={b.belt.color} size={Math.max(0.4, (b.belt.outer - b.belt.inner) / 40)} opacity={Math.min(1, b.belt.opacity * (b.body.id === selected ? 2 : 1.4))} />
        </group>
      ))}
      {map.structures.map((s) => (
        <mesh key={s.id} position={s.position}>
          <octahedronGeometry args={[Math.max(s.size, 0.4), 0]} />
          <meshBasicMaterial color={CRT.amberLight} wireframe />
        </mesh>
      ))}
      {selBody && selBody.orbit && (
        <Reticle position={() => systemBodyPosition(layout, selBody.id, clockSeconds())} radius={Math.max(selBody.size * 1.35, 2)} />
      )}
    </group>
  );
}

export function OrbitLine({ radius, inclination, color, opacity }: { radius: number; inclination: number; color: number; opacity: number }) {
  const points = useMemo(() => orbitPath({ radius, inclinationDeg: inclination }, 128), [radius, inclination]);
  return <Line points={points} color={color} lineWidth={1} transparent opacity={opacity} />;
}

function Body({ item, onClick }: { item: SystemBodyLayout; onClick?: ReturnType<typeof pickHandler> }) {
  const group = useRef<Group>(null);
  const { body } = item;
  const map = useSurface(`body:${body.id}`, body.type, null, body.color, null);
  useFrame(() => {
    const p = orbitPosition(item.orbit, item.lapSeconds, clockSeconds());
    group.current?.position.set(p[0], p[1], p[2]);
  });
  return (
    <group ref={group}>
      <mesh onClick={onClick}>
        <sphereGeometry args={[body.size, 32, 16]} />
        <meshStandardMaterial map={map} roughness={0.9} metalness={0} emissive={CRT.teal} emissiveIntensity={0.08} />
      </mesh>
      {/* a larger invisible target: small planets are hard to hit with a finger */}
      {onClick && (
        <mesh onClick={onClick} visible={false}>
          <sphereGeometry args={[Math.max(body.size * 2, 4), 8, 6]} />
          <meshBasicMaterial />
        </mesh>
      )}
      {body.rings && (
        <mesh rotation={[-Math.PI / 2 + 0.35, 0, 0]}>
          <ringGeometry args={[body.rings.inner, body.rings.outer, 64]} />
          <meshBasicMaterial color={body.rings.color} transparent opacity={body.rings.opacity * 0.6} side={DoubleSide} depthWrite={false} />
        </mesh>
      )}
    </group>
  );
}
