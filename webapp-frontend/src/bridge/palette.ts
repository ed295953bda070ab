import type { TextureConfig } from './types';

/**
 * The CRT palette of the 3D maps (theme.css, ui.md §1) and the procedural look of spheres:
 * no image textures ship with the campaign data, so planets and moons are drawn from a
 * family of three palette colours, nudged toward the body's own colour. Pure.
 */
export const CRT = {
  black: 0x000000,
  panel: 0x0f1515,
  teal: 0x4a6b6b,
  tealBright: 0x5a7a7a,
  tealLight: 0x7f9f9f,
  amber: 0x8b7355,
  amberBright: 0x9a8065,
  amberLight: 0xc4a96a,
  red: 0x8b5555,
  grey: 0x9a9a9a,
} as const;

export type SurfaceFamily = 'oceanic' | 'gas' | 'rock' | 'volcanic' | 'ice' | 'station';

/** Dark, mid and light tones of a family, before the body's colour is mixed in. */
const FAMILY_TONES: Record<SurfaceFamily, [number, number, number]> = {
  oceanic: [0x223838, 0x4a6b6b, 0x9a8065],
  gas: [0x4a3c2c, 0x8b7355, 0xc4a96a],
  rock: [0x2e3434, 0x5a6262, 0x8a9292],
  volcanic: [0x2a1c18, 0x6b3c30, 0x8b5555],
  ice: [0x3a5252, 0x7f9f9f, 0xb4c4c4],
  station: [0x1a2525, 0x8b7355, 0xc4a96a],
};

/** Which family a sphere belongs to, from its texture_config type, then its own type. */
export function surfaceFamily(type: string, config: TextureConfig | null = null): SurfaceFamily {
  const t = `${config?.type ?? ''} ${type}`.toLowerCase();
  if (/gas|giant|jovian/.test(t)) return 'gas';
  if (/volcan|lava|molten/.test(t)) return 'volcanic';
  if (/ice|frozen|glacial/.test(t)) return 'ice';
  if (/ocean|terrestrial|earth|garden|jungle|habitable/.test(t)) return 'oceanic';
  if (/station|platform/.test(t)) return 'station';
  return 'rock';
}

export function mixColor(a: number, b: number, t: number): number {
  const k = Math.max(0, Math.min(1, t));
  const ch = (shift: number) => {
    const x = (a >> shift) & 0xff;
    const y = (b >> shift) & 0xff;
    return Math.round(x + (y - x) * k) & 0xff;
  };
  return (ch(16) << 16) | (ch(8) << 8) | ch(0);
}

/** How much of a body's own colour shows through the palette (keeps the CRT look). */
export const OWN_COLOR_WEIGHT = 0.3;

/** The three tones of a sphere: the family's, each nudged toward the data's colours. */
export function sphereTones(type: string, config: TextureConfig | null, own: number | null): [number, number, number] {
  const [dark, mid, light] = FAMILY_TONES[surfaceFamily(type, config)];
  const primary = config?.primary ?? own;
  const secondary = config?.secondary ?? null;
  const tertiary = config?.tertiary ?? null;
  return [
    primary === null ? dark : mixColor(dark, primary, OWN_COLOR_WEIGHT * 0.6),
    secondary === null ? (primary === null ? mid : mixColor(mid, primary, OWN_COLOR_WEIGHT)) : mixColor(mid, secondary, OWN_COLOR_WEIGHT),
    tertiary === null ? light : mixColor(light, tertiary, OWN_COLOR_WEIGHT),
  ];
}

export function cssHex(c: number): string {
  return `#${(c & 0xffffff).toString(16).padStart(6, '0')}`;
}
