import { describe, expect, it } from 'vitest';
import { earthOrbitJson, solSystemJson, starMapJson } from '../../test/bridgeFixtures';
import { color, parseOrbitMap, parseStarMap, parseSystemMap, slugOf } from './maps';

describe('star map adapter', () => {
  it('keeps every system with its id, flags and info, and joins routes by id, slug or name', () => {
    const m = parseStarMap(starMapJson());
    expect(m.systems.map((s) => s.id)).toEqual(['sol', 'proxima-centauri', 'tau-ceti', 'luyten-star', 'ross-128', 'kepler-442', 'lv-426']);
    expect(m.systems[0]).toMatchObject({ name: 'Sol', slug: 'sol', hasSystemMap: true, label: true, info: { population: '~8 billion' } });
    expect(m.systems.find((s) => s.id === 'kepler-442')!.hasSystemMap).toBe(false);
    expect(m.routes).toHaveLength(5);
    expect(m.routes[4]).toMatchObject({ fromId: 'tau-ceti', toId: 'kepler-442' }); // joined by name
    expect(m.nebulae[0]).toMatchObject({ particleCount: 3500, type: 'emission', opacity: 0.14 });
    expect(m.camera).toEqual({ position: [0, 0, 100], lookAt: [0, 0, 0], fov: 75, zoomLimits: null });
  });

  it('defaults what is missing and drops what cannot be drawn', () => {
    const m = parseStarMap({
      systems: [{ name: 'A' }, { name: 'A', position: [1, 'x', 3] }, { position: [5, 5, 5] }, 'junk'],
      routes: [{ from: 'A', to: 'Nowhere' }, { from: 'A', to: 'A' }, { from: 'A', to_id: 'a-2' }],
      nebulae: [{ particle_count: 1e9 }],
    });
    expect(m.systems.map((s) => s.id)).toEqual(['a', 'a-2', 'system-3']);
    expect(m.systems[1].position).toEqual([0, 0, 0]);
    expect(m.systems[0]).toMatchObject({ size: 1, color: 0xffffff, hasSystemMap: false });
    expect(m.routes).toEqual([expect.objectContaining({ fromId: 'a', toId: 'a-2', color: 0x5a7a9a })]);
    expect(m.nebulae[0].particleCount).toBe(20000);
    expect(parseStarMap(null)).toEqual({ systems: [], routes: [], nebulae: [], camera: { position: null, lookAt: [0, 0, 0], fov: null, zoomLimits: null } });
  });

  it('reads colours as integers, #rrggbb or 0xrrggbb, and slugs names like the server', () => {
    expect(color(0x5aaa9a, 0)).toBe(0x5aaa9a);
    expect(color('#ff8800', 0)).toBe(0xff8800);
    expect(color('0xFF8800', 0)).toBe(0xff8800);
    expect(color('red', 7)).toBe(7);
    expect(color(-1, 7)).toBe(7);
    expect(slugOf("Luyten's Star")).toBe('luyten-s-star');
  });
});

describe('system map adapter', () => {
  it('reads bodies with orbits, counts (moons apart) and rings; an asteroid belt becomes a belt, never a NaN orbit', () => {
    const m = parseSystemMap(solSystemJson());
    expect(m.systemSlug).toBe('sol');
    expect(m.bodies.map((b) => b.id)).toEqual(['mercury', 'earth', 'mars', 'main-belt', 'saturn']);
    const earth = m.bodies[1];
    expect(earth).toMatchObject({ hasOrbitMap: true, surfaceFacilityCount: 2, moonCount: 1, orbit: { radius: 40, periodDays: 365, angleDeg: 90, inclinationDeg: 0 } });
    const belt = m.bodies[3];
    expect(belt.orbit).toBeNull();
    expect(belt.belt).toEqual({ inner: 65, outer: 80, particleCount: 3000, color: 0x8b7355, opacity: 0.4 });
    expect(m.bodies[4].rings).toEqual({ inner: 4.2, outer: 5.8, color: 0xe6c9a8, opacity: 0.8 });
    expect(m.star).toMatchObject({ name: 'Sol', size: 4.5, lightColor: 0xfff8dc, coronaIntensity: 0.8 });
    expect(m.orbits).toEqual({ show: true, color: 0x5a7a7a, opacity: 0.45 });
    expect(m.camera.zoomLimits).toEqual([60, 300]);
  });

  it('defaults period, angle, inclination and size; skips a body with neither orbit nor belt', () => {
    const m = parseSystemMap({ bodies: [{ name: 'X', orbital_radius: 10 }, { name: 'Lost' }, { name: 'Y', orbital_radius: 20, orbital_period: -3 }] });
    expect(m.bodies.map((b) => b.name)).toEqual(['X', 'Y']);
    expect(m.bodies[0].orbit).toEqual({ radius: 10, periodDays: 365, angleDeg: 0, inclinationDeg: 0 });
    expect(m.bodies[1].orbit!.periodDays).toBe(365);
    expect(m.star).toMatchObject({ size: 4, color: 0xffffaa, coronaIntensity: 1.5 });
  });
});

describe('orbit map adapter', () => {
  it('reads planet, moons, stations and markers with one id space; the spin becomes rad/s', () => {
    const m = parseOrbitMap(earthOrbitJson());
    expect(m.planet).toMatchObject({ name: 'Earth', size: 15, texture: null, axialTiltDeg: 23.5 });
    expect(m.planet.spinRadPerSecond).toBeCloseTo(0.12);
    expect(m.planet.textureConfig).toMatchObject({ type: 'terrestrial_oceanic', primary: 0x4682b4, clouds: true });
    expect(m.moons[0]).toMatchObject({ id: 'luna', kind: 'moon', hasFacilities: true, orbit: { radius: 40, periodDays: 180 } });
    expect(m.stations[0]).toMatchObject({ id: 'gateway-station', kind: 'station', iconType: 'station' });
    expect(m.markers.map((x) => [x.id, x.orbit])).toEqual([
      ['research-base-alpha', null],
      ['uscss-morrigan', null],
    ]);
  });

  it('honours a served texture path and otherwise leaves it null; ids stay unique across the lists', () => {
    const m = parseOrbitMap({
      planet: { texture: '/campaign-files/textures/a.png', rings: { inner_radius: 22, outer_radius: 36 } },
      moons: [{ name: 'Dup' }],
      orbital_stations: [{ name: 'Dup' }],
      surface_markers: [{ name: 'Dup', latitude: 120 }],
    });
    expect(m.planet.texture).toBe('/campaign-files/textures/a.png');
    expect(m.planet.size).toBe(15);
    expect(m.planet.rings).toMatchObject({ inner: 22, outer: 36, color: 0xd2b48c, opacity: 0.6, texture: null });
    expect([...m.moons, ...m.stations, ...m.markers].map((e) => e.id)).toEqual(['dup', 'dup-2', 'dup-3']);
    expect(m.markers[0].latitude).toBe(90);
  });
});
