import { CanvasTexture, ClampToEdgeWrapping, RepeatWrapping, SRGBColorSpace, type Texture } from 'three';
import { cssHex, mixColor, surfaceFamily, type SurfaceFamily } from '../palette';
import { seededRandom, seedOf } from '../random';

/**
 * Textures drawn on a 2D canvas at run time: no image files ship with the campaign data
 * (bridge.md §2.7), so planets, moons, stars and icons are procedural, in the CRT palette.
 * Each is made once per key and cached for the page.
 */

const cache = new Map<string, Texture>();

function cached(key: string, draw: () => HTMLCanvasElement, wrap = false): Texture {
  let t = cache.get(key);
  if (!t) {
    const tex = new CanvasTexture(draw());
    tex.colorSpace = SRGBColorSpace;
    tex.wrapS = wrap ? RepeatWrapping : ClampToEdgeWrapping;
    tex.anisotropy = 4;
    cache.set(key, tex);
    t = tex;
  }
  return t;
}

function canvas(w: number, h: number): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  const ctx = c.getContext('2d');
  if (!ctx) throw new Error('2D canvas unavailable');
  return [c, ctx];
}

/** Soft radial spot: star glow, nebula and background particles. */
export function glowTexture(): Texture {
  return cached('glow', () => {
    const [c, g] = canvas(64, 64);
    const grad = g.createRadialGradient(32, 32, 0, 32, 32, 32);
    grad.addColorStop(0, 'rgba(255,255,255,1)');
    grad.addColorStop(0.25, 'rgba(255,255,255,0.55)');
    grad.addColorStop(1, 'rgba(255,255,255,0)');
    g.fillStyle = grad;
    g.fillRect(0, 0, 64, 64);
    return c;
  });
}

/** A star: soft core and a thin four-point cross (bridge.md §2.1). */
export function starTexture(): Texture {
  return cached('star', () => {
    const [c, g] = canvas(128, 128);
    const grad = g.createRadialGradient(64, 64, 0, 64, 64, 40);
    grad.addColorStop(0, 'rgba(255,255,255,1)');
    grad.addColorStop(0.2, 'rgba(255,255,255,0.8)');
    grad.addColorStop(1, 'rgba(255,255,255,0)');
    g.fillStyle = grad;
    g.fillRect(0, 0, 128, 128);
    for (const [w, h] of [
      [128, 2],
      [2, 128],
    ]) {
      const lin = w > h ? g.createLinearGradient(0, 0, 128, 0) : g.createLinearGradient(0, 0, 0, 128);
      lin.addColorStop(0, 'rgba(255,255,255,0)');
      lin.addColorStop(0.5, 'rgba(255,255,255,0.9)');
      lin.addColorStop(1, 'rgba(255,255,255,0)');
      g.fillStyle = lin;
      g.fillRect(64 - w / 2, 64 - h / 2, w, h);
    }
    return c;
  });
}

/** Orbital station icon: black square, amber outline, amber inner square (bridge.md §2.3). */
export function stationTexture(): Texture {
  return cached('station', () => {
    const [c, g] = canvas(64, 64);
    g.fillStyle = '#000';
    g.fillRect(6, 6, 52, 52);
    g.strokeStyle = '#c4a96a';
    g.lineWidth = 5;
    g.strokeRect(6, 6, 52, 52);
    g.fillStyle = '#c4a96a';
    g.fillRect(22, 22, 20, 20);
    return c;
  });
}

/** Surface marker: black disc, teal ring, teal square. */
export function markerTexture(): Texture {
  return cached('marker', () => {
    const [c, g] = canvas(64, 64);
    g.fillStyle = '#000';
    g.beginPath();
    g.arc(32, 32, 28, 0, Math.PI * 2);
    g.fill();
    g.strokeStyle = '#7f9f9f';
    g.lineWidth = 5;
    g.stroke();
    g.fillStyle = '#7f9f9f';
    g.fillRect(24, 24, 16, 16);
    return c;
  });
}

/**
 * An equirectangular surface in three tones: banded for gas giants, continents and ice caps
 * for oceanic worlds, blotches and craters for rock and ice. The same key draws the same
 * planet on every screen (seeded).
 */
export function surfaceTexture(key: string, family: SurfaceFamily, tones: [number, number, number], noiseScale = 2): Texture {
  return cached(`surface:${family}:${tones.join(',')}:${key}`, () => {
    const W = 512;
    const H = 256;
    const [c, g] = canvas(W, H);
    const rnd = seededRandom(seedOf(key));
    const [dark, mid, light] = tones;
    g.fillStyle = cssHex(family === 'oceanic' ? dark : mid);
    g.fillRect(0, 0, W, H);
    if (family === 'gas') {
      // horizontal bands of varied width, softly mixed
      let y = 0;
      while (y < H) {
        const h = 6 + rnd() * 22;
        g.fillStyle = cssHex(mixColor(dark, light, rnd()));
        g.globalAlpha = 0.55 + rnd() * 0.35;
        g.fillRect(0, y, W, h);
        y += h;
      }
      g.globalAlpha = 0.35;
      for (let k = 0; k < 3; k++) {
        g.fillStyle = cssHex(light);
        g.beginPath();
        g.ellipse(rnd() * W, H * (0.3 + rnd() * 0.4), 18 + rnd() * 20, 7 + rnd() * 6, 0, 0, Math.PI * 2);
        g.fill();
      }
    } else {
      const blobs = Math.round(40 * noiseScale);
      const land = family === 'oceanic' ? mid : family === 'volcanic' ? light : dark;
      for (let k = 0; k < blobs; k++) {
        const x = rnd() * W;
        const y = H * (0.12 + rnd() * 0.76);
        const r = (family === 'oceanic' ? 10 : 5) + rnd() * (family === 'oceanic' ? 34 : 16);
        g.globalAlpha = family === 'oceanic' ? 0.85 : 0.35 + rnd() * 0.4;
        g.fillStyle = cssHex(rnd() < 0.8 ? land : mixColor(land, light, 0.5));
        for (const dx of [-W, 0, W]) {
          g.beginPath();
          g.arc(x + dx, y, r, 0, Math.PI * 2);
          g.fill();
        }
      }
      if (family === 'rock' || family === 'ice') {
        g.globalAlpha = 0.5;
        g.strokeStyle = cssHex(light);
        g.lineWidth = 1.5;
        for (let k = 0; k < 25; k++) {
          g.beginPath();
          g.arc(rnd() * W, H * (0.1 + rnd() * 0.8), 2 + rnd() * 7, 0, Math.PI * 2);
          g.stroke();
        }
      }
      if (family === 'oceanic') {
        g.globalAlpha = 0.9;
        g.fillStyle = cssHex(light);
        g.fillRect(0, 0, W, H * 0.06);
        g.fillRect(0, H * 0.94, W, H * 0.06);
      }
    }
    // scanline texture: the CRT look reaches the planets too
    g.globalAlpha = 0.12;
    g.fillStyle = '#000';
    for (let y = 0; y < H; y += 4) g.fillRect(0, y, W, 2);
    g.globalAlpha = 1;
    return c;
  }, true);
}

export { surfaceFamily };
