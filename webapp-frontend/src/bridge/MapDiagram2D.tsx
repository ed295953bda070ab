import { useEffect } from 'react';
import { markerLocalPosition, orbitPosition } from './layout';
import { CRT, cssHex } from './palette';
import { drawnKey, type SceneProps } from './sceneProps';
import { clockSeconds } from './time';
import type { Vec3 } from './types';

/**
 * The map without WebGL: a flat diagram of the same level and selection (galaxy seen from
 * its camera side, systems and orbits from above), drawn once per change. Clickable like the
 * 3D scene while the players explore. Names are in the STAR MAP list next to it.
 */
export function MapDiagram2D(props: SceneProps) {
  const { level, layouts, selected, shownKey, onReady, interactive, onSelect } = props;
  const seconds = clockSeconds();
  const drawn = level === 'galaxy' ? !!layouts.galaxy : level === 'system' ? !!layouts.system : !!layouts.orbit;
  useEffect(() => {
    if (drawn) onReady(drawnKey(shownKey, selected));
  }, [drawn, shownKey, selected, onReady]);

  const pick = (id: string) => (interactive ? () => onSelect(id === selected ? null : id) : undefined);
  const sel = (id: string) => id === selected;
  let body = null;
  let extent = 100;

  if (level === 'galaxy' && layouts.galaxy) {
    const g = layouts.galaxy;
    extent = Math.max(g.extent * 1.15, 20);
    const p = (v: Vec3) => ({ x: v[0], y: -v[1] });
    body = (
      <>
        {g.routes.map((r) => (
          <line key={`${r.fromId}-${r.toId}`} x1={p(r.from).x} y1={p(r.from).y} x2={p(r.to).x} y2={p(r.to).y} stroke={cssHex(r.color)} strokeWidth={extent / 300} opacity={0.8} />
        ))}
        {g.stars.map((s) => (
          <g key={s.system.id} data-id={s.system.id} data-selected={sel(s.system.id) || undefined} onClick={pick(s.system.id)} className={interactive ? 'bridge-2d-pick' : undefined}>
            <circle cx={p(s.system.position).x} cy={p(s.system.position).y} r={Math.max(s.system.size, 0.6) * (extent / 90)} fill={cssHex(s.system.color)} />
            {sel(s.system.id) && <circle cx={p(s.system.position).x} cy={p(s.system.position).y} r={extent / 18} fill="none" stroke={cssHex(CRT.amberLight)} strokeWidth={extent / 200} />}
          </g>
        ))}
      </>
    );
  } else if (level === 'system' && layouts.system) {
    const s = layouts.system;
    extent = s.extent * 1.1;
    const w = extent / 250;
    body = (
      <>
        <circle cx={0} cy={0} r={s.map.star.size} fill={cssHex(s.map.star.color)} />
        {s.belts.map((b) => (
          <circle key={b.body.id} data-id={b.body.id} cx={0} cy={0} r={(b.belt.inner + b.belt.outer) / 2} fill="none" stroke={cssHex(b.belt.color)} strokeWidth={b.belt.outer - b.belt.inner} opacity={sel(b.body.id) ? 0.6 : 0.25} onClick={pick(b.body.id)} />
        ))}
        {s.map.orbits.show && s.bodies.map((b) => <circle key={`o-${b.body.id}`} cx={0} cy={0} r={b.orbit.radius} fill="none" stroke={cssHex(s.map.orbits.color)} strokeWidth={w} opacity={s.map.orbits.opacity} />)}
        {s.bodies.map((b) => {
          const p = orbitPosition(b.orbit, b.lapSeconds, seconds);
          const r = Math.max(b.body.size, extent / 120);
          return (
            <g key={b.body.id} data-id={b.body.id} data-selected={sel(b.body.id) || undefined} onClick={pick(b.body.id)} className={interactive ? 'bridge-2d-pick' : undefined}>
              <circle cx={p[0]} cy={p[2]} r={r} fill={cssHex(CRT.teal)} stroke={cssHex(CRT.tealLight)} strokeWidth={w} />
              {sel(b.body.id) && <circle cx={p[0]} cy={p[2]} r={r * 2.2} fill="none" stroke={cssHex(CRT.amberLight)} strokeWidth={w * 2} />}
            </g>
          );
        })}
      </>
    );
  } else if (level === 'orbit' && layouts.orbit) {
    const o = layouts.orbit;
    const R = o.map.planet.size;
    extent = o.extent * 1.1;
    const w = extent / 250;
    body = (
      <>
        {o.map.planet.rings && (
          <circle cx={0} cy={0} r={(o.map.planet.rings.inner + o.map.planet.rings.outer) / 2} fill="none" stroke={cssHex(o.map.planet.rings.color)} strokeWidth={o.map.planet.rings.outer - o.map.planet.rings.inner} opacity={0.35} />
        )}
        <circle cx={0} cy={0} r={R} fill={cssHex(CRT.panel)} stroke={cssHex(CRT.tealBright)} strokeWidth={w * 2} />
        {o.markers.map((m) => {
          const p = markerLocalPosition(m.latitude, m.longitude, R * 0.9);
          return (
            <rect key={m.id} data-id={m.id} data-selected={sel(m.id) || undefined} x={p[0] - R / 20} y={-p[1] - R / 20} width={R / 10} height={R / 10} fill={sel(m.id) ? cssHex(CRT.amberLight) : cssHex(CRT.tealLight)} onClick={pick(m.id)} className={interactive ? 'bridge-2d-pick' : undefined} />
          );
        })}
        {o.orbiting.map((e) => {
          const p = orbitPosition(e.orbit, e.lapSeconds, seconds);
          const r = Math.max(e.element.size, extent / 100);
          const isStation = e.element.kind === 'station';
          return (
            <g key={e.element.id} data-id={e.element.id} data-selected={sel(e.element.id) || undefined} onClick={pick(e.element.id)} className={interactive ? 'bridge-2d-pick' : undefined}>
              <circle cx={0} cy={0} r={e.orbit.radius} fill="none" stroke={cssHex(CRT.teal)} strokeWidth={w} opacity={0.5} />
              {isStation ? (
                <rect x={p[0] - r} y={p[2] - r} width={r * 2} height={r * 2} fill="none" stroke={cssHex(CRT.amberLight)} strokeWidth={w * 2} />
              ) : (
                <circle cx={p[0]} cy={p[2]} r={r} fill={cssHex(CRT.tealBright)} />
              )}
              {sel(e.element.id) && <circle cx={p[0]} cy={p[2]} r={r * 2.5} fill="none" stroke={cssHex(CRT.amberLight)} strokeWidth={w * 2} />}
            </g>
          );
        })}
      </>
    );
  }

  return (
    <div className="bridge-2d" data-testid="bridge-2d">
      <svg className="bridge-2d-svg" viewBox={`${-extent} ${-extent} ${extent * 2} ${extent * 2}`} preserveAspectRatio="xMidYMid meet" role="img" aria-label={`${level} map diagram`}>
        {body}
      </svg>
      <div className="bridge-2d-note">2D DIAGRAM · 3D DISPLAY UNAVAILABLE</div>
    </div>
  );
}
