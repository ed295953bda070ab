import { describe, expect, it } from 'vitest';
import { earthOrbitJson, solSystemJson, starMapJson } from '../test/bridgeFixtures';
import { parseOrbitMap, parseStarMap, parseSystemMap } from './adapters/maps';
import { applyUserOrbit, dampFactor, dragOrbit, galaxyGoal, lerp3, NO_USER_ORBIT, orbitGoal, systemGoal, zoomOrbit } from './camera';
import { galaxyLayout, orbitElementPosition, orbitLayout, systemBodyPosition, systemLayout } from './layout';
import type { Vec3 } from './types';

const dist = (a: Vec3, b: Vec3) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('camera goals', () => {
  const star = parseStarMap(starMapJson());
  const galaxy = galaxyLayout(star);

  it('galaxy, nothing selected: the file camera turning slowly around its target by the clock', () => {
    const a = galaxyGoal(galaxy, star.camera, null, 0);
    const b = galaxyGoal(galaxy, star.camera, null, 10);
    expect(a.position).toEqual([0, 0, 100]);
    expect(a.fov).toBe(75);
    expect(dist(b.position, [0, 0, 0])).toBeCloseTo(100, 6);
    expect(dist(a.position, b.position)).toBeGreaterThan(50); // 1.2 rad in 10 s
  });

  it('galaxy, a system selected: 80 units out horizontally and 30 up, looking at the star; still', () => {
    const g = galaxyGoal(galaxy, star.camera, 'tau-ceti', 0);
    expect(g.target).toEqual([-35, 45, 5]);
    expect(g.position).toEqual([-35, 75, 85]);
    expect(galaxyGoal(galaxy, star.camera, 'tau-ceti', 99)).toEqual(g);
    // an unknown id is no selection
    expect(galaxyGoal(galaxy, star.camera, 'nope', 0).target).toEqual([0, 0, 0]);
  });

  it('system: the file camera, or following the selected body as it moves', () => {
    const l = systemLayout(parseSystemMap(solSystemJson()));
    expect(systemGoal(l, null, 5).position).toEqual([0, 127, 127]);
    for (const t of [0, 7, 13]) {
      const g = systemGoal(l, 'earth', t);
      expect(g.target).toEqual(systemBodyPosition(l, 'earth', t));
      expect(dist(g.position, g.target)).toBeGreaterThan(10);
    }
    expect(systemGoal(l, 'main-belt', 0).target).toEqual([0, 0, 0]);
  });

  it('orbit: following a moon; above a surface marker', () => {
    const l = orbitLayout(parseOrbitMap(earthOrbitJson()));
    const g = orbitGoal(l, 'luna', 4);
    expect(g.target).toEqual(orbitElementPosition(l, 'luna', 4));
    const m = orbitGoal(l, 'research-base-alpha', 4);
    const out = Math.hypot(...m.position);
    expect(out).toBeCloseTo(15 + 25, 6);
    expect(dist(m.target, [0, 0, 0])).toBeCloseTo(15.5, 6);
  });
});

describe('easing and the players\' orbit', () => {
  it('easing is frame-rate independent: two half frames cover what one full frame does', () => {
    const one = dampFactor(1 / 30);
    const half = dampFactor(1 / 60);
    expect(1 - (1 - half) * (1 - half)).toBeCloseTo(one, 12);
    expect(dampFactor(0.1, 0)).toBe(1); // reduced motion: jump
    expect(lerp3([0, 0, 0], [10, 20, 30], 0.5)).toEqual([5, 10, 15]);
  });

  it('drag swings around the target at the same distance, the polar angle clamped; zoom scales within limits', () => {
    const goal = { position: [0, 0, 100] as Vec3, target: [0, 0, 0] as Vec3, fov: 60 };
    expect(applyUserOrbit(goal, NO_USER_ORBIT)).toBe(goal);
    const swung = applyUserOrbit(goal, dragOrbit(NO_USER_ORBIT, -100, 0));
    expect(dist(swung.position, goal.target)).toBeCloseTo(100, 6);
    expect(swung.position[0]).toBeGreaterThan(20);
    const over = applyUserOrbit(goal, dragOrbit(NO_USER_ORBIT, 0, 5000));
    expect(over.position[1]).toBeLessThan(100); // never over the pole
    expect(over.position[1]).toBeGreaterThan(99);
    const near = applyUserOrbit(goal, zoomOrbit(NO_USER_ORBIT, 0.1), [20, 150]);
    expect(dist(near.position, goal.target)).toBeCloseTo(25, 6); // zoom floor 0.25 × 100
    const clamped = applyUserOrbit(goal, zoomOrbit(NO_USER_ORBIT, 4), [20, 150]);
    expect(dist(clamped.position, goal.target)).toBeCloseTo(150, 6);
  });
});

describe('the camera never ends up inside the planet it looks past', () => {
  it('a selected moon is seen from outside the planet wherever it is on its orbit', () => {
    const l = orbitLayout(parseOrbitMap(earthOrbitJson()));
    for (let t = 0; t < 40; t += 0.5) {
      const g = orbitGoal(l, 'luna', t);
      expect(Math.hypot(...g.position)).toBeGreaterThan(15 * 1.5);
      const h = orbitGoal(l, 'gateway-station', t);
      expect(Math.hypot(...h.position)).toBeGreaterThan(15 * 1.2);
    }
  });

  it('a selected body is seen from outside its star', () => {
    const l = systemLayout(parseSystemMap(solSystemJson()));
    for (let t = 0; t < 40; t += 0.5) expect(Math.hypot(...systemGoal(l, 'mercury', t).position)).toBeGreaterThan(4.5 * 2);
  });
});
