/**
 * Structural sharing: returns `next`, but with every sub-tree that is deeply equal to
 * the matching sub-tree of `prev` replaced by the `prev` object itself.
 *
 * Every event is a full snapshot; with this, a token that did not move keeps its object
 * identity, so memoised components (one per token) skip rendering and a move re-renders
 * only the token that moved.
 */
export function replaceEqualDeep<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next)) return prev as T;
  if (Array.isArray(prev) && Array.isArray(next)) {
    let same = prev.length === next.length;
    const out = next.map((item, i) => {
      const shared = replaceEqualDeep(prev[i], item);
      if (!Object.is(shared, prev[i])) same = false;
      return shared;
    });
    return (same ? prev : out) as T;
  }
  if (isPlainObject(prev) && isPlainObject(next)) {
    const prevKeys = Object.keys(prev);
    const nextKeys = Object.keys(next);
    let same = prevKeys.length === nextKeys.length;
    const out: Record<string, unknown> = {};
    for (const key of nextKeys) {
      const shared = replaceEqualDeep(prev[key], next[key]);
      out[key] = shared;
      if (!Object.prototype.hasOwnProperty.call(prev, key) || !Object.is(shared, prev[key])) same = false;
    }
    return (same ? prev : out) as T;
  }
  return next;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
