import { describe, expect, it } from 'vitest';
import { cellAt, cellCenter, clampZoom, clientToMap, parseViewBox, roomAtCell, connectionPath, doorPlacement, facingSide, PATH_STUB_PX, viewBoxFor, wrapLabel, fitLabel } from './geometry';

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

describe('screen to grid', () => {
  it('maps client pixels through a letterboxed viewBox (meet) and snaps to cells', () => {
    // a 800×560 map drawn in a 1000×560 box: 100 px bars left and right
    const vb = parseViewBox('0 0 800 560')!;
    const p = clientToMap(150, 60, { left: 0, top: 0, width: 1000, height: 560 }, vb)!;
    expect(p).toEqual({ x: 50, y: 60 });
    expect(cellAt(p, 40)).toEqual({ x: 1, y: 1 });
    // zoomed: viewBox half the size, offset
    const z = clientToMap(400, 280, { left: 0, top: 0, width: 800, height: 560 }, { x: 200, y: 140, width: 400, height: 280 })!;
    expect(z).toEqual({ x: 400, y: 280 });
    expect(clientToMap(NaN, 1, { left: 0, top: 0, width: 10, height: 10 }, vb)).toBeNull();
    expect(clientToMap(1, 1, { left: 0, top: 0, width: 0, height: 10 }, vb)).toBeNull();
    expect(parseViewBox('0 0 0 10')).toBeNull();
  });

  it('finds the room containing a cell', () => {
    const rooms = [{ id: 'a', x: 1, y: 1, width: 2, height: 2 }];
    expect(roomAtCell(rooms, { x: 2, y: 2 })?.id).toBe('a');
    expect(roomAtCell(rooms, { x: 3, y: 2 })).toBeNull();
  });
});

describe('wrapLabel', () => {
  it('keeps a name that fits on one line and breaks a longer one at spaces', () => {
    expect(wrapLabel('MEDBAY', 10)).toEqual(['MEDBAY']);
    expect(wrapLabel("CAPTAIN'S QUARTERS", 12)).toEqual(["CAPTAIN'S", 'QUARTERS']);
    expect(wrapLabel('A B C D', 3)).toEqual(['A B', 'C D']);
  });
  it('never cuts a word: one longer than the line keeps its own line', () => {
    expect(wrapLabel('HYDROPONICS BAY', 4)).toEqual(['HYDROPONICS', 'BAY']);
    expect(wrapLabel('  ', 4)).toEqual(['']);
  });
});

describe('fitLabel', () => {
  it('wraps a name that fits at spaces and after hyphens', () => {
    expect(fitLabel("CAPTAIN'S QUARTERS", 12, 2)).toEqual({ lines: ["CAPTAIN'S", 'QUARTERS'], cut: false });
    expect(fitLabel('XENOBIOLOGY-LAB-ANNEX', 16, 2)).toEqual({ lines: ['XENOBIOLOGY-LAB-', 'ANNEX'], cut: false });
    expect(fitLabel('  MEDBAY  ', 10, 1)).toEqual({ lines: ['MEDBAY'], cut: false });
  });
  it('cuts what does not fit the lines the room has, with an ellipsis', () => {
    expect(fitLabel('AUXILIARY REACTOR COOLANT PUMP ROOM', 10, 2)).toEqual({ lines: ['AUXILIARY', 'REACTOR…'], cut: true });
    // the last line keeps as many letters as fit
    expect(fitLabel('CARGO HOLD FORWARD', 10, 1)).toEqual({ lines: ['CARGO HOL…'], cut: true });
    expect(fitLabel('CARGO HOLD', 5, 1)).toEqual({ lines: ['CARG…'], cut: true });
  });
  it('cuts a word wider than a line instead of breaking it over lines', () => {
    expect(fitLabel('DECONTAMINATIONSCHLEUSENKAMMER', 10, 3)).toEqual({ lines: ['DECONTAMI…'], cut: true });
    expect(fitLabel('CRYO DECONTAMINATIONSCHLEUSENKAMMER', 10, 3)).toEqual({ lines: ['CRYO', 'DECONTAMI…'], cut: true });
  });
  it('never gives a line longer than its places', () => {
    for (const n of [3, 4, 7, 11]) {
      for (const rows of [1, 2, 3]) {
        const { lines } = fitLabel('SECONDARY LIFE SUPPORT SCRUBBER GALLERY-ANNEX-B', n, rows);
        expect(lines.length).toBeLessThanOrEqual(rows);
        for (const l of lines) expect(l.length).toBeLessThanOrEqual(n);
      }
    }
  });
  it('draws nothing where not even a letter and an ellipsis fit', () => {
    expect(fitLabel('ENGINEERING', 2, 3)).toEqual({ lines: [], cut: true });
    expect(fitLabel('ENGINEERING', 12, 0)).toEqual({ lines: [], cut: true });
  });
});
