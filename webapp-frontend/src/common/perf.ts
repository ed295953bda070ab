/**
 * Performance mode (ui.md §1): `?perf=1` turns off scanlines, animations and transitions
 * for weak devices, `?perf=0` turns them back on; the choice is remembered locally.
 */
const STORAGE_KEY = 'charon-perf-mode';

export function resolvePerfMode(search: string, storage: Pick<Storage, 'getItem' | 'setItem'> | null): boolean {
  const param = new URLSearchParams(search).get('perf');
  if (param === '1' || param === '0') {
    try {
      storage?.setItem(STORAGE_KEY, param);
    } catch {
      // storage may be unavailable (private mode); the URL still decides
    }
    return param === '1';
  }
  try {
    return storage?.getItem(STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

let perf = false;

/** Apply the mode to the document (`<html data-perf="1">`). Called once by each entry. */
export function initPerfMode(): boolean {
  let storage: Storage | null = null;
  try {
    storage = window.localStorage;
  } catch {
    storage = null;
  }
  perf = resolvePerfMode(window.location.search, storage);
  document.documentElement.dataset.perf = perf ? '1' : '0';
  return perf;
}

export function isPerfMode(): boolean {
  return perf || document.documentElement.dataset.perf === '1';
}
