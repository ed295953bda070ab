import { describe, expect, it } from 'vitest';
import { MAX_ZOOM } from './geometry';
import { createThrottle, fitRectView, homeView, panBy, parseView, pinchView, unitsPerPixel, viewOfRect, viewRect, zoomAt } from './viewport';

const W = 1200;
const H = 900;
const box = { left: 0, top: 0, width: 1200, height: 900 };

describe('viewport maths', () => {
  it('a pinch that doubles the spread doubles the zoom and keeps the point between the fingers', () => {
    const start = homeView(W, H);
    const v = pinchView(start, { x: 500, y: 450 }, { x: 700, y: 450 }, { x: 400, y: 450 }, { x: 800, y: 450 }, box, W, H);
    expect(v.zoom).toBeCloseTo(2);
    // the map point at the midpoint (600, 450) = the centre stays at the centre
    expect(v.cx).toBeCloseTo(600);
    expect(v.cy).toBeCloseTo(450);
  });

  it('two fingers moving together pan the map with them', () => {
    const start = homeView(W, H);
    const v = pinchView(start, { x: 500, y: 400 }, { x: 700, y: 400 }, { x: 600, y: 400 }, { x: 800, y: 400 }, box, W, H);
    expect(v.zoom).toBeCloseTo(1);
    expect(v.cx).toBeCloseTo(500);
  });

  it('a pinch is clamped to the zoom limits', () => {
    const v = pinchView(homeView(W, H), { x: 590, y: 450 }, { x: 610, y: 450 }, { x: 0, y: 450 }, { x: 1200, y: 450 }, box, W, H);
    expect(v.zoom).toBe(MAX_ZOOM);
  });

  it('wheel zoom keeps the map point under the pointer', () => {
    const v = zoomAt(homeView(W, H), 2, { x: 300, y: 225 }, box, W, H);
    expect(v.zoom).toBe(2);
    // map point (300, 225) stays at client (300, 225): cx = 300 - (300-600)/2
    expect(v.cx).toBeCloseTo(450);
    expect(v.cy).toBeCloseTo(337.5);
  });

  it('a drag moves the map by the pointer distance in map units', () => {
    const v = panBy({ zoom: 2, cx: 600, cy: 450 }, 100, -50, box, W, H);
    expect(v).toEqual({ zoom: 2, cx: 550, cy: 475 });
  });

  it('a viewport rectangle round-trips through the view that shows it', () => {
    const view = { zoom: 2.5, cx: 321, cy: 123 };
    const back = viewOfRect(viewRect(view, W, H), W, H);
    expect(back.zoom).toBeCloseTo(2.5);
    expect(back.cx).toBeCloseTo(321);
    expect(back.cy).toBeCloseTo(123);
  });

  it('fitting the rooms players see on a tall phone: the whole rect on screen, as large as it goes, within the limits', () => {
    const phone = { left: 0, top: 0, width: 390, height: 600 };
    // rooms over 15×10 cells (40 units a cell) of a 30×22.5-cell map
    const rect = { x: 0, y: 0, width: 600, height: 400 };
    const v = fitRectView(rect, phone, W, H);
    expect(v.cx).toBe(300);
    expect(v.cy).toBe(200);
    const upp = unitsPerPixel(v.zoom, phone, W, H);
    expect(rect.width / upp).toBeCloseTo(390); // the width fills the phone
    expect(rect.height / upp).toBeLessThanOrEqual(600);
    // one cell: a whole deck would give 13 px; no further than MAX_ZOOM allows
    expect(v.zoom).toBeLessThanOrEqual(MAX_ZOOM);
    expect(fitRectView({ x: 0, y: 0, width: 40, height: 40 }, phone, W, H).zoom).toBe(MAX_ZOOM);
    // a rect larger than the map: zoomed out, but not past the lower limit
    expect(fitRectView({ x: 0, y: 0, width: 1e6, height: 10 }, phone, W, H).zoom).toBe(0.5);
    // nothing measured yet: the plain centre at zoom 1
    expect(fitRectView(rect, { width: 0, height: 0 }, W, H)).toEqual({ zoom: 1, cx: 300, cy: 200 });
  });

  it('a stored view is checked like any input', () => {
    expect(parseView({ zoom: 2, cx: 1, cy: 2 })).toEqual({ zoom: 2, cx: 1, cy: 2 });
    expect(parseView({ zoom: 99, cx: 1, cy: 2 })?.zoom).toBe(MAX_ZOOM);
    expect(parseView({ zoom: 0, cx: 1, cy: 2 })).toBeNull();
    expect(parseView({ zoom: 1, cx: 'x', cy: 2 })).toBeNull();
    expect(parseView(null)).toBeNull();
  });
});

describe('createThrottle', () => {
  it('sends the first at once, at most one per interval, and always the last', () => {
    let t = 0;
    const timers: Array<{ at: number; f: () => void }> = [];
    const sent: number[] = [];
    const th = createThrottle<number>(100, (v) => sent.push(v), () => t, (f, ms) => timers.push({ at: t + ms, f }));
    // a GM panning for 300 ms, one viewport every 10 ms (31 pushes)
    for (let i = 0; i <= 30; i++) {
      t = i * 10;
      const due = timers[0];
      if (due && due.at <= t) {
        timers.shift();
        due.f();
      }
      th.push(i);
    }
    while (timers.length) {
      const due = timers.shift()!;
      t = due.at;
      due.f();
    }
    expect(sent[0]).toBe(0);
    expect(sent[sent.length - 1]).toBe(30);
    expect(sent.length).toBeLessThanOrEqual(5); // 10/s over 0.3 s, plus the first and the last
    expect(sent).toEqual([0, 9, 19, 29, 30]);
  });
});
