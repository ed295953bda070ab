/** Small readers shared by the endpoint adapters: whatever arrives, a typed value comes out. */
export type Raw = Record<string, unknown>;

export function obj(v: unknown): Raw {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {};
}

export function objects(v: unknown): Raw[] {
  return Array.isArray(v) ? v.filter((x): x is Raw => !!x && typeof x === 'object' && !Array.isArray(x)) : [];
}

/** Text: strings trimmed, finite numbers written out, anything else "". */
export function text(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '';
}

export function numOrNull(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** The first of `keys` that holds text. */
export function firstText(r: Raw, ...keys: string[]): string {
  for (const k of keys) {
    const t = text(r[k]);
    if (t) return t;
  }
  return '';
}

/** A list of names: an array of strings, or a comma-separated string (data-format.md §6.4). */
export function names(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(text).filter(Boolean);
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
}
