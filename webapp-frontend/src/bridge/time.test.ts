import { describe, expect, it } from 'vitest';
import { FASTEST_LAP_SECONDS, lapSeconds, orbitAngle, shortestPeriod, spinAngle, spinRadPerSecond } from './time';

describe('the time rule', () => {
  it('the shortest period of a map laps in FASTEST_LAP_SECONDS; the others keep their period ratio', () => {
    expect(FASTEST_LAP_SECONDS).toBe(20);
    const shortest = shortestPeriod([365, 88, 687])!;
    expect(shortest).toBe(88);
    expect(lapSeconds(88, shortest)).toBe(20);
    expect(lapSeconds(365, shortest)).toBeCloseTo((20 * 365) / 88);
    // TRAPPIST-1 (1.51 days) and Sol (88 days) both get a 20 s fastest lap: one rule, per map
    expect(lapSeconds(1.51, 1.51)).toBe(lapSeconds(88, 88));
    expect(lapSeconds(0, null)).toBe(20);
  });

  it('the angle is a function of elapsed time: start angle at 0, a full lap later the same, half a lap +π', () => {
    expect(orbitAngle(90, 20, 0)).toBeCloseTo(Math.PI / 2);
    expect(orbitAngle(90, 20, 20)).toBeCloseTo(Math.PI / 2);
    expect(orbitAngle(0, 20, 10)).toBeCloseTo(Math.PI);
    expect(orbitAngle(-90, 20, 0)).toBeCloseTo((3 * Math.PI) / 2);
  });

  it('is exact enough at wall-clock epochs: two screens one lap apart agree to a micro-radian', () => {
    const now = 1_800_000_000.25;
    expect(Math.abs(orbitAngle(30, 37.3, now) - orbitAngle(30, 37.3, now + 37.3 * 1000))).toBeLessThan(1e-6);
  });

  it('does not depend on frame rate: 60 small steps land where one big step does', () => {
    let t = 100;
    for (let k = 0; k < 60; k++) t += 1 / 60;
    expect(orbitAngle(10, 20, t)).toBeCloseTo(orbitAngle(10, 20, 101), 9);
  });

  it('reads the original per-frame spin at 60 frames a second', () => {
    expect(spinRadPerSecond(0.002)).toBeCloseTo(0.12);
    expect(spinAngle(0.12, 0)).toBe(0);
    expect(spinAngle(0.12, 1)).toBeCloseTo(0.12);
    expect(spinAngle(-0.12, 1)).toBeCloseTo(2 * Math.PI - 0.12);
    expect(spinAngle(0, 5)).toBe(0);
  });
});
