import { describe, expect, it } from 'vitest';
import { cellCenter, clampZoom, connectionPath, doorPlacement, facingSide, PATH_STUB_PX, viewBoxFor } from './geometry';

const A = { x: 0, y: 0, width: 100, height: 100 };

describe('map geometry', () => {
  it('a door sits on the edge facing the other room', () => {
    expect(facingSide(A, { x: 300, y: 20, width: 100, height: 100 })).toBe('right');
    expect(facingSide(A, { x: -300, y: 0, width: 100, height: 100 })).toBe('left');
    expect(facingSide(A, { x: 20, y: 300, width: 100, height: 100 })).toBe('bottom');
    expect(facingSide(A, { x: 0, y: -300, width: 100, height: 100 })).toBe('top');
    expect(doorPlacement(A, { x: 300, y: 0, width: 100, height: 100 }).point).toEqual({ x: 100, y: 50 });
    expect(doorPlacement(A, { x: 0, y: 300, width: 100, height: 100 }).point).toEqual({ x: 50, y: 100 });
  });

  it('path lines leave each edge by the stub length and end on both edges', () => {
    const B = { x: 300, y: 200, width: 100, height: 100 };
    const pts = connectionPath(A, B);
    expect(pts[0]).toEqual({ x: 100, y: 50 });
    // leaves the edge straight out, at least the stub length before turning
    expect(pts[1].y).toBe(50);
    expect(pts[1].x).toBeGreaterThanOrEqual(100 + PATH_STUB_PX);
    expect(pts.at(-1)).toEqual({ x: 300, y: 250 });
    // every segment is horizontal, vertical or 45°
    for (let i = 1; i < pts.length; i++) {
      const dx = Math.abs(pts[i].x - pts[i - 1].x);
      const dy = Math.abs(pts[i].y - pts[i - 1].y);
      expect(dx === 0 || dy === 0 || Math.abs(dx - dy) < 0.01).toBe(true);
    }
  });

  it('a straight connection has no corners', () => {
    const pts = connectionPath(A, { x: 300, y: 0, width: 100, height: 100 });
    expect(pts).toEqual([
      { x: 100, y: 50 },
      { x: 300, y: 50 },
    ]);
  });

  it('cells, zoom limits, viewBox', () => {
    expect(cellCenter(2, 3, 40)).toEqual({ x: 100, y: 140 });
    expect(clampZoom(10)).toBe(3);
    expect(clampZoom(0.1)).toBe(0.5);
    expect(viewBoxFor(800, 400, 2, 400, 200)).toBe('200 100 400 200');
  });
});
