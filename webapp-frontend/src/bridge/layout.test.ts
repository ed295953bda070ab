import { describe, expect, it } from 'vitest';
import { earthOrbitJson, solSystemJson, starMapJson } from '../test/bridgeFixtures';
import { parseOrbitMap, parseStarMap, parseSystemMap } from './adapters/maps';
import {
  BACKGROUND_STAR_COUNT,
  backgroundStars,
  galaxyCounts,
  galaxyLayout,
  markerLocalPosition,
  markerWorldPosition,
  orbitCounts,
  orbitElementPosition,
  orbitLayout,
  orbitPath,
  orbitPosition,
  sceneLabels,
  systemBodyPosition,
  systemCounts,
  systemLayout,
} from './layout';
import { FASTEST_LAP_SECONDS } from './time';
import type { Vec3 } from './types';

const len = (v: Vec3) => Math.hypot(...v);

describe('galaxy layout', () => {
  it('draws every route, the short ones too (Tau Ceti–Luyten 18.4, Proxima–Ross 19.7)', () => {
    const l = galaxyLayout(parseStarMap(starMapJson()));
    expect(l.routes).toHaveLength(5);
    const short = l.routes.filter((r) => r.length <= 30).map((r) => `${r.fromId}>${r.toId}`);
    expect(short).toEqual(['tau-ceti>luyten-star', 'proxima-centauri>ross-128']);
    expect(l.routes[2].length).toBeCloseTo(18.41, 1);
  });

  it('every system is a star scaled size × 6, the nebula its particles on a shell around its centre', () => {
    const l = galaxyLayout(parseStarMap(starMapJson()));
    expect(l.stars).toHaveLength(7);
    expect(l.stars[0].scale).toBe(15);
    const c = galaxyCounts(l);
    expect(c).toMatchObject({ stars: 7, routes: 5, nebulaParticles: 3500 });
    const p = l.nebulae[0].positions;
    for (let i = 0; i < p.length; i += 3) {
      const r = Math.hypot(p[i], p[i + 1], p[i + 2]);
      expect(r).toBeGreaterThanOrEqual(65 * 0.725 - 1e-3);
      expect(r).toBeLessThanOrEqual(65 * 0.975 + 1e-3);
    }
  });

  it('the background is 5 000 points in the 150–450 shell, the same for the same seed', () => {
    const a = backgroundStars(7);
    expect(a.length / 3).toBe(BACKGROUND_STAR_COUNT);
    for (let i = 0; i < a.length; i += 3) {
      const r = Math.hypot(a[i], a[i + 1], a[i + 2]);
      expect(r).toBeGreaterThanOrEqual(150 - 1e-3);
      expect(r).toBeLessThanOrEqual(450 + 1e-3);
    }
    expect(backgroundStars(7)).toEqual(a);
    expect(backgroundStars(8)).not.toEqual(a);
  });
});

describe('system layout', () => {
  const l = systemLayout(parseSystemMap(solSystemJson()));

  it('puts each body on its orbit radius, the belt apart; no NaN anywhere', () => {
    expect(systemCounts(l)).toMatchObject({ bodies: 4, belts: 1, beltParticles: 3000 });
    for (const b of l.bodies) {
      const p = orbitPosition(b.orbit, b.lapSeconds, 12345.6);
      expect(len(p)).toBeCloseTo(b.orbit.radius, 6);
      expect(p.every(Number.isFinite)).toBe(true);
    }
    const belt = l.belts[0].positions;
    for (let i = 0; i < belt.length; i += 3) {
      const r = Math.hypot(belt[i], belt[i + 2]);
      expect(r).toBeGreaterThanOrEqual(65 - 1e-3);
      expect(r).toBeLessThanOrEqual(80 + 1e-3);
    }
    expect(l.extent).toBe(144);
  });

  it('the fastest body (Mercury, 88 days) laps in 20 s, Earth in 20 × 365/88 s', () => {
    expect(l.shortestPeriodDays).toBe(88);
    expect(l.bodies[0].lapSeconds).toBe(FASTEST_LAP_SECONDS);
    expect(l.bodies[1].lapSeconds).toBeCloseTo((20 * 365) / 88);
    const m0 = systemBodyPosition(l, 'mercury', 0)!;
    const mLap = systemBodyPosition(l, 'mercury', 20)!;
    const mHalf = systemBodyPosition(l, 'mercury', 10)!;
    mLap.forEach((v, i) => expect(v).toBeCloseTo(m0[i], 6));
    mHalf.forEach((v, i) => expect(v).toBeCloseTo(-m0[i], 6));
    expect(systemBodyPosition(l, 'nope', 0)).toBeNull();
  });

  it('an inclined orbit leaves the plane; its path is closed and lies at the radius', () => {
    const mercury = l.bodies[0].orbit; // 7°
    const path = orbitPath(mercury, 64);
    expect(path).toHaveLength(65);
    path[64].forEach((v, i) => expect(v).toBeCloseTo(path[0][i], 9));
    expect(Math.max(...path.map((p) => Math.abs(p[1])))).toBeCloseTo(15 * Math.sin((7 * Math.PI) / 180), 1);
    path.forEach((p) => expect(len(p)).toBeCloseTo(15, 9));
  });
});

describe('orbit layout', () => {
  const l = orbitLayout(parseOrbitMap(earthOrbitJson()));

  it('counts moons, stations and surface markers; the station (90 days) is the fastest at 20 s a lap', () => {
    expect(orbitCounts(l)).toMatchObject({ moons: 1, stations: 1, markers: 2 });
    expect(l.shortestPeriodDays).toBe(90);
    expect(l.orbiting.find((o) => o.element.id === 'luna')!.lapSeconds).toBe(40);
    expect(len(orbitElementPosition(l, 'luna', 3)!)).toBeCloseTo(40, 6);
  });

  it('surface markers sit on the planet (radius + 0.5) and turn with it', () => {
    const m = l.markers[0];
    const a = markerWorldPosition(l, m, 0);
    const b = markerWorldPosition(l, m, 10);
    expect(len(a)).toBeCloseTo(15.5, 6);
    expect(len(b)).toBeCloseTo(15.5, 6);
    expect(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])).toBeGreaterThan(1);
    // latitude 0, longitude 0 faces +x; the north pole is +y
    markerLocalPosition(0, 0, 10).forEach((v, i) => expect(v).toBeCloseTo([10, 0, 0][i], 9));
    markerLocalPosition(90, 0, 10).forEach((v, i) => expect(v).toBeCloseTo([0, 10, 0][i], 9));
  });

  it('puts the sun along −x raised by its declination', () => {
    expect(l.sunDirection).toEqual([-1, 0, 0]);
    const raised = orbitLayout(parseOrbitMap({ planet: { sun_declination: 30 } }));
    expect(raised.sunDirection[1]).toBeCloseTo(0.5);
  });
});

describe('scene labels', () => {
  const star = galaxyLayout(parseStarMap(starMapJson()));
  const sys = systemLayout(parseSystemMap(solSystemJson()));
  const orb = orbitLayout(parseOrbitMap(earthOrbitJson()));
  const layouts = { galaxy: star, system: sys, orbit: orb };

  it('galaxy: the systems the map labels, plus the selected one', () => {
    expect(sceneLabels('galaxy', layouts, null).map((l) => l.text)).toEqual(['SOL', 'PROXIMA CENTAURI', 'TAU CETI', "LUYTEN'S STAR", 'ROSS 128', 'KEPLER-442']);
    const withLv = sceneLabels('galaxy', layouts, 'lv-426');
    expect(withLv.find((l) => l.id === 'lv-426')).toMatchObject({ text: 'LV-426', selected: true });
  });

  it('system and orbit: only the selection, following it as it moves', () => {
    expect(sceneLabels('system', layouts, null)).toEqual([]);
    const earth = sceneLabels('system', layouts, 'earth')[0];
    expect(earth.at(5)).toEqual(systemBodyPosition(sys, 'earth', 5));
    const luna = sceneLabels('orbit', layouts, 'luna')[0];
    expect(luna.text).toBe('LUNA');
    expect(luna.at(3)).toEqual(orbitElementPosition(orb, 'luna', 3));
    expect(sceneLabels('orbit', layouts, 'nope')).toEqual([]);
  });
});
