/**
 * JSON Merge Patch (RFC 7386), applied without mutating anything and keeping the identity
 * of every part the patch does not touch (docs/protocol.md, "The SSE stream").
 *
 *  - a patch that is an object merges into the target key by key (a target that is not an
 *    object is treated as `{}`);
 *  - a `null` value removes the key;
 *  - anything else (arrays, strings, numbers, booleans) replaces the target value whole.
 *
 * A token move `{"encounter_tokens": {"a1": {...}}}` therefore yields a new root, a new
 * token map and a new `a1`; every other token, the visibility map, the door overrides…
 * are the very same objects as before, so memoised components re-render only the moved
 * token. A patch that changes nothing (or is empty) returns the target itself.
 */
export function applyMergePatch<T = unknown>(target: T, patch: unknown): T {
  if (!isPlainObject(patch)) return patch as T;
  const base: Record<string, unknown> = isPlainObject(target) ? target : {};
  let out: Record<string, unknown> | null = isPlainObject(target) ? null : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    const has = Object.prototype.hasOwnProperty.call(base, key);
    if (value === null) {
      if (!has) continue;
      out ??= { ...base };
      delete out[key];
      continue;
    }
    const next = applyMergePatch(has ? base[key] : undefined, value);
    if (has && Object.is(next, base[key])) continue;
    out ??= { ...base };
    out[key] = next;
  }
  return (out ?? base) as T;
}

/** A patch frame of the stream: `{epoch, version, base, patch}`. */
export interface PatchFrame {
  epoch: string;
  version: number;
  base: number;
  patch: Record<string, unknown>;
}

/** True when a stream payload is a patch frame (it has a `patch` member). */
export function isPatchFrame(payload: unknown): payload is PatchFrame {
  return isPlainObject(payload) && Object.prototype.hasOwnProperty.call(payload, 'patch');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
